using System;
using System.Text.Json;

namespace Assessments.Fhir;

/// <summary>
/// The fast path's reader: one <see cref="Utf8JsonReader"/> pass over a QuestionnaireResponse in FHIR JSON that keeps
/// what scoring needs (the questionnaire canonical, each item's linkId, each answer's code or number) as ranges of the
/// document, and checks every other value it meets against the rule FHIR R4 sets for it. It knows a closed list of
/// elements; anything else (an element it does not read, an extension, an empty array, an escaped string, a value in
/// doubt) makes it give up, and the caller takes the Firely path. Giving up is always safe; reading differently from
/// Firely never is, and an FsCheck property holds the two paths to the same result.
/// </summary>
internal static class FastReader
{
    private static readonly JsonReaderOptions Options = new() { CommentHandling = JsonCommentHandling.Disallow, AllowTrailingCommas = false, MaxDepth = QuestionnaireResponseImporter.MaxNesting };

    public static bool TryRead(ReadOnlySpan<byte> json, ImportScratch scratch)
    {
        try
        {
            var reader = new Utf8JsonReader(json, Options);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                return false;
            int seen = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueIsEscaped)
                    return false;
                int bit;
                if (reader.ValueTextEquals("resourceType"u8))
                {
                    bit = 1;
                    if (!reader.Read() || reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || !reader.ValueTextEquals("QuestionnaireResponse"u8))
                        return false;
                }
                else if (reader.ValueTextEquals("status"u8))
                {
                    bit = 2;
                    if (!ReadString(ref reader, out ReadOnlySpan<byte> status)
                        || !(status.SequenceEqual("completed"u8) || status.SequenceEqual("in-progress"u8) || status.SequenceEqual("amended"u8)
                             || status.SequenceEqual("entered-in-error"u8) || status.SequenceEqual("stopped"u8)))
                        return false;
                }
                else if (reader.ValueTextEquals("id"u8))
                {
                    bit = 4;
                    if (!ReadString(ref reader, out ReadOnlySpan<byte> id) || !IsId(id))
                        return false;
                    scratch.Id = reader.GetString();
                }
                else if (reader.ValueTextEquals("questionnaire"u8))
                {
                    bit = 8;
                    if (!ReadString(ref reader, out ReadOnlySpan<byte> canonical) || !IsCanonical(canonical))
                        return false;
                    scratch.Questionnaire = reader.GetString();
                }
                else if (reader.ValueTextEquals("authored"u8))
                {
                    bit = 16;
                    if (!ReadString(ref reader, out ReadOnlySpan<byte> authored) || !IsDateTime(authored))
                        return false;
                    scratch.Authored = reader.GetString();
                }
                else if (reader.ValueTextEquals("meta"u8))
                {
                    bit = 32;
                    if (!ReadMeta(ref reader))
                        return false;
                }
                else if (reader.ValueTextEquals("subject"u8))
                {
                    bit = 64;
                    if (!ReadReference(ref reader, out scratch.Subject))
                        return false;
                }
                else if (reader.ValueTextEquals("author"u8))
                {
                    bit = 128;
                    if (!ReadReference(ref reader, out _))
                        return false;
                }
                else if (reader.ValueTextEquals("item"u8))
                {
                    bit = 256;
                    if (!ReadItems(ref reader, scratch, -1))
                        return false;
                }
                else
                {
                    return false;
                }

                if ((seen & bit) != 0)
                    return false; // a repeated element: Firely's to judge
                seen |= bit;
            }

