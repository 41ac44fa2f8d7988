using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Runtime.InteropServices;

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
    /// <exception cref="ArgumentException">The instrument has no course (<see cref="CourseMode.None"/>: the C-SSRS screeners,
    /// CGI-I).</exception>
    public static CourseResult Summarize(Instrument instrument, IReadOnlyList<CourseAssessment> assessments) =>
        Summarize(instrument, assessments, [], null);

    /// <summary>Summarises dated assessments of one instrument and the dated treatment sessions.</summary>
    /// <param name="instrument">The course's instrument; it must have a total.</param>
    /// <param name="assessments">The assessments, in any order: they are sorted by instant.</param>
    /// <param name="treatments">The treatment sessions, in any order.</param>
    /// <param name="options">Thresholds; null for the defaults.</param>
    /// <returns>The summary, or every error with the position (in input order) of the assessment at fault.</returns>
    /// <exception cref="ArgumentException">The instrument has no course (<see cref="CourseMode.None"/>: the C-SSRS screeners,
    /// CGI-I).</exception>
    public static CourseResult Summarize(Instrument instrument, IReadOnlyList<CourseAssessment> assessments, IReadOnlyList<TreatmentSession> treatments, CourseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(assessments);
        ArgumentNullException.ThrowIfNull(treatments);
        if (!instrument.HasTotal || instrument.CourseMode == CourseMode.None)
            throw new ArgumentException($"Instrument '{instrument.Id}' has no treatment course.", nameof(instrument));
        options ??= CourseOptions.Default;

        var errors = ImmutableArray.CreateBuilder<CourseError>(0); // errors are rare: no room made for them up front
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

        // Sessions by start, input order among equal starts (already in order, the usual case: one pass).
        var sessions = new TreatmentSession[treatments.Count];
        bool sessionsSorted = true;
        for (int i = 0; i < sessions.Length; i++)
        {
            sessions[i] = treatments[i] ?? throw new ArgumentException("A session is null.", nameof(treatments));
            sessionsSorted &= i == 0 || sessions[i - 1].At.UtcTicks <= sessions[i].At.UtcTicks;
        }

        if (!sessionsSorted)
        {
            var sessionOrder = new int[sessions.Length];
            for (int i = 0; i < sessionOrder.Length; i++)
                sessionOrder[i] = i;
            Array.Sort(sessionOrder, (x, y) =>
            {
                int byTime = treatments[x].At.UtcTicks.CompareTo(treatments[y].At.UtcTicks);
                return byTime != 0 ? byTime : x.CompareTo(y);
            });
            for (int k = 0; k < sessions.Length; k++)
                sessions[k] = treatments[sessionOrder[k]];
        }

        // The treatment kind: the caller's, else the only kind the sessions carry (no guessing between several).
        string? kind = options.TreatmentKind;
        if (kind is null && sessions.Length > 0)
        {
            int kinds = DistinctKinds(sessions);
            if (kinds > 1)
                errors.Add(new CourseError(ErrorCodes.TreatmentKindRequired, null, null, string.Create(CultureInfo.InvariantCulture, $"The sessions carry {kinds} kinds (a session without a kind is one of its own): name the kind the course follows (\"treatmentKind\").")));
            else
                kind = sessions[0].Kind;
        }
        else if (kind is not null && sessions.Length > 0 && CountOfKind(sessions, kind) == 0)
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

        // Invalid assessments (v3): listed with their positioned errors, used for no outcome; under "strict" (v2's
        // rule) they make the course invalid.
        var invalid = ImmutableArray.CreateBuilder<CourseError>(0);
        for (int i = 0; i < count; i++)
        {
            CourseAssessment a = assessments[i];
            foreach (ScoringError e in a.Errors)
                invalid.Add(new CourseError(e.Code, Position(a.SourcePosition ?? i), e.ItemNumber, e.Message));
        }

        if (baselineIndex >= 0 && !ordered[baselineIndex].IsValid)
            errors.Add(new CourseError(ErrorCodes.UnknownBaseline, null, null, "The named baseline is an invalid assessment."));
        if (errors.Count > 0 || (options.Strict && invalid.Count > 0))
            return new CourseResult(null, [.. errors, .. invalid]);

        var valid = new List<CourseAssessment>(count);
        int validBaseline = -1;
        for (int k = 0; k < count; k++)
        {
            if (k == baselineIndex)
                validBaseline = valid.Count;
            if (ordered[k].IsValid)
                valid.Add(ordered[k]);
        }

        if (valid.Count == 0)
            return new CourseResult(null, [new CourseError(ErrorCodes.NoAssessments, null, null, "The course has no valid assessment."), .. invalid]);

        // Every session when they share one kind (recorded or not); else only those of the treatment kind.
        TreatmentSession[] anchoring = sessions;
        if (CountOfKind(sessions, kind) is int ofKind && ofKind < sessions.Length)
        {
            anchoring = new TreatmentSession[ofKind];
            for (int i = 0, k = 0; i < sessions.Length; i++)
            {
                if (string.Equals(sessions[i].Kind, kind, StringComparison.Ordinal))
                    anchoring[k++] = sessions[i];
            }
        }

        CourseResult built = Build(instrument, valid, ordered, sessions, anchoring, kind, validBaseline, options, invalid.ToImmutable());
        return built.Summary is null && invalid.Count > 0 ? new CourseResult(null, [.. built.Errors, .. invalid]) : built;
    }

    internal static string Position(int index) => string.Create(CultureInfo.InvariantCulture, $"assessments[{index}]");

    /// <summary>How many distinct kinds the sessions carry (no kind is a kind of its own), as ordinal strings.</summary>
    private static int DistinctKinds(TreatmentSession[] sessions)
    {
        if (CountOfKind(sessions, sessions[0].Kind) == sessions.Length)
            return 1; // the usual case, counted without a set
        var kinds = new HashSet<string?>(StringComparer.Ordinal);
        foreach (TreatmentSession t in sessions)
            kinds.Add(t.Kind);
        return kinds.Count;
    }

    private static int CountOfKind(TreatmentSession[] sessions, string? kind)
    {
        int n = 0;
        foreach (TreatmentSession t in sessions)
            n += string.Equals(t.Kind, kind, StringComparison.Ordinal) ? 1 : 0;
        return n;
    }

    private static long Days(int days) => days * TimeSpan.TicksPerDay;

    /// <summary>Adds without leaving the range of instants (an option of 3660 days near year 9999 cannot overflow).</summary>
    private static long Shift(long ticks, long delta) =>
        delta >= 0 ? (ticks > DateTimeOffset.MaxValue.UtcTicks - delta ? DateTimeOffset.MaxValue.UtcTicks : ticks + delta)
                   : (ticks < DateTimeOffset.MinValue.UtcTicks - delta ? DateTimeOffset.MinValue.UtcTicks : ticks + delta);

    /// <summary>The warning of a course whose baseline is older than the baseline window (v3).</summary>
    public const string StaleBaseline = "stale-baseline";

    /// <summary>The warning of a course that lists invalid assessments, used for no outcome (v3).</summary>
    public const string InvalidAssessments = "invalid-assessments";

    /// <summary>The warning of a course with sessions of another kind between its baseline and latest assessment (v3).</summary>
    public const string CoIntervention = "co-intervention";

    /// <summary>The course rules over the valid assessments (<paramref name="ordered"/>); <paramref name="everything"/>,
    /// invalid ones included, gives the listed rows and the flags.</summary>
    private static CourseResult Build(Instrument instrument, List<CourseAssessment> ordered, IReadOnlyList<CourseAssessment> everything, TreatmentSession[] sessions, TreatmentSession[] anchoring, string? kind, int namedBaseline, CourseOptions options, ImmutableArray<CourseError> invalid)
    {
        if (!ChooseCourse(anchoring, options, out TreatmentSession[] course, out long laterCourse, out long earlierCourse, out CourseError? courseError))
            return new CourseResult(null, [courseError!]);
        long? t0 = course.Length > 0 ? course[0].At.UtcTicks : null;
        var warnings = ImmutableArray.CreateBuilder<string>();
        int baselineIndex = FindBaseline(ordered, namedBaseline, t0, laterCourse, earlierCourse, options, warnings, out long windowStart);
        if (baselineIndex < 0)
            return new CourseResult(null, [new CourseError(ErrorCodes.NoAssessments, null, null, "No assessment falls in the course: none in the baseline window before its first session, and none after it.")]);

        bool tracks = instrument.TracksTreatmentResponse;
        int? remission = tracks ? options.RemissionFor(instrument) : null;
        int? relapse = tracks ? options.RelapseThreshold ?? instrument.RelapseThreshold : null;
        int b = ordered[baselineIndex].ValidTotal;
        bool belowThreshold = tracks && (b == 0 || (remission is int r && b <= r));
        ImmutableArray<AssessmentTrend> all = Rows(instrument, ordered, baselineIndex, namedBaseline, t0, windowStart, laterCourse, remission, belowThreshold, options, out int latest);
        int[] onTreatment = RowsWhere(all, CourseRole.FollowUp, CourseRole.FollowUp, t0 ?? long.MinValue);
        bool reads = tracks && !belowThreshold;
        bool assessed = RapidWindow(course, options, out long rapidFrom, out long rapidTo) && AnyBetween(all, onTreatment, rapidFrom, rapidTo, responders: false);
        bool rapid = reads && assessed && AnyBetween(all, onTreatment, rapidFrom, rapidTo, responders: true);
        (bool sustained, int sustainedFrom, LossOfResponse? loss) = reads ? SustainedAndLoss(all, onTreatment, course, options) : (false, -1, null);
        long reference = t0 ?? all[baselineIndex].At.UtcTicks;
        int? toResponse = null, toRemission = null;
        foreach (int i in onTreatment)
        {
            toResponse ??= all[i].MeetsResponse ? WholeDays(reference, all[i].At.UtcTicks) : null;
            toRemission ??= all[i].InRemission == true ? WholeDays(reference, all[i].At.UtcTicks) : null;
        }

        if (everything.Count > ordered.Count)
            warnings.Add(InvalidAssessments);
        long latestAt = all[latest].At.UtcTicks, baselineAt = all[baselineIndex].At.UtcTicks;
        if (AnyOtherKindBetween(sessions, kind, baselineAt, latestAt))
            warnings.Add(CoIntervention);

        int[] episodeRows = RowsWhere(all, CourseRole.Baseline, CourseRole.FollowUp, long.MinValue);
        ImmutableArray<AssessmentTrend> listed = WithInvalidRows(all, everything, ref baselineIndex, ref latest);
        var parts = new CourseSummaryParts
        {
            TreatmentKind = sessions.Length == 0 ? options.TreatmentKind : kind,
            Warnings = warnings.ToImmutable(),
            T0 = t0 is not null ? course[0].At : null,
            Remission = remission,
            Relapse = relapse,
            Trends = listed,
            Sessions = ImmutableCollectionsMarshal.AsImmutableArray(sessions), // made for this summary, never changed
            Anchoring = ImmutableCollectionsMarshal.AsImmutableArray(course),
            BaselineIndex = baselineIndex,
            LatestIndex = latest,
            BelowThreshold = belowThreshold,
            Rapid = rapid,
            RapidAssessed = assessed,
            Sustained = sustained,
            Loss = loss,
            Episode = remission is null ? null : Episode(all, episodeRows, relapse, options.RelapseFrom == RelapseAnchor.Response ? sustainedFrom : -1, options),
            DaysToResponse = toResponse,
            DaysToRemission = toRemission,
            Cms159 = instrument.Id == "phq-9" ? Cms159(all, RowsWhere(all, null, null, long.MinValue)) : null,
            Peaks = instrument.CourseMode == CourseMode.SessionRelative ? Peaks(all, course) : null,
            Flags = FlagsOf(everything),
            WithoutItems = WithoutItems(everything),
            Errors = invalid,
        };
        return new CourseResult(new CourseSummary(instrument, options, parts), invalid);
    }

    /// <summary>The rows of the valid assessments with the invalid ones merged in, in time order (input order among
    /// equal instants), and the baseline and latest indices moved to match.</summary>
    private static ImmutableArray<AssessmentTrend> WithInvalidRows(ImmutableArray<AssessmentTrend> valid, IReadOnlyList<CourseAssessment> everything, ref int baselineIndex, ref int latest)
    {
        if (everything.Count == valid.Length)
            return valid;
        var merged = ImmutableArray.CreateBuilder<AssessmentTrend>(everything.Count);
        int v = 0;
        int baseline = baselineIndex, last = latest;
        foreach (CourseAssessment a in everything)
        {
            if (!a.IsValid)
            {
                merged.Add(new AssessmentTrend(a, CourseRole.Invalid, null, null, null, null, false, null));
                continue;
            }

            baselineIndex = v == baseline ? merged.Count : baselineIndex;
            latest = v == last ? merged.Count : latest;
            merged.Add(valid[v++]);
        }

        return merged.MoveToImmutable();
    }

    /// <summary>The courses read: anchoring sessions split where the gap between starts reaches
    /// <c>newCourseAfterDays</c> and the session after the gap begins a re-induction (at least
    /// <c>reinductionSessions</c> sessions, counting it, start within <c>reinductionDays</c> of it: a lone booster stays
    /// in its course); the last course, or the one <c>courseStart</c> names (docs/clinical-rules.md §6).</summary>
    private static bool ChooseCourse(TreatmentSession[] anchoring, CourseOptions options, out TreatmentSession[] course, out long laterCourse, out long earlierCourse, out CourseError? error)
    {
        var starts = new List<int>();
        long induction = Days(options.ReinductionDays);
        int within = 0; // the first session past the re-induction span of the candidate k (moves forward only)
        for (int k = 0; k < anchoring.Length; k++)
        {
            if (k == 0)
            {
                starts.Add(k);
                continue;
            }

            if (anchoring[k].At.UtcTicks - anchoring[k - 1].At.UtcTicks < Days(options.NewCourseAfterDays))
                continue;
            within = Math.Max(within, k);
            while (within < anchoring.Length && anchoring[within].At.UtcTicks - anchoring[k].At.UtcTicks <= induction)
                within++;
            if (within - k >= options.ReinductionSessions)
                starts.Add(k);
        }

        int chosen = starts.Count - 1;
        course = [];
        laterCourse = long.MaxValue;
        earlierCourse = long.MinValue;
        error = null;
        if (options.CourseStart is DateTimeOffset courseStart && starts.Count > 0)
        {
            chosen = starts.FindIndex(k => anchoring[k].At.UtcTicks >= courseStart.UtcTicks);
            if (chosen < 0)
            {
                error = new CourseError(ErrorCodes.OptionOutOfRange, "options", null, "\"courseStart\" is after the first session of every course.");
                return false;
            }
        }

        if (chosen >= 0)
        {
            course = anchoring[starts[chosen]..(chosen + 1 < starts.Count ? starts[chosen + 1] : anchoring.Length)];
            laterCourse = chosen + 1 < starts.Count ? anchoring[starts[chosen + 1]].At.UtcTicks : long.MaxValue;
            if (starts[chosen] > 0)
            {
                TreatmentSession before = anchoring[starts[chosen] - 1];
                earlierCourse = (before.End ?? before.At).UtcTicks;
            }
        }

        return true;
    }

    /// <summary>The baseline: named; else the latest pre-dose assessment in the window; else (v3) the latest pre-dose
    /// assessment no older than <c>staleBaselineMaxDays</c> and after every session of an earlier course, with the
    /// <c>stale-baseline</c> warning; else the first after t0, with the <c>no-pretreatment-baseline</c> warning; -1 when
    /// no assessment falls in the course.</summary>
    private static int FindBaseline(List<CourseAssessment> ordered, int named, long? t0, long laterCourse, long earlierCourse, CourseOptions options, ImmutableArray<string>.Builder warnings, out long windowStart)
    {
        int count = ordered.Count;
        long At(int i) => ordered[i].At.UtcTicks;
        windowStart = t0 is long t ? Shift(t, -Days(options.BaselineMaxAgeDays)) : long.MinValue;
        if (named >= 0)
        {
            if (t0 is long start0 && At(named) > start0)
                warnings.Add(NoPretreatmentBaseline);
            return named;
        }

        if (t0 is not long start)
            return 0;
        int baseline = -1, stale = -1;
        long staleFrom = Shift(start, -Days(options.StaleBaselineMaxDays));
        for (int i = 0; i < count && At(i) <= start; i++)
        {
            if (At(i) >= windowStart)
                baseline = i;
            else if (At(i) >= staleFrom && At(i) > earlierCourse)
                stale = i;
        }

        if (baseline >= 0)
            return baseline;
        if (stale >= 0)
        {
            warnings.Add(StaleBaseline);
            return stale;
        }

        for (int i = 0; i < count; i++)
        {
            if (At(i) > start && At(i) < laterCourse)
            {
                warnings.Add(NoPretreatmentBaseline);
                return i;
            }
        }

        return -1;
    }

    /// <summary>Every assessment's row: its role, and for a follow-up its change, status and reliable change.</summary>
    private static ImmutableArray<AssessmentTrend> Rows(Instrument instrument, List<CourseAssessment> ordered, int baselineIndex, int namedBaseline, long? t0, long windowStart, long laterCourse, int? remission, bool belowThreshold, CourseOptions options, out int latest)
    {
        int count = ordered.Count;
        bool tracks = instrument.TracksTreatmentResponse;
        int b = ordered[baselineIndex].ValidTotal;
        var trends = ImmutableArray.CreateBuilder<AssessmentTrend>(count);
        latest = baselineIndex;
        for (int i = 0; i < count; i++)
        {
            CourseAssessment a = ordered[i];
            long at = a.At.UtcTicks;
            CourseRole role = i == baselineIndex ? CourseRole.Baseline
                : at >= laterCourse ? CourseRole.Excluded
                : i > baselineIndex ? CourseRole.FollowUp
                : namedBaseline >= 0 || (t0 is not null && at >= windowStart) ? CourseRole.Screening
                : CourseRole.Excluded;
            int c = a.ValidTotal;
            bool? inRemission = remission is int rt ? c <= rt : null;
            if (role is CourseRole.Baseline or CourseRole.FollowUp)
                latest = i;
            if (role != CourseRole.FollowUp)
                trends.Add(new AssessmentTrend(a, role, null, null, null, null, false, inRemission));
            else if (!tracks)
                trends.Add(new AssessmentTrend(a, role, c - b, null, null, null, false, null));
            else
            {
                bool meets = !belowThreshold && MeetsPercent(b, c, options.ResponsePercent);
                trends.Add(new AssessmentTrend(a, role, c - b, PercentImprovementTenths(b, c), Status(instrument, b, c, remission, belowThreshold, meets, options), Reliable(instrument, b, c, options), meets, inRemission));
            }
        }

        return trends.MoveToImmutable();
    }

    /// <summary>The indices of the rows of either role (null: every row) after <paramref name="after"/> (UTC ticks).</summary>
    private static int[] RowsWhere(ImmutableArray<AssessmentTrend> all, CourseRole? role, CourseRole? other, long after)
    {
        static bool Keep(in AssessmentTrend row, CourseRole? role, CourseRole? other, long after) =>
            (role is null || row.Role == role || row.Role == other) && row.At.UtcTicks > after;
        int n = 0;
        foreach (AssessmentTrend row in all)
            n += Keep(row, role, other, after) ? 1 : 0;
        int[] rows = new int[n];
        for (int i = 0, k = 0; i < all.Length; i++)
        {
            if (Keep(all[i], role, other, after))
                rows[k++] = i;
        }

        return rows;
    }

    /// <summary>Whether a row of <paramref name="rows"/> lies in (from, to] (and meets response, with <paramref name="responders"/>).</summary>
    private static bool AnyBetween(ImmutableArray<AssessmentTrend> all, int[] rows, long from, long to, bool responders)
    {
        foreach (int i in rows)
        {
            if (all[i].At.UtcTicks > from && all[i].At.UtcTicks <= to && (!responders || all[i].MeetsResponse))
                return true;
        }

        return false;
    }

    /// <summary>Whether a session of another kind starts in (from, to].</summary>
    private static bool AnyOtherKindBetween(TreatmentSession[] sessions, string? kind, long from, long to)
    {
        foreach (TreatmentSession t in sessions)
        {
            if (!string.Equals(t.Kind, kind, StringComparison.Ordinal) && t.At.UtcTicks > from && t.At.UtcTicks <= to)
                return true;
        }

        return false;
    }

    private static int WithoutItems(IReadOnlyList<CourseAssessment> assessments)
    {
        int n = 0;
        for (int i = 0; i < assessments.Count; i++)
            n += assessments[i].FromItems ? 0 : 1;
        return n;
    }

    /// <summary>The rapid-response window (a, a + <c>rapidResponseHours</c> + <c>visitWindowHours</c>], a the first
    /// anchoring session's end or start as the options say; false without a session.</summary>
    private static bool RapidWindow(TreatmentSession[] course, CourseOptions options, out long from, out long to)
    {
        from = to = 0;
        if (course.Length == 0)
            return false;
        TreatmentSession first = course[0];
        from = options.RapidResponseFrom == RapidResponseAnchor.End && first.End is DateTimeOffset end ? end.UtcTicks : first.At.UtcTicks;
        to = Shift(from, (options.RapidResponseWindow + options.VisitWindow).Ticks);
        return true;
    }

    /// <summary>Sustained response (a run of responses spanning the confirmation days; the index of the run's first row,
    /// or -1), and the first loss of response after response was met: a failing row (neither response nor remission)
    /// confirmed by the first later row at least <c>confirmationMinDays</c> after it, with that row and every row between
    /// failing too (v3).</summary>
    private static (bool Sustained, int SustainedFrom, LossOfResponse? Loss) SustainedAndLoss(ImmutableArray<AssessmentTrend> all, int[] onTreatment, TreatmentSession[] course, CourseOptions options)
    {
        long At(int i) => all[i].At.UtcTicks;
        long confirmMin = Days(options.ConfirmationMinDays);
        int sustainedFrom = -1, firstResponse = -1;
        int runStart = -1, runLength = 0;
        for (int k = 0; k < onTreatment.Length; k++)
        {
            int i = onTreatment[k];
            if (!all[i].MeetsResponse)
            {
                runLength = 0;
                continue;
            }

            firstResponse = firstResponse < 0 ? k : firstResponse;
            runStart = runLength == 0 ? i : runStart;
            runLength++;
            if (sustainedFrom < 0 && runLength >= options.SustainedResponseCount && At(i) - At(runStart) >= confirmMin)
                sustainedFrom = runStart;
        }

        LossOfResponse? loss = null;
        if (firstResponse >= 0
            && Confirmed(all, onTreatment, firstResponse + 1, onTreatment.Length, i => !all[i].MeetsResponse && all[i].InRemission != true, confirmMin, long.MaxValue) is (int a, int c))
        {
            TreatmentSession? last = course.LastOrDefault(s => s.At.UtcTicks < At(a));
            loss = new LossOfResponse(all[a].At, all[c].At, last is null ? null : WholeDays(last.At.UtcTicks, At(a)));
        }

        return (sustainedFrom >= 0, sustainedFrom, loss);
    }

    /// <summary>The first row A of <paramref name="rows"/>[from, until) that qualifies and is confirmed: the first later row
    /// at least <paramref name="minGap"/> after A qualifies, is at most <paramref name="maxGap"/> after A, and every row
    /// between qualifies too (v3, for loss of response and relapse). Linear: the confirming row only moves forward.
    /// Returns the row indices (into <paramref name="all"/>) of A and its confirmation, or null.</summary>
    private static (int At, int ConfirmedAt)? Confirmed(ImmutableArray<AssessmentTrend> all, int[] rows, int from, int until, Func<int, bool> qualifies, long minGap, long maxGap)
    {
        long At(int k) => all[rows[k]].At.UtcTicks;
        int j = from, c = from + 1;
        while (j < until && j < rows.Length)
        {
            if (!qualifies(rows[j]))
            {
                j++;
                continue;
            }

            c = Math.Max(c, j + 1);
            while (c < rows.Length && qualifies(rows[c]) && At(c) - At(j) < minGap)
                c++;
            if (c >= rows.Length)
                return null; // not confirmable yet
            if (!qualifies(rows[c]))
            {
                j = c + 1; // a failing row between (or confirming): every candidate up to it fails
                continue;
            }

            if (At(c) - At(j) <= maxGap)
                return (rows[j], rows[c]);
            j++; // too late to confirm this one; the rows between qualify and are candidates in turn
        }

        return null;
    }

    /// <summary>Every flag of every assessment, valid or not, dated, in time order (docs/clinical-rules.md, "Never lost").</summary>
    private static ImmutableArray<DatedFlag> FlagsOf(IReadOnlyList<CourseAssessment> ordered)
    {
        int count = 0;
        for (int i = 0; i < ordered.Count; i++)
            count += ordered[i].Flags.Length;
        if (count == 0)
            return [];
        var flags = new DatedFlag[count];
        int k = 0;
        for (int i = 0; i < ordered.Count; i++)
        {
            CourseAssessment a = ordered[i];
            foreach (SafetyFlag flag in a.Flags)
                flags[k++] = new DatedFlag(a.At, flag);
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(flags);
    }

    /// <summary>The warning of a course whose baseline was taken on treatment.</summary>
    public const string NoPretreatmentBaseline = "no-pretreatment-baseline";

    /// <summary>Sustained remission, recovery, relapse and recurrence over the baseline and follow-up rows; relapse is
    /// looked for after sustained remission, or (<paramref name="sustainedResponseRow"/> at least 0: relapseFrom
    /// response) after the first sustained response, whichever comes first.</summary>
    private static CourseEpisode Episode(ImmutableArray<AssessmentTrend> all, int[] rows, int? relapseThreshold, int sustainedResponseRow, CourseOptions options)
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

        int responseOnset = sustainedResponseRow < 0 ? -1 : Array.IndexOf(rows, sustainedResponseRow);
        int relapseFrom = onset < 0 ? responseOnset : responseOnset < 0 ? onset : Math.Min(onset, responseOnset);
        if (relapseFrom < 0)
            return new CourseEpisode(null, null, null, null);

        int recovery = -1;
        if (onset >= 0)
        {
            long recoveryFrom = Shift(all[rows[onset]].At.UtcTicks, Days(options.RecoveryDays));
            for (int k = onset; k < rows.Length && recovery < 0; k++)
            {
                if (all[rows[k]].At.UtcTicks >= recoveryFrom)
                    recovery = k;
            }
        }

        long min = Days(options.ConfirmationMinDays), max = Days(options.ConfirmationMaxDays);
        ConfirmedEvent? relapse = null, recurrence = null;
        if (relapseThreshold is int threshold)
        {
            Func<int, bool> severe = i => all[i].ValidTotal >= threshold;
            if (Confirmed(all, rows, relapseFrom + 1, recovery < 0 ? rows.Length : recovery, severe, min, max) is (int a, int c))
            {
                relapse = new ConfirmedEvent(all[a].At, all[c].At);
                recovery = -1;
            }

            if (recovery >= 0 && Confirmed(all, rows, recovery + 1, rows.Length, severe, min, max) is (int ra, int rc))
                recurrence = new ConfirmedEvent(all[ra].At, all[rc].At);
        }

        return new CourseEpisode(onset < 0 ? null : all[rows[onset]].At, recovery < 0 ? null : all[rows[recovery]].At, relapse, recurrence);
    }

    /// <summary>CMS159 (NQF 0710): the index is the first PHQ-9 above 9 of every valid row of the document, whatever its
    /// role (v3: the measure is about the patient); remission when the latest PHQ-9 from index + 305 days to index + 425
    /// days, inclusive, is below 5.</summary>
    private static DepressionRemission12Months Cms159(ImmutableArray<AssessmentTrend> all, int[] rows)
    {
        int index = Array.FindIndex(rows, i => all[i].ValidTotal > 9);
        if (index < 0)
            return new DepressionRemission12Months(false, null, null, null);
        long from = Shift(all[rows[index]].At.UtcTicks, Days(305)), to = Shift(all[rows[index]].At.UtcTicks, Days(425));
        int measured = Array.FindLastIndex(rows, i => all[i].At.UtcTicks >= from && all[i].At.UtcTicks <= to);
        return measured < 0
            ? new DepressionRemission12Months(true, all[rows[index]].At, null, null)
            : new DepressionRemission12Months(true, all[rows[index]].At, all[rows[measured]].At, all[rows[measured]].ValidTotal < 5);
    }

    /// <summary>CADSS: each assessment tied to the latest anchoring session that started at most 4 h before it (the
    /// dissociation peaks about 40 minutes after dosing: esketamine label); the peak total per session that has one, and
    /// (v3) the pre-dose value: the latest CADSS strictly before the session's start and at most 4 h before it.</summary>
    private static ImmutableArray<SessionPeak> Peaks(ImmutableArray<AssessmentTrend> all, TreatmentSession[] course)
    {
        var peaks = new int?[course.Length];
        var pre = new int?[course.Length];
        long fourHours = TimeSpan.TicksPerHour * 4;
        int next = 0; // the first session starting after the row (moves forward only: rows are in time order)
        foreach (AssessmentTrend t in all)
        {
            if (t.Role == CourseRole.Excluded)
                continue;
            long at = t.At.UtcTicks;
            while (next < course.Length && course[next].At.UtcTicks <= at)
                next++;
            int s = next - 1;
            if (s >= 0 && at - course[s].At.UtcTicks <= fourHours)
                peaks[s] = Math.Max(peaks[s] ?? 0, t.ValidTotal);
            if (next < course.Length && course[next].At.UtcTicks - at <= fourHours)
                pre[next] = t.ValidTotal; // the latest before the start wins
        }

        return [.. Enumerable.Range(0, course.Length).Where(s => peaks[s] is not null).Select(s => new SessionPeak(course[s].At, peaks[s]!.Value, pre[s]))];
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
