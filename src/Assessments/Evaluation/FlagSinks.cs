using System.Collections.Immutable;
using System.Globalization;

namespace Assessments.Evaluation;

/// <summary>Per-instrument immutable one-flag and one-note arrays, shared by every result that needs them, so that a
/// valid complete response allocates only its result object.</summary>
internal sealed class ResultCaches
{
    // [rule][item score] -> the one-flag array for that score (default when the score raises no flag).
    private readonly ImmutableArray<SafetyFlag>[][] _ruleFlags;

    // [tier] -> the one-flag array of that risk level (default when the tier has no priority).
    private readonly ImmutableArray<SafetyFlag>[] _tierFlags;

    // [item] -> the one-flag array "safety-item-unanswered" of that item.
    private readonly ImmutableArray<SafetyFlag>[] _unanswered;

    // [item] -> the one-note array "item-N-not-assessed".
    private readonly ImmutableArray<string>[] _notAssessed;

    public ResultCaches(Instrument instrument)
    {
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

        TotalFlagId = instrument.TotalFlag?.FlagId;
        _unanswered = new ImmutableArray<SafetyFlag>[instrument.Items.Length];
        _notAssessed = new ImmutableArray<string>[instrument.Items.Length];
        for (int i = 0; i < _notAssessed.Length; i++)
        {
            _unanswered[i] = [new SafetyFlag(FlagIds.SafetyItemUnanswered, i + 1, null, null, null)];
            if (instrument.Items[i].NotAssessedValue is not null)
                _notAssessed[i] = [string.Create(CultureInfo.InvariantCulture, $"item-{i + 1}-{instrument.Items[i].NotAssessedLabel ?? "not-assessed"}")];
        }
    }

    /// <summary>The id of the instrument's total flag (<c>mania-signal</c>), or null.</summary>
    public string? TotalFlagId { get; }

    public ImmutableArray<SafetyFlag> Rule(int rule, int value) => _ruleFlags[rule][value];

    public ImmutableArray<SafetyFlag> Tier(int tier) => _tierFlags[tier];

    public ImmutableArray<SafetyFlag> Unanswered(int itemNumber) => _unanswered[itemNumber - 1];

    public ImmutableArray<string> NotAssessed(int index) => _notAssessed[index];
}

/// <summary>Collects the kernel's flags as <see cref="SafetyFlag"/>s; a single flag costs no allocation.</summary>
internal struct FlagCollector(ResultCaches caches) : IFlagSink
{
    private ImmutableArray<SafetyFlag> _single;
    private ImmutableArray<SafetyFlag>.Builder? _many;

    public readonly ImmutableArray<SafetyFlag> Flags
    {
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        get => _many?.ToImmutable() ?? (_single.IsDefault ? ImmutableArray<SafetyFlag>.Empty : _single);
    }

    public void SuicideRisk(int ruleIndex, int itemNumber, int value, FlagPriority priority) => Add(caches.Rule(ruleIndex, value));

    public void RiskLevel(int tierIndex, RiskLevel level, FlagPriority priority) => Add(caches.Tier(tierIndex));

    public void Unanswered(int itemNumber) => Add(caches.Unanswered(itemNumber));

    public void TotalSignal(int value, FlagPriority priority) => Add([new SafetyFlag(caches.TotalFlagId!, null, value, null, priority)]);

    private void Add(ImmutableArray<SafetyFlag> flag)
    {
        if (_single.IsDefault && _many is null)
        {
            _single = flag;
            return;
        }

        _many ??= ImmutableArray.CreateBuilder<SafetyFlag>();
        if (!_single.IsDefault)
        {
            _many.AddRange(_single);
            _single = default;
        }

        _many.AddRange(flag);
    }
}

/// <summary>Counts the kernel's flags and keeps the highest priority (the fast path's projection).</summary>
internal struct FlagCounter : IFlagSink
{
    public int Count;

    public FlagPriority? Highest;

