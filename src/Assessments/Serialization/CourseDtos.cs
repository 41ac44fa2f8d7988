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

    [JsonPropertyName("end")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? End { get; set; }

    [JsonPropertyName("kind")] public string? Kind { get; set; }

    /// <summary>Output only: whether the session anchors the course summarised.</summary>
    [JsonPropertyName("anchoring")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Anchoring { get; set; }
}

internal sealed class CourseAssessmentDto
{
    [JsonPropertyName("at")] public string? At { get; set; }
    [JsonPropertyName("items")] public List<JsonElement>? Items { get; set; }
    [JsonPropertyName("positions")] public bool Positions { get; set; }
    [JsonPropertyName("prorate")] public bool Prorate { get; set; }
    [JsonPropertyName("total")] public int? Total { get; set; }
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

internal sealed class CoursePointDto
{
    [JsonPropertyName("at")] public string At { get; set; } = "";
    [JsonPropertyName("total")] public int Total { get; set; }
}

internal sealed class AtDto
{
    [JsonPropertyName("at")] public string At { get; set; } = "";
}

internal sealed class LossOfResponseDto
{
    [JsonPropertyName("at")] public string At { get; set; } = "";
    [JsonPropertyName("confirmedAt")] public string ConfirmedAt { get; set; } = "";
    [JsonPropertyName("daysSinceLastTreatment")] public int? DaysSinceLastTreatment { get; set; }
}

internal sealed class ConfirmedEventDto
{
    [JsonPropertyName("at")] public string At { get; set; } = "";
    [JsonPropertyName("confirmedAt")] public string ConfirmedAt { get; set; } = "";
}

internal sealed class EpisodeDto
{
    [JsonPropertyName("sustainedRemission")] public AtDto? SustainedRemission { get; set; }
    [JsonPropertyName("recovery")] public AtDto? Recovery { get; set; }
    [JsonPropertyName("relapse")] public ConfirmedEventDto? Relapse { get; set; }
    [JsonPropertyName("recurrence")] public ConfirmedEventDto? Recurrence { get; set; }
}

internal sealed class Cms159Dto
{
    [JsonPropertyName("eligible")] public bool Eligible { get; set; }
    [JsonPropertyName("indexAt")] public string? IndexAt { get; set; }
    [JsonPropertyName("measuredAt")] public string? MeasuredAt { get; set; }
    [JsonPropertyName("remission")] public bool? Remission { get; set; }
}

internal sealed class SessionPeakDto
{
    [JsonPropertyName("sessionAt")] public string SessionAt { get; set; } = "";
    [JsonPropertyName("peak")] public int Peak { get; set; }
}

internal sealed class CourseAssessmentOutDto
{
    [JsonPropertyName("at")] public string At { get; set; } = "";
    [JsonPropertyName("role")] public string Role { get; set; } = "";
    [JsonPropertyName("total")] public int Total { get; set; }
    [JsonPropertyName("band")] public string? Band { get; set; }
    [JsonPropertyName("status")] public string? Status { get; set; }
    [JsonPropertyName("meetsResponse")] public bool MeetsResponse { get; set; }
    [JsonPropertyName("inRemission")] public bool? InRemission { get; set; }
    [JsonPropertyName("percentImprovement")] public decimal? PercentImprovement { get; set; }
    [JsonPropertyName("change")] public int? Change { get; set; }
    [JsonPropertyName("reliableChange")] public string? ReliableChange { get; set; }
    [JsonPropertyName("baseline")] public bool Baseline { get; set; }
    [JsonPropertyName("source")] public string Source { get; set; } = "items";
    [JsonPropertyName("safetyScreen")] public string SafetyScreen { get; set; } = "";
    [JsonPropertyName("flags")] public List<FlagDto> Flags { get; set; } = [];
}

internal sealed class CourseSummaryDto
{
    [JsonPropertyName("instrument")] public string Instrument { get; set; } = "";
    [JsonPropertyName("preset")] public string Preset { get; set; } = "";
    [JsonPropertyName("treatmentKind")] public string? TreatmentKind { get; set; }
    [JsonPropertyName("warnings")] public List<string> Warnings { get; set; } = [];
    [JsonPropertyName("t0")] public string? T0 { get; set; }
    [JsonPropertyName("remissionThreshold")] public int? RemissionThreshold { get; set; }
    [JsonPropertyName("relapseThreshold")] public int? RelapseThreshold { get; set; }
    [JsonPropertyName("baseline")] public CoursePointDto Baseline { get; set; } = new();
    [JsonPropertyName("latest")] public CoursePointDto Latest { get; set; } = new();
    [JsonPropertyName("percentImprovement")] public decimal? PercentImprovement { get; set; }
    [JsonPropertyName("status")] public string? Status { get; set; }
    [JsonPropertyName("baselineBelowThreshold")] public bool BaselineBelowThreshold { get; set; }
    [JsonPropertyName("rapidResponse")] public bool RapidResponse { get; set; }
    [JsonPropertyName("sustainedResponse")] public bool SustainedResponse { get; set; }
    [JsonPropertyName("lossOfResponse")] public LossOfResponseDto? LossOfResponse { get; set; }

    /// <summary>Deprecated (v1): the same value as <see cref="LossOfResponse"/>.</summary>
    [JsonPropertyName("relapse")] public LossOfResponseDto? Relapse { get; set; }

    [JsonPropertyName("episode")] public EpisodeDto? Episode { get; set; }
    [JsonPropertyName("reliableChange")] public string? ReliableChange { get; set; }
    [JsonPropertyName("mcid")] public int? Mcid { get; set; }
    [JsonPropertyName("depressionRemission12Months")] public Cms159Dto? DepressionRemission12Months { get; set; }
    [JsonPropertyName("daysToFirstResponse")] public int? DaysToFirstResponse { get; set; }
    [JsonPropertyName("daysToFirstRemission")] public int? DaysToFirstRemission { get; set; }
    [JsonPropertyName("safetyFlags")] public List<FlagDto> SafetyFlags { get; set; } = [];
    [JsonPropertyName("assessmentsWithoutItems")] public int AssessmentsWithoutItems { get; set; }
    [JsonPropertyName("sessionPeaks")] public List<SessionPeakDto>? SessionPeaks { get; set; }
    [JsonPropertyName("treatments")] public List<TreatmentDto> Treatments { get; set; } = [];
    [JsonPropertyName("assessments")] public List<CourseAssessmentOutDto> Assessments { get; set; } = [];
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
