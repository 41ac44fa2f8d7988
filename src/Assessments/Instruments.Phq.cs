namespace Assessments;

public static partial class Instruments
{
    private const string PhqLicence = "Copyright Pfizer Inc.; no permission required to reproduce, translate, display or distribute.";

    private static readonly string[] PhqNames =
    [
        "anhedonia", "depressed mood", "sleep", "fatigue", "appetite",
        "worthlessness", "concentration", "psychomotor", "thoughts of death or self-harm",
    ];

    private static readonly string[] PhqTexts =
    [
        "Little interest or pleasure in doing things",
        "Feeling down, depressed, or hopeless",
        "Trouble falling or staying asleep, or sleeping too much",
        "Feeling tired or having little energy",
        "Poor appetite or overeating",
        "Feeling bad about yourself - or that you are a failure or have let yourself or your family down",
        "Trouble concentrating on things, such as reading the newspaper or watching television",
        "Moving or speaking so slowly that other people could have noticed? Or the opposite - being so fidgety or restless that you have been moving around a lot more than usual",
        "Thoughts that you would be better off dead or of hurting yourself in some way",
    ];

    /// <summary>LOINC item codes of PHQ-9 items 1-9 (answer list LL358-3).</summary>
    private static readonly string[] Phq9Loinc =
        ["44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2", "44252-5", "44253-3", "44260-8"];

    /// <summary>PHQ-9 and PHQ-8 severity bands: 0-4, 5-9, 10-14, 15-19, 20+.</summary>
    private static SeverityBand[] PhqBands(int max) =>
    [
        Declare.Band("minimal", "Minimal", 0, 4),
        Declare.Band("mild", "Mild", 5, 9),
        Declare.Band("moderate", "Moderate", 10, 14),
        Declare.Band("moderately-severe", "Moderately severe", 15, 19),
        Declare.Band("severe", "Severe", 20, max),
    ];

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
        MaxMissingForProration = 1,
        ReliableChangePoints = 6,
        CaseCutoff = 10,
        ReliableChangeSource = "NHS Talking Therapies (IAPT) manual, secondary source: reliable change 6, caseness 10",
        LoincPanel = "44249-1",
        LoincTotal = "44261-6",
        Citation = "Kroenke K, Spitzer RL, Williams JBW. J Gen Intern Med 2001;16:606-613",
        Licence = LicenceStatus.FreeNoPermission,
        LicenceNote = PhqLicence,
    });

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
        MaxMissingForProration = 1,
        Citation = "Kroenke K, Strine TW, Spitzer RL, et al. J Affect Disord 2009;114:163-173",
        Licence = LicenceStatus.FreeNoPermission,
        LicenceNote = PhqLicence,
    });

    /// <summary>PHQ-2: PHQ-9 items 1-2, total 0-6; a screen, positive at 3 or more.</summary>
    /// <remarks>
    /// Kroenke K, Spitzer RL, Williams JBW. The Patient Health Questionnaire-2: validity of a two-item depression
    /// screener. Med Care 2003;41:1284-1292 (cut-off 3 or more: sensitivity 83 %, specificity 92 %).
    /// Never prorated (too short). No suicide item. LOINC panel 55757-9, total 55758-7.
    /// </remarks>
    public static Instrument Phq2 { get; } = new(new InstrumentSpec
    {
        Id = "phq-2",
        Name = "Patient Health Questionnaire-2",
        Rater = Rater.Self,
        Items = Declare.ItemsWithText(0, 3, PhqNames[..2], PhqTexts[..2], null),
        BandSets = Declare.Bands(
            "kroenke-2003",
            "Kroenke, Spitzer & Williams 2003, Med Care 41:1284-1292 (screen positive at 3 or more)",
            Declare.Band("negative", "Negative screen", 0, 2),
            Declare.Band("positive", "Positive screen", 3, 6)),
        LoincPanel = "55757-9",
        LoincTotal = "55758-7",
        Citation = "Kroenke K, Spitzer RL, Williams JBW. Med Care 2003;41:1284-1292",
        Licence = LicenceStatus.FreeNoPermission,
        LicenceNote = PhqLicence,
    });

    /// <summary>GAD-7, Generalized Anxiety Disorder 7-item scale: 7 items 0-3, total 0-21.</summary>
    /// <remarks>
    /// Spitzer RL, Kroenke K, Williams JBW, Löwe B. A brief measure for assessing generalized anxiety disorder:
    /// the GAD-7. Arch Intern Med 2006;166:1092-1097. Bands 0-4 minimal, 5-9 mild, 10-14 moderate, 15-21 severe.
    /// No suicide item. Remission at 4 or below is a convention without a validated source. Reliable change 4
    /// points, caseness 8 (NHS Talking Therapies, secondary source). LOINC panel 69737-5, total 70274-6.
    /// </remarks>
    public static Instrument Gad7 { get; } = new(new InstrumentSpec
    {
        Id = "gad-7",
        Name = "Generalized Anxiety Disorder-7",
        Rater = Rater.Self,
        Items = Declare.ItemsWithText(
            0,
            3,
            ["nervousness", "uncontrollable worry", "excessive worry", "trouble relaxing", "restlessness", "irritability", "fear of something awful"],
            [
                "Feeling nervous, anxious, or on edge",
                "Not being able to stop or control worrying",
                "Worrying too much about different things",
                "Trouble relaxing",
                "Being so restless that it is hard to sit still",
                "Becoming easily annoyed or irritable",
                "Feeling afraid, as if something awful might happen",
            ],
            ["69725-0", "68509-9", "69733-4", "69734-2", "69735-9", "69689-8", "69736-7"]),
        BandSets = Declare.Bands(
            "spitzer-2006",
            "Spitzer, Kroenke, Williams & Löwe 2006, Arch Intern Med 166:1092-1097",
            Declare.Band("minimal", "Minimal", 0, 4),
            Declare.Band("mild", "Mild", 5, 9),
            Declare.Band("moderate", "Moderate", 10, 14),
            Declare.Band("severe", "Severe", 15, 21)),
        RemissionThreshold = 4,
        RemissionSource = "convention without a validated source (GAD-7 below 5)",
        MaxMissingForProration = 1,
        ReliableChangePoints = 4,
        CaseCutoff = 8,
        ReliableChangeSource = "NHS Talking Therapies (IAPT) manual, secondary source: reliable change 4, caseness 8",
        LoincPanel = "69737-5",
        LoincTotal = "70274-6",
        Citation = "Spitzer RL, Kroenke K, Williams JBW, Löwe B. Arch Intern Med 2006;166:1092-1097",
        Licence = LicenceStatus.FreeNoPermission,
        LicenceNote = PhqLicence,
    });
}
