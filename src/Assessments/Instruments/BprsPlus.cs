namespace Assessments;

public static partial class Instruments
{
    /// <summary>BPRS+, the four positive-symptom items of the Brief Psychiatric Rating Scale: 4 items 1-7, total 4-28,
    /// no bands.</summary>
    /// <remarks>
    /// Overall JE, Gorham DR. The Brief Psychiatric Rating Scale. Psychol Rep 1962;10:799-812. The four items
    /// (suspiciousness, hallucinatory behaviour, unusual thought content, conceptual disorganisation) that ketamine
    /// trials rate before and after dosing for psychotomimetic effects (NIMH pooled analysis, PMC4065787). Items 1
    /// (not present) to 7 (extremely severe): the anchors are standard, not re-read (convention). No published
    /// cut-offs: total only. In a course, session-relative like CADSS (pre, peak, change). No suicide item.
    /// Clinician-rated: never prorated.
    /// </remarks>
    public static Instrument BprsPlus { get; } = new(new InstrumentSpec
    {
        Id = "bprs-plus",
        Name = "Brief Psychiatric Rating Scale, positive-symptom items (BPRS+)",
        Rater = Rater.Clinician,
        Items = Declare.Items(1, 7, "suspiciousness", "hallucinatory behaviour", "unusual thought content", "conceptual disorganisation"),
        CourseMode = CourseMode.SessionRelative,
        Citation = "Overall JE, Gorham DR. Psychol Rep 1962;10:799-812",
        Licence = LicenceStatus.PublicDomain,
        LicenceNote = "Public domain (VA/NIMH-funded).",
    });
}
