using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Assessments.AspNetCore.Tests;

/// <summary>The README's app, exactly (two lines and typed binding), on Kestrel on a free loopback port with a small
/// request-body limit (100 KB), so every request goes over a real socket.</summary>
public sealed class ReadmeApp : IAsyncLifetime
{
    private WebApplication? _app;

    public HttpClient Client { get; private set; } = new();

    /// <summary>What the capped batch endpoint returned last (the counts a caller would alert on).</summary>
    public Assessments.Batches.BatchSummary? LastCapped { get; private set; }

    public async Task InitializeAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = 100_000);
        builder.Services.AddAssessments();
        builder.Services.AddOpenApi(o => o.AddAssessmentsSchemas());
        WebApplication app = builder.Build();
        app.UseAssessments();
        app.MapOpenApi();
        app.MapPost("/score", (Response response) => AssessmentsResults.Score(response));
        app.MapPost("/score/batch", async (HttpContext context, CancellationToken _) => { await AssessmentsBatch.ScoreNdjsonAsync(context); });
        app.MapPost("/score/batch/capped", async (HttpContext context, CancellationToken _) => { LastCapped = await AssessmentsBatch.ScoreNdjsonAsync(context, maxBodyBytes: 10_000); });
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Client = new HttpClient { BaseAddress = new Uri(address) };
        _app = app;
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_app is not null)
            await _app.DisposeAsync();
    }
}

