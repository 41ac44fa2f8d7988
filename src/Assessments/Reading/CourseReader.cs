using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace Assessments.Reading;

/// <summary>One assessment as the course document states it, before it is scored.</summary>
internal struct CourseItemsEntry
{
    public int Position;
    public string? At;
    public DateTimeOffset? AtValue;
    public bool HasItems;
    public int? Total;
    public string? Instrument; // the row's own instrument (v3 records); null for the document's
    public string? Fault; // a field of the wrong JSON type: the document is refused, the row still read for its flags
    public string? OtherInstrument; // a repeated "instrument": the earlier value, whose reading of the items is flagged too
    public PreviousItems? Previous; // a repeated "items": the earlier array, flagged too (a repeat is never last-wins)
}

/// <summary>An earlier "items" array of a row that states "items" twice: its values, kept to be read for flags.</summary>
internal sealed class PreviousItems(int[] values, RawItemState[] states, List<(int Index, string Label)> labels, int count)
{
    public int[] Values { get; } = values;

    public RawItemState[] States { get; } = states;

    public List<(int Index, string Label)> Labels { get; } = labels;

    public int Count { get; } = count;
}

/// <summary>Reads a course document in one streamed pass over its UTF-8 bytes. The small parts (options, sessions) go
/// through the wire DTOs; each assessment is read with a <see cref="Utf8JsonReader"/> and handed to a callback while
/// its values are still in a reused buffer, so a course of 2,000,000 assessments is never held as JSON objects.</summary>
internal static class CourseReader
{
    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>The common shape of <c>"treatments"</c> read directly: an array of objects holding only <c>at</c>,
    /// <c>end</c> and <c>kind</c>, each at most once, as strings or null. Null for anything else (an unknown or repeated
    /// property, a null element, another value type, bad JSON): the serializer and the repeated-property check then
    /// read it as before, with their errors. The serializer took a fifth of a cohort's reading time (measured).</summary>
    public static List<TreatmentDto>? TryReadTreatments(ReadOnlySpan<byte> json)
    {
        if (json.IsEmpty)
            return null;
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 4 });
        var list = new List<TreatmentDto>(8);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
                return null;
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.EndArray)
                    return !reader.Read() ? list : null;
                if (reader.TokenType != JsonTokenType.StartObject)
                    return null;
                var dto = new TreatmentDto();
                int seen = 0;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueIsEscaped)
                        return null;
                    int bit = reader.ValueTextEquals("at"u8) ? 1 : reader.ValueTextEquals("end"u8) ? 2 : reader.ValueTextEquals("kind"u8) ? 4 : 0;
                    if (bit == 0 || (seen & bit) != 0 || !reader.Read() || reader.TokenType is not (JsonTokenType.String or JsonTokenType.Null))
                        return null;
                    seen |= bit;
                    if (bit == 1 && TryReadInstant(ref reader, out DateTimeOffset at))
                        dto.AtValue = at;
                    else if (bit == 2 && TryReadInstant(ref reader, out DateTimeOffset end))
                        dto.EndValue = end;
                    else if (bit == 1)
                        dto.At = reader.GetString();
                    else if (bit == 2)
                        dto.End = reader.GetString();
                    else // a course's sessions are usually of one kind: one string for them all
                        dto.Kind = list.Count > 0 && list[^1].Kind is string last && reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && reader.ValueTextEquals(last) ? last : reader.GetString();
                }

                if (reader.TokenType != JsonTokenType.EndObject)
                    return null;
                list.Add(dto);
            }

            return null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // A string that cannot be read (a lone surrogate escape, bytes that are not UTF-8): the serializer's path
            // reports it as a malformed document, flags kept.
            return null;
        }
    }

    private static readonly string[] TopNames = ["id", "instrument", "treatments", "options", "assessments"];

    private static readonly byte[][] TopNamesUtf8 = [.. TopNames.Select(n => System.Text.Encoding.UTF8.GetBytes(n))];

    [ThreadStatic]
    private static string? t_lastInstrument;

    private static int KnownTopName(ref Utf8JsonReader reader)
    {
        for (int i = 0; i < TopNamesUtf8.Length; i++)
        {
            if (reader.ValueTextEquals(TopNamesUtf8[i]))
                return i;
        }

        return -1;
    }

    /// <summary>The top-level fields: the instrument id, and where the other values lie.</summary>
    /// <remarks>With <c>inline</c>, the assessments are read in place when the instrument was named before them (the
    /// usual order), saving a second pass; when it returns false they are left for later and their range recorded.</remarks>
    public static bool TryScanTop(ReadOnlySpan<byte> utf8, InlineAssessments? inline, out string? instrument, out Range treatments, out Range options, out Range assessments, out long lineOfError, out string? duplicate)
    {
        instrument = null;
        duplicate = null;
        int seenKnown = 0; // the top-level names this reader knows, one bit each; any other name in a set made when needed
        HashSet<string>? seenOther = null;
        treatments = options = assessments = default;
        lineOfError = 0;
        var reader = new Utf8JsonReader(utf8, ReaderOptions);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                return false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                int known = reader.ValueIsEscaped ? -1 : KnownTopName(ref reader);
                string name = known >= 0 ? TopNames[known] : TryGetString(ref reader) ?? string.Empty;
                known = known >= 0 ? known : Array.IndexOf(TopNames, name);
                bool repeated = known >= 0 ? (seenKnown & (1 << known)) != 0 : !(seenOther ??= new(StringComparer.Ordinal)).Add(name);
                seenKnown |= known >= 0 ? 1 << known : 0;
                if (repeated)
                    duplicate ??= name;
                reader.Read();
                int start = (int)reader.TokenStartIndex;
                switch (name)
                {
                    case "instrument":
                        if (reader.TokenType == JsonTokenType.String)
                        {
                            // Most documents of an input name one instrument: its id is made once per thread.
                            instrument = t_lastInstrument is string last && !reader.ValueIsEscaped && reader.ValueTextEquals(last) ? last : t_lastInstrument = TryGetString(ref reader);
                        }
                        else if (reader.TokenType != JsonTokenType.Null)
                            return false;
                        break;
                    case "treatments":
                        reader.Skip();
                        treatments = start..(int)reader.BytesConsumed;
                        break;
                    case "options":
                        reader.Skip();
                        options = start..(int)reader.BytesConsumed;
                        break;
                    case "assessments":
                        if (inline is not null && instrument is not null && reader.TokenType == JsonTokenType.StartArray && inline(utf8, ref reader, instrument))
                        {
                            assessments = start..start; // read in place
                            break;
                        }

                        reader.Skip();
                        assessments = start..(int)reader.BytesConsumed;
                        break;
                    default:
                        duplicate ??= reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray ? DuplicateIn(utf8, ref reader) : null;
                        reader.Skip();
                        break;
                }
            }

            return reader.TokenType == JsonTokenType.EndObject && !reader.Read();
        }
        catch (JsonException e)
        {
            lineOfError = e.LineNumber ?? 0;
            return false;
        }
    }

    /// <summary>A repeated property inside the object or array the reader stands on (read on a copy of the reader).</summary>
    private static string? DuplicateIn(ReadOnlySpan<byte> json, ref Utf8JsonReader reader)
    {
        Utf8JsonReader copy = reader;
        int start = (int)copy.TokenStartIndex;
        copy.Skip();
        return DuplicateProperties.Find(json[start..(int)copy.BytesConsumed]);
    }

    /// <summary>The usual instant parsed straight from the bytes: an unescaped string of exactly the form
    /// <c>yyyy-MM-ddTHH:mm:ss[.f to .fffffff](Z|±hh:mm|±hhmm)</c>. False for anything else, which is then read as a string
    /// by the text rule (<c>CourseDocumentRules.TryParseInstant</c>); within this form both readings give the same instant
    /// (a property test holds them to it; outside it they differ: "10:00:00.Z", eight fraction digits).</summary>
    public static bool TryReadInstant(ref Utf8JsonReader reader, out DateTimeOffset at)
    {
        at = default;
        return reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && IsPlainInstant(reader.ValueSpan) && reader.TryGetDateTimeOffset(out at);
    }

    private static bool IsPlainInstant(ReadOnlySpan<byte> s)
    {
        if (s.Length < 20 || !IsDigits(s[..4]) || s[4] != (byte)'-' || !IsDigits(s[5..7]) || s[7] != (byte)'-' || !IsDigits(s[8..10])
            || s[10] != (byte)'T' || !IsDigits(s[11..13]) || s[13] != (byte)':' || !IsDigits(s[14..16]) || s[16] != (byte)':'
            || !IsDigits(s[17..19]))
            return false;
        ReadOnlySpan<byte> rest = s[19..];
        if (rest[0] == (byte)'.')
        {
            int digits = rest[1..].IndexOfAnyExceptInRange((byte)'0', (byte)'9');
            if (digits is < 1 or > 7)
                return false; // no digit, eight or more, or nothing after them
            rest = rest[(1 + digits)..];
        }

        return rest.SequenceEqual("Z"u8)
            || (rest.Length == 6 && IsSign(rest[0]) && IsDigits(rest[1..3]) && rest[3] == (byte)':' && IsDigits(rest[4..]))
            || (rest.Length == 5 && IsSign(rest[0]) && IsDigits(rest[1..]));
    }

    private static bool IsSign(byte b) => b is (byte)'+' or (byte)'-';

    private static bool IsDigits(ReadOnlySpan<byte> text) => text.IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0;

    /// <summary>Whether the property name is <paramref name="name"/>; false for a name whose escapes cannot be read (an
    /// unpaired surrogate), which <see cref="Utf8JsonReader.ValueTextEquals(ReadOnlySpan{byte})"/> throws on.</summary>
    private static bool Is(ref Utf8JsonReader reader, ReadOnlySpan<byte> name)
    {
        try
        {
            return reader.ValueTextEquals(name);
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>The string, or null when it is not valid Unicode (a lone surrogate escape): such a value is unreadable
    /// where it stands, never an exception.</summary>
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

    /// <summary>A field of the wrong JSON type: noted on the row (the caller refuses the document with it), its value
    /// passed over, and the rest of the row and the rows after it read on, so their flags are never dropped.</summary>
    private static string? Fault(ref CourseItemsEntry entry, ref Utf8JsonReader reader, string message)
    {
        entry.Fault ??= message;
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            reader.Skip();
        return null;
    }

    private static int? FaultNumber(ref CourseItemsEntry entry, ref Utf8JsonReader reader, string message)
    {
        Fault(ref entry, ref reader, message);
        return null;
    }

    /// <summary>Reads the assessments array, calling <paramref name="onEntry"/> once per element with its values in
    /// <paramref name="values"/> and <paramref name="states"/> (item values beyond <see cref="Limits.MaxItems"/> are
    /// counted, not stored) and any string labels in <paramref name="labels"/>. False when the array is not well formed
    /// or an element's field has the wrong JSON type.</summary>
    public static bool ReadAssessments(
        ReadOnlySpan<byte> array,
        int[] values,
        RawItemState[] states,
        List<(int Index, string Label)> labels,
        CourseAssessmentSink onEntry,
        out long lineOfError,
        out string? duplicate)
    {
        lineOfError = 0;
        duplicate = null;
        var reader = new Utf8JsonReader(array, ReaderOptions);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
                return false;
            ReadArray(array, ref reader, values, states, labels, onEntry, out duplicate);
            return true;
        }
        catch (JsonException e)
        {
            lineOfError = e.LineNumber ?? 0;
            return false;
        }
    }

    /// <summary>Reads an assessments array from its <c>[</c> (where <paramref name="reader"/> stands) to its <c>]</c>;
    /// a malformed element throws <see cref="JsonException"/>.</summary>
    public static void ReadArray(
        ReadOnlySpan<byte> json,
        ref Utf8JsonReader reader,
        int[] values,
        RawItemState[] states,
        List<(int Index, string Label)> labels,
        CourseAssessmentSink onEntry,
        out string? duplicate)
    {
        int count = 0;
        duplicate = null;
        List<string>? otherNames = null;
        ReadOnlySpan<byte> array = json;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var entry = new CourseItemsEntry { Position = count };
            bool positions = false, prorate = false, isObject = reader.TokenType == JsonTokenType.StartObject;
            int itemCount = 0;
            labels.Clear();
            if (!isObject)
            {
                reader.Skip();
            }
            else
            {
                // A field stated twice is duplicate-property, as everywhere else: known names by bit, others by name.
                int seen = 0;
                otherNames?.Clear();
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    bool isAt = Is(ref reader, "at"u8), isItems = Is(ref reader, "items"u8), isTotal = Is(ref reader, "total"u8);
                    bool isPositions = Is(ref reader, "positions"u8), isProrate = Is(ref reader, "prorate"u8);
                    bool isInstrument = Is(ref reader, "instrument"u8);
                    int bit = isAt ? 1 : isItems ? 2 : isTotal ? 4 : isPositions ? 8 : isProrate ? 16 : isInstrument ? 32 : 0;
                    if (bit == 0)
                    {
                        // A name whose escapes cannot be read (an unpaired surrogate) is an unknown field of its own:
                        // never the duplicate of another unreadable one.
                        if (TryGetString(ref reader) is string other)
                        {
                            otherNames ??= [];
                            if (otherNames.Contains(other))
                                duplicate ??= other;
                            otherNames.Add(other);
                        }
                    }
                    else if ((seen & bit) != 0)
                    {
                        duplicate ??= reader.GetString();
                        if (isItems && entry.HasItems)
                        {
                            int kept = Math.Min(itemCount, Limits.MaxItems);
                            entry.Previous ??= new PreviousItems(values[..kept], states[..kept], [.. labels], itemCount);
                        }
                        else if (isInstrument)
                        {
                            entry.OtherInstrument ??= entry.Instrument;
                        }
                    }

                    seen |= bit;
                    reader.Read();
                    if (isAt)
                    {
                        entry.AtValue = TryReadInstant(ref reader, out DateTimeOffset parsed) ? parsed : null;
                        entry.At = entry.AtValue is not null ? null
                            : reader.TokenType == JsonTokenType.String ? TryGetString(ref reader)
                            : reader.TokenType == JsonTokenType.Null ? null
                            : Fault(ref entry, ref reader, "\"at\" is not a string.");
                    }
                    else if (isInstrument)
                    {
                        entry.Instrument = reader.TokenType == JsonTokenType.String ? TryGetString(ref reader) ?? string.Empty
                            : reader.TokenType == JsonTokenType.Null ? null
                            : Fault(ref entry, ref reader, "\"instrument\" is not a string.");
                    }
                    else if (isTotal)
                    {
                        entry.Total = reader.TokenType == JsonTokenType.Null ? null
                            : reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out int total) ? total
                            : FaultNumber(ref entry, ref reader, "\"total\" is not an integer.");
                    }
                    else if (isPositions || isProrate)
                    {
                        bool value = reader.TokenType == JsonTokenType.True;
                        if (reader.TokenType is not (JsonTokenType.True or JsonTokenType.False))
                            Fault(ref entry, ref reader, "\"positions\" and \"prorate\" are booleans.");
                        positions = isPositions ? value : positions;
                        prorate = isProrate ? value : prorate;
                    }
                    else if (isItems && reader.TokenType == JsonTokenType.StartArray)
                    {
                        entry.HasItems = true;
                        itemCount = 0; // a repeated "items": the last one is read
                        labels.Clear();
                        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                        {
                            int i = itemCount++;
                            RawItemState state = RawItemState.Unreadable;
                            int value = 0;
                            switch (reader.TokenType)
                            {
                                case JsonTokenType.Null:
                                    state = RawItemState.Blank;
                                    break;
                                case JsonTokenType.Number when reader.TryGetInt32(out int number):
                                    state = RawItemState.Answered;
                                    value = number;
                                    break;
                                case JsonTokenType.String when i < Limits.MaxItems:
                                    if (TryGetString(ref reader) is string label)
                                    {
                                        labels.Add((i, label));
                                        state = RawItemState.Answered; // resolved by the caller, who knows the value kind
                                    }

                                    break;
                                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                                    duplicate ??= DuplicateIn(array, ref reader);
                                    reader.Skip();
                                    break;
                            }

                            if (i < Limits.MaxItems)
                            {
                                values[i] = value;
                                states[i] = state;
                            }
                        }
                    }
                    else if (isItems && reader.TokenType == JsonTokenType.Null)
                    {
                        entry.HasItems = false;
                    }
                    else if (isItems)
                    {
                        Fault(ref entry, ref reader, "\"items\" is not an array.");
                    }
                    else
                    {
                        duplicate ??= reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray ? DuplicateIn(array, ref reader) : null;
                        reader.Skip();
                    }
                }
            }

            // A repeated field makes the document a usage error (the caller reports it), but the row is still evaluated
            // as read (the last value of each field) and so are the rows after it: their flags are never dropped.
            onEntry(isObject ? entry : entry with { At = null }, isObject, itemCount, positions, prorate);
            count++;
        }
    }
}

/// <summary>Reads an assessments array in place, from the reader standing on its <c>[</c>.</summary>
/// <param name="json">The whole document the reader reads.</param>
/// <param name="reader">The reader.</param>
/// <param name="instrumentId">The instrument the document named before its assessments.</param>
/// <returns>True when the array was read (the reader then stands on its <c>]</c>); false to leave it.</returns>
internal delegate bool InlineAssessments(ReadOnlySpan<byte> json, ref Utf8JsonReader reader, string instrumentId);

/// <summary>Receives one assessment entry of a course document.</summary>
/// <param name="entry">Its position and stated fields.</param>
/// <param name="isObject">Whether the element was an object at all.</param>
/// <param name="itemCount">How many item values it stated.</param>
/// <param name="positions">Whether its values are option positions.</param>
/// <param name="prorate">Whether it opts in to proration.</param>
internal delegate void CourseAssessmentSink(CourseItemsEntry entry, bool isObject, int itemCount, bool positions, bool prorate);
