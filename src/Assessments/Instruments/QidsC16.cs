namespace Assessments;

public static partial class Instruments
{
    /// <summary>QIDS-C16, Quick Inventory of Depressive Symptomatology, clinician-rated: the QIDS-SR16's 16 items 0-3 in
    /// 9 domains, total 0-27, rated by a clinician.</summary>
    /// <remarks>
    /// Rush AJ et al. The 16-item QIDS, clinician rating (QIDS-C16) and self-report (QIDS-SR16). Biol Psychiatry
    /// 2003;54:573-583: the same items and the same domain scoring as the self-report (ids-qids.org, administration).
    /// Bands as the QIDS-SR16 (whether ids-qids.org prints separate clinician bands is unverified: convention). Safety
    /// item 12 (thoughts of death or suicide): review at 1 or more, urgent at 2 or more (convention). Remission at 5 or
    /// below (Rush 2003). With proration asked for, a multi-item domain with an answer is scored from its answers, as
    /// the QIDS-SR16.
    /// </remarks>
    public static Instrument QidsC16 { get; } = new(new InstrumentSpec
    {
        Id = "qids-c16",
        Name = "Quick Inventory of Depressive Symptomatology, Clinician-Rated (16 items)",
        Rater = Rater.Clinician,
        Items = QidsItems(),
        Method = ScoringMethod.DomainMaximumSum,
        Domains = QidsDomains(),
        BandSets = QidsBands("Rush et al. 2003, Biol Psychiatry 54:573-583; ids-qids.org (the QIDS-SR16 bands; clinician bands unverified: convention)"),
        SafetyRules = [new SafetyRule(12, 1, 2, "convention")],
        RemissionThreshold = 5,
        RemissionSource = "Rush et al. 2003",
        RelapseThreshold = 11,
        RelapseSource = "convention (docs/clinical-rules.md §6): the lower bound of the default moderate band",
        Citation = "Rush AJ, Trivedi MH, Ibrahim HM, et al. Biol Psychiatry 2003;54:573-583",
        Licence = LicenceStatus.FreeForClinicalUse,
        LicenceNote = "Free to clinicians and researchers (ids-qids.org, unverified); commercial use licensed through UT Southwestern: item names only.",
    });
}
