using System;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace Assessments;

/// <summary>A response document: the values given for one instrument, with how to read them.</summary>
/// <remarks>The library's wire format for a response:
/// <c>{ "id": "visit-0142", "instrument": "phq-9", "items": [1, 2, null], "positions": false, "prorate": false }</c>.</remarks>
[System.Text.Json.Serialization.JsonConverter(typeof(Serialization.ResponseJsonConverter))]
public sealed class Response : IEquatable<Response>
{
    /// <summary>Creates a response.</summary>
    /// <param name="instrumentId">The instrument's stable id.</param>
    /// <param name="items">One value per item in item order; null for an unanswered or not-asked item.</param>
    /// <param name="options">How to read and score the values; null for the defaults.</param>
    /// <param name="id">An optional caller reference, echoed in the result.</param>
    public Response(string instrumentId, IEnumerable<int?> items, ScoringOptions? options = null, string? id = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instrumentId);
        ArgumentNullException.ThrowIfNull(items);
        InstrumentId = instrumentId;
        Items = items.ToImmutableArray();
        Options = options ?? ScoringOptions.Default;
        Id = id;
    }

    /// <summary>The caller's reference, or null.</summary>
    public string? Id { get; }

    /// <summary>The instrument's stable id.</summary>
    public string InstrumentId { get; }

    /// <summary>One value per item; null for unanswered or not asked.</summary>
    public ImmutableArray<int?> Items { get; }

    /// <summary>How to read and score the values.</summary>
    public ScoringOptions Options { get; }

    /// <inheritdoc />
    public bool Equals(Response? other)
    {
        if (other is null || Id != other.Id || InstrumentId != other.InstrumentId || Options != other.Options || Items.Length != other.Items.Length)
            return false;
        for (int i = 0; i < Items.Length; i++)
        {
            if (Items[i] != other.Items[i])
                return false;
        }

        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Response);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, InstrumentId, Options, Items.Length);
}
