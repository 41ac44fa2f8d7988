using System;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace Assessments.Crosswalks;

/// <summary>
/// The IDS/QIDS/HRSD crosswalk: for a QIDS-SR16, QIDS-C16, IDS-SR30 or HAM-D 17 total, the equivalent ranges on the
/// IDS-SR30, QIDS-SR16, HRSD17, HRSD21 and HRSD24 and the severity level, with the citation (docs/crosswalk.md).
/// </summary>
/// <remarks>
/// <para>The table is ids-qids.org/interpretation.html, "adapted from Rush et al. 2003, Trivedi et al. 2004": one row
/// per QIDS-SR16 total 0-27, each with its range on the other scales and a severity level (none, mild, moderate,
/// severe, very severe). The page's IDS-SR30 cell "62-24" at QIDS-SR16 25 is read as 62-64 (a typo: the column is
/// otherwise contiguous). The page prints HRSD17 18-19 on both the rows of QIDS-SR16 14 and 15; the table keeps that as
/// printed, so a HAM-D 17 total of 18 or 19 falls in both rows and its equivalents span them (QIDS-SR16 14-15, both
/// moderate). Every other column covers its scale with no gap or overlap.</para>
/// <para><b>Equivalents, never scores.</b> A conversion gives ranges, a severity level and the citation; it is not a
/// total of a scale that was not administered, and nothing in the library converts on its own: a course or cohort
/// never mixes instruments through the crosswalk; a caller asks for it. <c>qids-c16</c> is read on the QIDS-SR16 column
/// (the same items and scoring, Rush 2003); <c>hamd-17</c> on HRSD17; <c>ids-sr30</c> on IDS-SR30. HRSD21 and HRSD24
/// are columns of output only. Ids match exactly, as documents name them, and need no instrument in the catalogue.</para>
/// <para>Thread-safe: the table is read once, checked, and immutable.</para>
/// </remarks>
public static class DepressionCrosswalk
{
    private static readonly ImmutableArray<CrosswalkRow> Table = CrosswalkTable.Load();

    /// <summary>The published source of the table.</summary>
    public static string Citation { get; } =
        "Rush AJ, Trivedi MH, Ibrahim HM, et al. Biol Psychiatry 2003;54:573-583; Trivedi MH, Rush AJ, Ibrahim HM, et al. "
        + "Psychol Med 2004;34:73-82; as tabulated at ids-qids.org/interpretation.html (IDS-SR30 '62-24' read as 62-64)";

    /// <summary>The ids of the instruments whose totals convert: <c>qids-sr16</c>, <c>qids-c16</c>, <c>ids-sr30</c> and
    /// <c>hamd-17</c>.</summary>
    public static ImmutableArray<string> InstrumentIds { get; } = ["qids-sr16", "qids-c16", "ids-sr30", "hamd-17"];

    /// <summary>The table's rows, one per QIDS-SR16 total 0-27, in order.</summary>
    public static ImmutableArray<CrosswalkRow> Rows => Table;

    /// <summary>The column an instrument's totals are read on.</summary>
    /// <param name="instrumentId">An instrument id, exactly as documents name it.</param>
    /// <param name="scale">The column, or null.</param>
    /// <returns>True for the ids of <see cref="InstrumentIds"/>.</returns>
    public static bool TryGetScale(string instrumentId, [NotNullWhen(true)] out CrosswalkScale? scale)
    {
        ArgumentNullException.ThrowIfNull(instrumentId);
        scale = instrumentId switch
        {
            "qids-sr16" or "qids-c16" => CrosswalkScale.QidsSr16,
            "ids-sr30" => CrosswalkScale.IdsSr30,
            "hamd-17" => CrosswalkScale.Hamd17,
            _ => null,
        };
        return scale is not null;
    }

    /// <summary>Converts a total into its equivalents, or says with a coded error why it cannot.</summary>
    /// <param name="instrumentId">The instrument the total is of, exactly as documents name it (see
    /// <see cref="InstrumentIds"/>).</param>
    /// <param name="total">The total.</param>
    /// <param name="result">The equivalents, or null.</param>
    /// <param name="error">Null, or why there are none: <see cref="ErrorCodes.UnknownInstrument"/> for an id nothing
    /// knows, <see cref="ErrorCodes.NoCrosswalk"/> for a catalogue instrument the table has no column for (such as
    /// <c>phq-9</c>), <see cref="ErrorCodes.TotalOutOfRange"/> for a total outside the instrument's range.</param>
    /// <returns>True when the total converts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="instrumentId"/> is null.</exception>
    public static bool TryConvert(string instrumentId, int total, [NotNullWhen(true)] out CrosswalkResult? result, [NotNullWhen(false)] out ScoringError? error)
    {
        ArgumentNullException.ThrowIfNull(instrumentId);
        result = null;
        if (!TryGetScale(instrumentId, out CrosswalkScale? scale))
        {
            string covered = $"the crosswalk converts {string.Join(", ", InstrumentIds)}";
            error = Instruments.TryGet(instrumentId, out _)
                ? new ScoringError(ErrorCodes.NoCrosswalk, null, $"{instrumentId} has no column in the IDS/QIDS/HRSD conversion table: {covered}.")
                : new ScoringError(ErrorCodes.UnknownInstrument, null, $"Unknown instrument '{instrumentId}': {covered}.");
            return false;
        }

        if (total < scale.MinTotal || total > scale.MaxTotal)
        {
            error = new ScoringError(ErrorCodes.TotalOutOfRange, null, $"A {instrumentId} total lies between {scale.MinTotal} and {scale.MaxTotal}.");
            return false;
        }

        var rows = ImmutableArray.CreateBuilder<CrosswalkRow>(2);
        foreach (CrosswalkRow row in Table)
        {
            if (row.RangeOn(scale).Contains(total))
                rows.Add(row);
        }

        // The table was checked when loaded: every total of the scale lies in adjacent rows of one severity level.
        result = new CrosswalkResult(instrumentId, total, scale, rows.ToImmutable(), Citation);
        error = null;
        return true;
    }

    /// <summary>Converts a total into its equivalents, or throws.</summary>
    /// <param name="instrumentId">The instrument the total is of (see <see cref="InstrumentIds"/>).</param>
    /// <param name="total">The total.</param>
    /// <returns>The equivalents.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="instrumentId"/> is null.</exception>
    /// <exception cref="ArgumentException">The instrument has no column in the table.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The total is outside the instrument's range.</exception>
    public static CrosswalkResult ConvertOrThrow(string instrumentId, int total)
    {
        if (TryConvert(instrumentId, total, out CrosswalkResult? result, out ScoringError? error))
            return result;
        throw error.Code == ErrorCodes.TotalOutOfRange
            ? new ArgumentOutOfRangeException(nameof(total), error.ToString())
            : new ArgumentException(error.ToString(), nameof(instrumentId));
    }
}
