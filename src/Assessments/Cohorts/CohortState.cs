using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Assessments.Trends;

namespace Assessments.Cohorts;

/// <summary>The rule set of a cohort: the course rules every course is summarised under (§6), and the cohort's own
/// windows (docs/cohorts.md).</summary>
public sealed record CohortOptions
{
    /// <summary>The defaults: <c>ketamine-clinic</c>, 12 sessions, a 7-day window after the last one.</summary>
    public static CohortOptions Default { get; } = new();

    /// <summary>The course rules; a course may state only its own treatment kind, course start and baseline.</summary>
    public CourseOptions Course { get; init; } = CourseOptions.Default;

    /// <summary>Rows of response by session number: 1 to this (default 12).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside 1 to 1000.</exception>
    public int MaxSessions { get; init => field = value is >= 1 and <= 1000 ? value : throw new ArgumentOutOfRangeException(nameof(value)); } = 12;

    /// <summary>The window after the last session of a series: 7 days (convention).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside 1 to 3660.</exception>
    public int LastSessionWindowDays { get; init => field = value is >= 1 and <= 3660 ? value : throw new ArgumentOutOfRangeException(nameof(value)); } = 7;
}

/// <summary>A flag of a course in a cohort, with the course's id.</summary>
public sealed class CohortFlag
{
    internal CohortFlag(string courseId, string? instrumentId, DatedFlag flag)
    {
        CourseId = courseId;
        InstrumentId = instrumentId;
        Flag = flag;
    }

    /// <summary>The course's id.</summary>
    public string CourseId { get; }

    /// <summary>The instrument.</summary>
    public string? InstrumentId { get; }

    /// <summary>The dated flag.</summary>
    public DatedFlag Flag { get; }
}

/// <summary>An invalid course: its id and error codes (its flags are in the cohort's safety list); or the errors of a record
/// beside its courses (<see cref="IsRecordError"/>), listed but not a course.</summary>
public sealed class InvalidCourse
{
    internal InvalidCourse(string id, ImmutableArray<string> codes, bool isRecordError = false)
    {
        Id = id;
        Codes = codes;
        IsRecordError = isRecordError;
    }

    /// <summary>Whether these are a record's own errors (a row naming an unknown instrument, an invalid C-SSRS row) beside
    /// the courses it adds: listed under its id, counted as no course.</summary>
    public bool IsRecordError { get; }

    /// <summary>The course's id.</summary>
    public string Id { get; }

    /// <summary>Its error codes.</summary>
    public ImmutableArray<string> Codes { get; }
}

/// <summary>The mergeable aggregates of one group (instrument × treatment kind): integer counts and sums, histograms of
/// integer totals, and tables of event times (docs/cohorts.md, "Merging").</summary>
internal sealed class GroupState
{
    public long Courses, MonitoringOnly, BelowThreshold, Eligible, NoFollowUp, NoPretreatmentBaseline;
    public readonly SortedDictionary<int, long> Baselines = [];
    public long BaselineSum, BaselineSumSquares;
    public readonly SortedDictionary<string, long> Bands = new(StringComparer.Ordinal);
    public readonly SortedDictionary<string, long> LatestStatus = new(StringComparer.Ordinal);
    public long ChangeN, ChangeSum, ChangeSumSquares;
    public long PercentN;
    public readonly PercentSums Percent = new();
    public readonly List<SessionRow> Sessions = [];
    public long RapidN, RapidX;
    public long SustainedResponse, LossOfResponse, SustainedRemission, Recovery, Relapse, Recurrence;
    public readonly SortedDictionary<int, long> DaysAtLoss = [];
    public bool Cms159;
    public long Cms159Denominator, Cms159Numerator, Cms159NotMeasured;
    public bool HasRemission;
    public readonly SortedDictionary<long, (long Events, long Censored)> TimeToResponse = [];
    public readonly SortedDictionary<long, (long Events, long Censored)> TimeToRemission = [];
    public readonly SortedDictionary<long, (long Events, long Censored)> DurationOfResponse = [];
    public long UrgentCourses, ReviewCourses, UnansweredCourses;

    public SessionRow Session(int k)
    {
        while (Sessions.Count < k)
            Sessions.Add(new SessionRow());
        return Sessions[k - 1];
    }

