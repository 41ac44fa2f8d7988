using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Diagnostics.CodeAnalysis;

namespace Assessments;

/// <summary>One problem with a response: a stable code, the 1-based item at fault (if any) and a message.</summary>
/// <remarks>Messages name the item and the allowed values; they never repeat the value given.</remarks>
public sealed class ScoringError : IEquatable<ScoringError>
{
    /// <summary>Creates an error.</summary>
    /// <param name="code">A code from <see cref="ErrorCodes"/>.</param>
    /// <param name="itemNumber">The 1-based item at fault, or null when no single item is.</param>
    /// <param name="message">A message for people.</param>
    public ScoringError(string code, int? itemNumber, string message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentNullException.ThrowIfNull(message);
        Code = code;
        ItemNumber = itemNumber;
        Message = message;
    }

    /// <summary>A code from <see cref="ErrorCodes"/>.</summary>
    public string Code { get; }

    /// <summary>The 1-based item at fault, or null.</summary>
    public int? ItemNumber { get; }

    /// <summary>A message for people.</summary>
    public string Message { get; }

    /// <inheritdoc />
    public bool Equals(ScoringError? other) =>
        other is not null && Code == other.Code && ItemNumber == other.ItemNumber && Message == other.Message;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ScoringError);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Code, ItemNumber);

    /// <inheritdoc />
    public override string ToString() => ItemNumber is int n ? $"{Code} (item {n}): {Message}" : $"{Code}: {Message}";
}

/// <summary>A safety flag raised by a response: an endorsed suicide item, a risk level, or an unanswered safety item.</summary>
public sealed class SafetyFlag : IEquatable<SafetyFlag>
{
    /// <summary>Creates a flag.</summary>
    /// <param name="id">A flag id from <see cref="FlagIds"/>.</param>
    /// <param name="itemNumber">The 1-based item, or null for a risk-level flag.</param>
    /// <param name="value">The item score, or null.</param>
    /// <param name="riskLevel">The risk level, for a risk-level flag.</param>
    /// <param name="priority">The priority, or null for an unanswered item.</param>
    public SafetyFlag(string id, int? itemNumber, int? value, RiskLevel? riskLevel, FlagPriority? priority)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        Id = id;
        ItemNumber = itemNumber;
        Value = value;
        RiskLevel = riskLevel;
        Priority = priority;
    }

    /// <summary>The flag id (<see cref="FlagIds"/>).</summary>
    public string Id { get; }

    /// <summary>The 1-based item, or null for a risk-level flag.</summary>
    public int? ItemNumber { get; }

    /// <summary>The safety item's score, or null.</summary>
    public int? Value { get; }

    /// <summary>The risk level, for a risk-level flag (C-SSRS screener).</summary>
    public RiskLevel? RiskLevel { get; }

    /// <summary>The priority; null for an unanswered safety item.</summary>
    public FlagPriority? Priority { get; }

    /// <inheritdoc />
    public bool Equals(SafetyFlag? other) =>
        other is not null && Id == other.Id && ItemNumber == other.ItemNumber && Value == other.Value
        && RiskLevel == other.RiskLevel && Priority == other.Priority;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as SafetyFlag);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, ItemNumber, Value, RiskLevel, Priority);

    /// <summary>The flag in words, for people, in the library's wording everywhere (the CLI, reports): the priority
    /// (<c>URGENT</c>, <c>REVIEW</c>, or <c>ASK</c> for an item to ask again), the id, the item with its name when the
    /// instrument is given, and the value: <c>URGENT suicide-risk: item 9 (thoughts of death or self-harm) = 3</c>,
    /// <c>ASK safety-item-unanswered: item 9 (…) is unanswered</c>, <c>URGENT suicide-risk: risk level = high</c>.</summary>
    /// <param name="instrument">The instrument that raised the flag, for the item's name; null for the number alone.</param>
    /// <returns>One line; item names come from the instrument's data and are not escaped.</returns>
    public string Describe(Instrument? instrument = null)
    {
        string priority = Priority is FlagPriority p ? p.ToWireId().ToUpperInvariant() : "ASK";
        string where = ItemNumber is int n
            ? instrument is not null && n >= 1 && n <= instrument.Items.Length ? $"item {n} ({instrument.Items[n - 1].Name})" : $"item {n}"
            : RiskLevel is null && Value is not null ? "total" : "risk level";
        if (Id == FlagIds.SafetyItemUnanswered)
            return $"{priority} {Id}: {where} is unanswered";
        string value = RiskLevel is RiskLevel r ? r.ToWireId() : Value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "";
        return $"{priority} {Id}: {where} = {value}";
    }

    /// <inheritdoc />
    public override string ToString() => Describe();
}

