using System;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace Assessments;

/// <summary>How a reader found one item, before any rule is applied.</summary>
/// <remarks>The default, <see cref="Blank"/>, claims nothing: an item a reader never reached is blank, never answered.</remarks>
public enum RawItemState : byte
{
    /// <summary>Nothing was given (<c>null</c>, <c>-</c>, no answer).</summary>
    Blank = 0,

    /// <summary>An integer was given: an item score or an option position, as the scoring options say.</summary>
    Answered = 1,

    /// <summary>Something was given that the reader could not turn into a value (text that is no label of the item,
    /// <c>1.5</c>, <c>true</c>, an unknown answer code, two answers). It is never read as blank.</summary>
    Unreadable = 2,

    /// <summary>The source says the item was not presented. The evaluation treats it as blank and decides from the
    /// instrument's own skip logic whether it should have been asked (a safety item that should have been asked is
    /// still <c>safety-item-unanswered</c>).</summary>
    NotAsked = 3,
}

/// <summary>One item of a <see cref="RawResponse"/>: its state, and its value when answered.</summary>
public readonly struct RawItem : IEquatable<RawItem>
{
    private RawItem(RawItemState state, int value)
    {
        State = state;
        Value = value;
    }

    /// <summary>An unanswered item (also <c>default(RawItem)</c>).</summary>
    public static RawItem Blank => default;

    /// <summary>An item the reader could not read.</summary>
    public static RawItem Unreadable => new(RawItemState.Unreadable, 0);

    /// <summary>An item the source says was not presented.</summary>
    public static RawItem NotAsked => new(RawItemState.NotAsked, 0);

    /// <summary>How the item arrived.</summary>
    public RawItemState State { get; }

    /// <summary>The value given, when <see cref="State"/> is <see cref="RawItemState.Answered"/>; else 0.</summary>
    public int Value { get; }

    /// <summary>An answered item.</summary>
    /// <param name="value">The item score or option position given (any integer: the evaluation checks the range).</param>
    /// <returns>The item.</returns>
    public static RawItem Answer(int value) => new(RawItemState.Answered, value);

    /// <summary>An answered item for a value, a blank one for null.</summary>
    /// <param name="value">The value, or null.</param>
    /// <returns>The item.</returns>
    public static RawItem From(int? value) => value is int v ? Answer(v) : Blank;

    /// <inheritdoc />
    public bool Equals(RawItem other) => State == other.State && Value == other.Value;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is RawItem other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(State, Value);

    /// <inheritdoc />
    public override string ToString() => State == RawItemState.Answered ? Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : State.ToString();

    /// <summary>Equality.</summary>
    /// <param name="left">One.</param>
    /// <param name="right">The other.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(RawItem left, RawItem right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    /// <param name="left">One.</param>
    /// <param name="right">The other.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(RawItem left, RawItem right) => !left.Equals(right);
}

/// <summary>What a reader made of one response: the instrument, each item's value or state, and the faults the reader
/// met. Nothing is decided here; <see cref="Evaluate"/> is the one place that decides totals, bands, errors and every
/// safety flag (docs/architecture.md).</summary>
/// <remarks>
/// Immutable. A reader of its own (a form, a device, an EHR export) builds one of these and evaluates it, and gets the
/// same result as every built-in reader: an item it cannot read is <see cref="RawItemState.Unreadable"/>, never
/// dropped, so the flags of the items it could read are always raised. The number of items may differ from the
/// instrument's: the evaluation then reports <c>item-count</c> and raises <c>safety-item-unanswered</c> for every
/// safety item.
/// </remarks>
public sealed class RawResponse
{
    /// <summary>Creates a raw response.</summary>
    /// <param name="instrument">The instrument the reader identified.</param>
    /// <param name="items">One entry per item the source held, in item order.</param>
    /// <param name="id">The caller's reference, echoed in the result.</param>
    /// <param name="readerErrors">Faults the reader met, each with its own code and, where it can say, its item (an
    /// unknown answer code, two answers to one item). They make the response invalid and never hide a flag. Null for
    /// none.</param>
    public RawResponse(Instrument instrument, IEnumerable<RawItem> items, string? id = null, IEnumerable<ScoringError>? readerErrors = null)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(items);
        Instrument = instrument;
        Items = [.. items];
        Id = id;
        ReaderErrors = readerErrors is null ? ImmutableArray<ScoringError>.Empty : [.. readerErrors];
        foreach (ScoringError error in ReaderErrors)
            ArgumentNullException.ThrowIfNull(error, nameof(readerErrors));
    }

    /// <summary>A raw response from nullable values: an integer is answered, null is blank.</summary>
    /// <param name="instrument">The instrument.</param>
    /// <param name="values">One value per item.</param>
    /// <param name="id">The caller's reference.</param>
    /// <returns>The raw response.</returns>
    public static RawResponse FromValues(Instrument instrument, IReadOnlyList<int?> values, string? id = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        var items = new RawItem[values.Count];
        for (int i = 0; i < items.Length; i++)
            items[i] = RawItem.From(values[i]);
        return new RawResponse(instrument, items, id);
    }

    /// <summary>The instrument.</summary>
    public Instrument Instrument { get; }

    /// <summary>Each item as the reader found it.</summary>
    public ImmutableArray<RawItem> Items { get; }

    /// <summary>The caller's reference, or null.</summary>
    public string? Id { get; }

    /// <summary>Faults the reader met; empty when none.</summary>
    public ImmutableArray<ScoringError> ReaderErrors { get; }

    /// <summary>Evaluates the response: the same evaluation every reader and path of the library uses.</summary>
    /// <param name="options">How to read the values and score; null for the defaults.</param>
    /// <returns>The score, or every coded error (the reader's first, in item order, then the evaluation's); every
    /// safety flag either way.</returns>
    /// <exception cref="ArgumentException"><paramref name="options"/> names a band set the instrument lacks.</exception>
    public ScoringResult Evaluate(ScoringOptions? options = null) =>
        Instrument.Evaluate(Items.AsSpan(), options, Id, ReaderErrors);
}
