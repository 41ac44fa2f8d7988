using System;

namespace Assessments.Evaluation;

/// <summary>What the kernel decided about one item.</summary>
internal enum ItemState : byte
{
    /// <summary>A valid value, keyed into <see cref="ItemOutcome.Score"/>.</summary>
    Scored,

    /// <summary>The item's "not assessed" value: contributes 0 and is noted.</summary>
    NotAssessed,

    /// <summary>Blank, and the skip logic did not ask it.</summary>
    NotAsked,

    /// <summary>The item's lowest score given where the skip logic did not ask the item, read as not asked under
    /// <see cref="ScoringOptions.NoOnSkippedItemIsNotAsked"/> (imported records store "No" for skipped questions;
    /// docs/clinical-rules.md §4): not an error, and noted.</summary>
    NotAskedAnsweredNo,

    /// <summary>Blank, and excused: an either/or partner answered, or opt-in proration covers it.</summary>
    Excused,

    /// <summary>Blank, and whether it was asked cannot be told (the item it depends on has no valid value).</summary>
    Undetermined,

    /// <summary>Error <c>item-not-asked</c>: a value where the skip logic did not ask the item.</summary>
    AnsweredNotAsked,

    /// <summary>Error <c>item-out-of-range</c>.</summary>
    OutOfRange,

    /// <summary>Error <c>item-not-a-number</c>.</summary>
    Unreadable,

    /// <summary>Error <c>item-missing</c>; <see cref="ItemOutcome.Reason"/> says why.</summary>
    Missing,
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

/// <summary>The kernel's record of one item.</summary>
internal struct ItemOutcome
{
    public ItemState State;

    public MissingReason Reason;

    /// <summary>Whether the skip logic asked the item.</summary>
    public AskState Asked;

    /// <summary>The keyed item score of a readable, in-range value (also of one given where the item was not
    /// asked); 0 for "not assessed"; -1 when the item has no valid value (-2: a "not assessed" value where the item was not
    /// asked).</summary>
    public int Score;

    public readonly bool IsError => State >= ItemState.AnsweredNotAsked;

    /// <summary>Whether the item contributes a keyed score to a valid result (scored, or "not assessed" as 0); the
    /// item scores every result lists.</summary>
    public readonly bool HasItemScore => State is ItemState.Scored or ItemState.NotAssessed;

    /// <summary>Whether the item holds a readable, in-range value (what a safety rule reads).</summary>
    public readonly bool HasReadableValue => Score >= 0 && State is ItemState.Scored or ItemState.AnsweredNotAsked;

    /// <summary>A safety item in this state must be asked again: it holds no readable, in-range value (blank,
    /// unreadable, out of range, excused, "not assessed") and it may have been asked, or something was given there that
    /// cannot be read (an unreadable or out-of-range answer where the skip logic says the question was not asked: it
    /// could be a "yes" to intent; docs/clinical-rules.md §3, "Never lost").</summary>
    public readonly bool LacksValue => !HasReadableValue && (Asked != AskState.NotAsked || State == ItemState.Unreadable || (State == ItemState.AnsweredNotAsked && Score == -1));

    /// <summary>The <see cref="Score"/> of a "not assessed" value given where the item was not asked: an error, but a
    /// statement, not an unreadable answer.</summary>
    public const int NotAssessedWhereNotAsked = -2;
}

/// <summary>Whether the skip logic asked an item.</summary>
internal enum AskState : byte
{
    Asked,
    NotAsked,

