using System;

namespace Assessments;

/// <summary>The allocation-free result of <see cref="Instrument.ScoreQuick(ReadOnlySpan{int}, ScoringOptions?)"/>:
/// validity, total, band, the highest safety priority, and the first error.</summary>
/// <remarks>For the full error list and every flag, score through <see cref="Instrument.Score(System.Collections.Generic.IReadOnlyList{int?}, ScoringOptions?, string?)"/>;
/// both paths take the same decisions (an FsCheck property holds them equal).</remarks>
public readonly struct QuickScore : IEquatable<QuickScore>
{
    internal QuickScore(bool isValid, int? total, SeverityBand? band, RiskLevel? riskLevel, FlagPriority? safetyPriority, int flagCount, bool hasNotes, int errorCount, string? firstErrorCode, int? firstErrorItem)
    {
        IsValid = isValid;
        Total = total;
        Band = band;
        RiskLevel = riskLevel;
        SafetyPriority = safetyPriority;
        FlagCount = flagCount;
        HasNotes = hasNotes;
        ErrorCount = errorCount;
        FirstErrorCode = firstErrorCode;
        FirstErrorItem = firstErrorItem;
    }

    /// <summary>Whether the response was valid and scored.</summary>
    public bool IsValid { get; }

    /// <summary>The total; null when invalid or for an instrument without a total.</summary>
    public int? Total { get; }

    /// <summary>The band, or null.</summary>
    public SeverityBand? Band { get; }

    /// <summary>The risk level of a risk-tier instrument (C-SSRS screener), or null.</summary>
    public RiskLevel? RiskLevel { get; }

    /// <summary>The highest priority among the safety flags (also of an invalid response), or null when none.</summary>
    public FlagPriority? SafetyPriority { get; }

    /// <summary>How many safety flags the response raised.</summary>
    public int FlagCount { get; }

    /// <summary>Whether the full result carries notes (such as <c>item-16-not-assessed</c>).</summary>
    public bool HasNotes { get; }

    /// <summary>How many errors the response has.</summary>
    public int ErrorCount { get; }

    /// <summary>The code of the first error (item order), or null when valid.</summary>
    public string? FirstErrorCode { get; }

    /// <summary>The 1-based item of the first error, or null.</summary>
    public int? FirstErrorItem { get; }

    /// <inheritdoc />
    public bool Equals(QuickScore other) =>
        IsValid == other.IsValid && Total == other.Total && Equals(Band, other.Band) && RiskLevel == other.RiskLevel
        && SafetyPriority == other.SafetyPriority && FlagCount == other.FlagCount && HasNotes == other.HasNotes
        && ErrorCount == other.ErrorCount && FirstErrorCode == other.FirstErrorCode && FirstErrorItem == other.FirstErrorItem;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is QuickScore other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(IsValid, Total, Band, SafetyPriority, ErrorCount, FirstErrorCode, FirstErrorItem);

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
