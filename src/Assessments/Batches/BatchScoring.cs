using System;
using System.Buffers;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Collections.Immutable;
using Assessments.Evaluation;
using Assessments.Reading;
using Assessments.Writing;

namespace Assessments.Batches;

/// <summary>Counts of a batch run.</summary>
public sealed class BatchSummary
{
    internal BatchSummary(long documents, long scored, long fastPath, long urgentFlags, bool isComplete = true)
    {
        Documents = documents;
        Scored = scored;
        FastPath = fastPath;
        UrgentFlags = urgentFlags;
        IsComplete = isComplete;
    }

    /// <summary>Whether the input was read to its end. False when it failed part way (<see cref="BatchIncompleteException"/>):
    /// the counts are those of the lines whose results were written.</summary>
    public bool IsComplete { get; }

    /// <summary>Documents scored on the allocation-free path (for tests and benchmarks).</summary>
    internal long FastPath { get; }

    /// <summary>Documents read (non-blank lines).</summary>
    public long Documents { get; }

    /// <summary>Documents scored.</summary>
    public long Scored { get; }

    /// <summary>Documents that were invalid or could not be read.</summary>
    public long Invalid => Documents - Scored;

    /// <summary>Urgent safety flags raised across the batch, valid documents or not: the number a clinic acts on first.</summary>
    public long UrgentFlags { get; }
}

/// <summary>A batch's input failed part way (a broken connection, a body over its limit): every line read before has its
/// result written, and <see cref="Summary"/> counts them (the urgent flags among them too), so a caller who alerts on
/// them still can. The failure is the inner exception.</summary>
public sealed class BatchIncompleteException : IOException
{
    /// <summary>An incomplete batch.</summary>
    /// <param name="summary">The counts of the lines whose results were written.</param>
    /// <param name="inner">Why the input could not be read on.</param>
    public BatchIncompleteException(BatchSummary summary, Exception inner)
        : base("The batch input could not be read to its end; every line before has its result.", inner)
    {
        ArgumentNullException.ThrowIfNull(summary);
        Summary = summary;
    }

    /// <summary>The counts of the lines whose results were written (<see cref="BatchSummary.IsComplete"/> false).</summary>
    public BatchSummary Summary { get; }
}

/// <summary>The shape of a response input: one document, a JSON array of documents, or NDJSON.</summary>
public enum InputShape
{
    /// <summary>Nothing but white space.</summary>
    Empty,

    /// <summary>One response document (it may span lines).</summary>
    Single,

    /// <summary>A JSON array of response documents.</summary>
    Array,

    /// <summary>One response document per line.</summary>
    Ndjson,
}

/// <summary>Scores batches of response documents as a stream, in constant memory.</summary>
/// <remarks>
/// One result line per document (per non-blank NDJSON line, per array element), in input order, always: a line that
/// cannot be read yields its coded errors, and the safety flags that can still be told, on its own line, and never
/// touches another line. Every line goes through the one reader, the one evaluation and the one result writer (a
/// valid result straight from the evaluation's record, without a result object). Peak memory depends on the longest
/// document (at most <see cref="Limits.MaxDocumentBytes"/>), not on the batch size.
/// </remarks>
public static class BatchScoring
{
    private const int ChunkBytes = 1 << 16;

    /// <summary>Reads NDJSON response documents from <paramref name="input"/> and writes one NDJSON result per document to <paramref name="output"/>.</summary>
    /// <param name="input">UTF-8 NDJSON, one response document per line (a byte order mark at the start is skipped).</param>
    /// <param name="output">Where the results go.</param>
    /// <param name="resolve">Finds an instrument by id; null for the built-in catalogue.</param>
    /// <param name="defaults">How to read each document where it does not say (positions, prorate, band set); a document
    /// that sets one otherwise is <c>option-conflict</c>. Null for none.</param>
    /// <returns>How many documents were read and scored.</returns>
    /// <exception cref="BatchIncompleteException">The input failed part way; every line before has its result.</exception>
    public static BatchSummary ScoreNdjson(Stream input, Stream output, Func<string, Instrument?>? resolve = null, ResponseDefaults? defaults = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        var state = new BatchState(resolve ?? Instruments.BuiltIn, defaults);
        var sink = new ArrayBufferWriter<byte>(1 << 17);
        using var chunks = new Chunks(input);
        var cursor = new LineCursor();
        do
        {
            try
            {
                chunks.Fill();
            }
            catch (Exception e) when (e is IOException or InvalidDataException)
            {
                // The lines read so far keep their results (and their flags in the counts).
                output.Write(sink.WrittenSpan);
                output.Flush();
                throw new BatchIncompleteException(new BatchSummary(state.Documents, state.Scored, state.FastPath, state.UrgentFlags, isComplete: false), e);
            }
        }
        while (!NdjsonStep(chunks, cursor, state, sink, output));

        output.Write(sink.WrittenSpan);
        output.Flush();
        return new BatchSummary(state.Documents, state.Scored, state.FastPath, state.UrgentFlags);
    }

