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
        LossOfResponseDto? loss = summary.LossOfResponse is { } l
            ? new LossOfResponseDto { At = Iso(l.At), ConfirmedAt = Iso(l.ConfirmedAt), DaysSinceLastTreatment = l.DaysSinceLastTreatment }
            : null;
        var anchoring = new HashSet<TreatmentSession>(summary.AnchoringSessions, ReferenceEqualityComparer.Instance);
        return new CourseSummaryDto
        {
            Instrument = summary.Instrument.Id,
            Preset = summary.Preset,
            TreatmentKind = summary.TreatmentKind,
            Warnings = [.. summary.Warnings],
            T0 = summary.T0 is DateTimeOffset t0 ? Iso(t0) : null,
            RemissionThreshold = summary.RemissionThreshold,
            RelapseThreshold = summary.RelapseThreshold,
            Baseline = new CoursePointDto { At = Iso(summary.Baseline.At), Total = summary.Baseline.Total },
            Latest = new CoursePointDto { At = Iso(summary.Latest.At), Total = summary.Latest.Total },
            PercentImprovement = summary.PercentImprovement,
            Status = summary.Status is CourseStatus s ? s.ToWireId() : null,
            BaselineBelowThreshold = summary.BaselineBelowThreshold,
            RapidResponse = summary.RapidResponse,
            SustainedResponse = summary.SustainedResponse,
            LossOfResponse = loss,
            Relapse = loss,
            Episode = summary.Episode is { } e ? new EpisodeDto
            {
                SustainedRemission = e.SustainedRemission is DateTimeOffset sr ? new AtDto { At = Iso(sr) } : null,
                Recovery = e.Recovery is DateTimeOffset rec ? new AtDto { At = Iso(rec) } : null,
                Relapse = Confirmed(e.Relapse),
                Recurrence = Confirmed(e.Recurrence),
            } : null,
            ReliableChange = summary.ReliableChange is ReliableChangeCategory rc ? rc.ToWireId() : null,
            Mcid = summary.Mcid,
            DepressionRemission12Months = summary.DepressionRemission12Months is { } m ? new Cms159Dto
            {
                Eligible = m.Eligible,
                IndexAt = m.IndexAt is DateTimeOffset ia ? Iso(ia) : null,
                MeasuredAt = m.MeasuredAt is DateTimeOffset ma ? Iso(ma) : null,
                Remission = m.Remission,
            } : null,
            DaysToFirstResponse = summary.DaysToFirstResponse,
            DaysToFirstRemission = summary.DaysToFirstRemission,
            SafetyFlags = [.. summary.SafetyFlags.Select(FlatFlag)],
            AssessmentsWithoutItems = summary.AssessmentsWithoutItems,
            SessionPeaks = summary.SessionPeaks is { } peaks ? [.. peaks.Select(p => new SessionPeakDto { SessionAt = Iso(p.SessionAt), Peak = p.Peak })] : null,
            Treatments = [.. summary.Treatments.Select(t => new TreatmentDto { At = Iso(t.At), End = t.End is DateTimeOffset end ? Iso(end) : null, Kind = t.Kind, Anchoring = anchoring.Contains(t) })],
            Assessments = [.. summary.Assessments.Select(t => new CourseAssessmentOutDto
            {
                At = Iso(t.At),
                Role = t.Role.ToWireId(),
                Total = t.Total,
                Band = t.Band?.Id,
                Status = t.Status is CourseStatus st ? st.ToWireId() : null,
                MeetsResponse = t.MeetsResponse,
                InRemission = t.InRemission,
                PercentImprovement = t.PercentImprovement,
                Change = t.Change,
                ReliableChange = t.ReliableChange is ReliableChangeCategory r ? r.ToWireId() : null,
                Baseline = t.IsBaseline,
                Source = t.Assessment.Score is null ? "total" : "items",
                SafetyScreen = t.Assessment.Score is null ? "not-recorded" : t.Assessment.Instrument.SafetyScreen.ToWireId(),
                Flags = AssessmentsJson.ToDtos(t.Assessment.Flags),
            })],
        };
    }

    private static ConfirmedEventDto? Confirmed(ConfirmedEvent? e) => e is null ? null : new ConfirmedEventDto { At = Iso(e.At), ConfirmedAt = Iso(e.ConfirmedAt) };

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

    /// <summary>The course options of a document: the preset (the document's, else <paramref name="defaultPreset"/>),
    /// then every value the document states explicitly. Each bad value is an <c>option-out-of-range</c> error.</summary>
    internal static CourseOptions? ReadOptions(CourseOptionsDto? dto, string? defaultPreset, ImmutableArray<CourseError>.Builder errors)
    {
        dto ??= new CourseOptionsDto();
        int before = errors.Count;
        void Check(bool ok, string message)
        {
            if (!ok)
                errors.Add(new CourseError(ErrorCodes.OptionOutOfRange, "options", null, message));
        }

        string presetId = dto.Preset ?? defaultPreset ?? CoursePresets.KetamineClinicId;
        Check(CoursePresets.TryGet(presetId, out CoursePreset? preset), "\"preset\" must be one of ketamine-clinic, sustain-1, transform-2, acnp-2006.");
        Check(dto.ResponsePercent is null or (>= 1 and <= 100), "\"responsePercent\" must be 1 to 100.");
        Check(dto.PartialResponsePercent is null or (>= 1 and <= 100), "\"partialResponsePercent\" must be 1 to 100.");
        Check(dto.RemissionThreshold is null or (>= 0 and <= Limits.MaxItems * Limits.MaxItemScore), "\"remissionThreshold\" must be a total of 0 or more.");
        Check(dto.RelapseThreshold is null or (>= 0 and <= Limits.MaxItems * Limits.MaxItemScore), "\"relapseThreshold\" must be a total of 0 or more.");
        Check(dto.RapidResponseHours is null or (> 0 and <= 3660 * 24), "\"rapidResponseHours\" must be positive and at most 87840 (3660 days).");
        Check(dto.RapidResponseFrom is null or "end" or "start", "\"rapidResponseFrom\" is \"end\" or \"start\".");
        int? sustainedCount = dto.SustainedResponseCount ?? dto.SustainedCount;
        Check(sustainedCount is null or (>= 1 and <= Limits.MaxCourseAssessments), "\"sustainedResponseCount\" must be 1 or more, at most the course size limit.");
        Check(dto.LossOfResponseCount is null, "\"lossOfResponseCount\" is gone in v2: a loss of response is confirmed by the next assessment, \"confirmationMinDays\" later.");
        Check(dto.BaselineMaxAgeDays is null or (>= 0 and <= 3660), "\"baselineMaxAgeDays\" must be 0 to 3660.");
        Check(dto.NewCourseAfterDays is null or (>= 1 and <= 3660), "\"newCourseAfterDays\" must be 1 to 3660.");
        Check(dto.ConfirmationMinDays is null or (>= 0 and <= 3660), "\"confirmationMinDays\" must be 0 to 3660.");
        Check(dto.ConfirmationMaxDays is null or (>= 0 and <= 3660), "\"confirmationMaxDays\" must be 0 to 3660.");
        Check(dto.SustainedRemissionDays is null or (>= 0 and <= 3660), "\"sustainedRemissionDays\" must be 0 to 3660.");
        Check(dto.RecoveryDays is null or (>= 0 and <= 3660), "\"recoveryDays\" must be 0 to 3660.");
        Check(dto.TreatmentKind is null || !string.IsNullOrWhiteSpace(dto.TreatmentKind), "\"treatmentKind\" must not be blank.");
        DateTimeOffset baseline = default, courseStart = default;
        Check(dto.BaselineAt is null || TryParseInstant(dto.BaselineAt, out baseline), "\"baselineAt\" must be an ISO 8601 time with an offset.");
        Check(dto.CourseStart is null || TryParseInstant(dto.CourseStart, out courseStart), "\"courseStart\" must be an ISO 8601 time with an offset.");
        double? sd = dto.Sd ?? dto.ReliableChange?.Sd;
        double? reliability = dto.Reliability ?? dto.ReliableChange?.Reliability;
        int? caseness = dto.Caseness ?? dto.ReliableChange?.CaseCutoff;
        Check((sd is null) == (reliability is null), "\"sd\" and \"reliability\" come together.");
        Check(sd is null || (sd > 0 && double.IsFinite(sd.Value)), "\"sd\" must be a finite number above 0.");
        Check(reliability is null || (reliability >= 0 && reliability < 1), "\"reliability\" must lie in [0, 1).");
        Check(caseness is null or >= 0, "\"caseness\" must be a total of 0 or more.");
        if (errors.Count > before || preset is null)
            return null;

        CourseOptions d = preset.Options;
        return d with
        {
            TreatmentKind = dto.TreatmentKind ?? d.TreatmentKind,
            CourseStart = dto.CourseStart is null ? d.CourseStart : courseStart,
            BaselineAt = dto.BaselineAt is null ? d.BaselineAt : baseline,
            BaselineMaxAgeDays = dto.BaselineMaxAgeDays ?? d.BaselineMaxAgeDays,
            NewCourseAfterDays = dto.NewCourseAfterDays ?? d.NewCourseAfterDays,
            RemissionThreshold = dto.RemissionThreshold ?? d.RemissionThreshold,
            RelapseThreshold = dto.RelapseThreshold ?? d.RelapseThreshold,
            ResponsePercent = dto.ResponsePercent ?? d.ResponsePercent,
            PartialResponsePercent = dto.PartialResponsePercent ?? d.PartialResponsePercent,
            RapidResponseWindow = dto.RapidResponseHours is double h ? TimeSpan.FromHours(h) : d.RapidResponseWindow,
            RapidResponseFrom = dto.RapidResponseFrom switch { "start" => RapidResponseAnchor.Start, "end" => RapidResponseAnchor.End, _ => d.RapidResponseFrom },
            SustainedResponseCount = sustainedCount ?? d.SustainedResponseCount,
            ConfirmationMinDays = dto.ConfirmationMinDays ?? d.ConfirmationMinDays,
            ConfirmationMaxDays = dto.ConfirmationMaxDays ?? d.ConfirmationMaxDays,
            SustainedRemissionDays = dto.SustainedRemissionDays ?? d.SustainedRemissionDays,
            RecoveryDays = dto.RecoveryDays ?? d.RecoveryDays,
            ReliableChange = sd is double s && reliability is double r ? new ReliableChangeParameters(s, r, caseness) : d.ReliableChange,
        };
    }
}
