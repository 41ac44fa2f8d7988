using System;
using System.Collections.Immutable;

namespace Assessments.Trends;

/// <summary>A dated treatment session: an infusion, an esketamine session, a TMS session, a medication change.</summary>
public sealed class TreatmentSession
{
    /// <summary>Creates a session.</summary>
    /// <param name="at">When it started (the library never reads the clock).</param>
    /// <param name="kind">What it was, such as <c>iv-ketamine</c> (see <see cref="TreatmentKinds"/>; free text); null
    /// when not recorded (a kind of its own, unspecified).</param>
    /// <param name="end">When it ended, when recorded (the rapid-response window starts there by default).</param>
    /// <exception cref="ArgumentException">The kind is blank, or the end is before the start.</exception>
    public TreatmentSession(DateTimeOffset at, string? kind, DateTimeOffset? end = null)
    {
        if (kind is not null && string.IsNullOrWhiteSpace(kind))
            throw new ArgumentException("A kind, when given, is not blank.", nameof(kind));
        if (end is DateTimeOffset e && e.UtcTicks < at.UtcTicks)
            throw new ArgumentException("A session ends at or after its start.", nameof(end));
        At = at;
        Kind = kind;
        End = end;
    }

    /// <summary>When the session started.</summary>
    public DateTimeOffset At { get; }

    /// <summary>When it ended, or null when not recorded.</summary>
    public DateTimeOffset? End { get; }

    /// <summary>What it was, or null when not recorded.</summary>
    public string? Kind { get; }
}

/// <summary>Common treatment kinds.</summary>
public static class TreatmentKinds
{
    /// <summary>An IV ketamine infusion.</summary>
    public const string Infusion = "infusion";

    /// <summary>An IV ketamine infusion, as clinics often name it.</summary>
    public const string IvKetamine = "iv-ketamine";

    /// <summary>An ECT session.</summary>
    public const string Ect = "ect";

    /// <summary>An esketamine (nasal) session.</summary>
    public const string Esketamine = "esketamine";

    /// <summary>A TMS session.</summary>
    public const string Tms = "tms";

    /// <summary>A medication change.</summary>
    public const string MedicationChange = "medication-change";
}

/// <summary>One dated assessment of a course: a scored response, a validated total imported from history, or an
/// invalid assessment (its errors and the flags its readable items give: listed, never used for an outcome).</summary>
public sealed class CourseAssessment
{
    private readonly int _total;

    private CourseAssessment(DateTimeOffset at, Instrument instrument, int? total, AssessmentScore? score, ImmutableArray<SafetyFlag> flags, bool fromItems, ImmutableArray<ScoringError> errors = default)
    {
        At = at;
        Instrument = instrument;
        _total = total ?? 0;
        IsValid = total is not null;
        Score = score;
        Flags = flags.IsDefault ? ImmutableArray<SafetyFlag>.Empty : flags;
        FromItems = fromItems;
        Errors = errors.IsDefault ? ImmutableArray<ScoringError>.Empty : errors;
    }

    /// <summary>An assessment scored from items by a course document reader, which keeps only the total and the flags
    /// (a course holds up to 2,000,000 assessments).</summary>
    internal static CourseAssessment Scored(DateTimeOffset at, Instrument instrument, int total, ImmutableArray<SafetyFlag> flags, int position) =>
        new(at, instrument, total, null, flags, fromItems: true) { SourcePosition = position };

    /// <summary>An invalid assessment read by a course document reader: its errors and every flag it gave.</summary>
    internal static CourseAssessment Invalid(DateTimeOffset at, Instrument instrument, ImmutableArray<ScoringError> errors, ImmutableArray<SafetyFlag> flags, bool fromItems, int position) =>
        new(at, instrument, null, null, flags, fromItems, errors) { SourcePosition = position };

    /// <summary>The same assessment, read from a document at <paramref name="position"/>.</summary>
    internal CourseAssessment WithPosition(int position) => new(At, Instrument, Total, Score, Flags, FromItems, Errors) { SourcePosition = position };

