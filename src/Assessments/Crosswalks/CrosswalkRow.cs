using System;
using System.Collections.Immutable;

namespace Assessments.Crosswalks;

/// <summary>One row of the IDS/QIDS/HRSD conversion table: a severity level and, on every column, the range of totals
/// the row holds (one QIDS-SR16 total per row).</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class CrosswalkRow
{
    internal CrosswalkRow(string severity, ImmutableArray<EquivalentRange> ranges)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(severity);
        if (ranges.Length != CrosswalkScale.All.Length)
            throw new ArgumentException("A row has one range per column.", nameof(ranges));
        Severity = severity;
        Ranges = ranges;
    }

    /// <summary>The row's severity level: <c>none</c>, <c>mild</c>, <c>moderate</c>, <c>severe</c> or
    /// <c>very-severe</c>.</summary>
    public string Severity { get; }

    /// <summary>The row's range on every column, in the order of <see cref="CrosswalkScale.All"/>.</summary>
    public ImmutableArray<EquivalentRange> Ranges { get; }

    /// <summary>The row's QIDS-SR16 total (the table's index column holds one total per row).</summary>
    public int QidsTotal => RangeOn(CrosswalkScale.QidsSr16).Min;

    /// <summary>The row's range on one column.</summary>
    /// <param name="scale">The column.</param>
    /// <returns>The range.</returns>
    public EquivalentRange RangeOn(CrosswalkScale scale)
    {
        ArgumentNullException.ThrowIfNull(scale);
        return Ranges[scale.Index];
    }

    /// <inheritdoc />
    public override string ToString() => $"{Severity}: {string.Join(", ", Ranges)}";
}
