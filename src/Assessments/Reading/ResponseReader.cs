using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Assessments.Evaluation;

namespace Assessments.Reading;

/// <summary>Per-reader scratch space, reused document after document so that reading allocates nothing per line.</summary>
internal sealed class ReaderScratch
{
    public int[] Values { get; } = new int[Limits.MaxItems];

    public RawItemState[] States { get; } = new RawItemState[Limits.MaxItems];

    /// <summary>Option-label strings of the current document (item values given as text); index in <see cref="Values"/>.</summary>
    public List<string?> Labels { get; } = [];

    public ItemOutcome[] Outcomes { get; } = new ItemOutcome[Limits.MaxItems];

    private Instrument? _last;
    private byte[] _lastId = [];
    private Func<string, Instrument?>? _lastResolve;

    /// <summary>Finds an instrument by its UTF-8 id, remembering the last one for the same resolver (batches rarely
    /// mix instruments; two resolvers may map one id to different instruments).</summary>
    public Instrument? Find(ReadOnlySpan<byte> id, Func<string, Instrument?> resolve)
    {
        if (_last is not null && ReferenceEquals(resolve, _lastResolve) && id.SequenceEqual(_lastId))
            return _last;
        Instrument? found = resolve(Encoding.UTF8.GetString(id));
        if (found is not null)
        {
            _last = found;
            _lastId = Encoding.UTF8.GetBytes(found.Id);
            _lastResolve = resolve;
        }

        return found;
    }
}

/// <summary>A string's content as a byte range of the document; <see cref="Start"/> is -1 when there is none.</summary>
internal struct TextRange
{
    public int Start;

    public int Length;

    public bool Escaped;

    public static TextRange None => new() { Start = -1 };

    public readonly bool Present => Start >= 0;
}

/// <summary>What the reader found in one response document; the values are in the scratch.</summary>
internal struct ParsedDocument
{
    /// <summary>A document-level error code (malformed, duplicate, unknown instrument, too large), or null.</summary>
    public string? ErrorCode;

    public string? ErrorMessage;

    public Instrument? Instrument;

    /// <summary>Where the instrument id string stands in the document.</summary>
    public TextRange InstrumentId;

    /// <summary>Where the caller's id string stands in the document (absent when missing or null).</summary>
    public TextRange Id;

    public bool Positions;

    public bool Prorate;

    public string? BandSet;

    /// <summary>How many item values the array held (values past <see cref="Limits.MaxItems"/> are counted only).</summary>
    public int Count;

    /// <summary>Where a second JSON value starts on the same line, when the document object is followed by more than
    /// whitespace and comments (two documents on one NDJSON line); 0 otherwise.</summary>
    public int NextDocumentAt;

    public readonly ResponseValueKind Kind => Positions ? ResponseValueKind.OptionPositions : ResponseValueKind.ItemScores;
}