    /// <summary>As <see cref="ScoreNdjson"/>, reading and writing asynchronously: for servers, whose request and response
    /// bodies allow no synchronous I/O. Results are written after each chunk of input, so they stream.</summary>
    /// <param name="input">UTF-8 NDJSON, one response document per line.</param>
    /// <param name="output">Where the results go.</param>
    /// <param name="resolve">Finds an instrument by id; null for the built-in catalogue.</param>
    /// <param name="cancellationToken">Stops between chunks.</param>
    /// <returns>How many documents were read and scored.</returns>
    /// <exception cref="BatchIncompleteException">The input failed part way; every line before has its result.</exception>
    public static async System.Threading.Tasks.Task<BatchSummary> ScoreNdjsonAsync(Stream input, Stream output, Func<string, Instrument?>? resolve = null, System.Threading.CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        var state = new BatchState(resolve ?? Instruments.BuiltIn);
        var sink = new ArrayBufferWriter<byte>(1 << 17);
        using var chunks = new Chunks(input);
        var cursor = new LineCursor();
        bool done;
        do
        {
            try
            {
                await chunks.FillAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or InvalidDataException && !cancellationToken.IsCancellationRequested)
            {
                // Each chunk's results are already written: the lines read so far keep them (and their flags in the counts).
                throw new BatchIncompleteException(new BatchSummary(state.Documents, state.Scored, state.FastPath, state.UrgentFlags, isComplete: false), e);
            }

            done = NdjsonStep(chunks, cursor, state, sink, null);
            if (sink.WrittenCount > 0)
            {
                await output.WriteAsync(sink.WrittenMemory, cancellationToken).ConfigureAwait(false);
                sink.ResetWrittenCount();
            }
        }
        while (!done);

        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        return new BatchSummary(state.Documents, state.Scored, state.FastPath, state.UrgentFlags);
    }

    /// <summary>Whether the line being read is the tail of an oversized line.</summary>
    private sealed class LineCursor
    {
        public bool Skipping { get; set; }
    }

    /// <summary>Scores every whole line of the buffered input; true when the input is exhausted. With no
    /// <paramref name="output"/> the results stay in <paramref name="sink"/> for the caller to write.</summary>
    private static bool NdjsonStep(Chunks chunks, LineCursor cursor, BatchState state, ArrayBufferWriter<byte> sink, Stream? output)
    {
        ReadOnlySpan<byte> data = chunks.Data;
        int start = 0;
        while (start < data.Length)
        {
            int newline = data[start..].IndexOfAny((byte)'\n', (byte)'\r'); // a CR alone ends a line too (CRLF: an empty line)
            if (newline < 0 && !chunks.End)
                break;
            int length = newline < 0 ? data.Length - start : newline;
            if (cursor.Skipping)
            {
                cursor.Skipping = false; // the tail of an oversized line: its error line is written already
            }
            else
            {
                // Every document of the line is accounted for: a second document on one line is scored on its own line.
                ReadOnlySpan<byte> line = data.Slice(start, length).Trim(" \t\r"u8);
                state.SplitDocuments = true;
                while (!line.IsEmpty)
                {
                    state.NextDocumentAt = 0;
                    ScoreInto(line, state, sink, output);
                    line = state.NextDocumentAt > 0 ? line[state.NextDocumentAt..].Trim(" \t\r"u8) : default;
                }
            }

            start += newline < 0 ? length : length + 1;
        }

        chunks.Consume(start);
        if (chunks.End && chunks.Filled == 0)
            return true;
        if (chunks.IsFull && !chunks.TryGrow())
        {
            // A line longer than the limit: one error line, then its bytes are dropped up to the newline.
            if (!cursor.Skipping)
                WriteError(state, sink, ErrorCodes.DocumentTooLarge, TooLargeMessage);
            cursor.Skipping = true;
            chunks.Consume(chunks.Filled);
        }

        return false;
    }

