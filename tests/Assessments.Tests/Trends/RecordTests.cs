using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Assessments.Trends;
using Xunit;

namespace Assessments.Tests.Trends;

/// <summary>Records (docs/clinical-rules.md §6 v3): a document whose assessments name several instruments is one course
/// per instrument, and every flag of every instrument is reported with its instrument.</summary>
public sealed class RecordTests
{
    private const string Record = """
        { "instrument": "phq-9", "treatments": [ { "at": "2026-03-02T09:00:00Z", "kind": "iv-ketamine" } ],
          "assessments": [
            { "at": "2026-03-01T09:00:00Z", "items": [2, 2, 2, 2, 2, 2, 2, 2, 0] },
            { "at": "2026-03-01T10:00:00Z", "instrument": "madrs", "items": [4, 4, 3, 4, 3, 3, 4, 3, 3, 2] },
            { "at": "2026-03-03T09:00:00Z", "instrument": "madrs", "items": [2, 2, 1, 2, 1, 1, 2, 1, 1, 5] },
            { "at": "2026-03-09T09:00:00Z", "items": [1, 1, 1, 1, 1, 1, 1, 1, 0] } ] }
        """;

    private static (int Exit, string Out, string Err) Cli(string stdin, params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int exit = Assessments.Cli.Cli.Run(args, new StringReader(stdin), o, e);
        return (exit, o.ToString(), e.ToString());
    }

    [Fact]
    public void AMadrsRowInsideAPhq9Record_IsReadAsMadrs_AndItsUrgentItem10IsKept()
    {
        // v2 read the row as a PHQ-9 (the document's instrument) and lost MADRS item 10 = 5.
        CourseReadResult read = TreatmentCourse.SummarizeDocument(Record);
        Assert.True(read.IsRecord);
        Assert.Equal(["phq-9", "madrs"], read.Courses.Select(c => c.InstrumentId)); // order of first assessment
        Assert.All(read.Courses, c => Assert.True(c.IsSuccess));
        DatedFlag urgent = Assert.Single(read.SafetyFlags, f => f.Flag.Priority == FlagPriority.Urgent);
        Assert.Equal(("madrs", 10, 5), (urgent.InstrumentId, urgent.Flag.ItemNumber, urgent.Flag.Value));
        Assert.Equal(2, read.Courses[1].Summary!.Assessments.Length);
    }

