using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace Assessments.Cohorts;

/// <summary>A cohort's figures, computed from its state (docs/cohorts.md).</summary>
public sealed class CohortReport
{
    internal CohortReport(CohortState state)
    {
        Options = state.Options;
        Courses = state.Courses;
        InvalidCourses = [.. state.InvalidCourses.OrderBy(c => c.Id, StringComparer.Ordinal).ThenBy(c => c.IsRecordError).ThenBy(c => string.Join(",", c.Codes), StringComparer.Ordinal)];
        OrderedFlags = new CohortFlagLog.OrderedView(state.FlagLog, state.FlagLog.ReportOrder());
        Groups = [.. state.Groups.Select(p => new GroupReport(p.Key.Instrument, p.Key.Kind, p.Value))];
    }

    /// <summary>The rule set.</summary>
    public CohortOptions Options { get; }

    /// <summary>Every course, valid or not.</summary>
    public long Courses { get; }

    /// <summary>How many courses could not be summarised (a record's own errors are listed, not counted).</summary>
    public long Invalid => InvalidCourses.Count(c => !c.IsRecordError);

    /// <summary>The invalid courses, and the errors of records beside their courses, by id.</summary>
    public ImmutableArray<InvalidCourse> InvalidCourses { get; }

    /// <summary>Every flag of every course, in time order (then course id, instrument, item, flag id). A view of the
    /// state's compact list: each item read is made on access (its <see cref="Trends.DatedFlag.InstrumentId"/> names the
    /// instrument); read it once the courses are added (a state is not thread-safe).</summary>
    public IReadOnlyList<CohortFlag> SafetyFlags => OrderedFlags;

    internal CohortFlagLog.OrderedView OrderedFlags { get; }

    /// <summary>One report per instrument × treatment kind.</summary>
    public ImmutableArray<GroupReport> Groups { get; }
}

/// <summary>n, mean, SD (n − 1) and median of integer values.</summary>
public sealed class Distribution
{
    internal Distribution(long n, double mean, double? sd, double? median)
    {
        N = n;
        Mean = mean;
        Sd = sd;
        Median = median;
    }

    /// <summary>How many.</summary>
    public long N { get; }

    /// <summary>The mean (NaN when n is 0).</summary>
    public double Mean { get; }

    /// <summary>The sample SD; null when n &lt; 2.</summary>
    public double? Sd { get; }

    /// <summary>The median (for an even n the mean of the two middle values); null when n is 0.</summary>
    public double? Median { get; }

    internal static double? Sd2(long n, double sum, double sumSquares) =>
        n < 2 ? null : Math.Sqrt(Math.Max(0, (sumSquares - (sum * sum / n)) / (n - 1)));

    internal static double? MedianOf(SortedDictionary<int, long> histogram)
    {
        long n = histogram.Values.Sum();
        if (n == 0)
            return null;
        long lowRank = (n - 1) / 2, highRank = n / 2; // 0-based ranks of the middle value(s)
        double? low = null, high = null;
        long seen = 0;
        foreach ((int value, long count) in histogram)
        {
            if (low is null && lowRank < seen + count)
                low = value;
            if (highRank < seen + count)
            {
                high = value;
                break;
            }

            seen += count;
        }

        return (low!.Value + high!.Value) / 2;
    }
}

/// <summary>Response and remission at session k.</summary>
public sealed class SessionOutcome
{
    internal SessionOutcome(int session, SessionRow row, bool hasRemission)
    {
        Session = session;
        Courses = row.Courses;
        Assessed = row.Assessed;
        Response = new Proportion(row.Assessed, row.Response);
        Remission = hasRemission ? new Proportion(row.RemissionN, row.Remission) : null;
        MeanPercentImprovement = row.PercentN == 0 ? null : row.Percent.Mean(row.PercentN);
    }

    /// <summary>k.</summary>
    public int Session { get; }

    /// <summary>Eligible courses with at least k sessions.</summary>
    public long Courses { get; }

    /// <summary>Those with an assessment in window k.</summary>
    public long Assessed { get; }

    /// <summary>Response at it, over the assessed.</summary>
    public Proportion Response { get; }

    /// <summary>Remission at it; null for instruments without a threshold.</summary>
    public Proportion? Remission { get; }

    /// <summary>The mean exact percent improvement at it; null when none was assessed.</summary>
    public double? MeanPercentImprovement { get; }
}

