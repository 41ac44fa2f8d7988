using System;
using Assessments.Trends;

namespace Assessments;

/// <summary>The stable wire ids of the library's enumerations, in one place (JSON and the <c>assess</c> CLI use these,
/// never ordinals): <c>priority.ToWireId()</c>.</summary>
public static class WireIds
{
    /// <summary>The wire id of a flag priority: <c>review</c> or <c>urgent</c>.</summary>
    /// <param name="priority">The priority.</param>
    /// <returns>The id.</returns>
    public static string ToWireId(this FlagPriority priority) => priority switch
    {
        FlagPriority.Review => "review",
        FlagPriority.Urgent => "urgent",
        _ => throw new ArgumentOutOfRangeException(nameof(priority)),
    };

    /// <summary>The wire id of a risk level: <c>none</c>, <c>low</c>, <c>moderate</c> or <c>high</c>.</summary>
    /// <param name="level">The level.</param>
    /// <returns>The id.</returns>
    public static string ToWireId(this RiskLevel level) => level switch
    {
        RiskLevel.None => "none",
        RiskLevel.Low => "low",
        RiskLevel.Moderate => "moderate",
        RiskLevel.High => "high",
        _ => throw new ArgumentOutOfRangeException(nameof(level)),
    };

    /// <summary>The wire id of a safety-screen statement: <c>covered</c> or <c>not-covered</c>.</summary>
    /// <param name="screen">The statement.</param>
    /// <returns>The id.</returns>
    public static string ToWireId(this SafetyScreen screen) => screen switch
    {
        SafetyScreen.Covered => "covered",
        SafetyScreen.NotCovered => "not-covered",
        _ => throw new ArgumentOutOfRangeException(nameof(screen)),
    };

    /// <summary>The wire id of a rater: <c>self</c>, <c>clinician</c> or <c>either</c>.</summary>
    /// <param name="rater">The rater.</param>
    /// <returns>The id.</returns>
    public static string ToWireId(this Rater rater) => rater switch
    {
        Rater.Self => "self",
        Rater.Clinician => "clinician",
        Rater.Either => "either",
        _ => throw new ArgumentOutOfRangeException(nameof(rater)),
    };

    /// <summary>The wire id of a scoring method: <c>sum</c>, <c>domain-maximum-sum</c> or <c>risk-tiers</c>.</summary>
    /// <param name="method">The method.</param>
    /// <returns>The id.</returns>
    public static string ToWireId(this ScoringMethod method) => method switch
    {
        ScoringMethod.Sum => "sum",
        ScoringMethod.DomainMaximumSum => "domain-maximum-sum",
        ScoringMethod.RiskTiers => "risk-tiers",
        _ => throw new ArgumentOutOfRangeException(nameof(method)),
    };

    /// <summary>The wire id of a licence status, such as <c>public-domain</c>.</summary>
    /// <param name="licence">The status.</param>
    /// <returns>The id.</returns>
    public static string ToWireId(this LicenceStatus licence) => licence switch
    {
        LicenceStatus.PublicDomain => "public-domain",
        LicenceStatus.FreeNoPermission => "free-no-permission",
        LicenceStatus.FreeForClinicalUse => "free-for-clinical-use",
        LicenceStatus.Proprietary => "proprietary",
        LicenceStatus.Undetermined => "undetermined",
        _ => throw new ArgumentOutOfRangeException(nameof(licence)),
    };

    /// <summary>The wire id of a course status, such as <c>partial-response</c>.</summary>
    /// <param name="status">The status.</param>
    /// <returns>The id.</returns>
    public static string ToWireId(this CourseStatus status) => status switch
    {
        CourseStatus.Remission => "remission",
        CourseStatus.Response => "response",
        CourseStatus.PartialResponse => "partial-response",
        CourseStatus.Worsening => "worsening",
        CourseStatus.NonResponse => "non-response",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    /// <summary>The wire id of a course role, such as <c>follow-up</c>.</summary>
    /// <param name="role">The role.</param>
    /// <returns>The id.</returns>
    public static string ToWireId(this CourseRole role) => role switch
    {
        CourseRole.Excluded => "excluded",
        CourseRole.Screening => "screening",
        CourseRole.Baseline => "baseline",
        CourseRole.FollowUp => "follow-up",
        CourseRole.Invalid => "invalid",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    /// <summary>The wire id of a reliable-change category, such as <c>recovered</c>.</summary>
    /// <param name="category">The category.</param>
    /// <returns>The id.</returns>
    public static string ToWireId(this ReliableChangeCategory category) => category switch
    {
        ReliableChangeCategory.Recovered => "recovered",
        ReliableChangeCategory.Improved => "improved",
        ReliableChangeCategory.Unchanged => "unchanged",
        ReliableChangeCategory.Deteriorated => "deteriorated",
        _ => throw new ArgumentOutOfRangeException(nameof(category)),
    };

    /// <summary>The wire id of a course mode: <c>full</c>, <c>totals-only</c>, <c>session-relative</c> or <c>none</c>.</summary>
    /// <param name="mode">The mode.</param>
    /// <returns>The id.</returns>
    public static string ToWireId(this CourseMode mode) => mode switch
    {
        CourseMode.Full => "full",
        CourseMode.TotalsOnly => "totals-only",
        CourseMode.SessionRelative => "session-relative",
        CourseMode.None => "none",
        _ => throw new ArgumentOutOfRangeException(nameof(mode)),
    };

    internal static bool TryParse<T>(string? id, out T value)
        where T : struct, Enum
    {
        foreach (T candidate in Enum.GetValues<T>())
        {
            if (id is not null && id == OfAny(candidate))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    internal static T ParseOr<T>(string? id, T fallback)
        where T : struct, Enum => TryParse(id, out T value) ? value : fallback;

    private static string OfAny<T>(T value)
        where T : struct, Enum => value switch
    {
        FlagPriority p => ToWireId(p),
        RiskLevel r => ToWireId(r),
        SafetyScreen s => ToWireId(s),
        Rater r => ToWireId(r),
        CourseMode m => ToWireId(m),
        ScoringMethod m => ToWireId(m),
        LicenceStatus l => ToWireId(l),
        CourseStatus c => ToWireId(c),
        ReliableChangeCategory c => ToWireId(c),
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };
}
