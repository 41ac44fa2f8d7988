using System.Collections.Immutable;

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

    /// <summary>BDI-II, Beck Depression Inventory-II (scoring and bands only): 21 items 0-3, total 0-63.</summary>
    /// <remarks>
    /// Beck AT, Steer RA, Brown GK. Manual for the Beck Depression Inventory-II. San Antonio: Psychological
    /// Corporation; 1996. Items 16 and 18 have seven printed options (0, 1a, 1b, 2a, 2b, 3a, 3b) scoring
    /// 0, 1, 1, 2, 2, 3, 3; item scores may be written with their letter. Bands (Beck 1996): 0-13 minimal,
    /// 14-19 mild, 20-28 moderate, 29-63 severe. Safety item 9 (suicidal thoughts or wishes): review at 1 or more,
    /// urgent at 2 or more (convention). Remission at 13 or below: a convention without a validated source.
    /// Licence: Pearson, commercial: no item text.
    /// </remarks>
    public static Instrument BdiII { get; } = new(new InstrumentSpec
    {
        Id = "bdi-ii",
        Name = "Beck Depression Inventory-II",
        Rater = Rater.Self,
        Items = BdiItems(),
        BandSets = Declare.Bands(
            "beck-1996",
            "Beck, Steer & Brown 1996, BDI-II Manual",
            Declare.Band("minimal", "Minimal", 0, 13),
            Declare.Band("mild", "Mild", 14, 19),
            Declare.Band("moderate", "Moderate", 20, 28),
            Declare.Band("severe", "Severe", 29, 63)),
        SafetyRules = [new SafetyRule(9, 1, 2, "convention")],
        RemissionThreshold = 13,
        RemissionSource = "convention without a validated source (top of the minimal band)",
        MaxMissingForProration = 2,
        LoincTotal = "89209-1",
        Citation = "Beck AT, Steer RA, Brown GK. BDI-II Manual. Psychological Corporation; 1996",
        Licence = LicenceStatus.Proprietary,
        LicenceNote = "Copyright Pearson; commercial. Scoring only, no item text.",
    });

    /// <summary>CES-D, Center for Epidemiologic Studies Depression Scale: 20 items 0-3, total 0-60.</summary>
    /// <remarks>
    /// Radloff LS. The CES-D Scale: a self-report depression scale for research in the general population.
    /// Appl Psychol Meas 1977;1:385-401. By option position, items 4, 8, 12, 16 (positive affect) score 3-2-1-0,
    /// the others 0-1-2-3. Bands: 0-15 below threshold, 16-60 at risk (Radloff 1977). No suicide item.
    /// Remission at 15 or below: a convention without a validated source.
    /// </remarks>
    public static Instrument CesD { get; } = new(new InstrumentSpec
    {
        Id = "ces-d",
        Name = "Center for Epidemiologic Studies Depression Scale",
        Rater = Rater.Self,
        Items = CesdItems(),
        BandSets = Declare.Bands(
            "radloff-1977",
            "Radloff 1977, Appl Psychol Meas 1:385-401 (16 or more at risk)",
            Declare.Band("below-threshold", "Below threshold", 0, 15),
            Declare.Band("at-risk", "At risk", 16, 60)),
        RemissionThreshold = 15,
        RemissionSource = "convention without a validated source (below the at-risk cut-off)",
        MaxMissingForProration = 4,
        Citation = "Radloff LS. Appl Psychol Meas 1977;1:385-401",
        Licence = LicenceStatus.FreeNoPermission,
        LicenceNote = "Free to use without permission. Item names only in this version.",
    });

    private static ImmutableArray<Item> BdiItems()
    {
        string[] names =
        [
            "sadness", "pessimism", "past failure", "loss of pleasure", "guilty feelings", "punishment feelings",
            "self-dislike", "self-criticalness", "suicidal thoughts or wishes", "crying", "agitation",
            "loss of interest", "indecisiveness", "worthlessness", "loss of energy", "changes in sleeping pattern",
            "irritability", "changes in appetite", "concentration difficulty", "tiredness or fatigue",
            "loss of interest in sex",
        ];
        var items = ImmutableArray.CreateBuilder<Item>(21);
        for (int number = 1; number <= 21; number++)
        {
            items.Add(number is 16 or 18
                ? new Item(number, names[number - 1], 0, 3, [0, 1, 1, 2, 2, 3, 3], ["0", "1a", "1b", "2a", "2b", "3a", "3b"], null, null, null, null)
                : Declare.Item(number, names[number - 1], 0, 3));
        }

        return items.MoveToImmutable();
    }

    private static ImmutableArray<Item> CesdItems()
    {
        string[] names =
        [
            "bothered", "poor appetite", "could not shake off the blues", "felt as good as others", "trouble keeping mind on things",
            "depressed", "everything an effort", "hopeful about the future", "life a failure", "fearful", "restless sleep",
            "happy", "talked less", "lonely", "people unfriendly", "enjoyed life", "crying spells", "sad",
            "felt disliked", "could not get going",
        ];
        var items = ImmutableArray.CreateBuilder<Item>(20);
        for (int number = 1; number <= 20; number++)
            items.Add(Declare.Item(number, names[number - 1], 0, 3, reversed: number is 4 or 8 or 12 or 16));
        return items.MoveToImmutable();
    }

    /// <summary>C-SSRS screener (Screen Version – Recent): six yes/no items and the recency of item 6; a risk level, no total.</summary>
    /// <remarks>
    /// Posner K et al. The Columbia-Suicide Severity Rating Scale. Am J Psychiatry 2011;168:1266-1277.
    /// Items 1-6 are 1 (yes) or 0 (no); item 7 is "item 6 happened within the past 3 months". Skip logic: items
    /// 3-5 are asked only when item 2 is yes; item 7 only when item 6 is yes. Risk: high if 4 or 5 is yes, or 6
    /// within 3 months; else moderate if 3 is yes or 6 is yes; else low if 1 or 2 is yes; else none. High is
    /// Columbia's threshold for immediate safety precautions (urgent); the moderate/low split follows the colour
    /// bands of Columbia's Screener with Triage Points, and their actions are setting-specific (review).
    /// </remarks>
    public static Instrument CssrsScreen { get; } = new(new InstrumentSpec
    {
        Id = "cssrs-screen",
        Name = "Columbia Suicide Severity Rating Scale, Screen Version - Recent",
        Rater = Rater.Either,
        Items =
        [
            Declare.YesNo(1, "wish to be dead"),
            Declare.YesNo(2, "non-specific active suicidal thoughts"),
            Declare.YesNo(3, "active ideation with method, no intent", new ItemCondition(2, 1)),
            Declare.YesNo(4, "active ideation with some intent, no plan", new ItemCondition(2, 1)),
            Declare.YesNo(5, "active ideation with plan and intent", new ItemCondition(2, 1)),
            Declare.YesNo(6, "suicidal behaviour (lifetime)"),
            Declare.YesNo(7, "suicidal behaviour within the past 3 months", new ItemCondition(6, 1)),
        ],
        Method = ScoringMethod.RiskTiers,
        RiskTiers =
        [
            new RiskTier(RiskLevel.High, [4, 5, 7], FlagPriority.Urgent),
            new RiskTier(RiskLevel.Moderate, [3, 6], FlagPriority.Review),
            new RiskTier(RiskLevel.Low, [1, 2], FlagPriority.Review),
        ],
        RiskProvenance = "High: Columbia triage (immediate safety precautions). Moderate/low: colour bands of Columbia's Screener with Triage Points; actions are setting-specific.",
        LoincTotal = "93374-7",
        Citation = "Posner K, Brown GK, Stanley B, et al. Am J Psychiatry 2011;168:1266-1277",
        Licence = LicenceStatus.FreeForClinicalUse,
        LicenceNote = "Copyright Research Foundation for Mental Hygiene; free for health-care use, vendor terms unconfirmed: item names only.",
    });
}