    /// <summary>The position in the document it was read from (errors name it); null when made through the API.</summary>
    internal int? SourcePosition { get; private init; }

    /// <summary>When the assessment was taken.</summary>
    public DateTimeOffset At { get; }

    /// <summary>The instrument.</summary>
    public Instrument Instrument { get; }

    /// <summary>Whether the assessment has a total; false for an invalid one (see <see cref="Errors"/>).</summary>
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Total))]
    public bool IsValid { get; }

    /// <summary>The total; null for an invalid assessment.</summary>
    public int? Total => IsValid ? _total : null;

    /// <summary>The total of a valid assessment (the course rules read only valid ones).</summary>
    internal int ValidTotal => _total;

    /// <summary>The full score, for an assessment made with <see cref="FromScore"/>; null for an imported total, for an
    /// invalid assessment, and for an assessment read from a course document, which keeps only its total and flags.</summary>
    public AssessmentScore? Score { get; }

    /// <summary>Whether the total was scored from items (false for an imported total, from which no flag can be derived).</summary>
    public bool FromItems { get; }

    /// <summary>The safety flags of the assessment, valid or not (empty for an imported total).</summary>
    public ImmutableArray<SafetyFlag> Flags { get; }

    /// <summary>Why the assessment is invalid; empty for a valid one.</summary>
    public ImmutableArray<ScoringError> Errors { get; }

    /// <summary>Creates an assessment from a valid score.</summary>
    /// <param name="at">When it was taken.</param>
    /// <param name="score">The score; its instrument must have a total.</param>
    /// <returns>The assessment.</returns>
    /// <exception cref="ArgumentException">The instrument has no total (C-SSRS screener).</exception>
    public static CourseAssessment FromScore(DateTimeOffset at, AssessmentScore score)
    {
        ArgumentNullException.ThrowIfNull(score);
        if (score.Total is not int total)
            throw new ArgumentException($"Instrument '{score.InstrumentId}' has no total and no treatment course.", nameof(score));
        return new CourseAssessment(at, score.Instrument, total, score, score.Flags, fromItems: true);
    }

    /// <summary>Creates an assessment from a scoring result, valid or not: an invalid one keeps its errors and flags, is
    /// listed in the course with the role <see cref="CourseRole.Invalid"/> and takes part in no outcome
    /// (docs/clinical-rules.md §6: one blank item must not black out a year of care).</summary>
    /// <param name="at">When it was taken.</param>
    /// <param name="result">The result; its instrument must have a total.</param>
    /// <returns>The assessment.</returns>
    /// <exception cref="ArgumentException">The instrument has no total (C-SSRS screener).</exception>
    public static CourseAssessment FromResult(DateTimeOffset at, ScoringResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!result.Instrument.HasTotal)
            throw new ArgumentException($"Instrument '{result.Instrument.Id}' has no total and no treatment course.", nameof(result));
        return result.Score is AssessmentScore score ? FromScore(at, score) : new CourseAssessment(at, result.Instrument, null, null, result.Flags, fromItems: true, result.Errors);
    }

    /// <summary>Creates an assessment from an imported total, checked against the instrument's range.</summary>
    /// <param name="at">When it was taken.</param>
    /// <param name="instrument">The instrument.</param>
    /// <param name="total">The total.</param>
    /// <param name="assessment">The assessment, or null when the total is out of range.</param>
    /// <returns>False when the total lies outside the instrument's range (patient data: no exception).</returns>
    public static bool TryFromTotal(DateTimeOffset at, Instrument instrument, int total, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CourseAssessment? assessment)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        if (!instrument.HasTotal)
            throw new ArgumentException($"Instrument '{instrument.Id}' has no total and no treatment course.", nameof(instrument));
        // An imported total carries no item data (no safety item), but a flag on the total (YMRS mania-signal) is raised.
        ImmutableArray<SafetyFlag> flags = instrument.TotalFlag is { } rule && total >= rule.At
            ? [new SafetyFlag(rule.FlagId, null, total, null, rule.Priority)]
            : ImmutableArray<SafetyFlag>.Empty;
        assessment = total >= instrument.MinTotal && total <= instrument.MaxTotal ? new CourseAssessment(at, instrument, total, null, flags, fromItems: false) : null;
        return assessment is not null;
    }

    /// <summary>An imported total outside the instrument's range, kept as an invalid row (<c>total-out-of-range</c>).</summary>
    internal static CourseAssessment TotalOutOfRange(DateTimeOffset at, Instrument instrument, int position) =>
        Invalid(at, instrument, [new ScoringError(ErrorCodes.TotalOutOfRange, null, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"A {instrument.Id} total lies in {instrument.MinTotal}..{instrument.MaxTotal}."))], [], fromItems: false, position);
}

