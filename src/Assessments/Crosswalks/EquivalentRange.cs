using System;
using System.Globalization;

namespace Assessments.Crosswalks;

/// <summary>An inclusive range of totals on one scale that the conversion table gives as equivalent: never a score.</summary>
/// <remarks>Immutable and thread-safe; equal when scale, minimum and maximum are.</remarks>
public sealed class EquivalentRange : IEquatable<EquivalentRange>
{
    internal EquivalentRange(CrosswalkScale scale, int min, int max)
    {
        ArgumentNullException.ThrowIfNull(scale);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, min);
        Scale = scale;
        Min = min;
        Max = max;
    }

    /// <summary>The scale (table column) the range is on.</summary>
    public CrosswalkScale Scale { get; }

    /// <summary>The lowest total of the range (inclusive).</summary>
    public int Min { get; }

    /// <summary>The highest total of the range (inclusive); equal to <see cref="Min"/> for a single total.</summary>
    public int Max { get; }

    /// <summary>Whether a total lies in the range.</summary>
    /// <param name="total">The total.</param>
    /// <returns>True when <paramref name="total"/> is between <see cref="Min"/> and <see cref="Max"/>.</returns>
    public bool Contains(int total) => total >= Min && total <= Max;

    /// <inheritdoc />
    public bool Equals(EquivalentRange? other) =>
        other is not null && ReferenceEquals(Scale, other.Scale) && Min == other.Min && Max == other.Max;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as EquivalentRange);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Scale.Id, Min, Max);

    /// <summary>The range as the table prints it: <c>12</c> or <c>29-30</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Min == Max
        ? Min.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{Min}-{Max}");
}
