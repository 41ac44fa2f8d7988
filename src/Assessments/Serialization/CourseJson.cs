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
    /// <summary>Reads a course document, scores its assessments and summarises the course.</summary>
    /// <param name="json">The course document.</param>
    /// <param name="resolve">Finds an instrument by id; null for the built-in catalogue.</param>
    /// <returns>The summary, or every error (document errors have no position; assessment errors name theirs).</returns>
    public static CourseReadResult Summarize(string json, Func<string, Instrument?>? resolve = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        resolve ??= AssessmentsJson.ResolveBuiltIn;
        CourseDocumentDto? dto;
        try
        {
            byte[] utf8 = System.Text.Encoding.UTF8.GetBytes(json);
            if (DuplicateProperties.Find(utf8) is string repeated)
                return CourseReadResult.DocumentError(null, ErrorCodes.DuplicateProperty, $"The property \"{repeated}\" appears more than once in one object; a course states each field once.");
            dto = JsonSerializer.Deserialize(utf8, JsonContexts.Course.CourseDocumentDto);
        }
        catch (JsonException e)
        {
            return CourseReadResult.DocumentError(null, ErrorCodes.MalformedDocument, $"The course is not well-formed JSON (line {(e.LineNumber ?? 0) + 1}).");
        }

        if (dto?.Assessments?.Count > Limits.MaxCourseAssessments || dto?.Treatments?.Count > Limits.MaxCourseSessions)
            return CourseReadResult.DocumentError(dto.Instrument, ErrorCodes.CourseTooLarge, $"A course holds at most {Limits.MaxCourseAssessments} assessments and {Limits.MaxCourseSessions} treatment sessions.");

        if (dto?.Instrument is not string id || string.IsNullOrWhiteSpace(id))
            return CourseReadResult.DocumentError(null, ErrorCodes.MalformedDocument, "The course has no \"instrument\".");
        Instrument? instrument = resolve(id);
        if (instrument is null)
            return CourseReadResult.DocumentError(id, ErrorCodes.UnknownInstrument, $"Unknown instrument '{id}'.");
        if (!instrument.HasTotal)
            return CourseReadResult.DocumentError(id, ErrorCodes.NoCourse, $"'{id}' gives a risk level, not a total: it has no treatment course.");
        if (dto.Assessments is null)
            return CourseReadResult.DocumentError(id, ErrorCodes.MalformedDocument, "The course has no \"assessments\" array.");

        var documentErrors = ImmutableArray.CreateBuilder<CourseError>();
        CourseOptions? options = ReadOptions(dto.Options, documentErrors);
        var sessions = new List<TreatmentSession>();
        for (int i = 0; i < (dto.Treatments?.Count ?? 0); i++)
        {
            TreatmentDto? t = dto.Treatments![i];
            string position = string.Create(CultureInfo.InvariantCulture, $"treatments[{i}]");
            if (t is null)
                documentErrors.Add(new CourseError(ErrorCodes.MalformedDocument, position, null, "A treatment session must be an object."));
            else if (!TryParseInstant(t.At, out DateTimeOffset at))
                documentErrors.Add(new CourseError(ErrorCodes.MalformedDocument, position, null, "\"at\" must be an ISO 8601 time with an offset."));
            else if (string.IsNullOrWhiteSpace(t.Kind))
                documentErrors.Add(new CourseError(ErrorCodes.MalformedDocument, position, null, "\"kind\" is required."));
            else
                sessions.Add(new TreatmentSession(at, t.Kind));
        }

        var times = new DateTimeOffset?[dto.Assessments.Count];
        for (int i = 0; i < dto.Assessments.Count; i++)
        {
            if (TryParseInstant(dto.Assessments[i]?.At, out DateTimeOffset at))
                times[i] = at;
            else
                documentErrors.Add(new CourseError(ErrorCodes.MalformedDocument, TreatmentCourse.Position(i), null, "\"at\" must be an ISO 8601 time with an offset."));
        }

        if (documentErrors.Count > 0 || options is null)
            return new CourseReadResult(id, null, documentErrors.ToImmutable(), isDocumentError: true);

        var errors = ImmutableArray.CreateBuilder<CourseError>();
        var assessments = new List<CourseAssessment>();

        // The flags of invalid assessments: every flag reaches the course's safety list, valid or not.
        var invalidFlags = new List<DatedFlag>();
        for (int i = 0; i < dto.Assessments.Count; i++)
        {
            CourseAssessmentDto a = dto.Assessments[i];
            string position = TreatmentCourse.Position(i);
            DateTimeOffset at = times[i]!.Value;
            if ((a.Items is null) == (a.Total is null))
            {
                errors.Add(new CourseError(ErrorCodes.ItemsOrTotal, position, null, "An assessment carries either \"items\" or a \"total\"."));
                continue;
            }

            if (a.Total is int total)
            {
                if (CourseAssessment.TryFromTotal(at, instrument, total, out CourseAssessment? imported))
                    assessments.Add(imported);
                else
                    errors.Add(new CourseError(ErrorCodes.TotalOutOfRange, position, null, string.Create(CultureInfo.InvariantCulture, $"A {instrument.Id} total lies in {instrument.MinTotal}..{instrument.MaxTotal}.")));
                continue;
            }

            var scoring = new ScoringOptions { Prorate = a.Prorate, Values = a.Positions ? ResponseValueKind.OptionPositions : ResponseValueKind.ItemScores };
            ScoringResult result = AssessmentsJson.ScoreElements(instrument, a.Items!, scoring);
            if (result.Score is { } score)
                assessments.Add(CourseAssessment.FromScore(at, score));
            foreach (SafetyFlag flag in result.IsSuccess ? ImmutableArray<SafetyFlag>.Empty : result.Flags)
                invalidFlags.Add(new DatedFlag(at, flag));
            foreach (ScoringError e in result.Errors)
                errors.Add(new CourseError(e.Code, position, e.ItemNumber, e.Message));
        }

        if (errors.Count > 0)
            return new CourseReadResult(id, null, errors.ToImmutable(), isDocumentError: false, SafetyOf(assessments, invalidFlags));

        CourseResult course = TreatmentCourse.Summarize(instrument, assessments, sessions, options);
        return new CourseReadResult(id, course.Summary, course.Errors, isDocumentError: false, course.Summary is null ? SafetyOf(assessments, invalidFlags) : course.Summary.SafetyFlags);
    }

    /// <summary>Every flag of every assessment read, valid or not, in time order (docs/clinical-rules.md, "Never lost").</summary>
    private static ImmutableArray<DatedFlag> SafetyOf(List<CourseAssessment> valid, List<DatedFlag> invalid)
    {
        var all = new List<DatedFlag>(invalid);
        foreach (CourseAssessment a in valid)
        {
            foreach (SafetyFlag flag in a.Flags)
                all.Add(new DatedFlag(a.At, flag));
        }

        all.Sort((x, y) => x.At.UtcTicks.CompareTo(y.At.UtcTicks));
        return [.. all];
    }

    /// <summary>Writes a course summary (the <c>course</c> JSON of the CLI contract).</summary>
    /// <param name="summary">The summary.</param>
    /// <returns>The JSON, one line.</returns>
    public static string Write(CourseSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var dto = new CourseSummaryDto
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
        return JsonSerializer.Serialize(dto, JsonContexts.Course.CourseSummaryDto);
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

    private static bool TryParseInstant(string? text, out DateTimeOffset at)
    {
        at = default;
        return text is not null
            && OffsetSuffix().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out at);
    }

    [GeneratedRegex(@"T.*(Z|[+-]\d{2}:?\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex OffsetSuffix();

    private static CourseOptions? ReadOptions(CourseOptionsDto? dto, ImmutableArray<CourseError>.Builder errors)
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

/// <summary>The outcome of reading and summarising a course document.</summary>
public sealed class CourseReadResult
{
    internal CourseReadResult(string? instrumentId, CourseSummary? summary, ImmutableArray<CourseError> errors, bool isDocumentError, ImmutableArray<DatedFlag> safetyFlags = default)
    {
        SafetyFlags = safetyFlags.IsDefault ? ImmutableArray<DatedFlag>.Empty : safetyFlags;
        InstrumentId = instrumentId;
        Summary = summary;
        Errors = errors;
        IsDocumentError = isDocumentError;
    }

    /// <summary>The instrument id the document names, when it names one.</summary>
    public string? InstrumentId { get; }

    /// <summary>The summary, or null.</summary>
    public CourseSummary? Summary { get; }

    /// <summary>Every error; empty on success.</summary>
    public ImmutableArray<CourseError> Errors { get; }

    /// <summary>Whether the errors are about the document itself (malformed, unknown instrument, no course) rather than
    /// about the assessments in it: a usage error, not invalid patient data.</summary>
    public bool IsDocumentError { get; }

    /// <summary>Every safety flag of every assessment that could be read, valid or not, in time order: present also
    /// when the course is invalid, so that an endorsed suicide item is never lost behind a course error.</summary>
    public ImmutableArray<DatedFlag> SafetyFlags { get; }

    /// <summary>Whether the course was summarised.</summary>
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Summary))]
    public bool IsSuccess => Summary is not null;

    internal static CourseReadResult DocumentError(string? instrumentId, string code, string message) =>
        new(instrumentId, null, [new CourseError(code, null, null, message)], isDocumentError: true);
}
