using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Assessments.Batches;
using Assessments.Cohorts;
using Assessments.Trends;

namespace Assessments.Cli;

/// <summary>The arguments of <c>assess cohort</c>.</summary>
internal sealed record CohortRequest(string Source, string? Preset, string? OptionsFile, string? Definition, string Format, string? Output, string? Rows = null);

/// <summary><c>assess cohort &lt;file|dir|-&gt;</c>: a clinic's outcomes across its courses (docs/cohorts.md), streamed,
/// on every core.</summary>
internal static class CohortCommand
{
    public static int Run(CohortRequest request, Io io)
    {
        byte[] optionsJson = request.OptionsFile is null ? [] : Files.ReadAllBytes(request.OptionsFile);
        if (request.Preset is not null && !CoursePresets.TryGet(request.Preset, out _))
            throw new UsageException($"--preset takes {string.Join(", ", CoursePresets.All.Select(p => p.Id))}, not '{Text.Escape(request.Preset)}'.", ErrorCodes.OptionOutOfRange);
        if (!CohortBuilder.TryReadOptions(optionsJson, request.Preset, out CohortOptions? options, out var errors))
            throw new UsageException($"{errors[0].Code}: {Text.Escape(errors[0].Message)}", errors[0].Code);
        Func<string, Instrument?> resolve = Catalogue.Resolver(request.Definition);
        long read = 0;
        CohortState state;
        if (request.Rows is string rowsPath)
        {
            // One row per course, written to the file as the courses are read (CSV; Parquet in row groups), then the figures.
            using FileStream rowsStream = Files.Create(rowsPath);
            using (var writer = new CohortRowWriter(rowsStream, rowsPath.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase)))
            {
                try
                {
                    state = Progress.Run(io, "Reading courses", () => CohortBuilder.Build(Documents(request.Source, io), options, resolve, progress: n => read = n, observe: (i, id, course) => writer.Add(CohortRow.Of(i, id, course))), () => (0, 0),
                        () => string.Create(CultureInfo.InvariantCulture, $"{read:N0} courses"));
                }
                catch (AggregateException e) when (e.InnerExceptions.Any(x => x is IOException))
                {
                    throw new UsageException($"cannot write '{Text.Escape(rowsPath)}': writing failed (is the disk full?); the rows are not whole.");
                }
            }
        }
        else
        {
            state = Progress.Run(io, "Reading courses", () => CohortBuilder.Build(Documents(request.Source, io), options, resolve, progress: n => read = n), () => (0, 0),
                () => string.Create(CultureInfo.InvariantCulture, $"{read:N0} courses"));
        }

