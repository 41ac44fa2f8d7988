namespace Assessments;

public static partial class Instruments
{
    /// <summary>HAM-A, Hamilton Anxiety Rating Scale: 14 items 0-4, total 0-56.</summary>
    /// <remarks>
    /// Hamilton M. The assessment of anxiety states by rating. Br J Med Psychol 1959;32:50-55. Bands (Matza et al.
    /// 2010, Int J Methods Psychiatr Res 19:223-232, anchored to CGI-S): 0-7 minimal, 8-14 mild, 15-23 moderate, 24-56
    /// severe. Psychic (items 1-6, 14) and somatic (items 7-13) sub-scores (unverified grouping: convention). No
    /// suicide item. Remission at 7 or below (trial convention); relapse at 15 or above (the lower bound of moderate,
    /// convention). Clinician-rated: never prorated.
    /// </remarks>
    public static Instrument HamA { get; } = new(new InstrumentSpec
    {
        Id = "ham-a",
        Name = "Hamilton Anxiety Rating Scale",
        Rater = Rater.Clinician,
        Items = Declare.Items(
            0,
            4,
            "anxious mood", "tension", "fears", "insomnia", "intellectual (cognitive)", "depressed mood",
            "somatic (muscular)", "somatic (sensory)", "cardiovascular symptoms", "respiratory symptoms",
            "gastrointestinal symptoms", "genitourinary symptoms", "autonomic symptoms", "behaviour at interview"),
        Subscales = Declare.Subscales(("psychic", [1, 2, 3, 4, 5, 6, 14]), ("somatic", [7, 8, 9, 10, 11, 12, 13])),
        BandSets = Declare.Bands(
            "matza-2010",
            "Matza LS et al. 2010, Int J Methods Psychiatr Res 19:223-232",
            Declare.Band("minimal", "Minimal", 0, 7),
            Declare.Band("mild", "Mild", 8, 14),
            Declare.Band("moderate", "Moderate", 15, 23),
            Declare.Band("severe", "Severe", 24, 56)),
        RemissionThreshold = 7,
        RemissionSource = "trial convention (HAM-A 7 or below)",
        RelapseThreshold = 15,
        RelapseSource = "convention (docs/clinical-rules.md §6): the lower bound of the default moderate band",
        Citation = "Hamilton M. Br J Med Psychol 1959;32:50-55",
        Licence = LicenceStatus.PublicDomain,
        LicenceNote = "Public domain (NINDS Common Data Elements).",
    });
}
