namespace Assessments;

public static partial class Instruments
{
    /// <summary>PHQ-8: the PHQ-9 without item 9 (no suicide item). 8 items 0-3, total 0-24.</summary>
    /// <remarks>
    /// Kroenke K et al. The PHQ-8 as a measure of current depression in the general population.
    /// J Affect Disord 2009;114:163-173. Bands as PHQ-9, 20-24 severe (Kroenke 2010, Gen Hosp Psychiatry 32:345).
    /// No suicide item: results say the safety screen is not covered. Remission at 4 or below (as PHQ-9).
    /// </remarks>
    public static Instrument Phq8 { get; } = new(new InstrumentSpec
    {
        Id = "phq-8",
        Name = "Patient Health Questionnaire-8",
        Rater = Rater.Self,
        Items = Declare.ItemsWithText(0, 3, PhqNames[..8], PhqTexts[..8], null),
        BandSets = Declare.Bands("kroenke-2009", "Kroenke et al. 2009, J Affect Disord 114:163-173; Kroenke 2010", PhqBands(24)),
        RemissionThreshold = 4,
        RemissionSource = "Kroenke; ICSI (as PHQ-9)",
        RelapseThreshold = 10,
        RelapseSource = "convention (docs/clinical-rules.md §6): the lower bound of the default moderate band",
        MaxMissingForProration = 1,
        LoincAnswerList = "LL358-3",
        Citation = "Kroenke K, Strine TW, Spitzer RL, et al. J Affect Disord 2009;114:163-173",
        Licence = LicenceStatus.FreeNoPermission,
        LicenceNote = PhqLicence,
    });
}
