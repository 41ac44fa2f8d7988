using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Assessments.Fhir;

/// <summary>What a key (the last segment of a linkId, or a Questionnaire item code) means to one instrument.</summary>
internal enum KeyKind : byte
{
    Item,
    Total,
    Panel,
    Difficulty,
    RiskLevel,
}

/// <summary>One meaning of a key: an item (by index), the total, the panel, the unscored difficulty item, or the
/// stated risk level.</summary>
internal readonly record struct KeyMeaning(Instrument Instrument, KeyKind Kind, int ItemIndex);

/// <summary>
/// Every key the importer knows, built once from the catalogue: LOINC item, total and panel codes, this project's
/// linkIds (<c>{id}-{n}</c>, <c>{id}-total</c>), difficulty items and risk-level codes. A key may mean several things (PHQ-2's
/// items are PHQ-9's first two). Looked up by string (the Firely path) or by UTF-8 bytes (the fast path), allocating
/// nothing.
/// </summary>
internal static class KeyTable
{
    private static readonly Dictionary<string, int> ByString = new(StringComparer.Ordinal);
    private static readonly List<KeyMeaning[]> MeaningsById = [];
    private static readonly List<byte[]> Utf8ById = [];
    private static readonly int[] Buckets;

    static KeyTable()
    {
        var meanings = new Dictionary<string, List<KeyMeaning>>(StringComparer.Ordinal);
        void Add(string key, KeyMeaning meaning)
        {
            if (!meanings.TryGetValue(key, out List<KeyMeaning>? list))
                meanings[key] = list = [];
            list.Add(meaning);
        }

        foreach (Instrument instrument in Instruments.All)
        {
            for (int i = 0; i < instrument.Items.Length; i++)
            {
                Item item = instrument.Items[i];
                if (item.LoincCode is string loinc)
                    Add(loinc, new KeyMeaning(instrument, KeyKind.Item, i));
                string own = string.Create(CultureInfo.InvariantCulture, $"{instrument.Id}-{item.Number}");
                if (own != item.LoincCode)
                    Add(own, new KeyMeaning(instrument, KeyKind.Item, i));
            }

            if (instrument.HasTotal)
            {
                Add(FhirCodes.TotalLinkId(instrument), new KeyMeaning(instrument, KeyKind.Total, -1));
                if (instrument.LoincTotal is not null)
                    Add($"{instrument.Id}-total", new KeyMeaning(instrument, KeyKind.Total, -1));
            }

            if (instrument.LoincRiskLevel is string risk)
            {
                Add(risk, new KeyMeaning(instrument, KeyKind.RiskLevel, -1));
                Add($"{instrument.Id}-risk-level", new KeyMeaning(instrument, KeyKind.RiskLevel, -1));
            }

            if (instrument.LoincPanel is string panel)
                Add(panel, new KeyMeaning(instrument, KeyKind.Panel, -1));
            if (instrument.LoincDifficultyItem is string difficulty)
                Add(difficulty, new KeyMeaning(instrument, KeyKind.Difficulty, -1));
        }

        foreach ((string key, List<KeyMeaning> list) in meanings)
        {
            ByString[key] = MeaningsById.Count;
            MeaningsById.Add([.. list]);
            Utf8ById.Add(Encoding.UTF8.GetBytes(key));
        }

        // Open addressing over a power-of-two table, at most half full.
        int size = 1;
        while (size < Utf8ById.Count * 2)
            size <<= 1;
        Buckets = new int[size];
        Buckets.AsSpan().Fill(-1);
        for (int id = 0; id < Utf8ById.Count; id++)
        {
            int slot = (int)(Hash(Utf8ById[id]) & (uint)(size - 1));
            while (Buckets[slot] >= 0)
                slot = (slot + 1) & (size - 1);
            Buckets[slot] = id;
        }
    }

    public static KeyMeaning[] Meanings(int id) => MeaningsById[id];

    /// <summary>The key of a linkId: its last path segment (<c>/44249-1/44250-9</c> → <c>44250-9</c>).</summary>
    public static int FindLinkId(string linkId)
    {
        string trimmed = linkId.TrimEnd('/');
        int slash = trimmed.LastIndexOf('/');
        return Find(slash < 0 ? trimmed : trimmed[(slash + 1)..]);
    }

