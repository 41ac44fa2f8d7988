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

    public CourseSummary Summarize(Func<int, int>? time = null, IEnumerable<(int Minute, int Total)>? order = null)
    {
        time ??= m => m;
        List<CourseAssessment> assessments = [.. (order ?? Points).Select(p => TreatmentCourseTests.Total(Instrument, TreatmentCourseTests.T0.AddMinutes(time(p.Minute)), p.Total))];
        List<TreatmentSession> sessions = [.. TreatmentMinutes.Select(m => new TreatmentSession(TreatmentCourseTests.T0.AddMinutes(time(m)), TreatmentKinds.Infusion))];
        CourseResult result = TreatmentCourse.Summarize(Instrument, assessments, sessions);
        return result.Summary ?? throw new InvalidOperationException(string.Join("; ", result.Errors));
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
    private static string Fingerprint(CourseSummary s) =>
        Assessments.Serialization.CourseJson.Write(s);

    [Property]
    public bool Summary_IsIndependentOfInputOrder(CourseCase course, int seed)
    {
        var random = new Random(seed);
        var shuffled = course.Points.OrderBy(_ => random.Next()).ToArray();
        return Fingerprint(course.Summarize()) == Fingerprint(course.Summarize(order: shuffled));
    }

    [Property]
    public bool AddingALaterAssessment_NeverChangesEarlierStatuses(CourseCase course, int total)
    {
        CourseSummary before = course.Summarize();
        int last = course.Points[^1].Minute;
        int t = Math.Abs(total % (course.Instrument.MaxTotal + 1));
        var extended = course with { Points = [.. course.Points, (last + 60, t)] };
        CourseSummary after = extended.Summarize();
        return before.Assessments.Select(a => (a.Status, a.PercentImprovement, a.ReliableChange))
            .SequenceEqual(after.Assessments.Take(before.Assessments.Length).Select(a => (a.Status, a.PercentImprovement, a.ReliableChange)));
    }

    [Property]
    public bool PercentImprovementAndStatus_Agree(CourseCase course)
    {
        CourseSummary s = course.Summarize();
        int b = s.Baseline.Total;
        foreach (AssessmentTrend a in s.Assessments.Skip(1))
        {
            int c = a.Total;
            if ((a.PercentImprovement is null) != (b == 0))
                return false;
            if (a.PercentImprovement is decimal p && Math.Sign(p) != Math.Sign(b - c) && p != 0)
                return false;
            bool ok = a.Status switch
            {
                CourseStatus.Remission => c <= s.RemissionThreshold,
                CourseStatus.Response => 2 * (b - c) >= b && !(c <= s.RemissionThreshold) && a.PercentImprovement >= 50m,
                CourseStatus.PartialResponse => 4 * (b - c) >= b && 2 * (b - c) < b && a.PercentImprovement >= 25m,
                CourseStatus.Worsening => c > b,
                CourseStatus.NonResponse => 4 * (b - c) < b && c <= b,
                null => s.BaselineBelowThreshold && c <= b,
                _ => false,
            };
            if (!ok)
                return false;
        }

        return true;
    }

    [Property]
    public bool ACourseThatAlwaysMeetsResponse_HasNoRelapse(CourseCase course)
    {
        CourseSummary s = course.Summarize();
        bool always = s.Assessments.Skip(1).All(a => a.MeetsResponse);
        return !always || s.LossOfResponse is null;
    }

    [Property]
    public bool ScalingTime_DoesNotChangeStatuses(CourseCase course, PositiveInt factor)
    {
        int k = factor.Get % 5 + 1;
        CourseSummary a = course.Summarize();
        CourseSummary b = course.Summarize(time: m => m * k);
        return a.Assessments.Select(x => x.Status).SequenceEqual(b.Assessments.Select(x => x.Status))
            && a.SustainedResponse == b.SustainedResponse
            && (a.LossOfResponse is null) == (b.LossOfResponse is null);
    }
}
