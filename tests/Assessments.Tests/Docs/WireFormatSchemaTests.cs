using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using Assessments.Serialization;
using Assessments.Tests.Properties;
using Assessments.Trends;
using FsCheck.Xunit;
using Json.Schema;
using Xunit;

namespace Assessments.Tests.Docs;

/// <summary>The JSON Schemas of docs/schemas against the golden documents in Golden/ and against whatever the library
/// writes: the golden files pin the wire format byte for byte, the schemas describe it, and both must agree with the
/// code.</summary>
public sealed class WireFormatSchemaTests
{
    private static readonly Dictionary<string, JsonSchema> Schemas = LoadSchemas();

    private static Dictionary<string, JsonSchema> LoadSchemas()
    {
        var schemas = new Dictionary<string, JsonSchema>(StringComparer.Ordinal);
        foreach (string path in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Schemas"), "*.schema.json"))
        {
            JsonSchema schema = JsonSchema.FromText(File.ReadAllText(path));
            SchemaRegistry.Global.Register(schema);
            schemas[Path.GetFileName(path).Replace(".schema.json", "", StringComparison.Ordinal)] = schema;
        }

        return schemas;
    }

    private static string Record(CourseReadResult record)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
            CourseJson.WriteRecord(record, writer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string Golden(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", name)).TrimEnd('\n');

    private static IEnumerable<string> GoldenNames(string prefix) =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Golden"), prefix + "*.json").Select(Path.GetFileName)!;

    private static string Errors(string schema, string json)
    {
        EvaluationResults results = Schemas[schema].Evaluate(JsonNode.Parse(json), new EvaluationOptions { OutputFormat = OutputFormat.List });
        return results.IsValid
            ? ""
            : string.Join("; ", (results.Details ?? []).Where(d => d.HasErrors).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")));
    }

    public static TheoryData<string> Responses() => [.. GoldenNames("response-")];

    [Fact]
    public void EverySchema_IsPublished()
    {
        Assert.Equal(["cohort", "course", "course-summary", "definition", "response", "result"], Schemas.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Responses))]
    public void GoldenResponse_ScoresToItsGoldenResult_AndBothMatchTheirSchemas(string responseFile)
    {
        string response = Golden(responseFile);
        string expected = Golden(responseFile.Replace("response-", "result-", StringComparison.Ordinal));
        var output = new ArrayBufferWriter<byte>();
        AssessmentsJson.ScoreDocument(Encoding.UTF8.GetBytes(response), output);
        Assert.Equal(expected, Encoding.UTF8.GetString(output.WrittenSpan));
        Assert.Equal("", Errors("response", response));
        Assert.Equal("", Errors("result", expected));
    }

    [Theory]
    [InlineData("course-ketamine-madrs.json", "course-summary-ketamine-madrs.json")]
    [InlineData("course-invalid.json", "course-summary-invalid.json")] // v3: invalid rows listed, the course summarised
    [InlineData("course-strict.json", "course-summary-strict.json")]   // "strict": v2's rule, the course is invalid
    [InlineData("course-record.json", "course-summary-record.json")]   // v3: a record of PHQ-9, MADRS and C-SSRS rows
    public void GoldenCourse_SummarisesToItsGoldenSummary_AndBothMatchTheirSchemas(string courseFile, string summaryFile)
    {
        string course = Golden(courseFile);
        CourseReadResult read = TreatmentCourse.SummarizeDocument(course);
        string written = read.IsRecord ? Record(read) : read.IsSuccess ? CourseJson.Write(read.Summary) : CourseJson.WriteErrors(read.InstrumentId, read.Errors, read.SafetyFlags);
        Assert.Equal(Golden(summaryFile), written);
        Assert.Equal("", Errors("course", course));
        Assert.Equal("", Errors("course-summary", written));
    }

    [Theory]
    [InlineData("definition-phq-9.json")]
    [InlineData("definition-phq-9-local.json")]
    public void GoldenDefinitions_MatchTheSchema_AndLoad(string file)
    {
        string definition = Golden(file);
        Assert.Equal("", Errors("definition", definition));
        Assert.True(InstrumentDefinitions.Load(definition).IsSuccess);
    }

    [Fact]
    public void ThePhq9Definition_IsExportedExactlyAsTheGoldenFile()
    {
        Assert.Equal(Golden("definition-phq-9.json"), InstrumentDefinitions.Export(Assessments.Instruments.Phq9).TrimEnd('\n'));
    }

    [Fact]
    public void EveryBuiltInDefinition_MatchesTheSchema()
    {
        foreach (Instrument instrument in Assessments.Instruments.All)
            Assert.True(Errors("definition", InstrumentDefinitions.Export(instrument)) == "", instrument.Id + ": " + Errors("definition", InstrumentDefinitions.Export(instrument)));
    }

    [Property(Arbitrary = [typeof(Generators)], MaxTest = 300)]
    public bool EveryResultTheLibraryWrites_MatchesTheResultSchema(Response response)
    {
        string result = AssessmentsJson.WriteResult(Assessments.Instruments.Score(response));
        return Errors("response", AssessmentsJson.WriteResponse(response)) == "" && Errors("result", result) == "";
    }

    [Theory]
    [InlineData("result-phq-9.json", "instrument", null)]
    [InlineData("result-phq-9.json", "surprise", "1")]
    [InlineData("result-phq-9.json", "total", "\"15\"")]
    [InlineData("result-phq-9.json", "riskLevel", "\"severe\"")]
    [InlineData("result-madrs-invalid.json", "errors", "[]")]
    [InlineData("result-madrs-invalid.json", "flags", "[{\"id\":\"suicide-risk\",\"item\":10,\"value\":5,\"priority\":\"high\"}]")]
    public void TheSchemas_RejectWhatTheWireFormatIsNot(string file, string property, string? value)
    {
        JsonObject document = JsonNode.Parse(Golden(file))!.AsObject();
        if (value is null)
            document.Remove(property);
        else
            document[property] = JsonNode.Parse(value);
        Assert.NotEqual("", Errors("result", document.ToJsonString()));
    }

    /// <summary>Issue 18: the cohort JSON has a schema; every cohort the library writes matches it (random cohorts,
    /// with invalid courses, a record's own errors and undated flags among them).</summary>
    [FsCheck.Xunit.Property(MaxTest = 40)]
    public bool EveryCohortTheLibraryWrites_MatchesTheCohortSchema(int seed)
    {
        var random = new Random(seed);
        var builder = new Assessments.Cohorts.CohortBuilder();
        for (int i = 0; i < random.Next(0, 30); i++)
            builder.Add(System.Text.Encoding.UTF8.GetBytes(Assessments.Tests.Cohorts.CohortTests.Generated(random.Next(), i)));
        builder.Add("""{"id":"bad","instrument":"madrs","assessments":[{"at":"n/a","items":[0,0,0,0,0,0,0,0,0,5]}]}"""u8);
        builder.Add("""{"id":"r","instrument":"phq-9","treatments":[{"at":"2026-03-02T09:00:00Z","kind":"iv-ketamine"}],"assessments":[{"at":"2026-03-01T09:00:00Z","items":[2,2,2,2,2,2,2,2,0]},{"at":"2026-03-01T09:05:00Z","instrument":"cssrs-screen","items":[1,"x",0,1,0,0,null]}]}"""u8);
        string json = Assessments.Cohorts.CohortJson.Write(builder.State.Report());
        string errors = Errors("cohort", json);
        return errors.Length == 0 ? true : throw new InvalidOperationException(errors);
    }

    [Fact]
    public void TheCohortSchema_RejectsAMissingGroupFigure()
    {
        var builder = new Assessments.Cohorts.CohortBuilder();
        builder.Add(System.Text.Encoding.UTF8.GetBytes(Assessments.Tests.Cohorts.CohortTests.Generated(1, 1)));
        JsonObject cohort = JsonNode.Parse(Assessments.Cohorts.CohortJson.Write(builder.State.Report()))!.AsObject();
        Assert.Equal("", Errors("cohort", cohort.ToJsonString()));
        cohort["groups"]![0]!.AsObject().Remove("timeToResponse");
        Assert.NotEqual("", Errors("cohort", cohort.ToJsonString()));
    }
}
