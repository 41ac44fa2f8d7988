using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using Assessments.Serialization;

namespace Assessments.Trends;

// Course orchestration: read the document (Serialization), score each assessment (the kernel), summarise (this folder).
public static partial class TreatmentCourse
{
    /// <summary>Reads a course document, scores its assessments and summarises the course (docs/wire-format.md).</summary>
    /// <param name="json">The course document.</param>
    /// <param name="resolve">Finds an instrument by id; null for the built-in catalogue.</param>
    /// <param name="preset">The preset to use when the document names none (<see cref="CoursePresets"/>); null for
    /// <c>ketamine-clinic</c>.</param>
    /// <returns>The summary, or every error (document errors have no position; assessment and session errors name
    /// theirs), with every safety flag of every assessment that could be read.</returns>
    public static CourseReadResult SummarizeDocument(string json, Func<string, Instrument?>? resolve = null, string? preset = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        resolve ??= AssessmentsJson.ResolveBuiltIn;
        CourseDocumentDto? dto = CourseJson.Read(json, out CourseReadResult? unreadable);
        if (unreadable is not null)
            return unreadable;

        if (dto?.Instrument is not string id || string.IsNullOrWhiteSpace(id))
            return CourseReadResult.DocumentError(null, ErrorCodes.MalformedDocument, "The course has no \"instrument\".");
        Instrument? instrument = resolve(id);
        if (instrument is null)
            return CourseReadResult.DocumentError(id, ErrorCodes.UnknownInstrument, $"Unknown instrument '{id}'.");
        if (!instrument.HasTotal)
            return CourseReadResult.DocumentError(id, ErrorCodes.NoCourse, $"'{id}' gives a risk level, not a total: it has no treatment course.");
        if (dto.Assessments is null)
            return CourseReadResult.DocumentError(id, ErrorCodes.MalformedDocument, "The course has no \"assessments\" array.");

        // Document errors and option errors are usage errors (exit 2); they still let every assessment be scored, so
        // that the flags of a course asked for the wrong way are reported too.
        var usage = ImmutableArray.CreateBuilder<CourseError>();
        CourseOptions? options = CourseJson.ReadOptions(dto.Options, preset, usage);
        var sessions = new List<TreatmentSession>();
        for (int i = 0; i < (dto.Treatments?.Count ?? 0); i++)
        {
            TreatmentDto? t = dto.Treatments![i];
            string position = string.Create(CultureInfo.InvariantCulture, $"treatments[{i}]");
            DateTimeOffset end = default;
            if (t is null)
                usage.Add(new CourseError(ErrorCodes.MalformedDocument, position, null, "A treatment session must be an object."));
            else if (!CourseJson.TryParseInstant(t.At, out DateTimeOffset at))
                usage.Add(new CourseError(ErrorCodes.MalformedDocument, position, null, "\"at\" must be an ISO 8601 time with an offset."));
            else if (t.End is not null && (!CourseJson.TryParseInstant(t.End, out end) || end.UtcTicks < at.UtcTicks))
                usage.Add(new CourseError(ErrorCodes.MalformedDocument, position, null, "\"end\" must be an ISO 8601 time with an offset, at or after \"at\"."));
            else if (t.Kind is not null && string.IsNullOrWhiteSpace(t.Kind))
                usage.Add(new CourseError(ErrorCodes.MalformedDocument, position, null, "\"kind\", when given, must not be blank."));
            else
                sessions.Add(new TreatmentSession(at, t.Kind, t.End is null ? null : end));
        }

        var errors = ImmutableArray.CreateBuilder<CourseError>();
        var assessments = new List<CourseAssessment>();

        // The flags of invalid assessments: every flag reaches the course's safety list, valid or not.
        var invalidFlags = new List<DatedFlag>();
        for (int i = 0; i < dto.Assessments.Count; i++)
        {
            CourseAssessmentDto? a = dto.Assessments[i];
            string position = Position(i);
            if (a is null || !CourseJson.TryParseInstant(a.At, out DateTimeOffset at))
            {
                usage.Add(new CourseError(ErrorCodes.MalformedDocument, position, null, "\"at\" must be an ISO 8601 time with an offset."));
                continue;
            }

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

        if (usage.Count > 0 || options is null)
            return new CourseReadResult(id, null, [.. usage, .. errors], isDocumentError: true, SafetyOf(assessments, invalidFlags));
        if (errors.Count > 0)
            return new CourseReadResult(id, null, errors.ToImmutable(), isDocumentError: false, SafetyOf(assessments, invalidFlags));

        CourseResult course = Summarize(instrument, assessments, sessions, options);
        return new CourseReadResult(id, course.Summary, course.Errors, isDocumentError: course.IsUsageError, course.Summary is null ? SafetyOf(assessments, invalidFlags) : course.Summary.SafetyFlags);
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
}

/// <summary>The outcome of reading and summarising a course document (<see cref="TreatmentCourse.SummarizeDocument"/>).</summary>
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

    /// <summary>Whether the errors are about the document itself or how the course is asked for (malformed, unknown
    /// instrument, no course, <c>option-out-of-range</c>, <c>treatment-kind-required</c>, <c>unknown-baseline</c>)
    /// rather than about the assessments in it: a usage error (exit 2), not invalid patient data.</summary>
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