    /// <summary>The item it depends on has no valid value, so nobody can tell.</summary>
    Unknown,
}

/// <summary>The kernel's summary of a response, beside its per-item outcomes.</summary>
internal readonly struct KernelSummary
{
    public KernelSummary(bool countMatches, int errorCount, int firstErrorIndex, bool prorated, int total, int tier, bool hasNotes)
    {
        CountMatches = countMatches;
        ErrorCount = errorCount;
        FirstErrorIndex = firstErrorIndex;
        Prorated = prorated;
        Total = total;
        Tier = tier;
        HasNotes = hasNotes;
    }

    /// <summary>A response whose number of values is not the number of items: one <c>item-count</c> error, no item
    /// located.</summary>
    public static KernelSummary CountMismatch => new(false, 1, -1, false, 0, -1, false);

    /// <summary>Whether the number of values matched the items (else no item can be located).</summary>
    public bool CountMatches { get; }

    /// <summary>How many errors: one for a wrong count, else one per item in an error state.</summary>
    public int ErrorCount { get; }

    /// <summary>The 0-based item of the first error in item order; -1 when none or for a wrong count.</summary>
    public int FirstErrorIndex { get; }

    public bool Prorated { get; }

    /// <summary>The total of a valid response (0 for a risk-tier instrument).</summary>
    public int Total { get; }

    /// <summary>The index of the risk tier reached: on a valid response its level, on an invalid one the lower bound
    /// its readable answers already imply; -1 when no tier is reached.</summary>
    public int Tier { get; }

    public bool HasNotes { get; }

    public bool IsValid => CountMatches && ErrorCount == 0;
}

/// <summary>Receives the flags the kernel decides, in wire order.</summary>
internal interface IFlagSink
{
    void SuicideRisk(int ruleIndex, int itemNumber, int value, FlagPriority priority);

    void RiskLevel(int tierIndex, RiskLevel level, FlagPriority priority);

    void Unanswered(int itemNumber);

    void TotalSignal(int value, FlagPriority priority);
}

/// <summary>
/// The one scoring kernel. It records, per item, what happened (keyed score, not asked, not assessed, excused,
/// missing, out of range, unreadable) and decides the total, the risk tier and every safety flag. The result object,
/// <see cref="Instrument.ScoreQuick(ReadOnlySpan{int}, ScoringOptions?)"/> and the batch writer are projections of
/// that record. Rules: docs/clinical-rules.md (scoring, missing items, safety: "never lost").
/// </summary>
internal static class ScoringKernel
{
    /// <summary>Scores <paramref name="values"/> into <paramref name="outcomes"/>.</summary>
    /// <param name="plan">The instrument's plan.</param>
    /// <param name="values">One value per item; ignored where <paramref name="states"/> says blank or unreadable.</param>
    /// <param name="states">How each value arrived; empty means every value is an answered integer.</param>
    /// <param name="settings">Value kind, the opt-in to proration and the import rule for skipped "No" answers.</param>
    /// <param name="outcomes">At least one slot per item.</param>
    public static KernelSummary Run(ScoringPlan plan, ReadOnlySpan<int> values, ReadOnlySpan<RawItemState> states, in EvaluationSettings settings, Span<ItemOutcome> outcomes)
    {
        ResponseValueKind kind = settings.Kind;
        int n = plan.Count;
        if (values.Length != n || (!states.IsEmpty && states.Length != n))
            return KernelSummary.CountMismatch;

        if (plan.SimpleSum && kind == ResponseValueKind.ItemScores && states.IsEmpty && TrySimpleSum(plan, values, out int simpleTotal))
        {
            for (int i = 0; i < n; i++)
                outcomes[i] = new ItemOutcome { State = ItemState.Scored, Asked = AskState.Asked, Score = values[i] };
            return new KernelSummary(true, 0, -1, false, simpleTotal, -1, false);
        }

        bool hasNotes = false;
        int blanks = 0;
        for (int i = 0; i < n; i++)
        {
            ref ItemOutcome o = ref outcomes[i];
            o.Reason = MissingReason.None;
            o.Score = -1;
            AskState asked = AskStateOf(plan, outcomes, i);
            o.Asked = asked;
            RawItemState state = states.IsEmpty ? RawItemState.Answered : states[i];
            switch (state)
            {
                case RawItemState.Unreadable:
                    o.State = ItemState.Unreadable;
                    break;
                case RawItemState.Blank or RawItemState.NotAsked:
                    o.State = asked switch
                    {
                        AskState.NotAsked => ItemState.NotAsked,
                        AskState.Unknown => ItemState.Undetermined,
                        _ => ItemState.Missing,
                    };
                    if (o.State == ItemState.Missing)
                        blanks++;
                    break;
                default:
                {
                    int value = values[i];
                    // A rating whose "not assessed" would be ambiguous as an option position (CGI: is position 0 the
                    // first rating or "not assessed"?) takes item scores only: a position is refused, never guessed.
                    if (kind == ResponseValueKind.OptionPositions && plan.RefusesPositions[i])
                    {
                        o.State = ItemState.OutOfRange;
                        break;
                    }

                    // The not-assessed value is read as such when it is not an option position being given (CGI's 0 is
                    // "not assessed" as an item score, but position 0 is the first option, a rating of 1).
                    bool notAssessed = plan.HasNotAssessed[i] && value == plan.NotAssessed[i] && (kind == ResponseValueKind.ItemScores || value < 0 || value >= plan.Keys[i].Length);
                    if (notAssessed && plan.NotAssessedIsMissing[i] && asked != AskState.NotAsked)
                    {
                        // "Not assessed" on a rating that has no score without it (CGI): the item is missing.
                        o.State = asked == AskState.Unknown ? ItemState.Undetermined : ItemState.Missing;
                        if (o.State == ItemState.Missing)
                            blanks++;
                        break;
                    }

                    if (notAssessed)
                    {
                        o.State = asked == AskState.NotAsked ? ItemState.AnsweredNotAsked : ItemState.NotAssessed;
                        o.Score = asked == AskState.NotAsked ? ItemOutcome.NotAssessedWhereNotAsked : 0;
                        hasNotes |= o.State == ItemState.NotAssessed;
                        break;
                    }

                    int score = Key(plan, i, value, kind);
                    if (asked == AskState.NotAsked && settings.NoOnSkippedItemIsNotAsked && score == plan.Min[i])
                    {
                        o.State = ItemState.NotAskedAnsweredNo;
                        hasNotes = true;
                        break;
                    }

                    o.Score = score;
                    o.State = asked == AskState.NotAsked ? ItemState.AnsweredNotAsked : score >= 0 ? ItemState.Scored : ItemState.OutOfRange;
                    break;
                }
            }
        }

        bool prorated = blanks > 0 && DecideMissing(plan, outcomes, settings.Prorate);

        int errors = 0, first = -1;
        for (int i = 0; i < n; i++)
        {
            if (outcomes[i].IsError)
            {
                if (errors++ == 0)
                    first = i;
            }
        }

        int tier = TierOf(plan, outcomes, errors == 0);
        int total = 0;
        if (errors == 0)
        {
            total = plan.Instrument.Method switch
            {
                ScoringMethod.DomainMaximumSum => DomainTotal(plan, outcomes),
                ScoringMethod.RiskTiers => 0,
                _ => SumTotal(plan, outcomes, prorated),
            };
        }

        return new KernelSummary(true, errors, first, prorated, total, tier, hasNotes && errors == 0);
    }