    public void Merge(GroupState other)
    {
        Courses += other.Courses;
        MonitoringOnly += other.MonitoringOnly;
        BelowThreshold += other.BelowThreshold;
        Eligible += other.Eligible;
        NoFollowUp += other.NoFollowUp;
        NoPretreatmentBaseline += other.NoPretreatmentBaseline;
        Add(Baselines, other.Baselines);
        BaselineSum += other.BaselineSum;
        BaselineSumSquares += other.BaselineSumSquares;
        Add(Bands, other.Bands);
        Add(LatestStatus, other.LatestStatus);
        ChangeN += other.ChangeN;
        ChangeSum += other.ChangeSum;
        ChangeSumSquares += other.ChangeSumSquares;
        PercentN += other.PercentN;
        Percent.Merge(other.Percent);
        for (int k = 1; k <= other.Sessions.Count; k++)
            Session(k).Merge(other.Sessions[k - 1]);
        RapidN += other.RapidN;
        RapidX += other.RapidX;
        SustainedResponse += other.SustainedResponse;
        LossOfResponse += other.LossOfResponse;
        SustainedRemission += other.SustainedRemission;
        Recovery += other.Recovery;
        Relapse += other.Relapse;
        Recurrence += other.Recurrence;
        Add(DaysAtLoss, other.DaysAtLoss);
        Cms159 |= other.Cms159;
        HasRemission |= other.HasRemission;
        Cms159Denominator += other.Cms159Denominator;
        Cms159Numerator += other.Cms159Numerator;
        Cms159NotMeasured += other.Cms159NotMeasured;
        Add(TimeToResponse, other.TimeToResponse);
        Add(TimeToRemission, other.TimeToRemission);
        Add(DurationOfResponse, other.DurationOfResponse);
        UrgentCourses += other.UrgentCourses;
        ReviewCourses += other.ReviewCourses;
        UnansweredCourses += other.UnansweredCourses;
    }

    private static void Add<TKey>(SortedDictionary<TKey, long> into, SortedDictionary<TKey, long> from)
        where TKey : notnull
    {
        foreach ((TKey key, long count) in from)
            into[key] = into.GetValueOrDefault(key) + count;
    }

    private static void Add(SortedDictionary<long, (long Events, long Censored)> into, SortedDictionary<long, (long Events, long Censored)> from)
    {
        foreach ((long key, (long e, long c)) in from)
        {
            (long e0, long c0) = into.GetValueOrDefault(key);
            into[key] = (e0 + e, c0 + c);
        }
    }

    public static void Event(SortedDictionary<long, (long Events, long Censored)> table, long ticks, bool isEvent)
    {
        (long e, long c) = table.GetValueOrDefault(ticks);
        table[ticks] = isEvent ? (e + 1, c) : (e, c + 1);
    }
}

/// <summary>Row k of response by session number, as mergeable counts.</summary>
internal sealed class SessionRow
{
    public long Courses, Assessed, Response, RemissionN, Remission, PercentN;
    public readonly PercentSums Percent = new();

    public void Merge(SessionRow other)
    {
        Courses += other.Courses;
        Assessed += other.Assessed;
        Response += other.Response;
        RemissionN += other.RemissionN;
        Remission += other.Remission;
        PercentN += other.PercentN;
        Percent.Merge(other.Percent);
    }
}

/// <summary>Percent improvements kept exactly: per baseline b, the integer sum of (b - c). The mean is computed from
/// them in one fixed order, so it is the same however the courses were split and merged (a sum of doubles is not: its
/// last digits followed the workers' order).</summary>
internal sealed class PercentSums
{
    public readonly SortedDictionary<int, long> ByBaseline = [];

    public void Add(int baseline, int current)
    {
        ByBaseline.TryGetValue(baseline, out long sum);
        ByBaseline[baseline] = sum + (baseline - current);
    }

    public void Merge(PercentSums other)
    {
        foreach ((int baseline, long sum) in other.ByBaseline)
        {
            ByBaseline.TryGetValue(baseline, out long mine);
            ByBaseline[baseline] = mine + sum;
        }
    }

    /// <summary>The mean percent improvement over <paramref name="n"/> courses.</summary>
    public double Mean(long n)
    {
        double total = 0;
        foreach ((int baseline, long sum) in ByBaseline)
            total += sum * 100.0 / baseline;
        return total / n;
    }
}

