using System.Collections.Immutable;

namespace Assessments;

public static partial class Instruments
{
    /// <summary>YMRS, Young Mania Rating Scale: 11 items (5, 6, 8, 9 scored 0-8; the others 0-4), total 0-60, with the
    /// <c>mania-signal</c> flag.</summary>
    /// <remarks>
    /// Young RC, Biggs JT, Ziegler VE, Meyer DA. A rating scale for mania: reliability, validity and sensitivity. Br J
    /// Psychiatry 1978;133:429-435. Items 5 (irritability), 6 (speech), 8 (content) and 9 (disruptive-aggressive
    /// behaviour) are double-weighted, 0-8; an odd score there is the half-point experienced raters may give. Bands
    /// (conventions from trial protocols, secondary): remission 0-12, mild 13-19, moderate 20-25, severe 26-60. A total
    /// of 13 or more raises <c>mania-signal</c> (review): treatment-emergent (hypo)mania after ketamine is worth a
    /// clinician's look, and the flag is raised like a safety flag, never hidden (on an invalid response, when the items
    /// that could be read already reach 13). No suicide item. In a course: totals, bands and change only. Licence not
    /// determined: item names only.
    /// </remarks>
    public static Instrument Ymrs { get; } = new(new InstrumentSpec
    {
        Id = "ymrs",
        Name = "Young Mania Rating Scale",
        Rater = Rater.Clinician,
        Items = YmrsItems(),
        BandSets = Declare.Bands(
            "trial-protocols",
            "conventions from trial protocols (secondary sources; they disagree: pubcompare protocol, datanalysis)",
            Declare.Band("remission", "Remission", 0, 12),
            Declare.Band("mild", "Mild", 13, 19),
            Declare.Band("moderate", "Moderate", 20, 25),
            Declare.Band("severe", "Severe", 26, 60)),
        TotalFlag = new TotalFlagRule(FlagIds.ManiaSignal, 13, FlagPriority.Review, "YMRS 12 or below is remission (trial protocols): 13 or more is worth a clinician's look"),
        CourseMode = CourseMode.TotalsOnly,
        Citation = "Young RC, Biggs JT, Ziegler VE, Meyer DA. Br J Psychiatry 1978;133:429-435",
        Licence = LicenceStatus.Undetermined,
        LicenceNote = UndeterminedLicence,
    });

    private static ImmutableArray<Item> YmrsItems()
    {
        string[] names =
        [
            "elevated mood", "increased motor activity and energy", "sexual interest", "sleep", "irritability",
            "speech (rate and amount)", "language and thought disorder", "content", "disruptive-aggressive behaviour",
            "appearance", "insight",
        ];
        var items = ImmutableArray.CreateBuilder<Item>(11);
        for (int n = 1; n <= 11; n++)
            items.Add(Declare.Item(n, names[n - 1], 0, n is 5 or 6 or 8 or 9 ? 8 : 4));
        return items.MoveToImmutable();
    }
}
