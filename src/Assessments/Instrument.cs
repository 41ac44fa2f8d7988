using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Assessments.Evaluation;

namespace Assessments;

/// <summary>A validated rating scale, declared as data and scored by one generic engine.</summary>
/// <remarks>
/// Immutable and thread-safe. Built-in instruments are in <see cref="Instruments"/>; clinic-defined ones are
/// loaded with <see cref="Serialization.InstrumentDefinitions"/>. Quirks of a published algorithm (per-item
/// ranges, reverse keying, max-of-domain, skip logic, risk tiers) are data of this one type.
/// </remarks>
[System.Text.Json.Serialization.JsonConverter(typeof(Serialization.InstrumentJsonConverter))]
public sealed class Instrument
{

    internal Instrument(InstrumentSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Id = spec.Id;
        Name = spec.Name;
        Rater = spec.Rater;
        Items = spec.Items;
        Method = spec.Method;
        Domains = spec.Domains.IsDefault ? ImmutableArray<ScoringDomain>.Empty : spec.Domains;
        RiskTiers = spec.RiskTiers.IsDefault ? ImmutableArray<RiskTier>.Empty : spec.RiskTiers;
        RiskProvenance = spec.RiskProvenance;
        SafetyRules = spec.SafetyRules.IsDefault ? ImmutableArray<SafetyRule>.Empty : spec.SafetyRules;
        RemissionThreshold = spec.RemissionThreshold;
        RemissionSource = spec.RemissionSource;
        RelapseThreshold = spec.RelapseThreshold;
        RelapseSource = spec.RelapseSource;
        MinimalImportantDifference = spec.MinimalImportantDifference;
        MinimalImportantDifferenceSource = spec.MinimalImportantDifferenceSource;
        MaxMissingForProration = spec.MaxMissingForProration;
        LoincPanel = spec.LoincPanel;
        LoincTotal = spec.LoincTotal;
        LoincRiskLevel = spec.LoincRiskLevel;
        LoincAnswerList = spec.LoincAnswerList;
        LoincDifficultyItem = spec.LoincDifficultyItem;
        Citation = spec.Citation;
        Licence = spec.Licence;
        LicenceNote = spec.LicenceNote;
        RulesVersion = spec.RulesVersion;
        ReliableChangePoints = spec.ReliableChangePoints;
        CaseCutoff = spec.CaseCutoff;
        ReliableChangeSource = spec.ReliableChangeSource;
        CourseMode = spec.Method == ScoringMethod.RiskTiers ? CourseMode.None : spec.CourseMode;
        Subscales = spec.Subscales.IsDefault ? ImmutableArray<Subscale>.Empty : spec.Subscales;
        ClusterRule = spec.ClusterRule;
        ResponderAtMost = spec.ResponderAtMost;
        ResponderSource = spec.ResponderSource;
        ScaledScores = spec.ScaledScores;
        TotalFlag = spec.TotalFlag;

        string? problem = Validation.InstrumentChecks.FindStructuralProblem(this);
        if (problem is not null)
            throw new ArgumentException($"Instrument '{Id}': {problem}", nameof(spec));

        (MinTotal, MaxTotal) = ComputeRange();
        if (Validation.InstrumentChecks.FindFactsProblem(this) is string factsProblem)
            throw new ArgumentException($"Instrument '{Id}': {factsProblem}", nameof(spec));
        var sets = ImmutableArray.CreateBuilder<BandSet>();
        foreach (BandSetSpec set in spec.BandSets.IsDefault ? ImmutableArray<BandSetSpec>.Empty : spec.BandSets)
            sets.Add(new BandSet(set.Id, set.Citation, set.Bands, MinTotal, MaxTotal));
        BandSets = sets.ToImmutable();
        DefaultBandSet = BandSets.IsEmpty ? null : BandSets[0];
        Plan = new ScoringPlan(this);
        Caches = new ResultCaches(this);
    }

    /// <summary>Stable wire id, such as <c>phq-9</c>.</summary>
    public string Id { get; }

    /// <summary>Full name.</summary>
    public string Name { get; }

    /// <summary>Who completes the instrument.</summary>
    public Rater Rater { get; }

    /// <summary>The scored items, in order (item <c>n</c> at index <c>n - 1</c>).</summary>
    public ImmutableArray<Item> Items { get; }

    /// <summary>How item scores combine into a result.</summary>
    public ScoringMethod Method { get; }

    /// <summary>The max-of-domain groups, for <see cref="ScoringMethod.DomainMaximumSum"/>; empty otherwise.</summary>
    public ImmutableArray<ScoringDomain> Domains { get; }

    /// <summary>The risk tiers, highest first, for <see cref="ScoringMethod.RiskTiers"/>; empty otherwise.</summary>
    public ImmutableArray<RiskTier> RiskTiers { get; }