    [Fact]
    public void ARecord_PrintsCoursesAndEveryFlagWithItsInstrument()
    {
        (int exit, string output, _) = Cli(Record, "course", "-", "--format", "json");
        Assert.Equal(0, exit);
        using JsonDocument doc = JsonDocument.Parse(output);
        Assert.Equal(["phq-9", "madrs"], doc.RootElement.GetProperty("courses").EnumerateArray().Select(c => c.GetProperty("instrument").GetString()));
        Assert.Contains(doc.RootElement.GetProperty("safetyFlags").EnumerateArray(), f => f.GetProperty("instrument").GetString() == "madrs" && f.GetProperty("priority").GetString() == "urgent");
        string text = Cli(Record, "course", "-").Out;
        Assert.StartsWith("SAFETY 2026-03-01 10:00Z madrs REVIEW", text, StringComparison.Ordinal);
        Assert.Contains("== madrs ==", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ARowNamingAnUnknownInstrument_IsAPositionedError_AndTheOtherCoursesAreSummarised()
    {
        string record = Record.Replace("\"instrument\": \"madrs\", \"items\": [2, 2, 1", "\"instrument\": \"madrz\", \"items\": [2, 2, 1", StringComparison.Ordinal);
        CourseReadResult read = TreatmentCourse.SummarizeDocument(record);
        Assert.True(read.IsRecord);
        CourseError error = Assert.Single(read.Errors);
        Assert.Equal((ErrorCodes.UnknownInstrument, "assessments[2]"), (error.Code, error.Position));
        Assert.Equal(1, Cli(record, "course", "-").Exit);
    }

    [Fact]
    public void AnInstrumentSpecificOption_InARecordWithoutADocumentInstrument_IsOptionOutOfRange()
    {
        string record = Record.Replace("\"instrument\": \"phq-9\",", "\"options\": { \"remissionThreshold\": 5 },", StringComparison.Ordinal)
            .Replace("{ \"at\": \"2026-03-01T09:00:00Z\",", "{ \"at\": \"2026-03-01T09:00:00Z\", \"instrument\": \"phq-9\",", StringComparison.Ordinal)
            .Replace("{ \"at\": \"2026-03-09T09:00:00Z\",", "{ \"at\": \"2026-03-09T09:00:00Z\", \"instrument\": \"phq-9\",", StringComparison.Ordinal);
        CourseReadResult read = TreatmentCourse.SummarizeDocument(record);
        Assert.Equal(ErrorCodes.OptionOutOfRange, Assert.Single(read.Errors).Code);
        Assert.True(read.IsDocumentError);
        Assert.Contains(read.SafetyFlags, f => f.Flag.Priority == FlagPriority.Urgent); // a usage error still reports it
    }

    [Fact]
    public void CssrsRows_MakeNoCourse_ButEveryFlagIsReported()
    {
        string record = Record.Replace("{ \"at\": \"2026-03-09T09:00:00Z\",", """{ "at": "2026-03-05T09:00:00Z", "instrument": "cssrs-screen", "items": ["yes", "yes", "no", "yes", "no", "no", null] }, { "at": "2026-03-09T09:00:00Z",""", StringComparison.Ordinal);
        CourseReadResult read = TreatmentCourse.SummarizeDocument(record);
        Assert.Equal(["phq-9", "madrs"], read.Courses.Select(c => c.InstrumentId));
        Assert.Contains(read.SafetyFlags, f => f.InstrumentId == "cssrs-screen" && f.Flag.Priority == FlagPriority.Urgent);
    }

    [Fact]
    public void RepeatedFlags_AreShownOnceAsPersistent_InText_AndListedEveryTimeInJson()
    {
        string course = """
            { "instrument": "madrs", "assessments": [
              { "at": "2026-03-01T09:00:00Z", "items": [4, 4, 3, 4, 3, 3, 4, 3, 3, 4] },
              { "at": "2026-03-08T09:00:00Z", "items": [3, 3, 3, 3, 3, 3, 3, 3, 3, 5] },
              { "at": "2026-03-15T09:00:00Z", "items": [2, 2, 2, 2, 2, 2, 2, 2, 2, 4] } ] }
            """;
        string text = Cli(course, "course", "-").Out;
        Assert.Contains("SAFETY persistent, 3 assessments from 2026-03-01 09:00Z to 2026-03-15 09:00Z: URGENT suicide-risk: item 10", text, StringComparison.Ordinal);
        Assert.Single(text.Split('\n'), l => l.StartsWith("SAFETY", StringComparison.Ordinal));
        using JsonDocument doc = JsonDocument.Parse(Cli(course, "course", "-", "--format", "json").Out);
        Assert.Equal(3, doc.RootElement.GetProperty("safetyFlags").GetArrayLength());
    }

    [Fact]
    public void ARowStatingAFieldTwice_IsAUsageError_ButItsFlagsAndTheLaterRowsFlagsAreKept()
    {
        // Found by the fuzz harness: the reader stopped at the repeated key, and that row's urgent flag and every later
        // row's were never read.
        string record = """
            { "instrument": "phq-9", "assessments": [
              { "at": "2026-03-01T09:00:00Z", "instrument": "phq-8", "instrument": "madrs", "items": [1, 1, 1, 1, 1, 1, 1, 1, 1, 5] },
              { "at": "2026-03-02T09:00:00Z", "items": [0, 0, 0, 0, 0, 0, 0, 0, 3] } ] }
            """;
        CourseReadResult read = TreatmentCourse.SummarizeDocument(record);
        Assert.Equal(ErrorCodes.DuplicateProperty, Assert.Single(read.Errors).Code);
        Assert.Contains(read.SafetyFlags, f => f.InstrumentId == "madrs" && f.Flag is { ItemNumber: 10, Priority: FlagPriority.Urgent });
        Assert.Contains(read.SafetyFlags, f => f.InstrumentId == "phq-9" && f.Flag is { ItemNumber: 9, Priority: FlagPriority.Urgent });
    }

    [Fact]
    public void ARowWhoseTimeHasAStraySpace_IsAUsageError_AndItsUrgentFlagIsKept()
    {
        // Found by the fuzz harness: the row was dropped with its flags.
        string course = """
            { "instrument": "phq-9", "assessments": [ { "at": "2026-03-01T09:00:00Z ", "items": [0, 0, 0, 0, 0, 0, 0, 0, 3] } ] }
            """;
        CourseReadResult read = TreatmentCourse.SummarizeDocument(course);
        Assert.True(read.IsDocumentError);
        Assert.Equal(("assessments[0]", ErrorCodes.MalformedDocument), (Assert.Single(read.Errors).Position, read.Errors[0].Code));
        Assert.Contains(read.SafetyFlags, f => f.Flag is { ItemNumber: 9, Priority: FlagPriority.Urgent });
    }

    [Fact]
    public void NoDocumentInstrument_AndARowNamingAnUnknownOne_IsAUsageError_NotACrash()
    {
        // Found by the fuzz harness: a NullReferenceException.
        CourseReadResult read = TreatmentCourse.SummarizeDocument("""{ "assessments": [ { "at": "2026-03-01T09:00:00Z", "instrument": "phq-9x", "items": [1] } ] }""");
        Assert.True(read.IsDocumentError);
        Assert.Equal(ErrorCodes.UnknownInstrument, Assert.Single(read.Errors).Code);
    }

    [Fact]
    public void ARowWithAFieldOfTheWrongType_IsAUsageError_AndNoLaterRowLosesItsFlag()
    {
        // Found by the fuzz harness's ten-million run: "items" given as a string stopped the reader, and every later
        // row's flags were never read.
        string course = """
            { "instrument": "phq-9", "assessments": [
              { "at": "2026-03-01T09:00:00Z", "items": "phq-9" },
              { "at": "2026-03-02T09:00:00Z", "total": "high", "positions": 1 },
              { "at": "2026-03-03T09:00:00Z", "items": [0, 0, 0, 0, 0, 0, 0, 0, 3] } ] }
            """;
        CourseReadResult read = TreatmentCourse.SummarizeDocument(course);
        Assert.True(read.IsDocumentError);
        Assert.Contains(read.Errors, e => e is { Code: ErrorCodes.MalformedDocument, Position: "assessments[0]" });
        Assert.Contains(read.Errors, e => e is { Code: ErrorCodes.MalformedDocument, Position: "assessments[1]" });
        Assert.Contains(read.SafetyFlags, f => f.At.Day == 3 && f.Flag is { ItemNumber: 9, Priority: FlagPriority.Urgent });
    }

    [Fact]
    public void ARowWithItemsAndATotal_IsInvalid_ButItsItemsAreStillFlagged()
    {
        // Review of issue 17's work: EHR exports carry the total beside the items; the row's item 9 = 3 was lost.
        string course = """{"instrument":"phq-9","assessments":[{"at":"2026-03-02T08:00:00Z","items":[3,3,3,3,3,3,3,3,3],"total":27}]}""";
        CourseReadResult read = TreatmentCourse.SummarizeDocument(course);
        Assert.Contains(read.Errors, e => e.Code == ErrorCodes.ItemsOrTotal);
        Assert.Contains(read.SafetyFlags, f => f.Flag is { ItemNumber: 9, Priority: FlagPriority.Urgent });
    }

    [Fact]
    public void ARepeatedItemsOrInstrument_IsNeverLastWins_ForFlags()
    {
        string items = """{"instrument":"phq-9","assessments":[{"at":"2026-03-02T08:00:00Z","items":[0,0,0,0,0,0,0,0,3],"items":[0,0,0,0,0,0,0,0,0]}]}""";
        CourseReadResult first = TreatmentCourse.SummarizeDocument(items);
        Assert.Equal(ErrorCodes.DuplicateProperty, Assert.Single(first.Errors).Code);
        Assert.Contains(first.SafetyFlags, f => f.Flag is { ItemNumber: 9, Priority: FlagPriority.Urgent });

        string instruments = """{"instrument":"phq-9","assessments":[{"at":"2026-03-02T08:00:00Z","instrument":"madrs","instrument":"phq-9","items":[0,0,0,0,0,0,0,0,0,5]}]}""";
        CourseReadResult second = TreatmentCourse.SummarizeDocument(instruments);
        Assert.Contains(second.SafetyFlags, f => f.InstrumentId == "madrs" && f.Flag is { ItemNumber: 10, Priority: FlagPriority.Urgent });
    }

    [Theory]
    [InlineData("\"at\": \"yesterday\",")]
    [InlineData("")]
    [InlineData("\"at\": 20260301,")]
    public void ARowWhoseTimeCannotBeReadAtAll_IsRefused_AndItsUrgentFlagIsReportedUndatedByPosition(string at)
    {
        // Review of issue 17's work: such a row's flags were dropped with it.
        string course = $$"""{ "instrument": "phq-9", "assessments": [ { "at": "2026-03-01T09:00:00Z", "items": [0,0,0,0,0,0,0,0,0] }, { {{at}} "items": [0, 0, 0, 0, 0, 0, 0, 0, 3] } ] }""";
        CourseReadResult read = TreatmentCourse.SummarizeDocument(course);
        Assert.True(read.IsDocumentError);
        DatedFlag flag = Assert.Single(read.SafetyFlags, f => f.Flag.Priority == FlagPriority.Urgent);
        Assert.Equal((false, "assessments[1]"), (flag.IsDated, flag.Position));
        string json = Assessments.Serialization.CourseJson.WriteErrors(read.InstrumentId, read.Errors, read.SafetyFlags);
        Assert.Contains("\"at\":null,\"position\":\"assessments[1]\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUndatedRow_WithARepeatedItemsOrInstrument_StillGivesTheEarlierValuesFlags_ByPosition()
    {
        // Review of the undated-flag change: the repeated field's earlier values were skipped on an undated row.
        string items = """{"instrument":"phq-9","assessments":[{"at":"n/a","items":[0,0,0,0,0,0,0,0,3],"items":[0,0,0,0,0,0,0,0,0]}]}""";
        CourseReadResult first = TreatmentCourse.SummarizeDocument(items);
        DatedFlag urgent = Assert.Single(first.SafetyFlags, f => f.Flag is { ItemNumber: 9, Priority: FlagPriority.Urgent });
        Assert.Equal((false, "assessments[0]"), (urgent.IsDated, urgent.Position));

        string instruments = """{"instrument":"phq-9","assessments":[{"at":"n/a","instrument":"phq-9","items":[0,0,0,0,0,0,0,0,3],"instrument":"gad-7"}]}""";
        CourseReadResult second = TreatmentCourse.SummarizeDocument(instruments);
        DatedFlag other = Assert.Single(second.SafetyFlags, f => f.Flag is { ItemNumber: 9, Priority: FlagPriority.Urgent });
        Assert.False(other.IsDated);
    }

    [Fact]
    public void AnAssessmentPropertyNameWithAnUnpairedSurrogate_IsAnotherField_NotACrash()
    {
        // Fuzz (seed 13): "\udfff\ud800" as a property name threw from the name comparison.
        string course = """{"instrument":"phq-9","assessments":[{"\udfff\ud800":1,"at":"2026-03-02T08:00:00Z","items":[0,0,0,0,0,0,0,0,3]}]}""";
        CourseReadResult read = TreatmentCourse.SummarizeDocument(course);
        Assert.Contains(read.SafetyFlags, f => f.Flag is { ItemNumber: 9, Priority: FlagPriority.Urgent });
    }
}