    /// <summary>Reads a JSON array of response documents from <paramref name="input"/>, element by element in constant
    /// memory, and writes one NDJSON result per element to <paramref name="output"/>.</summary>
    /// <param name="input">UTF-8 JSON: an array of response documents.</param>
    /// <param name="output">Where the results go.</param>
    /// <param name="resolve">Finds an instrument by id; null for the built-in catalogue.</param>
    /// <param name="defaults">How to read each document where it does not say (positions, prorate, band set); a document
    /// that sets one otherwise is <c>option-conflict</c>. Null for none.</param>
    /// <returns>How many documents were read and scored. When the array itself breaks (a syntax error between
    /// elements, an element over the size limit), one error line says so and reading stops.</returns>
    public static BatchSummary ScoreJsonArray(Stream input, Stream output, Func<string, Instrument?>? resolve = null, ResponseDefaults? defaults = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        var state = new BatchState(resolve ?? Instruments.BuiltIn, defaults);
        var sink = new ArrayBufferWriter<byte>(1 << 17);
        using var chunks = new Chunks(input);
        bool started = false;
        while (true)
        {
            chunks.Fill();
            ArrayStep step = ScanArray(chunks.Data, chunks.End, ref started, state, sink, output, out int consumed);
            chunks.Consume(consumed);
            if (step == ArrayStep.Done)
                break;
            if (step == ArrayStep.Broken || (chunks.End && step == ArrayStep.NeedMore))
            {
                WriteError(state, sink, ErrorCodes.MalformedDocument, "The input is not a well-formed JSON array of response documents; reading stopped here.");
                break;
            }

            if (chunks.IsFull && !chunks.TryGrow())
            {
                WriteError(state, sink, ErrorCodes.DocumentTooLarge, TooLargeMessage);
                break;
            }
        }

        output.Write(sink.WrittenSpan);
        output.Flush();
        return new BatchSummary(state.Documents, state.Scored, state.FastPath, state.UrgentFlags);
    }

    /// <summary>A pooled buffer filled from a stream chunk by chunk: a byte order mark at the start is dropped, and the
    /// buffer grows (to a little over <see cref="Limits.MaxDocumentBytes"/>) while one document does not fit.</summary>
    private sealed class Chunks(Stream input) : IDisposable
    {
        private byte[] _buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        private bool _first = true;

        public int Filled { get; private set; }

        public bool End { get; private set; }

        public bool IsFull => Filled == _buffer.Length;

        public ReadOnlySpan<byte> Data => _buffer.AsSpan(0, Filled);

        public void Fill()
        {
            if (End || Filled == _buffer.Length)
                return;
            Advance(input.Read(_buffer, Filled, _buffer.Length - Filled));
        }

        private void Advance(int read)
        {
            End = read == 0;
            Filled += read;
            if (_first && (Filled >= 3 || End))
            {
                _first = false;
                if (Data.StartsWith("\uFEFF"u8))
                    Consume(3);
            }
        }

        public async System.Threading.Tasks.ValueTask FillAsync(System.Threading.CancellationToken cancellationToken)
        {
            if (End || Filled == _buffer.Length)
                return;
            int read = await input.ReadAsync(_buffer.AsMemory(Filled, _buffer.Length - Filled), cancellationToken).ConfigureAwait(false);
            Advance(read);
        }

        public void Consume(int count)
        {
            _buffer.AsSpan(count, Filled - count).CopyTo(_buffer);
            Filled -= count;
        }

        public bool TryGrow()
        {
            if (_buffer.Length > Limits.MaxDocumentBytes)
                return false;
            byte[] larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            Data.CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
            return true;
        }

        public void Dispose() => ArrayPool<byte>.Shared.Return(_buffer);
    }

    private enum ArrayStep
    {
        NeedMore,
        Done,
        Broken,
    }