/// <summary>The score of a valid response: total, band, safety flags and how the score was made.</summary>
/// <remarks>Records the instrument id and the version of its scoring rules so a stored score can be audited.
/// A view over its <see cref="ScoringResult"/>, made once on first access. Two scores are equal when everything
/// they say is equal (instrument, rules version, total, band, flags, notes, item scores), whatever response id
/// they were scored for.</remarks>
public sealed class AssessmentScore : IEquatable<AssessmentScore>
{
    private readonly ScoringResult _result;

    internal AssessmentScore(ScoringResult result) => _result = result;

    /// <summary>The instrument scored.</summary>
    public Instrument Instrument => _result.Instrument;

    /// <summary>The instrument's stable id.</summary>
    public string InstrumentId => Instrument.Id;

    /// <summary>The version of the scoring rules that made this score.</summary>
    public string RulesVersion => Instrument.RulesVersion;

    /// <summary>Whether the score has a total; false only for a risk-tier instrument (C-SSRS screener), which gives a
    /// <see cref="RiskLevel"/> instead.</summary>
    [MemberNotNullWhen(true, nameof(Total))]
    public bool HasTotal => _result.ScoreTotal is not null;

    /// <summary>The total; null only for a risk-tier instrument (C-SSRS screener: read <see cref="RiskLevel"/>). After
    /// <c>if (score.HasTotal)</c> it is known not to be null.</summary>
    public int? Total => _result.ScoreTotal;

    /// <summary>The highest possible total, or null for an instrument without a total.</summary>
    public int? MaxTotal => Instrument.HasTotal ? Instrument.MaxTotal : null;

    /// <summary>The severity band, or null for an instrument without bands.</summary>
    public SeverityBand? Band => _result.ScoreBand;

    /// <summary>The id of the band set the band comes from, or null.</summary>
    public string? BandSetId => _result.ScoreBandSetId;

    /// <summary>Whether the total was prorated from fewer answered items (opt-in, docs/clinical-rules.md §5).</summary>
    public bool Prorated => _result.ScoreProrated;

    /// <summary>Safety flags: always surfaced, whatever the total.</summary>
    public ImmutableArray<SafetyFlag> Flags => _result.Flags;

    /// <summary>Whether the instrument screens for suicide risk at all.</summary>
    public SafetyScreen SafetyScreen => Instrument.SafetyScreen;

    /// <summary>The risk level, for a risk-tier instrument (C-SSRS screener); null otherwise.</summary>
    public RiskLevel? RiskLevel => _result.ScoreRiskLevel;

    /// <summary>Where the risk-tier rule comes from and how settled it is (C-SSRS screener: the moderate/low
    /// split and its actions are setting-specific); null for other instruments.</summary>
    public string? Provenance => Instrument.Method == ScoringMethod.RiskTiers ? Instrument.RiskProvenance : null;

    /// <summary>Facts about how the score was made, such as <c>item-16-not-assessed</c>.</summary>
    public ImmutableArray<string> Notes => _result.ScoreNotes;

    /// <summary>The keyed item scores, in item order; null for an item not asked or excused.</summary>
    /// <remarks>Materialised on each access.</remarks>
    public ImmutableArray<int?> ItemScores => _result.ItemScores();

    /// <summary>The sub-scores beside the total, by subscale id in declaration order (PCL-5 clusters B-E; HAM-A
    /// psychic and somatic); empty for an instrument without subscales.</summary>
    public ImmutableArray<KeyValuePair<string, int>> Subscores
    {
        get
        {
            int[] scores = KeyedScores();
            return [.. Instrument.Subscales.Select(s => new KeyValuePair<string, int>(s.Id, ResultFacts.Subscore(s, scores)))];
        }
    }

    /// <summary>Whether the instrument's cluster rule is met (PCL-5: the DSM-5 rule, <c>dsm5ClusterRule</c>); null for an
    /// instrument without one. A screening fact, never a diagnosis.</summary>
    public bool? MeetsClusterRule => Instrument.ClusterRule is { } rule ? ResultFacts.MeetsClusterRule(Instrument, rule, KeyedScores()) : null;

