using System.Collections.Immutable;

namespace Assessments.Crosswalks;

/// <summary>A column of the IDS/QIDS/HRSD conversion table: one scale whose totals the table gives as ranges
/// (<see cref="DepressionCrosswalk"/>).</summary>
/// <remarks>
/// The five well-known instances are the table's columns, in its order. <see cref="Hamd21"/> and <see cref="Hamd24"/>
/// are columns of output only: the library has no such instruments, and no total is converted from them. Ids follow
/// the catalogue's (<c>hamd-17</c> is the HRSD17 column). Immutable and thread-safe.
/// </remarks>
public sealed class CrosswalkScale
{
    private CrosswalkScale(int index, string id, string name, int minTotal, int maxTotal)
    {
        Index = index;
        Id = id;
        Name = name;
        MinTotal = minTotal;
        MaxTotal = maxTotal;
    }

    /// <summary>IDS-SR30, Inventory of Depressive Symptomatology, self-report: the table covers 0-84.</summary>
    public static CrosswalkScale IdsSr30 { get; } = new(0, "ids-sr30", "Inventory of Depressive Symptomatology, Self-Report (30 items)", 0, 84);

    /// <summary>QIDS-SR16, Quick Inventory of Depressive Symptomatology, 0-27: the table's index column, one row per
    /// total. The clinician-rated QIDS-C16 (same items and scoring, Rush 2003) is read on this column.</summary>
    public static CrosswalkScale QidsSr16 { get; } = new(1, "qids-sr16", "Quick Inventory of Depressive Symptomatology (16 items)", 0, 27);

    /// <summary>HRSD17, Hamilton Rating Scale for Depression, 17 items: the table covers 0-52.</summary>
    public static CrosswalkScale Hamd17 { get; } = new(2, "hamd-17", "Hamilton Rating Scale for Depression, 17 items", 0, 52);

    /// <summary>HRSD21, Hamilton Rating Scale for Depression, 21 items: the table covers 0-64 (output only).</summary>
    public static CrosswalkScale Hamd21 { get; } = new(3, "hamd-21", "Hamilton Rating Scale for Depression, 21 items", 0, 64);

    /// <summary>HRSD24, Hamilton Rating Scale for Depression, 24 items: the table covers 0-75 (output only).</summary>
    public static CrosswalkScale Hamd24 { get; } = new(4, "hamd-24", "Hamilton Rating Scale for Depression, 24 items", 0, 75);

    /// <summary>Every column, in the table's order: IDS-SR30, QIDS-SR16, HRSD17, HRSD21, HRSD24.</summary>
    public static ImmutableArray<CrosswalkScale> All { get; } = [IdsSr30, QidsSr16, Hamd17, Hamd21, Hamd24];

    /// <summary>Stable wire id, such as <c>ids-sr30</c> or <c>hamd-24</c>.</summary>
    public string Id { get; }

    /// <summary>The scale's name.</summary>
    public string Name { get; }

    /// <summary>The lowest total the table covers on this scale (0).</summary>
    public int MinTotal { get; }

    /// <summary>The highest total the table covers on this scale.</summary>
    public int MaxTotal { get; }

    /// <summary>The position of the column in the table (and in <see cref="All"/>).</summary>
    internal int Index { get; }

    /// <inheritdoc />
    public override string ToString() => Id;
}
