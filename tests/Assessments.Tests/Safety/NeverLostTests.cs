using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Assessments.Serialization;
using Assessments.Trends;
using Xunit;
using Assessments.Batches;

namespace Assessments.Tests.Safety;

/// <summary>
/// The repros of the safety review, one test each: every one used to lose a suicide flag, crash, or misread its input.
/// Each now gives a result or a coded error with the flags docs/clinical-rules.md ("Never lost") demands.
/// </summary>
public sealed class NeverLostTests
{
    private const string Urgent9 = "{\"id\":\"suicide-risk\",\"item\":9,\"value\":3,\"priority\":\"urgent\"}";

    private static (int Exit, string Out, string Err) Cli(string stdin, params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int exit = Assessments.Cli.Cli.Run(args, new StringReader(stdin), o, e);
        return (exit, o.ToString(), e.ToString());
    }

    private static string Batch(string ndjson)
    {
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(ndjson));
        using var output = new MemoryStream();
        BatchScoring.ScoreNdjson(input, output);
        return Encoding.UTF8.GetString(output.ToArray());
    }

    [Theory]
    [InlineData("\"x\"")]
    [InlineData("1.0")]
    [InlineData("1e0")]
    [InlineData("true")]
    [InlineData("2147483648")]
    [InlineData("{}")]
    [InlineData("\"\\ud800\"")]
    public void AnotherItemUnreadable_Item9AtThree_StillRaisesTheUrgentFlag(string bad)
    {
        string document = $"{{\"instrument\":\"phq-9\",\"items\":[0,{bad},0,0,0,0,0,0,3]}}";
        ResponseReadResult read = AssessmentsJson.ReadResponse(document);
        Assert.False(read.IsSuccess);
        Assert.Equal((ErrorCodes.ItemNotANumber, (int?)2), (read.Errors.Single().Code, read.Errors.Single().ItemNumber));
        Assert.Contains(read.Flags, f => f is { Id: FlagIds.SuicideRisk, ItemNumber: 9, Value: 3, Priority: FlagPriority.Urgent });
        Assert.Contains(Urgent9, Batch(document), StringComparison.Ordinal);
        Assert.Contains(Urgent9, Cli(document, "score", "--input", "-", "--format", "json").Out, StringComparison.Ordinal);
    }

    /// <summary>Issue 19: a truncated document (<c>...,0,3</c> with no <c>]</c>) reported item 9 as unanswered instead of
    /// the urgent 3 it states. The values read whole before the break count; one cut inside a value does not.</summary>
    [Theory]
    [InlineData("{\"instrument\":\"phq-9\",\"items\":[0,0,0,0,0,0,0,0,3", FlagIds.SuicideRisk)]
    [InlineData("{\"instrument\":\"phq-9\",\"items\":[0,0,0,0,0,0,0,0,3,", FlagIds.SuicideRisk)]
    [InlineData("{\"instrument\":\"phq-9\",\"items\":[0,0,0,0,0,0,0,0,", FlagIds.SafetyItemUnanswered)]
    [InlineData("{\"instrument\":\"phq-9\",\"items\":[0,0,0,0,0,0,0,0,\"3", FlagIds.SafetyItemUnanswered)]
    public void TruncatedDocument_KeepsTheFlagsOfItsCompleteValues(string document, string expected)
    {
        ResponseReadResult read = AssessmentsJson.ReadResponse(document);
        Assert.False(read.IsSuccess);
        SafetyFlag flag = Assert.Single(read.Flags);
        Assert.Equal((expected, (int?)9), (flag.Id, flag.ItemNumber));
        if (expected == FlagIds.SuicideRisk)
            Assert.Equal(FlagPriority.Urgent, flag.Priority);
        Assert.Contains(expected, Batch(document), StringComparison.Ordinal);
    }

    /// <summary>Issue 17: an unreadable answer to intent (item 4) after item 2 = No was reported as low risk, not asked
    /// again. Something was given there that cannot be read: it could be a yes, so it is asked again, whatever item 2
    /// says; likewise an out-of-range one. A blank there stays "not asked".</summary>
    [Theory]
    [InlineData("[0,0,null,\"x\",null,0,null]", 4)]
    [InlineData("[0,0,null,null,\"yes?\",0,null]", 5)]
    [InlineData("[0,0,null,7,null,0,null]", 4)]
    [InlineData("[0,0,null,null,null,0,1.5]", 7)]
    public void CssrsUnreadableAnswerWhereNotAsked_IsAskedAgain(string items, int item)
    {
        string document = $"{{\"instrument\":\"cssrs-screen\",\"items\":{items}}}";
        ResponseReadResult read = AssessmentsJson.ReadResponse(document);
        ScoringResult? scored = read.IsSuccess ? Assessments.Instruments.Score(read.Response) : null;
        Assert.False(scored?.IsSuccess ?? false);
        Assert.Contains(scored?.Flags ?? read.Flags, f => f.Id == FlagIds.SafetyItemUnanswered && f.ItemNumber == item);
        Assert.Contains($"\"id\":\"safety-item-unanswered\",\"item\":{item}", Batch(document), StringComparison.Ordinal);

        ScoringResult blank = Assessments.Instruments.CssrsScreen.Score([0, 0, null, null, null, 0, null]);
        Assert.True(blank.IsSuccess);
        Assert.Empty(blank.Flags);
    }

    [Fact]
    public void AnotherItemUnreadable_OnTheCommandLine_StillRaisesTheUrgentFlag()
    {
        var (exit, output, _) = Cli("", "score", "phq-9", "0", "x", "0", "0", "0", "0", "0", "0", "3", "--format", "json");
        Assert.Equal(1, exit);
        Assert.Contains(Urgent9, output, StringComparison.Ordinal);
        Assert.Contains("URGENT suicide-risk", Cli("", "score", "phq-9", "0", "x", "0", "0", "0", "0", "0", "0", "3").Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"x\"", ErrorCodes.ItemNotANumber)]
    [InlineData("5", ErrorCodes.ItemOutOfRange)]
    [InlineData("-1", ErrorCodes.ItemOutOfRange)]
    [InlineData("null", ErrorCodes.ItemMissing)]
    public void SafetyItemWithoutAValidValue_IsUnansweredOnEveryPath(string value, string code)
    {
        string document = $"{{\"instrument\":\"phq-9\",\"items\":[0,0,0,0,0,0,0,0,{value}]}}";
        ResponseReadResult read = AssessmentsJson.ReadResponse(document);
        ScoringResult? result = read.IsSuccess ? read.Instrument.Score(read.Response) : null;
        IEnumerable<ScoringError> errors = result?.Errors ?? read.Errors;
        IEnumerable<SafetyFlag> flags = result?.Flags ?? read.Flags;
        Assert.Equal((code, (int?)9), (errors.Single().Code, errors.Single().ItemNumber));
        Assert.Equal((FlagIds.SafetyItemUnanswered, (int?)9), (flags.Single().Id, flags.Single().ItemNumber));
        Assert.Contains("{\"id\":\"safety-item-unanswered\",\"item\":9}", Batch(document), StringComparison.Ordinal);
    }

    [Fact]
    public void WrongItemCount_RaisesUnansweredForEverySafetyItem()
    {
        ScoringResult result = Assessments.Instruments.Phq9.Score([3, 3, 3]);
        Assert.Equal(ErrorCodes.ItemCount, Assert.Single(result.Errors).Code);
        Assert.Equal((FlagIds.SafetyItemUnanswered, (int?)9), (Assert.Single(result.Flags).Id, result.Flags[0].ItemNumber));
    }

    [Fact]
    public void RepeatedItems_IsDuplicateProperty_AndTheFirstArraysUrgentFlagStands()
    {
        string document = "{\"instrument\":\"phq-9\",\"items\":[0,0,0,0,0,0,0,0,3],\"items\":[0,0,0,0,0,0,0,0,0]}";
        ResponseReadResult read = AssessmentsJson.ReadResponse(document);
        Assert.Equal(ErrorCodes.DuplicateProperty, Assert.Single(read.Errors).Code);
        Assert.Contains(read.Flags, f => f is { Id: FlagIds.SuicideRisk, ItemNumber: 9, Priority: FlagPriority.Urgent });
        Assert.Contains(Urgent9, Batch(document), StringComparison.Ordinal);
        Assert.Contains(Urgent9, Cli(document, "score", "--input", "-", "--format", "json").Out, StringComparison.Ordinal);
    }

    [Fact]
    public void RepeatedInstrument_IsDuplicateProperty_AndFlagsUnderEveryNamedInstrumentStand()
    {
        string document = "{\"instrument\":\"phq-8\",\"items\":[0,0,0,0,0,0,0,0,2],\"instrument\":\"phq-9\"}";
        ResponseReadResult read = AssessmentsJson.ReadResponse(document);
        Assert.Equal(ErrorCodes.DuplicateProperty, Assert.Single(read.Errors).Code);
        Assert.Contains(read.Flags, f => f is { Id: FlagIds.SuicideRisk, ItemNumber: 9, Value: 2, Priority: FlagPriority.Urgent });
    }

    [Fact]
    public void TruncatedDocument_KeepsTheFlagsOfTheItemsItCouldRead()
    {
        ResponseReadResult read = AssessmentsJson.ReadResponse("{\"instrument\":\"phq-9\",\"items\":[0,0,0,0,0,0,0,0,3],\"id\":");
        Assert.Equal(ErrorCodes.MalformedDocument, Assert.Single(read.Errors).Code);
        Assert.Contains(read.Flags, f => f is { Id: FlagIds.SuicideRisk, ItemNumber: 9, Priority: FlagPriority.Urgent });
    }

    [Fact]
    public void InvalidAssessmentInACourse_KeepsItsFlagsInTheSafetyList()
    {
        string course = """
            { "instrument": "phq-9", "treatments": [ { "at": "2026-03-02T09:00:00Z", "kind": "iv-ketamine" } ],
              "assessments": [
                { "at": "2026-03-02T08:00:00Z", "items": [2, 2, 2, 2, 2, 2, 2, 2, 0] },
                { "at": "2026-03-03T09:00:00Z", "items": [1, "x", 1, 1, 1, 1, 1, 1, 3] } ] }
            """;
        // v3: the invalid row is listed (role invalid), the course is summarised from the others and exits 1.
        CourseReadResult result = TreatmentCourse.SummarizeDocument(course);
        Assert.True(result.IsSuccess);
        Assert.Equal(CourseRole.Invalid, result.Summary.Assessments[1].Role);
        Assert.Equal(("assessments[1]", (int?)2), (Assert.Single(result.Summary.Errors).Position, result.Summary.Errors[0].ItemNumber));
        DatedFlag flag = Assert.Single(result.SafetyFlags);
        Assert.Equal((FlagIds.SuicideRisk, (int?)9, FlagPriority.Urgent as FlagPriority?), (flag.Flag.Id, flag.Flag.ItemNumber, flag.Flag.Priority));

        var (exit, output, _) = Cli(course, "course", "-", "--format", "json");
        Assert.Equal(1, exit);
        using JsonDocument doc = JsonDocument.Parse(output);
        JsonElement safety = doc.RootElement.GetProperty("safetyFlags")[0];
        Assert.Equal(("2026-03-03T09:00:00Z", "suicide-risk", 9, "urgent"), (safety.GetProperty("at").GetString(), safety.GetProperty("id").GetString(), safety.GetProperty("item").GetInt32(), safety.GetProperty("priority").GetString()));
        Assert.StartsWith("SAFETY 2026-03-03 09:00Z URGENT suicide-risk: item 9 (thoughts of death or self-harm) = 3", Cli(course, "course", "-").Out, StringComparison.Ordinal);
    }

    [Fact]
    public void DefinitionGivingASafetyItemANotAssessedValue_IsRefused()
    {
        System.Text.Json.Nodes.JsonObject d = System.Text.Json.Nodes.JsonNode.Parse(InstrumentDefinitions.Export(Assessments.Instruments.Phq9))!.AsObject();
        d["id"] = "phq-9-bad";
        d["items"]![8]!["notAssessedValue"] = 9;
        DefinitionLoadResult loaded = InstrumentDefinitions.Load(d.ToJsonString());
        Assert.False(loaded.IsSuccess);
        Assert.Contains(loaded.Errors, e => e.Message.Contains("safety item 9", StringComparison.Ordinal) && e.Message.Contains("notAssessedValue", StringComparison.Ordinal));
    }

    [Fact]
    public void DefinitionWithASkipConditionThatCanNeverHold_IsRefused()
    {
        System.Text.Json.Nodes.JsonObject d = System.Text.Json.Nodes.JsonNode.Parse(InstrumentDefinitions.Export(Assessments.Instruments.CssrsScreen))!.AsObject();
        d["id"] = "cssrs-local";
        d["items"]![3]!["askedWhen"]!["score"] = 7;
        DefinitionLoadResult loaded = InstrumentDefinitions.Load(d.ToJsonString());
        Assert.False(loaded.IsSuccess);
        Assert.Contains(loaded.Errors, e => e.Message.Contains("never asked", StringComparison.Ordinal));
    }

    [Fact]
    public void DefinitionWithRepeatedRiskTiers_IsRefused()
    {
        JsonDocument doc = JsonDocument.Parse(InstrumentDefinitions.Export(Assessments.Instruments.CssrsScreen));
        string tiers = doc.RootElement.GetProperty("riskTiers").GetRawText();
        string json = InstrumentDefinitions.Export(Assessments.Instruments.CssrsScreen)
            .Replace("\"id\":\"cssrs-screen\"", "\"id\":\"cssrs-local\"", StringComparison.Ordinal)
            .Replace(tiers, tiers[..^1] + "," + tiers[1..], StringComparison.Ordinal);
        Assert.Contains(InstrumentDefinitions.Load(json).Errors, e => e.Message.Contains("each level appears once", StringComparison.Ordinal));
    }

    [Fact]
    public void ABrokenSurrogateLine_InABatch_IsOneErrorLineAndTheOthersAreIntact()
    {
        var lines = new List<string>();
        for (int i = 0; i < 10_001; i++)
            lines.Add(i == 5_000 ? "{\"instrument\":\"phq-9\",\"items\":[\"\\ud800\",0,0,0,0,0,0,0,0]}" : "{\"instrument\":\"phq-9\",\"items\":[0,0,0,0,0,0,0,0,3]}");
        string[] output = Batch(string.Join("\n", lines)).TrimEnd('\n').Split('\n');
        Assert.Equal(10_001, output.Length);
        Assert.Equal(10_000, output.Count(l => l.Contains(Urgent9, StringComparison.Ordinal)));
        Assert.Contains("item-not-a-number", output[5_000], StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidUtf8InAnItemString_IsItemNotANumber_NeverAThrow()
    {
        byte[] bytes = [.. "{\"instrument\":\"phq-9\",\"items\":[\""u8.ToArray(), 0xC3, 0x28, .. "\",0,0,0,0,0,0,0,3]}"u8.ToArray()];
        ResponseReadResult read = AssessmentsJson.ReadResponse(bytes, null);
        Assert.False(read.IsSuccess);
        Assert.Contains(read.Flags, f => f is { Id: FlagIds.SuicideRisk, ItemNumber: 9 });
        using var output = new MemoryStream();
        BatchScoring.ScoreNdjson(new MemoryStream([.. bytes, (byte)'\n', .. bytes]), output);
        Assert.Equal(2, Encoding.UTF8.GetString(output.ToArray()).Count(c => c == '\n'));
    }

    [Fact]
    public void ARawBrokenSurrogateInAString_IsReadNotThrown()
    {
        ResponseReadResult read = AssessmentsJson.ReadResponse("{\"instrument\":\"phq-9\",\"id\":\"\ud800\",\"items\":[0,0,0,0,0,0,0,0,\"\ud800\"]}");
        Assert.False(read.IsSuccess);
        Assert.Contains(read.Flags, f => f is { Id: FlagIds.SafetyItemUnanswered, ItemNumber: 9 });
    }

    [Fact]
    public void ALineOverTheLimit_IsOneErrorLine_AndTheNextLineIsScored()
    {
        string huge = "{\"instrument\":\"phq-9\",\"id\":\"" + new string('a', Limits.MaxDocumentBytes + 10) + "\",\"items\":[0,0,0,0,0,0,0,0,0]}";
        string[] output = Batch(huge + "\n{\"instrument\":\"phq-9\",\"items\":[0,0,0,0,0,0,0,0,3]}\n").TrimEnd('\n').Split('\n');
        Assert.Equal(2, output.Length);
        Assert.Contains(ErrorCodes.DocumentTooLarge, output[0], StringComparison.Ordinal);
        Assert.Contains(Urgent9, output[1], StringComparison.Ordinal);
    }

    [Fact]
    public void AnNdjsonFileWhoseFirstLineIsOver64KiB_IsStillNdjson()
    {
        string first = "{\"instrument\":\"phq-9\",\"id\":\"" + new string('a', 70_000) + "\",\"items\":[0,0,0,0,0,0,0,0,0]}";
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(first + "\n{\"instrument\":\"phq-9\",\"items\":[0,0,0,0,0,0,0,0,3]}\n"));
        Assert.Equal(InputShape.Ndjson, BatchScoring.DetectShape(new NonSeekable(input), out Stream replay));
        using var output = new MemoryStream();
        Assert.Equal(2, BatchScoring.ScoreNdjson(replay, output).Scored);
    }

    [Fact]
    public void APrettyPrintedDocumentWithAComment_IsOneDocument()
    {
        string pretty = "{ // a visit\n  \"instrument\": \"phq-9\",\n  \"items\": [0, 0, 0, 0, 0, 0, 0, 0, 3]\n}\n";
        Assert.Equal(InputShape.Single, BatchScoring.DetectShape(new NonSeekable(new MemoryStream(Encoding.UTF8.GetBytes(pretty))), out _));
        var (exit, output, _) = Cli(pretty, "score", "--input", "-", "--format", "json");
        Assert.Equal(0, exit);
        Assert.Contains(Urgent9, output, StringComparison.Ordinal);
    }

    [Fact]
    public void AJsonArray_IsScoredElementByElementFromAPipe()
    {
        string array = "[{\"instrument\":\"phq-9\",\"items\":[0,0,0,0,0,0,0,0,3]},\n {\"instrument\":\"gad-7\",\"items\":[1,1,1,1,1,1,1]}]";
        Assert.Equal(InputShape.Array, BatchScoring.DetectShape(new NonSeekable(new MemoryStream(Encoding.UTF8.GetBytes(array))), out Stream replay));
        using var output = new MemoryStream();
        BatchSummary summary = BatchScoring.ScoreJsonArray(replay, output);
        Assert.Equal((2L, 2L), (summary.Documents, summary.Scored));
        Assert.Contains(Urgent9, Encoding.UTF8.GetString(output.ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public void TextOutput_EscapesControlCharactersInCallerText()
    {
        string document = "{\"id\":\"v1\\n[v2] phq-9  forged\\u001b[31m\",\"instrument\":\"phq-9\",\"items\":[0,0,0,0,0,0,0,0,0]}";
        var (_, output, _) = Cli(document, "score", "--input", "-");
        Assert.DoesNotContain('\u001b', output);
        Assert.Equal(output.Split('\n').Length, output.Split('\n').Count(l => !l.StartsWith("[v2]", StringComparison.Ordinal)));
        Assert.Contains("\\u000A", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/no/such/file.json")]
    public void UnreadablePaths_AreOneLineUsageErrors_WithoutExceptionNames(string path)
    {
        var (exit, _, error) = Cli("", "score", "--input", path);
        Assert.Equal(2, exit);
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
        Assert.StartsWith("assess: ", error, StringComparison.Ordinal);
    }

    /// <summary>A stream that cannot seek, as a pipe or standard input.</summary>
    private sealed class NonSeekable(Stream inner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, Math.Min(count, 4096));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
