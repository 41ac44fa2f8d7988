using System.Collections.Generic;

namespace Assessments.Validation;

/// <summary>Whether the skip logic asked an item.</summary>
internal enum AskState : byte
{
    Asked,
    NotAsked,

    /// <summary>The item it depends on is missing or invalid, so nobody can tell.</summary>
    Unknown,
}

/// <summary>
/// What a response's values mean item by item: keyed score, whether asked, whether a blank is excused
/// (either/or groups, opt-in proration). Validation reads it to report errors; scoring reads it to total.
/// </summary>
internal sealed class ResponseAnalysis
{
    public ResponseAnalysis(Instrument instrument, IReadOnlyList<int?> values, ScoringOptions options)
    {
        Instrument = instrument;
        Values = values;
        Options = options;
        int n = instrument.Items.Length;
        CountMatches = values.Count == n;
        Keyed = new int?[n];
        Asked = new AskState[n];
        Excused = new bool[n];
        NotAssessed = new bool[n];
        MissingReason = new MissingReason[n];
        if (!CountMatches)
            return;

        for (int i = 0; i < n; i++)
        {
            Item item = instrument.Items[i];
            Asked[i] = AskStateOf(item);
            if (values[i] is int v)
            {
                if (TryKey(item, v, options.Values, out int score, out bool notAssessed))
                {
                    Keyed[i] = score;
                    NotAssessed[i] = notAssessed;
                }
            }
        }

        DecideMissing();
    }

    public Instrument Instrument { get; }

    public IReadOnlyList<int?> Values { get; }

    public ScoringOptions Options { get; }

    public bool CountMatches { get; }

    /// <summary>Keyed item score of each valid answered item; null otherwise (blank, out of range).</summary>
    public int?[] Keyed { get; }

    public AskState[] Asked { get; }

    /// <summary>A blank asked item that needs no answer (either/or group, or prorated).</summary>
    public bool[] Excused { get; }

    public bool[] NotAssessed { get; }

    public MissingReason[] MissingReason { get; }

    /// <summary>Whether some blank was excused by proration (the result is marked prorated).</summary>
    public bool Prorated { get; private set; }

    public bool IsOutOfRange(int index) => Values[index] is not null && Keyed[index] is null;

    public bool IsMissing(int index) => Values[index] is null && Asked[index] == AskState.Asked && !Excused[index];

    public bool IsAnsweredButNotAsked(int index) => Values[index] is not null && Asked[index] == AskState.NotAsked;

    /// <summary>Keys a value into an item score: positions through the item's key, scores by range.</summary>
    internal static bool TryKey(Item item, int value, ResponseValueKind kind, out int score, out bool notAssessed)
    {
        notAssessed = false;
        if (item.NotAssessedValue == value)
        {
            notAssessed = true;
            score = 0;
            return true;
        }

        if (kind == ResponseValueKind.OptionPositions)
        {
            if (value >= 0 && value < item.PositionScores.Length)
            {
                score = item.PositionScores[value];
                return true;
            }
        }
        else if (value >= item.MinScore && value <= item.MaxScore)
        {
            score = value;
            return true;
        }

        score = 0;
        return false;
    }

    private AskState AskStateOf(Item item)
    {
        if (item.AskedWhen is not { } condition)
            return AskState.Asked;
        int parent = condition.ItemNumber - 1;
        if (Asked[parent] == AskState.NotAsked)
            return AskState.NotAsked;
        if (Keyed[parent] is not int parentScore)
            return AskState.Unknown;
        return parentScore == condition.Score ? AskState.Asked : AskState.NotAsked;
    }

    private bool IsSafetyItem(int number)
    {
        if (Instrument.Method == ScoringMethod.RiskTiers)
            return true;
        foreach (SafetyRule rule in Instrument.SafetyRules)
        {
            if (rule.ItemNumber == number)
                return true;
        }

        return false;
    }

    private void DecideMissing()
    {
        int n = Keyed.Length;
        var blanks = new List<int>();
        for (int i = 0; i < n; i++)
        {
            if (Values[i] is null && Asked[i] == AskState.Asked)
                blanks.Add(i);
        }

        if (blanks.Count == 0)
            return;

        // QIDS-SR16 either/or pairs: a blank beside an answered partner is not missing (CLINICAL-REFERENCE.md §1).
        foreach (ScoringDomain domain in Instrument.Domains)
        {
            foreach (var group in domain.EitherOrGroups)
            {
                bool answered = false;
                foreach (int number in group)
                    answered |= Keyed[number - 1] is not null;
                if (!answered)
                    continue;
                foreach (int number in group)
                {
                    if (Values[number - 1] is null)
                        Excused[number - 1] = true;
                }
            }
        }

        blanks.RemoveAll(i => Excused[i]);
        if (blanks.Count == 0)
            return;

        if (!Options.Prorate)
        {
            foreach (int i in blanks)
                MissingReason[i] = Validation.MissingReason.Blank;
            return;
        }

        bool safetyBlank = false;
        foreach (int i in blanks)
        {
            if (IsSafetyItem(i + 1))
            {
                safetyBlank = true;
                MissingReason[i] = Validation.MissingReason.SafetyItem;
            }
        }

        if (safetyBlank)
        {
            foreach (int i in blanks)
            {
                if (MissingReason[i] == Validation.MissingReason.None)
                    MissingReason[i] = Validation.MissingReason.SafetyItemBlocksProration;
            }

            return;
        }

        if (Instrument.Method == ScoringMethod.DomainMaximumSum)
        {
            // Multi-item domains with at least one answer are scored from their answers (§5).
            foreach (int i in blanks)
            {
                ScoringDomain domain = DomainOf(i + 1);
                bool answered = false;
                if (domain.ItemNumbers.Length > 1)
                {
                    foreach (int number in domain.ItemNumbers)
                        answered |= Keyed[number - 1] is not null;
                }

                if (answered)
                {
                    Excused[i] = true;
                    Prorated = true;
                }
                else
                {
                    MissingReason[i] = Validation.MissingReason.WholeDomain;
                }
            }

            return;
        }

        if (blanks.Count <= Instrument.MaxMissingForProration)
        {
            foreach (int i in blanks)
                Excused[i] = true;
            Prorated = true;
            return;
        }

        foreach (int i in blanks)
            MissingReason[i] = Validation.MissingReason.TooManyToProrate;
    }

    private ScoringDomain DomainOf(int number)
    {
        foreach (ScoringDomain domain in Instrument.Domains)
        {
            if (domain.ItemNumbers.Contains(number))
                return domain;
        }

        throw new System.InvalidOperationException("Every item belongs to a domain.");
    }
}

/// <summary>Why a blank item is an error.</summary>
internal enum MissingReason : byte
{
    None,
    Blank,
    SafetyItem,
    SafetyItemBlocksProration,
    TooManyToProrate,
    WholeDomain,
}
