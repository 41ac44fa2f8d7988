namespace Assessments;

public static partial class Instruments
{
    /// <summary>C-SSRS Since Last Visit: the screener's six yes/no questions about the time since the last visit; a risk
    /// level, no total (docs/clinical-rules.md §4).</summary>
    /// <remarks>
    /// Posner K et al. Am J Psychiatry 2011;168:1266-1277; used at every visit after a baseline screener (NINDS common data
    /// element guidance). Skip logic as the screener's: 3-5 are asked only when 2 is yes. No recency question: behaviour
    /// since the last visit is recent by construction, so a yes to 6 is high risk like a yes to 4 or 5 (convention:
    /// Columbia's triage guidance treats recent behaviour as the imminent-risk threshold). Moderate if 3 is yes; low if 1
    /// or 2 is yes; else none.
    /// </remarks>
    public static Instrument CssrsSinceLastVisit { get; } = new(new InstrumentSpec
    {
        Id = "cssrs-slv",
        Name = "Columbia Suicide Severity Rating Scale, Since Last Visit",
        Rater = Rater.Either,
        Items =
        [
            Declare.YesNo(1, "wish to be dead (since last visit)"),
            Declare.YesNo(2, "non-specific active suicidal thoughts (since last visit)"),
            Declare.YesNo(3, "active ideation with method, no intent (since last visit)", new ItemCondition(2, 1)),
            Declare.YesNo(4, "active ideation with some intent, no plan (since last visit)", new ItemCondition(2, 1)),
            Declare.YesNo(5, "active ideation with plan and intent (since last visit)", new ItemCondition(2, 1)),
            Declare.YesNo(6, "suicidal behaviour (since last visit)"),
        ],
        Method = ScoringMethod.RiskTiers,
        RiskTiers =
        [
            new RiskTier(RiskLevel.High, [4, 5, 6], FlagPriority.Urgent),
            new RiskTier(RiskLevel.Moderate, [3], FlagPriority.Review),
            new RiskTier(RiskLevel.Low, [1, 2], FlagPriority.Review),
        ],
        RiskProvenance = "High: Columbia triage (immediate safety precautions; behaviour since the last visit is recent). Moderate/low: colour bands of Columbia's Screener with Triage Points; actions are setting-specific.",
        Citation = "Posner K, Brown GK, Stanley B, et al. Am J Psychiatry 2011;168:1266-1277",
        Licence = LicenceStatus.FreeForClinicalUse,
        LicenceNote = "Copyright Research Foundation for Mental Hygiene; free for health-care use, vendor terms unconfirmed: item names only.",
    });
}
