using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using Assessments.Trends;

namespace Assessments.Cohorts;

/// <summary>Reads course documents (the <c>course</c> input with a required <c>"id"</c>) one at a time into a cohort's
/// state under the cohort's one rule set (docs/cohorts.md, "Input and rules"). A repeated id is
/// <c>duplicate-course-id</c>; a course stating a rule option other than its own treatment kind, course start and baseline
/// that differs from the cohort's is <c>option-conflict</c>; a course that cannot be summarised is counted and listed by
/// its codes, its flags kept.</summary>
public sealed class CohortBuilder
{
    /// <summary>The code of a course whose id repeats one seen before in the same input.</summary>
    public const string DuplicateCourseId = "duplicate-course-id";

    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly Func<string, Instrument?>? _resolve;
    private long _documents;

    /// <summary>A builder under a rule set.</summary>
    /// <param name="options">The rule set; null for the defaults.</param>
    /// <param name="resolve">Finds an instrument by id; null for the built-in catalogue.</param>
    public CohortBuilder(CohortOptions? options = null, Func<string, Instrument?>? resolve = null)
    {
        State = new CohortState(options);
        _resolve = resolve;
    }

    /// <summary>The state so far.</summary>
    public CohortState State { get; }

    /// <summary>Adds one course document.</summary>
    /// <param name="utf8Json">The document.</param>
    public void Add(ReadOnlySpan<byte> utf8Json)
    {
        _documents++;
        string? own = IdOf(utf8Json);
        _ = Add(utf8Json, own ?? Unnamed(_documents, _ids), own is not null && !_ids.Add(own));
    }

    /// <summary>Reads course documents into one state on every core: documents are handed out in input order, each worker
    /// keeps a state of its own, and the states are merged at the end (the merge contract makes this exact). Repeated ids
    /// are decided in input order, before the work is shared.</summary>
    /// <param name="documents">The course documents, in input order.</param>
    /// <param name="options">The rule set; null for the defaults.</param>
    /// <param name="resolve">Finds an instrument by id; null for the built-in catalogue.</param>
    /// <param name="workers">How many threads; 0 for one per core.</param>
    /// <param name="progress">Told the number of documents read so far, now and then; null for none.</param>
    /// <param name="observe">Told each course as it is read (its input position, id and result; from the worker threads,
    /// in no set order), for one row per course; null for none.</param>
    /// <returns>The cohort's state.</returns>
    public static CohortState Build(IEnumerable<ReadOnlyMemory<byte>> documents, CohortOptions? options = null, Func<string, Instrument?>? resolve = null, int workers = 0, Action<long>? progress = null, Action<long, string, CourseReadResult>? observe = null)
    {
        ArgumentNullException.ThrowIfNull(documents);
        workers = workers > 0 ? workers : Environment.ProcessorCount;

        // Handed out in batches: a hand-off for each course made the threads wait on one another (and spin while
        // waiting) a hundred thousand times, burning a fifth of the second core (measured).
        using var queue = new System.Collections.Concurrent.BlockingCollection<Pending[]>(boundedCapacity: 64);
        using var failed = new System.Threading.CancellationTokenSource();
        CohortBuilder[] builders = [.. Enumerable.Range(0, workers).Select(_ => new CohortBuilder(options, resolve))];
        var tasks = builders.Select(b => System.Threading.Tasks.Task.Run(() =>
        {
            try
            {
                foreach (Pending[] batch in queue.GetConsumingEnumerable(failed.Token))
                {
                    foreach (Pending course in batch)
                    {
                        if (course.Id is null)
                            break; // the end of the last, partly filled batch
                        CourseReadResult read = b.Add(course.Json.Span, course.Id, course.Duplicate);
                        observe?.Invoke(course.Index, course.Id, read);
                    }
                }

                // Each worker puts its own flags in report order, so the report only merges (both cores sort).
                b.State.FlagLog.SortRun();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A worker's fault stops the reading (the reader would otherwise wait on a full queue forever) and is
                // thrown to the caller below.
                failed.Cancel();
                throw;
            }
        })).ToArray();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        long read = 0;
        try
        {
            var batch = new Pending[BatchSize];
            int filled = 0;
            foreach (ReadOnlyMemory<byte> json in documents)
            {
                read++;
                string? own = IdOf(json.Span);
                batch[filled++] = new Pending(json, own ?? Unnamed(read, ids), own is not null && !ids.Add(own), read);
                if (filled == BatchSize)
                {
                    queue.Add(batch, failed.Token);
                    batch = new Pending[BatchSize];
                    filled = 0;
                }

                if (progress is not null && read % 1024 == 0)
                    progress(read);
            }

            if (filled > 0)
                queue.Add(batch, failed.Token);
        }
        catch (OperationCanceledException) when (failed.IsCancellationRequested)
        {
            // A worker failed: its exception is thrown by WaitAll.
        }
        finally
        {
            queue.CompleteAdding();
            try
            {
                System.Threading.Tasks.Task.WaitAll(tasks);
            }
            catch (AggregateException e) when (e.InnerExceptions.All(x => x is OperationCanceledException))
            {
                // Only cancelled: cannot happen without a fault, which WaitAll would have thrown.
            }
        }

        progress?.Invoke(read);
        CohortState state = builders[0].State;
        foreach (CohortBuilder other in builders.Skip(1))
            state.Merge(other.State);
        return state;
    }

    private const int BatchSize = 64;

    /// <summary>A course document waiting for a worker: its bytes, its id (its own or made up; null past the end of the
    /// last batch), whether the id repeats an earlier one, and its input position.</summary>
    private readonly record struct Pending(ReadOnlyMemory<byte> Json, string? Id, bool Duplicate, long Index);