    /// <summary>
    /// Emits every safety flag of a response, valid or not, in wire order: each safety rule (its
    /// <c>suicide-risk</c> flag from a readable in-range value, else <c>safety-item-unanswered</c> when the item has
    /// no valid value and may have been asked), then, for a risk-tier instrument, each item without a valid value,
    /// then the risk level reached (on an invalid response, the lower bound its answers imply). With a wrong number of
    /// values no item can be located: every safety item raises <c>safety-item-unanswered</c>
    /// (docs/clinical-rules.md, "Never lost").
    /// </summary>
    public static void EmitFlags<TSink>(ScoringPlan plan, ReadOnlySpan<ItemOutcome> outcomes, in KernelSummary summary, ref TSink sink)
        where TSink : struct, IFlagSink
    {
        SafetyRule[] rules = plan.Rules;
        if (!summary.CountMatches)
        {
            foreach (SafetyRule rule in rules)
                sink.Unanswered(rule.ItemNumber);
            if (plan.Tiers.Length > 0)
            {
                for (int i = 0; i < plan.Count; i++)
                {
                    if (plan.Parent[i] < 0 && plan.SafetyRuleOf[i] < 0)
                        sink.Unanswered(i + 1);
                }
            }

            return;
        }

        for (int r = 0; r < rules.Length; r++)
        {
            ItemOutcome o = outcomes[rules[r].ItemNumber - 1];
            EmitRule(rules, r, o.HasReadableValue ? o.Score : -1, o.LacksValue, ref sink);
        }

        if (plan.Instrument.TotalFlag is { } totalFlag)
        {
            // The total, or on an invalid response the sum of the items that could be read: a lower bound of the total
            // that already says enough when it reaches the threshold (never hidden by another item's fault).
            int value = summary.IsValid ? summary.Total : 0;
            if (!summary.IsValid)
            {
                for (int i = 0; i < plan.Count; i++)
                {
                    if (outcomes[i].HasReadableValue)
                        value += outcomes[i].Score;
                }
            }

            if (value >= totalFlag.At)
                sink.TotalSignal(value, totalFlag.Priority);
        }

        if (plan.Tiers.Length == 0)
            return;
        for (int i = 0; i < plan.Count; i++)
        {
            if (plan.SafetyRuleOf[i] < 0 && outcomes[i].LacksValue)
                sink.Unanswered(i + 1);
        }

        if (summary.Tier >= 0 && plan.Tiers[summary.Tier].Priority is FlagPriority tierPriority)
            sink.RiskLevel(summary.Tier, plan.Tiers[summary.Tier].Level, tierPriority);
    }

