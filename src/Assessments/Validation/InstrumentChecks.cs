
namespace Assessments.Validation;

/// <summary>The structural backstop of the one instrument validation: a declaration the constructor refuses.</summary>
internal static class InstrumentChecks
{
    /// <summary>A backstop for programmer errors in a declaration; clinic definitions are validated in full before this.</summary>
    internal static string? FindStructuralProblem(Instrument instrument)
    {
        if (string.IsNullOrWhiteSpace(instrument.Id))
            return "the id is empty.";
        if (instrument.Items.IsDefaultOrEmpty)
            return "there are no items.";
        if (instrument.Items.Length > Limits.MaxItems)
            return $"an instrument has at most {Limits.MaxItems} items.";
        for (int i = 0; i < instrument.Items.Length; i++)
        {
            Item item = instrument.Items[i];
            if (item.Number != i + 1)
                return $"items must be numbered 1..{instrument.Items.Length} in order.";
            if (item.AskedWhen is { } condition && (condition.ItemNumber >= item.Number || condition.ItemNumber < 1))
                return $"item {item.Number} depends on an item that does not come before it.";
            if (item.AskedWhen is { } c && (c.Score < instrument.Items[c.ItemNumber - 1].MinScore || c.Score > instrument.Items[c.ItemNumber - 1].MaxScore))
                return $"item {item.Number} is asked on a score its parent item cannot have, so it would never be asked.";
            if (item.MaxScore > Limits.MaxItemScore || item.PositionScores.Length > Limits.MaxOptions)
                return $"item {item.Number} exceeds the item score or option limits.";
        }

        foreach (SafetyRule rule in instrument.SafetyRules)
        {
            if (rule.ItemNumber > instrument.Items.Length)
                return $"safety item {rule.ItemNumber} does not exist.";
            if (instrument.Items[rule.ItemNumber - 1].NotAssessedValue is not null)
                return $"safety item {rule.ItemNumber} may not have a not-assessed value.";
            if (System.Linq.Enumerable.Count(instrument.SafetyRules, r => r.ItemNumber == rule.ItemNumber) > 1)
                return $"safety item {rule.ItemNumber} has more than one rule.";
        }

        if (instrument.Method == ScoringMethod.DomainMaximumSum)
        {
            var seen = new bool[instrument.Items.Length];
            foreach (ScoringDomain domain in instrument.Domains)
            {
                foreach (int n in domain.ItemNumbers)
                {
                    if (n < 1 || n > seen.Length || seen[n - 1])
                        return $"domain '{domain.Name}' names item {n}, which does not exist or is in another domain.";
                    seen[n - 1] = true;
                }
            }

            if (System.Array.IndexOf(seen, false) >= 0)
                return "every item must belong to exactly one domain.";
        }

        foreach (RiskTier tier in instrument.RiskTiers)
        {
            foreach (int n in tier.AnyOfItems)
            {
                if (n < 1 || n > instrument.Items.Length)
                    return $"risk tier '{tier.Level}' names item {n}, which does not exist.";
            }
        }

        if (instrument.RiskTiers.Length > Limits.MaxRiskTiers || System.Linq.Enumerable.Count(System.Linq.Enumerable.Distinct(System.Linq.Enumerable.Select(instrument.RiskTiers, t => t.Level))) != instrument.RiskTiers.Length)
            return "risk tiers must have distinct levels, at most the limit.";
        if (instrument.Method == ScoringMethod.RiskTiers && instrument.RiskTiers.IsEmpty)
            return "a risk-tier instrument needs tiers.";
        if (instrument.MaxMissingForProration < 0 || instrument.MaxMissingForProration >= instrument.Items.Length)
            return "the proration limit must be between 0 and the item count less one.";
        return null;
    }
}
