using System;
using System.Collections.Generic;
using System.Linq;
using Assessments.Trends;
using Xunit;

namespace Assessments.Tests.Trends;

/// <summary>Worked examples of docs/clinical-rules.md §6, computed by hand from the definitions.</summary>
public sealed class TreatmentCourseTests
{
    internal static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    internal static CourseAssessment Total(Instrument instrument, DateTimeOffset at, int total)
    {
        Assert.True(CourseAssessment.TryFromTotal(at, instrument, total, out CourseAssessment? a));
        return a;
    }

    /// <summary>MADRS totals at day offsets (baseline at day -0.1), one infusion at T0.</summary>
    internal static CourseSummary Madrs(params (double Day, int Total)[] points) => Course(Assessments.Instruments.Madrs, [T0], CourseOptions.Default, points);

    internal static CourseSummary Course(Instrument instrument, DateTimeOffset[] treatments, CourseOptions options, params (double Day, int Total)[] points)
    {
        List<CourseAssessment> assessments = [.. points.Select(p => Total(instrument, T0.AddDays(p.Day), p.Total))];
        CourseResult result = TreatmentCourse.Summarize(instrument, assessments, [.. treatments.Select(t => new TreatmentSession(t, TreatmentKinds.Infusion))], options);
        Assert.True(result.IsSuccess, string.Join("; ", result.Errors));
        return result.Summary;
    }

    [Theory]
    [InlineData(30, 15, CourseStatus.Response)]        // exactly 50 %
    [InlineData(30, 16, CourseStatus.PartialResponse)] // 46.7 %
    [InlineData(32, 24, CourseStatus.PartialResponse)] // exactly 25 %: partial (project convention)
    [InlineData(32, 25, CourseStatus.NonResponse)]     // 21.9 %
    [InlineData(30, 30, CourseStatus.NonResponse)]
    [InlineData(30, 31, CourseStatus.NonResponse)]     // +1 point is not worsening (v2)
    [InlineData(30, 37, CourseStatus.NonResponse)]     // +23 %: under the 25 % worsening convention
    [InlineData(30, 38, CourseStatus.Worsening)]       // 4 × 8 ≥ 30: worsening
    [InlineData(30, 10, CourseStatus.Remission)]       // at the remission cut-off (MADRS 10)
    [InlineData(30, 11, CourseStatus.Response)]        // just above it
    public void Status_AtEveryBoundary(int baseline, int current, CourseStatus expected)
    {
        CourseSummary s = Madrs((-0.1, baseline), (1, current));
        Assert.Equal(expected, s.Status);
        Assert.Null(s.Baseline.Status);
    }

    [Fact]
    public void BaselineAtOrBelowRemission_HasNoStatusUnlessWorsening()
    {
        CourseSummary s = Madrs((-0.1, 10), (1, 5), (2, 12), (3, 13)); // worsening from 10 needs 4 × (c − 10) ≥ 10
        Assert.True(s.BaselineBelowThreshold);
        Assert.Equal(new CourseStatus?[] { null, null, null, CourseStatus.Worsening }, s.Assessments.Select(a => a.Status).ToArray());
        Assert.False(s.RapidResponse);
    }

    [Fact]
    public void BaselineZero_HasNoPercentImprovement()
    {
        CourseSummary s = Course(Assessments.Instruments.Phq2, [T0], CourseOptions.Default, (-0.1, 0), (1, 0), (2, 2));
        Assert.Null(s.Latest.PercentImprovement);
        Assert.True(s.BaselineBelowThreshold);
        Assert.Equal(CourseStatus.Worsening, s.Status);
    }

    [Fact]
    public void PercentImprovement_RoundsHalfAwayFromZeroToOneDecimal()
    {
        // 34 -> 8: 76.470588... -> 76.5; 40 -> 39: 2.5 exactly; 16 -> 17: -6.25 -> -6.3
        Assert.Equal(76.5m, Madrs((-0.1, 34), (1, 8)).PercentImprovement);
        Assert.Equal(2.5m, Madrs((-0.1, 40), (1, 39)).PercentImprovement);
        Assert.Equal(-6.3m, Madrs((-0.1, 16), (1, 17)).PercentImprovement);
    }

