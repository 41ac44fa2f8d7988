using System;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Linq;

namespace Assessments.Trends;

/// <summary>One assessment of a course, read against the baseline.</summary>
/// <remarks>A small immutable value: a course of 100,000 assessments is one array, not 100,000 objects. Trends come
/// from a <see cref="CourseSummary"/>; <c>default(AssessmentTrend)</c> is harmless: it states no role-dependent fact
/// (no status, change, improvement, response or remission), and reading its assessment, time or total throws.</remarks>
public readonly struct AssessmentTrend : IEquatable<AssessmentTrend>
{
    private const byte HasChange = 1;
    private const byte HasTenths = 2;
    private const byte MeetsResponseBit = 4;
    private const byte HasRemission = 8;
    private const byte InRemissionBit = 16;
    private readonly CourseAssessment? _assessment;
    private readonly int _change;
    private readonly int _tenths;
    private readonly byte _bits;
    private readonly sbyte _status; // the status (its members start at 1); 0 for none, so that the default states nothing
    private readonly sbyte _reliable; // the category + 1; 0 for none
    private readonly sbyte _role; // the role + 1; 0 for a default value

    internal AssessmentTrend(CourseAssessment assessment, CourseRole role, int? change, int? improvementTenths, CourseStatus? status, ReliableChangeCategory? reliableChange, bool meetsResponse, bool? inRemission)
    {
        _assessment = assessment;
        _role = (sbyte)((int)role + 1);
        _change = change ?? 0;
        _tenths = improvementTenths ?? 0;
        _bits = (byte)((change is null ? 0 : HasChange) | (improvementTenths is null ? 0 : HasTenths) | (meetsResponse ? MeetsResponseBit : 0)
            | (inRemission is null ? 0 : HasRemission) | (inRemission == true ? InRemissionBit : 0));
        _status = status is CourseStatus st ? (sbyte)st : (sbyte)0;
        _reliable = reliableChange is ReliableChangeCategory rc ? (sbyte)((int)rc + 1) : (sbyte)0;
    }

    /// <summary>The assessment.</summary>
    /// <exception cref="InvalidOperationException">A default value, not a trend of a course.</exception>
    public CourseAssessment Assessment => _assessment
        ?? throw new InvalidOperationException("A default AssessmentTrend holds no assessment; trends come from a CourseSummary.");

    /// <summary>When it was taken.</summary>
    public DateTimeOffset At => Assessment.At;

    /// <summary>Its total.</summary>
    public int? Total => Assessment.Total;

    /// <summary>The total of a valid row (the course rules read only valid rows).</summary>
    internal int ValidTotal => Assessment.ValidTotal;

    /// <summary>Why the row is invalid (role <see cref="CourseRole.Invalid"/>); empty otherwise.</summary>
    public ImmutableArray<ScoringError> Errors => Assessment.Errors;

    /// <summary>What the assessment is to the course: excluded, screening, baseline or follow-up.</summary>
    /// <exception cref="InvalidOperationException">A default value, not a trend of a course.</exception>
    public CourseRole Role => _role == 0 ? throw new InvalidOperationException("A default AssessmentTrend has no role.") : (CourseRole)(_role - 1);

    /// <summary>Its band in the instrument's default band set, or null.</summary>
    public SeverityBand? Band => _assessment is { IsValid: true } a ? a.Instrument.DefaultBandSet?.Classify(a.ValidTotal) : null;

    /// <summary>Current − baseline, for a follow-up; null otherwise.</summary>
    public int? Change => (_bits & HasChange) == 0 ? null : _change;

    /// <summary>(baseline − current) / baseline × 100, one decimal, half away from zero; null when the baseline is 0 or
    /// for rows that are not follow-ups. For display only: every rule compares integers.</summary>
    public decimal? PercentImprovement => (_bits & HasTenths) == 0 ? null : new decimal(Math.Abs(_tenths), 0, 0, _tenths < 0, 1);

    /// <summary>The status of a follow-up (docs/clinical-rules.md §6, first match); null otherwise, and where the
    /// baseline is at or below the remission threshold and the total has not worsened.</summary>
    public CourseStatus? Status => _status == 0 ? null : (CourseStatus)_status;

    /// <summary>Reliable change since baseline; null where the instrument has no parameters or the row is no follow-up.</summary>
    public ReliableChangeCategory? ReliableChange => _reliable == 0 ? null : (ReliableChangeCategory)(_reliable - 1);

    /// <summary>Whether this is the baseline.</summary>
    public bool IsBaseline => _role == (int)CourseRole.Baseline + 1;

    /// <summary>Whether a follow-up meets response: an improvement of at least the response percentage from a baseline
    /// above the remission threshold. Independent of <see cref="InRemission"/>.</summary>
    public bool MeetsResponse => (_bits & MeetsResponseBit) != 0;

    /// <summary>Whether the total is at or below the remission threshold; null for instruments without one.</summary>
    public bool? InRemission => (_bits & HasRemission) == 0 ? null : (_bits & InRemissionBit) != 0;

    /// <inheritdoc />
    public bool Equals(AssessmentTrend other) =>
        ReferenceEquals(_assessment, other._assessment) && _role == other._role && _bits == other._bits && _change == other._change
        && _tenths == other._tenths && _status == other._status && _reliable == other._reliable;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is AssessmentTrend other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_assessment, _role, _change, _status, _bits);

    /// <summary>Equality.</summary>
    /// <param name="left">One.</param>
    /// <param name="right">The other.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(AssessmentTrend left, AssessmentTrend right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    /// <param name="left">One.</param>
    /// <param name="right">The other.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(AssessmentTrend left, AssessmentTrend right) => !left.Equals(right);
}