    /// <summary>Whether the rating is a response (CGI-I 1 or 2); null for an instrument without a responder rule.</summary>
    public bool? Responder => Total is int total ? ResultFacts.Responder(Instrument, total) : null;

    /// <summary>The keyed item scores, -1 where an item has none (the facts' one input).</summary>
    private int[] KeyedScores()
    {
        int[] scores = new int[_result.ItemCount];
        for (int i = 0; i < scores.Length; i++)
            scores[i] = _result.ItemScoreAt(i) ?? -1;
        return scores;
    }

    /// <summary>The scaled score of the total (PROMIS T and its standard error); null for an instrument without a table.</summary>
    public ScaledScore? Scaled => Instrument.ScaledScores is { } table && Total is int total ? table.Of(total) : null;

    /// <inheritdoc />
    public bool Equals(AssessmentScore? other)
    {
        if (other is null)
            return false;
        if (ReferenceEquals(_result, other._result))
            return true;
        return InstrumentId == other.InstrumentId && RulesVersion == other.RulesVersion
            && _result.ScoreTotal == other._result.ScoreTotal && Equals(Band, other.Band) && BandSetId == other.BandSetId
            && Prorated == other.Prorated && RiskLevel == other.RiskLevel
            && Flags.AsSpan().SequenceEqual(other.Flags.AsSpan())
            && Notes.AsSpan().SequenceEqual(other.Notes.AsSpan())
            && ItemScores.AsSpan().SequenceEqual(other.ItemScores.AsSpan());
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as AssessmentScore);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(InstrumentId, _result.ScoreTotal, Band?.Id, RiskLevel, Flags.Length);

    /// <summary>Equality: everything the scores say is equal.</summary>
    /// <param name="left">One.</param>
    /// <param name="right">The other.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(AssessmentScore? left, AssessmentScore? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Inequality.</summary>
    /// <param name="left">One.</param>
    /// <param name="right">The other.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(AssessmentScore? left, AssessmentScore? right) => !(left == right);
}

/// <summary>Item scores kept inside the result itself, so that scoring a response allocates one object. Keyed item
/// scores lie in 0..<see cref="Limits.MaxItemScore"/> (1000), so a 16-bit slot holds every one.</summary>
[System.Runtime.CompilerServices.InlineArray(ScoringResult.InlineItems)]
internal struct ItemScoreBuffer
{
    private short _element;
}

/// <summary>The outcome of scoring a response: a score, or coded errors (and any safety flags either way).</summary>
/// <remarks>Immutable and thread-safe. Scoring a valid response allocates this one object (item scores are kept
/// inline up to 32 items; flags and notes come from per-instrument caches).</remarks>
[System.Text.Json.Serialization.JsonConverter(typeof(Serialization.ScoringResultJsonConverter))]
public sealed class ScoringResult
{
    internal const int InlineItems = 32;

    private readonly bool _valid;
    private readonly ItemScoreBuffer _inline;
    private readonly int _itemCount;
    private readonly ulong _nullMask;
    private readonly int?[]? _large;
    private readonly ImmutableArray<ScoringError> _errors;
    private readonly ImmutableArray<string> _notes;
    private AssessmentScore? _score;

    /// <summary>An invalid result.</summary>
    internal ScoringResult(Instrument instrument, string? responseId, ImmutableArray<ScoringError> errors, ImmutableArray<SafetyFlag> flags)
    {
        Instrument = instrument;
        ResponseId = responseId;
        _errors = errors;
        Flags = flags;
    }

    /// <summary>A valid result; <paramref name="itemScores"/> is copied.</summary>
    internal ScoringResult(Instrument instrument, string? responseId, ImmutableArray<SafetyFlag> flags, int? total, SeverityBand? band, string? bandSetId, bool prorated, RiskLevel? riskLevel, ImmutableArray<string> notes, ReadOnlySpan<int?> itemScores)
        : this(instrument, responseId, flags, total, band, bandSetId, prorated, riskLevel, notes, itemScores.Length)
    {
        if (itemScores.Length > InlineItems)
        {
            _large = itemScores.ToArray();
            return;
        }

        for (int i = 0; i < itemScores.Length; i++)
        {
            if (itemScores[i] is int v)
                _inline[i] = checked((short)v);
            else
                _nullMask |= 1UL << i;
        }
    }

