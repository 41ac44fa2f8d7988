using System;
using System.Collections.Immutable;
using System.Globalization;

namespace Assessments.Evaluation;

/// <summary>
/// The one evaluation: a raw response (values and item states from any reader) goes through the kernel once, and the
/// record it makes (<see cref="Evaluated"/>) is the only source of every output. The kernel is called from nowhere
/// else (a test holds the source to that), so no reader, orchestrator or writer can decide a flag, an error or a
/// total of its own (docs/architecture.md).
/// </summary>
internal static class Evaluator
{
    /// <summary>Evaluates a raw response into <paramref name="outcomes"/>.</summary>
    /// <param name="instrument">The instrument.</param>
    /// <param name="values">The values stored (at most <see cref="Limits.MaxItems"/>).</param>
    /// <param name="states">Each value's state; empty when every value is answered.</param>
    /// <param name="count">How many values the source held (more than stored when it held too many).</param>
    /// <param name="settings">How to read and score.</param>
    /// <param name="outcomes">At least one slot per item of the instrument.</param>
    /// <returns>The record.</returns>
    public static Evaluated Run(Instrument instrument, ReadOnlySpan<int> values, ReadOnlySpan<RawItemState> states, int count, in EvaluationSettings settings, Span<ItemOutcome> outcomes)
    {
        ScoringPlan plan = instrument.Plan;
        KernelSummary summary = count != plan.Count || values.Length != count
            ? KernelSummary.CountMismatch
            : ScoringKernel.Run(plan, values, states.IsEmpty || AllAnswered(states) ? default : states, settings, outcomes);
        return new Evaluated(instrument, outcomes[..plan.Count], summary, count, settings.Kind);
    }

    /// <summary>Evaluates and projects the full result (the convenience path). A complete response of item scores
    /// to a sum instrument without skip logic takes the kernel's simple-sum loop and builds the result from the values
    /// (the same decisions, without recording each item's outcome); everything else records every outcome.</summary>
    public static ScoringResult ToResult(Instrument instrument, ReadOnlySpan<int> values, ReadOnlySpan<RawItemState> states, int count, ScoringOptions options, BandSet? bandSet, string? id, ImmutableArray<ScoringError> readerErrors = default)
    {
        ScoringPlan plan = instrument.Plan;
        if (plan.SimpleSum && options.Values == ResponseValueKind.ItemScores && readerErrors.IsDefaultOrEmpty && count == values.Length
            && (states.IsEmpty || AllAnswered(states)) && ScoringKernel.TrySimpleSum(plan, values, out int total))
        {
            var flags = new FlagCollector(instrument.Caches);
            ScoringKernel.EmitSimpleFlags(plan, values, ref flags);
            SeverityBand? band = bandSet?.Classify(total);
            return new ScoringResult(instrument, id, flags.Flags, total, band, band is null ? null : bandSet!.Id, values);
        }

        Span<ItemOutcome> outcomes = stackalloc ItemOutcome[instrument.Items.Length];
        Evaluated record = Run(instrument, values, states, count, EvaluationSettings.Of(options), outcomes);
        return record.ToResult(bandSet, id, readerErrors);
    }

    /// <summary>The convenience path's common case: a complete array of item scores, in range, to a sum instrument
    /// without skip logic, under the default options. The kernel's simple-sum loop reads the array in place (no copy) and
    /// the result is built from the values (the same decisions as <see cref="ToResult"/>); null sends anything else there.</summary>
    public static ScoringResult? TrySimpleResult(Instrument instrument, int?[] values, string? id)
    {
        ScoringPlan plan = instrument.Plan;
        if (!plan.SimpleSum || values.Length != plan.Count || values.Length > ScoringResult.InlineItems)
            return null;
        if (!ScoringKernel.TrySimpleSum<int?, NullableScores>(plan, values, out int total))
            return null;
        var flags = new FlagCollector(instrument.Caches);
        ScoringKernel.EmitSimpleFlags<int?, NullableScores, FlagCollector>(plan, values, ref flags);
        BandSet? bandSet = instrument.DefaultBandSet;
        SeverityBand? band = bandSet?.Classify(total);
        return new ScoringResult(instrument, id, flags.Flags, total, band, band is null ? null : bandSet!.Id, values);
    }

