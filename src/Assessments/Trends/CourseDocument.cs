using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using Assessments.Reading;
using Assessments.Evaluation;

namespace Assessments.Trends;

// Course orchestration: read the document (Serialization), score each assessment (the kernel), summarise (this folder).
public static partial class TreatmentCourse
{
    /// <summary>Reads a course document of built-in instruments under its own (or the default) preset.</summary>
    /// <param name="json">The course document.</param>
    /// <returns>The summary, or every error, with every safety flag of every assessment that could be read.</returns>
    public static CourseReadResult SummarizeDocument(string json) => SummarizeDocument(json, null, null);

    /// <summary>Reads a course document, scores its assessments and summarises the course (docs/wire-format.md).</summary>
    /// <param name="json">The course document.</param>
    /// <param name="resolve">Finds an instrument by id; null for the built-in catalogue.</param>
    /// <param name="preset">The preset to use when the document names none (<see cref="CoursePresets"/>); null for
    /// <c>ketamine-clinic</c>.</param>
    /// <returns>The summary, or every error (document errors have no position; assessment and session errors name
    /// theirs), with every safety flag of every assessment that could be read.</returns>
    public static CourseReadResult SummarizeDocument(string json, Func<string, Instrument?>? resolve, string? preset)
    {
        ArgumentNullException.ThrowIfNull(json);
        return SummarizeDocument(System.Text.Encoding.UTF8.GetBytes(json), resolve, preset);
    }

    /// <summary>Reads a course document from UTF-8 bytes in one streamed pass, scoring each assessment as it is read:
    /// a document of a million assessments costs its bytes and a few small objects per assessment.</summary>
    /// <param name="utf8Json">The course document.</param>
    /// <param name="resolve">Finds an instrument by id; null for the built-in catalogue.</param>
    /// <param name="preset">The preset to use when the document names none; null for <c>ketamine-clinic</c>.</param>
    /// <returns>The summary, or every error, with every safety flag of every assessment that could be read.</returns>
    public static CourseReadResult SummarizeDocument(ReadOnlySpan<byte> utf8Json, Func<string, Instrument?>? resolve, string? preset) =>
        SummarizeDocument(utf8Json, resolve, preset, strict: false);

    /// <summary>Reads a course document or a record (assessments of several instruments: one course per instrument,
    /// docs/clinical-rules.md §6) from UTF-8 bytes in one streamed pass.</summary>
    /// <param name="utf8Json">The document.</param>
    /// <param name="resolve">Finds an instrument by id; null for the built-in catalogue.</param>
    /// <param name="preset">The preset to use when the document names none; null for <c>ketamine-clinic</c>.</param>
    /// <param name="strict">v2's rule when the document does not state <c>strict</c>: any invalid assessment makes its
    /// course invalid (the CLI's <c>--strict</c>).</param>
    /// <returns>The summary (or, for a record, <see cref="CourseReadResult.Courses"/>), or every error, with every
    /// safety flag of every assessment that could be read.</returns>
    public static CourseReadResult SummarizeDocument(ReadOnlySpan<byte> utf8Json, Func<string, Instrument?>? resolve, string? preset, bool strict) =>
        SummarizeDocument(utf8Json, resolve, preset, strict, null);

    /// <summary>The course reader; with <paramref name="cohort"/>, a course of a cohort: its options are stated over the
    /// cohort's rule set, and any stated option other than its own treatment kind, course start and baseline that differs
    /// from the cohort's makes it invalid (<c>option-conflict</c>: outcomes judged by other rules are not comparable).</summary>
    internal static CourseReadResult SummarizeDocument(ReadOnlySpan<byte> utf8Json, Func<string, Instrument?>? resolve, string? preset, bool strict, CourseOptions? cohort)
    {
        // The item buffers are only read while an assessment is evaluated (what outlives it is copied): rented, not made
        // for each of a cohort's courses.
        int[] values = System.Buffers.ArrayPool<int>.Shared.Rent(Limits.MaxItems);
        RawItemState[] states = System.Buffers.ArrayPool<RawItemState>.Shared.Rent(Limits.MaxItems);
        try
        {
            return SummarizeDocument(utf8Json, resolve, preset, strict, cohort, values, states);
        }
        finally
        {
            System.Buffers.ArrayPool<int>.Shared.Return(values);
            System.Buffers.ArrayPool<RawItemState>.Shared.Return(states);
        }
    }

