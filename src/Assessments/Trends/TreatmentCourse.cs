using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;

namespace Assessments.Trends;

/// <summary>Summarises a treatment course: baseline, change, response, remission, reliable change, rapid and
/// sustained response, loss of response, time to response, and every safety flag with its date.</summary>
/// <remarks>Definitions: docs/clinical-rules.md §6, each threshold configurable through <see cref="CourseOptions"/>.
/// The library never reads the clock: every date is an input. Pure and thread-safe.</remarks>
public static partial class TreatmentCourse
{
    /// <summary>Summarises dated assessments of one instrument with no treatment sessions recorded (a measurement-only
    /// course: no rapid response, no days since a treatment), under the default options.</summary>
    /// <param name="instrument">The course's instrument; it must have a total.</param>
    /// <param name="assessments">The assessments, in any order: they are sorted by instant.</param>
    /// <returns>The summary, or every error with the position (in input order) of the assessment at fault.</returns>
    /// <exception cref="ArgumentException">The instrument has no total (C-SSRS screener): it has no course.</exception>
    public static CourseResult Summarize(Instrument instrument, IReadOnlyList<CourseAssessment> assessments) =>
        Summarize(instrument, assessments, [], null);

    /// <summary>Summarises dated assessments of one instrument and the dated treatment sessions.</summary>
    /// <param name="instrument">The course's instrument; it must have a total.</param>
    /// <param name="assessments">The assessments, in any order: they are sorted by instant.</param>
    /// <param name="treatments">The treatment sessions, in any order.</param>
    /// <param name="options">Thresholds; null for the defaults.</param>
    /// <returns>The summary, or every error with the position (in input order) of the assessment at fault.</returns>
    /// <exception cref="ArgumentException">The instrument has no total (C-SSRS screener): it has no course.</exception>
    public static CourseResult Summarize(Instrument instrument, IReadOnlyList<CourseAssessment> assessments, IReadOnlyList<TreatmentSession> treatments, CourseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(assessments);
        ArgumentNullException.ThrowIfNull(treatments);
        if (!instrument.HasTotal)
            throw new ArgumentException($"Instrument '{instrument.Id}' has no total and no treatment course.", nameof(instrument));
        options ??= CourseOptions.Default;

        var errors = ImmutableArray.CreateBuilder<CourseError>();
        if (assessments.Count == 0)
            errors.Add(new CourseError(ErrorCodes.NoAssessments, null, null, "The course has no assessment."));

        // Order by instant (input order among equal instants); already-sorted input, the usual case, costs one pass.
        int count = assessments.Count;
        bool sorted = true;
        for (int i = 0; i < count; i++)
        {
            CourseAssessment a = assessments[i] ?? throw new ArgumentException("An assessment is null.", nameof(assessments));
            sorted &= i == 0 || assessments[i - 1].At.UtcTicks <= a.At.UtcTicks;
            if (!ReferenceEquals(a.Instrument, instrument) && a.Instrument.Id != instrument.Id)
                errors.Add(new CourseError(ErrorCodes.WrongInstrument, Position(i), null, $"The assessment is of '{a.Instrument.Id}', not of the course's '{instrument.Id}'."));
        }

        // Sorted input (the usual case) is used as it is; otherwise an index order, ties kept in input order.
        int[]? order = null;
        IReadOnlyList<CourseAssessment> ordered = assessments;
        if (!sorted)
        {
            order = new int[count];
            for (int i = 0; i < count; i++)
                order[i] = i;
            Array.Sort(order, (x, y) =>
            {
                int byTime = assessments[x].At.UtcTicks.CompareTo(assessments[y].At.UtcTicks);
                return byTime != 0 ? byTime : x.CompareTo(y);
            });
            var copy = new CourseAssessment[count];
            for (int k = 0; k < count; k++)
                copy[k] = assessments[order[k]];
            ordered = copy;
        }

        int groupFirst = 0;
        for (int k = 1; k < count; k++)
        {
            if (ordered[k].At.UtcTicks == ordered[k - 1].At.UtcTicks)
                errors.Add(new CourseError(ErrorCodes.DuplicateInstant, Position(order?[k] ?? k), null, $"Taken at the same instant as {Position(order?[groupFirst] ?? groupFirst)}."));
            else
                groupFirst = k;
        }

        TreatmentSession[] sessions = [.. treatments];
        Array.Sort(sessions, (x, y) => x.At.UtcTicks != y.At.UtcTicks ? x.At.UtcTicks.CompareTo(y.At.UtcTicks) : string.CompareOrdinal(x.Kind, y.Kind));
        int baselineIndex = 0;
        if (options.BaselineAt is DateTimeOffset baselineAt && count > 0)
        {
            baselineIndex = -1;
            for (int k = 0; k < count && baselineIndex < 0; k++)
            {
                if (ordered[k].At.UtcTicks == baselineAt.UtcTicks)
                    baselineIndex = k;
            }

            if (baselineIndex < 0)
                errors.Add(new CourseError(ErrorCodes.UnknownBaseline, null, null, "The named baseline instant matches no assessment."));
        }

        if (errors.Count > 0)
            return new CourseResult(null, errors.ToImmutable());

        return new CourseResult(Build(instrument, ordered, sessions, baselineIndex, options), ImmutableArray<CourseError>.Empty);
    }