    /// <summary>The fast path: the same evaluation over a plain span with the outcome recording switched off while
    /// every value is in range (the simple-sum loop); anything else goes through the kernel.</summary>
    public static QuickScore Quick(Instrument instrument, ReadOnlySpan<int> values, ResponseValueKind kind, BandSet? bandSet)
    {
        ScoringPlan plan = instrument.Plan;
        if (kind == ResponseValueKind.ItemScores && ScoringKernel.TrySimpleSum(plan, values, out int total))
        {
            var simple = default(FlagCounter);
            ScoringKernel.EmitSimpleFlags(plan, values, ref simple);
            return new QuickScore(true, total, bandSet?.Classify(total), null, simple.Highest, simple.Count, false, 0, null, null);
        }

        Span<ItemOutcome> outcomes = stackalloc ItemOutcome[plan.Count];
        return Run(instrument, values, default, values.Length, new EvaluationSettings(kind, false), outcomes).ToQuick(bandSet);
    }

    /// <summary>The safety flags of one item array read under each value kind in <paramref name="kinds"/>, joined
    /// without repeats: for a document whose value kind is in question (it could not be read whole), a position read
    /// as a score could hide a reverse-keyed safety item (docs/clinical-rules.md, "Never lost").</summary>
    public static void FlagsUnderEachKind(Instrument instrument, ReadOnlySpan<int> values, ReadOnlySpan<RawItemState> states, int count, ReadOnlySpan<ResponseValueKind> kinds, ImmutableArray<SafetyFlag>.Builder into)
    {
        Span<ItemOutcome> outcomes = stackalloc ItemOutcome[instrument.Items.Length];
        foreach (ResponseValueKind kind in kinds)
        {
            foreach (SafetyFlag flag in Run(instrument, values, states, count, new EvaluationSettings(kind, false), outcomes).Flags())
            {
                if (!into.Contains(flag))
                    into.Add(flag);
            }
        }
    }

    private static bool AllAnswered(ReadOnlySpan<RawItemState> states) =>
        System.Runtime.InteropServices.MemoryMarshal.Cast<RawItemState, byte>(states).IndexOfAnyExcept((byte)RawItemState.Answered) < 0;
}