    /// <summary>The flags of a response that <see cref="TrySimpleSum"/> found valid: every item holds its value, so each
    /// safety rule reads it directly (the same rule decision as <see cref="EmitFlags"/>; no tiers on a sum instrument).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static void EmitSimpleFlags<TSink>(ScoringPlan plan, ReadOnlySpan<int> values, ref TSink sink)
        where TSink : struct, IFlagSink => EmitSimpleFlags<int, PlainScores, TSink>(plan, values, ref sink);

    /// <summary><see cref="EmitSimpleFlags{TSink}(ScoringPlan, ReadOnlySpan{int}, ref TSink)"/> over values of another
    /// form (<see cref="NullableScores"/>: a caller's <c>int?[]</c>, read in place), which
    /// <see cref="TrySimpleSum{T, TRead}"/> found complete and in range.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static void EmitSimpleFlags<T, TRead, TSink>(ScoringPlan plan, ReadOnlySpan<T> values, ref TSink sink)
        where TRead : struct, IScoreRead<T>
        where TSink : struct, IFlagSink
    {
        SafetyRule[] rules = plan.Rules;
        for (int r = 0; r < rules.Length; r++)
        {
            TRead.TryRead(values[rules[r].ItemNumber - 1], out int score);
            EmitRule(rules, r, score, false, ref sink);
        }

        if (plan.Instrument.TotalFlag is { } totalFlag)
        {
            int total = 0;
            foreach (T v in values)
            {
                TRead.TryRead(v, out int score);
                total += score;
            }

            if (total >= totalFlag.At)
                sink.TotalSignal(total, totalFlag.Priority);
        }
    }

    /// <summary>One safety rule's decision: a readable in-range score at or above its threshold raises
    /// <c>suicide-risk</c>; no readable score on an item that may have been asked raises <c>safety-item-unanswered</c>.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static void EmitRule<TSink>(SafetyRule[] rules, int r, int readableScore, bool lacksValue, ref TSink sink)
        where TSink : struct, IFlagSink
    {
        SafetyRule rule = rules[r];
        if (readableScore >= 0)
        {
            if (rule.PriorityFor(readableScore) is FlagPriority priority)
                sink.SuicideRisk(r, rule.ItemNumber, readableScore, priority);
        }
        else if (lacksValue)
        {
            sink.Unanswered(rule.ItemNumber);
        }
    }

    /// <summary>The stable error code of an item state, or null when the state is not an error.</summary>
    public static string? ErrorCodeOf(ItemState state) => state switch
    {
        ItemState.AnsweredNotAsked => ErrorCodes.ItemNotAsked,
        ItemState.OutOfRange => ErrorCodes.ItemOutOfRange,
        ItemState.Unreadable => ErrorCodes.ItemNotANumber,
        ItemState.Missing => ErrorCodes.ItemMissing,
        _ => null,
    };

    /// <summary>Keys a value: option positions through the item's key, item scores by range; -1 when outside.</summary>
    private static int Key(ScoringPlan plan, int i, int value, ResponseValueKind kind)
    {
        if (kind == ResponseValueKind.OptionPositions)
        {
            int[] key = plan.Keys[i];
            return value >= 0 && value < key.Length ? key[value] : -1;
        }

        return value >= plan.Min[i] && value <= plan.Max[i] ? value : -1;
    }

