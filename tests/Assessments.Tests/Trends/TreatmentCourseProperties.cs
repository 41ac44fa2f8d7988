using System;
using System.Collections.Generic;
using System.Linq;
using Assessments.Trends;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Assessments.Tests.Trends;

/// <summary>A generated course: distinct assessment times (minutes from T0) with totals, and treatment times.</summary>
public sealed record CourseCase(Instrument Instrument, (int Minute, int Total)[] Points, int[] TreatmentMinutes)
{
    public override string ToString() =>
        $"{Instrument.Id} points [{string.Join(", ", Points.Select(p => $"{p.Minute}:{p.Total}"))}] treatments [{string.Join(", ", TreatmentMinutes)}]";

    /// <summary>The summary, or null when no assessment falls in the course (the only error a generated case can have).</summary>
    public CourseSummary? Summarize(IEnumerable<(int Minute, int Total)>? order = null, CourseOptions? options = null)
    {
        List<CourseAssessment> assessments = [.. (order ?? Points).Select(p => TreatmentCourseTests.Total(Instrument, TreatmentCourseTests.T0.AddMinutes(p.Minute), p.Total))];
        List<TreatmentSession> sessions = [.. TreatmentMinutes.Select(m => new TreatmentSession(TreatmentCourseTests.T0.AddMinutes(m), TreatmentKinds.Infusion))];
        CourseResult result = TreatmentCourse.Summarize(Instrument, assessments, sessions, options);
        return result.Summary ?? (result.Errors.All(e => e.Code == ErrorCodes.NoAssessments) ? null : throw new InvalidOperationException(string.Join("; ", result.Errors)));
    }
}

public static class CourseGenerators
{
    private static readonly Instrument[] Tracked =
        [.. Assessments.Instruments.All.Where(i => i.HasTotal && i.TracksTreatmentResponse)];

    public static Arbitrary<CourseCase> CourseCase() =>
        (from instrument in Gen.Elements(Tracked)
         from count in Gen.Choose(1, 12)
         from minutes in Gen.ArrayOf(Gen.Choose(-2000, 90 * 24 * 60), count)
         from totals in Gen.ArrayOf(Gen.Frequency((3, Gen.Choose(instrument.MinTotal, instrument.MaxTotal)), (1, Gen.Choose(0, Math.Min(3, instrument.MaxTotal)))), count)
         from treatments in Gen.ArrayOf(Gen.Choose(0, 20 * 24 * 60), 3)
         let points = minutes.Zip(totals).DistinctBy(p => p.First).OrderBy(p => p.First).ToArray()
         select new CourseCase(instrument, [.. points], treatments)).ToArbitrary();
}

[Properties(Arbitrary = [typeof(CourseGenerators)], MaxTest = 300)]
public sealed class TreatmentCourseProperties
{
    private static string Fingerprint(CourseSummary? s) => s is null ? "none" : Assessments.Serialization.CourseJson.Write(s);

    /// <summary>Everything a row states.</summary>
    private static (DateTimeOffset, CourseRole, CourseStatus?, bool, bool?, int?, decimal?, ReliableChangeCategory?) Row(AssessmentTrend a) =>
        (a.At, a.Role, a.Status, a.MeetsResponse, a.InRemission, a.Change, a.PercentImprovement, a.ReliableChange);

    [Property]
    public bool Summary_IsIndependentOfInputOrder(CourseCase course, int seed)
    {
        var random = new Random(seed);
        var shuffled = course.Points.OrderBy(_ => random.Next()).ToArray();
        return Fingerprint(course.Summarize()) == Fingerprint(course.Summarize(order: shuffled));
    }

    /// <summary>A later assessment is one after every other and after t₀ (a follow-up): a later pre-dose visit is
    /// the newer pre-dose baseline by definition, so it may well change the rows before it.</summary>
    [Property]
    public bool AddingALaterAssessment_NeverChangesAnEarlierRow(CourseCase course, int total)
    {
        CourseSummary? before = course.Summarize();
        int t = Math.Abs(total % (course.Instrument.MaxTotal + 1));
        int later = Math.Max(course.Points[^1].Minute, course.TreatmentMinutes.Length == 0 ? int.MinValue : course.TreatmentMinutes.Min()) + 60;
        CourseSummary? after = (course with { Points = [.. course.Points, (later, t)] }).Summarize();
        return before is null || (after is not null && before.Assessments.Select(Row).SequenceEqual(after.Assessments.Take(before.Assessments.Length).Select(Row)));
    }

