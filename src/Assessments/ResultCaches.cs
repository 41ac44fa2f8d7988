using System;
using System.Collections.Immutable;
using System.Globalization;

namespace Assessments;

/// <summary>Per-instrument immutable flag and note arrays, shared by every result that needs them, so that scoring
/// a valid complete response allocates only the result.</summary>
internal sealed class ResultCaches
{
    private readonly Instrument _instrument;

    // [rule][item score] -> the one-flag array for that score (default when the score raises no flag).
    private readonly ImmutableArray<SafetyFlag>[][] _ruleFlags;

    // [tier] -> the one-flag array of that risk level (default when the tier has no priority).
    private readonly ImmutableArray<SafetyFlag>[] _tierFlags;

    // [item] -> the one-note array "item-N-not-assessed".
    private readonly ImmutableArray<string>[] _notAssessed;

    public ResultCaches(Instrument instrument)
    {
        _instrument = instrument;
        _ruleFlags = new ImmutableArray<SafetyFlag>[instrument.SafetyRules.Length][];
        for (int r = 0; r < _ruleFlags.Length; r++)
        {
            SafetyRule rule = instrument.SafetyRules[r];
            Item item = instrument.Items[rule.ItemNumber - 1];
            _ruleFlags[r] = new ImmutableArray<SafetyFlag>[item.MaxScore + 1];
            for (int v = 0; v <= item.MaxScore; v++)
            {
                if (rule.PriorityFor(v) is FlagPriority p)
                    _ruleFlags[r][v] = [new SafetyFlag(FlagIds.SuicideRisk, rule.ItemNumber, v, null, p)];
            }
        }

        _tierFlags = new ImmutableArray<SafetyFlag>[instrument.RiskTiers.Length];
        for (int t = 0; t < _tierFlags.Length; t++)
        {
            RiskTier tier = instrument.RiskTiers[t];
            if (tier.Priority is FlagPriority p)
                _tierFlags[t] = [new SafetyFlag(FlagIds.SuicideRisk, null, null, tier.Level, p)];
        }

        _notAssessed = new ImmutableArray<string>[instrument.Items.Length];
        for (int i = 0; i < _notAssessed.Length; i++)
        {
            if (instrument.Items[i].NotAssessedValue is not null)
                _notAssessed[i] = [string.Create(CultureInfo.InvariantCulture, $"item-{i + 1}-not-assessed")];
        }
    }

    /// <summary>The flags of a valid complete response, in the full path's order: safety items, then the risk level.</summary>
    public ImmutableArray<SafetyFlag> FlagsFor(ReadOnlySpan<int> keyed, RiskLevel? riskLevel)
    {
        ImmutableArray<SafetyFlag> single = default;
        ImmutableArray<SafetyFlag>.Builder? many = null;
        void Add(ImmutableArray<SafetyFlag> flag)
        {
            if (flag.IsDefault)
                return;
            if (single.IsDefault && many is null)
            {
                single = flag;
                return;
            }

            many ??= ImmutableArray.CreateBuilder<SafetyFlag>();
            if (!single.IsDefault)
            {
                many.AddRange(single);
                single = default;
            }

            many.AddRange(flag);
        }

        for (int r = 0; r < _ruleFlags.Length; r++)
            Add(_ruleFlags[r][keyed[_instrument.SafetyRules[r].ItemNumber - 1]]);
        if (riskLevel is RiskLevel level)
        {
            for (int t = 0; t < _tierFlags.Length; t++)
            {
                if (_instrument.RiskTiers[t].Level == level)
                    Add(_tierFlags[t]);
            }
        }

        return many?.ToImmutable() ?? (single.IsDefault ? ImmutableArray<SafetyFlag>.Empty : single);
    }

    /// <summary>The notes of a complete response: each not-assessed item, in item order.</summary>
    public ImmutableArray<string> NotesFor(ReadOnlySpan<int> values)
    {
        ImmutableArray<string> single = default;
        ImmutableArray<string>.Builder? many = null;
        for (int i = 0; i < values.Length; i++)
        {
            if (_notAssessed[i].IsDefault || values[i] != _instrument.Items[i].NotAssessedValue)
                continue;
            if (single.IsDefault && many is null)
            {
                single = _notAssessed[i];
                continue;
            }

            many ??= ImmutableArray.CreateBuilder<string>();
            if (!single.IsDefault)
            {
                many.AddRange(single);
                single = default;
            }

            many.AddRange(_notAssessed[i]);
        }

        return many?.ToImmutable() ?? (single.IsDefault ? ImmutableArray<string>.Empty : single);
    }
}