    /// <summary>Scores every whole element in <paramref name="data"/>; elements are found by reading one JSON value at
    /// a time, so a document's own syntax errors are its own line's business.</summary>
    private static ArrayStep ScanArray(ReadOnlySpan<byte> data, bool end, ref bool started, BatchState state, ArrayBufferWriter<byte> sink, Stream output, out int consumed)
    {
        consumed = 0;
        while (true)
        {
            int at = consumed;
            while (at < data.Length && data[at] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' || (started && at < data.Length && data[at] == (byte)','))
                at++;
            if (at == data.Length)
            {
                consumed = at;
                return ArrayStep.NeedMore;
            }

            if (!started)
            {
                if (data[at] != (byte)'[')
                    return ArrayStep.Broken;
                started = true;
                consumed = at + 1;
                continue;
            }

            if (data[at] == (byte)']')
            {
                consumed = at + 1;
                return ArrayStep.Done;
            }

            int length;
            try
            {
                var reader = new Utf8JsonReader(data[at..], end, default);
                if (!reader.Read() || !reader.TrySkip())
                {
                    consumed = at;
                    return ArrayStep.NeedMore;
                }

                length = (int)reader.BytesConsumed;
            }
            catch (JsonException)
            {
                consumed = at;
                return ArrayStep.Broken;
            }

            ScoreInto(data.Slice(at, length), state, sink, output);
            consumed = at + length;
        }
    }

    /// <summary>Tells, by the document's structure and not by a buffer size, whether an input is one response document
    /// (it may span lines), a JSON array, or NDJSON: a first line that is a whole JSON value (or breaks within that
    /// line) followed by more content is NDJSON.</summary>
    /// <param name="input">The input; it need not be seekable (a pipe, standard input).</param>
    /// <param name="replay">A stream that yields the whole input again, the bytes read to decide first.</param>
    /// <returns>The shape.</returns>
    public static InputShape DetectShape(Stream input, out Stream replay)
    {
        ArgumentNullException.ThrowIfNull(input);
        var head = new MemoryStream();
        byte[] chunk = new byte[ChunkBytes];
        InputShape shape = InputShape.Empty;
        int firstContent = -1;
        while (true)
        {
            int read = input.Read(chunk, 0, chunk.Length);
            bool end = read == 0;
            head.Write(chunk, 0, read);
            ReadOnlySpan<byte> all = head.GetBuffer().AsSpan(0, (int)head.Length);
            if (all.StartsWith("\uFEFF"u8))
                all = all[3..];
            if (firstContent < 0)
            {
                int at = all.IndexOfAnyExcept(" \t\r\n"u8);
                if (at >= 0)
                    firstContent = at;
            }

            if (firstContent >= 0)
            {
                ReadOnlySpan<byte> rest = all[firstContent..];
                if (rest[0] == (byte)'[')
                {
                    shape = InputShape.Array;
                    break;
                }

                int newline = rest.IndexOfAny((byte)'\n', (byte)'\r');
                if (newline >= 0 || end)
                {
                    ReadOnlySpan<byte> line = newline >= 0 ? rest[..newline] : rest;
                    ReadOnlySpan<byte> after = newline >= 0 ? rest[(newline + 1)..] : default;
                    if (after.IndexOfAnyExcept(" \t\r\n"u8) < 0 && !end)
                    {
                        if (head.Length > Limits.MaxDocumentBytes)
                        {
                            shape = InputShape.Ndjson;
                            break;
                        }

                        continue; // need to see whether anything follows the first line
                    }

                    bool more = after.IndexOfAnyExcept(" \t\r\n"u8) >= 0;
                    shape = !more ? InputShape.Single : FirstLineStands(line) ? InputShape.Ndjson : InputShape.Single;
                    break;
                }

                if (head.Length > Limits.MaxDocumentBytes)
                {
                    shape = InputShape.Ndjson; // a first line over the limit: each line gets its own answer
                    break;
                }
            }
            else if (end)
            {
                break;
            }

            if (end)
                break;
        }

        head.Position = 0;
        replay = new ReplayStream(head, input);
        return shape;
    }

    /// <summary>Whether a first line stands alone: a whole JSON value, or JSON that breaks within the line.</summary>
    private static bool FirstLineStands(ReadOnlySpan<byte> line)
    {
        try
        {
            var reader = new Utf8JsonReader(line, isFinalBlock: false, state: new JsonReaderState(new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }));
            if (!reader.Read())
                return false;
            return reader.TrySkip() && reader.CurrentDepth == 0 && reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray);
        }
        catch (JsonException)
        {
            return true;
        }
    }

    private const string TooLargeMessage = "The document is larger than the limit for one response document.";

    private static void ScoreInto(ReadOnlySpan<byte> document, BatchState state, ArrayBufferWriter<byte> sink, Stream? output)
    {
        state.Documents++;
        bool ok;
        int before = sink.WrittenCount;
        try
        {
            ok = ScoreDocument(document, state, sink);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A last line of defence: a fault in one document never takes another document's line with it. The lines
            // already buffered stay; only this document's partial bytes go.
            byte[] kept = sink.WrittenSpan[..before].ToArray();
            sink.ResetWrittenCount();
            sink.Write(kept);
            ok = false;
            WriteErrorLine(sink, ErrorCodes.MalformedDocument, "The document could not be read.");
        }

        if (ok)
            state.Scored++;
        sink.Write("\n"u8);
        if (output is not null && sink.WrittenCount >= 1 << 16)
        {
            output.Write(sink.WrittenSpan);
            sink.ResetWrittenCount();
        }
    }

    private static void WriteError(BatchState state, ArrayBufferWriter<byte> sink, string code, string message)
    {
        state.Documents++;
        WriteErrorLine(sink, code, message);
        sink.Write("\n"u8);
    }

    private static void WriteErrorLine(ArrayBufferWriter<byte> sink, string code, string message)
    {
        string line = WireText.Invalid(new ResponseReadResult(null, null, null, null, [new ScoringError(code, null, message)], ImmutableArray<SafetyFlag>.Empty));
        sink.Write(Encoding.UTF8.GetBytes(line));
    }

    /// <summary>Scores one document into the sink; true when it was scored. Internal for the fuzz harness, which calls
    /// it without the guard so that any fault surfaces.</summary>
    internal static bool ScoreDocument(ReadOnlySpan<byte> document, BatchState state, IBufferWriter<byte> sink)
    {
        ReaderScratch scratch = state.Scratch;
        ParsedDocument doc = ResponseReader.Parse(document, scratch, state.Resolve, state.Defaults);
        if (doc.NextDocumentAt > 0 && state.SplitDocuments)
        {
            // Two documents on one NDJSON line: this one is scored alone, and the caller goes on from the next.
            int next = doc.NextDocumentAt;
            bool first = ScoreDocument(document[..next], state, sink);
            state.NextDocumentAt = next;
            return first;
        }

        if (doc.ErrorCode is not null)
        {
            ResponseReadResult failed = ResponseReader.Read(document, state.Resolve, state.Defaults);
            WriteText(sink, WireText.Invalid(failed));
            state.CountUrgent(failed.Flags);
            return false;
        }

        Instrument instrument = doc.Instrument!;
        int count = doc.Count;
        int stored = Math.Min(count, Limits.MaxItems);
        Evaluated record = Evaluator.Run(instrument, scratch.Values.AsSpan(0, stored), scratch.States.AsSpan(0, stored), count, new EvaluationSettings(doc.Kind, doc.Prorate), scratch.Outcomes);
        BandSet? bandSet = instrument.ResolveBandSet(doc.BandSet is null ? null : new ScoringOptions { BandSet = doc.BandSet });
        ReadOnlySpan<byte> id = doc.Id.Present ? document.Slice(doc.Id.Start, doc.Id.Length) : default;
        // A valid result is written straight from the record by the one result writer (no result object); an id
        // that is not plain ASCII is unescaped first, through the result object.
        if (record.IsValid && !doc.Id.Escaped && id.IndexOfAnyExceptInRange((byte)0x20, (byte)0x7E) < 0)
        {
            ImmutableArray<SafetyFlag> flags = ResultWriter.WriteRecord(sink, record, bandSet, id, doc.Id.Present);
            state.FastPath++;
            state.CountUrgent(flags);
            return true;
        }

        // Everything else (an invalid response, an escaped or non-ASCII id) through the result object.
        ScoringResult result = record.ToResult(bandSet, ResponseReader.IdOf(document, doc));
        WriteText(sink, WireText.Result(result));
        state.CountUrgent(result.Flags);
        return result.IsSuccess;
    }

    private static void WriteText(IBufferWriter<byte> sink, string text)
    {
        int max = Encoding.UTF8.GetMaxByteCount(text.Length);
        int written = Encoding.UTF8.GetBytes(text, sink.GetSpan(max));
        sink.Advance(written);
    }

    /// <summary>Per-batch state: the reader's scratch and the counts.</summary>
    internal sealed class BatchState(Func<string, Instrument?> resolve, ResponseDefaults? defaults = null)
    {
        public ResponseDefaults? Defaults { get; } = defaults is { IsEmpty: false } ? defaults : null;

        public Func<string, Instrument?> Resolve { get; } = resolve;

        public ReaderScratch Scratch { get; } = new();

        public long Documents { get; set; }

        public long Scored { get; set; }

        public long FastPath { get; set; }

        public long UrgentFlags { get; set; }

        public void CountUrgent(System.Collections.Immutable.ImmutableArray<SafetyFlag> flags)
        {
            foreach (SafetyFlag flag in flags)
                UrgentFlags += flag.Priority == FlagPriority.Urgent ? 1 : 0;
        }

        /// <summary>Whether a second document on one line is read on its own (NDJSON lines), rather than named as unread.</summary>
        public bool SplitDocuments { get; set; }

        /// <summary>Where the next document of the current line starts, after a document split off; 0 when none.</summary>
        public int NextDocumentAt { get; set; }
    }
}
