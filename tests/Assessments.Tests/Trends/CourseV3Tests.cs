using System;
using System.Linq;
using Assessments.Trends;
using Xunit;

namespace Assessments.Tests.Trends;

/// <summary>Worked examples of the v3 course rules (docs/clinical-rules.md §6, every "v3" passage), each at its boundary,
/// and the clinical review's repros (issue 17) as named tests. Totals and dates are chosen by hand; every expected value
/// is computed from the rule in the comment beside it.</summary>
public sealed class CourseV3Tests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly Instrument Madrs = Assessments.Instruments.Madrs;
    private static readonly Instrument Phq9 = Assessments.Instruments.Phq9;

    private static DateTimeOffset Day(double days) => T0.AddDays(days);

    private static TreatmentSession Session(double day, string? kind = "iv-ketamine", double? minutes = null) =>
        new(Day(day), kind, minutes is double m ? Day(day).AddMinutes(m) : null);

    private static CourseAssessment Total(Instrument instrument, DateTimeOffset at, int total) => TreatmentCourseTests.Total(instrument, at, total);

    private static CourseResult Run(Instrument instrument, TreatmentSession[] sessions, CourseOptions? options, params (DateTimeOffset At, int Total)[] points) =>
        TreatmentCourse.Summarize(instrument, [.. points.Select(p => Total(instrument, p.At, p.Total))], sessions, options);

    private static CourseSummary Course(Instrument instrument, TreatmentSession[] sessions, CourseOptions? options, params (DateTimeOffset At, int Total)[] points)
    {
        CourseResult result = Run(instrument, sessions, options, points);
        Assert.True(result.IsSuccess, string.Join("; ", result.Errors));
        return result.Summary;
    }

    /// <summary>Six infusions, twice weekly (Murrough 2013's schedule): days 0, 3, 7, 10, 14, 17.</summary>
    private static TreatmentSession[] SixTwiceWeekly => [.. new[] { 0.0, 3, 7, 10, 14, 17 }.Select(d => Session(d))];

    // ---- loss of response: confirmed across visits closer than the confirmation interval -----------------------------

    [Fact]
    public void LossOfResponse_WithVisitsThreeToFourDaysApart_IsConfirmedByTheFirstVisitFiveDaysLater()
    {
        // Baseline 34; response (≤ 17) on days 1 and 8; then 25 on day 21, 26 on day 24, 27 on day 28. v2 looked only at
        // the next visit (3 days later: never 5 days apart) and never confirmed. v3: A = day 21, confirmed on day 28 (the
        // first visit ≥ 5 days later), day 24 between also failing.
        CourseSummary s = Course(Madrs, SixTwiceWeekly, null, (Day(-0.1), 34), (Day(1), 16), (Day(8), 14), (Day(21), 25), (Day(24), 26), (Day(28), 27));
        Assert.Equal(Day(21), s.LossOfResponse!.At);
        Assert.Equal(Day(28), s.LossOfResponse.ConfirmedAt);
        Assert.Equal(4, s.LossOfResponse.DaysSinceLastTreatment); // the last infusion (day 17) to day 21
    }

    [Fact]
    public void LossOfResponse_IsNotConfirmed_WhenAVisitBetweenRespondsAgain()
    {
        // 25 on day 21, back to 15 on day 24 (a response), 26 on day 26: the day-21 dip is not a loss; the day-26 one
        // cannot be confirmed yet (no visit 5 days after it).
        CourseSummary s = Course(Madrs, SixTwiceWeekly, null, (Day(-0.1), 34), (Day(1), 16), (Day(8), 14), (Day(21), 25), (Day(24), 15), (Day(26), 26));
        Assert.Null(s.LossOfResponse);
    }

    [Theory]
    [InlineData(4.99, false)] // the only later visit is under 5 days after the dip: not confirmable
    [InlineData(5, true)]     // exactly 5 days: confirmed
    public void LossOfResponse_ConfirmationBoundary(double gap, bool lost)
    {
        CourseSummary s = Course(Madrs, [Session(0)], null, (Day(-0.1), 34), (Day(1), 16), (Day(8), 25), (Day(8 + gap), 25));
        Assert.Equal(lost, s.LossOfResponse is not null);
    }

    [Fact]
    public void LossOfResponse_ASecondDip_IsFoundAfterAFirstUnconfirmedOne()
    {
        // Dip on day 10 answered by a response on day 12; a second dip on day 14 confirmed on day 19 (linear scan resumes).
        CourseSummary s = Course(Madrs, [Session(0)], null, (Day(-0.1), 34), (Day(1), 16), (Day(10), 25), (Day(12), 15), (Day(14), 24), (Day(16), 23), (Day(19), 24));
        Assert.Equal((Day(14), Day(19)), (s.LossOfResponse!.At, s.LossOfResponse.ConfirmedAt));
    }

    // ---- the rapid window ---------------------------------------------------------------------------------------------

    [Fact]
    public void RapidResponse_ANextDayVisit24h20mAfterTheInfusion_Counts()
    {
        CourseSummary s = Course(Madrs, [Session(0, minutes: 40)], null, (Day(-0.1), 34), (T0.AddMinutes(40).AddHours(24).AddMinutes(20), 15));
        Assert.True(s.RapidResponse);
        Assert.True(s.RapidResponseAssessed);
    }

    [Fact]
    public void RapidResponseAssessed_IsFalseWithoutAVisitInTheWindow_AndTrueWithOneThatDidNotRespond()
    {
        CourseSummary none = Course(Madrs, [Session(0)], null, (Day(-0.1), 34), (Day(3), 15));
        Assert.False(none.RapidResponseAssessed);
        Assert.False(none.RapidResponse);
        CourseSummary noResponse = Course(Madrs, [Session(0)], null, (Day(-0.1), 34), (Day(1), 30));
        Assert.True(noResponse.RapidResponseAssessed);
        Assert.False(noResponse.RapidResponse);
        CourseSummary narrow = Course(Madrs, [Session(0)], CourseOptions.Default with { VisitWindow = TimeSpan.Zero }, (Day(-0.1), 34), (Day(1).AddMinutes(1), 15));
        Assert.False(narrow.RapidResponseAssessed); // with no visit window, v2's 24 h exactly
    }

    // ---- the stale pre-dose baseline --------------------------------------------------------------------------------

    [Fact]
    public void AnIntakeThreeWeeksBeforeTheFirstDose_IsTheBaseline_NotTheDayAfter()
    {
        // Intake 34 on day -21 (outside the 14-day window), 20 the day after the first infusion. v2 took 20 as the
        // baseline; v3 takes the intake, with the warning stale-baseline.
        CourseSummary s = Course(Madrs, [Session(0)], null, (Day(-21), 34), (Day(1), 20), (Day(7), 16));
        Assert.Equal(34, s.Baseline.Total);
        Assert.Equal(TreatmentCourse.StaleBaseline, Assert.Single(s.Warnings));
        Assert.Equal(CourseStatus.Response, s.Status); // 2 × (34 − 16) ≥ 34
    }

    [Fact]
    public void AStaleBaseline_IsNeverTakenFromBeforeAnEarlierCourse()
    {
        // An earlier course (3 sessions from day -200); its last session on day -190; a re-induction on days 0 and 3. The
        // assessment on day -60 is after it: stale baseline; one on day -195 (inside the earlier course) never is.
        TreatmentSession[] sessions = [Session(-200), Session(-197), Session(-190), Session(0), Session(3)];
        CourseSummary s = Course(Madrs, sessions, null, (Day(-195), 36), (Day(-60), 30), (Day(1), 14));
        Assert.Equal((Day(-60), 30), (s.Baseline.At, s.Baseline.Total!.Value));
        CourseSummary noStale = Course(Madrs, sessions, null, (Day(-195), 36), (Day(1), 14), (Day(5), 12));
        Assert.Equal(TreatmentCourse.NoPretreatmentBaseline, Assert.Single(noStale.Warnings));
    }

    // ---- a gap splits courses only at a re-induction -------------------------------------------------------------------

    [Fact]
    public void AQuarterlyBooster_StaysInTheCourse_SoAStableResponderStaysAResponder()
    {
        // Induction days 0–17, boosters on days 110 and 210 (gaps ≥ 90 days, each alone). v2 made day 210 a new course
        // with a pre-booster baseline of 12 and read 11 as non-response; v3 keeps one course from the baseline 34.
        TreatmentSession[] sessions = [.. SixTwiceWeekly, Session(110), Session(210)];
        CourseSummary s = Course(Madrs, sessions, null, (Day(-0.1), 34), (Day(1), 16), (Day(8), 12), (Day(100), 12), (Day(209), 12), (Day(215), 11));
        Assert.Equal(T0, s.T0);
        Assert.Equal(8, s.AnchoringSessions.Length);
        Assert.Equal(CourseStatus.Response, s.Status);
        Assert.Equal(34, s.Baseline.Total);
    }

    [Theory]
    [InlineData(14, 2)]    // the second session exactly 14 days after the post-gap one: a re-induction, a new course
    [InlineData(14.01, 1)] // a little later: a lone booster, the same course
    public void AReinduction_NeedsItsSessionsWithinReinductionDays(double second, int courses)
    {
        CourseSummary s = Course(Madrs, [Session(0), Session(100), Session(100 + second)], null, (Day(-0.1), 34), (Day(99), 20), (Day(101), 14));
        Assert.Equal(courses == 2 ? Day(100) : T0, s.T0);
    }

    // ---- CMS159 from every PHQ-9 of the document ----------------------------------------------------------------------

    [Fact]
    public void Cms159_TheIndexIsTheFirstPhq9AboveNine_EvenAScreeningOrExcludedOne()
    {
        // A screening PHQ-9 of 15 a month before the course's window, then the course's baseline of 12. v2 indexed on the
        // baseline; v3 on the screening visit (the measure is about the patient).
        CourseSummary s = Course(Phq9, [Session(0)], null, (Day(-40), 15), (Day(-1), 12), (Day(300), 3));
        Assert.Equal(Day(-40), s.DepressionRemission12Months!.IndexAt);
        Assert.Equal(Day(300), s.DepressionRemission12Months.MeasuredAt); // index + 340 days: in 305..425
        Assert.True(s.DepressionRemission12Months.Remission);
    }

    // ---- invalid assessments no longer invalidate the course ----------------------------------------------------------

    [Fact]
    public void OneBlankMadrsItem_IsListedAsInvalid_AndTheYearOfCareIsStillSummarised()
    {
        ScoringResult blank = Madrs.Score([4, 4, 3, null, 3, 3, 4, 3, 3, 4]);
        Assert.False(blank.IsSuccess);
        CourseAssessment[] rows =
        [
            Total(Madrs, Day(-0.1), 34), Total(Madrs, Day(7), 16), CourseAssessment.FromResult(Day(30), blank), Total(Madrs, Day(90), 12),
        ];
        CourseResult result = TreatmentCourse.Summarize(Madrs, rows, [Session(0)]);
        Assert.True(result.IsSuccess);
        CourseSummary s = result.Summary;
        Assert.Equal([CourseRole.Baseline, CourseRole.FollowUp, CourseRole.Invalid, CourseRole.FollowUp], s.Assessments.Select(a => a.Role));
        Assert.Null(s.Assessments[2].Total);
        Assert.Equal(TreatmentCourse.InvalidAssessments, Assert.Single(s.Warnings));
        Assert.Equal("assessments[2]", Assert.Single(result.Errors).Position);
        Assert.Equal(12, s.Latest.Total); // the latest valid assessment
        Assert.Contains(s.SafetyFlags, f => f.At == Day(30) && f.Flag.ItemNumber == 10 && f.Flag.Priority == FlagPriority.Urgent);

        CourseResult strict = TreatmentCourse.Summarize(Madrs, rows, [Session(0)], CourseOptions.Default with { Strict = true });
        Assert.False(strict.IsSuccess);
        Assert.Equal("assessments[2]", Assert.Single(strict.Errors).Position);
    }

    // ---- relapseFrom -------------------------------------------------------------------------------------------------

    [Fact]
    public void Sustain1_AStableResponderWhoNeverRemitted_CanRelapse()
    {
        // Baseline 34; stable response at 15–16 (never ≤ 12); then 24 on day 40 and 25 on day 47 (7 days: in 5–15).
        // ketamine-clinic looks for relapse only after sustained remission: none. sustain-1 (relapseFrom response): relapse.
        (DateTimeOffset, int)[] points = [(Day(-0.1), 34), (Day(7), 16), (Day(14), 15), (Day(28), 15), (Day(40), 24), (Day(47), 25)];
        Assert.Null(Course(Madrs, [Session(0)], null, points).Episode!.Relapse);
        ConfirmedEvent relapse = Course(Madrs, [Session(0)], CoursePresets.Sustain1.Options, points).Episode!.Relapse!;
        Assert.Equal((Day(40), Day(47)), (relapse.At, relapse.ConfirmedAt));
    }

    [Theory]
    [InlineData(15, 40)]    // confirmed exactly 15 days after day 40: the relapse is dated day 40
    [InlineData(15.01, 42)] // past 15 days for day 40, so day 40 is not confirmed; day 42 (13.01 days before) is
    [InlineData(20, -1)]    // 18 days after day 42 too: no relapse
    public void Relapse_ConfirmationMaxDaysBoundary_WithAVisitBetween(double gap, int relapseDay)
    {
        // Sustained remission days 7–28; 23 on day 40, 22 on day 42 (between, at threshold), then the confirming visit.
        CourseSummary s = Course(Madrs, [Session(0)], null, (Day(-0.1), 34), (Day(7), 8), (Day(28), 9), (Day(40), 23), (Day(42), 22), (Day(40 + gap), 24));
        Assert.Equal(relapseDay < 0 ? null : Day(relapseDay), s.Episode!.Relapse?.At);
    }

    // ---- CADSS pre-dose and change, co-interventions -------------------------------------------------------------------

    [Fact]
    public void Cadss_ReportsThePreDoseValueAndTheChange()
    {
        Instrument cadss = Assessments.Instruments.Cadss;
        // Pre-dose 2 one hour before; a value exactly at the start belongs to the session (not pre); 5 h before is too old.
        CourseSummary s = Course(cadss, [Session(0), Session(2)], null,
            (T0.AddHours(-1), 2), (T0.AddMinutes(40), 18), (Day(2).AddHours(-5), 1), (Day(2), 3), (Day(2).AddMinutes(40), 12));
        Assert.Equal([(T0, 18, (int?)2, (int?)16), (Day(2), 12, null, null)], s.SessionPeaks!.Value.Select(p => (p.SessionAt, p.Peak, p.Pre, p.Change)));
    }

    [Fact]
    public void AMedicationChangeBetweenBaselineAndLatest_GivesTheCoInterventionWarning()
    {
        var options = CourseOptions.Default with { TreatmentKind = "iv-ketamine" };
        CourseSummary s = Course(Madrs, [Session(0), Session(10, "medication-change")], options, (Day(-0.1), 34), (Day(14), 14));
        Assert.Equal(TreatmentCourse.CoIntervention, Assert.Single(s.Warnings));
        CourseSummary after = Course(Madrs, [Session(0), Session(20, "medication-change")], options, (Day(-0.1), 34), (Day(14), 14));
        Assert.Empty(after.Warnings); // after the latest assessment: nothing it could have changed yet
    }
}
