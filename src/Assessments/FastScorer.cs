using System;

namespace Assessments;

/// <summary>Per-instrument data for the fast path, computed once.</summary>
internal sealed class FastPlan
{
    public FastPlan(Instrument instrument)
    {
        int n = instrument.Items.Length;
        Min = new int[n];
        Width = new int[n];
        bool simple = instrument.Method == ScoringMethod.Sum;
        for (int i = 0; i < n; i++)
        {
            Item item = instrument.Items[i];
            Min[i] = item.MinScore;
            Width[i] = item.MaxScore - item.MinScore;
            simple &= item.AskedWhen is null;
        }

        SimpleSum = simple;
    }

    /// <summary>Sum scoring with no skip logic: item scores need no keying.</summary>
    public bool SimpleSum { get; }

    public int[] Min { get; }

    public int[] Width { get; }
}

/// <summary>
/// The allocation-free hot path for complete responses (every item answered): keying, range and skip-logic
/// checks, total, band and safety priority in one pass over a span. An FsCheck property holds its decisions equal to
/// the validator of record (<see cref="Validation.ResponseValidator"/>) and the full engine.
/// </summary>
internal static class FastScorer
{
    /// <summary>Marks a keyed slot whose item the skip logic did not ask (-1 marks an invalid value).</summary>
    private const int NotAsked = -2;

    /// <summary>The common case in one tight loop: a sum of item scores without skip logic, where keying is the
    /// identity. Returns false (and nothing) when a value needs the general path (out of range, not assessed).</summary>
    public static bool TryScoreSimpleSum(Instrument instrument, FastPlan plan, ReadOnlySpan<int> values, BandSet? bandSet, out QuickScore score)
    {
        score = default;
        int[] min = plan.Min, width = plan.Width;
        if (values.Length != min.Length)
            return false;
        int total = 0;
        unchecked
        {
            for (int i = 0; i < values.Length; i++)
            {
                int v = values[i];
                if ((uint)(v - min[i]) > (uint)width[i])
                    return false;
                total += v;
            }
        }

        FlagPriority? priority = null;
        int flags = 0;
        foreach (SafetyRule rule in instrument.SafetyRules)
        {
            if (rule.PriorityFor(values[rule.ItemNumber - 1]) is FlagPriority p)
            {
                flags++;
                priority = Max(priority, p);
            }
        }

        score = new QuickScore(true, total, bandSet?.Classify(total), null, priority, flags, false, 0, null, null);
        return true;
    }

    /// <summary>Scores <paramref name="values"/> into <paramref name="keyed"/> (one slot per item).</summary>
    public static QuickScore Score(Instrument instrument, ReadOnlySpan<int> values, ResponseValueKind kind, BandSet? bandSet, Span<int> keyed)
    {
        int n = instrument.Items.Length;
        if (values.Length != n)
            return new QuickScore(false, null, null, null, null, 0, false, 1, ErrorCodes.ItemCount, null);

        int errorCount = 0;
        string? firstCode = null;
        int? firstItem = null;
        bool hasNotes = false;
        var items = instrument.Items;
        for (int i = 0; i < n; i++)
        {
            Item item = items[i];
            int value = values[i];
            keyed[i] = -1;

            // Skip logic: a value where the item was not asked (its condition item scored otherwise).
            if (item.AskedWhen is { } condition)
            {
                int parent = keyed[condition.ItemNumber - 1];
                if (parent == NotAsked || (parent >= 0 && parent != condition.Score))
                {
                    keyed[i] = NotAsked;
                    Error(ref errorCount, ref firstCode, ref firstItem, ErrorCodes.ItemNotAsked, i + 1);
                    continue;
                }
            }

            if (value == item.NotAssessedValue)
            {
                keyed[i] = 0;
                hasNotes = true;
                continue;
            }

            if (kind == ResponseValueKind.OptionPositions)
            {
                if (value >= 0 && value < item.PositionScores.Length)
                {
                    keyed[i] = item.PositionScores[value];
                    continue;
                }
            }
            else if (value >= item.MinScore && value <= item.MaxScore)
            {
                keyed[i] = value;
                continue;
            }

            Error(ref errorCount, ref firstCode, ref firstItem, ErrorCodes.ItemOutOfRange, i + 1);
        }

        // Safety items flag also on an invalid response.
        FlagPriority? priority = null;
        int flags = 0;
        foreach (SafetyRule rule in instrument.SafetyRules)
        {
            int score = keyed[rule.ItemNumber - 1];
            if (score >= 0 && rule.PriorityFor(score) is FlagPriority p)
            {
                flags++;
                priority = Max(priority, p);
            }
        }

        if (errorCount > 0)
            return new QuickScore(false, null, null, null, priority, flags, false, errorCount, firstCode, firstItem);

        switch (instrument.Method)
        {
            case ScoringMethod.RiskTiers:
            {
                RiskLevel level = RiskLevel.None;
                foreach (RiskTier tier in instrument.RiskTiers)
                {
                    bool hit = false;
                    foreach (int number in tier.AnyOfItems)
                        hit |= keyed[number - 1] == 1;
                    if (hit)
                    {
                        level = tier.Level;
                        if (tier.Priority is FlagPriority p)
                        {
                            flags++;
                            priority = Max(priority, p);
                        }

                        break;
                    }
                }

                return new QuickScore(true, null, null, level, priority, flags, hasNotes, 0, null, null);
            }

            case ScoringMethod.DomainMaximumSum:
            {
                int total = 0;
                foreach (ScoringDomain domain in instrument.Domains)
                {
                    int max = 0;
                    foreach (int number in domain.ItemNumbers)
                        max = Math.Max(max, keyed[number - 1]);
                    total += max;
                }

                return new QuickScore(true, total, bandSet?.Classify(total), null, priority, flags, hasNotes, 0, null, null);
            }

            default:
            {
                int total = 0;
                for (int i = 0; i < n; i++)
                    total += keyed[i];
                return new QuickScore(true, total, bandSet?.Classify(total), null, priority, flags, hasNotes, 0, null, null);
            }
        }
    }

    private static FlagPriority Max(FlagPriority? a, FlagPriority b) => a is FlagPriority x && x > b ? x : b;

    private static void Error(ref int count, ref string? firstCode, ref int? firstItem, string code, int item)
    {
        if (count++ == 0)
        {
            firstCode = code;
            firstItem = item;
        }
    }
}