    private static CourseReadResult SummarizeDocument(ReadOnlySpan<byte> utf8Json, Func<string, Instrument?>? resolve, string? preset, bool strict, CourseOptions? cohort, int[] values, RawItemState[] states)
    {
        resolve ??= Instruments.BuiltIn;
        // One pass in the usual order (the instrument named before the assessments): the assessments are scored as the
        // top level is read. Repeated properties are looked for as each part is read, not in a pass of their own.
        var usage = ImmutableArray.CreateBuilder<CourseError>(0); // errors are rare: no room made for them up front
        var errors = ImmutableArray.CreateBuilder<CourseError>(0);
        var byInstrument = new Dictionary<Instrument, List<CourseAssessment>>(ReferenceEqualityComparer.Instance);
        var named = new List<string>(); // every instrument id the rows name (known or not), in order of first mention
        var looseFlags = new List<DatedFlag>(); // flags of rows that make no course row (over the limit, no-total instruments)
        var labels = new List<(int Index, string Label)>();
        Instrument? instrument = null;
        bool tooLarge = false;
        string? repeatedInside = null;
        bool readInPlace = false;
        string? documentId = null;

        // Every flag of every assessment read so far, on every way out: a fault later in the document (options,
        // sessions, a repeated key, a truncated file, a limit) never takes an earlier flag with it (docs/clinical-rules.md §3).
        // Flags name their instrument whenever a row's instrument is not the document's (a record, or rows of another).
        ImmutableArray<DatedFlag> Read() => SafetyOf(byInstrument, looseFlags, named.Count > 1 || (named.Count == 1 && named[0] != documentId), documentId);
        bool Inline(ReadOnlySpan<byte> json, ref Utf8JsonReader reader, string id)
        {
            if (resolve(id) is not Instrument known)
                return false;
            instrument = known;
            readInPlace = true;
            CourseReader.ReadArray(json, ref reader, values, states, labels, OnEntry, out repeatedInside);
            return true;
        }

        if (!CourseReader.TryScanTop(utf8Json, Inline, out string? id, out Range treatmentsRange, out Range optionsRange, out Range assessmentsRange, out long line, out string? repeated))
            return CourseReadResult.DocumentError(instrument?.Id, repeatedInside is null ? ErrorCodes.MalformedDocument : ErrorCodes.DuplicateProperty, repeatedInside is null ? $"The course is not well-formed JSON (line {line + 1})." : RepeatedMessage(repeatedInside), Read());
        if (id is not null && string.IsNullOrWhiteSpace(id))
            return CourseReadResult.DocumentError(null, ErrorCodes.MalformedDocument, "The course's \"instrument\" is blank.");
        documentId = id;
        instrument ??= id is null ? null : resolve(id);
        // An unknown document instrument is a usage error, but the rows that name their own are still read for their
        // flags first (docs/clinical-rules.md §3).
        bool unknownDocument = id is not null && instrument is null;
        ReadOnlySpan<byte> assessmentsJson = utf8Json[assessmentsRange];
        if (!readInPlace && (assessmentsJson.IsEmpty || assessmentsJson[0] != (byte)'['))
            return CourseReadResult.DocumentError(id, ErrorCodes.MalformedDocument, id is null ? "The course has no \"instrument\"." : "The course has no \"assessments\" array.");

        // The assessments first, whatever comes later: their flags are kept on every way out below.
        if (!readInPlace && !CourseReader.ReadAssessments(assessmentsJson, values, states, labels, OnEntry, out long badLine, out repeatedInside))
            return CourseReadResult.DocumentError(id, ErrorCodes.MalformedDocument, $"The course's \"assessments\" are not of the documented shape (line {badLine + 1} of the array).", Read());
        if (id is null && named.Count == 0)
            return CourseReadResult.DocumentError(null, ErrorCodes.MalformedDocument, "The course has no \"instrument\".", Read());
        if (unknownDocument)
            return CourseReadResult.DocumentError(id, ErrorCodes.UnknownInstrument, $"Unknown instrument '{id}'.", Read());
        // The common treatments shape is read directly (no repeated property in it by construction); anything else goes
        // through the repeated-property check and the serializer below, as it always did.
        List<TreatmentDto>? directTreatments = CourseReader.TryReadTreatments(utf8Json[treatmentsRange]);
        repeated ??= repeatedInside ?? (directTreatments is null ? DuplicateProperties.Find(utf8Json[treatmentsRange]) : null) ?? DuplicateProperties.Find(utf8Json[optionsRange]);
        if (repeated is not null)
            return CourseReadResult.DocumentError(id, ErrorCodes.DuplicateProperty, RepeatedMessage(repeated), Read());
        if (tooLarge)
            return CourseReadResult.DocumentError(id, ErrorCodes.CourseTooLarge, $"A course holds at most {Limits.MaxCourseAssessments} assessments and {Limits.MaxCourseSessions} treatment sessions.", Read());

        List<TreatmentDto>? treatmentDtos;
        CourseOptionsDto? optionsDto;
        try
        {
            ReadOnlySpan<byte> t = utf8Json[treatmentsRange], o = utf8Json[optionsRange];
            treatmentDtos = directTreatments ?? (t.IsEmpty ? null : JsonSerializer.Deserialize(t, JsonContexts.Course.ListTreatmentDto));
            optionsDto = o.IsEmpty ? null : JsonSerializer.Deserialize(o, JsonContexts.Course.CourseOptionsDto);
        }
        catch (JsonException)
        {
            return CourseReadResult.DocumentError(id, ErrorCodes.MalformedDocument, "The course's \"treatments\" or \"options\" are not of the documented shape.", Read());
        }

        if (treatmentDtos?.Count > Limits.MaxCourseSessions)
            return CourseReadResult.DocumentError(id, ErrorCodes.CourseTooLarge, $"A course holds at most {Limits.MaxCourseAssessments} assessments and {Limits.MaxCourseSessions} treatment sessions.", Read());

        // Document errors and option errors are usage errors (exit 2); they still let every assessment be scored, so
        // that the flags of a course asked for the wrong way are reported too.
        bool record = named.Count > 1;
        CourseOptions? options = CourseDocumentRules.ReadOptions(optionsDto, preset, usage, strict, cohort);
        if (cohort is not null && options is not null && !ReferenceEquals(options, cohort) && (options with { TreatmentKind = cohort.TreatmentKind, CourseStart = cohort.CourseStart, BaselineAt = cohort.BaselineAt }) != cohort)
            errors.Add(new CourseError(ErrorCodes.OptionConflict, "options", null, "The course states a rule option that differs from the cohort's: outcomes judged by other rules are not comparable (only treatmentKind, courseStart and baselineAt are a course's own)."));
        if (record && id is null && optionsDto is { } stated && (stated.RemissionThreshold ?? stated.RelapseThreshold ?? stated.Caseness) is not null | (stated.Sd ?? stated.Reliability) is not null | stated.ReliableChange is not null)
            usage.Add(new CourseError(ErrorCodes.OptionOutOfRange, "options", null, "A record (assessments of several instruments) without a document \"instrument\" cannot take instrument-specific options (remissionThreshold, relapseThreshold, sd, reliability, caseness)."));
        List<TreatmentSession> sessions = ReadSessions(treatmentDtos, usage);
        if (usage.Count > 0 || options is null)
            return new CourseReadResult(id, null, [.. usage, .. errors], isDocumentError: true, Read());

        if (record)
            return SummarizeRecord(id, instrument, byInstrument, errors.ToImmutable(), sessions, options, Read(), cohort is not null);

        // One instrument: the rows' (all may name one other than the document's: that is the course), else the document's.
        Instrument? only = (named.Count == 1 ? resolve(named[0]) : null) ?? instrument;
        if (only is null)
            return new CourseReadResult(named[0], null, errors.Count > 0 ? errors.ToImmutable() : [new CourseError(ErrorCodes.UnknownInstrument, null, null, "The course names no known instrument.")], isDocumentError: true, Read());
        if (!ReferenceEquals(only, instrument) && cohort is null)
            options = options with { RemissionThreshold = null, RelapseThreshold = null, ReliableChange = null }; // a cohort's rules are every course's
        if (!only.HasTotal)
            return CourseReadResult.DocumentError(only.Id, ErrorCodes.NoCourse, $"'{only.Id}' gives a risk level, not a total: it has no treatment course.", Read());
        if (only.CourseMode == CourseMode.None)
            return CourseReadResult.DocumentError(only.Id, ErrorCodes.NoCourse, $"'{only.Id}' is already a rating of change against baseline: it has no treatment course.", Read());
        if (errors.Count > 0)
            return new CourseReadResult(only.Id, null, errors.ToImmutable(), isDocumentError: false, Read());
        List<CourseAssessment> assessments = byInstrument.TryGetValue(only, out List<CourseAssessment>? rows) ? rows : [];
        CourseResult course = Summarize(only, assessments, sessions, options);
        return new CourseReadResult(only.Id, course.Summary, course.Errors, isDocumentError: course.Summary is null && course.IsUsageError, course.Summary?.SafetyFlags ?? Read());

        void OnEntry(CourseItemsEntry entry, bool isObject, int itemCount, bool positions, bool prorate)
        {
            // Over the limit the course is refused, but every further assessment is still read for its flags (only its
            // flags are kept, so memory stays bounded by what they raise).
            bool overLimit = entry.Position >= Limits.MaxCourseAssessments;
            tooLarge |= overLimit;

            // A field of the wrong type: the document is refused, and the row is still read for its flags below.
            if (entry.Fault is string fault && !overLimit)
                usage.Add(new CourseError(ErrorCodes.MalformedDocument, Position(entry.Position), null, fault));

            // The position is named only when an error needs it: a million assessments, no million strings.
            DateTimeOffset at = default;
            bool undated = false;
            bool timed = isObject && (entry.AtValue is DateTimeOffset parsed ? Assign(parsed, out at) : CourseDocumentRules.TryParseInstant(entry.At, out at));
            if (!timed)
            {
                if (!overLimit)
                    usage.Add(new CourseError(ErrorCodes.MalformedDocument, Position(entry.Position), null, "\"at\" must be an ISO 8601 time with an offset."));

                // The document is refused (a usage error), but a row whose time can still be made out (a stray space, no
                // offset: read as UTC) is evaluated for its flags, dated so; one whose time cannot be read at all is
                // evaluated too, and its flags are reported undated, by position: a bad date never hides an urgent item.
                if (!isObject)
                    return;
                undated = entry.At is not string loose || !DateTimeOffset.TryParse(loose.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out at);
            }

            // The row's own instrument (v3: never ignored), else the document's.
            string? rowId = entry.Instrument ?? instrument?.Id ?? documentId;
            Instrument? rowInstrument = entry.Instrument is string own ? resolve(own) : instrument;
            if (rowId is not null && !named.Contains(rowId))
                named.Add(rowId);
            if (rowInstrument is null)
            {
                if (!overLimit)
                    errors.Add(new CourseError(ErrorCodes.UnknownInstrument, Position(entry.Position), null, rowId is null ? "The assessment names no instrument, and the document names none." : $"Unknown instrument '{rowId}'."));
                return;
            }

            // Items and a total together (EHR exports carry the total beside the items) is an invalid row, but its items
            // are still evaluated for their flags below; a total alone on a risk-level instrument is an error of the record.
            bool both = entry.HasItems && entry.Total is not null;
            if (!entry.HasItems && (entry.Total is null || !rowInstrument.HasTotal))
            {
                if (!overLimit && rowInstrument.HasTotal)
                    Add(rowInstrument, CourseAssessment.Invalid(at, rowInstrument, [new ScoringError(ErrorCodes.ItemsOrTotal, null, "An assessment carries either \"items\" or a \"total\".")], [], fromItems: false, entry.Position));
                else if (!overLimit)
                    errors.Add(new CourseError(ErrorCodes.ItemsOrTotal, Position(entry.Position), null, $"A {rowInstrument.Id} assessment carries \"items\" (it gives a risk level, not a total)."));
                return;
            }

            if (!both && entry.Total is int total)
            {
                if (undated)
                    return;
                if (!overLimit)
                    Add(rowInstrument, CourseAssessment.TryFromTotal(at, rowInstrument, total, out CourseAssessment? imported) ? imported.WithPosition(entry.Position) : CourseAssessment.TotalOutOfRange(at, rowInstrument, entry.Position));
                return;
            }

            // A field stated twice is a usage error (reported by the caller), never last-wins: the earlier items, and the items
            // read as the earlier instrument, are evaluated for their flags too.
            // An undated row's are reported by position, like its own.
            string? undatedAt = undated ? Position(entry.Position) : null;
            if (!overLimit && entry.Previous is { } previous)
                FlagsOnly(rowInstrument, at, undatedAt, previous.Values, previous.States, previous.Labels, previous.Count, positions, prorate);
            if (!overLimit && entry.OtherInstrument is string other && resolve(other) is Instrument otherInstrument && entry.HasItems)
                FlagsOnly(otherInstrument, at, undatedAt, (int[])values.Clone(), (RawItemState[])states.Clone(), labels, itemCount, positions, prorate);

            var scoring = positions || prorate ? new ScoringOptions { Prorate = prorate, Values = positions ? ResponseValueKind.OptionPositions : ResponseValueKind.ItemScores } : ScoringOptions.Default;
            foreach ((int index, string label) in labels)
            {
                int? value = null;
                bool ok = index < rowInstrument.Items.Length && rowInstrument.Items[index].TryParseValue(label, scoring.Values, out value);
                states[index] = !ok ? RawItemState.Unreadable : value is null ? RawItemState.Blank : RawItemState.Answered;
                values[index] = value ?? 0;
            }

            // One evaluation: a valid assessment keeps its total and flags (no result object); an invalid one is kept as
            // an invalid row with its errors and flags (v3: it no longer invalidates the course).
            int stored = Math.Min(itemCount, Limits.MaxItems);
            Span<ItemOutcome> outcomes = stackalloc ItemOutcome[rowInstrument.Items.Length];
            Evaluated evaluated = Evaluator.Run(rowInstrument, values.AsSpan(0, stored), states.AsSpan(0, stored), itemCount, EvaluationSettings.Of(scoring), outcomes);
            if (undated)
            {
                // No course row without a time; the flags, by position.
                foreach (SafetyFlag flag in evaluated.Flags())
                    looseFlags.Add(new DatedFlag(at, flag, rowInstrument.Id, Position(entry.Position)));
                return;
            }

            if (overLimit || !rowInstrument.HasTotal)
            {
                // No course row: the flags alone (a C-SSRS screener makes no course; every flag is reported).
                foreach (SafetyFlag flag in evaluated.Flags())
                    looseFlags.Add(new DatedFlag(at, flag, rowInstrument.Id));
                if (!overLimit && both)
                    errors.Add(new CourseError(ErrorCodes.ItemsOrTotal, Position(entry.Position), null, $"A {rowInstrument.Id} assessment carries \"items\" only (it gives a risk level, not a total)."));
                if (!overLimit && !evaluated.IsValid)
                {
                    foreach (ScoringError e in evaluated.Errors())
                        errors.Add(new CourseError(e.Code, Position(entry.Position), e.ItemNumber, e.Message));
                }

                return;
            }

            if (both)
            {
                Add(rowInstrument, CourseAssessment.Invalid(at, rowInstrument, [new ScoringError(ErrorCodes.ItemsOrTotal, null, "An assessment carries either \"items\" or a \"total\", not both."), .. evaluated.Errors()], evaluated.Flags(), fromItems: true, entry.Position));
                return;
            }

            Add(rowInstrument, evaluated.IsValid
                ? CourseAssessment.Scored(at, rowInstrument, evaluated.Total, evaluated.Flags(), entry.Position)
                : CourseAssessment.Invalid(at, rowInstrument, evaluated.Errors(), evaluated.Flags(), fromItems: true, entry.Position));
        }

        void FlagsOnly(Instrument of, DateTimeOffset when, string? undatedPosition, int[] vals, RawItemState[] sts, List<(int Index, string Label)> lbls, int count, bool pos, bool pro)
        {
            var sc = pos || pro ? new ScoringOptions { Prorate = pro, Values = pos ? ResponseValueKind.OptionPositions : ResponseValueKind.ItemScores } : ScoringOptions.Default;
            foreach ((int index, string label) in lbls)
            {
                int? value = null;
                bool ok = index < of.Items.Length && of.Items[index].TryParseValue(label, sc.Values, out value);
                sts[index] = !ok ? RawItemState.Unreadable : value is null ? RawItemState.Blank : RawItemState.Answered;
                vals[index] = value ?? 0;
            }

            int kept = Math.Min(count, Math.Min(vals.Length, Limits.MaxItems));
            Span<ItemOutcome> outs = stackalloc ItemOutcome[of.Items.Length];
            Evaluated ev = Evaluator.Run(of, vals.AsSpan(0, kept), sts.AsSpan(0, kept), count, EvaluationSettings.Of(sc), outs);
            foreach (SafetyFlag flag in ev.Flags())
                looseFlags.Add(undatedPosition is null ? new DatedFlag(when, flag, of.Id) : new DatedFlag(when, flag, of.Id, undatedPosition));
        }

        void Add(Instrument of, CourseAssessment assessment)
        {
            if (!byInstrument.TryGetValue(of, out List<CourseAssessment>? list))
                byInstrument[of] = list = [];
            list.Add(assessment);
        }
    }

