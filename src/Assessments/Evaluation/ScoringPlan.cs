using System;
using System.Linq;

namespace Assessments.Evaluation;

/// <summary>
/// An instrument compiled once into flat arrays for the scoring kernel: ranges, keys, skip logic, safety rules,
/// domains and risk tiers, indexed by item (0-based). Every decision the kernel takes reads this plan; nothing
/// else re-derives it.
/// </summary>
internal sealed class ScoringPlan
{
    public ScoringPlan(Instrument instrument)
    {
        Instrument = instrument;
        int n = instrument.Items.Length;
        Count = n;
        Min = new int[n];
        Width = new int[n];
        Max = new int[n];
        Keys = new int[n][];
        NotAssessed = new int[n];
        HasNotAssessed = new bool[n];
        NotAssessedIsMissing = new bool[n];
        RefusesPositions = new bool[n];
        Parent = new int[n];
        ParentScore = new int[n];
        SafetyRuleOf = new int[n];
        IsSafetyItem = new bool[n];
        DomainOf = new int[n];
        bool simple = instrument.Method == ScoringMethod.Sum;
        for (int i = 0; i < n; i++)
        {
            Item item = instrument.Items[i];
            Min[i] = item.MinScore;
            Max[i] = item.MaxScore;
            Width[i] = item.MaxScore - item.MinScore;
            Keys[i] = [.. item.PositionScores];
            HasNotAssessed[i] = item.NotAssessedValue is not null;
            NotAssessed[i] = item.NotAssessedValue ?? 0;
            NotAssessedIsMissing[i] = item.NotAssessedIsMissing;
            RefusesPositions[i] = item.RefusesOptionPositions;
            Parent[i] = item.AskedWhen is { } condition ? condition.ItemNumber - 1 : -1;
            ParentScore[i] = item.AskedWhen?.Score ?? 0;
            SafetyRuleOf[i] = -1;
            simple &= item.AskedWhen is null; // a "not assessed" value lies outside the range: the loop sends it on
        }

        SimpleSum = simple;
        IsParent = new bool[n];
        foreach (int parent in Parent)
        {
            if (parent >= 0)
                IsParent[parent] = true;
        }

        Rules = [.. instrument.SafetyRules];
        for (int r = 0; r < Rules.Length; r++)
        {
            SafetyRuleOf[Rules[r].ItemNumber - 1] = r;
            IsSafetyItem[Rules[r].ItemNumber - 1] = true;
        }

        // Every item of a risk-tier instrument (the C-SSRS screener) is a safety item.
        if (instrument.Method == ScoringMethod.RiskTiers)
            Array.Fill(IsSafetyItem, true);

        Domains = new int[instrument.Domains.Length][];
        for (int d = 0; d < Domains.Length; d++)
        {
            ScoringDomain domain = instrument.Domains[d];
            Domains[d] = [.. domain.ItemNumbers.Select(x => x - 1)];
            foreach (int number in domain.ItemNumbers)
                DomainOf[number - 1] = d;
        }

        EitherOrGroups = [.. instrument.Domains.SelectMany(d => d.EitherOrGroups).Select(g => g.Select(x => x - 1).ToArray())];

        Tiers = [.. instrument.RiskTiers];
        TierItems = new int[Tiers.Length][];
        for (int t = 0; t < Tiers.Length; t++)
            TierItems[t] = [.. Tiers[t].AnyOfItems.Select(x => x - 1)];
    }

    public Instrument Instrument { get; }

    public int Count { get; }

    /// <summary>Sum scoring with no skip logic: item scores in range need no keying. A "not assessed" value always lies
    /// outside its item's range, so the simple loop hands such a response to the general path.</summary>
    public bool SimpleSum { get; }

    public int[] Min { get; }

    public int[] Max { get; }

    public int[] Width { get; }

    /// <summary>The item score of each option position (reverse keying lives here).</summary>
    public int[][] Keys { get; }

    public int[] NotAssessed { get; }

    public bool[] HasNotAssessed { get; }

    /// <summary>Per item: its not-assessed value makes it missing (CGI).</summary>
    public bool[] NotAssessedIsMissing { get; }

    /// <summary>Per item: option positions are refused (<see cref="Item.RefusesOptionPositions"/>).</summary>
    public bool[] RefusesPositions { get; }

    /// <summary>The 0-based item whose score decides whether the item is asked; -1 when always asked.</summary>
    public int[] Parent { get; }

    public int[] ParentScore { get; }

    /// <summary>Items whose score decides whether another item is asked: a blank one is never excused.</summary>
    public bool[] IsParent { get; }

    /// <summary>The index into <see cref="Rules"/> of the item's safety rule; -1 when none.</summary>
    public int[] SafetyRuleOf { get; }

    /// <summary>Items never prorated and flagged when they have no valid value.</summary>
    public bool[] IsSafetyItem { get; }

    public SafetyRule[] Rules { get; }

    /// <summary>0-based item indexes of each max-of-domain group.</summary>
    public int[][] Domains { get; }

    /// <summary>The index into <see cref="Domains"/> of each item (domain instruments only).</summary>
    public int[] DomainOf { get; }

    public int[][] EitherOrGroups { get; }

    public RiskTier[] Tiers { get; }

    public int[][] TierItems { get; }
}