    [Property]
    public bool PercentImprovementAndStatus_Agree(CourseCase course)
    {
        CourseSummary? s = course.Summarize();
        if (s is null)
            return true;
        int b = s.Baseline.Total!.Value;
        foreach (AssessmentTrend a in s.Assessments)
        {
            int c = a.Total ?? -1;
            if (a.Role != CourseRole.FollowUp)
            {
                if (a.Status is not null || a.MeetsResponse || a.PercentImprovement is not null)
                    return false;
                continue;
            }

            if ((a.PercentImprovement is null) != (b == 0))
                return false;
            if (a.PercentImprovement is decimal p && Math.Sign(p) != Math.Sign(b - c) && p != 0)
                return false;
            if (a.MeetsResponse != (!s.BaselineBelowThreshold && b > 0 && 2 * (b - c) >= b))
                return false;
            if (a.InRemission != (s.RemissionThreshold is int r ? c <= r : null))
                return false;
            bool ok = a.Status switch
            {
                CourseStatus.Remission => c <= s.RemissionThreshold && !s.BaselineBelowThreshold,
                CourseStatus.Response => a.MeetsResponse && !(c <= s.RemissionThreshold) && a.PercentImprovement >= 50m,
                CourseStatus.PartialResponse => 4 * (b - c) >= b && 2 * (b - c) < b && a.PercentImprovement >= 25m,
                CourseStatus.Worsening => c > b,
                CourseStatus.NonResponse => 4 * (b - c) < b && !s.BaselineBelowThreshold,
                null => s.BaselineBelowThreshold,
                _ => false,
            };
            if (!ok)
                return false;
        }

        return true;
    }

    [Property]
    public bool ACourseThatAlwaysMeetsResponse_HasNoLossOfResponse(CourseCase course)
    {
        CourseSummary? s = course.Summarize();
        return s is null || !s.Assessments.Where(a => a.Role == CourseRole.FollowUp).All(a => a.MeetsResponse) || s.LossOfResponse is null;
    }

    [Property]
    public bool APresetThatSetsNothingForAnInstrument_ChangesNothingButItsName(CourseCase course)
    {
        // sustain-1 sets MADRS remission (its confirmation days are the defaults) and relapseFrom response: on any other
        // instrument the summary is the default one with relapseFrom response, under another preset name.
        if (course.Instrument.Id == "madrs")
            return true;
        string Unnamed(CourseSummary? s) => Fingerprint(s).Replace("\"preset\":\"sustain-1\"", "\"preset\":\"ketamine-clinic\"", StringComparison.Ordinal);
        return Unnamed(course.Summarize(options: CoursePresets.Sustain1.Options)) == Fingerprint(course.Summarize(options: CourseOptions.Default with { RelapseFrom = RelapseAnchor.Response }));
    }

    [Property]
    public bool SplittingAtALongGap_GivesTheSameLatestCourse(CourseCase older, CourseCase latest)
    {
        // The latest course moved 400 days on: its sessions start at least 380 days after the older course's last one.
        const int Shift = 400 * 24 * 60;
        var moved = latest with { Points = [.. latest.Points.Select(p => (p.Minute + Shift, p.Total))], TreatmentMinutes = [.. latest.TreatmentMinutes.Select(m => m + Shift)] };
        var both = moved with
        {
            Points = [.. older.Points.Select(p => (p.Minute, Math.Min(p.Total, latest.Instrument.MaxTotal))).Concat(moved.Points).DistinctBy(p => p.Item1).OrderBy(p => p.Item1)],
            TreatmentMinutes = [.. older.TreatmentMinutes, .. moved.TreatmentMinutes],
        };
        // v2's split (any long gap) and no stale baseline: the property is about the split, the v3 rules have their own tests.
        var v2Split = CourseOptions.Default with { ReinductionSessions = 1, StaleBaselineMaxDays = 0 };
        CourseSummary? alone = moved.Summarize(options: v2Split);
        CourseSummary? joined = both.Summarize(options: v2Split);
        if (alone is null)
            return true;
        static object Facts(CourseSummary s) => (s.T0, s.Baseline.At, s.Latest.At, s.Status, s.RapidResponse, s.SustainedResponse, s.LossOfResponse?.At,
            s.Episode?.SustainedRemission, s.Episode?.Recovery, s.Episode?.Relapse?.At, s.DaysToFirstResponse, s.DaysToFirstRemission,
            string.Join(";", s.AnchoringSessions.Select(x => x.At)), string.Join(";", s.Warnings));
        return joined is not null && Facts(alone).Equals(Facts(joined))
            && alone.Assessments.Where(a => a.Role != CourseRole.Excluded).Select(Row).SequenceEqual(joined.Assessments.Where(a => a.Role != CourseRole.Excluded).Select(Row));
    }
}