    /// <summary>A record (v3): one course per instrument, in order of each instrument's first assessment, with the
    /// record's sessions and options (instrument-specific options for the document's own instrument only); every flag of
    /// every instrument in one list, each with its instrument.</summary>
    private static CourseReadResult SummarizeRecord(string? id, Instrument? documentInstrument, Dictionary<Instrument, List<CourseAssessment>> byInstrument, ImmutableArray<CourseError> errors, List<TreatmentSession> sessions, CourseOptions options, ImmutableArray<DatedFlag> flags, bool cohortRules)
    {
        var courses = ImmutableArray.CreateBuilder<CourseReadResult>();
        CourseOptions general = cohortRules ? options : options with { RemissionThreshold = null, RelapseThreshold = null, ReliableChange = null };
        foreach ((Instrument of, List<CourseAssessment> rows) in byInstrument.OrderBy(pair => pair.Value.Min(a => a.At.UtcTicks)))
        {
            if (of.CourseMode == CourseMode.None)
            {
                // A rating of change (CGI-I) makes no course, like a C-SSRS row: it is not an error of the record (CGI-I is
                // routinely rated beside MADRS). Its flags, had it any, are in the record's list already.
                continue;
            }

            CourseResult course = Summarize(of, rows, sessions, ReferenceEquals(of, documentInstrument) ? options : general);
            courses.Add(new CourseReadResult(of.Id, course.Summary, course.Errors, isDocumentError: course.Summary is null && course.IsUsageError, course.Summary?.SafetyFlags ?? SafetyOf(new() { [of] = rows }, [], false)));
        }

        return new CourseReadResult(id, null, errors, isDocumentError: false, flags, courses.ToImmutable());
    }