    private CourseReadResult Add(ReadOnlySpan<byte> utf8Json, string id, bool duplicate)
    {
        CourseReadResult read = TreatmentCourse.SummarizeDocument(utf8Json, _resolve, null, false, State.Options.Course);
        if (duplicate)
        {
            State.AddInvalid(id, [new CourseError(DuplicateCourseId, null, null, "The id repeats one seen before in this input.")], read.SafetyFlags);
            return new CourseReadResult(read.InstrumentId, null, [new CourseError(DuplicateCourseId, null, null, "The id repeats one seen before in this input.")], isDocumentError: false, read.SafetyFlags);
        }

        if (read.IsRecord)
        {
            if (read.Errors.Any(e => e.Code == ErrorCodes.OptionConflict))
            {
                State.AddInvalid(id, read.Errors, read.SafetyFlags);
                return read;
            }

            foreach (CourseReadResult course in read.Courses)
                AddOne(id, course);

            // What a record holds beside its courses is never lost: the flags of rows that make no course (the C-SSRS)
            // join the cohort's list, and its own errors (a row naming an unknown instrument) are listed under its id.
            var courseInstruments = new HashSet<string?>(read.Courses.Select(c => c.InstrumentId), StringComparer.Ordinal);
            foreach (DatedFlag flag in read.SafetyFlags)
            {
                if (!courseInstruments.Contains(flag.InstrumentId))
                    State.AddFlag(id, flag.InstrumentId, flag);
            }

            if (!read.Errors.IsEmpty)
                State.AddInvalidCodes(id, [.. read.Errors.Select(e => e.Code).Distinct(StringComparer.Ordinal)], isRecordError: true);
            return read;
        }

        AddOne(id, read);
        return read;
    }

    private void AddOne(string id, CourseReadResult read)
    {
        if (read.Summary is { } summary)
            State.Add(id, summary);
        else
            State.AddInvalid(id, read.Errors, read.SafetyFlags);
    }

    /// <summary>Reads a cohort's rule set from a JSON object of course options (docs/clinical-rules.md §6 names, and the
    /// cohort's own <c>maxSessions</c> and <c>lastSessionWindowDays</c>), over a preset.</summary>
    /// <param name="utf8Json">The options object; empty for none.</param>
    /// <param name="preset">The preset when the object names none; null for <c>ketamine-clinic</c>.</param>
    /// <param name="options">The rule set, or null.</param>
    /// <param name="errors">Every bad value (<c>option-out-of-range</c>, <c>malformed-document</c>).</param>
    /// <returns>Whether the options could be read.</returns>
    public static bool TryReadOptions(ReadOnlySpan<byte> utf8Json, string? preset, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CohortOptions? options, out System.Collections.Immutable.ImmutableArray<CourseError> errors)
    {
        options = null;
        var found = System.Collections.Immutable.ImmutableArray.CreateBuilder<CourseError>();
        Reading.CourseOptionsDto? dto = null;
        int? maxSessions = null, lastWindow = null;
        if (!utf8Json.IsEmpty)
        {
            try
            {
                using JsonDocument document = JsonDocument.Parse(utf8Json.ToArray());
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                    throw new JsonException();
                var rest = new System.Text.Json.Nodes.JsonObject();
                foreach (JsonProperty property in document.RootElement.EnumerateObject())
                {
                    if (property.NameEquals("maxSessions"))
                        maxSessions = property.Value.GetInt32();
                    else if (property.NameEquals("lastSessionWindowDays"))
                        lastWindow = property.Value.GetInt32();
                    else
                        rest[property.Name] = System.Text.Json.Nodes.JsonNode.Parse(property.Value.GetRawText());
                }

                dto = JsonSerializer.Deserialize(rest.ToJsonString(), Reading.JsonContexts.Course.CourseOptionsDto);
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
            {
                errors = [new CourseError(ErrorCodes.MalformedDocument, "options", null, "The cohort's options are not a JSON object of course options.")];
                return false;
            }
        }

        if (maxSessions is < 1 or > 1000)
            found.Add(new CourseError(ErrorCodes.OptionOutOfRange, "options", null, "\"maxSessions\" must be 1 to 1000."));
        if (lastWindow is < 1 or > 3660)
            found.Add(new CourseError(ErrorCodes.OptionOutOfRange, "options", null, "\"lastSessionWindowDays\" must be 1 to 3660."));
        CourseOptions? course = CourseDocumentRules.ReadOptions(dto, preset, found);
        errors = found.ToImmutable();
        if (course is null || errors.Length > 0)
            return false;
        options = new CohortOptions { Course = course, MaxSessions = maxSessions ?? 12, LastSessionWindowDays = lastWindow ?? 7 };
        return true;
    }

    /// <summary>A name for a course without an id: <c>#n</c> (its input position), or, when a course has already claimed
    /// that as its id, <c>#n'</c>, <c>#n''</c>…, so a made-up name never makes a real course a duplicate. A later real
    /// course with the same id as an earlier made-up name is still its own course: made-up names are not entered in the
    /// set of ids.</summary>
    private static string Unnamed(long position, HashSet<string> ids)
    {
        string name = string.Create(CultureInfo.InvariantCulture, $"#{position}");
        while (ids.Contains(name))
            name += "'";
        return name;
    }

    /// <summary>The top-level <c>"id"</c> string, or null.</summary>
    private static string? IdOf(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 256 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                return null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isId = reader.ValueTextEquals("id"u8);
                reader.Read();
                if (isId && reader.TokenType == JsonTokenType.String)
                    return reader.GetString();
                reader.Skip();
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;
        }

        return null;
    }
}
