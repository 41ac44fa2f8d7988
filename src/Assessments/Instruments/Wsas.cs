namespace Assessments;

public static partial class Instruments
{
    /// <summary>WSAS, Work and Social Adjustment Scale: 5 items 0-8, total 0-40; item 1 (work) may be not applicable.</summary>
    /// <remarks>
    /// Mundt JC, Marks IM, Shear MK, Greist JH. The Work and Social Adjustment Scale: a simple measure of impairment in
    /// functioning. Br J Psychiatry 2002;180:461-464. Bands (Mundt 2002): below 10 subclinical, 10-20 significant
    /// functional impairment, above 20 moderately severe or worse. Item 1 (work) may be "not applicable" (retired, or not
    /// working for reasons unrelated to the problem), given as the option label <c>not-applicable</c> (held as -1, a value no form offers, so a mistyped 9 stays out of range):
    /// it contributes nothing and the result says so (<c>item-1-not-applicable</c>); the rule is a convention (the
    /// source's wording unverified). No suicide item. In a course: totals, bands and change only. © I. Marks: item names
    /// only.
    /// </remarks>
    public static Instrument Wsas { get; } = new(new InstrumentSpec
    {
        Id = "wsas",
        Name = "Work and Social Adjustment Scale",
        Rater = Rater.Self,
        Items =
        [
            Declare.Item(1, "work", 0, 8, notAssessed: -1, notAssessedLabel: "not-applicable"),
            Declare.Item(2, "home management", 0, 8),
            Declare.Item(3, "social leisure activities", 0, 8),
            Declare.Item(4, "private leisure activities", 0, 8),
            Declare.Item(5, "close relationships", 0, 8),
        ],
        BandSets = Declare.Bands(
            "mundt-2002",
            "Mundt JC et al. 2002, Br J Psychiatry 180:461-464",
            Declare.Band("subclinical", "Subclinical", 0, 9),
            Declare.Band("significant", "Significant functional impairment", 10, 20),
            Declare.Band("severe", "Moderately severe or worse", 21, 40)),
        CourseMode = CourseMode.TotalsOnly,
        Citation = "Mundt JC, Marks IM, Shear MK, Greist JH. Br J Psychiatry 2002;180:461-464",
        Licence = LicenceStatus.Undetermined,
        LicenceNote = "© I. M. Marks; widely used without fee (terms unverified): item names only.",
    });
}
