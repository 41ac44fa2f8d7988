namespace Assessments;

public static partial class Instruments
{
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
        RelapseThreshold = 20,
        RelapseSource = "convention (docs/clinical-rules.md §6): the lower bound of the default moderate band",
        MaxMissingForProration = 1,
        Citation = "Svanborg P, Åsberg M. Acta Psychiatr Scand 1994;89:21-28",
        Licence = LicenceStatus.Undetermined,
        LicenceNote = UndeterminedLicence,
    });
}
