namespace Assessments;

public static partial class Instruments
{
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
        Items = QidsItems(),
        Method = ScoringMethod.DomainMaximumSum,
        Domains = QidsDomains(),
        BandSets = QidsBands("Rush et al. 2003, Biol Psychiatry 54:573-583; ids-qids.org"),
        SafetyRules = [new SafetyRule(12, 1, 2, "convention")],
        RemissionThreshold = 5,
        RemissionSource = "Rush et al. 2003; STAR*D",
        RelapseThreshold = 11,
        RelapseSource = "convention (docs/clinical-rules.md §6): the lower bound of the default moderate band",
        Citation = "Rush AJ, Trivedi MH, Ibrahim HM, et al. Biol Psychiatry 2003;54:573-583",
        Licence = LicenceStatus.FreeForClinicalUse,
        LicenceNote = "Free to clinicians and researchers (paper versions); commercial embedding unconfirmed: item names only.",
    });

    /// <summary>The QIDS-16 severity bands, 0-27 (Rush et al. 2003, Biol Psychiatry 54:573-583; ids-qids.org): 0-5 none,
    /// 6-10 mild, 11-15 moderate, 16-20 severe, 21-27 very severe. <paramref name="source"/> says where each form takes
    /// them from.</summary>
    private static System.Collections.Immutable.ImmutableArray<BandSetSpec> QidsBands(string source) => Declare.Bands(
        "rush-2003",
        source,
        Declare.Band("none", "None", 0, 5),
        Declare.Band("mild", "Mild", 6, 10),
        Declare.Band("moderate", "Moderate", 11, 15),
        Declare.Band("severe", "Severe", 16, 20),
        Declare.Band("very-severe", "Very severe", 21, 27));

    /// <summary>The 16 QIDS items (the self-report and the clinician form ask the same symptoms; Rush 2003).</summary>
    private static System.Collections.Immutable.ImmutableArray<Item> QidsItems() => Declare.Items(
        0,
        3,
        "sleep-onset insomnia", "mid-nocturnal insomnia", "early-morning insomnia", "hypersomnia", "sad mood",
        "decreased appetite", "increased appetite", "decreased weight", "increased weight",
        "concentration and decision-making", "view of myself", "thoughts of death or suicide", "general interest",
        "energy level", "feeling slowed down", "feeling restless");

    /// <summary>The nine QIDS domains (Rush 2003): the total is the sum of each domain's highest item.</summary>
    private static System.Collections.Immutable.ImmutableArray<ScoringDomain> QidsDomains() =>
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
    ];
}