    [Fact]
    public void OnlyTheBaseline_HasNoCourseStatus()
    {
        CourseSummary s = Madrs((-0.1, 30));
        Assert.Null(s.Status);
        Assert.Equal(s.Baseline, s.Latest);
    }

    [Theory]
    [InlineData(24.0, true)]             // exactly 24 h after the first infusion
    [InlineData(24.0 + 20.0 / 60, true)] // v3: the next-day visit 24 h 20 min later (v2 said no)
    [InlineData(36.0, true)]             // 24 h + the 12-hour visit window, inclusive
    [InlineData(36.0 + 1.0 / 60, false)] // one minute later
    [InlineData(4.0, true)]
    public void RapidResponse_IsWithinTwentyFourHoursAndTheVisitWindowInclusive(double hours, bool expected) =>
        Assert.Equal(expected, Madrs((-0.1, 30), (hours / 24, 15)).RapidResponse);

    [Fact]
    public void RapidResponse_NeedsFiftyPercentNotRemissionAlone()
    {
        // 18 -> 10 is remission (<= 10) but only 44 % improvement.
        CourseSummary s = Madrs((-0.1, 18), (1, 10));
        Assert.Equal(CourseStatus.Remission, s.Status);
        Assert.False(s.RapidResponse);
    }

    [Fact]
    public void RapidResponse_IsFalseWithoutTreatment()
    {
        CourseSummary s = Course(Assessments.Instruments.Madrs, [], CourseOptions.Default, (-0.1, 30), (1, 10));
        Assert.False(s.RapidResponse);
        Assert.Equal(1, s.DaysToFirstResponse); // from the baseline when no treatment is recorded
    }

    [Fact]
    public void OneDip_IsNotALossOfResponse()
    {
        CourseSummary s = Madrs((-0.1, 30), (1, 14), (2, 20), (8, 14), (14, 13));
        Assert.Null(s.LossOfResponse);
        Assert.True(s.SustainedResponse); // days 8 and 14: two responses 6 days apart
    }

    [Fact]
    public void TwoConsecutiveNonResponses_AfterAResponse_AreALossOfResponseDatedAtTheFirst()
    {
        DateTimeOffset[] infusions = [T0, T0.AddDays(2), T0.AddDays(4)];
        CourseSummary s = Course(Assessments.Instruments.Madrs, infusions, CourseOptions.Default, (-0.1, 30), (1, 14), (6, 13), (23.5, 20), (30, 22));
        Assert.NotNull(s.LossOfResponse);
        Assert.Equal(T0.AddDays(23.5), s.LossOfResponse.At);
        Assert.Equal(19, s.LossOfResponse.DaysSinceLastTreatment); // 19.5 days since day 4, rounded down
        Assert.True(s.SustainedResponse); // stays true after the loss
    }

    [Fact]
    public void LossAtTheLastAssessment_IsNotYetALossOfResponse() =>
        Assert.Null(Madrs((-0.1, 30), (1, 14), (2, 20)).LossOfResponse);

    [Fact]
    public void SingleResponse_IsNotSustained() => Assert.False(Madrs((-0.1, 30), (1, 14), (2, 20)).SustainedResponse);

    [Fact]
    public void TimeToFirstResponseAndRemission_CountWholeDaysFromTheFirstTreatment()
    {
        CourseSummary s = Madrs((-0.1, 30), (1.9, 16), (2.9, 15), (6.99, 10));
        Assert.Equal(2, s.DaysToFirstResponse);
        Assert.Equal(6, s.DaysToFirstRemission);
    }

