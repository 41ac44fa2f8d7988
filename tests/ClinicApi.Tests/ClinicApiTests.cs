using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Assessments;
using Assessments.Serialization;
using Assessments.Trends;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit;
using Assessments.Batches;

namespace ClinicApi.Tests;

/// <summary>The sample starts on Kestrel on a free loopback port; every request goes over a real socket.</summary>
public sealed class KestrelFactory : WebApplicationFactory<Program>
{
    public KestrelFactory()
    {
        UseKestrel(0);
        StartServer();
    }
}

public sealed class ClinicApiTests(KestrelFactory factory) : IClassFixture<KestrelFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static JsonObject Parse(string body) => JsonNode.Parse(body)!.AsObject();

    [Fact]
    public async Task TheServerListensOnARealSocket()
    {
        Assert.Equal("http", _client.BaseAddress!.Scheme);
        Assert.NotEqual(80, _client.BaseAddress.Port);
        using HttpResponseMessage response = await _client.GetAsync(new Uri("/instruments", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Score_ReturnsTheResultInTheWireFormat()
    {
        const string document = """{"id":"visit-0142","instrument":"phq-9","items":[1,2,3,1,2,3,0,1,2]}""";
        using HttpResponseMessage response = await _client.PostAsync(new Uri("/score", UriKind.Relative), Json(document));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        string body = await response.Content.ReadAsStringAsync();
        string expected = AssessmentsJson.WriteResult(Instruments.Phq9.Score([1, 2, 3, 1, 2, 3, 0, 1, 2], null, "visit-0142"));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(body)), body);
    }

    [Fact]
    public async Task Score_InvalidResponse_IsAProblemThatKeepsTheFlag()
    {
        // EPDS item 10 (self-harm) answered 3 with item 1 out of range: 422, and the urgent flag is in the problem.
        const string document = """{"instrument":"epds","items":[7,0,0,0,0,0,0,0,0,3]}""";
        using HttpResponseMessage response = await _client.PostAsync(new Uri("/score", UriKind.Relative), Json(document));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        JsonObject problem = Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(422, (int)problem["status"]!);
        Assert.Equal("item-out-of-range", (string?)problem["errors"]![0]!["code"]);
        Assert.Contains(problem["flags"]!.AsArray(), f => (string?)f!["id"] == "suicide-risk" && (int)f["item"]! == 10 && (string?)f["priority"] == "urgent");
        Assert.DoesNotContain("\"7\"", problem.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Score_UnreadableDocument_IsA400ThatKeepsTheFlag()
    {
        const string document = """{"instrument":"phq-9","items":[0,0,0,0,0,"often",0,0,3]}""";
        using HttpResponseMessage response = await _client.PostAsync(new Uri("/score", UriKind.Relative), Json(document));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        JsonObject problem = Parse(await response.Content.ReadAsStringAsync());
        JsonArray flags = problem["flags"]!.AsArray();
        Assert.Contains(flags, f => (string?)f!["id"] == "suicide-risk" && (int)f["item"]! == 9 && (int)f["value"]! == 3);
    }

    [Fact]
    public async Task Score_TruncatedDocument_IsA400ThatKeepsTheFlag()
    {
        // Issue 19: the README's typed route answered this with an empty 400; Assessments.AspNetCore reads the kept body.
        using HttpResponseMessage response = await _client.PostAsync(new Uri("/score", UriKind.Relative), Json("""{"instrument":"phq-9","items":[0,0,0,0,0,0,0,0,3"""));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        JsonObject problem = Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(problem["flags"]!.AsArray(), f => (int)f!["item"]! == 9 && (string?)f["priority"] == "urgent");
    }

    [Fact]
    public async Task Score_BindsAResponseParameter()
    {
        using HttpResponseMessage ok = await _client.PostAsync(new Uri("/score", UriKind.Relative), Json("""{"instrument":"gad-7","items":[3,3,3,3,3,3,3]}"""));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(21, (int)Parse(await ok.Content.ReadAsStringAsync())["total"]!);

        using HttpResponseMessage bad = await _client.PostAsync(new Uri("/score", UriKind.Relative), Json("""{"instrument":"phq-9","items":[0,0,0,0,0,0,0,"x",2]}"""));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        JsonObject problem = Parse(await bad.Content.ReadAsStringAsync());
        Assert.Contains("item-not-a-number", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Contains(problem["flags"]!.AsArray(), f => (int)f!["item"]! == 9 && (string?)f["priority"] == "urgent");

        using HttpResponseMessage unknown = await _client.PostAsync(new Uri("/score", UriKind.Relative), Json("""{"instrument":"phq-99","items":[]}"""));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("unknown-instrument", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Batch_StreamsOneLinePerDocumentInOrder()
    {
        string[] documents = [.. Enumerable.Range(0, 2000).Select(i => i % 7 == 3
            ? $$"""{"id":"r{{i}}","instrument":"nope","items":[]}"""
            : $$"""{"id":"r{{i}}","instrument":"phq-9","items":[{{i % 4}},0,0,0,0,0,0,0,{{i % 4}}]}""")];
        string input = string.Join('\n', documents) + "\n";
        using var content = new StringContent(input, Encoding.UTF8, "application/x-ndjson");
        using HttpResponseMessage response = await _client.PostAsync(new Uri("/score/batch", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType!.MediaType);
        string body = await response.Content.ReadAsStringAsync();

        using var expected = new MemoryStream();
        BatchScoring.ScoreNdjson(new MemoryStream(Encoding.UTF8.GetBytes(input)), expected);
        Assert.Equal(Encoding.UTF8.GetString(expected.ToArray()), body);
        Assert.Equal(2000, body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Course_ReturnsTheSummary_AndAnInvalidCourseKeepsItsFlags()
    {
        string course = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "ketamine-madrs.json"));
        using HttpResponseMessage ok = await _client.PostAsync(new Uri("/course", UriKind.Relative), Json(course));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        CourseReadResult local = TreatmentCourse.SummarizeDocument(course);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(CourseJson.Write(local.Summary!)), JsonNode.Parse(await ok.Content.ReadAsStringAsync())));

        // v3: an invalid assessment is listed with its errors and flags; the course is still summarised.
        const string withInvalid = """
            {"instrument":"madrs","assessments":[
              {"at":"2026-01-05T08:00:00Z","items":[6,6,6,6,6,6,6,6,6,6]},
              {"at":"2026-01-06T08:00:00Z","items":[9,0,0,0,0,0,0,0,0,5]}]}
            """;
        using HttpResponseMessage listed = await _client.PostAsync(new Uri("/course", UriKind.Relative), Json(withInvalid));
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        JsonObject summary = Parse(await listed.Content.ReadAsStringAsync());
        Assert.Equal("invalid", (string?)summary["assessments"]![1]!["role"]);
        Assert.Equal("assessments[1]", (string?)summary["errors"]![0]!["position"]);
        Assert.Contains(summary["safetyFlags"]!.AsArray(), f => (string?)f!["at"] == "2026-01-06T08:00:00Z" && (int)f["item"]! == 10 && (int)f["value"]! == 5);

        // "strict" keeps v2's rule: the course is invalid, and still carries the flag.
        string invalid = withInvalid.Replace("{\"instrument\":\"madrs\",", "{\"instrument\":\"madrs\",\"options\":{\"strict\":true},", StringComparison.Ordinal);
        using HttpResponseMessage bad = await _client.PostAsync(new Uri("/course", UriKind.Relative), Json(invalid));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        JsonObject problem = Parse(await bad.Content.ReadAsStringAsync());
        JsonArray flags = problem["safetyFlags"]!.AsArray();
        Assert.Contains(flags, f => (string?)f!["at"] == "2026-01-06T08:00:00Z" && (int)f["item"]! == 10 && (int)f["value"]! == 5);
    }

    [Fact]
    public async Task Instruments_ServeTheirDefinitions_UnknownIs404()
    {
        using HttpResponseMessage ok = await _client.GetAsync(new Uri("/instruments/madrs", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(InstrumentDefinitions.Export(Instruments.Madrs)), JsonNode.Parse(await ok.Content.ReadAsStringAsync())));

        using HttpResponseMessage missing = await _client.GetAsync(new Uri("/instruments/nope", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task OpenApi_DescribesEveryEndpoint()
    {
        using HttpResponseMessage response = await _client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonObject paths = Parse(await response.Content.ReadAsStringAsync())["paths"]!.AsObject();
        foreach (string path in new[] { "/score", "/score/batch", "/course", "/instruments", "/instruments/{id}" })
            Assert.True(paths.ContainsKey(path), path);
        Assert.NotNull(paths["/score"]!["post"]!["responses"]!["422"]);
    }

    private static string LhcResponse => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "lhc-forms-phq9-response.json"));

    [Fact]
    public async Task FhirScore_ScoresTheLhcFormsResponse_WithItsSource()
    {
        using HttpResponseMessage response = await _client.PostAsync(new Uri("/fhir/QuestionnaireResponse/$score", UriKind.Relative), new StringContent(LhcResponse, Encoding.UTF8, "application/fhir+json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonObject body = Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(15, (int)body["total"]!);
        Assert.Equal("urgent", (string)body["flags"]![0]!["priority"]!);
        Assert.True((bool)body["source"]!["embeddedTotalAgrees"]!);
    }

    [Fact]
    public async Task FhirScore_AsAnObservation()
    {
        using HttpResponseMessage response = await _client.PostAsync(new Uri("/fhir/QuestionnaireResponse/$score?format=fhir", UriKind.Relative), new StringContent(LhcResponse, Encoding.UTF8, "application/fhir+json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType!.MediaType);
        JsonObject body = Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(("Observation", 15), ((string)body["resourceType"]!, (int)body["valueInteger"]!));
    }

    [Fact]
    public async Task FhirScore_UnknownAnswerCode_IsAProblemThatKeepsTheFlag()
    {
        string variant = LhcResponse.Replace("LA6568-5", "LA0000-0", StringComparison.Ordinal);
        using HttpResponseMessage response = await _client.PostAsync(new Uri("/fhir/QuestionnaireResponse/$score", UriKind.Relative), new StringContent(variant, Encoding.UTF8, "application/fhir+json"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        JsonObject problem = Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("fhir-unknown-answer-code", (string)problem["result"]!["errors"]![0]!["code"]!);
        Assert.Equal("urgent", (string)problem["result"]!["flags"]![0]!["priority"]!);
    }

    [Fact]
    public async Task FhirQuestionnaire_IsServed()
    {
        using HttpResponseMessage response = await _client.GetAsync(new Uri("/fhir/Questionnaire/gad-7", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("http://assessments.dev/fhir/Questionnaire/gad-7", (string)Parse(await response.Content.ReadAsStringAsync())["url"]!);
    }
}
