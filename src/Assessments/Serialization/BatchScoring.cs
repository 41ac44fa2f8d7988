using System;
using System.Buffers;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Linq;
using System.Text.Json;

namespace Assessments.Serialization;

/// <summary>Counts of a batch run.</summary>
public sealed class BatchSummary
{
    internal BatchSummary(long documents, long scored)
    {
        Documents = documents;
        Scored = scored;
    }

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

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

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
        var sink = new ArrayBufferWriter<byte>(1 << 16);
        using var writer = new Utf8JsonWriter(sink, WriterOptions);
        long documents = 0, scored = 0;
        try
        {
            int filled = 0;
            bool end = false;
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
                        if (ScoreLine(line, state, writer, sink))
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

        return new BatchSummary(documents, scored);
    }

    /// <summary>Scores one line into the sink; true when the document was scored.</summary>
    private static bool ScoreLine(ReadOnlySpan<byte> line, BatchState state, Utf8JsonWriter writer, ArrayBufferWriter<byte> sink)
    {
        Span<int> values = stackalloc int[MaxItems];
        Span<int> keyed = stackalloc int[MaxItems];
        if (TryParseComplete(line, state, values, out Instrument? instrument, out int count, out ResponseValueKind kind, out int idStart, out int idLength))
        {
            QuickScore quick = FastScorer.Score(instrument, values[..count], kind, instrument.DefaultBandSet, keyed, out _);
            if (quick.IsValid)
            {
                writer.Reset(sink);
                WriteScored(writer, state.Texts(instrument), idStart < 0 ? default : line.Slice(idStart, idLength), idStart >= 0, quick, values[..count], keyed[..count]);
                writer.Flush();
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

    private static void WriteScored(Utf8JsonWriter w, EncodedTexts texts, ReadOnlySpan<byte> id, bool hasId, QuickScore quick, ReadOnlySpan<int> values, ReadOnlySpan<int> keyed)
    {
        Instrument instrument = texts.Instrument;
        w.WriteStartObject();
        if (hasId)
            w.WriteString("id"u8, id);
        w.WriteString("instrument"u8, texts.Id);
        w.WriteString("rulesVersion"u8, texts.RulesVersion);
        if (quick.Total is int total)
        {
            w.WriteNumber("total"u8, total);
            w.WriteNumber("maxTotal"u8, instrument.MaxTotal);
        }
        else
        {
            w.WriteNull("total"u8);
            w.WriteNull("maxTotal"u8);
        }

        if (quick.Band is { } band)
        {
            int index = texts.BandIndex(band);
            w.WriteStartObject("band"u8);
            w.WriteString("id"u8, texts.BandIds[index]);
            w.WriteString("label"u8, texts.BandLabels[index]);
            w.WriteEndObject();
            w.WriteString("bandSet"u8, texts.BandSet);
        }
        else
        {
            w.WriteNull("band"u8);
            w.WriteNull("bandSet"u8);
        }

        w.WriteBoolean("prorated"u8, false);
        w.WriteStartArray("flags"u8);
        foreach (SafetyRule rule in instrument.SafetyRules)
        {
            int score = keyed[rule.ItemNumber - 1];
            if (rule.PriorityFor(score) is FlagPriority priority)
            {
                w.WriteStartObject();
                w.WriteString("id"u8, "suicide-risk"u8);
                w.WriteNumber("item"u8, rule.ItemNumber);
                w.WriteNumber("value"u8, score);
                w.WriteString("priority"u8, priority == FlagPriority.Urgent ? "urgent"u8 : "review"u8);
                w.WriteEndObject();
            }
        }

        if (quick.RiskLevel is RiskLevel level && instrument.Method == ScoringMethod.RiskTiers)
        {
            foreach (RiskTier tier in instrument.RiskTiers)
            {
                if (tier.Level == level && tier.Priority is FlagPriority p)
                {
                    w.WriteStartObject();
                    w.WriteString("id"u8, FlagIds.SuicideRisk);
                    w.WriteNull("item"u8);
                    w.WriteString("value"u8, WireIds.Of(level));
                    w.WriteString("priority"u8, WireIds.Of(p));
                    w.WriteEndObject();
                }
            }
        }

        w.WriteEndArray();
        w.WriteString("safetyScreen"u8, instrument.SafetyScreen == SafetyScreen.Covered ? "covered"u8 : "not-covered"u8);
        if (quick.RiskLevel is RiskLevel risk)
            w.WriteString("riskLevel"u8, WireIds.Of(risk));
        else
            w.WriteNull("riskLevel"u8);
        if (quick.HasNotes)
        {
            w.WriteStartArray("notes"u8);
            for (int i = 0; i < values.Length; i++)
            {
                if (values[i] == instrument.Items[i].NotAssessedValue)
                    w.WriteStringValue(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"item-{i + 1}-not-assessed"));
            }

            w.WriteEndArray();
        }

        w.WriteStartArray("itemScores"u8);
        foreach (int score in keyed)
            w.WriteNumberValue(score);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>An instrument's constant strings, encoded once per batch.</summary>
    private sealed class EncodedTexts
    {
        public EncodedTexts(Instrument instrument)
        {
            Instrument = instrument;
            Id = JsonEncodedText.Encode(instrument.Id, JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
            RulesVersion = JsonEncodedText.Encode(instrument.RulesVersion, JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
            BandSet? set = instrument.DefaultBandSet;
            BandSet = set is null ? default : JsonEncodedText.Encode(set.Id, JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
            Bands = set is null ? [] : [.. set.Bands];
            BandIds = [.. Bands.Select(b => JsonEncodedText.Encode(b.Id, JavaScriptEncoder.UnsafeRelaxedJsonEscaping))];
            BandLabels = [.. Bands.Select(b => JsonEncodedText.Encode(b.Label, JavaScriptEncoder.UnsafeRelaxedJsonEscaping))];
        }

        public Instrument Instrument { get; }

        public JsonEncodedText Id { get; }

        public JsonEncodedText RulesVersion { get; }

        public JsonEncodedText BandSet { get; }

        public SeverityBand[] Bands { get; }

        public JsonEncodedText[] BandIds { get; }

        public JsonEncodedText[] BandLabels { get; }

        public int BandIndex(SeverityBand band) => Array.IndexOf(Bands, band);
    }

    /// <summary>Per-batch lookup of instruments by UTF-8 id, remembering the last one (batches rarely mix instruments).</summary>
    private sealed class BatchState(Func<string, Instrument?> resolve)
    {
        private Instrument? _last;
        private byte[] _lastId = [];
        private EncodedTexts? _texts;

        public Func<string, Instrument?> Resolve { get; } = resolve;

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
