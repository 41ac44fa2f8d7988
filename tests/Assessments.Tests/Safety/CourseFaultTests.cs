using Assessments.Trends;
using Xunit;

namespace Assessments.Tests.Safety;

/// <summary>Issue 17: the course reader dropped every flag it had already read when a fault came later in the document.
/// Each fault below follows an assessment whose MADRS item 10 is 4 (urgent); the course is refused, and the flag stays.</summary>
public sealed class CourseFaultTests
{
    internal const string Urgent = """{"at":"2026-03-02T08:00:00Z","items":[3,3,3,3,3,3,3,3,3,4]}""";
    internal const string Calm = """{"at":"2026-03-09T08:00:00Z","items":[1,1,1,1,1,1,1,1,1,0]}""";

    public static TheoryData<string, string> Faults => new()
    {
        { "wrong option type", $$$"""{"instrument":"madrs","assessments":[{{{Urgent}}},{{{Calm}}}],"options":{"responsePercent":"fifty"}}""" },
        { "options before the assessments, wrong type", $$$"""{"instrument":"madrs","options":{"responsePercent":"fifty"},"assessments":[{{{Urgent}}},{{{Calm}}}]}""" },
        { "repeated key in options", $$$"""{"instrument":"madrs","assessments":[{{{Urgent}}},{{{Calm}}}],"options":{"preset":"sustain-1","preset":"ketamine-clinic"}}""" },
        { "repeated key in a later assessment", $$$"""{"instrument":"madrs","assessments":[{{{Urgent}}},{"at":"2026-03-09T08:00:00Z","at":"2026-03-10T08:00:00Z","items":[1,1,1,1,1,1,1,1,1,0]}]}""" },
        { "trailing brace", $$$"""{"instrument":"madrs","assessments":[{{{Urgent}}},{{{Calm}}}]}}""" },
        { "truncated file", $$$"""{"instrument":"madrs","assessments":[{{{Urgent}}},{"at":"2026-03-09T08:00:00Z","items":[1,1,""" },
        { "numeric at in a later assessment", $$$"""{"instrument":"madrs","assessments":[{{{Urgent}}},{"at":20260309,"items":[1,1,1,1,1,1,1,1,1,0]}]}""" },
        { "sessions not of the documented shape", $$$"""{"instrument":"madrs","assessments":[{{{Urgent}}},{{{Calm}}}],"treatments":[{"at":5}]}""" },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public void AFaultAfterAnAssessment_KeepsItsFlag(string fault, string document)
    {
        CourseReadResult result = TreatmentCourse.SummarizeDocument(document);
        Assert.False(result.IsSuccess, fault);
        DatedFlag flag = Assert.Single(result.SafetyFlags, f => f.Flag.Id == FlagIds.SuicideRisk);
        Assert.Equal((10, (int?)4, (FlagPriority?)FlagPriority.Urgent), (flag.Flag.ItemNumber!.Value, flag.Flag.Value, flag.Flag.Priority));
    }
}

/// <summary>Tests that change the process-wide input limits run alone: a course summarised by a test running beside one
/// of them would see the lowered limit (CI found a cohort merge differing from the whole that way).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GlobalLimitsRunAlone
{
    public const string Name = "global input limits";
}

[Collection(GlobalLimitsRunAlone.Name)]
public sealed class CourseLimitTests
{
    /// <summary>Over the course-size limit the course is refused, and every assessment is still read for its flags.</summary>
    [Fact]
    public void OverTheAssessmentLimit_EveryFlagIsStillRead()
    {
        InputLimits before = Limits.Input;
        try
        {
            Limits.SetInputLimits(new InputLimits { MaxCourseAssessments = 2 });
            string document = $$$"""{"instrument":"madrs","assessments":[{{{CourseFaultTests.Calm}}},{{{CourseFaultTests.Calm}}},{{{CourseFaultTests.Calm}}},{{{CourseFaultTests.Urgent}}}]}""";
            CourseReadResult result = TreatmentCourse.SummarizeDocument(document);
            Assert.Equal(ErrorCodes.CourseTooLarge, Assert.Single(result.Errors).Code);
            Assert.Contains(result.SafetyFlags, f => f.Flag.Priority == FlagPriority.Urgent && f.Flag.ItemNumber == 10);
        }
        finally
        {
            Limits.SetInputLimits(before);
        }
    }
}