    /// <summary>A valid result whose every item holds its value as its keyed score (the convenience path: a caller's
    /// complete <c>int?[]</c> of at most 32 items, read in place).</summary>
    internal ScoringResult(Instrument instrument, string? responseId, ImmutableArray<SafetyFlag> flags, int total, SeverityBand? band, string? bandSetId, ReadOnlySpan<int?> complete)
        : this(instrument, responseId, flags, total, band, bandSetId, complete.Length)
    {
        unchecked
        {
            for (int i = 0; i < complete.Length; i++)
                _inline[i] = (short)complete[i].GetValueOrDefault();
        }
    }

    /// <summary>A valid result whose every item holds its value as its keyed score (the simple-sum path).</summary>
    internal ScoringResult(Instrument instrument, string? responseId, ImmutableArray<SafetyFlag> flags, int total, SeverityBand? band, string? bandSetId, ReadOnlySpan<int> itemScores)
        : this(instrument, responseId, flags, total, band, bandSetId, itemScores.Length)
    {
        if (itemScores.Length > InlineItems)
        {
            _large = new int?[itemScores.Length];
            for (int i = 0; i < itemScores.Length; i++)
                _large[i] = itemScores[i];
            return;
        }

        unchecked
        {
            for (int i = 0; i < itemScores.Length; i++)
                _inline[i] = (short)itemScores[i];
        }
    }

    /// <summary>The fields of a simple-sum result, assigned directly (not through the shared constructor: this is the
    /// convenience path; no notes, no errors: both read as empty from default).</summary>
    private ScoringResult(Instrument instrument, string? responseId, ImmutableArray<SafetyFlag> flags, int total, SeverityBand? band, string? bandSetId, int itemCount)
    {
        Instrument = instrument;
        ResponseId = responseId;
        Flags = flags;
        _valid = true;
        ScoreTotal = total;
        ScoreBand = band;
        ScoreBandSetId = bandSetId;
        _itemCount = itemCount;
    }

    /// <summary>A valid result from the kernel's outcomes: an item with a valid value keeps its keyed score, a blank
    /// one (not asked, excused) is null.</summary>
    internal ScoringResult(Instrument instrument, string? responseId, ImmutableArray<SafetyFlag> flags, int? total, SeverityBand? band, string? bandSetId, bool prorated, RiskLevel? riskLevel, ImmutableArray<string> notes, ReadOnlySpan<Evaluation.ItemOutcome> outcomes)
        : this(instrument, responseId, flags, total, band, bandSetId, prorated, riskLevel, notes, outcomes.Length)
    {
        Span<int?> large = outcomes.Length > InlineItems ? (_large = new int?[outcomes.Length]) : default;
        for (int i = 0; i < outcomes.Length; i++)
        {
            Evaluation.ItemOutcome o = outcomes[i];
            bool has = o.HasItemScore;
            if (!large.IsEmpty)
                large[i] = has ? o.Score : null;
            else if (has)
                _inline[i] = (short)o.Score;
            else
                _nullMask |= 1UL << i;
        }
    }

    /// <summary>The score fields shared by both valid constructors; the item scores are filled in by the caller.</summary>
    private ScoringResult(Instrument instrument, string? responseId, ImmutableArray<SafetyFlag> flags, int? total, SeverityBand? band, string? bandSetId, bool prorated, RiskLevel? riskLevel, ImmutableArray<string> notes, int itemCount)
        : this(instrument, responseId, default, flags)
    {
        _valid = true;
        ScoreTotal = total;
        ScoreBand = band;
        ScoreBandSetId = bandSetId;
        ScoreProrated = prorated;
        ScoreRiskLevel = riskLevel;
        _notes = notes;
        _itemCount = itemCount;
    }

    /// <summary>The instrument the response was scored against.</summary>
    public Instrument Instrument { get; }

    /// <summary>The caller's reference for the response, echoed back; null when none was given.</summary>
    public string? ResponseId { get; }

    /// <summary>The score, or null when the response is invalid; after <c>if (result.IsSuccess)</c> it is known not
    /// to be null.</summary>
    public AssessmentScore? Score => _valid ? _score ??= new AssessmentScore(this) : null;

    /// <summary>Every error of the response; empty when it is valid.</summary>
    public ImmutableArray<ScoringError> Errors => _errors.IsDefault ? ImmutableArray<ScoringError>.Empty : _errors;

