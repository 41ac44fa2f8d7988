namespace Assessments;

public static partial class Instruments
{
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
            // LOINC item codes of the 93373-9 panel (US Core and the HL7 Behavioral Health example use them as linkIds;
            // via the LHC-Forms questionnaire and the HL7 example's item texts: secondary sources).
            Declare.YesNo(1, "wish to be dead", loinc: "93246-7"),
            Declare.YesNo(2, "non-specific active suicidal thoughts", loinc: "93247-5"),
            Declare.YesNo(3, "active ideation with method, no intent", new ItemCondition(2, 1), "93248-3"),
            Declare.YesNo(4, "active ideation with some intent, no plan", new ItemCondition(2, 1), "93249-1"),
            Declare.YesNo(5, "active ideation with plan and intent", new ItemCondition(2, 1), "93250-9"),
            Declare.YesNo(6, "suicidal behaviour (lifetime)", loinc: "93267-3"),
            Declare.YesNo(7, "suicidal behaviour within the past 3 months", new ItemCondition(6, 1), "93269-9"),
        ],
        Method = ScoringMethod.RiskTiers,
        RiskTiers =
        [
            new RiskTier(RiskLevel.High, [4, 5, 7], FlagPriority.Urgent),
            new RiskTier(RiskLevel.Moderate, [3, 6], FlagPriority.Review),
            new RiskTier(RiskLevel.Low, [1, 2], FlagPriority.Review),
        ],
        RiskProvenance = "High: Columbia triage (immediate safety precautions). Moderate/low: colour bands of Columbia's Screener with Triage Points; actions are setting-specific.",
        LoincPanel = "93373-9", // LHC-Forms questionnaire "C-SSRS screener - recent" (secondary source)
        LoincRiskLevel = "93374-7", // a generic suicide risk level code (HL7 Behavioral Health example), never a total
        Citation = "Posner K, Brown GK, Stanley B, et al. Am J Psychiatry 2011;168:1266-1277",
        Licence = LicenceStatus.FreeForClinicalUse,
        LicenceNote = "Copyright Research Foundation for Mental Hygiene; free for health-care use, vendor terms unconfirmed: item names only.",
    });
}
