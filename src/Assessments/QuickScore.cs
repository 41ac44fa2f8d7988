using System;

namespace Assessments;

/// <summary>The allocation-free result of <see cref="Instrument.ScoreQuick(ReadOnlySpan{int}, ScoringOptions?)"/>:
/// validity, total, band, the highest safety priority, and the first error.</summary>
/// <remarks>For the full error list and every flag, score through <see cref="Instrument.Score(System.Collections.Generic.IReadOnlyList{int?}, ScoringOptions?, string?)"/>;
/// both paths take the same decisions (an FsCheck property holds them equal).</remarks>
public readonly struct QuickScore : IEquatable<QuickScore>
{
    // Packed so the struct stays small on the hot path: -1 stands for "none" in the small fields.
    private readonly SeverityBand? _band;
    private readonly string? _firstErrorCode;
    private readonly int _total;
    private readonly int _flagCount;
    private readonly int _errorCount;
    private readonly int _firstErrorItem;
    private readonly sbyte _risk;
    private readonly sbyte _priority;
    private readonly byte _bits;

    internal QuickScore(bool isValid, int? total, SeverityBand? band, RiskLevel? riskLevel, FlagPriority? safetyPriority, int flagCount, bool hasNotes, int errorCount, string? firstErrorCode, int? firstErrorItem)
    {
        _bits = (byte)((isValid ? 1 : 0) | (total is null ? 0 : 2) | (hasNotes ? 4 : 0) | (firstErrorItem is null ? 0 : 8));
        _total = total ?? 0;
        _band = band;
        _risk = riskLevel is RiskLevel r ? (sbyte)r : (sbyte)-1;
        _priority = safetyPriority is FlagPriority p ? (sbyte)p : (sbyte)-1;
        _flagCount = flagCount;
        _errorCount = errorCount;
        _firstErrorCode = firstErrorCode;
        _firstErrorItem = firstErrorItem ?? 0;
    }

    /// <summary>Whether the response was valid and scored.</summary>
    public bool IsSuccess => (_bits & 1) != 0;

    /// <summary>The total; null when invalid or for an instrument without a total.</summary>
    public int? Total => (_bits & 2) != 0 ? _total : null;

    /// <summary>The band, or null.</summary>
    public SeverityBand? Band => _band;

    /// <summary>The risk level of a risk-tier instrument (C-SSRS screener), or null.</summary>
    public RiskLevel? RiskLevel => _risk < 0 ? null : (RiskLevel)_risk;

    /// <summary>The highest priority among the safety flags (also of an invalid response), or null when none.</summary>
    public FlagPriority? SafetyPriority => _priority < 0 ? null : (FlagPriority)_priority;

    /// <summary>How many safety flags the response raised.</summary>
    public int FlagCount => _flagCount;

    /// <summary>Whether the full result carries notes (such as <c>item-16-not-assessed</c>).</summary>
    public bool HasNotes => (_bits & 4) != 0;

    /// <summary>How many errors the response has.</summary>
    public int ErrorCount => _errorCount;

    /// <summary>The code of the first error (item order), or null when valid.</summary>
    public string? FirstErrorCode => _firstErrorCode;

    /// <summary>The 1-based item of the first error, or null.</summary>
    public int? FirstErrorItem => (_bits & 8) != 0 ? _firstErrorItem : null;

    /// <inheritdoc />
    public bool Equals(QuickScore other) =>
        IsSuccess == other.IsSuccess && Total == other.Total && Equals(Band, other.Band) && RiskLevel == other.RiskLevel
        && SafetyPriority == other.SafetyPriority && FlagCount == other.FlagCount && HasNotes == other.HasNotes
        && ErrorCount == other.ErrorCount && FirstErrorCode == other.FirstErrorCode && FirstErrorItem == other.FirstErrorItem;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is QuickScore other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(IsSuccess, Total, Band, SafetyPriority, ErrorCount, FirstErrorCode, FirstErrorItem);

    /// <summary>Equality.</summary>
    /// <param name="left">One.</param>
    /// <param name="right">The other.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(QuickScore left, QuickScore right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    /// <param name="left">One.</param>
    /// <param name="right">The other.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(QuickScore left, QuickScore right) => !left.Equals(right);
}