/// <summary>A safety flag of one assessment, with its date: carried into the course so none is lost behind a good latest score.</summary>
public sealed class DatedFlag
{
    internal DatedFlag(DateTimeOffset at, SafetyFlag flag, string? instrumentId = null, string? undatedPosition = null)
    {
        At = undatedPosition is null ? at : DateTimeOffset.MinValue;
        Flag = flag;
        InstrumentId = instrumentId;
        Position = undatedPosition;
    }

    /// <summary>Whether the assessment's time could be read. An undated flag comes from an assessment whose time could
    /// not be read at all (the document is refused, by position): it is still reported, with <see cref="Position"/>, and
    /// <see cref="At"/> is <see cref="DateTimeOffset.MinValue"/>, so it sorts first.</summary>
    public bool IsDated => Position is null;

    /// <summary>For an undated flag, the assessment's position in the document (<c>assessments[3]</c>); null otherwise.</summary>
    public string? Position { get; }

    /// <summary>The instrument whose item raised the flag, in a record's safety list (several instruments); null in a
    /// course's own list, where the course names it.</summary>
    public string? InstrumentId { get; }

    /// <summary>When the assessment that raised it was taken.</summary>
    public DateTimeOffset At { get; }

    /// <summary>The flag.</summary>
    public SafetyFlag Flag { get; }
}

/// <summary>The first confirmed loss of response (wire: <c>lossOfResponse</c>, and the deprecated <c>relapse</c>).</summary>
/// <remarks>Loss of response after a response, not Frank et al.'s (1991) relapse, which is the episode's
/// (<see cref="CourseEpisode.Relapse"/>).</remarks>
public sealed class LossOfResponse
{
    internal LossOfResponse(DateTimeOffset at, DateTimeOffset confirmedAt, int? daysSinceLastTreatment)
    {
        At = at;
        ConfirmedAt = confirmedAt;
        DaysSinceLastTreatment = daysSinceLastTreatment;
    }

    /// <summary>The first assessment that neither met response nor was in remission.</summary>
    public DateTimeOffset At { get; }

    /// <summary>The next assessment, which confirmed it.</summary>
    public DateTimeOffset ConfirmedAt { get; }