    public static int Find(string key) => ByString.TryGetValue(key, out int id) ? id : -1;

    /// <summary>As <see cref="FindLinkId(string)"/>, for the linkId's UTF-8 bytes.</summary>
    public static int FindLinkId(ReadOnlySpan<byte> linkId)
    {
        while (linkId.Length > 0 && linkId[^1] == (byte)'/')
            linkId = linkId[..^1];
        int slash = linkId.LastIndexOf((byte)'/');
        ReadOnlySpan<byte> key = slash < 0 ? linkId : linkId[(slash + 1)..];
        int mask = Buckets.Length - 1;
        int slot = (int)(Hash(key) & (uint)mask);
        while (Buckets[slot] is int id and >= 0)
        {
            if (key.SequenceEqual(Utf8ById[id]))
                return id;
            slot = (slot + 1) & mask;
        }

        return -1;
    }

    private static uint Hash(ReadOnlySpan<byte> key)
    {
        uint hash = 2166136261;
        foreach (byte b in key)
            hash = unchecked((hash ^ b) * 16777619);
        return hash;
    }
}

/// <summary>What kind of value an answer holds.</summary>
internal enum AnswerKind : byte
{
    Coding,
    Integer,
    Decimal,
    Other,
}

/// <summary>Which code system a coding names.</summary>
internal enum SystemKind : byte
{
    None,
    Loinc,
    Own,
    Other,
}

/// <summary>One answer, as scoring needs it. The code is a string (Firely path) or a range of the document (fast path).</summary>
internal struct Answer
{
    /// <summary>The index of the entry (item) the answer belongs to.</summary>
    public int Owner;
    public AnswerKind Kind;
    public SystemKind System;
    public int Integer;
    public decimal Decimal;
    public string? Code;
    public int CodeStart;
    public int CodeLength;
    public string? Display;
    public int DisplayStart;
    public int DisplayLength;
}

/// <summary>One item of the response: its key, its linkId (for messages), and its answers.</summary>
internal struct Entry
{
    public int Key;
    public string? LinkId;
    public int LinkIdStart;
    public int LinkIdLength;

    /// <summary>The item holds other items (its own or its answers'): a group needs no key of its own.</summary>
    public bool IsGroup;

    /// <summary>How many answers the item has, and the index of its first (kept as answers are added: no search).</summary>
    public int AnswerCount;
    public int FirstAnswer;
}

/// <summary>A response read into plain arrays, reused call after call on one thread.</summary>
internal sealed class ImportScratch
{
    [ThreadStatic]
    private static ImportScratch? t_current;

    public Entry[] Entries = new Entry[32];
    public Answer[] Answers = new Answer[32];
    public int EntryCount;
    public int AnswerCount;
    public string? Questionnaire;
    public string? Authored;
    public string? Subject;
    public string? Id;
    public RawItem[] Items = new RawItem[Limits.MaxItems];
    public bool[] Filled = new bool[Limits.MaxItems];

    public static ImportScratch Rent()
    {
        ImportScratch scratch = t_current ??= new ImportScratch();
        scratch.EntryCount = scratch.AnswerCount = 0;
        scratch.Questionnaire = null;
        scratch.Authored = null;
        scratch.Subject = null;
        scratch.Id = null;
        return scratch;
    }

    public ref Entry AddEntry()
    {
        if (EntryCount == Entries.Length)
            Array.Resize(ref Entries, Entries.Length * 2);
        ref Entry entry = ref Entries[EntryCount++];
        entry = default;
        return ref entry;
    }

    public ref Answer AddAnswer(int owner)
    {
        if (AnswerCount == Answers.Length)
            Array.Resize(ref Answers, Answers.Length * 2);
        ref Entry entry = ref Entries[owner];
        if (entry.AnswerCount++ == 0)
            entry.FirstAnswer = AnswerCount;
        ref Answer answer = ref Answers[AnswerCount++];
        answer = default;
        answer.Owner = owner;
        return ref answer;
    }
}
