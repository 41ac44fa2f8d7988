using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace Assessments.Reading;

// The instrument definition wire format: what built-in instruments export to and clinic-defined ones load from.

internal sealed class InstrumentDefinitionDto
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("rater")] public string? Rater { get; set; }
    [JsonPropertyName("rulesVersion")] public string? RulesVersion { get; set; }
    [JsonPropertyName("scoring")] public string? Scoring { get; set; }
    [JsonPropertyName("items")] public List<ItemDto>? Items { get; set; }

    [JsonPropertyName("domains")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<DomainDto>? Domains { get; set; }

    [JsonPropertyName("riskTiers")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<RiskTierDto>? RiskTiers { get; set; }

    [JsonPropertyName("riskProvenance")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RiskProvenance { get; set; }

    [JsonPropertyName("bandSets")] public List<BandSetDto>? BandSets { get; set; }
    [JsonPropertyName("safetyItems")] public List<SafetyItemDto>? SafetyItems { get; set; }
    [JsonPropertyName("remissionThreshold")] public int? RemissionThreshold { get; set; }
    [JsonPropertyName("remissionSource")] public string? RemissionSource { get; set; }
    [JsonPropertyName("relapseThreshold")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? RelapseThreshold { get; set; }

    [JsonPropertyName("relapseSource")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RelapseSource { get; set; }

    [JsonPropertyName("mcid")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Mcid { get; set; }

    [JsonPropertyName("mcidSource")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? McidSource { get; set; }

    [JsonPropertyName("tracksTreatmentResponse")] public bool TracksTreatmentResponse { get; set; } = true;

    /// <summary>full, totals-only, session-relative or none; absent: full, or session-relative when
    /// tracksTreatmentResponse is false (definitions written before course modes).</summary>
    [JsonPropertyName("courseMode")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CourseMode { get; set; }
    [JsonPropertyName("maxMissingForProration")] public int MaxMissingForProration { get; set; }
    [JsonPropertyName("reliableChangePoints")] public int? ReliableChangePoints { get; set; }
    [JsonPropertyName("caseCutoff")] public int? CaseCutoff { get; set; }
    [JsonPropertyName("reliableChangeSource")] public string? ReliableChangeSource { get; set; }
    [JsonPropertyName("loincPanel")] public string? LoincPanel { get; set; }
    [JsonPropertyName("loincTotal")] public string? LoincTotal { get; set; }

    [JsonPropertyName("loincRiskLevel")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? LoincRiskLevel { get; set; }
    [JsonPropertyName("subscales")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<SubscaleDto>? Subscales { get; set; }

    [JsonPropertyName("clusterRule")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ClusterRuleDto? ClusterRule { get; set; }

    [JsonPropertyName("responderAtMost")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? ResponderAtMost { get; set; }

    [JsonPropertyName("responderSource")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ResponderSource { get; set; }

    [JsonPropertyName("scaledScores")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ScaledTableDto? ScaledScores { get; set; }

    [JsonPropertyName("totalFlag")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public TotalFlagDto? TotalFlag { get; set; }

    [JsonPropertyName("citation")] public string? Citation { get; set; }
    [JsonPropertyName("licence")] public string? Licence { get; set; }
    [JsonPropertyName("licenceNote")] public string? LicenceNote { get; set; }
}

internal sealed class ItemDto
{
    [JsonPropertyName("number")] public int Number { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }

    [JsonPropertyName("text")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Text { get; set; }

    [JsonPropertyName("min")] public int Min { get; set; }
    [JsonPropertyName("max")] public int Max { get; set; }

    /// <summary>Item score of each printed option by position; omitted means min..max in order.</summary>
    [JsonPropertyName("positionScores")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<int>? PositionScores { get; set; }

    [JsonPropertyName("optionLabels")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<string>? OptionLabels { get; set; }

    [JsonPropertyName("notAssessedValue")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? NotAssessedValue { get; set; }

    /// <summary>True when the not-assessed value makes the item missing (CGI) rather than contributing 0.</summary>
    [JsonPropertyName("notAssessedIsMissing")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool NotAssessedIsMissing { get; set; }

    /// <summary>The option label that stands for the not-assessed value (WSAS: <c>not-applicable</c>).</summary>
    [JsonPropertyName("notAssessedLabel")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? NotAssessedLabel { get; set; }

    [JsonPropertyName("askedWhen")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ConditionDto? AskedWhen { get; set; }

    [JsonPropertyName("loinc")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Loinc { get; set; }
}

internal sealed class ConditionDto
{
    [JsonPropertyName("item")] public int Item { get; set; }
    [JsonPropertyName("score")] public int Score { get; set; }
}

internal sealed class DomainDto
{
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("items")] public List<int>? Items { get; set; }

    [JsonPropertyName("eitherOr")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<List<int>>? EitherOr { get; set; }
}

internal sealed class RiskTierDto
{
    [JsonPropertyName("level")] public string? Level { get; set; }
    [JsonPropertyName("anyOf")] public List<int>? AnyOf { get; set; }
    [JsonPropertyName("priority")] public string? Priority { get; set; }
}

internal sealed class BandSetDto
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("citation")] public string? Citation { get; set; }
    [JsonPropertyName("bands")] public List<BandDefinitionDto>? Bands { get; set; }
}

internal sealed class BandDefinitionDto
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("label")] public string? Label { get; set; }
    [JsonPropertyName("min")] public int Min { get; set; }
    [JsonPropertyName("max")] public int Max { get; set; }
}

internal sealed class SafetyItemDto
{
    [JsonPropertyName("item")] public int Item { get; set; }
    [JsonPropertyName("reviewAt")] public int ReviewAt { get; set; }
    [JsonPropertyName("urgentAt")] public int UrgentAt { get; set; }
    [JsonPropertyName("basis")] public string? Basis { get; set; }
}

[JsonSourceGenerationOptions(WriteIndented = true, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(InstrumentDefinitionDto))]
internal sealed partial class DefinitionContext : JsonSerializerContext
{
}

internal sealed class SubscaleDto
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("items")] public List<int>? Items { get; set; }
}

internal sealed class ClusterRuleDto
{
    [JsonPropertyName("endorsedAt")] public int EndorsedAt { get; set; }
    [JsonPropertyName("require")] public List<ClusterRequirementDto>? Require { get; set; }
}

internal sealed class ClusterRequirementDto
{
    [JsonPropertyName("subscale")] public string? Subscale { get; set; }
    [JsonPropertyName("count")] public int Count { get; set; }
}

internal sealed class ScaledTableDto
{
    [JsonPropertyName("metric")] public string? Metric { get; set; }
    [JsonPropertyName("source")] public string? Source { get; set; }
    [JsonPropertyName("firstTotal")] public int FirstTotal { get; set; }
    [JsonPropertyName("table")] public List<ScaledEntryDto>? Table { get; set; }
}

internal sealed class ScaledEntryDto
{
    [JsonPropertyName("value")] public decimal Value { get; set; }
    [JsonPropertyName("se")] public decimal Se { get; set; }
}

internal sealed class TotalFlagDto
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("at")] public int At { get; set; }
    [JsonPropertyName("priority")] public string? Priority { get; set; }
    [JsonPropertyName("source")] public string? Source { get; set; }
}
