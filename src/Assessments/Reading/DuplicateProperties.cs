using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace Assessments.Reading;

/// <summary>Finds a property stated twice in one object anywhere in a JSON document. System.Text.Json's
/// deserializer takes the last one; a clinical document that states a field twice is malformed instead.</summary>
internal static class DuplicateProperties
{
    /// <summary>The name of the first repeated property, or null when none repeats (or the JSON is not well formed:
    /// the deserializer reports that).</summary>
    public static string? Find(ReadOnlySpan<byte> json)
    {
        // An absent part (a course without "options") is an empty slice: nothing repeats in it, and reading it would
        // throw and catch an exception per course (8 % of a cohort's time, measured).
        if (json.IsEmpty)
            return null;
        // A name is a slice of the document (no copy), or its unescaped bytes when it was written with escapes.
        var names = new List<(int Start, int Length, byte[]? Unescaped)>();
        var starts = new Stack<int>();
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        starts.Push(names.Count);
                        break;
                    case JsonTokenType.EndObject:
                        names.RemoveRange(starts.Peek(), names.Count - starts.Peek());
                        starts.Pop();
                        break;
                    case JsonTokenType.PropertyName:
                    {
                        byte[]? unescaped = reader.ValueIsEscaped ? Encoding.UTF8.GetBytes(reader.GetString() ?? string.Empty) : null;
                        int start = (int)reader.TokenStartIndex + 1;
                        ReadOnlySpan<byte> name = unescaped ?? json.Slice(start, reader.ValueSpan.Length);
                        for (int i = starts.Peek(); i < names.Count; i++)
                        {
                            ReadOnlySpan<byte> other = names[i].Unescaped ?? json.Slice(names[i].Start, names[i].Length);
                            if (other.SequenceEqual(name))
                                return Encoding.UTF8.GetString(name);
                        }

                        names.Add((start, name.Length, unescaped));
                        break;
                    }
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;
        }

        return null;
    }
}
