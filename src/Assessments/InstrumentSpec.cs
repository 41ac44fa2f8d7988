using System.Collections.Immutable;

namespace Assessments;

/// <summary>The data an <see cref="Instrument"/> is built from (built-in declarations and loaded definitions).</summary>
internal sealed class InstrumentSpec
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required Rater Rater { get; init; }

    public required ImmutableArray<Item> Items { get; init; }

    public ScoringMethod Method { get; init; } = ScoringMethod.Sum;

    public ImmutableArray<ScoringDomain> Domains { get; init; }

    public ImmutableArray<RiskTier> RiskTiers { get; init; }

    public string? RiskProvenance { get; init; }

    public ImmutableArray<BandSetSpec> BandSets { get; init; }

    public ImmutableArray<SafetyRule> SafetyRules { get; init; }

    public int? RemissionThreshold { get; init; }

    public string? RemissionSource { get; init; }

    public int? RelapseThreshold { get; init; }

    public string? RelapseSource { get; init; }

    public int? MinimalImportantDifference { get; init; }

    public string? MinimalImportantDifferenceSource { get; init; }

    public int MaxMissingForProration { get; init; }

    public int? ReliableChangePoints { get; init; }

    public int? CaseCutoff { get; init; }

    public string? ReliableChangeSource { get; init; }

    public string? LoincPanel { get; init; }

    public string? LoincTotal { get; init; }

    public string? LoincRiskLevel { get; init; }

    public string? LoincAnswerList { get; init; }

    public string? LoincDifficultyItem { get; init; }

    public required string Citation { get; init; }

    public required LicenceStatus Licence { get; init; }

    public required string LicenceNote { get; init; }

    public string RulesVersion { get; init; } = "1";

    public CourseMode CourseMode { get; init; } = CourseMode.Full;

    public ImmutableArray<Subscale> Subscales { get; init; }

    public ClusterRule? ClusterRule { get; init; }

    public int? ResponderAtMost { get; init; }

    public string? ResponderSource { get; init; }

    public ScaledScoreTable? ScaledScores { get; init; }

    public TotalFlagRule? TotalFlag { get; init; }
}

/// <summary>A band set before the instrument's range is known.</summary>
internal sealed record BandSetSpec(string Id, string Citation, ImmutableArray<SeverityBand> Bands);