    [Theory]
    [InlineData(16, 9, ReliableChangeCategory.Recovered)]   // reliable drop from a case to below 10
    [InlineData(16, 10, ReliableChangeCategory.Improved)]   // drop of 6, but 10 is still a case
    [InlineData(16, 11, ReliableChangeCategory.Unchanged)]  // drop of 5: under the threshold
    [InlineData(24, 18, ReliableChangeCategory.Improved)]   // drop of 6, still a case
    [InlineData(9, 3, ReliableChangeCategory.Improved)]     // not a case at baseline
    [InlineData(4, 10, ReliableChangeCategory.Deteriorated)]
    [InlineData(4, 9, ReliableChangeCategory.Unchanged)]
    public void Phq9ReliableChange_UsesTheSixPointThresholdAndCasenessTen(int baseline, int current, ReliableChangeCategory expected) =>
        Assert.Equal(expected, Course(Assessments.Instruments.Phq9, [T0], CourseOptions.Default, (-0.1, baseline), (7, current)).ReliableChange);

    [Fact]
    public void JacobsonTruax_WithCallerParameters_ClassifiesAtTheThreshold()
    {
        // SD 10, r 0.875: S_diff = 10 × √0.25 = 5; RC = change / 5; reliable at |RC| ≥ 1.96 (change of 9.8).
        var options = CourseOptions.Default with { ReliableChange = new ReliableChangeParameters(10, 0.875, caseCutoff: 20) };
        Assert.Equal(ReliableChangeCategory.Unchanged, Course(Assessments.Instruments.Madrs, [T0], options, (-0.1, 30), (7, 21)).ReliableChange); // -9
        Assert.Equal(ReliableChangeCategory.Improved, Course(Assessments.Instruments.Madrs, [T0], options, (-0.1, 30), (7, 20)).ReliableChange);  // -10, still a case
        Assert.Equal(ReliableChangeCategory.Recovered, Course(Assessments.Instruments.Madrs, [T0], options, (-0.1, 30), (7, 19)).ReliableChange);
        Assert.Equal(ReliableChangeCategory.Deteriorated, Course(Assessments.Instruments.Madrs, [T0], options, (-0.1, 20), (7, 30)).ReliableChange);
    }

    [Fact]
    public void NoReliableChangeParameters_GiveNull() => Assert.Null(Madrs((-0.1, 30), (7, 10)).ReliableChange);

    [Fact]
    public void EsketamineDefinition_MovesRemissionToTwelve()
    {
        Assert.Equal(CourseStatus.Response, Madrs((-0.1, 30), (1, 12)).Status);
        Assert.Equal(CourseStatus.Remission, Course(Assessments.Instruments.Madrs, [T0], CoursePresets.Sustain1.Options, (-0.1, 30), (1, 12)).Status);
    }

    [Fact]
    public void Cadss_ReportsTotalsAndBandsOnly()
    {
        CourseSummary s = Course(Assessments.Instruments.Cadss, [T0], CourseOptions.Default, (-0.1, 40), (0.1, 5), (0.2, 4));
        Assert.All(s.Assessments, a => Assert.Null(a.Status));
        Assert.False(s.RapidResponse || s.SustainedResponse);
        Assert.Null(s.LossOfResponse);
        Assert.Null(s.RemissionThreshold);
    }

    [Fact]
    public void SafetyFlags_OfEveryAssessmentAreCarriedWithTheirDates()
    {
        Instrument phq9 = Assessments.Instruments.Phq9;
        CourseAssessment Scored(double day, params int[] items) => CourseAssessment.FromScore(T0.AddDays(day), phq9.Score(items).ScoreOrThrow());
        CourseResult result = TreatmentCourse.Summarize(phq9, [Scored(-0.1, 3, 3, 3, 3, 3, 2, 2, 2, 2), Scored(7, 1, 1, 0, 0, 0, 0, 0, 0, 1), Scored(14, 0, 0, 0, 0, 0, 0, 0, 0, 0)], []);
        Assert.True(result.IsSuccess);
        Assert.Equal([T0.AddDays(-0.1), T0.AddDays(7)], result.Summary.SafetyFlags.Select(f => f.At).ToArray());
        Assert.Equal([FlagPriority.Urgent, FlagPriority.Review], result.Summary.SafetyFlags.Select(f => f.Flag.Priority!.Value).ToArray());
        Assert.Equal(CourseStatus.Remission, result.Summary.Status); // a good latest score does not hide them
    }