    /// <summary>Where the risk-tier rule comes from and how settled it is; null when there are no tiers.</summary>
    public string? RiskProvenance { get; }

    /// <summary>Severity band sets; the first is the default. Empty for an instrument without bands.</summary>
    public ImmutableArray<BandSet> BandSets { get; }

    /// <summary>The default band set, or null for an instrument without bands (CADSS).</summary>
    public BandSet? DefaultBandSet { get; }

    /// <summary>Suicide-safety items and their flag thresholds.</summary>
    public ImmutableArray<SafetyRule> SafetyRules { get; }

    /// <summary>Whether the instrument screens for suicide risk at all.</summary>
    public SafetyScreen SafetyScreen => SafetyRules.IsEmpty && RiskTiers.IsEmpty ? SafetyScreen.NotCovered : SafetyScreen.Covered;

    /// <summary>Total at or below which a patient is in remission; null when none is defined.</summary>
    public int? RemissionThreshold { get; }

    /// <summary>The source (or convention) of <see cref="RemissionThreshold"/>.</summary>
    public string? RemissionSource { get; }

    /// <summary>Total at or above which a return to episode-level severity counts toward relapse and recurrence in a
    /// course's episode (docs/clinical-rules.md §6); null when none is defined.</summary>
    public int? RelapseThreshold { get; }

    /// <summary>The source (or convention) of <see cref="RelapseThreshold"/>.</summary>
    public string? RelapseSource { get; }

    /// <summary>The minimal important difference in points, reported beside a course's change and never used for a
    /// status; null where the literature gives no single number.</summary>
    public int? MinimalImportantDifference { get; }

    /// <summary>The source of <see cref="MinimalImportantDifference"/>.</summary>
    public string? MinimalImportantDifferenceSource { get; }

    /// <summary>The most items that may be missing when the caller opts in to proration (0: never prorated).</summary>
    public int MaxMissingForProration { get; }

    /// <summary>Published reliable-change threshold in points of change, where one exists; else null.</summary>
    public int? ReliableChangePoints { get; }

    /// <summary>Clinical caseness cut-off (a total at or above it is a case), where one exists; else null.</summary>
    public int? CaseCutoff { get; }

    /// <summary>The source of <see cref="ReliableChangePoints"/> and <see cref="CaseCutoff"/>.</summary>
    public string? ReliableChangeSource { get; }

    /// <summary>LOINC code of the panel, where one exists.</summary>
    public string? LoincPanel { get; }

    /// <summary>LOINC code of the total score, where one exists.</summary>
    public string? LoincTotal { get; }

    /// <summary>LOINC code of the risk-level answer of a risk-tier instrument (C-SSRS screener: 93374-7, a generic
    /// suicide risk level code, never a total; docs/clinical-rules.md §7); null otherwise.</summary>
    public string? LoincRiskLevel { get; }

    /// <summary>The LOINC answer list every scored item answers with, where one exists (PHQ and GAD items: LL358-3,
    /// "Not at all" … "Nearly every day" = 0 … 3; docs/clinical-rules.md §7); null otherwise. FHIR importers read
    /// answer codes through it.</summary>
    public string? LoincAnswerList { get; }

    /// <summary>The LOINC code of the instrument's unscored functional-difficulty question (PHQ-9: 69722-7, "how
    /// difficult have these problems made it…"; docs/clinical-rules.md §7), never part of the total; null otherwise.</summary>
    public string? LoincDifficultyItem { get; }

    /// <summary>The published source of the instrument and its scoring.</summary>
    public string Citation { get; }

    /// <summary>Whether item text may ship.</summary>
    public LicenceStatus Licence { get; }

    /// <summary>The licence terms, in short.</summary>
    public string LicenceNote { get; }

    /// <summary>Version of this instrument's scoring rules, recorded in every result for audit.</summary>
    public string RulesVersion { get; }

    /// <summary>Whether a treatment course reports response, remission and relapse on this instrument
    /// (<see cref="CourseMode.Full"/>).</summary>
    public bool TracksTreatmentResponse => CourseMode == CourseMode.Full;

    /// <summary>What a treatment course reports on this instrument: every §6 rule, totals and change only, per-session
    /// peaks (CADSS, BPRS+), or no course (CGI-I, the C-SSRS screeners).</summary>
    public CourseMode CourseMode { get; }

    /// <summary>Sub-scores reported beside the total (PCL-5 clusters, HAM-A psychic and somatic); empty for none.</summary>
    public ImmutableArray<Subscale> Subscales { get; }

    /// <summary>A diagnostic rule over the subscales reported beside the total (PCL-5: <c>dsm5ClusterRule</c>); null for
    /// none.</summary>
    public ClusterRule? ClusterRule { get; }

