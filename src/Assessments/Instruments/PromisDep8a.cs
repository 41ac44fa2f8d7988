namespace Assessments;

public static partial class Instruments
{
    /// <summary>PROMIS Depression Short Form v1.0 8a: 8 items 1-5, raw total 8-40, with its T-score and standard error.</summary>
    /// <remarks>
    /// PROMIS Health Organization; PROMIS Depression Scoring Manual (HealthMeasures, 2017). The raw total's T-score and
    /// its standard error come from the manual's table (as reprinted with HealthMeasures' permission; checked against
    /// two independent public copies), reported as <c>scaled</c> (metric <c>promis-t</c>). Every item is required: the
    /// table needs all eight (no proration). Bands by T-score (Kroenke et al. 2020, J Affect Disord 266:100-108), on the
    /// raw totals they map to: normal (T &lt; 55: 8-15), mild (55-59.9: 16-21), moderate (60-64.9: 22-27),
    /// moderately severe (65-69.9: 28-32), severe (70 or more: 33-40). MCID 3.5 T (Kroenke 2020). No suicide item. In a
    /// course: totals, bands and change only (a percentage of a raw score whose floor is 8 means nothing). Free under the
    /// HealthMeasures terms of use: item names only.
    /// </remarks>
    public static Instrument PromisDep8a { get; } = new(new InstrumentSpec
    {
        Id = "promis-dep-8a",
        Name = "PROMIS Depression Short Form v1.0 8a",
        Rater = Rater.Self,
        Items = Declare.Items(1, 5, "worthless", "helpless", "depressed", "hopeless", "like a failure", "unhappy", "nothing to look forward to", "nothing could cheer me up"),
        BandSets = Declare.Bands(
            "kroenke-2020",
            "Kroenke K et al. 2020, J Affect Disord 266:100-108 (T-score cut-points 55, 60, 65, 70 on the HealthMeasures raw-to-T table)",
            Declare.Band("normal", "Within normal limits", 8, 15),
            Declare.Band("mild", "Mild", 16, 21),
            Declare.Band("moderate", "Moderate", 22, 27),
            Declare.Band("moderately-severe", "Moderately severe", 28, 32),
            Declare.Band("severe", "Severe", 33, 40)),
        ScaledScores = new ScaledScoreTable(
            "promis-t",
            "PROMIS Depression Scoring Manual (HealthMeasures, 02/22/2017), Short Form v1.0 8a raw-to-T table",
            8,
            [
                (38.2m, 5.7m), (44.7m, 3.3m), (47.5m, 2.7m), (49.4m, 2.3m), (50.9m, 2.0m), (52.1m, 1.9m), (53.2m, 1.8m), (54.1m, 1.8m),
                (55.1m, 1.7m), (55.9m, 1.7m), (56.8m, 1.7m), (57.7m, 1.7m), (58.5m, 1.7m), (59.4m, 1.7m), (60.3m, 1.7m), (61.2m, 1.7m),
                (62.1m, 1.8m), (63.0m, 1.8m), (63.9m, 1.8m), (64.9m, 1.8m), (65.8m, 1.8m), (66.8m, 1.8m), (67.7m, 1.8m), (68.7m, 1.8m),
                (69.7m, 1.8m), (70.7m, 1.8m), (71.7m, 1.8m), (72.8m, 1.8m), (73.9m, 1.8m), (75.0m, 1.9m), (76.4m, 2.0m), (78.2m, 2.4m),
                (81.3m, 3.4m),
            ]),
        CourseMode = CourseMode.TotalsOnly,
        Citation = "PROMIS Health Organization. PROMIS Depression Short Form v1.0 8a; PROMIS Depression Scoring Manual, HealthMeasures 2017",
        Licence = LicenceStatus.FreeForClinicalUse,
        LicenceNote = "Free under the HealthMeasures terms of use (© PROMIS Health Organization; restrictions on modification and redistribution unverified); item names only.",
    });
}