/// <summary>A cohort's state: everything its figures are computed from, mergeable exactly. Add courses one at a time
/// (<see cref="Add(string, CourseSummary)"/>, <see cref="AddInvalid"/>), merge states computed separately
/// (<see cref="Merge"/>), and read the figures (<see cref="Report"/>). Not thread-safe: one state per thread, merged
/// at the end (that is how both cores are used).</summary>
public sealed class CohortState
{
    private readonly SortedDictionary<(string Instrument, string Kind), GroupState> _groups = [];
    private readonly List<InvalidCourse> _invalid = [];
    private readonly CohortFlagLog _flags = new();

    /// <summary>A state under a rule set.</summary>
    /// <param name="options">The rule set; null for the defaults.</param>
    public CohortState(CohortOptions? options = null) => Options = options ?? CohortOptions.Default;

    /// <summary>The rule set the state was computed under.</summary>
    public CohortOptions Options { get; }

    /// <summary>Every course added, valid or not.</summary>
    public long Courses => _groups.Values.Sum(g => g.Courses) + _invalid.Count(c => !c.IsRecordError);

    /// <summary>The invalid courses, in the order added.</summary>
    public IReadOnlyList<InvalidCourse> InvalidCourses => _invalid;

    /// <summary>Every flag of every course, valid or not, with its course id (docs/clinical-rules.md §3: never lost), in
    /// the order added (a state made by <see cref="CohortBuilder.Build"/>: each worker's flags in report order, one
    /// worker after another). Kept compactly: each item read is made on access.</summary>
    public IReadOnlyList<CohortFlag> SafetyFlags => _flags;

    internal CohortFlagLog FlagLog => _flags;

    internal IReadOnlyDictionary<(string Instrument, string Kind), GroupState> Groups => _groups;

    internal GroupState Group(string instrument, string kind)
    {
        if (!_groups.TryGetValue((instrument, kind), out GroupState? g))
            _groups[(instrument, kind)] = g = new GroupState();
        return g;
    }

    internal void AddInvalidCodes(string id, ImmutableArray<string> codes, bool isRecordError) => _invalid.Add(new InvalidCourse(id, codes, isRecordError));

    /// <summary>Each instrument's rules version (<see cref="Instrument.RulesVersion"/>), from the courses added: a
    /// clinic-defined instrument's too, so a state says what it was computed under.</summary>
    internal SortedDictionary<string, string> RulesVersions { get; } = new(StringComparer.Ordinal);

    internal void AddFlag(string id, string? instrument, DatedFlag flag) => _flags.Add(id, instrument, flag);