    /// <summary>The common case in one tight loop: item scores of a sum instrument without skip logic, where keying is
    /// the identity (a "not assessed" value lies outside the range and goes to the general path). True (with the total) when every value lies in its item's range: the
    /// response is then valid and every item is scored with its value; false sends the response to the general path.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static bool TrySimpleSum(ScoringPlan plan, ReadOnlySpan<int> values, out int total) =>
        TrySimpleSum<int, PlainScores>(plan, values, out total);

    /// <summary>The simple-sum loop over values of any form <typeparamref name="TRead"/> reads (a plain score, or a
    /// caller's nullable one, where a blank is not simple): one rule, read in place, with no copy.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static bool TrySimpleSum<T, TRead>(ScoringPlan plan, ReadOnlySpan<T> values, out int total)
        where TRead : struct, IScoreRead<T>
    {
        total = 0;
        if (!plan.SimpleSum || values.Length != plan.Count)
            return false;
        int[] min = plan.Min, width = plan.Width;
        int sum = 0;
        unchecked
        {
            for (int i = 0; i < values.Length; i++)
            {
                if (!TRead.TryRead(values[i], out int v) || (uint)(v - min[i]) > (uint)width[i])
                    return false;
                sum += v;
            }
        }

        total = sum;
        return true;
    }

    /// <summary>Skip logic: asked when the parent item's keyed score equals the condition; not asked when it differs
    /// or the parent itself was not asked; unknown when the parent has no valid value.</summary>
    private static AskState AskStateOf(ScoringPlan plan, ReadOnlySpan<ItemOutcome> outcomes, int i)
    {
        int parent = plan.Parent[i];
        if (parent < 0)
            return AskState.Asked;
        ItemOutcome p = outcomes[parent];
        if (p.Asked == AskState.NotAsked)
            return AskState.NotAsked;
        if (p.State is not (ItemState.Scored or ItemState.NotAssessed))
            return AskState.Unknown;
        return p.Score == plan.ParentScore[i] ? AskState.Asked : AskState.NotAsked;
    }

    /// <summary>Decides which blank asked items are excused (either/or partners, opt-in proration) and why the others
    /// are missing (docs/clinical-rules.md, missing items). Returns whether proration excused any.</summary>
    private static bool DecideMissing(ScoringPlan plan, Span<ItemOutcome> outcomes, bool prorate)
    {
        int n = plan.Count;

        // QIDS-SR16 either/or pairs: a blank beside an answered partner is not missing (Rush 2003 form instructions).
        foreach (int[] group in plan.EitherOrGroups)
        {
            bool answered = false;
            foreach (int i in group)
                answered |= outcomes[i].State is ItemState.Scored or ItemState.NotAssessed;
            if (!answered)
                continue;
            foreach (int i in group)
            {
                if (outcomes[i].State == ItemState.Missing)
                    outcomes[i].State = ItemState.Excused;
            }
        }

        int blanks = 0;
        bool safetyBlank = false, parentBlank = false;
        for (int i = 0; i < n; i++)
        {
            if (outcomes[i].State == ItemState.Missing)
            {
                blanks++;
                safetyBlank |= plan.IsSafetyItem[i];
                parentBlank |= plan.IsParent[i];
            }
        }

        if (blanks == 0)
            return false;

        MissingReason reason;
        if (!prorate || parentBlank)
        {
            // Nothing is prorated while an item that decides whether others are asked is blank: its dependents
            // cannot be told asked or not (convention; docs/clinical-rules.md §5).
            reason = MissingReason.Blank;
        }
        else if (safetyBlank)
        {
            // A safety item is never prorated, and nothing is prorated while one is blank.
            for (int i = 0; i < n; i++)
            {
                if (outcomes[i].State == ItemState.Missing)
                    outcomes[i].Reason = plan.IsSafetyItem[i] ? MissingReason.SafetyItem : MissingReason.SafetyItemBlocksProration;
            }

            return false;
        }
        else if (plan.Instrument.Method == ScoringMethod.DomainMaximumSum)
        {
            // Multi-item domains with at least one answer are scored from their answers.
            bool prorated = false;
            for (int i = 0; i < n; i++)
            {
                if (outcomes[i].State != ItemState.Missing)
                    continue;
                int[] domain = plan.Domains[plan.DomainOf[i]];
                bool answered = false;
                if (domain.Length > 1)
                {
                    foreach (int m in domain)
                        answered |= outcomes[m].State is ItemState.Scored or ItemState.NotAssessed;
                }

                if (answered)
                {
                    outcomes[i].State = ItemState.Excused;
                    prorated = true;
                }
                else
                {
                    outcomes[i].Reason = MissingReason.WholeDomain;
                }
            }

            return prorated;
        }
        else if (blanks <= plan.Instrument.MaxMissingForProration)
        {
            for (int i = 0; i < n; i++)
            {
                if (outcomes[i].State == ItemState.Missing)
                    outcomes[i].State = ItemState.Excused;
            }

            return true;
        }
        else
        {
            reason = MissingReason.TooManyToProrate;
        }

        for (int i = 0; i < n; i++)
        {
            if (outcomes[i].State == ItemState.Missing)
                outcomes[i].Reason = reason;
        }

        return false;
    }