    /// <summary>Whole days (rounded down) since the start of the latest anchoring session strictly before it; null if none.</summary>
    public int? DaysSinceLastTreatment { get; }
}

/// <summary>An event dated at one assessment and confirmed by a later one (the episode's relapse and recurrence).</summary>
public sealed class ConfirmedEvent
{
    internal ConfirmedEvent(DateTimeOffset at, DateTimeOffset confirmedAt)
    {
        At = at;
        ConfirmedAt = confirmedAt;
    }

    /// <summary>The first assessment of the event.</summary>
    public DateTimeOffset At { get; }

    /// <summary>The assessment that confirmed it.</summary>
    public DateTimeOffset ConfirmedAt { get; }
}

/// <summary>The episode (Frank et al. 1991 concepts; ACNP Task Force, Rush et al. 2006): remission must last, and only
/// what lasts counts as recovery.</summary>
public sealed class CourseEpisode
{
    internal CourseEpisode(DateTimeOffset? sustainedRemission, DateTimeOffset? recovery, ConfirmedEvent? relapse, ConfirmedEvent? recurrence)
    {
        SustainedRemission = sustainedRemission;
        Recovery = recovery;
        Relapse = relapse;
        Recurrence = recurrence;
    }

    /// <summary>The first assessment of the first run in remission that lasted the sustained-remission days; null if none.</summary>
    public DateTimeOffset? SustainedRemission { get; }

    /// <summary>The first assessment at or after the sustained remission's onset plus the recovery days, when no relapse
    /// began before it; null otherwise.</summary>
    public DateTimeOffset? Recovery { get; }

    /// <summary>The first confirmed return to episode-level severity after sustained remission and before recovery.</summary>
    public ConfirmedEvent? Relapse { get; }

    /// <summary>The first confirmed return to episode-level severity after recovery.</summary>
    public ConfirmedEvent? Recurrence { get; }
}

/// <summary>CMS159 / NQF 0710, depression remission at twelve months, for PHQ-9 courses.</summary>
public sealed class DepressionRemission12Months
{
    internal DepressionRemission12Months(bool eligible, DateTimeOffset? indexAt, DateTimeOffset? measuredAt, bool? remission)
    {
        Eligible = eligible;
        IndexAt = indexAt;
        MeasuredAt = measuredAt;
        Remission = remission;
    }

    /// <summary>Whether the course has an index PHQ-9 above 9.</summary>
    public bool Eligible { get; }

    /// <summary>The index assessment, or null when not eligible.</summary>
    public DateTimeOffset? IndexAt { get; }

    /// <summary>The most recent PHQ-9 in the window (index + 305 to index + 425 days), or null when none falls there.</summary>
    public DateTimeOffset? MeasuredAt { get; }

    /// <summary>Whether that PHQ-9 is below 5; null when not measured.</summary>
    public bool? Remission { get; }
}

/// <summary>The peak CADSS total of one session.</summary>
public sealed class SessionPeak
{
    internal SessionPeak(DateTimeOffset sessionAt, int peak, int? pre)
    {
        SessionAt = sessionAt;
        Peak = peak;
        Pre = pre;
    }

    /// <summary>The session's start.</summary>
    public DateTimeOffset SessionAt { get; }

    /// <summary>The highest total tied to it.</summary>
    public int Peak { get; }

    /// <summary>The latest CADSS total taken before the session's start and at most 4 h before it; null when none (v3:
    /// trials report dissociation as change from pre-dose).</summary>
    public int? Pre { get; }

    /// <summary>Peak minus pre-dose, or null without a pre-dose value.</summary>
    public int? Change => Pre is int pre ? Peak - pre : null;
}