    /// <summary>The treatment sessions of a document; each malformed one is a positioned usage error (a course asked
    /// for the wrong way), and the assessments are still read for their flags.</summary>
    private static List<TreatmentSession> ReadSessions(List<TreatmentDto>? treatmentDtos, ImmutableArray<CourseError>.Builder usage)
    {
        var sessions = new List<TreatmentSession>(treatmentDtos?.Count ?? 0);
        for (int i = 0; i < (treatmentDtos?.Count ?? 0); i++)
        {
            TreatmentDto? t = treatmentDtos![i];
            DateTimeOffset at = default, end = default;
            bool hasEnd = t?.EndValue is not null || t?.End is not null;
            if (t is null)
                usage.Add(new CourseError(ErrorCodes.MalformedDocument, SessionPosition(i), null, "A treatment session must be an object."));
            else if (!(t.AtValue is DateTimeOffset readAt ? Assign(readAt, out at) : CourseDocumentRules.TryParseInstant(t.At, out at)))
                usage.Add(new CourseError(ErrorCodes.MalformedDocument, SessionPosition(i), null, "\"at\" must be an ISO 8601 time with an offset."));
            else if (hasEnd && (!(t.EndValue is DateTimeOffset readEnd ? Assign(readEnd, out end) : CourseDocumentRules.TryParseInstant(t.End, out end)) || end.UtcTicks < at.UtcTicks))
                usage.Add(new CourseError(ErrorCodes.MalformedDocument, SessionPosition(i), null, "\"end\" must be an ISO 8601 time with an offset, at or after \"at\"."));
            else if (t.Kind is not null && string.IsNullOrWhiteSpace(t.Kind))
                usage.Add(new CourseError(ErrorCodes.MalformedDocument, SessionPosition(i), null, "\"kind\", when given, must not be blank."));
            else
                sessions.Add(new TreatmentSession(at, t.Kind, hasEnd ? end : null));
        }

        return sessions;

        // Named only when an error needs it.
        static string SessionPosition(int index) => string.Create(CultureInfo.InvariantCulture, $"treatments[{index}]");
    }