    internal static string Position(int index) => string.Create(CultureInfo.InvariantCulture, $"assessments[{index}]");

    private static CourseSummary Build(Instrument instrument, IReadOnlyList<CourseAssessment> ordered, TreatmentSession[] sessions, int baselineIndex, CourseOptions options)
    {
        bool tracks = instrument.TracksTreatmentResponse;
        int? remission = tracks ? options.RemissionThreshold ?? instrument.RemissionThreshold : null;
        int b = ordered[baselineIndex].Total;
        bool belowThreshold = tracks && (b == 0 || (remission is int r && b <= r));

        var trends = ImmutableArray.CreateBuilder<AssessmentTrend>(ordered.Count);
        for (int i = 0; i < ordered.Count; i++)
        {
            CourseAssessment a = ordered[i];
            bool afterBaseline = i > baselineIndex;
            if (!afterBaseline || !tracks)
            {
                trends.Add(new AssessmentTrend(a, afterBaseline ? a.Total - b : null, null, null, null, i == baselineIndex));
                continue;
            }

            int c = a.Total;
            trends.Add(new AssessmentTrend(a, c - b, PercentImprovementTenths(b, c), Status(b, c, remission, belowThreshold, options), Reliable(instrument, b, c, options), false));
        }

        ImmutableArray<AssessmentTrend> all = trends.MoveToImmutable();
        ReadOnlySpan<AssessmentTrend> post = all.AsSpan()[(baselineIndex + 1)..];
        bool rapid = false;
        if (tracks && !belowThreshold && sessions.Length > 0)
        {
            long from = sessions[0].At.UtcTicks;
            long to = from <= DateTimeOffset.MaxValue.UtcTicks - options.RapidResponseWindow.Ticks ? from + options.RapidResponseWindow.Ticks : DateTimeOffset.MaxValue.UtcTicks;
            foreach (AssessmentTrend t in post)
                rapid |= t.At.UtcTicks > from && t.At.UtcTicks <= to && MeetsResponsePercent(b, t.Total, options.ResponsePercent);
        }

        bool sustained = tracks && HasRun(post, options.SustainedCount);
        LossOfResponse? loss = tracks ? FirstLossOfResponse(post, sessions, options.LossOfResponseCount) : null;
        DateTimeOffset reference = sessions.Length > 0 ? sessions[0].At : all[baselineIndex].At;
        int? toResponse = DaysTo(post, reference, remissionOnly: false);
        int? toRemission = DaysTo(post, reference, remissionOnly: true);
        var flags = ImmutableArray.CreateBuilder<DatedFlag>();
        for (int i = 0; i < ordered.Count; i++)
        {
            CourseAssessment a = ordered[i];
            foreach (SafetyFlag flag in a.Flags)
                flags.Add(new DatedFlag(a.At, flag));
        }

        return new CourseSummary(instrument, remission, all, ImmutableArray.Create(sessions), baselineIndex, belowThreshold, rapid, sustained, loss, toResponse, toRemission, flags.ToImmutable());
    }