    /// <summary>A rating at or below which the result says <c>responder</c> (CGI-I: 1 or 2, "much" or "very much
    /// improved"); null for none.</summary>
    public int? ResponderAtMost { get; }

    /// <summary>The source of <see cref="ResponderAtMost"/>.</summary>
    public string? ResponderSource { get; }

    /// <summary>The table from total to scaled score (PROMIS T); null for none.</summary>
    public ScaledScoreTable? ScaledScores { get; }

    /// <summary>A flag raised on the total (YMRS <c>mania-signal</c>); null for none.</summary>
    public TotalFlagRule? TotalFlag { get; }

    /// <summary>Whether the instrument has a numeric total (false for the C-SSRS screener).</summary>
    public bool HasTotal => Method != ScoringMethod.RiskTiers;

    /// <summary>The lowest total.</summary>
    public int MinTotal { get; }

    /// <summary>The highest total.</summary>
    public int MaxTotal { get; }

    /// <summary>Gets a band set by id.</summary>
    /// <param name="id">The band set id.</param>
    /// <param name="bandSet">The band set, or null.</param>
    /// <returns>True when the instrument has a band set with that id.</returns>
    public bool TryGetBandSet(string id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out BandSet? bandSet)
    {
        ArgumentNullException.ThrowIfNull(id);
        foreach (BandSet set in BandSets)
        {
            if (set.Id == id)
            {
                bandSet = set;
                return true;
            }
        }

        bandSet = null;
        return false;
    }

    /// <summary>Validates and scores item scores, all answered.</summary>
    /// <param name="itemScores">One item score per item, in item order.</param>
    /// <returns>The score, or coded errors; safety flags either way.</returns>
    public ScoringResult Score(params int[] itemScores)
    {
        ArgumentNullException.ThrowIfNull(itemScores);
        return Evaluator.ToResult(this, itemScores, default, itemScores.Length, ScoringOptions.Default, DefaultBandSet, null);
    }

