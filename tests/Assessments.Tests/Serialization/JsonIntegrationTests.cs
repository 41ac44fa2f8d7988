using System;
using System.Buffers;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Assessments.Serialization;
using Assessments.Tests.Properties;
using Assessments.Trends;
using FsCheck.Xunit;
using Xunit;

namespace Assessments.Tests.Serialization;

/// <summary>System.Text.Json integration: the wire types serialise as the wire format through plain
/// <c>JsonSerializer</c> calls, with or without the library's resolver, and stored results are checked on the way in.</summary>
public sealed class JsonIntegrationTests
{
    private static readonly JsonSerializerOptions Reflection = new();

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static readonly JsonSerializerOptions ClinicOptions = new()
    {
        Converters = { new ResponseJsonConverter(id => id == "clinic-anxiety" ? Assessments.Instruments.Gad7 : null) },
    };

    [Property(Arbitrary = [typeof(Generators)], MaxTest = 200)]
    public bool Serialize_WritesExactlyTheWireFormat(Response response)
    {
        ScoringResult result = Assessments.Instruments.Score(response);
        string wire = AssessmentsJson.WriteResult(result);
        string viaOptions = JsonSerializer.Serialize(result, AssessmentsJson.SerializerOptions);
        string viaReflection = JsonSerializer.Serialize(result, Reflection);
        return viaOptions == wire && JsonNode.DeepEquals(JsonNode.Parse(viaReflection), JsonNode.Parse(wire));
    }

    /// <summary>The one result writer writes compact UTF-8; an indenting writer gets the same result re-flowed, and a
    /// result inside a larger document is a well-formed element of it.</summary>
    [Property(Arbitrary = [typeof(Generators)], MaxTest = 200)]
    public bool IndentedAndNestedResults_CarryTheSameResult(Response response)
    {
        ScoringResult result = Assessments.Instruments.Score(response);
        string wire = AssessmentsJson.WriteResult(result);
        string indented = JsonSerializer.Serialize(result, Indented);
        string nested = JsonSerializer.Serialize(new { first = result, results = new[] { result, result } }, Reflection);
        return indented.Contains('\n', StringComparison.Ordinal)
            && JsonNode.DeepEquals(JsonNode.Parse(indented), JsonNode.Parse(wire))
            && JsonNode.DeepEquals(JsonNode.Parse(nested), JsonNode.Parse("{\"first\":" + wire + ",\"results\":[" + wire + "," + wire + "]}"));
    }

    [Property(Arbitrary = [typeof(Generators)], MaxTest = 200)]
    public bool EveryWriteOverload_WritesTheSameBytes(Response response)
    {
        ScoringResult result = Assessments.Instruments.Score(response);
        byte[] wire = Encoding.UTF8.GetBytes(AssessmentsJson.WriteResult(result));

        var buffer = new ArrayBufferWriter<byte>();
        AssessmentsJson.WriteResult(result, buffer);
        using var stream = new MemoryStream();
        AssessmentsJson.WriteResult(result, stream);
        var outer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(outer, new JsonWriterOptions { Encoder = AssessmentsJson.SerializerOptions.Encoder }))
            AssessmentsJson.WriteResult(result, writer);

