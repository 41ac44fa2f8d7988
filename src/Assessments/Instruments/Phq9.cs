namespace Assessments;

public static partial class Instruments
{
    /// <summary>PHQ-9, the Patient Health Questionnaire depression module: 9 items 0-3, total 0-27.</summary>
    /// <remarks>
    /// Kroenke K, Spitzer RL, Williams JBW. The PHQ-9: validity of a brief depression severity measure.
    /// J Gen Intern Med 2001;16:606-613. Bands 0-4 minimal, 5-9 mild, 10-14 moderate, 15-19 moderately severe,
    /// 20-27 severe (Kroenke 2001). Safety item 9: flagged for review at 1 or more, urgent at 2 or more (Simon et al.
    /// 2013, Psychiatr Serv 64:1195, risk gradient; the 1-or-more rule is clinical convention). Remission at 4 or
    /// below (Kroenke; ICSI). Reliable change 6 points, caseness 10 (NHS Talking Therapies, secondary source).
    /// Proration (opt-in) with at most 1 missing item: a local policy, no author rule exists.
    /// LOINC panel 44249-1, total 44261-6. Licence: free (Pfizer), item text included.
    /// </remarks>
    public static Instrument Phq9 { get; } = new(new InstrumentSpec
    {
        Id = "phq-9",
        Name = "Patient Health Questionnaire-9",
        Rater = Rater.Self,
        Items = Declare.ItemsWithText(0, 3, PhqNames, PhqTexts, Phq9Loinc),
        BandSets = Declare.Bands("kroenke-2001", "Kroenke, Spitzer & Williams 2001, J Gen Intern Med 16:606-613", PhqBands(27)),
        SafetyRules = [new SafetyRule(9, 1, 2, "Simon et al. 2013 risk gradient; review at 1 or more is clinical convention")],
        RemissionThreshold = 4,
        RemissionSource = "Kroenke; ICSI (PHQ-9 below 5)",
        RelapseThreshold = 10,
        RelapseSource = "convention (docs/clinical-rules.md §6): the lower bound of the default moderate band",
        MinimalImportantDifference = 5,
        MinimalImportantDifferenceSource = "Lowe et al. 2004, Med Care 42:1194",
        MaxMissingForProration = 1,
        ReliableChangePoints = 6,
        CaseCutoff = 10,
        ReliableChangeSource = "NHS Talking Therapies (IAPT) manual, secondary source: reliable change 6, caseness 10",
        LoincPanel = "44249-1",
        LoincTotal = "44261-6",
        LoincAnswerList = "LL358-3",
        LoincDifficultyItem = "69722-7",
        Citation = "Kroenke K, Spitzer RL, Williams JBW. J Gen Intern Med 2001;16:606-613",
        Licence = LicenceStatus.FreeNoPermission,
        LicenceNote = PhqLicence,
    });
}
