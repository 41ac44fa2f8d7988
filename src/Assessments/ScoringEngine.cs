using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using Assessments.Validation;

namespace Assessments;

/// <summary>The one engine that scores every instrument from its data.</summary>
internal static class ScoringEngine
{
    public static ScoringResult Score(Instrument instrument, IReadOnlyList<int?> values, ScoringOptions options, BandSet? bandSet, string? responseId)
    {
        var analysis = new ResponseAnalysis(instrument, values, options);
        ImmutableArray<ScoringError> errors = FastValidation.Check(analysis);
        ImmutableArray<SafetyFlag> itemFlags = analysis.CountMatches ? ItemFlags(analysis) : ImmutableArray<SafetyFlag>.Empty;
        if (!errors.IsEmpty)
            return new ScoringResult(instrument, responseId, errors, itemFlags);

        int? total = null;
        RiskLevel? risk = null;
        ImmutableArray<SafetyFlag> flags = itemFlags;
        switch (instrument.Method)
        {
            case ScoringMethod.RiskTiers:
                RiskTier? tier = RiskTierOf(analysis);
                risk = tier?.Level ?? RiskLevel.None;
                if (tier?.Priority is FlagPriority priority)
                    flags = flags.Add(new SafetyFlag(FlagIds.SuicideRisk, null, null, risk, priority));
                break;
            case ScoringMethod.DomainMaximumSum:
                total = DomainTotal(analysis);
                break;
            default:
                total = SumTotal(analysis);
                break;
        }

        SeverityBand? band = total is int t && bandSet is not null ? bandSet.Classify(t) : null;
        return new ScoringResult(instrument, responseId, flags, total, band, band is null ? null : bandSet!.Id, analysis.Prorated, risk, Notes(analysis), analysis.Keyed);
    }

    /// <summary>
    /// The convenience path's fast route for a complete response: the allocation-free scorer decides, and a valid
    /// response becomes one result object, its flags and notes taken from the instrument's caches. Anything else
    /// (a blank, an invalid value) returns null and takes the full path. An FsCheck property holds both routes equal.
    /// </summary>
    public static ScoringResult? TryScoreComplete(Instrument instrument, ReadOnlySpan<int> values, ResponseValueKind kind, BandSet? bandSet, string? responseId)
    {
        int n = instrument.Items.Length;
        if (values.Length != n || n > 64)
            return null;
        Span<int> keyed = stackalloc int[n];
        QuickScore quick = FastScorer.Score(instrument, values, kind, bandSet, keyed);
        if (!quick.IsValid)
            return null;

        ImmutableArray<SafetyFlag> flags = instrument.Caches.FlagsFor(keyed, quick.RiskLevel);
        ImmutableArray<string> notes = quick.HasNotes ? instrument.Caches.NotesFor(values) : ImmutableArray<string>.Empty;
        SeverityBand? band = quick.Band;
        return new ScoringResult(instrument, responseId, flags, quick.Total, band, band is null ? null : bandSet!.Id, quick.RiskLevel, notes, keyed);
    }

    /// <summary>
    /// Sum of keyed item scores. With proration: mean of the answered items × the item count, rounded half away
    /// from zero in exact integer arithmetic (CLINICAL-REFERENCE.md §5, a local policy: no author rule exists),
    /// kept inside the instrument's range.
    /// </summary>
    private static int SumTotal(ResponseAnalysis analysis)
    {
        int sum = 0, answered = 0;
        foreach (int? score in analysis.Keyed)
        {
            if (score is int s)
            {
                sum += s;
                answered++;
            }
        }

        if (!analysis.Prorated || answered == 0)
            return sum;
        long n = analysis.Keyed.Length;
        long prorated = ((2L * sum * n) + answered) / (2L * answered);
        return (int)System.Math.Clamp(prorated, analysis.Instrument.MinTotal, analysis.Instrument.MaxTotal);
    }

    /// <summary>Sum over domains of the highest answered item score (QIDS-SR16, Rush et al. 2003).</summary>
    private static int DomainTotal(ResponseAnalysis analysis)
    {
        int total = 0;
        foreach (ScoringDomain domain in analysis.Instrument.Domains)
        {
            int max = 0;
            foreach (int number in domain.ItemNumbers)
            {
                if (analysis.Keyed[number - 1] is int s && s > max)
                    max = s;
            }

            total += max;
        }

        return total;
    }

    private static RiskTier? RiskTierOf(ResponseAnalysis analysis)
    {
        foreach (RiskTier tier in analysis.Instrument.RiskTiers)
        {
            foreach (int number in tier.AnyOfItems)
            {
                if (analysis.Keyed[number - 1] == 1)
                    return tier;
            }
        }

        return null;
    }

    /// <summary>Flags of safety items: endorsed at or above their threshold, or unanswered.</summary>
    private static ImmutableArray<SafetyFlag> ItemFlags(ResponseAnalysis analysis)
    {
        Instrument instrument = analysis.Instrument;
        ImmutableArray<SafetyFlag>.Builder? flags = null;
        foreach (SafetyRule rule in instrument.SafetyRules)
        {
            int index = rule.ItemNumber - 1;
            if (analysis.Keyed[index] is int value)
            {
                if (rule.PriorityFor(value) is FlagPriority priority)
                    (flags ??= ImmutableArray.CreateBuilder<SafetyFlag>()).Add(new SafetyFlag(FlagIds.SuicideRisk, rule.ItemNumber, value, null, priority));
            }
            else if (analysis.Values[index] is null && analysis.Asked[index] == AskState.Asked)
            {
                (flags ??= ImmutableArray.CreateBuilder<SafetyFlag>()).Add(new SafetyFlag(FlagIds.SafetyItemUnanswered, rule.ItemNumber, null, null, null));
            }
        }

        if (instrument.Method == ScoringMethod.RiskTiers)
        {
            for (int i = 0; i < analysis.Keyed.Length; i++)
            {
                if (analysis.Values[i] is null && analysis.Asked[i] == AskState.Asked)
                    (flags ??= ImmutableArray.CreateBuilder<SafetyFlag>()).Add(new SafetyFlag(FlagIds.SafetyItemUnanswered, i + 1, null, null, null));
            }
        }

        return flags?.ToImmutable() ?? ImmutableArray<SafetyFlag>.Empty;
    }

    private static ImmutableArray<string> Notes(ResponseAnalysis analysis)
    {
        ImmutableArray<string>.Builder? notes = null;
        for (int i = 0; i < analysis.NotAssessed.Length; i++)
        {
            if (analysis.NotAssessed[i])
                (notes ??= ImmutableArray.CreateBuilder<string>()).Add(string.Create(CultureInfo.InvariantCulture, $"item-{i + 1}-not-assessed"));
        }

        return notes?.ToImmutable() ?? ImmutableArray<string>.Empty;
    }
}
