using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;

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

        if (options.ConfirmationMaxDays < options.ConfirmationMinDays)
            errors.Add(new CourseError(ErrorCodes.OptionOutOfRange, "options", null, "\"confirmationMaxDays\" must not be less than \"confirmationMinDays\"."));

        // Sessions by start, input order among equal starts.
        var sessionOrder = new int[treatments.Count];
        for (int i = 0; i < sessionOrder.Length; i++)
            sessionOrder[i] = treatments[i] is null ? throw new ArgumentException("A session is null.", nameof(treatments)) : i;
        Array.Sort(sessionOrder, (x, y) =>
        {
            int byTime = treatments[x].At.UtcTicks.CompareTo(treatments[y].At.UtcTicks);
            return byTime != 0 ? byTime : x.CompareTo(y);
        });
        TreatmentSession[] sessions = [.. sessionOrder.Select(i => treatments[i])];

        // The treatment kind: the caller's, else the only kind the sessions carry (no guessing between several).
        string? kind = options.TreatmentKind;
        if (kind is null && sessions.Length > 0)
        {
            int kinds = sessions.Select(t => t.Kind).Distinct(StringComparer.Ordinal).Count();
            if (kinds > 1)
                errors.Add(new CourseError(ErrorCodes.TreatmentKindRequired, null, null, string.Create(CultureInfo.InvariantCulture, $"The sessions carry {kinds} kinds (a session without a kind is one of its own): name the kind the course follows (\"treatmentKind\").")));
            else
                kind = sessions[0].Kind;
        }
        else if (kind is not null && sessions.Length > 0 && !sessions.Any(t => string.Equals(t.Kind, kind, StringComparison.Ordinal)))
        {
            errors.Add(new CourseError(ErrorCodes.OptionOutOfRange, "options", null, "\"treatmentKind\" names no session's kind."));
        }

        int baselineIndex = -1;
        if (options.BaselineAt is DateTimeOffset baselineAt && count > 0)
        {
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

        // Every session when they share one kind (recorded or not); else only those of the treatment kind.
        TreatmentSession[] anchoring = [.. sessions.Where(t => string.Equals(t.Kind, kind, StringComparison.Ordinal))];
        return Build(instrument, ordered, sessions, anchoring, kind, baselineIndex, options);
    }

    internal static string Position(int index) => string.Create(CultureInfo.InvariantCulture, $"assessments[{index}]");

    private static long Days(int days) => days * TimeSpan.TicksPerDay;

    /// <summary>Adds without leaving the range of instants (an option of 3660 days near year 9999 cannot overflow).</summary>
    private static long Shift(long ticks, long delta) =>
        delta >= 0 ? (ticks > DateTimeOffset.MaxValue.UtcTicks - delta ? DateTimeOffset.MaxValue.UtcTicks : ticks + delta)
                   : (ticks < DateTimeOffset.MinValue.UtcTicks - delta ? DateTimeOffset.MinValue.UtcTicks : ticks + delta);

    private static CourseResult Build(Instrument instrument, IReadOnlyList<CourseAssessment> ordered, TreatmentSession[] sessions, TreatmentSession[] anchoring, string? kind, int namedBaseline, CourseOptions options)
    {
        int count = ordered.Count;
        long At(int i) => ordered[i].At.UtcTicks;

        // Courses: anchoring sessions split where the gap between starts reaches newCourseAfterDays.
        var starts = new List<int>();
        for (int k = 0; k < anchoring.Length; k++)
        {
            if (k == 0 || anchoring[k].At.UtcTicks - anchoring[k - 1].At.UtcTicks >= Days(options.NewCourseAfterDays))
                starts.Add(k);
        }

        int chosen = starts.Count - 1;
        if (options.CourseStart is DateTimeOffset courseStart && starts.Count > 0)
        {
            chosen = starts.FindIndex(k => anchoring[k].At.UtcTicks >= courseStart.UtcTicks);
            if (chosen < 0)
                return new CourseResult(null, [new CourseError(ErrorCodes.OptionOutOfRange, "options", null, "\"courseStart\" is after the first session of every course.")]);
        }

        TreatmentSession[] course = chosen < 0 ? [] : anchoring[starts[chosen]..(chosen + 1 < starts.Count ? starts[chosen + 1] : anchoring.Length)];
        long laterCourse = chosen >= 0 && chosen + 1 < starts.Count ? anchoring[starts[chosen + 1]].At.UtcTicks : long.MaxValue;
        long? t0 = course.Length > 0 ? course[0].At.UtcTicks : null;

        // The baseline: named; else the latest pre-dose assessment in the window; else the first after t0, with a warning.
        var warnings = ImmutableArray.CreateBuilder<string>();
        int baselineIndex = namedBaseline;
        long windowStart = t0 is long t ? Shift(t, -Days(options.BaselineMaxAgeDays)) : long.MinValue;
        if (baselineIndex < 0 && t0 is long start)
        {
            for (int i = 0; i < count && At(i) <= start; i++)
            {
                if (At(i) >= windowStart)
                    baselineIndex = i;
            }

            if (baselineIndex < 0)
            {
                for (int i = 0; i < count && baselineIndex < 0; i++)
                {
                    if (At(i) > start && At(i) < laterCourse)
                        baselineIndex = i;
                }

                if (baselineIndex >= 0)
                    warnings.Add(NoPretreatmentBaseline);
            }
        }
        else if (baselineIndex < 0)
        {
            baselineIndex = 0;
        }
        else if (t0 is long named && At(baselineIndex) > named)
        {
            warnings.Add(NoPretreatmentBaseline);
        }

        if (baselineIndex < 0)
            return new CourseResult(null, [new CourseError(ErrorCodes.NoAssessments, null, null, "No assessment falls in the course: none in the baseline window before its first session, and none after it.")]);

        bool tracks = instrument.TracksTreatmentResponse;
        int? remission = tracks ? options.RemissionFor(instrument) : null;
        int? relapse = tracks ? options.RelapseThreshold ?? instrument.RelapseThreshold : null;
        int b = ordered[baselineIndex].Total;
        bool belowThreshold = tracks && (b == 0 || (remission is int r && b <= r));

        var trends = ImmutableArray.CreateBuilder<AssessmentTrend>(count);
        int latest = baselineIndex;
        for (int i = 0; i < count; i++)
        {
            CourseAssessment a = ordered[i];
            CourseRole role = i == baselineIndex ? CourseRole.Baseline
                : At(i) >= laterCourse ? CourseRole.Excluded
                : i > baselineIndex ? CourseRole.FollowUp
                : namedBaseline >= 0 || (t0 is not null && At(i) >= windowStart) ? CourseRole.Screening
                : CourseRole.Excluded;
            int c = a.Total;
            bool? inRemission = remission is int rt ? c <= rt : null;
            if (role is CourseRole.Baseline or CourseRole.FollowUp)
                latest = i;
            if (role != CourseRole.FollowUp)
            {
                trends.Add(new AssessmentTrend(a, role, null, null, null, null, false, inRemission));
                continue;
            }

            if (!tracks)
            {
                trends.Add(new AssessmentTrend(a, role, c - b, null, null, null, false, null));
                continue;
            }

            bool meets = !belowThreshold && MeetsPercent(b, c, options.ResponsePercent);
            trends.Add(new AssessmentTrend(a, role, c - b, PercentImprovementTenths(b, c), Status(instrument, b, c, remission, belowThreshold, meets, options), Reliable(instrument, b, c, options), meets, inRemission));
        }

        ImmutableArray<AssessmentTrend> all = trends.MoveToImmutable();

        // Rows on treatment: follow-ups after t0 (after the baseline for a monitoring-only course).
        var onTreatmentRows = new List<int>(count);
        for (int i = 0; i < count; i++)
        {
            if (all[i].Role == CourseRole.FollowUp && (t0 is null || At(i) > t0))
                onTreatmentRows.Add(i);
        }

        int[] onTreatment = [.. onTreatmentRows];
        bool rapid = false;
        if (tracks && !belowThreshold && course.Length > 0)
        {
            TreatmentSession first = course[0];
            long from = options.RapidResponseFrom == RapidResponseAnchor.End && first.End is DateTimeOffset end ? end.UtcTicks : first.At.UtcTicks;
            long to = Shift(from, options.RapidResponseWindow.Ticks);
            rapid = onTreatment.Any(i => At(i) > from && At(i) <= to && all[i].MeetsResponse);
        }

        long confirmMin = Days(options.ConfirmationMinDays);
        bool sustained = false;
        LossOfResponse? loss = null;
        if (tracks && !belowThreshold)
        {
            int runStart = -1, runLength = 0;
            bool responded = false;
            for (int k = 0; k < onTreatment.Length; k++)
            {
                int i = onTreatment[k];
                if (all[i].MeetsResponse)
                {
                    responded = true;
                    runStart = runLength == 0 ? i : runStart;
                    runLength++;
                    sustained |= runLength >= options.SustainedResponseCount && At(i) - At(runStart) >= confirmMin;
                    continue;
                }

                runLength = 0;
                if (loss is null && responded && k + 1 < onTreatment.Length && !all[i].InRemission.GetValueOrDefault())
                {
                    int next = onTreatment[k + 1];
                    if (!all[next].MeetsResponse && !all[next].InRemission.GetValueOrDefault() && At(next) - At(i) >= confirmMin)
                    {
                        TreatmentSession? last = course.LastOrDefault(s => s.At.UtcTicks < At(i));
                        loss = new LossOfResponse(ordered[i].At, ordered[next].At, last is null ? null : WholeDays(last.At.UtcTicks, At(i)));
                    }
                }
            }
        }

        long reference = t0 ?? At(baselineIndex);
        int? toResponse = null, toRemission = null;
        foreach (int i in onTreatment)
        {
            toResponse ??= all[i].MeetsResponse ? WholeDays(reference, At(i)) : null;
            toRemission ??= all[i].InRemission == true ? WholeDays(reference, At(i)) : null;
        }

        var courseRows = new List<int>(count);
        for (int i = 0; i < count; i++)
        {
            if (all[i].Role is CourseRole.Baseline or CourseRole.FollowUp)
                courseRows.Add(i);
        }

        int[] episodeRows = [.. courseRows];
        CourseEpisode? episode = remission is null ? null : Episode(all, episodeRows, relapse, options);
        DepressionRemission12Months? cms159 = instrument.Id == "phq-9" ? Cms159(all, episodeRows) : null;
        ImmutableArray<SessionPeak>? peaks = tracks ? null : Peaks(all, course);

        var flags = ImmutableArray.CreateBuilder<DatedFlag>();
        int withoutItems = 0;
        foreach (CourseAssessment a in ordered)
        {
            withoutItems += a.FromItems ? 0 : 1;
            foreach (SafetyFlag flag in a.Flags)
                flags.Add(new DatedFlag(a.At, flag));
        }

        var parts = new CourseSummaryParts
        {
            TreatmentKind = sessions.Length == 0 ? options.TreatmentKind : kind,
            Warnings = warnings.ToImmutable(),
            T0 = t0 is long t0Ticks ? course[0].At : null,
            Remission = remission,
            Relapse = relapse,
            Trends = all,
            Sessions = [.. sessions],
            Anchoring = [.. course],
            BaselineIndex = baselineIndex,
            LatestIndex = latest,
            BelowThreshold = belowThreshold,
            Rapid = rapid,
            Sustained = sustained,
            Loss = loss,
            Episode = episode,
            DaysToResponse = toResponse,
            DaysToRemission = toRemission,
            Cms159 = cms159,
            Peaks = peaks,
            Flags = flags.ToImmutable(),
            WithoutItems = withoutItems,
        };
        return new CourseResult(new CourseSummary(instrument, options, parts), ImmutableArray<CourseError>.Empty);
    }

    /// <summary>The warning of a course whose baseline was taken on treatment.</summary>
    public const string NoPretreatmentBaseline = "no-pretreatment-baseline";

    /// <summary>Sustained remission, recovery, relapse and recurrence over the baseline and follow-up rows.</summary>
    private static CourseEpisode Episode(ImmutableArray<AssessmentTrend> all, int[] rows, int? relapseThreshold, CourseOptions options)
    {
        long span = Days(options.SustainedRemissionDays);
        int onset = -1, runStart = -1;
        for (int k = 0; k < rows.Length && onset < 0; k++)
        {
            if (all[rows[k]].InRemission != true)
            {
                runStart = -1;
                continue;
            }

            runStart = runStart < 0 ? k : runStart;
            if (all[rows[k]].At.UtcTicks - all[rows[runStart]].At.UtcTicks >= span)
                onset = runStart;
        }

        if (onset < 0)
            return new CourseEpisode(null, null, null, null);

        long recoveryFrom = Shift(all[rows[onset]].At.UtcTicks, Days(options.RecoveryDays));
        int recovery = -1;
        for (int k = onset; k < rows.Length && recovery < 0; k++)
        {
            if (all[rows[k]].At.UtcTicks >= recoveryFrom)
                recovery = k;
        }

        ConfirmedEvent? relapse = relapseThreshold is int threshold ? Confirmed(all, rows, onset + 1, recovery < 0 ? rows.Length : recovery, threshold, options) : null;
        if (relapse is not null)
            recovery = -1;
        ConfirmedEvent? recurrence = recovery >= 0 && relapseThreshold is int again ? Confirmed(all, rows, recovery + 1, rows.Length, again, options) : null;
        return new CourseEpisode(all[rows[onset]].At, recovery < 0 ? null : all[rows[recovery]].At, relapse, recurrence);
    }

    /// <summary>The first row in [from, until) at or above the threshold whose next row is too, confirmationMinDays to
    /// confirmationMaxDays later (SUSTAIN-1's relapse rule).</summary>
    private static ConfirmedEvent? Confirmed(ImmutableArray<AssessmentTrend> all, int[] rows, int from, int until, int threshold, CourseOptions options)
    {
        for (int k = from; k < until && k + 1 < rows.Length; k++)
        {
            AssessmentTrend x = all[rows[k]], y = all[rows[k + 1]];
            long gap = y.At.UtcTicks - x.At.UtcTicks;
            if (x.Total >= threshold && y.Total >= threshold && gap >= Days(options.ConfirmationMinDays) && gap <= Days(options.ConfirmationMaxDays))
                return new ConfirmedEvent(x.At, y.At);
        }

        return null;
    }

    /// <summary>CMS159 (NQF 0710): the index is the first PHQ-9 above 9; remission when the latest PHQ-9 from index +
    /// 305 days to index + 425 days, inclusive, is below 5.</summary>
    private static DepressionRemission12Months Cms159(ImmutableArray<AssessmentTrend> all, int[] rows)
    {
        int index = Array.FindIndex(rows, i => all[i].Total > 9);
        if (index < 0)
            return new DepressionRemission12Months(false, null, null, null);
        long from = Shift(all[rows[index]].At.UtcTicks, Days(305)), to = Shift(all[rows[index]].At.UtcTicks, Days(425));
        int measured = Array.FindLastIndex(rows, i => all[i].At.UtcTicks >= from && all[i].At.UtcTicks <= to);
        return measured < 0
            ? new DepressionRemission12Months(true, all[rows[index]].At, null, null)
            : new DepressionRemission12Months(true, all[rows[index]].At, all[rows[measured]].At, all[rows[measured]].Total < 5);
    }

    /// <summary>CADSS: each assessment tied to the latest anchoring session that started at most 4 h before it (the
    /// dissociation peaks about 40 minutes after dosing: esketamine label); the peak total per session that has one.</summary>
    private static ImmutableArray<SessionPeak> Peaks(ImmutableArray<AssessmentTrend> all, TreatmentSession[] course)
    {
        var peaks = new int?[course.Length];
        foreach (AssessmentTrend t in all)
        {
            if (t.Role == CourseRole.Excluded)
                continue;
            int s = Array.FindLastIndex(course, x => x.At.UtcTicks <= t.At.UtcTicks);
            if (s >= 0 && t.At.UtcTicks - course[s].At.UtcTicks <= TimeSpan.TicksPerHour * 4)
                peaks[s] = Math.Max(peaks[s] ?? 0, t.Total);
        }

        return [.. Enumerable.Range(0, course.Length).Where(s => peaks[s] is not null).Select(s => new SessionPeak(course[s].At, peaks[s]!.Value))];
    }

    /// <summary>Status, first match wins, in exact integer arithmetic (docs/clinical-rules.md §6).</summary>
    private static CourseStatus? Status(Instrument instrument, int b, int c, int? remission, bool belowThreshold, bool meets, CourseOptions options)
    {
        bool worse = Worsening(instrument, b, c, options);
        if (belowThreshold)
            return worse ? CourseStatus.Worsening : null;
        if (remission is int r && c <= r)
            return CourseStatus.Remission;
        if (meets)
            return CourseStatus.Response;
        if (MeetsPercent(b, c, options.PartialResponsePercent))
            return CourseStatus.PartialResponse;
        return worse ? CourseStatus.Worsening : CourseStatus.NonResponse;
    }

    /// <summary>A real deterioration, not +1 point: reliable deterioration with caller SD and r (Jacobson and Truax
    /// 1991); else the instrument's published reliable-change points (PHQ-9 6, GAD-7 4); else an increase of at least
    /// 25 % of the baseline and at least 1 point (convention, mirroring partial response).</summary>
    private static bool Worsening(Instrument instrument, int b, int c, CourseOptions options)
    {
        if (c <= b)
            return false;
        if (options.ReliableChange is { } p)
            return (c - b) / p.StandardErrorOfDifference >= 1.96;
        if (instrument.ReliableChangePoints is int points)
            return c - b >= points;
        return 4L * (c - b) >= b;
    }

    /// <summary>100 × (b − c) ≥ percent × b with b above 0: an improvement of at least <paramref name="percent"/> %, exactly.</summary>
    private static bool MeetsPercent(int b, int c, int percent) => b > 0 && 100L * (b - c) >= (long)percent * b;

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

    /// <summary>Jacobson and Truax (1991) with caller SD and r (and only the caller's caseness cut-off); else the
    /// instrument's published point threshold and caseness.</summary>
    private static ReliableChangeCategory? Reliable(Instrument instrument, int b, int c, CourseOptions options)
    {
        bool improved, deteriorated;
        int? cutoff;
        if (options.ReliableChange is { } p)
        {
            double rc = (c - b) / p.StandardErrorOfDifference;
            improved = rc <= -1.96;
            deteriorated = rc >= 1.96;
            cutoff = p.CaseCutoff;
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

    /// <summary>Whole days, rounded down, of elapsed time between two instants (UTC ticks).</summary>
    private static int WholeDays(long from, long to) => (int)((to - from) / TimeSpan.TicksPerDay);
}
