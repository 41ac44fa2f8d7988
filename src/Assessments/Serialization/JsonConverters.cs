using System;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Assessments.Writing;
using Assessments.Trends;
using Assessments.Reading;

namespace Assessments.Serialization;

/// <summary>Reads and writes a <see cref="Response"/> as the response document of docs/wire-format.md, so that
/// <c>JsonSerializer</c> and an ASP.NET minimal API parameter <c>(Response response)</c> bind it.</summary>
/// <remarks>Applied to <see cref="Response"/> by attribute. Instrument ids resolve against the built-in catalogue; add
/// <c>new ResponseJsonConverter(resolve)</c> to <see cref="JsonSerializerOptions.Converters"/> for clinic-defined
/// instruments. A document that cannot be read throws <see cref="ResponseDocumentException"/>, which carries the
/// coded errors and every safety flag the document still gives: catch it rather than lose them.</remarks>
public sealed class ResponseJsonConverter : JsonConverter<Response>
{
    private readonly Func<string, Instrument?>? _resolve;

    /// <summary>A converter for the built-in catalogue.</summary>
    public ResponseJsonConverter()
    {
    }

    /// <summary>A converter that resolves instrument ids with <paramref name="resolve"/>.</summary>
    /// <param name="resolve">Finds an instrument by id (null when unknown).</param>
    public ResponseJsonConverter(Func<string, Instrument?> resolve)
    {
        ArgumentNullException.ThrowIfNull(resolve);
        _resolve = resolve;
    }

    /// <inheritdoc />
    public override Response Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using JsonDocument document = JsonDocument.ParseValue(ref reader);
        ResponseReadResult read = AssessmentsJson.ReadResponse(RawJson.Of(document.RootElement), _resolve);
        return read.IsSuccess ? read.Response : throw new ResponseDocumentException(read);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, Response value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        ResultWriter.WriteResponse(writer, value);
    }
}

/// <summary>Writes a <see cref="ScoringResult"/> as the result of docs/wire-format.md (the score, or the errors and
/// flags of an invalid response), so that an ASP.NET endpoint can return a result as it is; reads a stored result
/// back with the checks of <see cref="AssessmentsJson.TryReadResult(string, out ScoringResult?, out string?)"/>.</summary>
public sealed class ScoringResultJsonConverter : JsonConverter<ScoringResult>
{
    private readonly Func<string, Instrument?>? _resolve;

    /// <summary>A converter for the built-in catalogue.</summary>
    public ScoringResultJsonConverter()
    {
    }

    /// <summary>A converter that resolves instrument ids with <paramref name="resolve"/>.</summary>
    /// <param name="resolve">Finds an instrument by id (null when unknown).</param>
    public ScoringResultJsonConverter(Func<string, Instrument?> resolve)
    {
        ArgumentNullException.ThrowIfNull(resolve);
        _resolve = resolve;
    }

    /// <inheritdoc />
    /// <exception cref="JsonException">The JSON is not a result its own item scores reproduce.</exception>
    public override ScoringResult Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using JsonDocument document = JsonDocument.ParseValue(ref reader);
        return AssessmentsJson.TryReadResult(RawJson.Of(document.RootElement), out ScoringResult? result, out string? error, _resolve)
            ? result
            : throw new JsonException("The stored result was refused: " + error);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, ScoringResult value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        ResultWriter.Write(writer, value);
    }
}

/// <summary>Writes a <see cref="CourseSummary"/> as the course JSON of docs/wire-format.md. Write-only: a course is
/// read from a course document (<see cref="TreatmentCourse.SummarizeDocument(string)"/>), which
/// scores it again.</summary>
public sealed class CourseSummaryJsonConverter : JsonConverter<CourseSummary>
{
    /// <inheritdoc />
    /// <exception cref="NotSupportedException">Always: read the course document instead.</exception>
    public override CourseSummary Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("A course summary is written, not read: summarise the course document instead.");

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, CourseSummary value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        CourseJson.Write(value, writer);
    }
}

/// <summary>Reads and writes an <see cref="Instrument"/> as its definition (docs/wire-format.md, "Definition"), with
/// the validation of <see cref="InstrumentDefinitions.Load"/>.</summary>
public sealed class InstrumentJsonConverter : JsonConverter<Instrument>
{
    /// <inheritdoc />
    /// <exception cref="JsonException">The definition is invalid; the message lists the error codes.</exception>
    public override Instrument Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using JsonDocument document = JsonDocument.ParseValue(ref reader);
        DefinitionLoadResult loaded = InstrumentDefinitions.Load(document.RootElement.GetRawText());
        if (loaded.IsSuccess)
            return loaded.Instrument;
        var codes = new StringBuilder("The instrument definition is invalid:");
        foreach (DefinitionError error in loaded.Errors)
            codes.Append(' ').Append(error.Code);
        throw new JsonException(codes.ToString());
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, Instrument value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        JsonSerializer.Serialize(writer, InstrumentDefinitions.ToDto(value), JsonContexts.Definition.InstrumentDefinitionDto);
    }
}

/// <summary>A response document that could not be read, thrown while deserialising a <see cref="Response"/>.</summary>
/// <remarks>Carries the coded errors and the safety flags the readable items give (docs/clinical-rules.md §3,
/// "Never lost"). The message names the codes, never a value.</remarks>
public sealed class ResponseDocumentException : JsonException
{
    /// <summary>Wraps a failed read.</summary>
    /// <param name="read">The failed read.</param>
    public ResponseDocumentException(ResponseReadResult read)
        : base(Describe(read))
    {
        Read = read;
    }

    /// <summary>The failed read: errors, the instrument id when known, and the safety flags.</summary>
    public ResponseReadResult Read { get; }

    private static string Describe(ResponseReadResult read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var text = new StringBuilder("The response document could not be read:");
        foreach (ScoringError error in read.Errors)
            text.Append(' ').Append(error.Code);
        if (!read.Flags.IsEmpty)
            text.Append(" (it raises safety flags: see Read.Flags)");
        return text.Append('.').ToString();
    }
}

/// <summary>The UTF-8 bytes of a parsed value, without a copy where the runtime allows.</summary>
internal static class RawJson
{
    public static ReadOnlySpan<byte> Of(JsonElement element) =>
#if NET9_0_OR_GREATER
        System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(element);
#else
        Encoding.UTF8.GetBytes(element.GetRawText());
#endif
}
