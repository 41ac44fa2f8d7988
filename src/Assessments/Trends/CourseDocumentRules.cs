using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using Assessments.Reading;

namespace Assessments.Trends;

/// <summary>What a course document states, turned into the course's own model: instants with their offset, and the
/// options (the preset, then every value the document states explicitly; each bad value is <c>option-out-of-range</c>).</summary>
internal static partial class CourseDocumentRules
{
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
    internal static CourseOptions? ReadOptions(CourseOptionsDto? dto, string? defaultPreset, ImmutableArray<CourseError>.Builder errors, bool strict = false, CourseOptions? basis = null)
    {
        // A cohort's course that states no options is read under the cohort's own (the result below would equal it, and
        // making it for each of 100,000 courses was a tenth of what summarising one allocated).
        if (dto is null && basis is not null && (!strict || basis.Strict) && CoursePresets.TryGet(basis.Preset, out _))
            return basis;
        dto ??= new CourseOptionsDto();
        int before = errors.Count;
        void Check(bool ok, string message)
        {
            if (!ok)
                errors.Add(new CourseError(ErrorCodes.OptionOutOfRange, "options", null, message));
        }

        string presetId = dto.Preset ?? basis?.Preset ?? defaultPreset ?? CoursePresets.KetamineClinicId;
        Check(CoursePresets.TryGet(presetId, out CoursePreset? preset), "\"preset\" must be one of ketamine-clinic, sustain-1, transform-2, acnp-2006.");
        Check(dto.ResponsePercent is null or (>= 1 and <= 100), "\"responsePercent\" must be 1 to 100.");
        Check(dto.PartialResponsePercent is null or (>= 1 and <= 100), "\"partialResponsePercent\" must be 1 to 100.");
        Check(dto.RemissionThreshold is not int remission || (remission >= 0 && remission <= Limits.MaxItems * Limits.MaxItemScore), "\"remissionThreshold\" must be a total of 0 or more.");
        Check(dto.RelapseThreshold is not int relapse || (relapse >= 0 && relapse <= Limits.MaxItems * Limits.MaxItemScore), "\"relapseThreshold\" must be a total of 0 or more.");
        Check(dto.RapidResponseHours is null or (> 0 and <= 3660 * 24), "\"rapidResponseHours\" must be positive and at most 87840 (3660 days).");
        Check(dto.RapidResponseFrom is null or "end" or "start", "\"rapidResponseFrom\" is \"end\" or \"start\".");
        int? sustainedCount = dto.SustainedResponseCount ?? dto.SustainedCount;
        Check(sustainedCount is not int sustained || (sustained >= 1 && sustained <= Limits.MaxCourseAssessments), "\"sustainedResponseCount\" must be 1 or more, at most the course size limit.");
        Check(dto.LossOfResponseCount is null, "\"lossOfResponseCount\" is gone in v2: a loss of response is confirmed by the next assessment, \"confirmationMinDays\" later.");
        Check(dto.BaselineMaxAgeDays is null or (>= 0 and <= 3660), "\"baselineMaxAgeDays\" must be 0 to 3660.");
        Check(dto.NewCourseAfterDays is null or (>= 1 and <= 3660), "\"newCourseAfterDays\" must be 1 to 3660.");
        Check(dto.ConfirmationMinDays is null or (>= 0 and <= 3660), "\"confirmationMinDays\" must be 0 to 3660.");
        Check(dto.ConfirmationMaxDays is null or (>= 0 and <= 3660), "\"confirmationMaxDays\" must be 0 to 3660.");
        Check(dto.SustainedRemissionDays is null or (>= 0 and <= 3660), "\"sustainedRemissionDays\" must be 0 to 3660.");
        Check(dto.RecoveryDays is null or (>= 0 and <= 3660), "\"recoveryDays\" must be 0 to 3660.");
        Check(dto.VisitWindowHours is null or (>= 0 and <= 3660 * 24), "\"visitWindowHours\" must be 0 to 87840 (3660 days).");
        Check(dto.StaleBaselineMaxDays is null or (>= 0 and <= 3660), "\"staleBaselineMaxDays\" must be 0 to 3660.");
        Check(dto.ReinductionSessions is not int induction || (induction >= 1 && induction <= Limits.MaxCourseSessions), "\"reinductionSessions\" must be 1 or more, at most the session limit.");
        Check(dto.ReinductionDays is null or (>= 0 and <= 3660), "\"reinductionDays\" must be 0 to 3660.");
        Check(dto.RelapseFrom is null or "remission" or "response", "\"relapseFrom\" is \"remission\" or \"response\".");
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

        // A cohort's course states its options over the cohort's rule set (its own preset, when it names one).
        CourseOptions d = dto.Preset is null && basis is not null ? basis : preset.Options;
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
            VisitWindow = dto.VisitWindowHours is double v ? TimeSpan.FromHours(v) : d.VisitWindow,
            StaleBaselineMaxDays = dto.StaleBaselineMaxDays ?? d.StaleBaselineMaxDays,
            ReinductionSessions = dto.ReinductionSessions ?? d.ReinductionSessions,
            ReinductionDays = dto.ReinductionDays ?? d.ReinductionDays,
            RelapseFrom = dto.RelapseFrom switch { "response" => RelapseAnchor.Response, "remission" => RelapseAnchor.Remission, _ => d.RelapseFrom },
            Strict = dto.Strict ?? (strict || d.Strict),
            ReliableChange = sd is double s && reliability is double r ? new ReliableChangeParameters(s, r, caseness) : d.ReliableChange,
        };
    }
}