/// <summary>The status of a post-baseline assessment against the baseline (docs/clinical-rules.md §6).</summary>
/// <remarks>No member is 0: <c>default(CourseStatus)</c> is no status, never "remission".</remarks>
public enum CourseStatus
{
    /// <summary>Total at or below the remission threshold.</summary>
    Remission = 1,

    /// <summary>Improvement of at least the response percentage (50 % by default).</summary>
    Response = 2,

    /// <summary>Improvement of at least the partial-response percentage (25 % by default) but below response.</summary>
    PartialResponse = 3,

    /// <summary>Total above the baseline.</summary>
    Worsening = 4,

    /// <summary>None of the above.</summary>
    NonResponse = 5,
}

/// <summary>What an assessment is to the course summarised (docs/clinical-rules.md §6).</summary>
public enum CourseRole
{
    /// <summary>Outside the course: before its baseline window, or at or after the start of a later course. Listed, never used.</summary>
    Excluded,

    /// <summary>Inside the baseline window but before the baseline (a screening visit): shown, not used.</summary>
    Screening,

    /// <summary>The baseline.</summary>
    Baseline,

    /// <summary>After the baseline, read against it.</summary>
    FollowUp,

    /// <summary>Invalid (score errors, or an imported total out of range): listed with its errors and flags, used for
    /// no outcome (v3).</summary>
    Invalid,
}

/// <summary>Jacobson and Truax (1991) classification of the change from baseline.</summary>
public enum ReliableChangeCategory
{
    /// <summary>Reliable improvement, from at or above the caseness cut-off to below it.</summary>
    Recovered,

    /// <summary>Reliable improvement otherwise.</summary>
    Improved,

    /// <summary>No reliable change.</summary>
    Unchanged,

    /// <summary>Reliable deterioration.</summary>
    Deteriorated,
}

/// <summary>One stable problem with a course: a code, where it is (<c>assessments[3]</c>), and a message.</summary>
public sealed class CourseError
{
    /// <summary>Creates an error.</summary>
    /// <param name="code">A stable code.</param>
    /// <param name="position">Where in the course, such as <c>assessments[3]</c>; null for the course as a whole.</param>
    /// <param name="itemNumber">The 1-based item at fault, when the error is an item's.</param>
    /// <param name="message">What is wrong (never a patient value).</param>
    public CourseError(string code, string? position, int? itemNumber, string message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentNullException.ThrowIfNull(message);
        Code = code;
        Position = position;
        ItemNumber = itemNumber;
        Message = message;
    }

    /// <summary>A stable code (see <see cref="ErrorCodes"/> and <see cref="ErrorCodes"/>).</summary>
    public string Code { get; }

    /// <summary>Where in the course, or null.</summary>
    public string? Position { get; }

    /// <summary>The 1-based item at fault, or null.</summary>
    public int? ItemNumber { get; }

    /// <summary>What is wrong.</summary>
    public string Message { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Position ?? "course"}: {Code}{(ItemNumber is int n ? $" (item {n})" : "")}: {Message}";
}