    public void SuicideRisk(int ruleIndex, int itemNumber, int value, FlagPriority priority) => Note(priority);

    public void RiskLevel(int tierIndex, RiskLevel level, FlagPriority priority) => Note(priority);

    public void Unanswered(int itemNumber) => Count++;

    public void TotalSignal(int value, FlagPriority priority) => Note(priority);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private void Note(FlagPriority priority)
    {
        Count++;
        if (Highest is not FlagPriority h || priority > h)
            Highest = priority;
    }
}

/// <summary>Error messages: they name the item and the allowed values, never the value given.</summary>
internal static class Messages
{
    public static string Count(Instrument instrument, int given) =>
        string.Create(CultureInfo.InvariantCulture, $"{instrument.Id} expects {instrument.Items.Length} item values; {given} were given.");

    public static string OutOfRange(Item item, ResponseValueKind kind)
    {
        if (item.NotAssessedIsMissing)
        {
            return kind == ResponseValueKind.OptionPositions && item.RefusesOptionPositions
                ? string.Create(CultureInfo.InvariantCulture, $"Item {item.Number} ({item.Name}) takes its rating as an item score ({item.MinScore} to {item.MaxScore}); option positions are not accepted for it, since whether a form prints \"not assessed\" as its first option is not settled.")
                : string.Create(CultureInfo.InvariantCulture, $"Item {item.Number} ({item.Name}) accepts item scores {item.MinScore} to {item.MaxScore}; {item.NotAssessedValue} means not assessed and leaves it unanswered.");
        }

        string allowed = kind == ResponseValueKind.OptionPositions
            ? string.Create(CultureInfo.InvariantCulture, $"option positions 0 to {item.PositionScores.Length - 1}")
            : string.Create(CultureInfo.InvariantCulture, $"item scores {item.MinScore} to {item.MaxScore}");
        string notAssessed = item.NotAssessedLabel is string label
            ? $", or '{label}'"
            : item.NotAssessedValue is int na
            ? string.Create(CultureInfo.InvariantCulture, $", or {na} for not assessed")
            : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"Item {item.Number} ({item.Name}) accepts {allowed}{notAssessed}.");
    }

    public static string NotANumber(Instrument instrument, Item item) =>
        string.Create(CultureInfo.InvariantCulture, $"Item {item.Number} ({item.Name}) of {instrument.Id} must be an integer, '-' or null for unanswered, or one of the item's option labels.");

    public static string NotAsked(Item item, ItemCondition condition) =>
        string.Create(CultureInfo.InvariantCulture, $"Item {item.Number} ({item.Name}) is asked only when item {condition.ItemNumber} scores {condition.Score}; leave it unanswered ('-').");

    public static string Missing(Instrument instrument, Item item, MissingReason reason) => reason switch
    {
        MissingReason.SafetyItem => string.Create(CultureInfo.InvariantCulture, $"Item {item.Number} ({item.Name}) is a safety item and is unanswered; a safety item is never prorated."),
        MissingReason.SafetyItemBlocksProration => string.Create(CultureInfo.InvariantCulture, $"Item {item.Number} ({item.Name}) is unanswered; no proration while a safety item is unanswered."),
        MissingReason.TooManyToProrate => instrument.MaxMissingForProration == 0
            ? string.Create(CultureInfo.InvariantCulture, $"Item {item.Number} ({item.Name}) is unanswered; {instrument.Id} is never prorated.")
            : string.Create(CultureInfo.InvariantCulture, $"Item {item.Number} ({item.Name}) is unanswered; proration allows at most {instrument.MaxMissingForProration} missing item(s) on {instrument.Id}."),
        MissingReason.WholeDomain => string.Create(CultureInfo.InvariantCulture, $"Item {item.Number} ({item.Name}) is unanswered and its domain has no other answer."),
        _ => string.Create(CultureInfo.InvariantCulture, $"Item {item.Number} ({item.Name}) is unanswered."),
    };
}
