using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;

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
    /// <returns>The response, or coded errors.</returns>
    public static ResponseReadResult ReadResponse(string json, Func<string, Instrument?>? resolve)
    {
        ArgumentNullException.ThrowIfNull(json);
        ResponseDto? dto;
        try
        {
            dto = JsonSerializer.Deserialize(json, JsonContexts.Wire.ResponseDto);
        }
        catch (JsonException e)
        {
            return ResponseReadResult.Failed(null, null, ErrorCodes.MalformedDocument, Malformed(e));
        }

        return FromDto(dto, resolve ?? ResolveBuiltIn);
    }

    /// <summary>Reads a response document from UTF-8 bytes.</summary>
    /// <param name="utf8Json">The document.</param>
    /// <param name="resolve">Finds an instrument by id; null for the built-in catalogue.</param>
    /// <returns>The response, or coded errors.</returns>
    public static ResponseReadResult ReadResponse(ReadOnlySpan<byte> utf8Json, Func<string, Instrument?>? resolve)
    {
        ResponseDto? dto;
        try
        {
            dto = JsonSerializer.Deserialize(utf8Json, JsonContexts.Wire.ResponseDto);
        }
        catch (JsonException e)
        {
            return ResponseReadResult.Failed(null, null, ErrorCodes.MalformedDocument, Malformed(e));
        }

        return FromDto(dto, resolve ?? ResolveBuiltIn);
    }

    /// <summary>Reads a response given as text tokens (a command line, a form): integers, <c>-</c> for unanswered, or
    /// option labels such as <c>1a</c> and <c>yes</c>.</summary>
    /// <param name="instrument">The instrument.</param>
    /// <param name="tokens">One token per item, in item order.</param>
    /// <param name="options">How to read and score the values; null for the defaults.</param>
    /// <param name="id">An optional caller reference.</param>
    /// <returns>The response, or <c>item-not-a-number</c> errors naming each item.</returns>
    public static ResponseReadResult ReadTokens(Instrument instrument, IReadOnlyList<string> tokens, ScoringOptions? options = null, string? id = null)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(tokens);
        options ??= ScoringOptions.Default;
        var values = new int?[tokens.Count];
        ImmutableArray<ScoringError>.Builder? errors = null;
        for (int i = 0; i < tokens.Count; i++)
        {
            bool ok;
            if (i < instrument.Items.Length)
            {
                ok = instrument.Items[i].TryParseValue(tokens[i], options.Values, out values[i]);
            }
            else
            {
                ok = tokens[i] == "-" || int.TryParse(tokens[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int extra) && (values[i] = extra) is not null;
            }

            if (!ok)
                (errors ??= ImmutableArray.CreateBuilder<ScoringError>()).Add(NotANumber(i + 1));
        }

        return errors is not null
            ? new ResponseReadResult(id, instrument.Id, instrument, null, errors.ToImmutable())
            : new ResponseReadResult(id, instrument.Id, instrument, new Response(instrument.Id, values, options, id), ImmutableArray<ScoringError>.Empty);
    }

    private static ScoringError NotANumber(int item) =>
        new(ErrorCodes.ItemNotANumber, item, string.Create(CultureInfo.InvariantCulture, $"Item {item} must be an integer, '-' or null for unanswered, or one of the item's option labels."));

    /// <summary>Writes a response document.</summary>
    /// <param name="response">The response.</param>
    /// <returns>The JSON, one line.</returns>
    public static string WriteResponse(Response response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var items = new List<JsonElement>(response.Items.Length);
        foreach (int? value in response.Items)
            items.Add(value is int v ? JsonNumber(v) : JsonNull);
        var dto = new ResponseDto
        {
            Id = response.Id,
            Instrument = response.InstrumentId,
            Items = items,
            Positions = response.Options.Values == ResponseValueKind.OptionPositions,
            Prorate = response.Options.Prorate,
            BandSet = response.Options.BandSet,
        };
        return JsonSerializer.Serialize(dto, JsonContexts.Wire.ResponseDto);
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
    /// <returns>The JSON, one line: id, instrument (or null), errors, and an empty flag list.</returns>
    public static string WriteReadErrors(ResponseReadResult read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var dto = new InvalidResultDto { Id = read.Id, Instrument = read.InstrumentId };
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
                foreach (ErrorDto e in invalid.Errors)
                    errors.Add(new ScoringError(e.Code, e.Item, e.Message));
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

    private static string Malformed(JsonException e) =>
        e.LineNumber is long line
            ? string.Create(CultureInfo.InvariantCulture, $"The document is not well-formed JSON (line {line + 1}, byte {e.BytePositionInLine ?? 0}).")
            : "The document is not well-formed JSON.";

    private static ResponseReadResult FromDto(ResponseDto? dto, Func<string, Instrument?> resolve)
    {
        if (dto is null)
            return ResponseReadResult.Failed(null, null, ErrorCodes.MalformedDocument, "The document is null, not a response object.");
        if (string.IsNullOrWhiteSpace(dto.Instrument))
            return ResponseReadResult.Failed(dto.Id, null, ErrorCodes.MalformedDocument, "The document has no \"instrument\".");
        Instrument? instrument = resolve(dto.Instrument);
        if (instrument is null)
            return ResponseReadResult.Failed(dto.Id, dto.Instrument, ErrorCodes.UnknownInstrument, $"Unknown instrument '{dto.Instrument}'.");
        if (dto.Items is null)
            return ResponseReadResult.Failed(dto.Id, dto.Instrument, ErrorCodes.MalformedDocument, "The document has no \"items\" array.");

        var options = new ScoringOptions
        {
            Values = dto.Positions ? ResponseValueKind.OptionPositions : ResponseValueKind.ItemScores,
            Prorate = dto.Prorate,
            BandSet = dto.BandSet,
        };
        if (dto.BandSet is not null && !instrument.TryGetBandSet(dto.BandSet, out _))
            return ResponseReadResult.Failed(dto.Id, dto.Instrument, ErrorCodes.MalformedDocument, $"Instrument '{instrument.Id}' has no band set '{dto.BandSet}'.");

        int?[] values = ParseItems(dto.Items, instrument, options.Values, out ImmutableArray<ScoringError>.Builder? errors);
        if (errors is not null)
            return new ResponseReadResult(dto.Id, instrument.Id, instrument, null, errors.ToImmutable());
        return new ResponseReadResult(dto.Id, instrument.Id, instrument, new Response(instrument.Id, values, options, dto.Id), ImmutableArray<ScoringError>.Empty);
    }

    /// <summary>Reads item values: integers, null, and option-label strings; anything else is <c>item-not-a-number</c>.</summary>
    internal static int?[] ParseItems(List<JsonElement> items, Instrument instrument, ResponseValueKind kind, out ImmutableArray<ScoringError>.Builder? errors)
    {
        var values = new int?[items.Count];
        errors = null;
        for (int i = 0; i < values.Length; i++)
        {
            JsonElement element = items[i];
            Item? item = i < instrument.Items.Length ? instrument.Items[i] : null;
            bool ok;
            switch (element.ValueKind)
            {
                case JsonValueKind.Null:
                    ok = true;
                    break;
                case JsonValueKind.Number:
                    ok = element.TryGetInt32(out int number);
                    values[i] = number;
                    break;
                case JsonValueKind.String:
                    ok = item is not null && item.TryParseValue(element.GetString()!, kind, out values[i]);
                    break;
                default:
                    ok = false;
                    break;
            }

            if (!ok)
                (errors ??= ImmutableArray.CreateBuilder<ScoringError>()).Add(NotANumber(i + 1));
        }

        return values;
    }

    private static readonly JsonElement JsonNull = JsonDocument.Parse("null").RootElement.Clone();

    private static JsonElement JsonNumber(int value)
    {
        using JsonDocument doc = JsonDocument.Parse(value.ToString(CultureInfo.InvariantCulture));
        return doc.RootElement.Clone();
    }

    private static ResultDto ToDto(ScoringResult result, AssessmentScore score) => new()
    {
        Id = result.ResponseId,
        Instrument = score.InstrumentId,
        RulesVersion = score.RulesVersion,
        Total = score.Total,
        MaxTotal = score.MaxTotal,
        Band = score.Band is { } band ? new BandDto { Id = band.Id, Label = band.Label } : null,
        BandSet = score.BandSetId,
        Prorated = score.Prorated,
        Flags = ToDtos(score.Flags),
        SafetyScreen = WireIds.Of(score.SafetyScreen),
        RiskLevel = score.RiskLevel is RiskLevel level ? WireIds.Of(level) : null,
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
                RiskLevel = flag.RiskLevel is RiskLevel level ? WireIds.Of(level) : null,
                Priority = flag.Priority is FlagPriority priority ? WireIds.Of(priority) : null,
            });
        }

        return list;
    }

    private static ImmutableArray<SafetyFlag> FromDtos(List<FlagDto>? flags)
    {
        if (flags is null)
            return ImmutableArray<SafetyFlag>.Empty;
        var builder = ImmutableArray.CreateBuilder<SafetyFlag>(flags.Count);
        foreach (FlagDto flag in flags)
        {
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
    internal ResponseReadResult(string? id, string? instrumentId, Instrument? instrument, Response? response, ImmutableArray<ScoringError> errors)
    {
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

    /// <summary>Whether a response was read.</summary>
    [MemberNotNullWhen(true, nameof(Response), nameof(Instrument))]
    public bool IsSuccess => Response is not null && Instrument is not null;

    internal static ResponseReadResult Failed(string? id, string? instrumentId, string code, string message) =>
        new(id, instrumentId, null, null, [new ScoringError(code, null, message)]);
}