/// <summary>The record of one evaluation: per-item outcomes and the kernel's summary. Every output of the library
/// (the result object, the quick score, the batch line, the course row, the FHIR result) is one of its views, and
/// every view carries the flags.</summary>
internal readonly ref struct Evaluated
{
    private readonly ReadOnlySpan<ItemOutcome> _outcomes;
    private readonly KernelSummary _summary;

    public Evaluated(Instrument instrument, ReadOnlySpan<ItemOutcome> outcomes, KernelSummary summary, int valueCount, ResponseValueKind kind)
    {
        Instrument = instrument;
        _outcomes = outcomes;
        _summary = summary;
        ValueCount = valueCount;
        Kind = kind;
    }

    public Instrument Instrument { get; }

    public int ValueCount { get; }

    public ResponseValueKind Kind { get; }

    public bool IsValid => _summary.IsValid;

    /// <summary>The total of a valid response.</summary>
    public int Total => _summary.Total;

    public bool Prorated => _summary.Prorated;

    public bool HasNotes => _summary.HasNotes;

    public ReadOnlySpan<ItemOutcome> Outcomes => _outcomes;

    /// <summary>Every safety flag, in wire order, into a sink.</summary>
    public void EmitFlags<TSink>(ref TSink sink)
        where TSink : struct, IFlagSink => ScoringKernel.EmitFlags(Instrument.Plan, _outcomes, _summary, ref sink);

    /// <summary>Every safety flag as public flags.</summary>
    public ImmutableArray<SafetyFlag> Flags()
    {
        var collector = new FlagCollector(Instrument.Caches);
        EmitFlags(ref collector);
        return collector.Flags;
    }

    /// <summary>The full result. Reader faults make it invalid; their errors come first (in item order), then the
    /// evaluation's, without an <c>item-not-a-number</c> for an item a reader fault already explains.</summary>
    public ScoringResult ToResult(BandSet? bandSet, string? responseId, ImmutableArray<ScoringError> readerErrors = default)
    {
        Instrument instrument = Instrument;
        ImmutableArray<SafetyFlag> flags = Flags();
        bool readerFaults = !readerErrors.IsDefaultOrEmpty;
        if (!_summary.IsValid || readerFaults)
            return new ScoringResult(instrument, responseId, readerFaults ? Merge(readerErrors, Errors()) : Errors(), flags);

        int? total = null;
        RiskLevel? risk = null;
        SeverityBand? band = null;
        if (instrument.HasTotal)
        {
            total = _summary.Total;
            band = bandSet?.Classify(_summary.Total);
        }
        else
        {
            risk = RiskLevel;
        }

        return new ScoringResult(instrument, responseId, flags, total, band, band is null ? null : bandSet!.Id, _summary.Prorated, risk, Notes(), _outcomes);
    }

    /// <summary>The allocation-free projection.</summary>
    public QuickScore ToQuick(BandSet? bandSet)
    {
        var counter = default(FlagCounter);
        EmitFlags(ref counter);
        if (!_summary.IsValid)
        {
            string code = _summary.CountMatches ? ScoringKernel.ErrorCodeOf(_outcomes[_summary.FirstErrorIndex].State)! : ErrorCodes.ItemCount;
            int? item = _summary.CountMatches ? _summary.FirstErrorIndex + 1 : null;
            return new QuickScore(false, null, null, null, counter.Highest, counter.Count, false, _summary.ErrorCount, code, item);
        }

        if (!Instrument.HasTotal)
            return new QuickScore(true, null, null, RiskLevel, counter.Highest, counter.Count, _summary.HasNotes, 0, null, null);
        return new QuickScore(true, _summary.Total, bandSet?.Classify(_summary.Total), null, counter.Highest, counter.Count, _summary.HasNotes, 0, null, null);
    }

    /// <summary>Every error, in item order; one <c>item-count</c> error when the count is wrong.</summary>
    public ImmutableArray<ScoringError> Errors()
    {
        Instrument instrument = Instrument;
        if (!_summary.CountMatches)
            return [new ScoringError(ErrorCodes.ItemCount, null, Messages.Count(instrument, ValueCount))];
        var errors = ImmutableArray.CreateBuilder<ScoringError>(_summary.ErrorCount);
        for (int i = 0; i < _outcomes.Length; i++)
        {
            ItemOutcome o = _outcomes[i];
            Item item = instrument.Items[i];
            switch (o.State)
            {
                case ItemState.AnsweredNotAsked:
                    errors.Add(new ScoringError(ErrorCodes.ItemNotAsked, i + 1, Messages.NotAsked(item, item.AskedWhen!)));
                    break;
                case ItemState.OutOfRange:
                    errors.Add(new ScoringError(ErrorCodes.ItemOutOfRange, i + 1, Messages.OutOfRange(item, Kind)));
                    break;
                case ItemState.Unreadable:
                    errors.Add(new ScoringError(ErrorCodes.ItemNotANumber, i + 1, Messages.NotANumber(instrument, item)));
                    break;
                case ItemState.Missing:
                    errors.Add(new ScoringError(ErrorCodes.ItemMissing, i + 1, Messages.Missing(instrument, item, o.Reason)));
                    break;
            }
        }

        return errors.MoveToImmutable();
    }

    /// <summary>The risk level of a risk-tier instrument's valid response.</summary>
    public RiskLevel RiskLevel => _summary.Tier >= 0 ? Instrument.Plan.Tiers[_summary.Tier].Level : RiskLevel.None;

    private static ImmutableArray<ScoringError> Merge(ImmutableArray<ScoringError> reader, ImmutableArray<ScoringError> evaluation)
    {
        var sorted = new System.Collections.Generic.List<ScoringError>(reader);
        sorted.Sort(static (a, b) => (a.ItemNumber ?? int.MaxValue).CompareTo(b.ItemNumber ?? int.MaxValue) is int c and not 0 ? c : string.CompareOrdinal(a.Message, b.Message));
        var all = ImmutableArray.CreateBuilder<ScoringError>(sorted.Count + evaluation.Length);
        all.AddRange(sorted);
        foreach (ScoringError error in evaluation)
        {
            if (error.Code != ErrorCodes.ItemNotANumber || !sorted.Exists(f => f.ItemNumber == error.ItemNumber))
                all.Add(error);
        }

        return all.ToImmutable();
    }

    /// <summary>The notes of a valid record (HAM-D "not assessed", C-SSRS skipped "No").</summary>
    public ImmutableArray<string> Notes()
    {
        if (!_summary.HasNotes)
            return ImmutableArray<string>.Empty;
        int count = 0, first = -1;
        for (int i = 0; i < _outcomes.Length; i++)
        {
            if (_outcomes[i].State is ItemState.NotAssessed or ItemState.NotAskedAnsweredNo)
            {
                count++;
                first = first < 0 ? i : first;
            }
        }

        // One "not assessed" item (a HAM-D with item 16 not assessed) shares the instrument's cached note.
        if (count == 1 && _outcomes[first].State == ItemState.NotAssessed)
            return Instrument.Caches.NotAssessed(first);
        var notes = ImmutableArray.CreateBuilder<string>(count);
        for (int i = 0; i < _outcomes.Length; i++)
        {
            if (_outcomes[i].State == ItemState.NotAssessed)
                notes.AddRange(Instrument.Caches.NotAssessed(i));
            else if (_outcomes[i].State == ItemState.NotAskedAnsweredNo)
                notes.Add(string.Create(CultureInfo.InvariantCulture, $"not-asked-answered-no item {i + 1}"));
        }

        return notes.MoveToImmutable();
    }
}
