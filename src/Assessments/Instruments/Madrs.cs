namespace Assessments;

public static partial class Instruments
{
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
        RelapseThreshold = 22,
        RelapseSource = "SUSTAIN-1 (Daly et al. 2019, JAMA Psychiatry 76:893): MADRS 22 or more on 2 assessments 5-15 days apart",
        Citation = "Montgomery SA, Åsberg M. Br J Psychiatry 1979;134:382-389",
        Licence = LicenceStatus.Undetermined,
        LicenceNote = UndeterminedLicence,
    });
}
