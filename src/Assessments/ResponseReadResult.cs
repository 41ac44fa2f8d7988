using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace Assessments;

/// <summary>The outcome of reading a response document: a response, or coded errors.</summary>
public sealed class ResponseReadResult
{
    internal ResponseReadResult(string? id, string? instrumentId, Instrument? instrument, Response? response, ImmutableArray<ScoringError> errors, ImmutableArray<SafetyFlag> flags)
    {
        Flags = flags.IsDefault ? ImmutableArray<SafetyFlag>.Empty : flags;
        Id = id;
        InstrumentId = instrumentId;
        Instrument = instrument;
        Response = response;
        Errors = errors;
    }

    /// <summary>The caller's reference, when the document had one.</summary>
    public string? Id { get; }

    /// <summary>The instrument id the document names, when it names one.</summary>
    public string? InstrumentId { get; }

    /// <summary>The instrument, when the id resolved.</summary>
    public Instrument? Instrument { get; }

    /// <summary>The response, or null when the document could not be read.</summary>
    public Response? Response { get; }

    /// <summary>Why the document could not be read: <c>malformed-document</c>, <c>unknown-instrument</c> or
    /// <c>item-not-a-number</c> errors; empty on success.</summary>
    public ImmutableArray<ScoringError> Errors { get; }

    /// <summary>The safety flags of a document that could not be read: each readable safety item at or above its
    /// threshold, and <c>safety-item-unanswered</c> for each one without a valid value. Empty on success (scoring the
    /// response gives its flags).</summary>
    public ImmutableArray<SafetyFlag> Flags { get; }

    /// <summary>Whether a response was read.</summary>
    [MemberNotNullWhen(true, nameof(Response), nameof(Instrument))]
    public bool IsSuccess => Response is not null && Instrument is not null;

    internal static ResponseReadResult Failed(string? id, string? instrumentId, string code, string message, ImmutableArray<SafetyFlag> flags) =>
        new(id, instrumentId, null, null, [new ScoringError(code, null, message)], flags);
}