            // The resource type and the status (1..1) are there, and nothing follows the object.
            return reader.TokenType == JsonTokenType.EndObject && !reader.Read() && (seen & 3) == 3;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool ReadItems(ref Utf8JsonReader reader, ImportScratch scratch, int parent)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            return false;
        int count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject || !ReadItem(ref reader, scratch))
                return false;
            count++;
        }

        if (count == 0)
            return false; // FHIR JSON has no empty arrays
        if (parent >= 0)
            scratch.Entries[parent].IsGroup = true;
        return true;
    }

    private static bool ReadItem(ref Utf8JsonReader reader, ImportScratch scratch)
    {
        int index = scratch.EntryCount;
        scratch.AddEntry().Key = -1;
        bool linkId = false, text = false, definition = false, answers = false, items = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueIsEscaped)
                return false;
            if (reader.ValueTextEquals("linkId"u8))
            {
                if (linkId || !ReadString(ref reader, out ReadOnlySpan<byte> value))
                    return false;
                linkId = true;
                ref Entry entry = ref scratch.Entries[index];
                entry.LinkIdStart = (int)reader.TokenStartIndex + 1;
                entry.LinkIdLength = value.Length;
                entry.Key = KeyTable.FindLinkId(value);
            }
            else if (reader.ValueTextEquals("text"u8))
            {
                if (text || !ReadString(ref reader, out _))
                    return false;
                text = true;
            }
            else if (reader.ValueTextEquals("definition"u8))
            {
                if (definition || !ReadString(ref reader, out ReadOnlySpan<byte> uri) || !IsUri(uri))
                    return false;
                definition = true;
            }
            else if (reader.ValueTextEquals("answer"u8))
            {
                if (answers || !ReadAnswers(ref reader, scratch, index))
                    return false;
                answers = true;
            }
            else if (reader.ValueTextEquals("item"u8))
            {
                if (items || !ReadItems(ref reader, scratch, index))
                    return false;
                items = true;
            }
            else
            {
                return false;
            }
        }

        return linkId && reader.TokenType == JsonTokenType.EndObject;
    }

    private static bool ReadAnswers(ref Utf8JsonReader reader, ImportScratch scratch, int owner)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            return false;
        int count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject || !ReadAnswer(ref reader, scratch, owner))
                return false;
            count++;
        }

        return count > 0;
    }

    private static bool ReadAnswer(ref Utf8JsonReader reader, ImportScratch scratch, int owner)
    {
        bool value = false, items = false;
        int properties = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            properties++;
            if (reader.ValueIsEscaped)
                return false;
            if (reader.ValueTextEquals("item"u8))
            {
                if (items || !ReadItems(ref reader, scratch, owner))
                    return false;
                items = true;
                continue;
            }

            if (value)
                return false; // one value[x] per answer
            value = true;
            if (reader.ValueTextEquals("valueCoding"u8))
            {
                ref Answer answer = ref scratch.AddAnswer(owner);
                answer.Kind = AnswerKind.Coding;
                if (!ReadCoding(ref reader, ref answer))
                    return false;
            }
            else if (reader.ValueTextEquals("valueInteger"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.Number || !IsIntegerLiteral(reader.ValueSpan) || !reader.TryGetInt32(out int integer))
                    return false;
                ref Answer answer = ref scratch.AddAnswer(owner);
                answer.Kind = AnswerKind.Integer;
                answer.Integer = integer;
            }
            else if (reader.ValueTextEquals("valueDecimal"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.Number || !reader.TryGetDecimal(out decimal number))
                    return false;
                ref Answer answer = ref scratch.AddAnswer(owner);
                answer.Kind = AnswerKind.Decimal;
                answer.Decimal = number;
            }
            else if (reader.ValueTextEquals("valueString"u8))
            {
                if (!ReadString(ref reader, out _))
                    return false;
                scratch.AddAnswer(owner).Kind = AnswerKind.Other;
            }
            else if (reader.ValueTextEquals("valueBoolean"u8))
            {
                if (!reader.Read() || reader.TokenType is not (JsonTokenType.True or JsonTokenType.False))
                    return false;
                scratch.AddAnswer(owner).Kind = AnswerKind.Other;
            }
            else
            {
                return false;
            }
        }

        return properties > 0 && reader.TokenType == JsonTokenType.EndObject;
    }

    private static bool ReadCoding(ref Utf8JsonReader reader, ref Answer answer) =>
        reader.Read() && reader.TokenType == JsonTokenType.StartObject && ReadCodingBody(ref reader, ref answer);

    private static ReadOnlySpan<byte> AnswerSystemUtf8 => "http://assessments.dev/fhir/CodeSystem/answer"u8;

    /// <summary>Meta: versionId, lastUpdated, source, profile, tag and security, each checked; nothing else.</summary>
    private static bool ReadMeta(ref Utf8JsonReader reader)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            return false;
        int seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueIsEscaped)
                return false;
            int bit;
            if (reader.ValueTextEquals("versionId"u8))
            {
                bit = 1;
                if (!ReadString(ref reader, out ReadOnlySpan<byte> id) || !IsId(id))
                    return false;
            }
            else if (reader.ValueTextEquals("lastUpdated"u8))
            {
                bit = 2;
                if (!ReadString(ref reader, out ReadOnlySpan<byte> instant) || !IsInstant(instant))
                    return false;
            }
            else if (reader.ValueTextEquals("source"u8))
            {
                bit = 4;
                if (!ReadString(ref reader, out ReadOnlySpan<byte> uri) || !IsUri(uri))
                    return false;
            }
            else if (reader.ValueTextEquals("profile"u8))
            {
                bit = 8;
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
                    return false;
                int count = 0;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || !IsCanonical(reader.ValueSpan))
                        return false;
                    count++;
                }

                if (count == 0)
                    return false;
            }
            else if (reader.ValueTextEquals("tag"u8) || reader.ValueTextEquals("security"u8))
            {
                bit = reader.ValueTextEquals("tag"u8) ? 16 : 32;
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
                    return false;
                int count = 0;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType != JsonTokenType.StartObject)
                        return false;
                    Answer ignored = default;
                    // A tag is a Coding: read it with the same checks, starting inside the object.
                    if (!ReadCodingBody(ref reader, ref ignored))
                        return false;
                    count++;
                }

                if (count == 0)
                    return false;
            }
            else
            {
                return false;
            }

            if ((seen & bit) != 0)
                return false;
            seen |= bit;
        }

        return seen != 0 && reader.TokenType == JsonTokenType.EndObject;
    }

    /// <summary>A Coding whose start the reader already stands on: system, code, display, version, userSelected, each
    /// once and checked; the system's kind and the code's range go into <paramref name="answer"/>.</summary>
    private static bool ReadCodingBody(ref Utf8JsonReader reader, ref Answer answer)
    {
        int seen = 0;
        answer.System = SystemKind.None;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueIsEscaped)
                return false;
            int bit;
            if (reader.ValueTextEquals("system"u8))
            {
                bit = 1;
                if (!ReadString(ref reader, out ReadOnlySpan<byte> system) || !IsUri(system))
                    return false;
                answer.System = system.SequenceEqual("http://loinc.org"u8) ? SystemKind.Loinc
                    : system.SequenceEqual(AnswerSystemUtf8) ? SystemKind.Own
                    : SystemKind.Other;
            }
            else if (reader.ValueTextEquals("code"u8))
            {
                bit = 2;
                if (!ReadString(ref reader, out ReadOnlySpan<byte> code) || !IsCode(code))
                    return false;
                answer.CodeStart = (int)reader.TokenStartIndex + 1;
                answer.CodeLength = code.Length;
            }
            else if (reader.ValueTextEquals("display"u8))
            {
                bit = 4;
                if (!ReadString(ref reader, out ReadOnlySpan<byte> display))
                    return false;
                answer.DisplayStart = (int)reader.TokenStartIndex + 1;
                answer.DisplayLength = display.Length;
            }
            else if (reader.ValueTextEquals("version"u8))
            {
                bit = 8;
                if (!ReadString(ref reader, out _))
                    return false;
            }
            else if (reader.ValueTextEquals("userSelected"u8))
            {
                bit = 16;
                if (!reader.Read() || reader.TokenType is not (JsonTokenType.True or JsonTokenType.False))
                    return false;
            }
            else
            {
                return false;
            }

            if ((seen & bit) != 0)
                return false;
            seen |= bit;
        }

        return seen != 0 && reader.TokenType == JsonTokenType.EndObject;
    }

    /// <summary>A Reference with a reference string and a display; nothing else. The reference string is kept.</summary>
    private static bool ReadReference(ref Utf8JsonReader reader, out string? reference)
    {
        reference = null;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            return false;
        int seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueIsEscaped)
                return false;
            bool isReference = reader.ValueTextEquals("reference"u8);
            int bit;
            if (isReference)
                bit = 1;
            else if (reader.ValueTextEquals("display"u8))
                bit = 2;
            else
                return false;
            if ((seen & bit) != 0 || !ReadString(ref reader, out _))
                return false;
            if (isReference)
                reference = reader.GetString();
            seen |= bit;
        }

        return seen != 0 && reader.TokenType == JsonTokenType.EndObject;
    }

    /// <summary>A non-empty, unescaped JSON string (FHIR has no empty strings).</summary>
    private static bool ReadString(ref Utf8JsonReader reader, out ReadOnlySpan<byte> value)
    {
        value = default;
        if (!reader.Read() || reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || reader.ValueSpan.IsEmpty)
            return false;
        value = reader.ValueSpan;
        // No control characters and no whitespace at either end: what FHIR might refuse is Firely's to judge.
        return value.IndexOfAnyInRange((byte)0, (byte)0x1F) < 0 && value[0] != (byte)' ' && value[^1] != (byte)' ';
    }

    private static bool IsIntegerLiteral(ReadOnlySpan<byte> number)
    {
        if (number.Length > 0 && number[0] == (byte)'-')
            number = number[1..];
        return number.Length > 0 && number.IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0;
    }

    /// <summary>FHIR id: [A-Za-z0-9\-\.]{1,64}.</summary>
    private static bool IsId(ReadOnlySpan<byte> id)
    {
        if (id.Length is 0 or > 64)
            return false;
        foreach (byte b in id)
        {
            if (!(char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'.'))
                return false;
        }

        return true;
    }

    /// <summary>A uri or canonical of a shape every URI parser takes: <c>http(s)://host/path</c> with an optional
    /// <c>|version</c> or <c>#fragment</c>, or <c>urn:…</c>; host labels of letters, digits and hyphens, paths of
    /// unreserved characters. Anything else (a port, a percent escape, a comma, a bracket) is left to Firely, whose
    /// rules are those of <see cref="System.Uri"/>.</summary>
    private static bool IsUri(ReadOnlySpan<byte> uri) => IsUri(uri, canonical: false);

    /// <summary>As <see cref="IsUri(ReadOnlySpan{byte})"/>; a canonical may end in <c>|version</c> after its path.</summary>
    private static bool IsCanonical(ReadOnlySpan<byte> uri) => IsUri(uri, canonical: true);

    private static bool IsUri(ReadOnlySpan<byte> uri, bool canonical)
    {
        if (uri.StartsWith("urn:"u8))
        {
            ReadOnlySpan<byte> rest = uri[4..];
            return rest.Length > 0 && rest.IndexOfAnyExcept(UrnChars) < 0;
        }

        int scheme = uri.StartsWith("https://"u8) ? 8 : uri.StartsWith("http://"u8) ? 7 : 0;
        if (scheme == 0)
            return false;
        ReadOnlySpan<byte> rest2 = uri[scheme..];
        int end = rest2.IndexOfAny((byte)'/', (byte)'|', (byte)'#');
        if (end >= 0 && rest2[end] != (byte)'/')
            return false; // a version or fragment straight after the host: Firely's to judge
        ReadOnlySpan<byte> host = end < 0 ? rest2 : rest2[..end];
        if (host.IsEmpty || host[0] is (byte)'.' or (byte)'-' || host[^1] is (byte)'.' or (byte)'-' || host.IndexOf(".."u8) >= 0 || host.IndexOfAnyExcept(HostChars) >= 0)
            return false;
        ReadOnlySpan<byte> tail = end < 0 ? default : rest2[end..];
        int bar = tail.IndexOfAny((byte)'|', (byte)'#');
        ReadOnlySpan<byte> path = bar < 0 ? tail : tail[..bar];
        if (path.IndexOfAnyExcept(PathChars) >= 0)
            return false;
        if (bar < 0)
            return true;
        if (tail[bar] == (byte)'|' && !canonical)
            return false; // '|' belongs to canonicals only
        ReadOnlySpan<byte> suffix = tail[(bar + 1)..];
        return suffix.Length > 0 && suffix.IndexOfAnyExcept(VersionChars) < 0;
    }

    private static readonly System.Buffers.SearchValues<byte> HostChars = System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-"u8);

    private static readonly System.Buffers.SearchValues<byte> PathChars = System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._~-/"u8);

    private static readonly System.Buffers.SearchValues<byte> VersionChars = System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-"u8);

    private static readonly System.Buffers.SearchValues<byte> UrnChars = System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.:-"u8);

    /// <summary>FHIR code: [^\s]+( [^\s]+)*, ASCII only here.</summary>
    private static bool IsCode(ReadOnlySpan<byte> code)
    {
        if (code.Length == 0 || code[0] == (byte)' ' || code[^1] == (byte)' ' || code.IndexOf("  "u8) >= 0)
            return false;
        return code.IndexOfAnyExceptInRange((byte)0x20, (byte)0x7E) < 0;
    }

    /// <summary>FHIR dateTime: YYYY, YYYY-MM, YYYY-MM-DD, or a full time with seconds and a zone.</summary>
    private static bool IsDateTime(ReadOnlySpan<byte> value)
    {
        if (value.Length == 4)
            return Digits(value, 0, 4) && Year(value) >= 1;
        if (value.Length == 7)
            return Digits(value, 0, 4) && value[4] == (byte)'-' && Month(value) is >= 1 and <= 12;
        if (value.Length == 10)
            return IsDate(value);
        return IsInstant(value);
    }

    /// <summary>FHIR instant: YYYY-MM-DDThh:mm:ss(.s+)?(Z|±hh:mm).</summary>
    private static bool IsInstant(ReadOnlySpan<byte> value)
    {
        if (value.Length < 20 || !IsDate(value[..10]) || value[10] != (byte)'T' || !Digits(value, 11, 2) || value[13] != (byte)':' || !Digits(value, 14, 2)
            || value[16] != (byte)':' || !Digits(value, 17, 2))
            return false;
        int hour = Number(value, 11, 2), minute = Number(value, 14, 2), second = Number(value, 17, 2);
        if (hour > 23 || minute > 59 || second > 59)
            return false;
        int i = 19;
        if (value[i] == (byte)'.')
        {
            int start = ++i;
            while (i < value.Length && char.IsAsciiDigit((char)value[i]))
                i++;
            if (i == start || i - start > 7)
                return false;
        }

        ReadOnlySpan<byte> zone = value[i..];
        if (zone.Length == 1)
            return zone[0] == (byte)'Z';
        return zone.Length == 6 && zone[0] is (byte)'+' or (byte)'-' && Digits(zone, 1, 2) && zone[3] == (byte)':' && Digits(zone, 4, 2)
            && Number(zone, 1, 2) <= 14 && Number(zone, 4, 2) <= 59;
    }

    private static bool IsDate(ReadOnlySpan<byte> value)
    {
        if (value.Length != 10 || !Digits(value, 0, 4) || value[4] != (byte)'-' || !Digits(value, 5, 2) || value[7] != (byte)'-' || !Digits(value, 8, 2))
            return false;
        int year = Year(value), month = Month(value), day = Number(value, 8, 2);
        return year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);
    }

    private static int Year(ReadOnlySpan<byte> value) => Number(value, 0, 4);

    private static int Month(ReadOnlySpan<byte> value) => Number(value, 5, 2);

    private static bool Digits(ReadOnlySpan<byte> value, int start, int length) =>
        value.Length >= start + length && value.Slice(start, length).IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0;

    private static int Number(ReadOnlySpan<byte> value, int start, int length)
    {
        int n = 0;
        foreach (byte b in value.Slice(start, length))
            n = (n * 10) + (b - '0');
        return n;
    }
}
