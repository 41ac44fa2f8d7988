using System;
using System.Linq;
using Assessments.Trends;
using Xunit;

namespace Assessments.Tests.Trends;

/// <summary>Worked examples of the v2 course definitions (docs/clinical-rules.md §6), one per definition at each of its
/// boundaries, and the seven courses of issue 9 that v1 read wrongly. Totals and dates are chosen by hand; every
/// expected value is computed from the definition in the comment beside it.</summary>
public sealed class CourseV2Tests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly Instrument Madrs = Assessments.Instruments.Madrs;
    private static readonly Instrument Phq9 = Assessments.Instruments.Phq9;

    private static DateTimeOffset Day(double days) => T0.AddDays(days);

    private static TreatmentSession Session(double day, string? kind = "iv-ketamine", double? minutes = null) =>
        new(Day(day), kind, minutes is double m ? Day(day).AddMinutes(m) : null);

    private static CourseResult Run(Instrument instrument, TreatmentSession[] sessions, CourseOptions? options, params (DateTimeOffset At, int Total)[] points) =>
        TreatmentCourse.Summarize(instrument, [.. points.Select(p => TreatmentCourseTests.Total(instrument, p.At, p.Total))], sessions, options);

    private static CourseSummary Course(Instrument instrument, TreatmentSession[] sessions, CourseOptions? options, params (DateTimeOffset At, int Total)[] points)
    {
        CourseResult result = Run(instrument, sessions, options, points);
        Assert.True(result.IsSuccess, string.Join("; ", result.Errors));
        return result.Summary;
    }

    private static CourseSummary Madrs1(params (DateTimeOffset At, int Total)[] points) => Course(Madrs, [Session(0)], null, points);

    private static CourseRole[] Roles(CourseSummary s) => [.. s.Assessments.Select(a => a.Role)];

    // ---- t0 and the baseline window -------------------------------------------------------------------------------

    [Fact]
    public void AnAssessmentExactly14DaysBeforeT0_IsTheBaseline()
    {
        CourseSummary s = Madrs1((Day(-14), 30), (Day(1), 14));
        Assert.Equal(Day(-14), s.Baseline.At);
        Assert.Empty(s.Warnings);
    }

    [Fact]
    public void OneMinuteOlder_IsAStaleBaseline_NotAPostDoseValue()
    {
        // v3 changes v2 here: v2 took the post-dose 14 as the baseline; the pre-dose 30 is the better one, flagged stale.
        CourseSummary s = Madrs1((Day(-14).AddMinutes(-1), 30), (Day(1), 14), (Day(2), 12));
        Assert.Equal([CourseRole.Baseline, CourseRole.FollowUp, CourseRole.FollowUp], Roles(s));
        Assert.Equal(TreatmentCourse.StaleBaseline, Assert.Single(s.Warnings));
        Assert.Equal(30, s.Baseline.Total);
    }

    [Fact]
    public void OlderThanStaleBaselineMaxDays_TheFirstAssessmentAfterT0IsTheBaselineWithAWarning()
    {
        CourseSummary s = Madrs1((Day(-90).AddMinutes(-1), 30), (Day(1), 14), (Day(2), 12));
        Assert.Equal([CourseRole.Excluded, CourseRole.Baseline, CourseRole.FollowUp], Roles(s));
        Assert.Equal(TreatmentCourse.NoPretreatmentBaseline, Assert.Single(s.Warnings));
        Assert.Equal(14, s.Baseline.Total);
        Assert.Equal(30, Madrs1((Day(-90), 30), (Day(1), 14)).Baseline.Total); // exactly 90 days: still the baseline
    }

    [Fact]
    public void AnAssessmentAtExactlyT0_IsPreDose_AndEarlierOnesInTheWindowAreScreening()
    {
        CourseSummary s = Madrs1((Day(-7), 36), (T0, 30), (Day(1), 15));
        Assert.Equal([CourseRole.Screening, CourseRole.Baseline, CourseRole.FollowUp], Roles(s));
        Assert.Equal(T0, s.T0);
        Assert.Equal(CourseStatus.Response, s.Status); // 2 × 15 ≥ 30 against the pre-dose 30, not the screening 36
    }

    [Fact]
    public void ANamedBaselineWins_AndOneAfterT0CarriesTheWarning()
    {
        CourseSummary named = Course(Madrs, [Session(0)], CourseOptions.Default with { BaselineAt = Day(-7) }, (Day(-10), 40), (Day(-7), 36), (Day(-1), 30), (Day(1), 18));
        Assert.Equal([CourseRole.Screening, CourseRole.Baseline, CourseRole.FollowUp, CourseRole.FollowUp], Roles(named));
        Assert.Empty(named.Warnings);
        CourseSummary late = Course(Madrs, [Session(0)], CourseOptions.Default with { BaselineAt = Day(1) }, (Day(-1), 30), (Day(1), 18));
        Assert.Equal(TreatmentCourse.NoPretreatmentBaseline, Assert.Single(late.Warnings));
        CourseResult unknown = Run(Madrs, [Session(0)], CourseOptions.Default with { BaselineAt = Day(3) }, (Day(-1), 30));
        Assert.Equal(ErrorCodes.UnknownBaseline, Assert.Single(unknown.Errors).Code);
        Assert.True(unknown.IsUsageError);
    }

    [Fact]
    public void WithoutSessions_TheCourseIsMonitoringOnly()
    {
        CourseSummary s = Course(Madrs, [], null, (Day(0), 30), (Day(7), 14));
        Assert.Null(s.T0);
        Assert.Equal(30, s.Baseline.Total);
        Assert.False(s.RapidResponse);
        Assert.Equal(7, s.DaysToFirstResponse); // from the baseline
    }

    // ---- the treatment kind and the course ------------------------------------------------------------------------

    [Fact]
    public void SeveralKindsWithoutATreatmentKind_AreAUsageError_NotAGuess()
    {
        CourseResult result = Run(Madrs, [Session(-14, "medication-change"), Session(0)], null, (Day(-1), 30));
        Assert.Equal(ErrorCodes.TreatmentKindRequired, Assert.Single(result.Errors).Code);
        Assert.True(result.IsUsageError);
        CourseResult unnamed = Run(Madrs, [Session(-14, null), Session(0)], null, (Day(-1), 30));
        Assert.Equal(ErrorCodes.TreatmentKindRequired, Assert.Single(unnamed.Errors).Code); // no kind is a kind of its own
        CourseResult typo = Run(Madrs, [Session(0)], CourseOptions.Default with { TreatmentKind = "iv-ketamin" }, (Day(-1), 30));
        Assert.Equal(ErrorCodes.OptionOutOfRange, Assert.Single(typo.Errors).Code);
    }

    [Theory]
    [InlineData(89.99, 1)]  // a gap under 90 days: one course
    [InlineData(90, 2)]     // exactly 90 days, and a re-induction follows: a new course
    public void AGapOfNewCourseAfterDays_StartsANewCourse_AtAReinduction(double gap, int courses)
    {
        CourseSummary s = Course(Madrs, [Session(0), Session(gap), Session(gap + 3)], null, (Day(-1), 30), (Day(gap - 1), 28), (Day(gap + 1), 14));
        Assert.Equal(courses == 1 ? T0 : Day(gap), s.T0);
        Assert.Equal(courses == 1 ? 3 : 2, s.AnchoringSessions.Length);
    }

    [Fact]
    public void CourseStart_SelectsAnEarlierCourse_AndExcludesWhatFollowsTheNextOne()
    {
        CourseSummary s = Course(Madrs, [Session(0), Session(200), Session(203)], CourseOptions.Default with { CourseStart = Day(-5) }, (Day(-1), 30), (Day(1), 14), (Day(199), 28), (Day(201), 12));
        Assert.Equal(T0, s.T0);
        Assert.Equal([CourseRole.Baseline, CourseRole.FollowUp, CourseRole.FollowUp, CourseRole.Excluded], Roles(s));
        CourseResult none = Run(Madrs, [Session(0)], CourseOptions.Default with { CourseStart = Day(5) }, (Day(-1), 30));
        Assert.Equal(ErrorCodes.OptionOutOfRange, Assert.Single(none.Errors).Code);
    }

    // ---- response, remission, worsening ---------------------------------------------------------------------------

    [Fact]
    public void RemissionAndResponse_AreIndependentFacts()
    {
        AssessmentTrend t = Madrs1((Day(-1), 18), (Day(1), 10)).Latest;
        Assert.Equal(true, t.InRemission);
        Assert.False(t.MeetsResponse);                // 44 % < 50 %
        Assert.Equal(CourseStatus.Remission, t.Status);
    }

    [Theory]
    [InlineData(8, 14, CourseStatus.Worsening)]    // PHQ-9: +6 is its reliable-change threshold
    [InlineData(8, 13, CourseStatus.NonResponse)]  // +5 is not
    public void Phq9Worsening_UsesItsReliableChangePoints(int b, int c, CourseStatus expected) =>
        Assert.Equal(expected, Course(Phq9, [Session(0)], null, (Day(-1), b), (Day(7), c)).Status);

    [Fact]
    public void CallerSdAndR_DecideWorsening_AndWithoutACutOffNeverSayRecovered()
    {
        // SD 10, r 0.875: S_diff 5; reliable at |change| ≥ 9.8.
        var options = CourseOptions.Default with { ReliableChange = new ReliableChangeParameters(10, 0.875) };
        Assert.Equal(CourseStatus.Worsening, Course(Madrs, [Session(0)], options, (Day(-1), 20), (Day(7), 30)).Status);
        Assert.Equal(CourseStatus.NonResponse, Course(Madrs, [Session(0)], options, (Day(-1), 20), (Day(7), 29)).Status); // +9, though 4 × 9 ≥ 20
        Assert.Equal(ReliableChangeCategory.Improved, Course(Madrs, [Session(0)], options, (Day(-1), 30), (Day(7), 8)).ReliableChange);
    }

    // ---- rapid response -------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(36 * 60 + 40, true)]      // 24 h + the 12-hour visit window after the end of a 40-minute infusion
    [InlineData(36 * 60 + 41, false)]
    public void RapidResponse_CountsFromTheEndOfTheFirstSession(int minutes, bool expected) =>
        Assert.Equal(expected, Course(Madrs, [Session(0, minutes: 40)], null, (Day(-1), 30), (T0.AddMinutes(minutes), 13)).RapidResponse);

    [Fact]
    public void Transform2_CountsRapidResponseFromTheStart()
    {
        CourseSummary s = Course(Madrs, [Session(0, minutes: 40)], CoursePresets.Transform2.Options, (Day(-1), 30), (T0.AddMinutes((36 * 60) + 40), 13));
        Assert.False(s.RapidResponse);
        Assert.False(s.RapidResponseAssessed); // past the window counted from the start: no visit in it
        Assert.Equal("transform-2", s.Preset);
    }

    // ---- confirmation: sustained response and loss of response -----------------------------------------------------

    [Theory]
    [InlineData(4, false)]
    [InlineData(5, true)]
    public void SustainedResponse_NeedsItsConfirmation5DaysLater(double spacing, bool expected) =>
        Assert.Equal(expected, Madrs1((Day(-1), 30), (Day(1), 14), (Day(1 + spacing), 13)).SustainedResponse);

    [Theory]
    [InlineData(4, false)]
    [InlineData(5, true)]
    public void LossOfResponse_NeedsItsConfirmation5DaysLater(double spacing, bool expected)
    {
        CourseSummary s = Course(Madrs, [Session(0), Session(7)], null, (Day(-1), 30), (Day(1), 14), (Day(20), 20), (Day(20 + spacing), 21));
        Assert.Equal(expected, s.LossOfResponse is not null);
        if (expected)
        {
            Assert.Equal(Day(20), s.LossOfResponse!.At);
            Assert.Equal(Day(25), s.LossOfResponse.ConfirmedAt);
            Assert.Equal(13, s.LossOfResponse.DaysSinceLastTreatment); // since the session of day 7
        }
    }

    // ---- the episode ---------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(20, false)]
    [InlineData(21, true)]
    public void SustainedRemission_Spans21Days(double span, bool expected)
    {
        CourseSummary s = Madrs1((Day(-1), 30), (Day(7), 8), (Day(7 + span), 9));
        Assert.Equal(expected ? Day(7) : null, s.Episode!.SustainedRemission);
    }

    [Theory]
    [InlineData(119, false)]
    [InlineData(120, true)]
    public void Recovery_Comes120DaysAfterTheOnset(double days, bool expected)
    {
        CourseSummary s = Madrs1((Day(-1), 30), (Day(7), 8), (Day(28), 9), (Day(7 + days), 9));
        Assert.Equal(Day(7), s.Episode!.SustainedRemission);
        Assert.Equal(expected ? Day(7 + days) : null, s.Episode.Recovery);
    }

    [Theory]
    [InlineData(15, true)]
    [InlineData(16, false)]
    public void Sustain1Relapse_IsMadrs22Twice5To15DaysApart(double spacing, bool expected)
    {
        // Remission 12 under sustain-1: 11 counts; sustained from day 7 (21 days to day 28); then 22 and 23.
        CourseSummary s = Course(Madrs, [Session(0)], CoursePresets.Sustain1.Options, (Day(-1), 34), (Day(7), 11), (Day(28), 12), (Day(60), 22), (Day(60 + spacing), 23));
        Assert.Equal(12, s.RemissionThreshold);
        Assert.Equal(22, s.RelapseThreshold);
        Assert.Equal(expected, s.Episode!.Relapse is not null);
        if (expected)
            Assert.Equal((Day(60), Day(75)), (s.Episode.Relapse!.At, s.Episode.Relapse.ConfirmedAt));
        Assert.Null(s.Episode.Recovery); // day 127 was never reached
    }

    [Fact]
    public void Recurrence_IsARelapseAfterRecovery()
    {
        CourseSummary s = Madrs1((Day(-1), 34), (Day(7), 8), (Day(28), 9), (Day(130), 9), (Day(200), 25), (Day(207), 24));
        Assert.Equal(Day(130), s.Episode!.Recovery);
        Assert.Null(s.Episode.Relapse);
        Assert.Equal(Day(200), s.Episode.Recurrence!.At);
    }

    // ---- CMS159 ------------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(304.99, null)]  // days after the index: before the window, not measured
    [InlineData(305, true)]
    [InlineData(425, true)]
    [InlineData(425.01, null)]  // after it
    public void Cms159_WindowIs305To425DaysInclusive(double afterIndex, bool? remission)
    {
        double day = -1 + afterIndex;
        CourseSummary s = Course(Phq9, [Session(0)], null, (Day(-1), 15), (Day(day), 3));
        DepressionRemission12Months m = s.DepressionRemission12Months!;
        Assert.True(m.Eligible);
        Assert.Equal(Day(-1), m.IndexAt);
        Assert.Equal(remission, m.Remission);
        Assert.Equal(remission is null ? null : Day(day), m.MeasuredAt);
    }

    [Fact]
    public void Cms159_NeedsAnIndexAbove9_AndIsForPhq9Only()
    {
        DepressionRemission12Months m = Course(Phq9, [Session(0)], null, (Day(-1), 9), (Day(320), 3)).DepressionRemission12Months!;
        Assert.False(m.Eligible);
        Assert.Null(m.IndexAt);
        Assert.Null(Madrs1((Day(-1), 30)).DepressionRemission12Months);
        Assert.Equal(5, Course(Phq9, [Session(0)], null, (Day(-1), 15)).MinimalImportantDifference);
        Assert.Null(Madrs1((Day(-1), 30)).MinimalImportantDifference);
    }

    // ---- CADSS ------------------------------------------------------------------------------------------------------

    [Fact]
    public void Cadss_ReportsThePeakPerSessionWithin4Hours()
    {
        Instrument cadss = Assessments.Instruments.Cadss;
        CourseSummary s = Course(cadss, [Session(0), Session(2)], null,
            (Day(-1), 0), (T0.AddMinutes(40), 18), (T0.AddMinutes(90), 9), (T0.AddHours(5), 30), (Day(2).AddHours(4), 12));
        Assert.Equal([(T0, 18), (Day(2), 12)], s.SessionPeaks!.Value.Select(p => (p.SessionAt, p.Peak)));
        Assert.All(s.Assessments, a => Assert.Null(a.Status));
    }

    [Fact]
    public void ConfirmationMaxBelowMin_IsOptionOutOfRange()
    {
        CourseResult r = Run(Madrs, [Session(0)], CourseOptions.Default with { ConfirmationMinDays = 10, ConfirmationMaxDays = 5 }, (Day(-1), 30));
        Assert.Equal(ErrorCodes.OptionOutOfRange, Assert.Single(r.Errors).Code);
    }

    // ---- the seven courses of issue 9 --------------------------------------------------------------------------------

    [Fact]
    public void Scenario1_ScreeningAndTwoPreDoseVisits_TheBaselineIsTheLatestPreDose()
    {
        // Screening 30, pre-dose 14 and 13; later 25 and 26 are worsening against 13, not "sustained response".
        CourseSummary s = Course(Madrs, [Session(0), Session(2), Session(4)], null,
            (Day(-10), 30), (Day(-3), 14), (T0.AddHours(-1), 13), (Day(3), 25), (Day(5), 26));
        Assert.Equal([CourseRole.Screening, CourseRole.Screening, CourseRole.Baseline, CourseRole.FollowUp, CourseRole.FollowUp], Roles(s));
        Assert.Equal(13, s.Baseline.Total);
        Assert.Equal(CourseStatus.Worsening, s.Status);
        Assert.False(s.SustainedResponse);
        Assert.Null(s.LossOfResponse);
    }

    [Fact]
    public void Scenario2_AFirstMadrsAfterTheFirstInfusion_IsNotASilentBaseline()
    {
        CourseSummary s = Madrs1((T0.AddHours(3), 20), (Day(1), 12));
        Assert.Equal(TreatmentCourse.NoPretreatmentBaseline, Assert.Single(s.Warnings));
    }

    [Fact]
    public void Scenario3_AnOldCourseAndANewOne_AreSeparate()
    {
        // Esketamine in 2021, a new course from 2024: time to response and days since the last dose are the new course's.
        DateTimeOffset old = new(2021, 3, 1, 9, 0, 0, TimeSpan.Zero), now = new(2024, 5, 6, 9, 0, 0, TimeSpan.Zero);
        TreatmentSession[] sessions = [new(old, "esketamine"), new(old.AddDays(3), "esketamine"), new(now, "esketamine"), new(now.AddDays(3), "esketamine")];
        CourseSummary s = Course(Madrs, sessions, null,
            (old.AddHours(-1), 32), (old.AddDays(1), 28), (now.AddHours(-1), 30), (now.AddDays(2), 14), (now.AddDays(20), 20), (now.AddDays(27), 22));
        Assert.Equal(now, s.T0);
        Assert.Equal([CourseRole.Excluded, CourseRole.Excluded, CourseRole.Baseline, CourseRole.FollowUp, CourseRole.FollowUp, CourseRole.FollowUp], Roles(s));
        Assert.Equal(2, s.DaysToFirstResponse);
        Assert.Equal(17, s.LossOfResponse!.DaysSinceLastTreatment); // since day 3 of the new course
    }

    [Fact]
    public void Scenario4_AMedicationChangeBeforeTheFirstInfusion_IsNotT0()
    {
        TreatmentSession[] sessions = [Session(-14, "medication-change"), Session(0)];
        CourseSummary s = Course(Madrs, sessions, CourseOptions.Default with { TreatmentKind = "iv-ketamine" }, (T0.AddHours(-1), 30), (Day(1), 12));
        Assert.Equal(T0, s.T0);
        Assert.True(s.RapidResponse);
        Assert.Equal([T0], s.AnchoringSessions.Select(a => a.At));
        Assert.Equal(2, s.Treatments.Length);
    }

    [Fact]
    public void Scenario5_TheRapidWindowStartsWhenTheInfusionEnds()
    {
        // 09:00-09:40 infusion; MADRS 09:40 next day, 56 % better: rapid.
        CourseSummary s = Course(Madrs, [Session(0, minutes: 40)], null, (T0.AddHours(-1), 32), (T0.AddDays(1).AddMinutes(40), 14));
        Assert.True(s.RapidResponse);
    }

    [Fact]
    public void Scenario6_RemissionWithoutResponse_IsNeitherResponseNorLaterLoss()
    {
        CourseSummary s = Madrs1((T0.AddHours(-1), 18), (Day(1), 10), (Day(8), 10), (Day(15), 11), (Day(22), 11));
        Assert.All(s.Assessments.Skip(1), a => Assert.False(a.MeetsResponse));
        Assert.False(s.SustainedResponse);
        Assert.Null(s.LossOfResponse);
    }

    [Fact]
    public void Scenario7_OnePointUp_IsNotWorsening_AndAConfirmationAnHourLaterConfirmsNothing()
    {
        Assert.Equal(CourseStatus.NonResponse, Madrs1((T0.AddHours(-1), 30), (Day(7), 31)).Status);
        // 53 % (14 of 30), then 46.7 % (16) and another 46.7 % one hour later: no loss of response.
        CourseSummary s = Madrs1((T0.AddHours(-1), 30), (Day(1), 14), (Day(10), 16), (Day(10).AddHours(1), 16));
        Assert.Null(s.LossOfResponse);
    }

    // ---- the sample courses say what they are there to show ---------------------------------------------------------

    private static CourseSummary Sample(string name)
    {
        string path = System.IO.Path.Combine(Serialization.InstrumentDefinitionsTests.RepoRoot(), "samples", "courses", name);
        CourseReadResult read = TreatmentCourse.SummarizeDocument(System.IO.File.ReadAllText(path));
        Assert.True(read.IsSuccess, string.Join("; ", read.Errors));
        return read.Summary;
    }

    [Fact]
    public void SampleScreeningPreDose_UsesTheLatestPreDoseVisit()
    {
        CourseSummary s = Sample("screening-predose-madrs.json");
        Assert.Equal([CourseRole.Screening, CourseRole.Screening, CourseRole.Baseline], Roles(s).Take(3));
        Assert.Equal(27, s.Baseline.Total);
        Assert.True(s.RapidResponse);
        Assert.NotNull(s.Episode!.SustainedRemission);
    }

    [Fact]
    public void SampleMixedTreatment_FollowsItsTreatmentKind()
    {
        CourseSummary s = Sample("mixed-treatment-madrs.json");
        Assert.Equal("iv-ketamine", s.TreatmentKind);
        Assert.Equal(4, s.AnchoringSessions.Length);
        Assert.Equal(6, s.Treatments.Length);
        Assert.Equal(CourseRole.Excluded, s.Assessments[0].Role); // an imported total 15 days before t0
        Assert.True(s.RapidResponse);
    }

    [Fact]
    public void SampleEsketamineSustain1_HasAnEpisodeRelapse()
    {
        CourseSummary s = Sample("esketamine-sustain1-madrs.json");
        Assert.Equal("sustain-1", s.Preset);
        Assert.Equal(12, s.RemissionThreshold);
        Assert.NotNull(s.Episode!.SustainedRemission);
        Assert.NotNull(s.Episode.Relapse);
        Assert.Null(s.Episode.Recovery);
    }

    [Fact]
    public void SamplePhq9_IsMeasuredByCms159()
    {
        DepressionRemission12Months m = Sample("phq9-cms159.json").DepressionRemission12Months!;
        Assert.True(m.Eligible);
        Assert.True(m.Remission);
    }

    // ---- the streamed reader keeps every rule of the document reader ------------------------------------------------

    [Theory]
    [InlineData("""{"instrument":"madrs","assessments":[{"at":"2026-03-02T08:00:00Z","at":"2026-03-03T08:00:00Z","total":3}]}""")]
    [InlineData("""{"instrument":"madrs","assessments":[{"at":"2026-03-02T08:00:00Z","total":3,"note":1,"note":2}]}""")]
    [InlineData("""{"instrument":"madrs","assessments":[{"at":"2026-03-02T08:00:00Z","items":[{"a":1,"a":2},0,0,0,0,0,0,0,0,0]}]}""")]
    [InlineData("""{"instrument":"madrs","instrument":"madrs","assessments":[]}""")]
    [InlineData("""{"assessments":[{"at":"2026-03-02T08:00:00Z","total":3,"total":4}],"instrument":"madrs"}""")]
    [InlineData("""{"instrument":"madrs","options":{"preset":"sustain-1","preset":"acnp-2006"},"assessments":[{"at":"2026-03-02T08:00:00Z","total":3}]}""")]
    public void ARepeatedPropertyAnywhere_IsDuplicateProperty(string course)
    {
        CourseReadResult read = TreatmentCourse.SummarizeDocument(course);
        Assert.Equal(ErrorCodes.DuplicateProperty, Assert.Single(read.Errors).Code);
        Assert.True(read.IsDocumentError);
    }

    [Fact]
    public void AssessmentsBeforeTheInstrument_AreReadAllTheSame()
    {
        const string first = """{"instrument":"madrs","treatments":[{"at":"2026-03-02T09:00:00Z","kind":"iv-ketamine"}],"assessments":[{"at":"2026-03-02T08:00:00Z","items":[4,4,3,4,3,3,4,3,3,2]},{"at":"2026-03-03T09:00:00Z","total":15}]}""";
        const string last = """{"assessments":[{"at":"2026-03-02T08:00:00Z","items":[4,4,3,4,3,3,4,3,3,2]},{"at":"2026-03-03T09:00:00Z","total":15}],"treatments":[{"at":"2026-03-02T09:00:00Z","kind":"iv-ketamine"}],"instrument":"madrs"}""";
        Assert.Equal(Assessments.Serialization.CourseJson.Write(TreatmentCourse.SummarizeDocument(first).Summary!), Assessments.Serialization.CourseJson.Write(TreatmentCourse.SummarizeDocument(last).Summary!));
    }

    [Fact]
    public void ALoneSurrogateInAnItem_IsThatItemsError_AndTheOtherItemsStillFlag()
    {
        const string course = """{"instrument":"madrs","assessments":[{"at":"2026-03-02T08:00:00Z","items":["\ud800",0,0,0,0,0,0,0,0,5]}]}""";
        CourseReadResult read = TreatmentCourse.SummarizeDocument(course);
        Assert.Contains(read.Errors, e => e.Code == ErrorCodes.ItemNotANumber && e.ItemNumber == 1 && e.Position == "assessments[0]");
        Assert.Contains(read.SafetyFlags, f => f.Flag.ItemNumber == 10 && f.Flag.Priority == FlagPriority.Urgent);
    }

    [Fact]
    public void EveryPreset_ChangesOnlyTheOptionsItNames()
    {
        foreach (CoursePreset preset in CoursePresets.All)
        {
            foreach (System.Reflection.PropertyInfo property in typeof(CourseOptions).GetProperties().Where(p => p.GetIndexParameters().Length == 0 && !p.GetMethod!.IsStatic))
            {
                if (property.Name is nameof(CourseOptions.Preset) || preset.Sets.Contains(property.Name))
                    continue;
                Assert.True(Equals(property.GetValue(preset.Options), property.GetValue(CourseOptions.Default)), $"{preset.Id} changes {property.Name}");
            }

            Assert.Equal(preset.Id, preset.Options.Preset);
            Assert.True(CoursePresets.TryGet(preset.Id.ToUpperInvariant(), out CoursePreset? found) && ReferenceEquals(found, preset));
        }

        Assert.False(CoursePresets.TryGet("sustain-2", out _));
    }

    [Fact]
    public void AnExplicitOption_OverridesThePreset()
    {
        const string course = """{"instrument":"madrs","options":{"preset":"sustain-1","remissionThreshold":9},"treatments":[{"at":"2026-03-02T09:00:00Z","kind":"iv-ketamine"}],"assessments":[{"at":"2026-03-02T08:00:00Z","total":30},{"at":"2026-03-09T09:00:00Z","total":11}]}""";
        CourseSummary s = TreatmentCourse.SummarizeDocument(course).Summary!;
        Assert.Equal("sustain-1", s.Preset);
        Assert.Equal(9, s.RemissionThreshold);
        CourseSummary cli = TreatmentCourse.SummarizeDocument(course.Replace("\"preset\":\"sustain-1\",", "", StringComparison.Ordinal), null, "sustain-1").Summary!;
        Assert.Equal("sustain-1", cli.Preset); // the caller's preset applies when the document names none
        Assert.Equal(9, cli.RemissionThreshold);
    }
}