    /// <summary>The first risk tier (highest first) with an endorsed item (score 1). On a valid response that is the
    /// level; on an invalid one every readable endorsement counts, also one given where the skip logic did not ask,
    /// so the tier is a lower bound (C-SSRS: a yes to item 4 or 5 is never silent).</summary>
    private static int TierOf(ScoringPlan plan, ReadOnlySpan<ItemOutcome> outcomes, bool valid)
    {
        for (int t = 0; t < plan.TierItems.Length; t++)
        {
            foreach (int i in plan.TierItems[t])
            {
                ItemOutcome o = outcomes[i];
                if (o.Score == 1 && (o.State == ItemState.Scored || (!valid && o.State == ItemState.AnsweredNotAsked)))
                    return t;
            }
        }

        return -1;
    }

    /// <summary>
    /// Sum of keyed item scores. With proration: mean of the answered items × the item count, rounded half away from
    /// zero in exact integer arithmetic, kept inside the instrument's range (a local policy: no author rule exists;
    /// docs/clinical-rules.md, missing items).
    /// </summary>
    private static int SumTotal(ScoringPlan plan, ReadOnlySpan<ItemOutcome> outcomes, bool prorated)
    {
        long sum = 0;
        int answered = 0;
        for (int i = 0; i < plan.Count; i++)
        {
            if (outcomes[i].State is ItemState.Scored or ItemState.NotAssessed)
            {
                sum += outcomes[i].Score;
                answered++;
            }
        }

        if (!prorated || answered == 0)
            return (int)sum;
        long n = plan.Count;
        long value = ((2L * sum * n) + answered) / (2L * answered);
        return (int)Math.Clamp(value, plan.Instrument.MinTotal, plan.Instrument.MaxTotal);
    }

    /// <summary>Sum over domains of the highest answered item score (QIDS-SR16, Rush et al. 2003).</summary>
    private static int DomainTotal(ScoringPlan plan, ReadOnlySpan<ItemOutcome> outcomes)
    {
        int total = 0;
        foreach (int[] domain in plan.Domains)
        {
            int max = 0;
            foreach (int i in domain)
            {
                if (outcomes[i].State is ItemState.Scored or ItemState.NotAssessed && outcomes[i].Score > max)
                    max = outcomes[i].Score;
            }

            total += max;
        }

        return total;
    }
}

/// <summary>How the simple-sum loop reads one value as an item score; false when it holds none (a blank).</summary>
internal interface IScoreRead<T>
{
    static abstract bool TryRead(T value, out int score);
}

/// <summary>A plain item score.</summary>
internal readonly struct PlainScores : IScoreRead<int>
{
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static bool TryRead(int value, out int score)
    {
        score = value;
        return true;
    }
}

/// <summary>A caller's nullable item score: null is a blank.</summary>
internal readonly struct NullableScores : IScoreRead<int?>
{
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static bool TryRead(int? value, out int score)
    {
        score = value.GetValueOrDefault();
        return value.HasValue;
    }
}