/// <summary>The summary of a treatment course (docs/clinical-rules.md §6, v2).</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Serialization.CourseSummaryJsonConverter))]
public sealed class CourseSummary
{
    internal CourseSummary(Instrument instrument, CourseOptions options, CourseSummaryParts parts)
    {
        Instrument = instrument;
        Options = options;
        Preset = options.Preset;
        TreatmentKind = parts.TreatmentKind;
        Warnings = parts.Warnings;
        T0 = parts.T0;
        RemissionThreshold = parts.Remission;
        RelapseThreshold = parts.Relapse;
        Assessments = parts.Trends;
        Treatments = parts.Sessions;
        AnchoringSessions = parts.Anchoring;
        Baseline = parts.Trends[parts.BaselineIndex];
        Latest = parts.Trends[parts.LatestIndex];
        BaselineBelowThreshold = parts.BelowThreshold;
        RapidResponse = parts.Rapid;
        RapidResponseAssessed = parts.RapidAssessed;
        SustainedResponse = parts.Sustained;
        LossOfResponse = parts.Loss;
        Episode = parts.Episode;
        DaysToFirstResponse = parts.DaysToResponse;
        DaysToFirstRemission = parts.DaysToRemission;
        MinimalImportantDifference = instrument.MinimalImportantDifference;
        DepressionRemission12Months = parts.Cms159;
        SessionPeaks = parts.Peaks;
        SafetyFlags = parts.Flags;
        AssessmentsWithoutItems = parts.WithoutItems;
        Errors = parts.Errors;
    }

    /// <summary>The course's instrument.</summary>
    public Instrument Instrument { get; }

    /// <summary>The preset the options came from.</summary>
    public string Preset { get; }

    /// <summary>The options the course was read with (the preset's, with the document's own on top): the response
    /// percentage and windows behind each fact, for a report that draws them.</summary>
    public CourseOptions Options { get; }

    /// <summary>The session kind the course follows; null when no session was recorded.</summary>
    public string? TreatmentKind { get; }

    /// <summary>Warnings the clinician must see, such as <c>no-pretreatment-baseline</c>.</summary>
    public ImmutableArray<string> Warnings { get; }

    /// <summary>The start of the course's first anchoring session; null for a monitoring-only course.</summary>
    public DateTimeOffset? T0 { get; }

    /// <summary>The remission threshold in force; null when the instrument has none.</summary>
    public int? RemissionThreshold { get; }

    /// <summary>The relapse threshold in force; null when the instrument has none.</summary>
    public int? RelapseThreshold { get; }

    /// <summary>Every assessment in time order, with its role and trend.</summary>
    public ImmutableArray<AssessmentTrend> Assessments { get; }

    /// <summary>Every treatment session in time order, anchoring or not.</summary>
    public ImmutableArray<TreatmentSession> Treatments { get; }

    /// <summary>The course's anchoring sessions (of the treatment kind, in this course), in time order.</summary>
    public ImmutableArray<TreatmentSession> AnchoringSessions { get; }

    /// <summary>The baseline assessment.</summary>
    public AssessmentTrend Baseline { get; }

    /// <summary>The latest baseline or follow-up assessment.</summary>
    public AssessmentTrend Latest { get; }

    /// <summary>The latest assessment's percent improvement.</summary>
    public decimal? PercentImprovement => Latest.PercentImprovement;

    /// <summary>The latest assessment's status (null when there is only the baseline).</summary>
    public CourseStatus? Status => Latest.Status;

    /// <summary>The latest reliable change.</summary>
    public ReliableChangeCategory? ReliableChange => Latest.ReliableChange;

    /// <summary>Whether the baseline is at or below the remission threshold (or is 0): response is not defined.</summary>
    public bool BaselineBelowThreshold { get; }

    /// <summary>Whether an assessment within the rapid-response window after the first anchoring session met response.</summary>
    public bool RapidResponse { get; }

    /// <summary>Whether any follow-up fell in the rapid-response window (v3; a cohort's denominator for rapid response).</summary>
    public bool RapidResponseAssessed { get; }

    /// <summary>Whether a confirmed run of assessments met response (stays true after a later loss).</summary>
    public bool SustainedResponse { get; }

    /// <summary>The first confirmed loss of response, or null.</summary>
    public LossOfResponse? LossOfResponse { get; }

