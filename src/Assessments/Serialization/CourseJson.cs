using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using Assessments.Trends;

namespace Assessments.Serialization;

/// <summary>The course document of the <c>assess course</c> command, and the summary it prints, as the library's wire format.</summary>
/// <remarks>
/// Input: <c>{ "instrument": "madrs", "treatments": [{ "at": "...", "kind": "infusion" }], "assessments": [{ "at": "...",
/// "items": [...] }, { "at": "...", "total": 15 }], "options": { ... } }</c>. Times are ISO 8601 with an offset.
/// </remarks>
public static partial class CourseJson
{
    /// <summary>Reads a course document into its wire shape: a repeated property, malformed JSON and a course over the
    /// size limits are refused here, before anything is scored.</summary>
    internal static CourseDocumentDto? Read(string json, out CourseReadResult? error)
    {
        error = null;
        try
        {
            byte[] utf8 = System.Text.Encoding.UTF8.GetBytes(json);
            if (DuplicateProperties.Find(utf8) is string repeated)
            {
                error = CourseReadResult.DocumentError(null, ErrorCodes.DuplicateProperty, $"The property \"{repeated}\" appears more than once in one object; a course states each field once.");
                return null;
            }

            CourseDocumentDto? dto = JsonSerializer.Deserialize(utf8, JsonContexts.Course.CourseDocumentDto);
            if (dto?.Assessments?.Count > Limits.MaxCourseAssessments || dto?.Treatments?.Count > Limits.MaxCourseSessions)
            {
                error = CourseReadResult.DocumentError(dto.Instrument, ErrorCodes.CourseTooLarge, $"A course holds at most {Limits.MaxCourseAssessments} assessments and {Limits.MaxCourseSessions} treatment sessions.");
                return null;
            }

            return dto;
        }
        catch (JsonException e)
        {
            error = CourseReadResult.DocumentError(null, ErrorCodes.MalformedDocument, $"The course is not well-formed JSON (line {(e.LineNumber ?? 0) + 1}).");
            return null;
        }
    }

    /// <summary>Writes a course summary (the <c>course</c> JSON of the CLI contract).</summary>
    /// <param name="summary">The summary.</param>
    /// <returns>The JSON, one line.</returns>
    public static string Write(CourseSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return JsonSerializer.Serialize(ToDto(summary), JsonContexts.Course.CourseSummaryDto);
    }

    internal static CourseSummaryDto ToDto(CourseSummary summary)
    {
        return new CourseSummaryDto
        {
            Instrument = summary.Instrument.Id,
            RemissionThreshold = summary.RemissionThreshold,
            Baseline = new CoursePointDto { At = Iso(summary.Baseline.At), Total = summary.Baseline.Total },
            Latest = new CoursePointDto { At = Iso(summary.Latest.At), Total = summary.Latest.Total },
            PercentImprovement = summary.PercentImprovement,
            Status = summary.Status is CourseStatus s ? s.ToWireId() : null,
            BaselineBelowThreshold = summary.BaselineBelowThreshold,
            RapidResponse = summary.RapidResponse,
            SustainedResponse = summary.SustainedResponse,
            Relapse = summary.LossOfResponse is { } loss ? new RelapseDto { At = Iso(loss.At), DaysSinceLastTreatment = loss.DaysSinceLastTreatment } : null,
            ReliableChange = summary.ReliableChange is ReliableChangeCategory rc ? rc.ToWireId() : null,
            DaysToFirstResponse = summary.DaysToFirstResponse,
            DaysToFirstRemission = summary.DaysToFirstRemission,
            Treatments = [.. summary.Treatments.Select(t => new TreatmentDto { At = Iso(t.At), Kind = t.Kind })],
            Assessments = [.. summary.Assessments.Select(t => new CourseAssessmentOutDto
            {
                At = Iso(t.At),
                Total = t.Total,
                Band = t.Band?.Id,
                Status = t.Status is CourseStatus st ? st.ToWireId() : null,
                PercentImprovement = t.PercentImprovement,
                Change = t.Change,
                ReliableChange = t.ReliableChange is ReliableChangeCategory r ? r.ToWireId() : null,
                Baseline = t.IsBaseline,
                Source = t.Assessment.Score is null ? "total" : "items",
                Flags = AssessmentsJson.ToDtos(t.Assessment.Flags),
            })],
            SafetyFlags = [.. summary.SafetyFlags.Select(f => new DatedFlagDto { At = Iso(f.At), Flag = AssessmentsJson.ToDtos([f.Flag])[0] })],
        };
    }

    /// <summary>Writes the errors of a course that could not be summarised.</summary>
    /// <param name="instrumentId">The instrument id, when known.</param>
    /// <param name="errors">The errors.</param>
    /// <returns>The JSON, one line.</returns>
    public static string WriteErrors(string? instrumentId, IEnumerable<CourseError> errors) => WriteErrors(instrumentId, errors, []);