    private static string RepeatedMessage(string name) => $"The property \"{name}\" appears more than once in one object; a course states each field once.";

    private static bool Assign(DateTimeOffset value, out DateTimeOffset target)
    {
        target = value;
        return true;
    }

    /// <summary>Every flag of every assessment read, valid or not, in time order (docs/clinical-rules.md, "Never lost");
    /// in a record each names its instrument.</summary>
    private static ImmutableArray<DatedFlag> SafetyOf(Dictionary<Instrument, List<CourseAssessment>> rows, List<DatedFlag> loose, bool withInstrument, string? documentId = null)
    {
        var all = new List<DatedFlag>();
        foreach (DatedFlag f in loose)
            all.Add(withInstrument || (f.InstrumentId is not null && f.InstrumentId != documentId) ? f : new DatedFlag(f.At, f.Flag, null, f.Position)); // another instrument's flag always says whose
        foreach ((Instrument of, List<CourseAssessment> list) in rows)
        {
            foreach (CourseAssessment a in list)
            {
                foreach (SafetyFlag flag in a.Flags)
                    all.Add(new DatedFlag(a.At, flag, withInstrument ? of.Id : null));
            }
        }

        all.Sort((x, y) => x.At.UtcTicks.CompareTo(y.At.UtcTicks));
        return [.. all];
    }
}