    [Fact]
    public void DuplicateInstantsAndOtherInstruments_AreRejectedNamingTheirPositions()
    {
        var a = Total(Assessments.Instruments.Madrs, T0, 30);
        var b = Total(Assessments.Instruments.Madrs, T0, 20);
        var c = Total(Assessments.Instruments.Phq9, T0.AddDays(1), 10);
        CourseResult result = TreatmentCourse.Summarize(Assessments.Instruments.Madrs, [a, b, c], []);
        Assert.False(result.IsSuccess);
        Assert.Contains(result.Errors, e => e.Code == ErrorCodes.DuplicateInstant && e.Position == "assessments[1]");
        Assert.Contains(result.Errors, e => e.Code == ErrorCodes.WrongInstrument && e.Position == "assessments[2]");
    }

    [Fact]
    public void EmptyCourse_IsAnError() =>
        Assert.Equal(ErrorCodes.NoAssessments, Assert.Single(TreatmentCourse.Summarize(Assessments.Instruments.Madrs, [], []).Errors).Code);

    [Fact]
    public void ImportedTotalOutOfRange_IsRefused() =>
        Assert.False(CourseAssessment.TryFromTotal(T0, Assessments.Instruments.Madrs, 61, out _));

    [Fact]
    public void NamedBaseline_IsUsedAndEarlierAssessmentsHaveNoStatus()
    {
        var options = CourseOptions.Default with { BaselineAt = T0.AddDays(-0.1) };
        CourseSummary s = Course(Assessments.Instruments.Madrs, [T0], options, (-7, 40), (-0.1, 30), (1, 15));
        Assert.Equal(30, s.Baseline.Total);
        Assert.Null(s.Assessments[0].Status);
        Assert.Equal(CourseStatus.Response, s.Status);
    }

    [Fact]
    public void CssrsScreen_HasNoCourse() =>
        Assert.Throws<ArgumentException>(() => TreatmentCourse.Summarize(Assessments.Instruments.CssrsScreen, [], []));

    [Fact]
    public void ACourseWithoutSessions_NeedsNoEmptyList()
    {
        Instrument madrs = Assessments.Instruments.Madrs;
        List<CourseAssessment> assessments = [Total(madrs, T0, 30), Total(madrs, T0.AddDays(7), 14)];
        CourseResult shortCall = TreatmentCourse.Summarize(madrs, assessments);
        CourseResult longCall = TreatmentCourse.Summarize(madrs, assessments, [], null);
        Assert.True(shortCall.IsSuccess);
        Assert.Equal(CourseStatus.Response, shortCall.Summary.Status);
        Assert.Equal(Assessments.Serialization.CourseJson.Write(longCall.Summary!), Assessments.Serialization.CourseJson.Write(shortCall.Summary));
        Assert.False(shortCall.Summary.RapidResponse);
    }

    [Fact]
    public void ADefaultTrend_StatesNothing_AndSaysSoWhenAskedForItsAssessment()
    {
        AssessmentTrend none = default;
        Assert.Null(none.Status);            // not "remission", the first status
        Assert.Null(none.Change);
        Assert.Null(none.PercentImprovement);
        Assert.Null(none.ReliableChange);
        Assert.Null(none.Band);
        Assert.False(none.MeetsResponse);
        Assert.Throws<InvalidOperationException>(() => none.Total);

        AssessmentTrend baseline = Madrs((0, 30), (1, 30)).Assessments[0];
        Assert.True(baseline.IsBaseline);
        Assert.Null(baseline.Change);
        Assert.Equal(30, baseline.Total);
        AssessmentTrend same = Madrs((0, 30), (1, 30)).Assessments[1];
        Assert.Equal(0, same.Change);        // a real zero change is not "no change stated"
        Assert.Equal(0m, same.PercentImprovement);
    }
}