    /// <summary>Writes the errors of a course that could not be summarised, with every safety flag of its assessments.</summary>
    /// <param name="instrumentId">The instrument id, when known.</param>
    /// <param name="errors">The errors.</param>
    /// <param name="safetyFlags">The dated flags of every assessment read, valid or not.</param>
    /// <returns>The JSON, one line; <c>safetyFlags</c> entries are flat (<c>at</c> beside the flag's fields).</returns>
    public static string WriteErrors(string? instrumentId, IEnumerable<CourseError> errors, IEnumerable<DatedFlag> safetyFlags)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(safetyFlags);
        var dto = new CourseErrorsDto
        {
            Instrument = instrumentId,
            Errors = [.. errors.Select(e => new CourseErrorDto { Code = e.Code, Position = e.Position, Item = e.ItemNumber, Message = e.Message })],
            SafetyFlags = [.. safetyFlags.Select(f => FlatFlag(f))],
        };
        return JsonSerializer.Serialize(dto, JsonContexts.Course.CourseErrorsDto);
    }

    private static FlagDto FlatFlag(DatedFlag dated)
    {
        FlagDto flag = AssessmentsJson.ToDtos([dated.Flag])[0];
        flag.At = Iso(dated.At);
        return flag;
    }

    /// <summary>ISO 8601 with the offset as given; <c>Z</c> for UTC, fractional seconds only when present.</summary>
    internal static string Iso(DateTimeOffset at) =>
        at.ToString(at.Offset == TimeSpan.Zero ? "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    internal static bool TryParseInstant(string? text, out DateTimeOffset at)
    {
        at = default;
        return text is not null
            && OffsetSuffix().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out at);
    }

    [GeneratedRegex(@"T.*(Z|[+-]\d{2}:?\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex OffsetSuffix();

    internal static CourseOptions? ReadOptions(CourseOptionsDto? dto, ImmutableArray<CourseError>.Builder errors)
    {
        if (dto is null)
            return CourseOptions.Default;
        int before = errors.Count;
        void Check(bool ok, string message)
        {
            if (!ok)
                errors.Add(new CourseError(ErrorCodes.MalformedDocument, "options", null, message));
        }

        Check(dto.ResponsePercent is null or (>= 1 and <= 100), "\"responsePercent\" must be 1 to 100.");
        Check(dto.PartialResponsePercent is null or (>= 1 and <= 100), "\"partialResponsePercent\" must be 1 to 100.");
        Check(dto.RemissionThreshold is null or (>= 0 and <= Limits.MaxItems * Limits.MaxItemScore), "\"remissionThreshold\" must be a total of 0 or more.");
        Check(dto.RapidResponseHours is null or (> 0 and <= 3660 * 24), "\"rapidResponseHours\" must be positive and at most 87840 (3660 days).");
        Check(dto.SustainedCount is null or (>= 1 and <= Limits.MaxCourseAssessments), "\"sustainedCount\" must be 1 or more, at most the course size limit.");
        Check(dto.LossOfResponseCount is null or (>= 1 and <= Limits.MaxCourseAssessments), "\"lossOfResponseCount\" must be 1 or more, at most the course size limit.");
        DateTimeOffset baseline = default;
        Check(dto.BaselineAt is null || TryParseInstant(dto.BaselineAt, out baseline), "\"baselineAt\" must be an ISO 8601 time with an offset.");
        Check(dto.ReliableChange is null || (dto.ReliableChange.Sd > 0 && double.IsFinite(dto.ReliableChange.Sd) && dto.ReliableChange.Reliability >= 0 && dto.ReliableChange.Reliability < 1), "\"reliableChange\" needs a finite sd > 0 and 0 <= reliability < 1.");
        if (errors.Count > before)
            return null;
        CourseOptions d = CourseOptions.Default;
        return d with
        {
            RemissionThreshold = dto.RemissionThreshold,
            ResponsePercent = dto.ResponsePercent ?? d.ResponsePercent,
            PartialResponsePercent = dto.PartialResponsePercent ?? d.PartialResponsePercent,
            RapidResponseWindow = dto.RapidResponseHours is double h ? TimeSpan.FromHours(h) : d.RapidResponseWindow,
            SustainedCount = dto.SustainedCount ?? d.SustainedCount,
            LossOfResponseCount = dto.LossOfResponseCount ?? d.LossOfResponseCount,
            BaselineAt = dto.BaselineAt is null ? null : baseline,
            ReliableChange = dto.ReliableChange is { } rc ? new ReliableChangeParameters(rc.Sd, rc.Reliability, rc.CaseCutoff) : null,
        };
    }
}
