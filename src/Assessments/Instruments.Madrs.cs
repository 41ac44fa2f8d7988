namespace Assessments;

public static partial class Instruments
{
    private const string UndeterminedLicence = "Licence not determined; item names only, no item or anchor text.";

    /// <summary>MADRS, Montgomery–Åsberg Depression Rating Scale (clinician): 10 items 0-6, total 0-60.</summary>
    /// <remarks>
    /// Montgomery SA, Åsberg M. A new depression scale designed to be sensitive to change. Br J Psychiatry
    /// 1979;134:382-389. Default bands (Snaith et al. 1986, Br J Psychiatry 148:599): 0-6 normal, 7-19 mild,
    /// 20-34 moderate, 35-60 severe. Alternative set <c>muller-2003</c>: Müller et al. 2003 (J Affect Disord
    /// 77:255-260) found the best moderate/severe separation at 31; its lower cut-offs are Snaith's.
    /// Safety item 10 (suicidal thoughts): review at 2 or more, urgent at 4 or more, a convention following the
    /// anchors (no published threshold). Remission at 10 or below, the IV-ketamine convention (alternatives:
    /// 9, Hawley 2002; 12, esketamine trials). Clinician-rated: never prorated.
    /// </remarks>
    public static Instrument Madrs { get; } = new(new InstrumentSpec
    {
        Id = "madrs",
        Name = "Montgomery-Åsberg Depression Rating Scale",
        Rater = Rater.Clinician,
        Items = Declare.Items(
            0,
            6,
            "apparent sadness", "reported sadness", "inner tension", "reduced sleep", "reduced appetite",
            "concentration difficulties", "lassitude", "inability to feel", "pessimistic thoughts", "suicidal thoughts"),
        BandSets =
        [
            new BandSetSpec(
                "snaith-1986",
                "Snaith et al. 1986, Br J Psychiatry 148:599",
                [
                    Declare.Band("normal", "Normal", 0, 6),
                    Declare.Band("mild", "Mild", 7, 19),
                    Declare.Band("moderate", "Moderate", 20, 34),
                    Declare.Band("severe", "Severe", 35, 60),
                ]),
            new BandSetSpec(
                "muller-2003",
                "Müller et al. 2003, J Affect Disord 77:255-260 (moderate/severe at 31); lower cut-offs from Snaith 1986",
                [
                    Declare.Band("normal", "Normal", 0, 6),
                    Declare.Band("mild", "Mild", 7, 19),
                    Declare.Band("moderate", "Moderate", 20, 30),
                    Declare.Band("severe", "Severe", 31, 60),
                ]),
        ],
        SafetyRules = [new SafetyRule(10, 2, 4, "convention following the item 10 anchors 2 and 4; no published threshold")],
        RemissionThreshold = 10,
        RemissionSource = "IV-ketamine convention (alternatives: 9 Hawley 2002; 12 esketamine trials)",
        Citation = "Montgomery SA, Åsberg M. Br J Psychiatry 1979;134:382-389",
        Licence = LicenceStatus.Undetermined,
        LicenceNote = UndeterminedLicence,
    });

    /// <summary>MADRS-S, the self-rated MADRS: 9 items 0-6, total 0-54.</summary>
    /// <remarks>
    /// Svanborg P, Åsberg M. A new self-rating scale for depression and anxiety states based on the
    /// Comprehensive Psychopathological Rating Scale. Acta Psychiatr Scand 1994;89:21-28. Bands 0-12 normal,
    /// 13-19 mild, 20-34 moderate, 35-54 severe come from secondary sources only (primary source not
    /// retrieved). Item 9 (zest for life) asks about suicidal thoughts: review at 2 or more, urgent at 4 or more,
    /// a convention mirroring MADRS item 10. Remission at 12 or below: a convention without a validated source.
    /// </remarks>
    public static Instrument MadrsS { get; } = new(new InstrumentSpec
    {
        Id = "madrs-s",
        Name = "Montgomery-Åsberg Depression Rating Scale, self-rated",
        Rater = Rater.Self,
        Items = Declare.Items(
            0,
            6,
            "mood", "feelings of unease", "sleep", "appetite", "ability to concentrate", "initiative",
            "emotional involvement", "pessimism", "zest for life"),
        BandSets = Declare.Bands(
            "secondary-sources",
            "secondary sources only (primary source not retrieved): 0-12, 13-19, 20-34, 35-54",
            Declare.Band("normal", "Normal", 0, 12),
            Declare.Band("mild", "Mild", 13, 19),
            Declare.Band("moderate", "Moderate", 20, 34),
            Declare.Band("severe", "Severe", 35, 54)),
        SafetyRules = [new SafetyRule(9, 2, 4, "convention mirroring MADRS item 10")],
        RemissionThreshold = 12,
        RemissionSource = "convention without a validated source",
        MaxMissingForProration = 1,
        Citation = "Svanborg P, Åsberg M. Acta Psychiatr Scand 1994;89:21-28",
        Licence = LicenceStatus.Undetermined,
        LicenceNote = UndeterminedLicence,
    });

    /// <summary>CADSS, Clinician-Administered Dissociative States Scale (23-item): 23 items 0-4, total 0-92, no bands.</summary>
    /// <remarks>
    /// Bremner JD et al. Measurement of dissociative states with the Clinician-Administered Dissociative States
    /// Scale (CADSS). J Trauma Stress 1998;11:125-136; the 23-item 0-4 form of ketamine and esketamine trials
    /// (NCT04226963; Bremner, Williamson and Vaccarino 2024). No validated severity bands: total only. No suicide
    /// item. Clinician-rated: never prorated.
    /// </remarks>
    public static Instrument Cadss { get; } = new(new InstrumentSpec
    {
        Id = "cadss",
        Name = "Clinician-Administered Dissociative States Scale (23-item)",
        Rater = Rater.Clinician,
        // Item names are not shipped: the licence is undetermined and no source lists them; items are numbered.
        Items = Declare.NumberedItems(23, 0, 4),
        TracksTreatmentResponse = false,
        Citation = "Bremner JD, Krystal JH, Putnam FW, et al. J Trauma Stress 1998;11:125-136",
        Licence = LicenceStatus.Undetermined,
        LicenceNote = UndeterminedLicence,
    });
}