    /// <summary>Status, first match wins, in exact integer arithmetic (docs/clinical-rules.md §6).</summary>
    private static CourseStatus? Status(int b, int c, int? remission, bool belowThreshold, CourseOptions options)
    {
        if (belowThreshold)
            return c > b ? CourseStatus.Worsening : null;
        if (remission is int r && c <= r)
            return CourseStatus.Remission;
        if (MeetsResponsePercent(b, c, options.ResponsePercent))
            return CourseStatus.Response;
        if (MeetsResponsePercent(b, c, options.PartialResponsePercent))
            return CourseStatus.PartialResponse;
        return c > b ? CourseStatus.Worsening : CourseStatus.NonResponse;
    }

    /// <summary>100 × (b − c) ≥ percent × b: improvement of at least <paramref name="percent"/> %, exactly.</summary>
    private static bool MeetsResponsePercent(int b, int c, int percent) => b > 0 && 100L * (b - c) >= (long)percent * b;

    /// <summary>(b − c) / b × 100 in tenths, rounded half away from zero, in exact integer arithmetic; null at b = 0.</summary>
    private static int? PercentImprovementTenths(int b, int c)
    {
        if (b == 0)
            return null;
        long numerator = 1000L * (b - c);
        long tenths = Math.DivRem(numerator, b, out long remainder);
        if (2 * Math.Abs(remainder) >= b)
            tenths += Math.Sign(numerator);
        return (int)tenths;
    }

    /// <summary>Jacobson and Truax (1991) with caller SD and r; else the instrument's published point threshold.</summary>
    private static ReliableChangeCategory? Reliable(Instrument instrument, int b, int c, CourseOptions options)
    {
        bool improved, deteriorated;
        int? cutoff;
        if (options.ReliableChange is { } p)
        {
            double rc = (c - b) / p.StandardErrorOfDifference;
            improved = rc <= -1.96;
            deteriorated = rc >= 1.96;
            cutoff = p.CaseCutoff ?? instrument.CaseCutoff;
        }
        else if (instrument.ReliableChangePoints is int points)
        {
            improved = b - c >= points;
            deteriorated = c - b >= points;
            cutoff = instrument.CaseCutoff;
        }
        else
        {
            return null;
        }

        if (deteriorated)
            return ReliableChangeCategory.Deteriorated;
        if (!improved)
            return ReliableChangeCategory.Unchanged;
        return cutoff is int k && b >= k && c < k ? ReliableChangeCategory.Recovered : ReliableChangeCategory.Improved;
    }

    private static bool HasRun(ReadOnlySpan<AssessmentTrend> post, int count)
    {
        int run = 0;
        foreach (AssessmentTrend t in post)
        {
            run = t.MeetsResponse ? run + 1 : 0;
            if (run >= count)
                return true;
        }

        return false;
    }

    /// <summary>The first assessment after a response such that it and the next <c>count − 1</c> do not meet response.</summary>
    private static LossOfResponse? FirstLossOfResponse(ReadOnlySpan<AssessmentTrend> post, TreatmentSession[] sessions, int count)
    {
        bool responded = false;
        for (int j = 0; j < post.Length; j++)
        {
            if (post[j].MeetsResponse)
            {
                responded = true;
                continue;
            }

            if (!responded || count > post.Length - j)
                continue;
            bool lost = true;
            for (int k = j; k < j + count; k++)
                lost &= !post[k].MeetsResponse;
            if (!lost)
                continue;

            TreatmentSession? last = null;
            foreach (TreatmentSession s in sessions)
            {
                if (s.At.UtcTicks < post[j].At.UtcTicks)
                    last = s;
            }

            return new LossOfResponse(post[j].At, last is null ? null : WholeDays(last.At, post[j].At));
        }

        return null;
    }

    private static int? DaysTo(ReadOnlySpan<AssessmentTrend> post, DateTimeOffset reference, bool remissionOnly)
    {
        foreach (AssessmentTrend t in post)
        {
            bool reached = remissionOnly ? t.Status == CourseStatus.Remission : t.MeetsResponse;
            if (reached && t.At.UtcTicks >= reference.UtcTicks)
                return WholeDays(reference, t.At);
        }

        return null;
    }

    /// <summary>Whole days, rounded down, of UTC elapsed time.</summary>
    private static int WholeDays(DateTimeOffset from, DateTimeOffset to) => (int)((to.UtcTicks - from.UtcTicks) / TimeSpan.TicksPerDay);
}