    /// <summary>Sustained remission, recovery, relapse and recurrence; null for instruments without remission or
    /// relapse thresholds.</summary>
    public CourseEpisode? Episode { get; }

    /// <summary>Whole days from t₀ (or the baseline) to the first follow-up meeting response; null if none.</summary>
    public int? DaysToFirstResponse { get; }

    /// <summary>Whole days from t₀ (or the baseline) to the first follow-up in remission; null if none.</summary>
    public int? DaysToFirstRemission { get; }

    /// <summary>The instrument's minimal important difference, reported beside change; null where none is established.</summary>
    public int? MinimalImportantDifference { get; }

    /// <summary>CMS159 remission at twelve months, for PHQ-9 courses; null for other instruments.</summary>
    public DepressionRemission12Months? DepressionRemission12Months { get; }

    /// <summary>The peak total per session, for CADSS courses; null for other instruments.</summary>
    public ImmutableArray<SessionPeak>? SessionPeaks { get; }

    /// <summary>Every safety flag of every assessment, with its date.</summary>
    public ImmutableArray<DatedFlag> SafetyFlags { get; }

    /// <summary>How many assessments are imported totals, with no items and so no safety flags derivable.</summary>
    public int AssessmentsWithoutItems { get; }

    /// <summary>The errors of the invalid assessments the course lists (role <see cref="CourseRole.Invalid"/>), each with
    /// its position; empty when every assessment is valid. A course with errors is summarised but not clean (the CLI
    /// exits 1).</summary>
    public ImmutableArray<CourseError> Errors { get; }
}

/// <summary>What the course rules computed, handed to the summary in one piece.</summary>
internal sealed class CourseSummaryParts
{
    public string? TreatmentKind { get; init; }

    public ImmutableArray<string> Warnings { get; init; } = [];

    public DateTimeOffset? T0 { get; init; }

    public int? Remission { get; init; }

    public int? Relapse { get; init; }

    public required ImmutableArray<AssessmentTrend> Trends { get; init; }

    public required ImmutableArray<TreatmentSession> Sessions { get; init; }

    public required ImmutableArray<TreatmentSession> Anchoring { get; init; }

    public int BaselineIndex { get; init; }

    public int LatestIndex { get; init; }

    public bool BelowThreshold { get; init; }

    public bool Rapid { get; init; }

    public bool RapidAssessed { get; init; }

    public bool Sustained { get; init; }

    public LossOfResponse? Loss { get; init; }

    public CourseEpisode? Episode { get; init; }

    public int? DaysToResponse { get; init; }

    public int? DaysToRemission { get; init; }

    public DepressionRemission12Months? Cms159 { get; init; }

    public ImmutableArray<SessionPeak>? Peaks { get; init; }

    public required ImmutableArray<DatedFlag> Flags { get; init; }

    public int WithoutItems { get; init; }

    public ImmutableArray<CourseError> Errors { get; init; } = [];
}

/// <summary>The outcome of summarising a course: a summary, or every error with its position.</summary>
public sealed class CourseResult
{
    internal CourseResult(CourseSummary? summary, ImmutableArray<CourseError> errors)
    {
        Summary = summary;
        Errors = errors;
    }

    /// <summary>The summary, or null when the course is invalid.</summary>
    public CourseSummary? Summary { get; }

    /// <summary>Every error; empty when valid.</summary>
    public ImmutableArray<CourseError> Errors { get; }

    /// <summary>Whether the course was summarised.</summary>
    [MemberNotNullWhen(true, nameof(Summary))]
    public bool IsSuccess => Summary is not null;

    /// <summary>Whether the errors are about how the course was asked for (<c>treatment-kind-required</c>,
    /// <c>option-out-of-range</c>, <c>unknown-baseline</c>) rather than about the data: a usage error.</summary>
    public bool IsUsageError => !Errors.IsEmpty && Errors.All(e => ErrorCodes.IsCourseUsageError(e.Code));
}
