using System;
using System.Buffers;
using System.IO;
using System.Linq;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Assessments.Batches;
using Assessments.Reading;
using Assessments.Writing;

namespace Assessments.Serialization;

/// <summary>Reads and writes the library's JSON wire format (System.Text.Json, source-generated, reflection-free).</summary>
/// <remarks>
/// A response: <c>{ "id": "visit-0142", "instrument": "phq-9", "items": [1, 2, null], "positions": true, "prorate": true }</c>.
/// A result: the <c>score</c> JSON of the <c>assess</c> CLI. Ids, never enum ordinals. Malformed input comes back
/// as coded errors, never as an exception, and messages never repeat patient values.
/// </remarks>
public static class AssessmentsJson
{
    /// <summary>Source-generated System.Text.Json metadata for <see cref="Response"/>, <see cref="ScoringResult"/>,
    /// <see cref="Trends.CourseSummary"/> and <see cref="Instrument"/>: reflection-free, trimming- and AOT-safe. Put it
    /// first in a resolver chain, e.g. in ASP.NET Core
    /// <c>builder.Services.ConfigureHttpJsonOptions(o =&gt; o.SerializerOptions.TypeInfoResolverChain.Insert(0, AssessmentsJson.TypeInfoResolver));</c>
    /// Without it the converters on the types still apply through reflection.</summary>
    public static IJsonTypeInfoResolver TypeInfoResolver => AssessmentsJsonContext.Default;

    /// <summary>Read-only serializer options that write exactly the wire format (non-ASCII letters and '+' as
    /// themselves): <c>JsonSerializer.Serialize(result, AssessmentsJson.SerializerOptions)</c>.</summary>
    public static JsonSerializerOptions SerializerOptions { get; } = CreateSerializerOptions();

    private static JsonSerializerOptions CreateSerializerOptions()
    {
        var options = new JsonSerializerOptions(AssessmentsJsonContext.Default.Options) { Encoder = JsonContexts.Wire.Options.Encoder };
        options.MakeReadOnly();
        return options;
    }

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
    public static ResponseReadResult ReadResponse(ReadOnlySpan<byte> utf8Json, Func<string, Instrument?>? resolve) =>
        ReadResponse(utf8Json, resolve, null);

    /// <summary>Reads a response document from UTF-8 bytes, with defaults for the fields it leaves out.</summary>
    /// <param name="utf8Json">The document.</param>
    /// <param name="resolve">Finds an instrument by id; null for the built-in catalogue.</param>
    /// <param name="defaults">How to read the document where it does not say; a field set to another value is
    /// <c>option-conflict</c>. Null for none.</param>
    /// <returns>The response, or coded errors with every safety flag that can still be told.</returns>
    public static ResponseReadResult ReadResponse(ReadOnlySpan<byte> utf8Json, Func<string, Instrument?>? resolve, ResponseDefaults? defaults) =>
        ResponseReader.Read(utf8Json, resolve ?? Instruments.BuiltIn, defaults);

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
        var states = new RawItemState[stored];
        for (int i = 0; i < stored; i++)
        {
            string token = tokens[i] ?? string.Empty;
            bool ok = i < instrument.Items.Length
                ? instrument.Items[i].TryParseValue(token, options.Values, out int? value)
                : TryParseLoose(token, out value);
            states[i] = !ok ? RawItemState.Unreadable : value is null ? RawItemState.Blank : RawItemState.Answered;
            values[i] = value ?? 0;
        }

        return ResponseReader.FromValues(instrument, values, states, tokens.Count, options, id);
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

    private const string TooLarge = "The document is larger than the limit for one response document.";

    /// <summary>Writes a response document.</summary>
    /// <param name="response">The response.</param>
    /// <returns>The JSON, one line.</returns>
    public static string WriteResponse(Response response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return WireText.Write(response, static (w, r) => ResultWriter.WriteResponse(w, r));
    }

    /// <summary>Writes a scoring result: the score, or the errors and flags of an invalid response.</summary>
    /// <param name="result">The result.</param>
    /// <returns>The JSON, one line.</returns>
    public static string WriteResult(ScoringResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return WireText.Write(result, static (w, r) => ResultWriter.Write(w, r));
    }

    /// <summary>Writes a scoring result onto a JSON writer (as one value: inside an array, or after a property name).</summary>
    /// <param name="result">The result.</param>
    /// <param name="writer">The writer; its options (encoder, indentation) apply.</param>
    public static void WriteResult(ScoringResult result, Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(writer);
        ResultWriter.Write(writer, result);
    }

    /// <summary>Writes a scoring result as UTF-8 JSON into a buffer (a pipe, a response body).</summary>
    /// <param name="result">The result.</param>
    /// <param name="output">Where the bytes go.</param>
    public static void WriteResult(ScoringResult result, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        Utf8JsonWriter writer = WireText.Rent(output);
        ResultWriter.Write(writer, result);
        writer.Flush();
    }

