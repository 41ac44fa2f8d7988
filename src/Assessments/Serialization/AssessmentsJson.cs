using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using Assessments.Scoring;

namespace Assessments.Serialization;

/// <summary>Reads and writes the library's JSON wire format (System.Text.Json, source-generated, reflection-free).</summary>
/// <remarks>
/// A response: <c>{ "id": "visit-0142", "instrument": "phq-9", "items": [1, 2, null], "positions": true, "prorate": true }</c>.
/// A result: the <c>score</c> JSON of the <c>assess</c> CLI. Ids, never enum ordinals. Malformed input comes back
/// as coded errors, never as an exception, and messages never repeat patient values.
/// </remarks>
public static class AssessmentsJson
{
    /// <summary>Reads a response document; instrument ids resolve against the built-in catalogue.</summary>
    /// <param name="json">The document.</param>
    /// <returns>The response, or coded errors.</returns>
    public static ResponseReadResult ReadResponse(string json) => ReadResponse(json, null);

    /// <summary>Reads a response document, resolving instrument ids with <paramref name="resolve"/>.</summary>
    /// <param name="json">The document.</param>
    /// <param name="resolve">Finds an instrument by id (null when unknown); null for the built-in catalogue.</param>
    /// <returns>The response, or coded errors with every safety flag that can still be told.</returns>
    public static ResponseReadResult ReadResponse(string json, Func<string, Instrument?>? resolve)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json.Length > Limits.MaxDocumentBytes)
            return ResponseReadResult.Failed(null, null, ErrorCodes.DocumentTooLarge, TooLarge, ImmutableArray<SafetyFlag>.Empty);
        return ReadResponse(System.Text.Encoding.UTF8.GetBytes(json), resolve);
    }

    /// <summary>Reads a response document from UTF-8 bytes.</summary>
    /// <param name="utf8Json">The document.</param>
    /// <param name="resolve">Finds an instrument by id; null for the built-in catalogue.</param>
    /// <returns>The response, or coded errors with every safety flag that can still be told.</returns>
    public static ResponseReadResult ReadResponse(ReadOnlySpan<byte> utf8Json, Func<string, Instrument?>? resolve)
    {
        resolve ??= ResolveBuiltIn;
        ReaderScratch scratch = RentScratch();
        try
        {
            ParsedDocument doc = ResponseReader.Parse(utf8Json, scratch, resolve);
            string? id = doc.ErrorCode == ErrorCodes.DocumentTooLarge ? null : ResponseReader.IdOf(utf8Json, doc);
            if (doc.ErrorCode is string code)
            {
                ImmutableArray<SafetyFlag> salvaged = code is ErrorCodes.UnknownInstrument or ErrorCodes.DocumentTooLarge
                    ? ImmutableArray<SafetyFlag>.Empty
                    : ResponseReader.SalvageFlags(utf8Json, resolve);
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

    /// <summary>Reads a response given as text tokens (a command line, a form): integers, <c>-</c> for unanswered, or
    /// option labels such as <c>1a</c> and <c>yes</c>.</summary>
    /// <param name="instrument">The instrument.</param>
    /// <param name="tokens">One token per item, in item order.</param>
    /// <param name="options">How to read and score the values; null for the defaults.</param>
    /// <param name="id">An optional caller reference.</param>
    /// <returns>The response, or every coded error (<c>item-not-a-number</c> naming each unreadable item) with the
    /// safety flags the readable values raise.</returns>
    public static ResponseReadResult ReadTokens(Instrument instrument, IReadOnlyList<string> tokens, ScoringOptions? options = null, string? id = null)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(tokens);
        options ??= ScoringOptions.Default;
        int stored = Math.Min(tokens.Count, Limits.MaxItems);
        var values = new int[stored];
        var states = new ValueState[stored];
        for (int i = 0; i < stored; i++)
        {
            string token = tokens[i] ?? string.Empty;
            bool ok = i < instrument.Items.Length
                ? instrument.Items[i].TryParseValue(token, options.Values, out int? value)
                : TryParseLoose(token, out value);
            states[i] = !ok ? ValueState.Unreadable : value is null ? ValueState.Blank : ValueState.Answered;
            values[i] = value ?? 0;
        }

        return FromValues(instrument, values, states, tokens.Count, options, id);
    }

    private static bool TryParseLoose(string token, out int? value)
    {
        value = null;
        string t = token.Trim();
        if (t.Length == 0 || t == "-")
            return true;
        if (!int.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int number))
            return false;
        value = number;
        return true;
    }

    /// <summary>A response when every value is readable and the count fits; else the kernel's errors and flags.</summary>
    private static ResponseReadResult FromValues(Instrument instrument, int[] values, ValueState[] states, int count, ScoringOptions options, string? id)
    {
        int stored = Math.Min(count, values.Length);
        bool readable = count <= Limits.MaxItems;
        for (int i = 0; i < stored && readable; i++)
            readable = states[i] != ValueState.Unreadable;
        if (readable)
        {
            var items = new int?[stored];
            for (int i = 0; i < stored; i++)
                items[i] = states[i] == ValueState.Answered ? values[i] : null;
            return new ResponseReadResult(id, instrument.Id, instrument, new Response(instrument.Id, items, options, id), ImmutableArray<ScoringError>.Empty, ImmutableArray<SafetyFlag>.Empty);
        }

        Span<ItemOutcome> outcomes = stackalloc ItemOutcome[instrument.Items.Length];
        KernelSummary summary = count == instrument.Items.Length
            ? ScoringKernel.Run(instrument.Plan, values.AsSpan(0, stored), states.AsSpan(0, stored), options.Values, options.Prorate, outcomes)
            : KernelSummary.CountMismatch;
        var collector = new FlagCollector(instrument.Caches);
        ScoringKernel.EmitFlags(instrument.Plan, outcomes, summary, ref collector);
        ImmutableArray<ScoringError> errors = Projections.Errors(instrument.Plan, outcomes, summary, count, options.Values);
        return new ResponseReadResult(id, instrument.Id, instrument, null, errors, collector.Flags);
    }

    /// <summary>Scores item values held as JSON elements (a course assessment's <c>items</c>): integers, null, option
    /// labels; anything else is <c>item-not-a-number</c>, and the kernel still raises every flag it can.</summary>
    internal static ScoringResult ScoreElements(Instrument instrument, List<JsonElement> items, ScoringOptions options)
    {
        int stored = Math.Min(items.Count, Limits.MaxItems);
        Span<int> values = stackalloc int[stored];
        Span<ValueState> states = stackalloc ValueState[stored];
        for (int i = 0; i < stored; i++)
        {
            JsonElement element = items[i];
            int? value = null;
            bool ok = element.ValueKind switch
            {
                JsonValueKind.Null => true,
                JsonValueKind.Number => element.TryGetInt32(out int number) && (value = number) is not null,
                JsonValueKind.String => i < instrument.Items.Length && TryLabel(instrument.Items[i], element, options.Values, out value),
                _ => false,
            };
            states[i] = !ok ? ValueState.Unreadable : value is null ? ValueState.Blank : ValueState.Answered;
            values[i] = value ?? 0;
        }

        if (items.Count > Limits.MaxItems)
            return instrument.ScoreCore(new int[items.Count], default, options, instrument.ResolveBandSet(options), null);
        return instrument.ScoreCore(values, states, options, instrument.ResolveBandSet(options), null);
    }

    private static bool TryLabel(Item item, JsonElement element, ResponseValueKind kind, out int? value)
    {
        value = null;
        try
        {
            return item.TryParseValue(element.GetString() ?? string.Empty, kind, out value);
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private const string TooLarge = "The document is larger than the limit for one response document.";

    [ThreadStatic]
    private static ReaderScratch? t_scratch;

    private static ReaderScratch RentScratch()
    {
        ReaderScratch? scratch = t_scratch;
        t_scratch = null;
        return scratch ?? new ReaderScratch();
    }

    private static void ReturnScratch(ReaderScratch scratch) => t_scratch = scratch;

    /// <summary>Writes a response document.</summary>
    /// <param name="response">The response.</param>
    /// <returns>The JSON, one line.</returns>
    public static string WriteResponse(Response response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JsonContexts.Wire.Options.Encoder }))
        {
            writer.WriteStartObject();
            if (response.Id is not null)
                writer.WriteString("id"u8, response.Id);
            writer.WriteString("instrument"u8, response.InstrumentId);
            writer.WriteStartArray("items"u8);
            foreach (int? value in response.Items)
            {
                if (value is int v)
                    writer.WriteNumberValue(v);
                else
                    writer.WriteNullValue();
            }

            writer.WriteEndArray();
            if (response.Options.Values == ResponseValueKind.OptionPositions)
                writer.WriteBoolean("positions"u8, true);
            if (response.Options.Prorate)
                writer.WriteBoolean("prorate"u8, true);
            if (response.Options.BandSet is not null)
                writer.WriteString("bandSet"u8, response.Options.BandSet);
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes a scoring result: the score, or the errors and flags of an invalid response.</summary>
    /// <param name="result">The result.</param>
    /// <returns>The JSON, one line.</returns>
    public static string WriteResult(ScoringResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Score is { } score
            ? JsonSerializer.Serialize(ToDto(result, score), JsonContexts.Wire.ResultDto)
            : JsonSerializer.Serialize(ToInvalidDto(result), JsonContexts.Wire.InvalidResultDto);
    }

    /// <summary>Writes the coded errors of a document that could not be read (the batch line of an unreadable document).</summary>
    /// <param name="read">The failed read.</param>
    /// <returns>The JSON, one line: id, instrument (or null), errors, and the safety flags that could still be told.</returns>
    public static string WriteReadErrors(ResponseReadResult read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var dto = new InvalidResultDto { Id = read.Id, Instrument = read.InstrumentId, Flags = ToDtos(read.Flags) };
        foreach (ScoringError error in read.Errors)
            dto.Errors.Add(new ErrorDto { Code = error.Code, Item = error.ItemNumber, Message = error.Message });
        return JsonSerializer.Serialize(dto, JsonContexts.Wire.InvalidResultDto);
    }

    /// <summary>Reads a result written by <see cref="WriteResult"/> back, to audit a stored score.</summary>
    /// <param name="json">The result JSON.</param>
    /// <param name="result">The result, or null.</param>
    /// <param name="error">Why it could not be read, or null.</param>
    /// <param name="resolve">Finds an instrument by id; null for the built-in catalogue.</param>
    /// <returns>True when the JSON is a result of a known instrument.</returns>
    public static bool TryReadResult(string json, [NotNullWhen(true)] out ScoringResult? result, out string? error, Func<string, Instrument?>? resolve = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        resolve ??= ResolveBuiltIn;
        result = null;
        try
        {
            ResultProbeDto? probe = JsonSerializer.Deserialize(json, JsonContexts.Wire.ResultProbeDto);
            if (probe?.Errors is not null)
            {
                InvalidResultDto? invalid = JsonSerializer.Deserialize(json, JsonContexts.Wire.InvalidResultDto);
                Instrument? instrument = invalid?.Instrument is string id ? resolve(id) : null;
                if (invalid is null || instrument is null)
                    return Fail("the result names no known instrument.", out error);
                var errors = ImmutableArray.CreateBuilder<ScoringError>();
                foreach (ErrorDto? e in invalid.Errors ?? [])
                    errors.Add(e is null ? throw new JsonException("An error is null.") : new ScoringError(e.Code, e.Item, e.Message));
                result = new ScoringResult(instrument, invalid.Id, errors.ToImmutable(), FromDtos(invalid.Flags));
                error = null;
                return true;
            }

            ResultDto? dto = JsonSerializer.Deserialize(json, JsonContexts.Wire.ResultDto);
            Instrument? scored = dto?.Instrument is string sid ? resolve(sid) : null;
            if (dto is null || scored is null)
                return Fail("the result names no known instrument.", out error);
            return TryFromDto(dto, scored, out result, out error);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            return Fail("the result is not valid result JSON.", out error);
        }
    }

    internal static Instrument? ResolveBuiltIn(string id) => Instruments.TryGet(id, out Instrument? instrument) ? instrument : null;

    private static bool Fail(string message, out string? error)
    {
        error = message;
        return false;
    }

    private static ResultDto ToDto(ScoringResult result, AssessmentScore score) => new()
    {
        Id = result.ResponseId,
        Instrument = score.InstrumentId,
        RulesVersion = score.RulesVersion,
        Total = score.TotalOrNull,
        MaxTotal = score.MaxTotal,
        Band = score.Band is { } band ? new BandDto { Id = band.Id, Label = band.Label } : null,
        BandSet = score.BandSetId,
        Prorated = score.Prorated,
        Flags = ToDtos(score.Flags),
        SafetyScreen = WireIds.ToWireId(score.SafetyScreen),
        RiskLevel = score.RiskLevel is RiskLevel level ? WireIds.ToWireId(level) : null,
        Provenance = score.Provenance,
        Notes = score.Notes.IsEmpty ? null : [.. score.Notes],
        ItemScores = [.. score.ItemScores],
    };

    private static InvalidResultDto ToInvalidDto(ScoringResult result)
    {
        var dto = new InvalidResultDto { Id = result.ResponseId, Instrument = result.Instrument.Id, Flags = ToDtos(result.Flags) };
        foreach (ScoringError error in result.Errors)
            dto.Errors.Add(new ErrorDto { Code = error.Code, Item = error.ItemNumber, Message = error.Message });
        return dto;
    }

    internal static List<FlagDto> ToDtos(ImmutableArray<SafetyFlag> flags)
    {
        var list = new List<FlagDto>(flags.Length);
        foreach (SafetyFlag flag in flags)
        {
            list.Add(new FlagDto
            {
                Id = flag.Id,
                Item = flag.ItemNumber,
                Value = flag.Value,
                RiskLevel = flag.RiskLevel is RiskLevel level ? WireIds.ToWireId(level) : null,
                Priority = flag.Priority is FlagPriority priority ? WireIds.ToWireId(priority) : null,
            });
        }

        return list;
    }

    private static ImmutableArray<SafetyFlag> FromDtos(List<FlagDto>? flags)
    {
        if (flags is null)
            return ImmutableArray<SafetyFlag>.Empty;
        var builder = ImmutableArray.CreateBuilder<SafetyFlag>(flags.Count);
        foreach (FlagDto? flag in flags)
        {
            if (flag is null)
                throw new JsonException("A flag is null.");
            RiskLevel? level = WireIds.TryParse(flag.RiskLevel, out RiskLevel l) ? l : null;
            FlagPriority? priority = WireIds.TryParse(flag.Priority, out FlagPriority p) ? p : null;
            builder.Add(new SafetyFlag(flag.Id, flag.Item, flag.Value, level, priority));
        }

        return builder.MoveToImmutable();
    }

    private static bool TryFromDto(ResultDto dto, Instrument instrument, [NotNullWhen(true)] out ScoringResult? result, out string? error)
    {
        result = null;
        SeverityBand? band = null;
        if (dto.BandSet is not null)
        {
            if (!instrument.TryGetBandSet(dto.BandSet, out BandSet? set))
                return Fail("the result names an unknown band set.", out error);
            foreach (SeverityBand b in set.Bands)
            {
                if (b.Id == dto.Band?.Id)
                    band = b;
            }

            if (band is null)
                return Fail("the result names an unknown band.", out error);
        }

        RiskLevel? risk = WireIds.TryParse(dto.RiskLevel, out RiskLevel level) ? level : null;
        ImmutableArray<SafetyFlag> flags = FromDtos(dto.Flags);
        int?[] itemScores = dto.ItemScores is null ? [] : [.. dto.ItemScores];
        result = new ScoringResult(
            instrument,
            dto.Id,
            flags,
            dto.Total,
            band,
            band is null ? null : dto.BandSet,
            dto.Prorated,
            risk,
            dto.Notes is null ? ImmutableArray<string>.Empty : [.. dto.Notes],
            itemScores);
        error = null;
        return true;
    }
}

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
