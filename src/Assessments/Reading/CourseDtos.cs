using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Assessments.Reading;

// The course document and the course summary it prints (docs/wire-format.md).

internal sealed class TreatmentDto
{
    [JsonPropertyName("at")] public string? At { get; set; }

    [JsonPropertyName("end")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? End { get; set; }

    [JsonPropertyName("kind")] public string? Kind { get; set; }

    /// <summary>"at" already parsed from the bytes (the direct reader); then <see cref="At"/> is null.</summary>
    [JsonIgnore] public System.DateTimeOffset? AtValue { get; set; }

    /// <summary>"end" already parsed from the bytes (the direct reader); then <see cref="End"/> is null.</summary>
    [JsonIgnore] public System.DateTimeOffset? EndValue { get; set; }
}

/// <summary>The v2 options of docs/wire-format.md; v1 names are still read (<c>sustainedCount</c>, <c>reliableChange</c>).</summary>
internal sealed class CourseOptionsDto
{
    [JsonPropertyName("preset")] public string? Preset { get; set; }
    [JsonPropertyName("treatmentKind")] public string? TreatmentKind { get; set; }
    [JsonPropertyName("courseStart")] public string? CourseStart { get; set; }
    [JsonPropertyName("baselineAt")] public string? BaselineAt { get; set; }
    [JsonPropertyName("baselineMaxAgeDays")] public int? BaselineMaxAgeDays { get; set; }
    [JsonPropertyName("newCourseAfterDays")] public int? NewCourseAfterDays { get; set; }
    [JsonPropertyName("rapidResponseHours")] public double? RapidResponseHours { get; set; }
    [JsonPropertyName("rapidResponseFrom")] public string? RapidResponseFrom { get; set; }
    [JsonPropertyName("sustainedResponseCount")] public int? SustainedResponseCount { get; set; }
    [JsonPropertyName("sustainedCount")] public int? SustainedCount { get; set; }
    [JsonPropertyName("lossOfResponseCount")] public int? LossOfResponseCount { get; set; }
    [JsonPropertyName("visitWindowHours")] public double? VisitWindowHours { get; set; }
    [JsonPropertyName("staleBaselineMaxDays")] public int? StaleBaselineMaxDays { get; set; }
    [JsonPropertyName("reinductionSessions")] public int? ReinductionSessions { get; set; }
    [JsonPropertyName("reinductionDays")] public int? ReinductionDays { get; set; }
    [JsonPropertyName("relapseFrom")] public string? RelapseFrom { get; set; }
    [JsonPropertyName("strict")] public bool? Strict { get; set; }
    [JsonPropertyName("confirmationMinDays")] public int? ConfirmationMinDays { get; set; }
    [JsonPropertyName("confirmationMaxDays")] public int? ConfirmationMaxDays { get; set; }
    [JsonPropertyName("sustainedRemissionDays")] public int? SustainedRemissionDays { get; set; }
    [JsonPropertyName("recoveryDays")] public int? RecoveryDays { get; set; }
    [JsonPropertyName("remissionThreshold")] public int? RemissionThreshold { get; set; }
    [JsonPropertyName("relapseThreshold")] public int? RelapseThreshold { get; set; }
    [JsonPropertyName("responsePercent")] public int? ResponsePercent { get; set; }
    [JsonPropertyName("partialResponsePercent")] public int? PartialResponsePercent { get; set; }
    [JsonPropertyName("sd")] public double? Sd { get; set; }
    [JsonPropertyName("reliability")] public double? Reliability { get; set; }
    [JsonPropertyName("caseness")] public int? Caseness { get; set; }
    [JsonPropertyName("reliableChange")] public ReliableChangeDto? ReliableChange { get; set; }
}

internal sealed class ReliableChangeDto
{
    [JsonPropertyName("sd")] public double Sd { get; set; }
    [JsonPropertyName("reliability")] public double Reliability { get; set; }
    [JsonPropertyName("caseCutoff")] public int? CaseCutoff { get; set; }
}

internal sealed class CourseErrorDto
{
    [JsonPropertyName("code")] public string Code { get; set; } = "";

    [JsonPropertyName("position")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Position { get; set; }

    [JsonPropertyName("item")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Item { get; set; }

    [JsonPropertyName("message")] public string Message { get; set; } = "";
}

internal sealed class CourseErrorsDto
{
    [JsonPropertyName("instrument")] public string? Instrument { get; set; }
    [JsonPropertyName("errors")] public List<CourseErrorDto> Errors { get; set; } = [];
    [JsonPropertyName("safetyFlags")] public List<FlagDto> SafetyFlags { get; set; } = [];
}

[JsonSourceGenerationOptions(WriteIndented = false, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(List<TreatmentDto>), TypeInfoPropertyName = "ListTreatmentDto")]
[JsonSerializable(typeof(CourseOptionsDto))]
[JsonSerializable(typeof(CourseErrorsDto))]
[JsonSerializable(typeof(FlagDto))]
internal sealed partial class CourseContext : JsonSerializerContext
{
}