        return buffer.WrittenSpan.SequenceEqual(wire) && stream.ToArray().AsSpan().SequenceEqual(wire) && outer.WrittenSpan.SequenceEqual(wire);
    }

    [Property(Arbitrary = [typeof(Generators)], MaxTest = 200)]
    public bool ScoreDocument_IsReadScoreWriteInOneCall(Response response)
    {
        byte[] document = Encoding.UTF8.GetBytes(AssessmentsJson.WriteResponse(response));
        var output = new ArrayBufferWriter<byte>();
        bool scored = AssessmentsJson.ScoreDocument(document, output);

        ResponseReadResult read = AssessmentsJson.ReadResponse(document, null);
        string expected = read.IsSuccess ? AssessmentsJson.WriteResult(read.Instrument.Score(read.Response)) : AssessmentsJson.WriteReadErrors(read);
        bool expectedScored = read.IsSuccess && read.Instrument.Score(read.Response).IsSuccess;
        return scored == expectedScored && Encoding.UTF8.GetString(output.WrittenSpan) == expected;
    }

    [Property(Arbitrary = [typeof(Generators)], MaxTest = 200)]
    public bool Response_BindsAndRoundTripsThroughJsonSerializer(Response response)
    {
        string json = JsonSerializer.Serialize(response, Reflection);
        string exact = JsonSerializer.Serialize(response, AssessmentsJson.SerializerOptions);
        Response? back = JsonSerializer.Deserialize<Response>(json, Reflection);
        Response? viaResolver = JsonSerializer.Deserialize<Response>(exact, AssessmentsJson.SerializerOptions);
        return exact == AssessmentsJson.WriteResponse(response) && JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(exact))
            && response.Equals(back) && response.Equals(viaResolver);
    }

    [Fact]
    public void UnreadableResponse_ThrowsWithItsErrorsAndFlags_NotAValue()
    {
        // Item 2 is not a number; item 9 (the suicide item) is 3: binding fails, and the flag travels with the exception.
        const string json = """{"instrument":"phq-9","items":[1,"abc",0,0,0,0,0,0,3]}""";
        ResponseDocumentException e = Assert.Throws<ResponseDocumentException>(() => JsonSerializer.Deserialize<Response>(json, Reflection));
        Assert.Contains(e.Read.Errors, x => x.Code == ErrorCodes.ItemNotANumber && x.ItemNumber == 2);
        SafetyFlag flag = Assert.Single(e.Read.Flags);
        Assert.Equal((9, 3, FlagPriority.Urgent), (flag.ItemNumber!.Value, flag.Value!.Value, flag.Priority!.Value));
        Assert.DoesNotContain("abc", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownInstrument_FailsBindingWithItsCode()
    {
        JsonException e = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<Response>("""{"instrument":"phq-99","items":[]}""", Reflection));
        Assert.Contains(ErrorCodes.UnknownInstrument, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ResponseConverter_ResolvesClinicInstrumentsWhenGivenAResolver()
    {
        Response? r = JsonSerializer.Deserialize<Response>("""{"instrument":"clinic-anxiety","items":[1,1,1,1,1,1,1]}""", ClinicOptions);
        Assert.NotNull(r);
        Assert.Equal(7, r.Items.Length);
    }

    [Fact]
    public void ForgedResult_IsRefused()
    {
        Assert.False(AssessmentsJson.TryReadResult("""{"instrument":"phq-9","total":999}""", out _, out string? error));
        Assert.NotNull(error);
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ScoringResult>("""{"instrument":"phq-9","total":999}""", Reflection));
    }

    /// <summary>A stored result with an item score no instrument allows is refused with an error, never an exception (item
    /// scores are kept in 16-bit slots since the convenience path was trimmed).</summary>
    [Theory]
    [InlineData(40000)]
    [InlineData(-1)]
    public void StoredResult_WithAnItemScoreOutsideEveryRange_IsRefused(int score)
    {
        string stored = AssessmentsJson.WriteResult(Assessments.Instruments.Phq9.Score(0, 0, 0, 0, 0, 0, 0, 0, 0))
            .Replace("\"itemScores\":[0,", $"\"itemScores\":[{score},", StringComparison.Ordinal);
        Assert.False(AssessmentsJson.TryReadResult(stored, out _, out string? error));
        Assert.NotNull(error);
    }

    [Property(Arbitrary = [typeof(Generators)], MaxTest = 200)]
    public bool TamperedTotal_IsRefused(ValidResponse response)
    {
        ScoringResult result = response.Instrument.Score(response.Values);
        if (!result.Score!.HasTotal)
            return true;
        JsonObject stored = JsonNode.Parse(AssessmentsJson.WriteResult(result))!.AsObject();
        stored["total"] = result.Score.Total == 0 ? 1 : result.Score.Total - 1;
        return !AssessmentsJson.TryReadResult(stored.ToJsonString(), out _, out string? error) && error!.Contains("total", StringComparison.Ordinal);
    }

    [Property(Arbitrary = [typeof(Generators)], MaxTest = 200)]
    public bool DroppedSafetyFlag_IsRefused(ValidResponse response)
    {
        ScoringResult result = response.Instrument.Score(response.Values);
        if (result.Flags.IsEmpty)
            return true;
        JsonObject stored = JsonNode.Parse(AssessmentsJson.WriteResult(result))!.AsObject();
        stored["flags"] = new JsonArray();
        return !AssessmentsJson.TryReadResult(stored.ToJsonString(), out _, out _);
    }

    [Fact]
    public void ResultOfAnotherRulesVersion_IsRefused()
    {
        JsonObject stored = JsonNode.Parse(AssessmentsJson.WriteResult(Assessments.Instruments.Epds.Score(0, 0, 0, 0, 0, 0, 0, 0, 0, 0)))!.AsObject();
        stored["rulesVersion"] = "1";
        Assert.False(AssessmentsJson.TryReadResult(stored.ToJsonString(), out _, out string? error));
        Assert.Contains("rules version", error, StringComparison.Ordinal);
    }

    [Fact]
    public void HamdNotAssessed_SurvivesTheRescoringCheck()
    {
        Instrument hamd = Assessments.Instruments.Hamd17;
        int marker = hamd.Items[15].NotAssessedValue!.Value;
        int?[] values = [.. Enumerable.Repeat<int?>(1, 17)];
        values[15] = marker;
        ScoringResult result = hamd.Score(values);
        Assert.True(result.IsSuccess);
        Assert.True(AssessmentsJson.TryReadResult(AssessmentsJson.WriteResult(result), out ScoringResult? back, out string? error), error);
        Assert.Equal(result.Score, back.Score);
    }

    [Fact]
    public void Scores_CompareByValue()
    {
        AssessmentScore a = Assessments.Instruments.Phq9.Score([1, 2, 3, 1, 2, 3, 0, 1, 2], null, "visit-1").ScoreOrThrow();
        AssessmentScore b = Assessments.Instruments.Phq9.Score([1, 2, 3, 1, 2, 3, 0, 1, 2], null, "visit-2").ScoreOrThrow();
        AssessmentScore c = Assessments.Instruments.Phq9.Score(2, 1, 3, 1, 2, 3, 0, 1, 2).ScoreOrThrow();
        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, c); // the same total from other answers is another score
        Assert.Equal(a.Total, c.Total);
    }

    [Fact]
    public void Instrument_SerialisesAsItsDefinition_AndReadsBackValidated()
    {
        string json = JsonSerializer.Serialize(Assessments.Instruments.Phq9, Reflection);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(InstrumentDefinitions.Export(Assessments.Instruments.Phq9))));
        Instrument? back = JsonSerializer.Deserialize<Instrument>(json, Reflection);
        Assert.Equal("phq-9", back!.Id);
        JsonException e = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<Instrument>("""{"id":"x"}""", Reflection));
        Assert.StartsWith("The instrument definition is invalid:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CourseSummary_SerialisesAsTheCourseJson()
    {
        const string course = """
            {"instrument":"madrs","treatments":[{"at":"2026-01-05T09:00:00+01:00","kind":"infusion"}],
             "assessments":[{"at":"2026-01-05T08:00:00+01:00","total":34},{"at":"2026-01-06T09:00:00+01:00","total":14}]}
            """;
        CourseReadResult read = TreatmentCourse.SummarizeDocument(course);
        Assert.True(read.IsSuccess);
        string json = JsonSerializer.Serialize(read.Summary, AssessmentsJson.SerializerOptions);
        Assert.Equal(CourseJson.Write(read.Summary), json);
        Assert.Throws<NotSupportedException>(() => JsonSerializer.Deserialize<CourseSummary>(json, Reflection));
    }
}
