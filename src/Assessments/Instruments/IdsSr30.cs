namespace Assessments;

public static partial class Instruments
{
    /// <summary>IDS-SR30, Inventory of Depressive Symptomatology, self-report: 30 items 0-3, 28 scored, total 0-84.</summary>
    /// <remarks>
    /// Rush AJ, Gullion CM, Basco MR, Jarrett RB, Trivedi MH. The Inventory of Depressive Symptomatology (IDS):
    /// psychometric properties. Psychol Med 1996;26:477-486 (citation unverified); Rush et al. 1986, Psychiatry Res
    /// 18:65-87. Only one of the appetite items (11 decreased, 12 increased) and one of the weight items (13 decreased,
    /// 14 increased) is scored, the higher when both are answered; a blank one of a pair is not missing (ids-qids.org).
    /// Bands (ids-qids.org): 0-13 none, 14-25 mild, 26-38 moderate, 39-48 severe, 49-84 very severe. Safety item 18
    /// (thoughts of death or suicide; the item number is secondary, unverified): review at 1 or more, urgent at 2 or
    /// more (convention, as QIDS). Remission at 13 or below and relapse at 26 or above (conventions: the none band and
    /// the lower bound of moderate). Never prorated (no published rule).
    /// </remarks>
    public static Instrument IdsSr30 { get; } = new(new InstrumentSpec
    {
        Id = "ids-sr30",
        Name = "Inventory of Depressive Symptomatology, Self-Report (30 items)",
        Rater = Rater.Self,
        Items = Declare.Items(
            0,
            3,
            "falling asleep", "sleep during the night", "waking up too early", "sleeping too much", "feeling sad",
            "feeling irritable", "feeling anxious or tense", "response of mood to good or desired events",
            "mood in relation to the time of day", "quality of mood", "decreased appetite", "increased appetite",
            "decreased weight", "increased weight", "concentration and decision-making", "view of myself",
            "view of my future", "thoughts of death or suicide", "general interest", "energy level",
            "capacity for pleasure or enjoyment", "interest in sex", "feeling slowed down", "feeling restless",
            "aches and pains", "other bodily symptoms", "panic or phobic symptoms", "constipation or diarrhoea",
            "interpersonal sensitivity", "leaden paralysis or physical energy"),
        Method = ScoringMethod.DomainMaximumSum,
        Domains = IdsDomains(),
        BandSets = Declare.Bands(
            "ids-qids-org",
            "ids-qids.org, interpretation (IDS-SR30 severity)",
            Declare.Band("none", "None", 0, 13),
            Declare.Band("mild", "Mild", 14, 25),
            Declare.Band("moderate", "Moderate", 26, 38),
            Declare.Band("severe", "Severe", 39, 48),
            Declare.Band("very-severe", "Very severe", 49, 84)),
        SafetyRules = [new SafetyRule(18, 1, 2, "convention, as QIDS item 12; the item number is secondary (unverified)")],
        RemissionThreshold = 13,
        RemissionSource = "convention: the upper bound of the none band (ids-qids.org)",
        RelapseThreshold = 26,
        RelapseSource = "convention (docs/clinical-rules.md §6): the lower bound of the default moderate band",
        Citation = "Rush AJ, Gullion CM, Basco MR, Jarrett RB, Trivedi MH. Psychol Med 1996;26:477-486",
        Licence = LicenceStatus.FreeForClinicalUse,
        LicenceNote = "Free to clinicians and researchers (ids-qids.org, unverified); commercial use licensed through UT Southwestern: item names only.",
    });

    /// <summary>Each IDS item is its own domain, but for the appetite pair (11, 12) and the weight pair (13, 14): one of
    /// each pair is scored, the higher.</summary>
    private static System.Collections.Immutable.ImmutableArray<ScoringDomain> IdsDomains()
    {
        var domains = System.Collections.Immutable.ImmutableArray.CreateBuilder<ScoringDomain>(28);
        for (int item = 1; item <= 30; item++)
        {
            if (item is 11 or 13)
                domains.Add(new ScoringDomain(item == 11 ? "appetite" : "weight", [item, item + 1], [[item, item + 1]]));
            else if (item is not (12 or 14))
                domains.Add(new ScoringDomain(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"item {item}"), [item], default));
        }

        return domains.MoveToImmutable();
    }
}
