using System;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace Assessments.Trends;

/// <summary>One assessment of a course, read against the baseline.</summary>
/// <remarks>A small immutable value: a course of 100,000 assessments is one array, not 100,000 objects. Trends come
/// from a <see cref="CourseSummary"/>; <c>default(AssessmentTrend)</c> is harmless: it states no status, change or
/// improvement, and reading its assessment, time or total throws.</remarks>
public readonly struct AssessmentTrend : IEquatable<AssessmentTrend>
{
    private const byte HasChange = 1;
    private const byte HasTenths = 2;
    private readonly CourseAssessment? _assessment;
    private readonly int _change;
    private readonly int _tenths;
    private readonly byte _present;
    private readonly sbyte _status; // the status + 1; 0 for none, so that the default states nothing
    private readonly sbyte _reliable; // the category + 1; 0 for none

    internal AssessmentTrend(CourseAssessment assessment, int? change, int? improvementTenths, CourseStatus? status, ReliableChangeCategory? reliableChange, bool isBaseline)
    {
        _assessment = assessment;
        _change = change ?? 0;
        _tenths = improvementTenths ?? 0;
        _present = (byte)((change is null ? 0 : HasChange) | (improvementTenths is null ? 0 : HasTenths));
        _status = status is CourseStatus st ? (sbyte)((int)st + 1) : (sbyte)0;
        _reliable = reliableChange is ReliableChangeCategory rc ? (sbyte)((int)rc + 1) : (sbyte)0;
        IsBaseline = isBaseline;
    }

    /// <summary>The assessment.</summary>
    /// <exception cref="InvalidOperationException">A default value, not a trend of a course.</exception>
    public CourseAssessment Assessment => _assessment
        ?? throw new InvalidOperationException("A default AssessmentTrend holds no assessment; trends come from a CourseSummary.");

    /// <summary>When it was taken.</summary>
    public DateTimeOffset At => Assessment.At;

    /// <summary>Its total.</summary>
    public int Total => Assessment.Total;

    /// <summary>Its band in the instrument's default band set, or null.</summary>
    public SeverityBand? Band => _assessment?.Instrument.DefaultBandSet?.Classify(_assessment.Total);

    /// <summary>Current − baseline; null before or at the baseline.</summary>
    public int? Change => (_present & HasChange) == 0 ? null : _change;

    /// <summary>(baseline − current) / baseline × 100, one decimal, half away from zero; null when the baseline is 0.
    /// For display only: statuses use exact integer comparisons.</summary>
    public decimal? PercentImprovement => (_present & HasTenths) == 0 ? null : new decimal(Math.Abs(_tenths), 0, 0, _tenths < 0, 1);

    /// <summary>The status; null for the baseline, for assessments before it, and where the baseline is at or below
    /// the remission threshold and the total has not worsened.</summary>
    public CourseStatus? Status => _status == 0 ? null : (CourseStatus)(_status - 1);

    /// <summary>Reliable change since baseline; null where the instrument has no parameters.</summary>
    public ReliableChangeCategory? ReliableChange => _reliable == 0 ? null : (ReliableChangeCategory)(_reliable - 1);

    /// <summary>Whether this is the baseline.</summary>
    public bool IsBaseline { get; }

    /// <summary>Whether the status is response or remission.</summary>
    public bool MeetsResponse => Status is CourseStatus.Response or CourseStatus.Remission;

    /// <inheritdoc />
    public bool Equals(AssessmentTrend other) =>
        ReferenceEquals(_assessment, other._assessment) && Change == other.Change
        && PercentImprovement == other.PercentImprovement && Status == other.Status && ReliableChange == other.ReliableChange && IsBaseline == other.IsBaseline;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is AssessmentTrend other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_assessment, Change, Status);

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
    internal DatedFlag(DateTimeOffset at, SafetyFlag flag)
    {
        At = at;
        Flag = flag;
    }

    /// <summary>When the assessment that raised it was taken.</summary>
    public DateTimeOffset At { get; }

    /// <summary>The flag.</summary>
    public SafetyFlag Flag { get; }
}

