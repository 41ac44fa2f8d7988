using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace Assessments;

/// <summary>The catalogue of built-in instruments: enumerate them or look one up by its stable id.</summary>
/// <remarks>Every instrument is declared once, as data, in its own file (<c>Instruments/Phq9.cs</c>, ...), with
/// its citation and licence status. Ids and cut-offs: docs/clinical-rules.md.</remarks>
public static partial class Instruments
{
    /// <summary>The licence note of instruments whose licence is not determined (MADRS, MADRS-S, CADSS).</summary>
    private const string UndeterminedLicence = "Licence not determined; item names only, no item or anchor text.";

    private static readonly Lazy<ImmutableArray<Instrument>> AllLazy = new(CreateAll);

    private static readonly Lazy<Dictionary<string, Instrument>> ById = new(() =>
    {
        var map = new Dictionary<string, Instrument>(StringComparer.Ordinal);
        foreach (Instrument instrument in AllLazy.Value)
            map.Add(instrument.Id, instrument);
        return map;
    });

    private static ImmutableArray<Instrument> CreateAll() =>
        [Phq9, Phq8, Phq2, Gad7, Madrs, MadrsS, Hamd17, QidsSr16, Epds, BdiII, CesD, CssrsScreen, CssrsSinceLastVisit, Cadss, QidsC16, IdsSr30, Gds15, HamA, BprsPlus, CgiS, CgiI, Pcl5, PromisDep8a, Ymrs, Wsas];

    /// <summary>Every built-in instrument, in a stable order.</summary>
    public static ImmutableArray<Instrument> All => AllLazy.Value;

    /// <summary>Looks up a built-in instrument by its stable id (case-sensitive, such as <c>phq-9</c>).</summary>
    /// <param name="id">The id.</param>
    /// <param name="instrument">The instrument, or null.</param>
    /// <returns>True when the catalogue holds the id.</returns>
    public static bool TryGet(string id, [NotNullWhen(true)] out Instrument? instrument)
    {
        ArgumentNullException.ThrowIfNull(id);
        return ById.Value.TryGetValue(id, out instrument);
    }

    /// <summary>Finds a built-in instrument by an id a person typed: case-insensitive and trimmed (<c>PHQ-9</c> finds
    /// <c>phq-9</c>). Documents name ids exactly (<see cref="TryGet"/>); this is for command lines and forms.</summary>
    /// <param name="text">The id as typed.</param>
    /// <param name="instrument">The instrument, or null.</param>
    /// <returns>True when one instrument has that id, ignoring case.</returns>
    public static bool TryFind(string text, [NotNullWhen(true)] out Instrument? instrument)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryGet(text.Trim().ToLowerInvariant(), out instrument);
    }

    /// <summary>The built-in catalogue as a resolver (one delegate instance, so a cached per-thread reading state can
    /// recognise it): the default of every reader that takes a resolver.</summary>
    internal static readonly Func<string, Instrument?> BuiltIn = id => TryGet(id, out Instrument? instrument) ? instrument : null;

    /// <summary>Scores a response document against the built-in instrument it names.</summary>
    /// <param name="response">The response.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentException">The response names an instrument the catalogue lacks.</exception>
    public static ScoringResult Score(Response response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (!TryGet(response.InstrumentId, out Instrument? instrument))
            throw new ArgumentException($"Unknown instrument '{response.InstrumentId}'.", nameof(response));
        return instrument.Score(response);
    }
}

/// <summary>Helpers that keep the instrument declarations short.</summary>
internal static class Declare
{
    /// <summary>Items scored <paramref name="min"/>..<paramref name="max"/>, keyed first option lowest.</summary>
    public static ImmutableArray<Item> Items(int min, int max, params string[] names) =>
        ItemsWithText(min, max, names, null, null);

    /// <summary>Items named only by number ("item 1", ...), where no name may or can be shipped.</summary>
    public static ImmutableArray<Item> NumberedItems(int count, int min, int max)
    {
        var names = new string[count];
        for (int i = 0; i < count; i++)
            names[i] = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"item {i + 1}");
        return Items(min, max, names);
    }

    public static ImmutableArray<Item> ItemsWithText(int min, int max, string[] names, string[]? texts, string[]? loinc)
    {
        var items = ImmutableArray.CreateBuilder<Item>(names.Length);
        for (int i = 0; i < names.Length; i++)
            items.Add(Item(i + 1, names[i], min, max, reversed: false, text: texts?[i], loinc: loinc?[i]));
        return items.MoveToImmutable();
    }

    public static Item Item(int number, string name, int min, int max, bool reversed = false, string? text = null, string? loinc = null, ItemCondition? askedWhen = null, int? notAssessed = null, bool notAssessedIsMissing = false, string? notAssessedLabel = null)
    {
        var scores = ImmutableArray.CreateBuilder<int>(max - min + 1);
        for (int s = min; s <= max; s++)
            scores.Add(reversed ? max - (s - min) : s);
        return new Item(number, name, min, max, scores.MoveToImmutable(), default, notAssessed, askedWhen, text, loinc, notAssessedIsMissing, notAssessedLabel);
    }

    /// <summary>Subscales by id and 1-based items.</summary>
    public static ImmutableArray<Subscale> Subscales(params (string Id, int[] Items)[] subscales) =>
        [.. System.Linq.Enumerable.Select(subscales, s => new Subscale(s.Id, [.. s.Items]))];

    /// <summary>A yes/no item: 0 = no, 1 = yes (labels <c>no</c> and <c>yes</c> accepted).</summary>
    public static Item YesNo(int number, string name, ItemCondition? askedWhen = null, string? loinc = null) =>
        new(number, name, 0, 1, [0, 1], ["no", "yes"], null, askedWhen, null, loinc);

    public static SeverityBand Band(string id, string label, int min, int max) => new(id, label, min, max);

    public static ImmutableArray<BandSetSpec> Bands(string id, string citation, params SeverityBand[] bands) =>
        [new BandSetSpec(id, citation, [.. bands])];
}
