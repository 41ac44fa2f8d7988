
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

    /// <summary>The facts beside the total must fit the instrument: subscale items exist, cluster requirements name
    /// subscales and can be met, a scaled table has one entry per total, a total flag's threshold is a total.</summary>
    internal static string? FindFactsProblem(Instrument instrument)
    {
        var ids = new System.Collections.Generic.HashSet<string>(System.StringComparer.Ordinal);
        foreach (Subscale subscale in instrument.Subscales)
        {
            if (!ids.Add(subscale.Id))
                return $"subscale '{subscale.Id}' is declared twice.";
            foreach (int n in subscale.ItemNumbers)
            {
                if (n < 1 || n > instrument.Items.Length)
                    return $"subscale '{subscale.Id}' names item {n}, which does not exist.";
            }
        }

        if (instrument.ClusterRule is { } rule)
        {
            foreach ((string id, int required) in rule.Required)
            {
                Subscale? subscale = System.Linq.Enumerable.FirstOrDefault(instrument.Subscales, s => s.Id == id);
                if (subscale is null || required < 0 || required > subscale.ItemNumbers.Length)
                    return $"the cluster rule names subscale '{id}', which does not exist or has fewer items than it requires.";
            }
        }

        if (!instrument.HasTotal && (instrument.ResponderAtMost is not null || instrument.ScaledScores is not null || instrument.TotalFlag is not null || !instrument.Subscales.IsEmpty))
            return "an instrument without a total has no facts beside it.";
        if (instrument.ResponderAtMost is int responder && (responder < instrument.MinTotal || responder > instrument.MaxTotal))
            return "the responder rating must be a total of the instrument.";
        if (instrument.ScaledScores is { } table && (table.FirstTotal != instrument.MinTotal || table.Scores.Length != instrument.MaxTotal - instrument.MinTotal + 1))
            return "a scaled-score table needs one entry per total, from the lowest.";
        if (instrument.TotalFlag is not null && instrument.Method != ScoringMethod.Sum)
            return "a total flag needs a sum total (its lower bound on an invalid response is the sum of the readable items).";
        if (instrument.TotalFlag is { } flag && (flag.At < instrument.MinTotal || flag.At > instrument.MaxTotal))
            return "a total flag's threshold must be a total of the instrument.";
        return null;
    }
}