    /// <summary>Writes a scoring result as UTF-8 JSON to a stream.</summary>
    /// <param name="result">The result.</param>
    /// <param name="output">The stream; left open.</param>
    public static void WriteResult(ScoringResult result, Stream output)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        using var writer = new Utf8JsonWriter(output, WireText.WriterOptions);
        ResultWriter.Write(writer, result);
    }

    /// <summary>Writes the coded errors of a document that could not be read (the batch line of an unreadable document).</summary>
    /// <param name="read">The failed read.</param>
    /// <returns>The JSON, one line: id, instrument (or null), errors, and the safety flags that could still be told.</returns>
    public static string WriteReadErrors(ResponseReadResult read)
    {
        ArgumentNullException.ThrowIfNull(read);
        return WireText.Write(read, static (w, r) => ResultWriter.WriteInvalid(w, r.Id, r.InstrumentId, r.Errors, r.Flags));
    }

    /// <summary>Writes the invalid-response shape (id, instrument or null, every error, every flag) for a reader of
    /// another format (FHIR) that could not evaluate a document: the same shape as an invalid result.</summary>
    /// <param name="id">The caller's reference, or null.</param>
    /// <param name="instrumentId">The instrument id, or null when none could be identified.</param>
    /// <param name="errors">Every error.</param>
    /// <param name="flags">Every safety flag that can still be told.</param>
    /// <returns>The JSON, one line.</returns>
    public static string WriteErrors(string? id, string? instrumentId, IEnumerable<ScoringError> errors, IEnumerable<SafetyFlag> flags)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(flags);
        var read = new ResponseReadResult(id, instrumentId, null, null, [.. errors], [.. flags]);
        return WriteReadErrors(read);
    }

    /// <summary>Reads, scores and writes one response document in one call: the result JSON, or the errors and flags of a
    /// document that cannot be read (the same line as <see cref="BatchScoring.ScoreNdjson"/> writes for it). The
    /// shortest and fastest way from a request body to a response body.</summary>
    /// <param name="utf8Response">The response document, UTF-8.</param>
    /// <param name="output">Where the result JSON goes (no newline).</param>
    /// <param name="resolve">Finds an instrument by id; null for the built-in catalogue. Pass the same delegate
    /// instance each time: the per-thread reading state is kept for it, and a new one is built for another.</param>
    /// <returns>True when the response was valid and scored.</returns>
    public static bool ScoreDocument(ReadOnlySpan<byte> utf8Response, IBufferWriter<byte> output, Func<string, Instrument?>? resolve = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        BatchScoring.BatchState state = t_documentState is { } cached && ReferenceEquals(cached.Resolve, resolve ?? (Func<string, Instrument?>)Instruments.BuiltIn)
            ? cached
            : t_documentState = new BatchScoring.BatchState(resolve ?? Instruments.BuiltIn);
        return BatchScoring.ScoreDocument(utf8Response, state, output);
    }

    /// <summary>Reads a response document from a stream (at most <see cref="Limits.MaxDocumentBytes"/> bytes).</summary>
    /// <param name="utf8Json">The stream; read to its end, left open.</param>
    /// <param name="resolve">Finds an instrument by id; null for the built-in catalogue.</param>
    /// <returns>The response, or coded errors with every safety flag that can still be told.</returns>
    public static ResponseReadResult ReadResponse(Stream utf8Json, Func<string, Instrument?>? resolve) =>
        ReadResponse(utf8Json, resolve, null);

    /// <summary>Reads a response document from a stream, with defaults for the fields it leaves out.</summary>
    /// <param name="utf8Json">The stream; read to its end, left open.</param>
    /// <param name="resolve">Finds an instrument by id; null for the built-in catalogue.</param>
    /// <param name="defaults">How to read the document where it does not say; null for none.</param>
    /// <returns>The response, or coded errors with every safety flag that can still be told.</returns>
    public static ResponseReadResult ReadResponse(Stream utf8Json, Func<string, Instrument?>? resolve, ResponseDefaults? defaults)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(4096);
        int length = 0;
        try
        {
            int read;
            while ((read = utf8Json.Read(buffer, length, buffer.Length - length)) > 0)
            {
                length += read;
                if (length > Limits.MaxDocumentBytes)
                    return ResponseReadResult.Failed(null, null, ErrorCodes.DocumentTooLarge, TooLarge, ImmutableArray<SafetyFlag>.Empty);
                if (length == buffer.Length)
                {
                    byte[] larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
            }

            return ReadResponse(buffer.AsSpan(0, length), resolve, defaults);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads a stored result of a built-in instrument back, to audit it; see
    /// <see cref="TryReadResult(string, out ScoringResult?, out string?, Func{string, Instrument?}?)"/>.</summary>
    /// <param name="json">The result JSON.</param>
    /// <param name="result">The result, or null.</param>
    /// <param name="error">Why it could not be read, or null.</param>
    /// <returns>True when the JSON is a result of a built-in instrument that its own item scores reproduce.</returns>
    public static bool TryReadResult(string json, [NotNullWhen(true)] out ScoringResult? result, out string? error) =>
        TryReadResult(json, out result, out error, null);

    /// <summary>Reads a result written by <see cref="WriteResult(ScoringResult)"/> back, to audit a stored score.</summary>
    /// <param name="json">The result JSON.</param>
    /// <param name="result">The result, or null.</param>
    /// <param name="error">Why it could not be read, or null.</param>
    /// <param name="resolve">Finds an instrument by id; null for the built-in catalogue.</param>
    /// <returns>True when the JSON is a result of a known instrument that its own item scores reproduce.</returns>
    /// <remarks>A stored score is never taken on trust: its item scores are scored again under the instrument's rules,
    /// and a result whose total, band, risk level, flags or notes differ from that rescoring, or that was made by
    /// another rules version, is refused (<c>{"instrument":"phq-9","total":999}</c> has no item scores and is refused).
    /// A stored invalid result is read as it stands: it carries no score to check.</remarks>
    public static bool TryReadResult(string json, [NotNullWhen(true)] out ScoringResult? result, out string? error, Func<string, Instrument?>? resolve)
    {
        ArgumentNullException.ThrowIfNull(json);
        return TryReadResult(System.Text.Encoding.UTF8.GetBytes(json), out result, out error, resolve);
    }

    /// <summary>Reads a stored result from UTF-8 bytes; see <see cref="TryReadResult(string, out ScoringResult?, out string?, Func{string, Instrument?}?)"/>.</summary>
    /// <param name="utf8Json">The result JSON.</param>
    /// <param name="result">The result, or null.</param>
    /// <param name="error">Why it could not be read, or null.</param>
    /// <param name="resolve">Finds an instrument by id; null for the built-in catalogue.</param>
    /// <returns>True when the JSON is a result of a known instrument that its own item scores reproduce.</returns>
    public static bool TryReadResult(ReadOnlySpan<byte> utf8Json, [NotNullWhen(true)] out ScoringResult? result, out string? error, Func<string, Instrument?>? resolve)
    {
        resolve ??= Instruments.BuiltIn;
        result = null;
        try
        {
            ResultProbeDto? probe = JsonSerializer.Deserialize(utf8Json, JsonContexts.Wire.ResultProbeDto);
            if (probe?.Errors is not null)
            {
                InvalidResultDto? invalid = JsonSerializer.Deserialize(utf8Json, JsonContexts.Wire.InvalidResultDto);
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

            ResultDto? dto = JsonSerializer.Deserialize(utf8Json, JsonContexts.Wire.ResultDto);
            Instrument? scored = dto?.Instrument is string sid ? resolve(sid) : null;
            if (dto is null || scored is null)
                return Fail("the result names no known instrument.", out error);
            return TryFromDto(dto, scored, out result, out error) && Rescores(dto, scored, ref result, out error);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            return Fail("the result is not valid result JSON.", out error);
        }
    }

    /// <summary>Scores the stored item scores again and keeps the stored result only when the rescoring says the same.</summary>
    private static bool Rescores(ResultDto dto, Instrument instrument, [NotNullWhen(true)] ref ScoringResult? stated, out string? error)
    {
        if (dto.RulesVersion != instrument.RulesVersion)
        {
            stated = null;
            return Fail($"the result was made by rules version '{dto.RulesVersion}' of {instrument.Id}, not the current '{instrument.RulesVersion}': score its response again.", out error);
        }

        // An item "not assessed" keeps score 0 in the result and names itself in the notes: give it its marker back.
        int?[] values = dto.ItemScores is null ? [] : [.. dto.ItemScores];
        foreach (string note in dto.Notes ?? [])
        {
            for (int i = 0; i < values.Length && i < instrument.Items.Length; i++)
            {
                if (instrument.Items[i].NotAssessedValue is int marker && note == instrument.Caches.NotAssessed(i)[0])
                    values[i] = marker;
            }
        }

        var options = new ScoringOptions { Prorate = dto.Prorated, BandSet = dto.BandSet };
        ScoringResult again = instrument.Score(values, options, dto.Id);
        if (!again.IsSuccess)
        {
            stated = null;
            return Fail("the result's item scores are not a valid response: " + again.Errors[0].Code + ".", out error);
        }

        if (again.Score != stated!.Score)
        {
            string what = again.Score.Total != stated.Score!.Total ? "total"
                : !Equals(again.Score.Band, stated.Score.Band) ? "band"
                : again.Score.RiskLevel != stated.Score.RiskLevel ? "risk level"
                : !again.Score.Flags.SequenceEqual(stated.Score.Flags) ? "safety flags"
                : "notes";
            stated = null;
            return Fail($"the result's {what} is not what its item scores give under the rules of {instrument.Id}.", out error);
        }

        error = null;
        return true;
    }


    [ThreadStatic]
    private static BatchScoring.BatchState? t_documentState;


    private static bool Fail(string message, out string? error)
    {
        error = message;
        return false;
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
        foreach (int? score in itemScores)
        {
            // A keyed item score lies in 0..MaxItemScore; anything else is no result this library wrote (and would not
            // fit the result's 16-bit item slots).
            if (score is int v && (v < 0 || v > Limits.MaxItemScore))
                return Fail("an item score is outside every instrument's range.", out error);
        }

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
