namespace Assessments;

public static partial class Instruments
{
    /// <summary>EPDS, Edinburgh Postnatal Depression Scale: 10 items 0-3, total 0-30.</summary>
    /// <remarks>
    /// Cox JL, Holden JM, Sagovsky R. Detection of postnatal depression: development of the 10-item Edinburgh
    /// Postnatal Depression Scale. Br J Psychiatry 1987;150:782-786. By option position, items 1, 2 and 4 score
    /// 0-1-2-3 and items 3, 5, 6, 7, 8, 9, 10 score 3-2-1-0 (reverse-keyed); item scores are never keyed again.
    /// Bands (Cox 1987): 0-9 unlikely, 10-12 possible, 13-30 probable depression. Safety item 10 (self-harm):
    /// any non-zero item score is flagged (Cox 1987 guidance), urgent at 2 or more. No remission threshold. Never
    /// prorated: the EPDS guidance after Cox 1987 says every item must be completed (docs/clinical-rules.md §5); a
    /// clinic that prorates EPDS does so in its own definition. Licence: Royal College of Psychiatrists; item names only.
    /// </remarks>
    public static Instrument Epds { get; } = new(new InstrumentSpec
    {
        Id = "epds",
        Name = "Edinburgh Postnatal Depression Scale",
        RulesVersion = "2", // 2: never prorated (was: at most 1 missing item)
        Rater = Rater.Self,
        Items =
        [
            Declare.Item(1, "laughter and humour", 0, 3),
            Declare.Item(2, "anticipatory enjoyment", 0, 3),
            Declare.Item(3, "self-blame", 0, 3, reversed: true),
            Declare.Item(4, "anxiety and worry", 0, 3),
            Declare.Item(5, "fear and panic", 0, 3, reversed: true),
            Declare.Item(6, "coping", 0, 3, reversed: true),
            Declare.Item(7, "sleep difficulty from unhappiness", 0, 3, reversed: true),
            Declare.Item(8, "sadness", 0, 3, reversed: true),
            Declare.Item(9, "tearfulness", 0, 3, reversed: true),
            Declare.Item(10, "thoughts of self-harm", 0, 3, reversed: true),
        ],
        BandSets = Declare.Bands(
            "cox-1987",
            "Cox, Holden & Sagovsky 1987, Br J Psychiatry 150:782-786 (10 or more possible, 13 or more probable)",
            Declare.Band("unlikely", "Depression unlikely", 0, 9),
            Declare.Band("possible", "Possible depression", 10, 12),
            Declare.Band("probable", "Probable depression", 13, 30)),
        SafetyRules = [new SafetyRule(10, 1, 2, "Cox 1987 guidance: any non-zero item 10 needs risk assessment; urgent at 2 is convention")],
        MaxMissingForProration = 0,
        LoincPanel = "71354-5",
        Citation = "Cox JL, Holden JM, Sagovsky R. Br J Psychiatry 1987;150:782-786",
        Licence = LicenceStatus.Proprietary,
        LicenceNote = "Copyright Royal College of Psychiatrists 1987; written permission needed to distribute: item names only.",
    });
}