    /// <summary>Safety flags, also for an invalid response (an unanswered or endorsed safety item).</summary>
    public ImmutableArray<SafetyFlag> Flags { get; }

    /// <summary>Whether the response was valid and scored (then <see cref="Score"/> is not null).</summary>
    [MemberNotNullWhen(true, nameof(Score))]
    public bool IsSuccess => _valid;

    internal int? ScoreTotal { get; }

    internal SeverityBand? ScoreBand { get; }

    internal string? ScoreBandSetId { get; }

    internal bool ScoreProrated { get; }

    internal RiskLevel? ScoreRiskLevel { get; }

    internal ImmutableArray<string> ScoreNotes => _notes.IsDefault ? ImmutableArray<string>.Empty : _notes;

    /// <summary>Gets the score when the response was valid.</summary>
    /// <param name="score">The score (default when invalid).</param>
    /// <returns>True when the response was valid.</returns>
    public bool TryGetScore([NotNullWhen(true)] out AssessmentScore? score)
    {
        score = Score;
        return _valid;
    }

    /// <summary>Returns the score, or throws when the response was invalid.</summary>
    /// <returns>The score.</returns>
    /// <exception cref="InvalidResponseException">The response was invalid; the exception lists the error codes.</exception>
    public AssessmentScore ScoreOrThrow() => Score ?? throw new InvalidResponseException(Instrument.Id, Errors);

    internal int ItemCount => _itemCount;

    /// <summary>The keyed score of item <paramref name="index"/> (0-based); null when it has none.</summary>
    internal int? ItemScoreAt(int index) =>
        _large is not null ? _large[index] : (_nullMask & (1UL << index)) != 0 ? null : _inline[index];

    internal ImmutableArray<int?> ItemScores()
    {
        if (_large is not null)
            return [.. _large];
        var scores = new int?[_itemCount];
        for (int i = 0; i < _itemCount; i++)
            scores[i] = (_nullMask & (1UL << i)) != 0 ? null : _inline[i];
        return System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(scores);
    }
}

/// <summary>Thrown by <see cref="ScoringResult.ScoreOrThrow"/> for an invalid response.</summary>
/// <remarks>The message names the instrument, the codes and the items; never a value the patient gave.</remarks>
public sealed class InvalidResponseException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="instrumentId">The instrument id.</param>
    /// <param name="errors">The errors.</param>
    public InvalidResponseException(string instrumentId, ImmutableArray<ScoringError> errors)
        : base(BuildMessage(instrumentId, errors))
    {
        Errors = errors;
    }

    /// <summary>The errors of the response.</summary>
    public ImmutableArray<ScoringError> Errors { get; }

    private static string BuildMessage(string instrumentId, ImmutableArray<ScoringError> errors)
    {
        var parts = new string[errors.Length];
        for (int i = 0; i < errors.Length; i++)
            parts[i] = errors[i].ItemNumber is int n ? $"{errors[i].Code} (item {n})" : errors[i].Code;
        return $"The {instrumentId} response is invalid: {string.Join(", ", parts)}.";
    }
}

/// <summary>Options for scoring one response.</summary>
public sealed record ScoringOptions
{
    /// <summary>The default options: item scores, no proration, the default band set.</summary>
    public static ScoringOptions Default { get; } = new();

    /// <summary>What the values are; item scores by default.</summary>
    public ResponseValueKind Values { get; init; } = ResponseValueKind.ItemScores;

    /// <summary>Opt in to proration of missing items (docs/clinical-rules.md §5); off by default.</summary>
    public bool Prorate { get; init; }

    /// <summary>The id of a named band set to use instead of the instrument's default; null for the default.</summary>
    public string? BandSet { get; init; }

    /// <summary>Read an item's lowest score given where the instrument's skip logic did not ask the item as "not
    /// asked", noted <c>not-asked-answered-no item N</c>, instead of the error <c>item-not-asked</c>. Imported records
    /// (FHIR forms, EHR exports) store "No" for every question a C-SSRS interview skipped (docs/clinical-rules.md §4).
    /// Any other value there stays <c>item-not-asked</c>, with its flags. Off by default; the FHIR importer sets it.</summary>
    public bool NoOnSkippedItemIsNotAsked { get; init; }

    /// <summary>Whether these options score exactly as the defaults do (item scores, no proration, the default band set).</summary>
    internal bool IsDefaultScoring => Values == ResponseValueKind.ItemScores && !Prorate && BandSet is null;
}
