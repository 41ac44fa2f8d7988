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
    /// 8-13 mild, 14-19 moderate, 20-25 severe, 26-52 very severe. Safety item 3 (suicide): review at 1 or more,
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
        ],
        SafetyRules = [new SafetyRule(3, 1, 3, "convention; trials exclude item 3 above 2 (PMC6884875)")],
        RemissionThreshold = 7,
        RemissionSource = "Frank et al. 1991; Leucht et al. 2013",
        Citation = "Hamilton M. J Neurol Neurosurg Psychiatry 1960;23:56-62",
        Licence = LicenceStatus.PublicDomain,
        LicenceNote = "Public domain (NINDS common data elements).",
    });

    /// <summary>QIDS-SR16, Quick Inventory of Depressive Symptomatology, self-report: 16 items 0-3 in 9 domains, total 0-27.</summary>
    /// <remarks>
    /// Rush AJ et al. The 16-item QIDS, clinician rating and self-report. Biol Psychiatry 2003;54:573-583.
    /// Total = max(1-4) + 5 + max(6-9) + 10 + 11 + 12 + 13 + 14 + max(15, 16). The form asks for either item 6 or 7
    /// and either 8 or 9: a blank beside an answered partner is not missing. Bands (Rush 2003; ids-qids.org):
    /// 0-5 none, 6-10 mild, 11-15 moderate, 16-20 severe, 21-27 very severe. Safety item 12 (thoughts of death or
    /// suicide): review at 1 or more, urgent at 2 or more (convention). Remission at 5 or below (Rush 2003; STAR*D).
    /// With proration on, a multi-item domain with an answer is scored from its answers (marked prorated); a
    /// missing single-item domain is always an error.
    /// </remarks>
    public static Instrument QidsSr16 { get; } = new(new InstrumentSpec
    {
        Id = "qids-sr16",
        Name = "Quick Inventory of Depressive Symptomatology, Self-Report (16 items)",
        Rater = Rater.Self,
        Items = Declare.Items(
            0,
            3,
            "sleep-onset insomnia", "mid-nocturnal insomnia", "early-morning insomnia", "hypersomnia", "sad mood",
            "decreased appetite", "increased appetite", "decreased weight", "increased weight",
            "concentration and decision-making", "view of myself", "thoughts of death or suicide", "general interest",
            "energy level", "feeling slowed down", "feeling restless"),
        Method = ScoringMethod.DomainMaximumSum,
        Domains =
        [
            new ScoringDomain("sleep", [1, 2, 3, 4], default),
            new ScoringDomain("sad mood", [5], default),
            new ScoringDomain("appetite and weight", [6, 7, 8, 9], [[6, 7], [8, 9]]),
            new ScoringDomain("concentration", [10], default),
            new ScoringDomain("view of self", [11], default),
            new ScoringDomain("thoughts of death or suicide", [12], default),
            new ScoringDomain("general interest", [13], default),
            new ScoringDomain("energy", [14], default),
            new ScoringDomain("psychomotor", [15, 16], default),
        ],
        BandSets = Declare.Bands(
            "rush-2003",
            "Rush et al. 2003, Biol Psychiatry 54:573-583; ids-qids.org",
            Declare.Band("none", "None", 0, 5),
            Declare.Band("mild", "Mild", 6, 10),
            Declare.Band("moderate", "Moderate", 11, 15),
            Declare.Band("severe", "Severe", 16, 20),
            Declare.Band("very-severe", "Very severe", 21, 27)),
        SafetyRules = [new SafetyRule(12, 1, 2, "convention")],
        RemissionThreshold = 5,
        RemissionSource = "Rush et al. 2003; STAR*D",
        Citation = "Rush AJ, Trivedi MH, Ibrahim HM, et al. Biol Psychiatry 2003;54:573-583",
        Licence = LicenceStatus.FreeForClinicalUse,
        LicenceNote = "Free to clinicians and researchers (paper versions); commercial embedding unconfirmed: item names only.",
    });
}