public sealed class ReadmeAppTests(ReadmeApp app) : IClassFixture<ReadmeApp>
{
    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private async Task<(HttpStatusCode Status, string? MediaType, JsonObject Body)> Post(string path, string body)
    {
        using HttpResponseMessage response = await app.Client.PostAsync(new Uri(path, UriKind.Relative), Json(body));
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    private static bool HasUrgentItem(JsonObject problem, int item) =>
        problem["flags"]!.AsArray().Any(f => (int?)f!["item"] == item && (string?)f["priority"] == "urgent");

    [Fact]
    public async Task AValidResponse_IsScored()
    {
        var (status, _, body) = await Post("/score", """{"instrument":"gad-7","items":[3,3,3,3,3,3,3]}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(21, (int)body["total"]!);
    }

    /// <summary>Issue 19's repros: each came back as an empty 400 from the README's pattern, the urgent flag gone.</summary>
    [Theory]
    [InlineData("""{"instrument":"phq-9","items":[0,0,0,0,0,0,0,"x",3]}""", "item-not-a-number")]  // an unreadable item
    [InlineData("""{"instrument":"phq-9","items":[0,0,0,0,0,0,0,0,3],"items":[0]}""", "duplicate-property")] // a repeated key
    [InlineData("""{"instrument":"phq-9","items":[0,0,0,0,0,0,0,0,3""", "malformed-document")]    // truncated: never reaches the converter
    [InlineData("""{"instrument":"phq-9","items":[0,0,0,0,0,0,0,0,3]}}""", "malformed-document")]  // a trailing brace
    public async Task ABodyThatCannotBeRead_IsAProblemWithItsCodeAndTheUrgentFlag(string document, string code)
    {
        var (status, mediaType, problem) = await Post("/score", document);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", mediaType);
        Assert.Contains(problem["errors"]!.AsArray(), e => (string?)e!["code"] == code);
        Assert.True(HasUrgentItem(problem, 9), problem.ToJsonString());
    }

    [Fact]
    public async Task AnUnknownInstrument_IsAProblemNamingIt()
    {
        var (status, mediaType, problem) = await Post("/score", """{"instrument":"phq-99","items":[1]}""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", mediaType);
        Assert.Equal("unknown-instrument", (string?)problem["errors"]![0]!["code"]);
    }

    [Fact]
    public async Task AnInvalidResponse_Is422WithItsErrorsAndFlags_AndNoPatientValue()
    {
        var (status, mediaType, problem) = await Post("/score", """{"instrument":"epds","items":[7,0,0,0,0,0,0,0,0,3]}""");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("application/problem+json", mediaType);
        Assert.Equal("item-out-of-range", (string?)problem["errors"]![0]!["code"]);
        Assert.True(HasUrgentItem(problem, 10));
        Assert.DoesNotContain("\"7\"", problem.ToJsonString(), StringComparison.Ordinal);
    }

    private static string Lines(int count) =>
        string.Concat(Enumerable.Range(0, count).Select(i => $$"""{"id":"r{{i}}","instrument":"phq-9","items":[{{i % 4}},0,0,0,0,0,0,0,{{i % 4}}]}""" + "\n"));

    [Fact]
    public async Task ABatchLargerThanTheServersBodyLimit_IsReadToItsEnd()
    {
        // 3,000 lines, about 250 KB, against a 100 KB server limit: before, the server cut the body after a 200 and
        // the remaining patients' results were lost without an error line.
        string input = Lines(3000);
        Assert.True(Encoding.UTF8.GetByteCount(input) > 100_000);
        using HttpResponseMessage response = await app.Client.PostAsync(new Uri("/score/batch", UriKind.Relative), new StringContent(input, Encoding.UTF8, "application/x-ndjson"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        string[] lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3000, lines.Length);
        Assert.EndsWith("\"id\":\"r2999\"", JsonNode.Parse(lines[^1])!["id"]!.ToJsonString().Insert(0, "\"id\":"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABatchStatingALengthOverTheCallersLimit_IsRefusedBeforeAnyResult()
    {
        using HttpResponseMessage response = await app.Client.PostAsync(new Uri("/score/batch/capped", UriKind.Relative), new StringContent(Lines(300), Encoding.UTF8, "application/x-ndjson"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ABatchThatTurnsOutOverTheLimitWhileStreaming_EndsWithAnErrorLine()
    {
        // Chunked: no length stated, so the limit is met mid-stream; every line read has its result, then the error line.
        var content = new StreamContent(new System.IO.MemoryStream(Encoding.UTF8.GetBytes(Lines(300))));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-ndjson");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/score/batch/capped", UriKind.Relative)) { Content = content };
        request.Headers.TransferEncodingChunked = true;
        using HttpResponseMessage response = await app.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        string[] lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.InRange(lines.Length, 2, 299);
        Assert.Equal(AssessmentsBatch.BodyIncompleteCode, (string?)JsonNode.Parse(lines[^1])!["errors"]![0]!["code"]);
        Assert.All(lines[..^1], l => Assert.NotNull(JsonNode.Parse(l)!["total"]));

        // Review: the caller got null here, so an "alert when UrgentFlags > 0" check never fired for the lines streamed.
        Assessments.Batches.BatchSummary summary = Assert.IsType<Assessments.Batches.BatchSummary>(app.LastCapped);
        Assert.False(summary.IsComplete);
        Assert.Equal(lines.Length - 1, summary.Documents);
        long urgent = lines[..^1].Sum(l => JsonNode.Parse(l)!["flags"]!.AsArray().Count(f => (string?)f!["priority"] == "urgent"));
        Assert.True(urgent > 0);
        Assert.Equal(urgent, summary.UrgentFlags);
    }

    [Theory]
    [InlineData("#", "Course", "CourseSummary")]
    [InlineData("#/$defs/errorList", "Course", "CourseErrorList")]
    [InlineData("result.schema.json", "Course", "ScoringResult")]
    [InlineData("result.schema.json#/$defs/flag", "Course", "ResultFlag")]
    public void ASchemaReference_NamesItsComponent(string reference, string current, string component) =>
        Assert.Equal(component, WireSchemas.Target(reference, current));

    [Theory]
    [InlineData("#/$defs/errors/properties/errors")]
    [InlineData("other.schema.json#/$defs/x")]
    public void ASchemaReference_ThatNamesNoComponent_IsRefused(string reference) =>
        Assert.Throws<InvalidOperationException>(() => WireSchemas.Target(reference, "Course"));

    [Fact]
    public async Task OpenApi_EveryReferenceNamesAComponent_AndACoursesErrorsAreAnArray()
    {
        // Review: "#/$defs/errors/properties/errors" became the whole errors object, so generated clients failed on any
        // course result that carried errors.
        using HttpResponseMessage response = await app.Client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        string text = await response.Content.ReadAsStringAsync();
        JsonObject schemas = JsonNode.Parse(text)!["components"]!["schemas"]!.AsObject();
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(text, "\"\\$ref\":\"#/components/schemas/([^\"]+)\""))
            Assert.True(schemas.ContainsKey(m.Groups[1].Value), m.Groups[1].Value);
        string errorsRef = (string)schemas["CourseErrors"]!["properties"]!["errors"]!["$ref"]!;
        Assert.Equal("#/components/schemas/CourseErrorList", errorsRef);
        Assert.Equal("array", (string?)schemas["CourseErrorList"]!["type"]);

        // Cohorts too (issue 19): the cohort JSON's schema, its Kaplan-Meier curve a component of its own.
        Assert.NotNull(schemas["CohortReport"]!["properties"]!["groups"]);
        Assert.NotNull(schemas["CohortCurve"]);
    }

    [Fact]
    public async Task OpenApi_DescribesTheWireTypesWithTheirSchemas()
    {
        using HttpResponseMessage response = await app.Client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonObject document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        JsonObject schemas = document["components"]!["schemas"]!.AsObject();
        JsonObject request = schemas["Response"]!.AsObject();
        Assert.NotNull(request["properties"]!["instrument"]);
        Assert.NotNull(request["properties"]!["items"]);
        Assert.NotNull(schemas["ScoringResult"]!.ToJsonString().Contains("flags", StringComparison.Ordinal) ? schemas["ScoringResult"] : null);
        Assert.Contains("#/components/schemas/Result", schemas.ToJsonString(), StringComparison.Ordinal);
        Assert.NotNull(document["paths"]!["/score"]!["post"]!["requestBody"]);
    }
}