/// <summary>The first loss of response ("relapse" on the wire).</summary>
/// <remarks>Loss of response after a response, not Frank et al.'s (1991) relapse, which is a return of the full
/// syndrome during remission.</remarks>
public sealed class LossOfResponse
{
    internal LossOfResponse(DateTimeOffset at, int? daysSinceLastTreatment)
    {
        At = at;
        DaysSinceLastTreatment = daysSinceLastTreatment;
    }

    /// <summary>The first assessment that no longer met response.</summary>
    public DateTimeOffset At { get; }

    /// <summary>Whole days (rounded down) of UTC elapsed time since the latest treatment session before it; null if none.</summary>
    public int? DaysSinceLastTreatment { get; }
}

/// <summary>The summary of a treatment course.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Serialization.CourseSummaryJsonConverter))]
public sealed class CourseSummary
{
    internal CourseSummary(
        Instrument instrument,
        int? remissionThreshold,
        ImmutableArray<AssessmentTrend> assessments,
        ImmutableArray<TreatmentSession> treatments,
        int baselineIndex,
        bool baselineBelowThreshold,
        bool rapidResponse,
        bool sustainedResponse,
        LossOfResponse? lossOfResponse,
        int? daysToFirstResponse,
        int? daysToFirstRemission,
        ImmutableArray<DatedFlag> safetyFlags)
    {
        Instrument = instrument;
        RemissionThreshold = remissionThreshold;
        Assessments = assessments;
        Treatments = treatments;
        Baseline = assessments[baselineIndex];
        BaselineBelowThreshold = baselineBelowThreshold;
        RapidResponse = rapidResponse;
        SustainedResponse = sustainedResponse;
        LossOfResponse = lossOfResponse;
        DaysToFirstResponse = daysToFirstResponse;
        DaysToFirstRemission = daysToFirstRemission;
        SafetyFlags = safetyFlags;
    }

    /// <summary>The course's instrument.</summary>
    public Instrument Instrument { get; }

    /// <summary>The remission threshold in force; null when the instrument has none.</summary>
    public int? RemissionThreshold { get; }

    /// <summary>Every assessment in time order, with its trend.</summary>
    public ImmutableArray<AssessmentTrend> Assessments { get; }

    /// <summary>The treatment sessions in time order.</summary>
    public ImmutableArray<TreatmentSession> Treatments { get; }

    /// <summary>The baseline assessment.</summary>
    public AssessmentTrend Baseline { get; }

    /// <summary>The latest assessment.</summary>
    public AssessmentTrend Latest => Assessments[^1];

    /// <summary>The latest assessment's percent improvement.</summary>
    public decimal? PercentImprovement => Latest.PercentImprovement;

    /// <summary>The latest assessment's status (null when there is only the baseline).</summary>
    public CourseStatus? Status => Latest.Status;

    /// <summary>The latest reliable change.</summary>
    public ReliableChangeCategory? ReliableChange => Latest.ReliableChange;

    /// <summary>Whether the baseline is at or below the remission threshold (or is 0): no response can be read.</summary>
    public bool BaselineBelowThreshold { get; }

    /// <summary>Whether an assessment within the window after the first treatment improved by the response percentage.</summary>
    public bool RapidResponse { get; }

    /// <summary>Whether consecutive assessments met response at some point (stays true after a later loss).</summary>
    public bool SustainedResponse { get; }

    /// <summary>The first loss of response, or null.</summary>
    public LossOfResponse? LossOfResponse { get; }

    /// <summary>Whole days from the first treatment (or the baseline) to the first assessment meeting response; null if none.</summary>
    public int? DaysToFirstResponse { get; }

    /// <summary>Whole days from the first treatment (or the baseline) to the first remission; null if none.</summary>
    public int? DaysToFirstRemission { get; }

    /// <summary>Every safety flag of every assessment, with its date.</summary>
    public ImmutableArray<DatedFlag> SafetyFlags { get; }
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
}
