namespace Assessments;

/// <summary>Who completes an instrument.</summary>
public enum Rater
{
    /// <summary>The patient completes it (self-report).</summary>
    Self,

    /// <summary>A trained clinician rates it.</summary>
    Clinician,

    /// <summary>Either the patient or a clinician may complete it.</summary>
    Either,
}

/// <summary>What the values of a response are.</summary>
public enum ResponseValueKind
{
    /// <summary>Item scores, already keyed: the total is their plain sum (or the domain rule).</summary>
    ItemScores,

    /// <summary>Option positions on the printed form (0 = first option), which the instrument keys into item scores.</summary>
    OptionPositions,
}

/// <summary>How urgently a safety flag needs a clinician's attention.</summary>
/// <remarks>No member is 0: <c>default(FlagPriority)</c> is no priority at all, never "review".</remarks>
public enum FlagPriority
{
    /// <summary>Review at this visit.</summary>
    Review = 1,

    /// <summary>Act now: same-visit risk assessment.</summary>
    Urgent = 2,
}

/// <summary>Whether an instrument screens for suicide risk at all.</summary>
/// <remarks>No member is 0: <c>default(SafetyScreen)</c> claims neither, so an unset value is never read as "covered".</remarks>
public enum SafetyScreen
{
    /// <summary>The instrument has a suicide item or a risk rule, and the result reports on it.</summary>
    Covered = 1,

    /// <summary>The instrument asks nothing about suicide: silence is not safety.</summary>
    NotCovered = 2,
}

/// <summary>Suicide risk level of the C-SSRS screener (docs/clinical-rules.md §4).</summary>
/// <remarks>No member is 0: <c>default(RiskLevel)</c> is not "none" (no risk is a clinical finding, never a default).
/// Levels compare in order of risk.</remarks>
public enum RiskLevel
{
    /// <summary>No item endorsed.</summary>
    None = 1,

    /// <summary>Wish to be dead or non-specific active thoughts only.</summary>
    Low = 2,

    /// <summary>Ideation with method, or suicidal behaviour more than 3 months ago.</summary>
    Moderate = 3,

    /// <summary>Ideation with intent or plan, or suicidal behaviour within 3 months.</summary>
    High = 4,
}

/// <summary>How an instrument combines item scores into a result.</summary>
public enum ScoringMethod
{
    /// <summary>Total = sum of the item scores.</summary>
    Sum,

    /// <summary>Total = sum over domains of the highest item score in each domain (QIDS-SR16).</summary>
    DomainMaximumSum,

    /// <summary>No total: the first risk tier with an endorsed item gives the risk level (C-SSRS screener).</summary>
    RiskTiers,
}

/// <summary>Whether item text may be shipped for an instrument.</summary>
public enum LicenceStatus
{
    /// <summary>Public domain.</summary>
    PublicDomain,

    /// <summary>Copyrighted, free to reproduce without permission.</summary>
    FreeNoPermission,

    /// <summary>Free for clinical and research use; commercial embedding terms not confirmed.</summary>
    FreeForClinicalUse,

    /// <summary>Copyrighted and commercially licensed; scoring only.</summary>
    Proprietary,

    /// <summary>Licence not determined; item names only.</summary>
    Undetermined,
}

/// <summary>What a treatment course reports on an instrument (docs/clinical-rules.md §6, "Catalogue v2 course modes").</summary>
public enum CourseMode
{
    /// <summary>Every §6 rule: response, remission, relapse, rapid response, reliable change.</summary>
    Full = 1,

    /// <summary>Totals, bands and change from baseline only (PROMIS, YMRS, WSAS, CGI-S): no outcome is judged.</summary>
    TotalsOnly = 2,

    /// <summary>Totals and bands, and per session the peak with its pre-dose value and change (CADSS, BPRS+).</summary>
    SessionRelative = 3,

    /// <summary>No course (CGI-I, already a rating of change; the C-SSRS screeners, risk levels).</summary>
    None = 4,
}