    /// <summary>Adds a course that could not be summarised: counted by its codes, listed, its flags kept.</summary>
    /// <param name="id">The course's id.</param>
    /// <param name="errors">Its errors.</param>
    /// <param name="flags">Every flag its assessments gave.</param>
    public void AddInvalid(string id, IEnumerable<CourseError> errors, IEnumerable<DatedFlag> flags)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(flags);
        _invalid.Add(new InvalidCourse(id, [.. errors.Select(e => e.Code).Distinct(StringComparer.Ordinal)]));
        foreach (DatedFlag flag in flags)
            _flags.Add(id, flag.InstrumentId, flag);
    }

    /// <summary>Adds a summarised course (docs/cohorts.md, "Per group").</summary>
    /// <param name="id">The course's id.</param>
    /// <param name="course">Its summary, made under the cohort's rules.</param>
    public void Add(string id, CourseSummary course)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(course);
        var key = (course.Instrument.Id, course.TreatmentKind ?? "unspecified");
        if (!_groups.TryGetValue(key, out GroupState? g))
            _groups[key] = g = new GroupState();
        if (RulesVersions.TryGetValue(course.Instrument.Id, out string? version) && version != course.Instrument.RulesVersion)
            throw new ArgumentException($"'{course.Instrument.Id}' was added under two rules versions.", nameof(course));
        RulesVersions[course.Instrument.Id] = course.Instrument.RulesVersion;
        foreach (DatedFlag flag in course.SafetyFlags)
            _flags.Add(id, course.Instrument.Id, flag);
        Accumulate(g, course, Options);
    }

    /// <summary>Adds another state's courses: for every split of a set of courses, merging the parts' states gives the
    /// whole's state.</summary>
    /// <param name="other">A state under the same rule set.</param>
    /// <exception cref="ArgumentException">The other state has another rule set (<c>state-mismatch</c>).</exception>
    public void Merge(CohortState other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (ReferenceEquals(other, this))
            throw new ArgumentException("A state cannot be merged into itself (its courses would count twice).", nameof(other));
        if (CohortStateJson.OptionsKey(other.Options) != CohortStateJson.OptionsKey(Options))
            throw new ArgumentException("The states were computed under different rules (state-mismatch).", nameof(other));
        foreach ((string instrument, string version) in other.RulesVersions)
        {
            if (RulesVersions.TryGetValue(instrument, out string? mine) && mine != version)
                throw new ArgumentException($"The states were computed under different rules versions of '{instrument}' (state-mismatch).", nameof(other));
        }

        foreach ((string instrument, string version) in other.RulesVersions)
            RulesVersions[instrument] = version;
        foreach ((var key, GroupState group) in other._groups)
        {
            if (!_groups.TryGetValue(key, out GroupState? mine))
                _groups[key] = mine = new GroupState();
            mine.Merge(group);
        }

        _invalid.AddRange(other._invalid);
        _flags.AddRange(other._flags);
    }

    /// <summary>The figures (docs/cohorts.md).</summary>
    /// <returns>The report.</returns>
    public CohortReport Report() => new(this);

    private static void Accumulate(GroupState g, CourseSummary s, CohortOptions options)
    {
        g.Courses++;
        bool monitoring = s.T0 is null;
        g.MonitoringOnly += monitoring ? 1 : 0;
        g.BelowThreshold += !monitoring && s.BaselineBelowThreshold ? 1 : 0;
        g.NoPretreatmentBaseline += s.Warnings.Contains(TreatmentCourse.NoPretreatmentBaseline) ? 1 : 0;
        g.HasRemission |= s.RemissionThreshold is not null;
        int b = s.Baseline.Total!.Value;
        g.Baselines[b] = g.Baselines.GetValueOrDefault(b) + 1;
        g.BaselineSum += b;
        g.BaselineSumSquares += (long)b * b;
        if (s.Baseline.Band is { } band)
            g.Bands[band.Id] = g.Bands.GetValueOrDefault(band.Id) + 1;

        bool hasFollowUp = s.Latest.Role == CourseRole.FollowUp;
        string status = hasFollowUp && s.Status is CourseStatus st ? WireIds.ToWireId(st) : "none";
        g.LatestStatus[status] = g.LatestStatus.GetValueOrDefault(status) + 1;
        if (hasFollowUp)
        {
            int c = s.Latest.Total!.Value;
            g.ChangeN++;
            g.ChangeSum += c - b;
            g.ChangeSumSquares += (long)(c - b) * (c - b);
            if (b > 0)
            {
                g.PercentN++;
                g.Percent.Add(b, c);
            }
        }

        SafetyOf(g, s);
        if (s.DepressionRemission12Months is { } cms)
        {
            g.Cms159 = true;
            if (cms.Eligible)
            {
                g.Cms159Denominator++;
                g.Cms159Numerator += cms.Remission == true ? 1 : 0;
                g.Cms159NotMeasured += cms.Remission is null ? 1 : 0;
            }
        }

        bool eligible = !monitoring && !s.BaselineBelowThreshold && s.Instrument.TracksTreatmentResponse && b > 0;
        if (!eligible)
            return;
        g.Eligible++;
        long t0 = s.T0!.Value.UtcTicks;

        // The follow-ups after t0, in a rented buffer: adding a course allocates nothing once the tables hold its keys.
        AssessmentTrend[] rented = System.Buffers.ArrayPool<AssessmentTrend>.Shared.Rent(s.Assessments.Length);
        try
        {
            int count = 0;
            bool anyFollowUp = false;
            foreach (AssessmentTrend a in s.Assessments)
            {
                anyFollowUp |= a.Role == CourseRole.FollowUp;
                if (a.Role == CourseRole.FollowUp && a.At.UtcTicks > t0)
                    rented[count++] = a;
            }

            g.NoFollowUp += anyFollowUp ? 0 : 1;
            AccumulateOnTreatment(g, s, rented.AsSpan(0, count), options, b, t0);
        }
        finally
        {
            System.Buffers.ArrayPool<AssessmentTrend>.Shared.Return(rented, clearArray: true);
        }
    }

    private static void AccumulateOnTreatment(GroupState g, CourseSummary s, ReadOnlySpan<AssessmentTrend> onTreatment, CohortOptions options, int b, long t0)
    {
        BySession(g, s, onTreatment, options, b);
        if (s.RapidResponseAssessed)
        {
            g.RapidN++;
            g.RapidX += s.RapidResponse ? 1 : 0;
        }

        g.SustainedResponse += s.SustainedResponse ? 1 : 0;
        g.LossOfResponse += s.LossOfResponse is not null ? 1 : 0;
        g.SustainedRemission += s.Episode?.SustainedRemission is not null ? 1 : 0;
        g.Recovery += s.Episode?.Recovery is not null ? 1 : 0;
        g.Relapse += s.Episode?.Relapse is not null ? 1 : 0;
        g.Recurrence += s.Episode?.Recurrence is not null ? 1 : 0;
        if (s.LossOfResponse?.DaysSinceLastTreatment is int days)
            g.DaysAtLoss[days] = g.DaysAtLoss.GetValueOrDefault(days) + 1;
        if (onTreatment.Length == 0)
            return;

        // The three curves: times are exact (instant differences), kept in ticks.
        long last = onTreatment[^1].At.UtcTicks;
        AssessmentTrend firstResponse = default, firstRemission = default;
        foreach (AssessmentTrend a in onTreatment)
        {
            if (firstResponse == default && a.MeetsResponse)
                firstResponse = a;
            if (firstRemission == default && a.InRemission == true)
                firstRemission = a;
        }

        GroupState.Event(g.TimeToResponse, (firstResponse == default ? last : firstResponse.At.UtcTicks) - t0, firstResponse != default);
        if (s.RemissionThreshold is not null)
        {
            GroupState.Event(g.TimeToRemission, (firstRemission == default ? last : firstRemission.At.UtcTicks) - t0, firstRemission != default);
        }

        if (firstResponse != default)
        {
            long origin = firstResponse.At.UtcTicks;
            bool lost = s.LossOfResponse is not null;
            GroupState.Event(g.DurationOfResponse, (lost ? s.LossOfResponse!.At.UtcTicks : last) - origin, lost);
        }
    }

    /// <summary>Window k is (start sₖ, start sₖ₊₁] (the last: (start sₙ, start sₙ + lastSessionWindowDays]); its assessment
    /// is the latest follow-up in it.</summary>
    private static void BySession(GroupState g, CourseSummary s, ReadOnlySpan<AssessmentTrend> onTreatment, CohortOptions options, int b)
    {
        ImmutableArray<TreatmentSession> sessions = s.AnchoringSessions;
        int n = Math.Min(sessions.Length, options.MaxSessions);
        int next = 0;
        for (int k = 1; k <= n; k++)
        {
            long from = sessions[k - 1].At.UtcTicks;
            long to = k < sessions.Length ? sessions[k].At.UtcTicks : sessions[k - 1].At.UtcTicks + (options.LastSessionWindowDays * TimeSpan.TicksPerDay);
            SessionRow row = g.Session(k);
            row.Courses++;
            AssessmentTrend found = default;
            while (next < onTreatment.Length && onTreatment[next].At.UtcTicks <= from)
                next++;
            int i = next;
            while (i < onTreatment.Length && onTreatment[i].At.UtcTicks <= to)
                found = onTreatment[i++];
            if (found == default)
                continue;
            row.Assessed++;
            row.Response += found.MeetsResponse ? 1 : 0;
            if (found.InRemission is bool remission)
            {
                row.RemissionN++;
                row.Remission += remission ? 1 : 0;
            }

            // The exact improvement, not the row's one-decimal display value.
            row.PercentN++;
            row.Percent.Add(b, found.Total!.Value);
        }
    }

    private static void SafetyOf(GroupState g, CourseSummary s)
    {
        bool urgent = false, review = false, unanswered = false;
        foreach (DatedFlag f in s.SafetyFlags)
        {
            urgent |= f.Flag.Priority == FlagPriority.Urgent;
            review |= f.Flag.Priority == FlagPriority.Review;
            unanswered |= f.Flag.Id == FlagIds.SafetyItemUnanswered;
        }

        g.UrgentCourses += urgent ? 1 : 0;
        g.ReviewCourses += review ? 1 : 0;
        g.UnansweredCourses += unanswered ? 1 : 0;
    }
}