/// <summary>The figures of one group (instrument × treatment kind), docs/cohorts.md "Per group".</summary>
public sealed class GroupReport
{
    internal GroupReport(string instrument, string kind, GroupState g)
    {
        InstrumentId = instrument;
        TreatmentKind = kind;
        Courses = g.Courses;
        MonitoringOnly = g.MonitoringOnly;
        BaselineBelowThreshold = g.BelowThreshold;
        Eligible = g.Eligible;
        NoFollowUp = g.NoFollowUp;
        NoPretreatmentBaseline = g.NoPretreatmentBaseline;
        long n = g.Baselines.Values.Sum();
        Baseline = new Distribution(n, n == 0 ? double.NaN : (double)g.BaselineSum / n, Distribution.Sd2(n, g.BaselineSum, g.BaselineSumSquares), Distribution.MedianOf(g.Baselines));
        BaselineBands = g.Bands.ToImmutableSortedDictionary(StringComparer.Ordinal);
        LatestStatus = g.LatestStatus.ToImmutableSortedDictionary(StringComparer.Ordinal);
        Change = new Distribution(g.ChangeN, g.ChangeN == 0 ? double.NaN : (double)g.ChangeSum / g.ChangeN, Distribution.Sd2(g.ChangeN, g.ChangeSum, g.ChangeSumSquares), null);
        MeanPercentImprovement = g.PercentN == 0 ? null : g.Percent.Mean(g.PercentN);
        EffectSize = Change.Sd is double sd && sd > 0 ? Change.Mean / sd : null;
        BySession = [.. g.Sessions.Select((row, i) => new SessionOutcome(i + 1, row, g.HasRemission)).Where(r => r.Courses > 0)];
        RapidResponse = new Proportion(g.RapidN, g.RapidX);
        SustainedResponse = g.SustainedResponse;
        LossOfResponse = g.LossOfResponse;
        SustainedRemission = g.SustainedRemission;
        Recovery = g.Recovery;
        Relapse = g.Relapse;
        Recurrence = g.Recurrence;
        DaysAtLossN = g.DaysAtLoss.Values.Sum();
        DaysAtLossMedian = Distribution.MedianOf(g.DaysAtLoss);
        if (g.Cms159)
        {
            Cms159Denominator = g.Cms159Denominator;
            Cms159Numerator = g.Cms159Numerator;
            Cms159NotMeasured = g.Cms159NotMeasured;
            Cms159 = new Proportion(g.Cms159Denominator, g.Cms159Numerator);
        }

        TimeToResponse = new KaplanMeier(g.TimeToResponse);
        TimeToRemission = g.HasRemission ? new KaplanMeier(g.TimeToRemission) : null;
        DurationOfResponse = new KaplanMeier(g.DurationOfResponse);
        UrgentCourses = g.UrgentCourses;
        ReviewCourses = g.ReviewCourses;
        UnansweredCourses = g.UnansweredCourses;
    }

    /// <summary>The instrument.</summary>
    public string InstrumentId { get; }

    /// <summary>The treatment kind (<c>unspecified</c> when none).</summary>
    public string TreatmentKind { get; }

    /// <summary>Courses in the group.</summary>
    public long Courses { get; }

    /// <summary>Courses without a treatment session.</summary>
    public long MonitoringOnly { get; }

    /// <summary>Courses with t₀ whose baseline is at or below the remission threshold.</summary>
    public long BaselineBelowThreshold { get; }

    /// <summary>Courses eligible for response outcomes.</summary>
    public long Eligible { get; }

    /// <summary>Eligible courses without any follow-up.</summary>
    public long NoFollowUp { get; }

    /// <summary>Courses with the <c>no-pretreatment-baseline</c> warning.</summary>
    public long NoPretreatmentBaseline { get; }

    /// <summary>The baseline totals.</summary>
    public Distribution Baseline { get; }

    /// <summary>Baselines per band of the default band set.</summary>
    public ImmutableSortedDictionary<string, long> BaselineBands { get; }

    /// <summary>Courses per status of their latest follow-up (<c>none</c> for none).</summary>
    public ImmutableSortedDictionary<string, long> LatestStatus { get; }

    /// <summary>Latest − baseline over courses with a follow-up.</summary>
    public Distribution Change { get; }

    /// <summary>The mean exact percent improvement at the latest follow-up (baseline above 0).</summary>
    public double? MeanPercentImprovement { get; }

    /// <summary>Mean change / SD of change.</summary>
    public double? EffectSize { get; }

    /// <summary>Response and remission by session number.</summary>
    public ImmutableArray<SessionOutcome> BySession { get; }

    /// <summary>Rapid response over the eligible courses whose rapid window held a visit.</summary>
    public Proportion RapidResponse { get; }

    /// <summary>Eligible courses with the event.</summary>
    public long SustainedResponse { get; }

    /// <summary>Eligible courses with the event.</summary>
    public long LossOfResponse { get; }

    /// <summary>Eligible courses with the event.</summary>
    public long SustainedRemission { get; }

    /// <summary>Eligible courses with the event.</summary>
    public long Recovery { get; }

    /// <summary>Eligible courses with the event.</summary>
    public long Relapse { get; }

    /// <summary>Eligible courses with the event.</summary>
    public long Recurrence { get; }

    /// <summary>Losses with a last treatment before them.</summary>
    public long DaysAtLossN { get; }

    /// <summary>Their median days since the last treatment; null when none.</summary>
    public double? DaysAtLossMedian { get; }

    /// <summary>CMS159 remission at 12 months, before the measure's exclusions (PHQ-9 groups); null otherwise.</summary>
    public Proportion? Cms159 { get; }

    /// <summary>CMS159 denominator (PHQ-9 groups).</summary>
    public long? Cms159Denominator { get; }

    /// <summary>CMS159 numerator (PHQ-9 groups).</summary>
    public long? Cms159Numerator { get; }

    /// <summary>CMS159 eligible but not measured (counted as not in remission).</summary>
    public long? Cms159NotMeasured { get; }

    /// <summary>Time to response from t₀.</summary>
    public KaplanMeier TimeToResponse { get; }

    /// <summary>Time to remission from t₀; null without a remission threshold.</summary>
    public KaplanMeier? TimeToRemission { get; }

    /// <summary>From the first response to a confirmed loss of response.</summary>
    public KaplanMeier DurationOfResponse { get; }

    /// <summary>Courses with an urgent flag.</summary>
    public long UrgentCourses { get; }

    /// <summary>Courses with a review flag.</summary>
    public long ReviewCourses { get; }

    /// <summary>Courses with an unanswered safety item.</summary>
    public long UnansweredCourses { get; }
}