/// <summary>The outcome of reading and summarising a course document (<see cref="TreatmentCourse.SummarizeDocument(string)"/>).</summary>
public sealed class CourseReadResult
{
    internal CourseReadResult(string? instrumentId, CourseSummary? summary, ImmutableArray<CourseError> errors, bool isDocumentError, ImmutableArray<DatedFlag> safetyFlags = default, ImmutableArray<CourseReadResult> courses = default)
    {
        Courses = courses.IsDefault ? [] : courses;
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

    /// <summary>For a record (assessments of several instruments, v3): one result per instrument's course, in order of
    /// each instrument's first assessment; empty for a document of one instrument. <see cref="Errors"/> then holds the
    /// record's own errors (rows naming an unknown instrument), and <see cref="SafetyFlags"/> every flag of every
    /// instrument, each with its <see cref="DatedFlag.InstrumentId"/>.</summary>
    public ImmutableArray<CourseReadResult> Courses { get; }

    /// <summary>Whether the document is a record (several instruments: read <see cref="Courses"/>).</summary>
    public bool IsRecord => !Courses.IsEmpty;

    /// <summary>Whether the course was summarised.</summary>
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Summary))]
    public bool IsSuccess => Summary is not null;

    internal static CourseReadResult DocumentError(string? instrumentId, string code, string message, ImmutableArray<DatedFlag> safetyFlags = default) =>
        new(instrumentId, null, [new CourseError(code, null, null, message)], isDocumentError: true, safetyFlags);
}