        return Emit(state, request.Format, request.Output, io);
    }

    /// <summary><c>assess cohort merge STATE...</c>: states computed apart (sites, shards, months), merged exactly.</summary>
    public static int Merge(string[] files, string format, string? output, Io io, string? definition = null)
    {
        Func<string, Instrument?> resolve = Catalogue.Resolver(definition);
        if (files.Length == 0)
            throw new UsageException("cohort merge needs one or more state files (written by 'assess cohort ... --format state').");
        CohortState? merged = null;
        foreach (string file in files)
        {
            if (!CohortStateJson.TryRead(Files.ReadAllBytes(file), out CohortState? state, out string? error, resolve))
                throw new UsageException($"'{Text.Escape(file)}': {error}", "state-mismatch");
            if (merged is null)
            {
                merged = state;
                continue;
            }

            try
            {
                merged.Merge(state);
            }
            catch (ArgumentException)
            {
                throw new UsageException($"'{Text.Escape(file)}' was computed under other rules than '{Text.Escape(files[0])}': states of different rule sets cannot be merged (state-mismatch).", "state-mismatch");
            }
        }

        return Emit(merged!, format, output, io);
    }

    private static int Emit(CohortState state, string format, string? output, Io io)
    {
        CohortReport report = state.Report();
        int exit = report.InvalidCourses.IsEmpty ? ExitCodes.Scored : ExitCodes.Invalid; // a record's own errors too
        switch (format)
        {
            case "html":
                if (output is null)
                    throw new UsageException("cohort --format html needs --output FILE; see 'assess cohort --help'.");
                Files.Write(output, stream => CohortHtml.Write(report, stream));
                io.Out.WriteLine($"wrote {Text.Escape(output)}");
                return exit;
            case "state":
                if (output is not null)
                {
                    Files.Write(output, stream => CohortStateJson.Write(state, stream));
                    io.Out.WriteLine($"wrote {Text.Escape(output)}");
                }
                else
                {
                    using var buffer = new MemoryStream();
                    CohortStateJson.Write(state, buffer);
                    io.Out.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
                }

                return exit;
        }

        if (format == "json")
        {
            // Streamed: a cohort's flag list can be long (a million flags is 130 MB of JSON), never held as one string.
            if (output is not null)
            {
                Files.Write(output, stream => WriteJson(report, stream));
            }
            else if (io.RawOut is Stream raw)
            {
                WriteJson(report, raw);
                raw.Flush();
            }
            else
            {
                io.Out.WriteLine(CohortJson.Write(report));
            }

            return exit;
        }

        string text = Report(report);
        if (output is not null)
            Files.Write(output, stream => stream.Write(Encoding.UTF8.GetBytes(text + "\n")));
        else
            io.Out.WriteLine(text);
        return exit;
    }

    private static void WriteJson(CohortReport report, Stream stream)
    {
        using (var writer = new Utf8JsonWriter(stream))
            CohortJson.Write(report, writer);
        stream.WriteByte((byte)'\n');
    }

    /// <summary>The course documents of a directory (<c>*.json</c> in name order), NDJSON, a JSON array, one document, or
    /// standard input; streamed, one at a time.</summary>
    private static IEnumerable<ReadOnlyMemory<byte>> Documents(string source, Io io)
    {
        if (source != "-" && Directory.Exists(source))
        {
            foreach (string file in Directory.EnumerateFiles(source, "*.json").Order(StringComparer.Ordinal))
                yield return Files.ReadAllBytes(file);
            yield break;
        }

        using Stream input = source == "-" ? io.OpenStdin() : Files.OpenRead(source);
        InputShape shape = BatchScoring.DetectShape(input, out Stream replay);
        using (replay)
        {
            switch (shape)
            {
                case InputShape.Ndjson:
                    foreach (ReadOnlyMemory<byte> line in NdjsonLines(replay))
                        yield return line;
                    break;
                case InputShape.Array:
                    foreach (JsonElement element in JsonSerializer.DeserializeAsyncEnumerable<JsonElement>(replay).ToBlockingEnumerable())
                        yield return Encoding.UTF8.GetBytes(element.GetRawText());
                    break;
                case InputShape.Empty:
                    throw new UsageException($"'{Text.Escape(source)}' is empty: not a course document, a JSON array of them, NDJSON or a directory.");
                default:
                    using (var buffer = new MemoryStream())
                    {
                        replay.CopyTo(buffer);
                        yield return buffer.ToArray();
                    }

                    break;
            }
        }
    }

    /// <summary>The non-blank lines of NDJSON as UTF-8 bytes, each its own copy (a worker holds it): a line ends at LF, CR
    /// or CRLF, as <see cref="StreamReader.ReadLine"/> has it. Split as bytes, never decoded and encoded again (that was a
    /// tenth of a cohort's time, on the one reading thread); what a text reader did otherwise is kept: a UTF-8 byte-order
    /// mark is skipped, a UTF-16 or UTF-32 file (PowerShell's <c>&gt;</c> writes one) is decoded, bytes that are not
    /// UTF-8 become U+FFFD, and a line of whitespace alone is skipped.</summary>
    private static IEnumerable<ReadOnlyMemory<byte>> NdjsonLines(Stream input)
    {
        byte[] buffer = new byte[1 << 16];
        int start = 0, end = 0, scanned = 0;
        bool done = false;

        // The first bytes say the encoding: read at least four (or the whole input, if shorter).
        while (end < 4 && !done)
        {
            int read = input.Read(buffer, end, buffer.Length - end);
            done = read == 0;
            end += read;
        }

        if (OtherUnicode(buffer.AsSpan(0, end)))
        {
            foreach (ReadOnlyMemory<byte> line in DecodedLines(new ConcatStream(buffer.AsMemory(0, end), input)))
                yield return line;
            yield break;
        }

        if (end >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF)
            start = scanned = 3;
        while (true)
        {
            int newline = buffer.AsSpan(scanned, end - scanned).IndexOfAny((byte)'\n', (byte)'\r');
            if (newline < 0 && !done)
            {
                // Keep the partial line (what was searched stays searched), grow the buffer for a long one, read more.
                scanned = end;
                Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                scanned -= start;
                end -= start;
                start = 0;
                if (end == buffer.Length)
                    Array.Resize(ref buffer, buffer.Length * 2);
                int read = input.Read(buffer, end, buffer.Length - end);
                done = read == 0;
                end += read;
                continue;
            }

            int length = newline < 0 ? end - start : scanned - start + newline;
            ReadOnlySpan<byte> text = buffer.AsSpan(start, length);
            if (!IsBlank(text))
                yield return System.Text.Unicode.Utf8.IsValid(text) ? text.ToArray() : Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(text));
            if (newline < 0)
                yield break;
            start += length + 1;
            scanned = start;
        }
    }

    /// <summary>A UTF-16 or UTF-32 byte-order mark.</summary>
    private static bool OtherUnicode(ReadOnlySpan<byte> head) =>
        head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || head.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]);

    /// <summary>The lines of a file in another Unicode encoding, as a text reader reads them (its byte-order mark says which).</summary>
    private static IEnumerable<ReadOnlyMemory<byte>> DecodedLines(Stream input)
    {
        using var lines = new StreamReader(input, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        while (lines.ReadLine() is string line)
        {
            if (!string.IsNullOrWhiteSpace(line))
                yield return Encoding.UTF8.GetBytes(line);
        }
    }

    /// <summary>Whitespace alone, as <see cref="string.IsNullOrWhiteSpace"/> has it.</summary>
    private static bool IsBlank(ReadOnlySpan<byte> line)
    {
        int other = line.IndexOfAnyExcept(" \t\v\f"u8);
        return other < 0 || line[other] >= 0x80 && string.IsNullOrWhiteSpace(Encoding.UTF8.GetString(line));
    }

    /// <summary>What was read already, then the rest of the stream.</summary>
    private sealed class ConcatStream(ReadOnlyMemory<byte> head, Stream rest) : Stream
    {
        private ReadOnlyMemory<byte> _head = head;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_head.IsEmpty)
                return rest.Read(buffer, offset, count);
            int n = Math.Min(count, _head.Length);
            _head.Span[..n].CopyTo(buffer.AsSpan(offset, n));
            _head = _head[n..];
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private static string Rate(Proportion p) =>
        p.Rate is double r ? string.Create(CultureInfo.InvariantCulture, $"{p.X}/{p.N} = {r * 100:0.0} % (95 % CI {p.Lower * 100:0.0}-{p.Upper * 100:0.0})") : $"{p.X}/{p.N}";

    private static string Days(double? days) => days is double d ? d.ToString("0.0", CultureInfo.InvariantCulture) + " days" : "not reached";

    /// <summary>The report as aligned text: the safety counts first, then each group.</summary>
    private static string Report(CohortReport r)
    {
        var o = new StringBuilder();
        o.AppendLine(CultureInfo.InvariantCulture, $"cohort: {r.Courses} courses, {r.Invalid} invalid; preset {r.Options.Course.Preset}");
        long urgent = r.SafetyFlags.Count(f => f.Flag.Flag.Priority == FlagPriority.Urgent);
        o.AppendLine(CultureInfo.InvariantCulture, $"SAFETY {urgent} urgent flag(s) in {r.SafetyFlags.Where(f => f.Flag.Flag.Priority == FlagPriority.Urgent).Select(f => f.CourseId).Distinct().Count()} course(s); {r.SafetyFlags.Count} flag(s) in all");
        foreach (CohortFlag flag in r.SafetyFlags.Where(f => f.Flag.Flag.Priority == FlagPriority.Urgent).Take(20))
            o.AppendLine(CultureInfo.InvariantCulture, $"  {Text.Escape(flag.CourseId)}  {CourseCommand.When(flag.Flag)}  {Text.Escape(flag.InstrumentId)} {Output.FlagText(flag.Flag.Flag, null)}");
        foreach (InvalidCourse invalid in r.InvalidCourses.Take(20))
            o.AppendLine(CultureInfo.InvariantCulture, $"{(invalid.IsRecordError ? "RECORD ERRORS" : "INVALID")} {Text.Escape(invalid.Id)}: {string.Join(", ", invalid.Codes)}{(invalid.IsRecordError ? " (beside its courses)" : "")}");
        foreach (GroupReport g in r.Groups)
        {
            o.AppendLine();
            o.AppendLine(CultureInfo.InvariantCulture, $"== {g.InstrumentId} x {Text.Escape(g.TreatmentKind)}: {g.Courses} courses, {g.Eligible} eligible ({g.MonitoringOnly} monitoring only, {g.BaselineBelowThreshold} baseline below threshold, {g.NoFollowUp} without follow-up)");
            o.AppendLine(CultureInfo.InvariantCulture, $"  baseline            mean {g.Baseline.Mean:0.0}, SD {g.Baseline.Sd:0.0}, median {g.Baseline.Median:0.#} (n {g.Baseline.N}); {string.Join(", ", g.BaselineBands.Select(b => $"{b.Key} {b.Value}"))}");
            if (g.Change.N > 0)
                o.AppendLine(CultureInfo.InvariantCulture, $"  change              mean {g.Change.Mean:+0.0;-0.0;0}, SD {g.Change.Sd:0.0} (n {g.Change.N}); mean improvement {g.MeanPercentImprovement:0.0} %; effect size {g.EffectSize:0.00}");
            o.AppendLine(CultureInfo.InvariantCulture, $"  latest status       {string.Join(", ", g.LatestStatus.Select(b => $"{b.Key} {b.Value}"))}");
            o.AppendLine(CultureInfo.InvariantCulture, $"  rapid response      {Rate(g.RapidResponse)}");
            o.AppendLine("  by session          session  courses  assessed  response                         remission");
            foreach (SessionOutcome row in g.BySession)
                o.AppendLine(CultureInfo.InvariantCulture, $"                      {row.Session,7}  {row.Courses,7}  {row.Assessed,8}  {Rate(row.Response),-31}  {(row.Remission is { } rem ? Rate(rem) : "-")}");
            o.AppendLine(CultureInfo.InvariantCulture, $"  events              sustained response {g.SustainedResponse}, loss of response {g.LossOfResponse} (median {Days(g.DaysAtLossMedian)} after the last treatment), sustained remission {g.SustainedRemission}, recovery {g.Recovery}, relapse {g.Relapse}, recurrence {g.Recurrence}");
            o.AppendLine(CultureInfo.InvariantCulture, $"  time to response    median {Days(g.TimeToResponse.Median)} (95 % CI {Days(g.TimeToResponse.MedianLower)}-{Days(g.TimeToResponse.MedianUpper)}); {g.TimeToResponse.Events} of {g.TimeToResponse.N}");
            if (g.TimeToRemission is { } remission)
                o.AppendLine(CultureInfo.InvariantCulture, $"  time to remission   median {Days(remission.Median)} (95 % CI {Days(remission.MedianLower)}-{Days(remission.MedianUpper)}); {remission.Events} of {remission.N}");
            o.AppendLine(CultureInfo.InvariantCulture, $"  response lasts      median {Days(g.DurationOfResponse.Median)} (95 % CI {Days(g.DurationOfResponse.MedianLower)}-{Days(g.DurationOfResponse.MedianUpper)}); {g.DurationOfResponse.Events} losses of {g.DurationOfResponse.N}");
            if (g.Cms159 is { } cms)
                o.AppendLine(CultureInfo.InvariantCulture, $"  CMS159 (12 months)  {Rate(cms)}, {g.Cms159NotMeasured} not measured; before the measure's exclusions");
            o.AppendLine(CultureInfo.InvariantCulture, $"  safety              {g.UrgentCourses} course(s) with an urgent flag, {g.ReviewCourses} with a review flag, {g.UnansweredCourses} with an unanswered safety item");
        }

        return o.ToString().TrimEnd();
    }
}
