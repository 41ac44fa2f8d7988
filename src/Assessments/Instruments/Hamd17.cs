using System.Collections.Immutable;

namespace Assessments;

public static partial class Instruments
{
    /// <summary>HAM-D item ranges: items 1, 2, 3, 7, 8, 9, 10, 11, 15 score 0-4; the others 0-2.</summary>
    private static ImmutableArray<Item> HamdItems()
    {
        string[] names =
        [
            "depressed mood", "guilt", "suicide", "early insomnia", "middle insomnia", "late insomnia",
            "work and activities", "psychomotor retardation", "agitation", "psychic anxiety", "somatic anxiety",
            "gastrointestinal somatic symptoms", "general somatic symptoms", "genital symptoms", "hypochondriasis",
            "weight loss (16A by history or 16B by measurement)", "insight",
        ];
        int[] wide = [1, 2, 3, 7, 8, 9, 10, 11, 15];
        var items = ImmutableArray.CreateBuilder<Item>(17);
        for (int number = 1; number <= 17; number++)
        {
            int max = System.Array.IndexOf(wide, number) >= 0 ? 4 : 2;

            // Item 16: 3 means "not assessed" (ECDEU convention): contributes 0 and is noted.
            items.Add(Declare.Item(number, names[number - 1], 0, max, notAssessed: number == 16 ? 3 : null));
        }

        return items.MoveToImmutable();
    }

    /// <summary>HAM-D17, Hamilton Depression Rating Scale, 17 items: 9 items 0-4 and 8 items 0-2, total 0-52.</summary>
    /// <remarks>
    /// Hamilton M. A rating scale for depression. J Neurol Neurosurg Psychiatry 1960;23:56-62. Item ranges as in
    /// CamCOPS <c>hamd.py</c>. Item 16 is rated by history (16A) or by measurement (16B), one of them; a 3 means
    /// "not assessed" (ECDEU convention), contributes 0 and is noted as <c>item-16-not-assessed</c>.
    /// Default bands (Zimmerman et al. 2013, J Affect Disord 150:384-388): 0-7 normal, 8-16 mild, 17-23 moderate,
    /// 24-52 severe. Alternative <c>rush-2003</c> (Rush et al. 2003 / ids-qids.org conversion table): 0-7 none,
    /// 8-13 mild, 14-19 moderate, 20-25 severe, 26-52 very severe. Alternative <c>cnsforum</c> (CamCOPS and the CNS Forum
    /// scale pages, secondary sources whose original attribution is unverified): 0-7 normal, 8-13 mild, 14-18 moderate,
    /// 19-22 severe, 23-52 very severe. Safety item 3 (suicide): review at 1 or more,
    /// urgent at 3 or more (convention; trials exclude above 2). Remission at 7 or below (Frank 1991; Leucht 2013).
    /// Public domain. Clinician-rated: never prorated.
    /// </remarks>
    public static Instrument Hamd17 { get; } = new(new InstrumentSpec
    {
        Id = "hamd-17",
        Name = "Hamilton Depression Rating Scale, 17 items",
        Rater = Rater.Clinician,
        Items = HamdItems(),
        BandSets =
        [
            new BandSetSpec(
                "zimmerman-2013",
                "Zimmerman et al. 2013, J Affect Disord 150:384-388",
                [
                    Declare.Band("normal", "Normal", 0, 7),
                    Declare.Band("mild", "Mild", 8, 16),
                    Declare.Band("moderate", "Moderate", 17, 23),
                    Declare.Band("severe", "Severe", 24, 52),
                ]),
            new BandSetSpec(
                "rush-2003",
                "Rush et al. 2003, Biol Psychiatry 54:573-583; ids-qids.org conversion table",
                [
                    Declare.Band("none", "None", 0, 7),
                    Declare.Band("mild", "Mild", 8, 13),
                    Declare.Band("moderate", "Moderate", 14, 19),
                    Declare.Band("severe", "Severe", 20, 25),
                    Declare.Band("very-severe", "Very severe", 26, 52),
                ]),
            new BandSetSpec(
                "cnsforum",
                "CamCOPS and CNS Forum scale pages (secondary sources; the original attribution is unverified)",
                [
                    Declare.Band("normal", "Normal", 0, 7),
                    Declare.Band("mild", "Mild", 8, 13),
                    Declare.Band("moderate", "Moderate", 14, 18),
                    Declare.Band("severe", "Severe", 19, 22),
                    Declare.Band("very-severe", "Very severe", 23, 52),
                ]),
        ],
        SafetyRules = [new SafetyRule(3, 1, 3, "convention; trials exclude item 3 above 2 (PMC6884875)")],
        RemissionThreshold = 7,
        RemissionSource = "Frank et al. 1991; Leucht et al. 2013",
        RelapseThreshold = 17,
        RelapseSource = "convention (docs/clinical-rules.md §6): the lower bound of the default moderate band",
        Citation = "Hamilton M. J Neurol Neurosurg Psychiatry 1960;23:56-62",
        Licence = LicenceStatus.PublicDomain,
        LicenceNote = "Public domain (NINDS common data elements).",
    });
}