    /// <summary>Validates and scores a response; <c>null</c> marks an unanswered (or not asked) item.</summary>
    /// <param name="values">One value per item, in item order: item scores or option positions as <paramref name="options"/> say.</param>
    /// <param name="options">Scoring options; null for the defaults.</param>
    /// <param name="responseId">The caller's reference, echoed in the result.</param>
    /// <returns>The score, or coded errors; safety flags either way.</returns>
    /// <exception cref="ArgumentException"><paramref name="options"/> names a band set the instrument lacks.</exception>
    public ScoringResult Score(IReadOnlyList<int?> values, ScoringOptions? options = null, string? responseId = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values is int?[] complete && (options is null || options.IsDefaultScoring) && Evaluator.TrySimpleResult(this, complete, responseId) is ScoringResult simple)
            return simple;
        options ??= ScoringOptions.Default;
        BandSet? bandSet = ResolveBandSet(options);
        int n = values.Count;
        int stored = Math.Min(n, Limits.MaxItems);
        Span<int> raw = stackalloc int[stored];
        Span<RawItemState> states = stackalloc RawItemState[stored];
        bool allAnswered = Copy(values is int?[] array ? array.AsSpan(0, stored) : Listed(values, stackalloc int?[stored]), raw, states);
        return Evaluator.ToResult(this, raw, allAnswered ? default : states, n, options, bandSet, responseId);
    }

    /// <summary>Evaluates items as a reader found them (answered, blank, unreadable, not asked): the one evaluation
    /// every reader of the library uses (docs/architecture.md).</summary>
    /// <param name="items">One entry per item the source held, in item order.</param>
    /// <param name="options">How to read and score; null for the defaults.</param>
    /// <param name="responseId">The caller's reference, echoed in the result.</param>
    /// <param name="readerErrors">Faults the reader met (its own codes); they make the response invalid, come first in
    /// the errors, and never hide a flag. Null for none.</param>
    /// <returns>The score, or every coded error; every safety flag either way.</returns>
    /// <exception cref="ArgumentException"><paramref name="options"/> names a band set the instrument lacks.</exception>
    public ScoringResult Evaluate(ReadOnlySpan<RawItem> items, ScoringOptions? options = null, string? responseId = null, IReadOnlyList<ScoringError>? readerErrors = null)
    {
        options ??= ScoringOptions.Default;
        BandSet? bandSet = ResolveBandSet(options);
        int stored = Math.Min(items.Length, Limits.MaxItems);
        Span<int> values = stackalloc int[stored];
        Span<RawItemState> states = stackalloc RawItemState[stored];
        for (int i = 0; i < stored; i++)
        {
            values[i] = items[i].Value;
            states[i] = items[i].State;
        }

        ImmutableArray<ScoringError> faults = readerErrors is null or { Count: 0 } ? default : [.. readerErrors];
        return Evaluator.ToResult(this, values, states, items.Length, options, bandSet, responseId, faults);
    }

    /// <summary>A list that is not an array, copied once (an array is read in place, without interface calls).</summary>
    private static ReadOnlySpan<int?> Listed(IReadOnlyList<int?> values, Span<int?> into)
    {
        for (int i = 0; i < into.Length; i++)
            into[i] = values[i];
        return into;
    }

    private static bool Copy(ReadOnlySpan<int?> values, Span<int> raw, Span<RawItemState> states)
    {
        bool all = true;
        for (int i = 0; i < raw.Length; i++)
        {
            int? v = values[i];
            raw[i] = v.GetValueOrDefault();
            states[i] = v.HasValue ? RawItemState.Answered : RawItemState.Blank;
            all &= v.HasValue;
        }

        return all;
    }

    /// <summary>The allocation-free fast path: validates and scores a complete response from a span.</summary>
    /// <remarks>For hot loops (rescoring histories). It is the same evaluation as
    /// <see cref="Score(IReadOnlyList{int?}, ScoringOptions?, string?)"/>, projected into a struct: the total, band,
    /// highest safety priority, flag count and first error. Allocates nothing.</remarks>
    /// <param name="values">One value per item, in item order.</param>
    /// <param name="options">Values kind and band set; null for the defaults.</param>
    /// <returns>Validity, total, band, highest safety priority and the first error.</returns>
    /// <exception cref="ArgumentException"><paramref name="options"/> names a band set the instrument lacks, or asks for
    /// proration (a span has no unanswered items to prorate: score with
    /// <see cref="Score(IReadOnlyList{int?}, ScoringOptions?, string?)"/>), or for the skipped-"No" import rule (a span
    /// has no skipped items).</exception>
    public QuickScore ScoreQuick(ReadOnlySpan<int> values, ScoringOptions? options = null)
    {
        if (options is null)
            return Evaluator.Quick(this, values, ResponseValueKind.ItemScores, DefaultBandSet);
        if (options.Prorate || options.NoOnSkippedItemIsNotAsked)
            throw new ArgumentException("ScoreQuick scores complete responses: proration and the skipped-item rule need unanswered items; use Score.", nameof(options));
        return Evaluator.Quick(this, values, options.Values, ResolveBandSet(options));
    }

    /// <summary>The instrument compiled for the kernel.</summary>
    internal ScoringPlan Plan { get; }

    internal ResultCaches Caches { get; }

    /// <summary>The result writer's encoded fragments for this instrument, made on first use.</summary>
    internal Writing.ResultTexts Texts => _texts ??= new Writing.ResultTexts(this);

    private Writing.ResultTexts? _texts;

    internal BandSet? ResolveBandSet(ScoringOptions? options)
    {
        if (options?.BandSet is not string id)
            return DefaultBandSet;
        if (!TryGetBandSet(id, out BandSet? set))
            throw new ArgumentException($"Instrument '{Id}' has no band set '{id}'.", nameof(options));
        return set;
    }

    /// <summary>Validates and scores a response document.</summary>
    /// <param name="response">The response; its instrument id must be this instrument's.</param>
    /// <returns>The score, or coded errors.</returns>
    public ScoringResult Score(Response response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.InstrumentId != Id)
            throw new ArgumentException($"The response is for '{response.InstrumentId}', not '{Id}'.", nameof(response));
        return Score(response.Items, response.Options, response.Id);
    }

    /// <summary>Gets an item by its 1-based number.</summary>
    /// <param name="number">The item number.</param>
    /// <returns>The item.</returns>
    public Item GetItem(int number)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(number, Items.Length);
        return Items[number - 1];
    }

    /// <inheritdoc />
    public override string ToString() => Id;

    private (int Min, int Max) ComputeRange()
    {
        switch (Method)
        {
            case ScoringMethod.DomainMaximumSum:
            {
                int min = 0, max = 0;
                foreach (ScoringDomain domain in Domains)
                {
                    int dMin = int.MaxValue, dMax = 0;
                    foreach (int n in domain.ItemNumbers)
                    {
                        dMin = Math.Min(dMin, LowestContribution(Items[n - 1]));
                        dMax = Math.Max(dMax, Items[n - 1].MaxScore);
                    }

                    min += dMin;
                    max += dMax;
                }

                return (min, max);
            }

            case ScoringMethod.RiskTiers:
                return (0, 0);
            default:
            {
                int min = 0, max = 0;
                foreach (Item item in Items)
                {
                    min += LowestContribution(item);
                    max += item.MaxScore;
                }

                return (min, max);
            }
        }
    }

    /// <summary>The least an item adds to a total: 0 when the skip logic may leave it out or "not assessed" may stand
    /// for it, else its lowest score.</summary>
    private static int LowestContribution(Item item) => item.AskedWhen is null && (item.NotAssessedValue is null || item.NotAssessedIsMissing) ? item.MinScore : 0;
}
