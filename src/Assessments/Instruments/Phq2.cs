namespace Assessments;

public static partial class Instruments
{
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
        Items = Declare.ItemsWithText(0, 3, PhqNames[..2], PhqTexts[..2], Phq9Loinc[..2]), // the 55757-9 panel holds PHQ-9 items 1-2 (44250-9, 44255-8)
        BandSets = Declare.Bands(
            "kroenke-2003",
            "Kroenke, Spitzer & Williams 2003, Med Care 41:1284-1292 (screen positive at 3 or more)",
            Declare.Band("negative", "Negative screen", 0, 2),
            Declare.Band("positive", "Positive screen", 3, 6)),
        LoincPanel = "55757-9",
        LoincTotal = "55758-7",
        LoincAnswerList = "LL358-3",
        Citation = "Kroenke K, Spitzer RL, Williams JBW. Med Care 2003;41:1284-1292",
        Licence = LicenceStatus.FreeNoPermission,
        LicenceNote = PhqLicence,
    });
}