/// <summary>
/// The one reader of response documents (strings, bytes, batch lines, array elements). It walks the JSON once with
/// a <see cref="Utf8JsonReader"/>, never throws on data, treats a repeated property as <c>duplicate-property</c> (never
/// last-wins), reads each item value as an integer, a blank, an option label or unreadable, and leaves every rule to
/// the scoring kernel.
/// </summary>
internal static class ResponseReader
{
    private static readonly JsonReaderOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 64 };

    /// <summary>A value given as text, resolved through the item once the value kind is known (never a state a raw
    /// response holds).</summary>
    private const int LabelState = 255;

    /// <summary>Reads one response document: the response, or coded errors with every safety flag that can still be told.</summary>
    public static ResponseReadResult Read(ReadOnlySpan<byte> utf8Json, Func<string, Instrument?> resolve, ResponseDefaults? defaults)
    {
        ReaderScratch scratch = RentScratch();
        try
        {
            ParsedDocument doc = ResponseReader.Parse(utf8Json, scratch, resolve, defaults);
            string? id = doc.ErrorCode == ErrorCodes.DocumentTooLarge ? null : ResponseReader.IdOf(utf8Json, doc);
            if (doc.ErrorCode is string code)
            {
                ImmutableArray<SafetyFlag> salvaged = code is ErrorCodes.UnknownInstrument or ErrorCodes.DocumentTooLarge
                    ? ImmutableArray<SafetyFlag>.Empty
                    : ResponseReader.SalvageFlags(utf8Json, resolve, defaults);
                return ResponseReadResult.Failed(id, ResponseReader.InstrumentIdOf(utf8Json, doc), code, doc.ErrorMessage!, salvaged);
            }

            Instrument instrument = doc.Instrument!;
            var options = new ScoringOptions { Values = doc.Kind, Prorate = doc.Prorate, BandSet = doc.BandSet };
            return FromValues(instrument, scratch.Values, scratch.States, doc.Count, options, id);
        }
        finally
        {
            ReturnScratch(scratch);
        }
    }

    /// <summary>A response when every value is readable and the count fits; else the kernel's errors and flags.</summary>
    internal static ResponseReadResult FromValues(Instrument instrument, int[] values, RawItemState[] states, int count, ScoringOptions options, string? id)
    {
        int stored = Math.Min(count, values.Length);
        bool readable = count <= Limits.MaxItems;
        for (int i = 0; i < stored && readable; i++)
            readable = states[i] != RawItemState.Unreadable;
        if (readable)
        {
            var items = new int?[stored];
            for (int i = 0; i < stored; i++)
                items[i] = states[i] == RawItemState.Answered ? values[i] : null;
            return new ResponseReadResult(id, instrument.Id, instrument, new Response(instrument.Id, items, options, id), ImmutableArray<ScoringError>.Empty, ImmutableArray<SafetyFlag>.Empty);
        }

        Span<ItemOutcome> outcomes = stackalloc ItemOutcome[instrument.Items.Length];
        Evaluated record = Evaluator.Run(instrument, values.AsSpan(0, stored), states.AsSpan(0, stored), count, EvaluationSettings.Of(options), outcomes);
        return new ResponseReadResult(id, instrument.Id, instrument, null, record.Errors(), record.Flags());
    }

    [ThreadStatic]
    private static ReaderScratch? t_scratch;

    private static ReaderScratch RentScratch()
    {
        ReaderScratch? scratch = t_scratch;
        t_scratch = null;
        return scratch ?? new ReaderScratch();
    }

    private static void ReturnScratch(ReaderScratch scratch) => t_scratch = scratch;

    /// <summary>Reads one document. Never throws on data.</summary>
    public static ParsedDocument Parse(ReadOnlySpan<byte> json, ReaderScratch scratch, Func<string, Instrument?> resolve, ResponseDefaults? defaults = null)
    {
        var doc = new ParsedDocument { InstrumentId = TextRange.None, Id = TextRange.None };
        scratch.Labels.Clear();
        if (json.Length > Limits.MaxDocumentBytes)
            return Fail(ref doc, ErrorCodes.DocumentTooLarge, string.Create(CultureInfo.InvariantCulture, $"The document is larger than {Limits.MaxDocumentBytes} bytes."));
        bool seenId = false, seenInstrument = false, seenItems = false, seenPositions = false, seenProrate = false, seenBandSet = false;
        doc.Count = -1;
        try
        {
            var reader = new Utf8JsonReader(json, Options);
            reader.Read(); // an empty document throws: not well-formed JSON
            if (reader.TokenType != JsonTokenType.StartObject)
                return Fail(ref doc, ErrorCodes.MalformedDocument, "The document is not a response object.");
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                if (reader.ValueTextEquals("id"u8))
                {
                    if (Repeated(ref seenId, ref doc, "id") || !ReadString(ref reader, ref doc, "id", out doc.Id))
                        return doc;
                }
                else if (reader.ValueTextEquals("instrument"u8))
                {
                    if (Repeated(ref seenInstrument, ref doc, "instrument") || !ReadString(ref reader, ref doc, "instrument", out doc.InstrumentId))
                        return doc;
                }
                else if (reader.ValueTextEquals("items"u8))
                {
                    if (Repeated(ref seenItems, ref doc, "items"))
                        return doc;
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.StartArray)
                    {
                        doc.Count = 0;
                        ReadItems(ref reader, scratch.Values, scratch.States, scratch.Labels, ref doc.Count);
                    }
                    else if (reader.TokenType != JsonTokenType.Null)
                        return Fail(ref doc, ErrorCodes.MalformedDocument, "\"items\" must be an array.");
                }
                else if (reader.ValueTextEquals("positions"u8))
                {
                    if (Repeated(ref seenPositions, ref doc, "positions") || !ReadBool(ref reader, ref doc, "positions", out doc.Positions))
                        return doc;
                }
                else if (reader.ValueTextEquals("prorate"u8))
                {
                    if (Repeated(ref seenProrate, ref doc, "prorate") || !ReadBool(ref reader, ref doc, "prorate", out doc.Prorate))
                        return doc;
                }
                else if (reader.ValueTextEquals("bandSet"u8))
                {
                    if (Repeated(ref seenBandSet, ref doc, "bandSet"))
                        return doc;
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.String)
                        doc.BandSet = reader.GetString();
                    else if (reader.TokenType != JsonTokenType.Null)
                        return Fail(ref doc, ErrorCodes.MalformedDocument, "\"bandSet\" must be a string.");
                }
                else
                {
                    reader.Read();
                    reader.Skip(); // a field this version does not know: ignored, as the wire contract adds fields
                }
            }

            int end = (int)reader.BytesConsumed;
            try
            {
                reader.Read(); // content after the object throws: not well-formed JSON
            }
            catch (JsonException)
            {
                int next = json[end..].IndexOfAnyExcept(" \t\r\n"u8);
                doc.NextDocumentAt = next < 0 ? 0 : end + next;
                return Fail(ref doc, ErrorCodes.MalformedDocument, "More than one document stands on one line; each document takes a line of its own.");
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            return Fail(ref doc, ErrorCodes.MalformedDocument, Malformed(e as JsonException));
        }

        if (!doc.InstrumentId.Present)
            return Fail(ref doc, ErrorCodes.MalformedDocument, "The document has no \"instrument\".");
        doc.Instrument = doc.InstrumentId.Escaped ? resolve(Text(json, doc.InstrumentId) ?? string.Empty) : scratch.Find(json.Slice(doc.InstrumentId.Start, doc.InstrumentId.Length), resolve);
        if (doc.Instrument is null)
            return Fail(ref doc, ErrorCodes.UnknownInstrument, "The document names an instrument that is not known.");
        if (doc.Count < 0)
            return Fail(ref doc, ErrorCodes.MalformedDocument, "The document has no \"items\" array.");
        if (defaults is not null && !ApplyDefaults(ref doc, defaults, seenPositions, seenProrate, seenBandSet))
            return doc;
        if (doc.BandSet is not null && !doc.Instrument!.TryGetBandSet(doc.BandSet, out _))
            return Fail(ref doc, ErrorCodes.MalformedDocument, "The instrument has no band set of that id.");
        ResolveLabels(ref doc, scratch);
        return doc;
    }

    /// <summary>Fills the fields the document leaves out from the caller's defaults; a field the document sets to another
    /// value is <c>option-conflict</c> (the caller asked for one reading, the document for another: neither wins).</summary>
    private static bool ApplyDefaults(ref ParsedDocument doc, ResponseDefaults defaults, bool seenPositions, bool seenProrate, bool seenBandSet)
    {
        if (defaults.Positions is bool positions)
        {
            if (seenPositions && doc.Positions != positions)
                return Conflict(ref doc, "positions");
            doc.Positions = positions;
        }

        if (defaults.Prorate is bool prorate)
        {
            if (seenProrate && doc.Prorate != prorate)
                return Conflict(ref doc, "prorate");
            doc.Prorate = prorate;
        }

        if (defaults.BandSet is string bandSet)
        {
            if (seenBandSet && doc.BandSet is not null && !string.Equals(doc.BandSet, bandSet, StringComparison.Ordinal))
                return Conflict(ref doc, "bandSet");
            doc.BandSet = bandSet;
        }

        return true;

        static bool Conflict(ref ParsedDocument doc, string field)
        {
            Fail(ref doc, ErrorCodes.OptionConflict, $"The document sets \"{field}\" to another value than the one given for every document.");
            return false;
        }
    }

    /// <summary>The id string of a parsed document, or null.</summary>
    public static string? IdOf(ReadOnlySpan<byte> json, in ParsedDocument doc) => Text(json, doc.Id);

    /// <summary>The instrument id the document names, or null.</summary>
    public static string? InstrumentIdOf(ReadOnlySpan<byte> json, in ParsedDocument doc) =>
        doc.Instrument?.Id ?? Text(json, doc.InstrumentId);

    /// <summary>The text of a string in the document; null when absent or not valid Unicode.</summary>
    private static string? Text(ReadOnlySpan<byte> json, TextRange range)
    {
        if (!range.Present)
            return null;
        if (!range.Escaped)
            return Encoding.UTF8.GetString(json.Slice(range.Start, range.Length));
        try
        {
            var reader = new Utf8JsonReader(json[(range.Start - 1)..], Options);
            reader.Read();
            return reader.GetString();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>
    /// The safety flags that can still be told about a document that could not be read (malformed, a repeated
    /// property): every <c>items</c> array that reads whole is run through the kernel under every known instrument
    /// the document names, as every value kind it states, and the flags are joined; an instrument with no array of its
    /// length raises
    /// <c>safety-item-unanswered</c> for each safety item. Nothing is last-wins, so a second array cannot hide the
    /// first one's suicide item (docs/clinical-rules.md, "Never lost").
    /// </summary>
    public static ImmutableArray<SafetyFlag> SalvageFlags(ReadOnlySpan<byte> json, Func<string, Instrument?> resolve, ResponseDefaults? defaults = null)
    {
        var instruments = new List<Instrument>();
        var arrays = new List<PartialItems>();
        var kinds = new List<ResponseValueKind>();
        var reader = new Utf8JsonReader(json, Options);
        PartialItems? open = null;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                return ImmutableArray<SafetyFlag>.Empty;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("instrument"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.String && resolve(reader.GetString() ?? string.Empty) is { } found && !instruments.Contains(found))
                        instruments.Add(found);
                    reader.Skip();
                }
                else if (reader.ValueTextEquals("items"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.StartArray)
                    {
                        // Listed before it is read: a document that breaks inside the array (truncated after "...,0,3")
                        // keeps every value read whole before the break.
                        open = new PartialItems();
                        arrays.Add(open);
                        ReadItems(ref reader, open.Values, open.States, open.Labels, ref open.Count, out open.End);
                        open = null;
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
                else if (reader.ValueTextEquals("positions"u8))
                {
                    reader.Read();
                    ResponseValueKind kind = reader.TokenType == JsonTokenType.True ? ResponseValueKind.OptionPositions : ResponseValueKind.ItemScores;
                    if (!kinds.Contains(kind))
                        kinds.Add(kind);
                    reader.Skip();
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            // Whatever was read whole before the fault still counts; a document cut off right after an integer inside
            // the item array (",0,3" and the end) counts that integer too: a cut-off number reads high, never silent.
            if (open is not null && TrailingInteger(json[(int)open.End..]) is int last && open.Count < open.Values.Length)
            {
                open.Values[open.Count] = last;
                open.States[open.Count] = RawItemState.Answered;
                open.Count++;
            }
        }

        // Values are read as every kind the document states (item scores when it states none): a position read as
        // a score could hide a reverse-keyed safety item.
        // The caller's default kind counts as stated too: it is how the document would have been read.
        if (defaults?.Positions is bool positions && !kinds.Contains(positions ? ResponseValueKind.OptionPositions : ResponseValueKind.ItemScores))
            kinds.Add(positions ? ResponseValueKind.OptionPositions : ResponseValueKind.ItemScores);
        if (kinds.Count == 0)
            kinds.Add(ResponseValueKind.ItemScores);

        var flags = ImmutableArray.CreateBuilder<SafetyFlag>();
        foreach (Instrument instrument in instruments)
        {
            bool located = false;
            foreach (var array in arrays)
            {
                if (array.Count != instrument.Items.Length)
                    continue;
                located = true;
                foreach (ResponseValueKind kind in kinds)
                {
                    int[] values = array.Values[..array.Count];
                    RawItemState[] states = array.States[..array.Count];
                    ResolveLabels(instrument, values, states, array.Labels, array.Count, kind);
                    Evaluator.FlagsUnderEachKind(instrument, values, states, array.Count, [kind], flags);
                }
            }

            // No array of the instrument's length: every safety item is unanswered (the evaluation of a wrong count).
            if (!located)
                Evaluator.FlagsUnderEachKind(instrument, default, default, -1, [ResponseValueKind.ItemScores], flags);
        }

        return flags.ToImmutable();
    }

    /// <summary>Reads the item array the reader stands at, counting each value as it is read whole (so a fault inside the
    /// array leaves the count of the values before it).</summary>
    private static void ReadItems(ref Utf8JsonReader reader, int[] values, RawItemState[] states, List<string?> labels, ref int count) =>
        ReadItems(ref reader, values, states, labels, ref count, out _);

    private static void ReadItems(ref Utf8JsonReader reader, int[] values, RawItemState[] states, List<string?> labels, ref int count, out long lastValueEnd)
    {
        lastValueEnd = reader.BytesConsumed;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            int value = 0;
            RawItemState state;
            switch (reader.TokenType)
            {
                case JsonTokenType.Number:
                    state = reader.TryGetInt32(out value) ? RawItemState.Answered : RawItemState.Unreadable;
                    break;
                case JsonTokenType.Null:
                    state = RawItemState.Blank;
                    break;
                case JsonTokenType.String:
                    state = (RawItemState)LabelState;
                    value = labels.Count;
                    labels.Add(TryGetString(ref reader));
                    break;
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    reader.Skip();
                    state = RawItemState.Unreadable;
                    break;
                default:
                    state = RawItemState.Unreadable;
                    break;
            }

            if (count < values.Length)
            {
                values[count] = value;
                states[count] = state;
            }

            count++;
            lastValueEnd = reader.BytesConsumed;
        }
    }

    /// <summary>The integer a document ends with, after a separating comma or whitespace; null when it ends otherwise.</summary>
    private static int? TrailingInteger(ReadOnlySpan<byte> tail)
    {
        tail = tail.TrimStart(" \t\r\n,"u8).TrimEnd(" \t\r\n"u8);
        return tail.Length is > 0 and <= 10 && tail.IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0
            && int.TryParse(tail, NumberStyles.None, CultureInfo.InvariantCulture, out int value) ? value : null;
    }

    /// <summary>An item array as far as the salvage reader got: the values read whole, and how many.</summary>
    private sealed class PartialItems
    {
        public int[] Values { get; } = new int[Limits.MaxItems];

        public RawItemState[] States { get; } = new RawItemState[Limits.MaxItems];

        public List<string?> Labels { get; } = [];

#pragma warning disable CA1051 // passed by reference while the array is read
        public int Count;

        public long End;
#pragma warning restore CA1051
    }

    /// <summary>A string value, or null when it is not valid UTF-8 or holds a broken surrogate.</summary>
    private static string? TryGetString(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static void ResolveLabels(ref ParsedDocument doc, ReaderScratch scratch)
    {
        if (scratch.Labels.Count > 0)
            ResolveLabels(doc.Instrument!, scratch.Values, scratch.States, scratch.Labels, doc.Count, doc.Kind);
    }

    /// <summary>Option labels (<c>1a</c>, <c>yes</c>, <c>-</c>) become values through the item; anything else is unreadable.</summary>
    private static void ResolveLabels(Instrument instrument, int[] values, RawItemState[] states, List<string?> labels, int count, ResponseValueKind kind)
    {
        if (labels.Count == 0)
            return;
        int n = Math.Min(count, values.Length);
        for (int i = 0; i < n; i++)
        {
            if ((int)states[i] != LabelState)
                continue;
            string? label = labels[values[i]];
            if (label is not null && i < instrument.Items.Length && instrument.Items[i].TryParseValue(label, kind, out int? parsed))
            {
                states[i] = parsed is null ? RawItemState.Blank : RawItemState.Answered;
                values[i] = parsed ?? 0;
            }
            else
            {
                states[i] = RawItemState.Unreadable;
                values[i] = 0;
            }
        }
    }

    private static bool Repeated(ref bool seen, ref ParsedDocument doc, string property)
    {
        if (!seen)
        {
            seen = true;
            return false;
        }

        Fail(ref doc, ErrorCodes.DuplicateProperty, $"The property \"{property}\" appears more than once; a response states each field once.");
        return true;
    }

    private static bool ReadBool(ref Utf8JsonReader reader, ref ParsedDocument doc, string property, out bool value)
    {
        reader.Read();
        value = reader.TokenType == JsonTokenType.True;
        if (reader.TokenType is JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null)
            return true;
        Fail(ref doc, ErrorCodes.MalformedDocument, $"\"{property}\" must be true or false.");
        return false;
    }

    /// <summary>Reads a string-or-null property value into its byte range; false (with the error set) otherwise.</summary>
    private static bool ReadString(ref Utf8JsonReader reader, ref ParsedDocument doc, string property, out TextRange range)
    {
        reader.Read();
        range = TextRange.None;
        if (reader.TokenType == JsonTokenType.String)
        {
            range = new TextRange { Start = (int)reader.TokenStartIndex + 1, Length = reader.ValueSpan.Length, Escaped = reader.ValueIsEscaped };
            return true;
        }

        if (reader.TokenType == JsonTokenType.Null)
            return true;
        Fail(ref doc, ErrorCodes.MalformedDocument, $"\"{property}\" must be a string.");
        return false;
    }

    private static ParsedDocument Fail(ref ParsedDocument doc, string code, string message)
    {
        doc.ErrorCode = code;
        doc.ErrorMessage = message;
        return doc;
    }

    internal static string Malformed(JsonException? e) =>
        e?.LineNumber is long line
            ? string.Create(CultureInfo.InvariantCulture, $"The document is not well-formed JSON (line {line + 1}, byte {e.BytePositionInLine ?? 0}).")
            : "The document is not well-formed JSON.";
}
