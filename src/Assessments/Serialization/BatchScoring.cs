using System;
using System.Buffers;
using System.IO;
using System.Text;
using System.Linq;
using System.Text.Json;

namespace Assessments.Serialization;

/// <summary>Counts of a batch run.</summary>
public sealed class BatchSummary
{
    internal BatchSummary(long documents, long scored, long fastPath)
    {
        Documents = documents;
        Scored = scored;
        FastPath = fastPath;
    }

    /// <summary>Documents scored on the allocation-free path (for tests and benchmarks).</summary>
    internal long FastPath { get; }

    /// <summary>Documents read (non-blank lines).</summary>
    public long Documents { get; }

    /// <summary>Documents scored.</summary>
    public long Scored { get; }

    /// <summary>Documents that were invalid or could not be read.</summary>
    public long Invalid => Documents - Scored;
}

/// <summary>Scores NDJSON batches of response documents as a stream, in constant memory.</summary>
/// <remarks>
/// One result line per non-blank input line, in input order, each exactly what
/// <see cref="AssessmentsJson.WriteResult"/> writes (or, for a document that cannot be read, its coded errors).
/// Complete responses go through a <see cref="Utf8JsonReader"/> and the allocation-free scorer; anything else
/// (unanswered items, option labels, escaped strings, invalid responses) takes the full path, so both give the
/// same bytes. Peak memory depends on the longest line, not on the batch size.
/// </remarks>
public static class BatchScoring
{
    private const int MaxItems = 256;

    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>Reads NDJSON response documents from <paramref name="input"/> and writes one NDJSON result per document to <paramref name="output"/>.</summary>
    /// <param name="input">UTF-8 NDJSON, one response document per line.</param>
    /// <param name="output">Where the results go.</param>
    /// <param name="resolve">Finds an instrument by id; null for the built-in catalogue.</param>
    /// <returns>How many documents were read and scored.</returns>
    public static BatchSummary ScoreNdjson(Stream input, Stream output, Func<string, Instrument?>? resolve = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        resolve ??= AssessmentsJson.ResolveBuiltIn;
        var state = new BatchState(resolve);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        var sink = new ArrayBufferWriter<byte>(1 << 17);
        long documents = 0, scored = 0;
        try
        {
            int filled = 0;
            bool end = false;
            bool first = true;
            while (!end || filled > 0)
            {
                if (!end)
                {
                    if (filled == buffer.Length)
                    {
                        byte[] larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        buffer.AsSpan(0, filled).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }

                    int read = input.Read(buffer, filled, buffer.Length - filled);
                    end = read == 0;
                    filled += read;
                    if (first && filled >= 3)
                    {
                        // A UTF-8 byte order mark (Windows editors write one) is not part of the first document.
                        first = false;
                        if (buffer.AsSpan(0, 3).SequenceEqual("\uFEFF"u8))
                        {
                            buffer.AsSpan(3, filled - 3).CopyTo(buffer);
                            filled -= 3;
                        }
                    }
                }

                int start = 0;
                while (true)
                {
                    int newline = buffer.AsSpan(start, filled - start).IndexOf((byte)'\n');
                    if (newline < 0 && !end)
                        break;
                    int length = newline < 0 ? filled - start : newline;
                    ReadOnlySpan<byte> line = buffer.AsSpan(start, length).Trim(" \t\r"u8);
                    start += newline < 0 ? length : length + 1;
                    if (!line.IsEmpty)
                    {
                        documents++;
                        if (ScoreLine(line, state, sink))
                            scored++;
                        sink.Write("\n"u8);
                        if (sink.WrittenCount >= 1 << 16)
                        {
                            output.Write(sink.WrittenSpan);
                            sink.ResetWrittenCount();
                        }
                    }

                    if (newline < 0)
                        break;
                }

                buffer.AsSpan(start, filled - start).CopyTo(buffer);
                filled -= start;
                if (end && filled == 0)
                    break;
            }

            output.Write(sink.WrittenSpan);
            output.Flush();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return new BatchSummary(documents, scored, state.FastPath);
    }

    /// <summary>Scores one line into the sink; true when the document was scored.</summary>
    private static bool ScoreLine(ReadOnlySpan<byte> line, BatchState state, ArrayBufferWriter<byte> sink)
    {
        Span<int> values = state.Values;
        Span<int> keyed = state.Keyed;
        if (TryParseComplete(line, state, values, out Instrument? instrument, out int count, out ResponseValueKind kind, out int idStart, out int idLength))
        {
            values = values[..count];
            QuickScore quick;
            if (kind == ResponseValueKind.ItemScores && instrument.Plan.SimpleSum && FastScorer.TryScoreSimpleSum(instrument, instrument.Plan, values, instrument.DefaultBandSet, out quick))
                keyed = values; // item scores of a simple sum need no keying
            else
                quick = FastScorer.Score(instrument, values, kind, instrument.DefaultBandSet, keyed);
            ReadOnlySpan<byte> id = idStart < 0 ? default : line.Slice(idStart, idLength);
            if (quick.IsValid && id.IndexOfAnyExceptInRange((byte)0x20, (byte)0x7E) < 0)
            {
                EncodedTexts texts = state.Texts(instrument);
                Span<byte> destination = sink.GetSpan(texts.MaxResultLength + id.Length);
                sink.Advance(WriteScored(destination, texts, id, idStart >= 0, quick, values, keyed[..count]));
                state.FastPath++;
                return true;
            }
        }

        // The full path: exact errors, unanswered items, labels, escapes, band sets.
        string json = Encoding.UTF8.GetString(line);
        ResponseReadResult read = AssessmentsJson.ReadResponse(json, state.Resolve);
        string result;
        bool ok = false;
        if (read.IsSuccess)
        {
            ScoringResult scoredResult = read.Instrument.Score(read.Response);
            ok = scoredResult.IsValid;
            result = AssessmentsJson.WriteResult(scoredResult);
        }
        else
        {
            result = AssessmentsJson.WriteReadErrors(read);
        }

        int max = Encoding.UTF8.GetMaxByteCount(result.Length);
        int written = Encoding.UTF8.GetBytes(result, sink.GetSpan(max));
        sink.Advance(written);
        return ok;
    }

    /// <summary>Reads a document that the fast path can take: known instrument, every item an integer, no escapes.</summary>
    private static bool TryParseComplete(ReadOnlySpan<byte> line, BatchState state, Span<int> values, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Instrument? instrument, out int count, out ResponseValueKind kind, out int idStart, out int idLength)
    {
        instrument = null;
        count = -1;
        kind = ResponseValueKind.ItemScores;
        idStart = -1;
        idLength = 0;
        try
        {
            var reader = new Utf8JsonReader(line, ReaderOptions);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                return false;
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.EndObject)
                    break;
                if (reader.TokenType != JsonTokenType.PropertyName || reader.ValueIsEscaped)
                    return false;
                if (reader.ValueTextEquals("id"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.Null)
                    {
                        idStart = -1;
                        continue;
                    }

                    if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped)
                        return false;
                    idStart = (int)reader.TokenStartIndex + 1;
                    idLength = reader.ValueSpan.Length;
                }
                else if (reader.ValueTextEquals("instrument"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped)
                        return false;
                    instrument = state.Find(reader.ValueSpan);
                    if (instrument is null)
                        return false;
                }
                else if (reader.ValueTextEquals("items"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.StartArray)
                        return false;
                    count = 0;
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        if (reader.TokenType != JsonTokenType.Number || count == values.Length || !reader.TryGetInt32(out values[count]))
                            return false;
                        count++;
                    }
                }
                else if (reader.ValueTextEquals("positions"u8))
                {
                    reader.Read();
                    if (reader.TokenType is not (JsonTokenType.True or JsonTokenType.False))
                        return false;
                    kind = reader.TokenType == JsonTokenType.True ? ResponseValueKind.OptionPositions : ResponseValueKind.ItemScores;
                }
                else if (reader.ValueTextEquals("prorate"u8))
                {
                    reader.Read();
                    if (reader.TokenType is not (JsonTokenType.True or JsonTokenType.False))
                        return false;
                }
                else
                {
                    return false; // bandSet or anything unusual: the full path decides
                }
            }

            if (reader.Read())
                return false; // trailing content after the object
        }
        catch (JsonException)
        {
            return false;
        }

        return instrument is not null && count >= 0;
    }

    /// <summary>Writes the result line from pre-encoded fragments: the same bytes as <see cref="AssessmentsJson.WriteResult"/>
    /// (an FsCheck property compares them), at a fraction of a general JSON writer's cost. The id is plain ASCII here.</summary>
    private static int WriteScored(Span<byte> d, EncodedTexts t, ReadOnlySpan<byte> id, bool hasId, QuickScore quick, ReadOnlySpan<int> values, ReadOnlySpan<int> keyed)
    {
        Instrument instrument = t.Instrument;
        int at = 0;
        if (hasId)
        {
            Put(d, ref at, "{\"id\":\""u8);
            Put(d, ref at, id);
            Put(d, ref at, "\","u8);
        }
        else
        {
            Put(d, ref at, "{"u8);
        }

        Put(d, ref at, t.Head);
        if (quick.Total is int total)
        {
            Put(d, ref at, "\"total\":"u8);
            Number(d, ref at, total);
            Put(d, ref at, t.MaxTotal);
        }
        else
        {
            Put(d, ref at, "\"total\":null,\"maxTotal\":null,"u8);
        }

        Put(d, ref at, quick.Band is { } band ? t.Bands[t.BandIndex(band)] : "\"band\":null,\"bandSet\":null,"u8);
        Put(d, ref at, "\"prorated\":false,\"flags\":["u8);
        bool first = true;
        foreach (SafetyRule rule in instrument.SafetyRules)
        {
            int score = keyed[rule.ItemNumber - 1];
            if (rule.PriorityFor(score) is FlagPriority priority)
            {
                Put(d, ref at, first ? "{\"id\":\"suicide-risk\",\"item\":"u8 : ",{\"id\":\"suicide-risk\",\"item\":"u8);
                first = false;
                Number(d, ref at, rule.ItemNumber);
                Put(d, ref at, ",\"value\":"u8);
                Number(d, ref at, score);
                Put(d, ref at, priority == FlagPriority.Urgent ? ",\"priority\":\"urgent\"}"u8 : ",\"priority\":\"review\"}"u8);
            }
        }

        if (quick.RiskLevel is RiskLevel level)
        {
            foreach (RiskTier tier in instrument.RiskTiers)
            {
                if (tier.Level == level && tier.Priority is FlagPriority p)
                {
                    Put(d, ref at, first ? "{\"id\":\"suicide-risk\",\"item\":null,\"value\":\""u8 : ",{\"id\":\"suicide-risk\",\"item\":null,\"value\":\""u8);
                    first = false;
                    Put(d, ref at, Encoding.UTF8.GetBytes(WireIds.Of(level)));
                    Put(d, ref at, p == FlagPriority.Urgent ? "\",\"priority\":\"urgent\"}"u8 : "\",\"priority\":\"review\"}"u8);
                }
            }
        }

        Put(d, ref at, t.SafetyScreen);
        if (quick.RiskLevel is RiskLevel risk)
        {
            Put(d, ref at, "\"riskLevel\":\""u8);
            Put(d, ref at, Encoding.UTF8.GetBytes(WireIds.Of(risk)));
            Put(d, ref at, "\","u8);
            Put(d, ref at, t.Provenance);
        }
        else
        {
            Put(d, ref at, "\"riskLevel\":null,"u8);
        }

        if (quick.HasNotes)
        {
            Put(d, ref at, "\"notes\":["u8);
            bool firstNote = true;
            for (int i = 0; i < values.Length; i++)
            {
                if (values[i] == instrument.Items[i].NotAssessedValue)
                {
                    Put(d, ref at, firstNote ? "\"item-"u8 : ",\"item-"u8);
                    firstNote = false;
                    Number(d, ref at, i + 1);
                    Put(d, ref at, "-not-assessed\""u8);
                }
            }

            Put(d, ref at, "],"u8);
        }

        Put(d, ref at, "\"itemScores\":["u8);
        for (int i = 0; i < keyed.Length; i++)
        {
            if (i > 0)
                d[at++] = (byte)',';
            Number(d, ref at, keyed[i]);
        }

        Put(d, ref at, "]}"u8);
        return at;
    }

    private static void Put(Span<byte> destination, ref int at, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(destination[at..]);
        at += bytes.Length;
    }

    private static void Number(Span<byte> destination, ref int at, int value)
    {
        value.TryFormat(destination[at..], out int written, default, System.Globalization.CultureInfo.InvariantCulture);
        at += written;
    }

    /// <summary>An instrument's constant output fragments, encoded once per batch with the wire encoder.</summary>
    private sealed class EncodedTexts
    {
        public EncodedTexts(Instrument instrument)
        {
            Instrument = instrument;
            Head = Utf8($"\"instrument\":{Quote(instrument.Id)},\"rulesVersion\":{Quote(instrument.RulesVersion)},");
            MaxTotal = Utf8(string.Create(System.Globalization.CultureInfo.InvariantCulture, $",\"maxTotal\":{instrument.MaxTotal},"));
            BandSet? set = instrument.DefaultBandSet;
            BandList = set is null ? [] : [.. set.Bands];
            Bands = [.. BandList.Select(b => Utf8($"\"band\":{{\"id\":{Quote(b.Id)},\"label\":{Quote(b.Label)}}},\"bandSet\":{Quote(set!.Id)},"))];
            SafetyScreen = Utf8($"],\"safetyScreen\":{Quote(WireIds.Of(instrument.SafetyScreen))},");
            Provenance = instrument.Method == ScoringMethod.RiskTiers && instrument.RiskProvenance is string provenance
                ? Utf8($"\"provenance\":{Quote(provenance)},")
                : [];
            int fixedLength = Head.Length + MaxTotal.Length + Bands.Select(b => b.Length).DefaultIfEmpty(0).Max() + SafetyScreen.Length + Provenance.Length;
            int perItem = 12;
            MaxResultLength = 256 + fixedLength + (instrument.Items.Length * (perItem + 40)) + (instrument.SafetyRules.Length * 96);
        }

        public Instrument Instrument { get; }

        public byte[] Head { get; }

        public byte[] MaxTotal { get; }

        public SeverityBand[] BandList { get; }

        public byte[][] Bands { get; }

        public byte[] SafetyScreen { get; }

        public byte[] Provenance { get; }

        public int MaxResultLength { get; }

        public int BandIndex(SeverityBand band) => Array.IndexOf(BandList, band);

        private static string Quote(string text) => JsonSerializer.Serialize(text, JsonContexts.Wire.Options.GetTypeInfo(typeof(string)));

        private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
    }

    /// <summary>Per-batch lookup of instruments by UTF-8 id, remembering the last one (batches rarely mix instruments).</summary>
    private sealed class BatchState(Func<string, Instrument?> resolve)
    {
        private Instrument? _last;
        private byte[] _lastId = [];
        private EncodedTexts? _texts;

        public Func<string, Instrument?> Resolve { get; } = resolve;

        public long FastPath { get; set; }

        /// <summary>Scratch for one line's values and keyed scores, reused for every line.</summary>
        public int[] Values { get; } = new int[MaxItems];

        public int[] Keyed { get; } = new int[MaxItems];

        public EncodedTexts Texts(Instrument instrument) =>
            _texts is not null && ReferenceEquals(_texts.Instrument, instrument) ? _texts : _texts = new EncodedTexts(instrument);

        public Instrument? Find(ReadOnlySpan<byte> id)
        {
            if (_last is not null && id.SequenceEqual(_lastId))
                return _last;
            Instrument? found = Resolve(Encoding.UTF8.GetString(id));
            if (found is not null)
            {
                _last = found;
                _lastId = Encoding.UTF8.GetBytes(found.Id);
            }

            return found;
        }
    }
}
