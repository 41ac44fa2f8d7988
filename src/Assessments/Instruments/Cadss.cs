namespace Assessments;

public static partial class Instruments
{
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
        CourseMode = CourseMode.SessionRelative,
        Citation = "Bremner JD, Krystal JH, Putnam FW, et al. J Trauma Stress 1998;11:125-136",
        Licence = LicenceStatus.Undetermined,
        LicenceNote = UndeterminedLicence,
    });
}
