using System;
using System.Collections.Immutable;
using System.Linq;

namespace Assessments.Crosswalks;

/// <summary>What the conversion table gives for one total: the equivalent range on every scale, the severity level and
/// the citation. Equivalents, never scores: nothing here is a total of a scale that was not administered.</summary>
/// <remarks>
/// The total is read on the column of its instrument (<see cref="Scale"/>). It usually falls in one row. Where the table
/// prints one range on two rows (HRSD17 18-19 on the rows of QIDS-SR16 14 and 15, as the source does), it falls in both:
/// <see cref="Rows"/> holds both and every equivalent spans them. Such rows always share their severity level (checked
/// when the table is loaded). Immutable and thread-safe.
/// </remarks>
public sealed class CrosswalkResult
{
    internal CrosswalkResult(string instrumentId, int total, CrosswalkScale scale, ImmutableArray<CrosswalkRow> rows, string citation)
    {
        if (rows.IsDefaultOrEmpty)
            throw new ArgumentException("A conversion holds at least one row.", nameof(rows));
        InstrumentId = instrumentId;
        Total = total;
        Scale = scale;
        Rows = rows;
        Severity = rows[0].Severity;
        Citation = citation;
        var equivalents = ImmutableArray.CreateBuilder<EquivalentRange>(CrosswalkScale.All.Length);
        foreach (CrosswalkScale column in CrosswalkScale.All)
        {
            int min = int.MaxValue, max = int.MinValue;
            foreach (CrosswalkRow row in rows)
            {
                EquivalentRange range = row.RangeOn(column);
                min = Math.Min(min, range.Min);
                max = Math.Max(max, range.Max);
            }

            equivalents.Add(new EquivalentRange(column, min, max));
        }

        Equivalents = equivalents.MoveToImmutable();
    }

    /// <summary>The instrument the total is of, as given (<c>qids-sr16</c>, <c>qids-c16</c>, <c>ids-sr30</c> or
    /// <c>hamd-17</c>).</summary>
    public string InstrumentId { get; }

    /// <summary>The total converted.</summary>
    public int Total { get; }

    /// <summary>The column the total was read on (QIDS-C16 is read on the QIDS-SR16 column).</summary>
    public CrosswalkScale Scale { get; }

    /// <summary>The severity level of the row(s): <c>none</c>, <c>mild</c>, <c>moderate</c>, <c>severe</c> or
    /// <c>very-severe</c>. The table's level, which need not be the instrument's default band (HAM-D 17's default bands
    /// are Zimmerman 2013's; the table's are its <c>rush-2003</c> band set).</summary>
    public string Severity { get; }

    /// <summary>The table rows whose range on <see cref="Scale"/> holds the total, in table order: one, or two where the
    /// table repeats a range.</summary>
    public ImmutableArray<CrosswalkRow> Rows { get; }

    /// <summary>The equivalent range on every column, in the order of <see cref="CrosswalkScale.All"/>, its own column
    /// included (the range of the row that holds the total); each spans <see cref="Rows"/>.</summary>
    public ImmutableArray<EquivalentRange> Equivalents { get; }

    /// <summary>The published source of the table.</summary>
    public string Citation { get; }

    /// <summary>The equivalent range on one column.</summary>
    /// <param name="scale">The column.</param>
    /// <returns>The range.</returns>
    public EquivalentRange EquivalentOn(CrosswalkScale scale)
    {
        ArgumentNullException.ThrowIfNull(scale);
        return Equivalents[scale.Index];
    }

    /// <inheritdoc />
    public override string ToString() => $"{InstrumentId} {Total}: {Severity}; equivalents {string.Join(", ", Equivalents.Select(e => $"{e.Scale.Id} {e}"))}";
}
