namespace Assessments;

public static partial class Instruments
{
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
        RelapseThreshold = 10,
        RelapseSource = "convention (docs/clinical-rules.md §6): the lower bound of the default moderate band",
        MinimalImportantDifference = 4,
        MinimalImportantDifferenceSource = "Toussaint et al. 2020, J Affect Disord 265:395",
        MaxMissingForProration = 1,
        ReliableChangePoints = 4,
        CaseCutoff = 8,
        ReliableChangeSource = "NHS Talking Therapies (IAPT) manual, secondary source: reliable change 4, caseness 8",
        LoincPanel = "69737-5",
        LoincTotal = "70274-6",
        LoincAnswerList = "LL358-3",
        Citation = "Spitzer RL, Kroenke K, Williams JBW, Löwe B. Arch Intern Med 2006;166:1092-1097",
        Licence = LicenceStatus.FreeNoPermission,
        LicenceNote = PhqLicence,
    });
}
