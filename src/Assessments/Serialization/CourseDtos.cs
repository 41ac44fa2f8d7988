using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Assessments.Serialization;

// The course document and the course summary it prints (docs/wire-format.md).

internal sealed class CourseDocumentDto
{
    [JsonPropertyName("instrument")] public string? Instrument { get; set; }
    [JsonPropertyName("treatments")] public List<TreatmentDto>? Treatments { get; set; }
    [JsonPropertyName("assessments")] public List<CourseAssessmentDto>? Assessments { get; set; }
    [JsonPropertyName("options")] public CourseOptionsDto? Options { get; set; }
}

internal sealed class TreatmentDto
{
    [JsonPropertyName("at")] public string? At { get; set; }
    [JsonPropertyName("kind")] public string? Kind { get; set; }
}

internal sealed class CourseAssessmentDto
{
    [JsonPropertyName("at")] public string? At { get; set; }
    [JsonPropertyName("items")] public List<JsonElement>? Items { get; set; }
    [JsonPropertyName("positions")] public bool Positions { get; set; }
    [JsonPropertyName("prorate")] public bool Prorate { get; set; }
    [JsonPropertyName("total")] public int? Total { get; set; }
}

internal sealed class CourseOptionsDto
{
    [JsonPropertyName("remissionThreshold")] public int? RemissionThreshold { get; set; }
    [JsonPropertyName("responsePercent")] public int? ResponsePercent { get; set; }
    [JsonPropertyName("partialResponsePercent")] public int? PartialResponsePercent { get; set; }
    [JsonPropertyName("rapidResponseHours")] public double? RapidResponseHours { get; set; }
    [JsonPropertyName("sustainedCount")] public int? SustainedCount { get; set; }
    [JsonPropertyName("lossOfResponseCount")] public int? LossOfResponseCount { get; set; }
    [JsonPropertyName("baselineAt")] public string? BaselineAt { get; set; }
    [JsonPropertyName("reliableChange")] public ReliableChangeDto? ReliableChange { get; set; }
}

internal sealed class ReliableChangeDto
{
    [JsonPropertyName("sd")] public double Sd { get; set; }
    [JsonPropertyName("reliability")] public double Reliability { get; set; }
    [JsonPropertyName("caseCutoff")] public int? CaseCutoff { get; set; }
}

internal sealed class CoursePointDto
{
    [JsonPropertyName("at")] public string At { get; set; } = "";
    [JsonPropertyName("total")] public int Total { get; set; }
}

internal sealed class RelapseDto
{
    [JsonPropertyName("at")] public string At { get; set; } = "";
    [JsonPropertyName("daysSinceLastTreatment")] public int? DaysSinceLastTreatment { get; set; }
}

internal sealed class CourseAssessmentOutDto
{
    [JsonPropertyName("at")] public string At { get; set; } = "";
    [JsonPropertyName("total")] public int Total { get; set; }
    [JsonPropertyName("band")] public string? Band { get; set; }
    [JsonPropertyName("status")] public string? Status { get; set; }
    [JsonPropertyName("percentImprovement")] public decimal? PercentImprovement { get; set; }
    [JsonPropertyName("change")] public int? Change { get; set; }
    [JsonPropertyName("reliableChange")] public string? ReliableChange { get; set; }
    [JsonPropertyName("baseline")] public bool Baseline { get; set; }
    [JsonPropertyName("source")] public string Source { get; set; } = "items";
    [JsonPropertyName("flags")] public List<FlagDto> Flags { get; set; } = [];
}

internal sealed class DatedFlagDto
{
    [JsonPropertyName("at")] public string At { get; set; } = "";
    [JsonPropertyName("flag")] public FlagDto Flag { get; set; } = new();
}

internal sealed class CourseSummaryDto
{
    [JsonPropertyName("instrument")] public string Instrument { get; set; } = "";
    [JsonPropertyName("remissionThreshold")] public int? RemissionThreshold { get; set; }
    [JsonPropertyName("baseline")] public CoursePointDto Baseline { get; set; } = new();
    [JsonPropertyName("latest")] public CoursePointDto Latest { get; set; } = new();
    [JsonPropertyName("percentImprovement")] public decimal? PercentImprovement { get; set; }
    [JsonPropertyName("status")] public string? Status { get; set; }
    [JsonPropertyName("baselineBelowThreshold")] public bool BaselineBelowThreshold { get; set; }
    [JsonPropertyName("rapidResponse")] public bool RapidResponse { get; set; }
    [JsonPropertyName("sustainedResponse")] public bool SustainedResponse { get; set; }
    [JsonPropertyName("relapse")] public RelapseDto? Relapse { get; set; }
    [JsonPropertyName("reliableChange")] public string? ReliableChange { get; set; }
    [JsonPropertyName("daysToFirstResponse")] public int? DaysToFirstResponse { get; set; }
    [JsonPropertyName("daysToFirstRemission")] public int? DaysToFirstRemission { get; set; }
    [JsonPropertyName("treatments")] public List<TreatmentDto> Treatments { get; set; } = [];
    [JsonPropertyName("assessments")] public List<CourseAssessmentOutDto> Assessments { get; set; } = [];
    [JsonPropertyName("safetyFlags")] public List<DatedFlagDto> SafetyFlags { get; set; } = [];
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
[JsonSerializable(typeof(CourseDocumentDto))]
[JsonSerializable(typeof(CourseSummaryDto))]
[JsonSerializable(typeof(CourseErrorsDto))]
internal sealed partial class CourseContext : JsonSerializerContext
{
}
