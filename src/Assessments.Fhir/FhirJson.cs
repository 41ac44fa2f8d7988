using System;
using System.Linq;
using System.IO;
using System.Text.Json;
using Assessments.Serialization;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace Assessments.Fhir;

/// <summary>The JSON of a scored QuestionnaireResponse: the library's result JSON (docs/wire-format.md) plus
/// <c>source</c> (the questionnaire canonical, the stated total and whether it agrees), and FHIR JSON of resources.</summary>
public static class FhirJson
{
    private static readonly JsonWriterOptions Writer = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The result JSON: on success the library's result with <c>source</c>; otherwise the error document
    /// (<c>instrument</c>, every error, every flag) with <c>source</c>.</summary>
    /// <param name="result">The scored response.</param>
    /// <returns>One line of JSON.</returns>
    public static string Write(FhirScoringResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!result.Panels.IsEmpty)
            return WritePanels(result);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Writer))
        {
            // The library's own JSON for the result (or for its errors and flags), with the import's facts after it.
            string core = result.IsSuccess
                ? AssessmentsJson.WriteResult(result.Result)
                : AssessmentsJson.WriteErrors(null, result.Instrument?.Id, result.Errors, result.Flags);
            using JsonDocument document = JsonDocument.Parse(core);
            w.WriteStartObject();
            foreach (JsonProperty property in document.RootElement.EnumerateObject())
            {
                if (!property.NameEquals("notes"))
                    property.WriteTo(w);
            }

            WriteNotes(w, result, document.RootElement.TryGetProperty("notes", out JsonElement notes) ? notes : default);
            w.WriteStartObject("source");
            w.WriteString("questionnaire", result.Questionnaire);
            if (result.EmbeddedTotal is decimal stated)
                w.WriteNumber("embeddedTotal", stated);
            else
                w.WriteNull("embeddedTotal");
            if (result.EmbeddedTotalAgrees is bool agrees)
                w.WriteBoolean("embeddedTotalAgrees", agrees);
            else
                w.WriteNull("embeddedTotalAgrees");
            if (result.FunctionalDifficulty is string difficulty)
                w.WriteString("functionalDifficulty", difficulty);
            if (result.EmbeddedRiskLevel is string risk)
            {
                w.WriteString("embeddedRiskLevel", risk);
                if (result.EmbeddedRiskLevelAgrees is bool riskAgrees)
                    w.WriteBoolean("embeddedRiskLevelAgrees", riskAgrees);
                else
                    w.WriteNull("embeddedRiskLevelAgrees");
            }
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>A response holding several instruments: <c>{ "results": [ each instrument's result JSON, in form order ],
    /// "flags": [ every flag, each with its "instrument" ] }</c>.</summary>
    private static string WritePanels(FhirScoringResult result)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Writer))
        {
            w.WriteStartObject();
            w.WriteStartArray("results");
            foreach (FhirScoringResult panel in result.Panels)
            {
                using JsonDocument one = JsonDocument.Parse(Write(panel));
                one.RootElement.WriteTo(w);
            }

            w.WriteEndArray();
            w.WriteStartArray("flags");
            foreach (FhirScoringResult panel in result.Panels)
            {
                // The library's own flag JSON, with the instrument in front.
                using JsonDocument flags = JsonDocument.Parse(AssessmentsJson.WriteErrors(null, panel.Instrument?.Id, [], panel.Flags));
                foreach (JsonElement flag in flags.RootElement.GetProperty("flags").EnumerateArray())
                {
                    w.WriteStartObject();
                    w.WriteString("instrument", panel.Instrument?.Id);
                    foreach (JsonProperty property in flag.EnumerateObject())
                        property.WriteTo(w);
                    w.WriteEndObject();
                }
            }

            w.WriteEndArray();

            // Faults of the document as a whole (nesting cut at the limit, a resource breaking R4's rules), beside the results.
            ScoringError[] whole = [.. result.Errors.Where(e => e.Code != FhirErrorCodes.SeveralInstruments)];
            if (whole.Length > 0)
            {
                using JsonDocument errors = JsonDocument.Parse(AssessmentsJson.WriteErrors(null, null, whole, []));
                w.WritePropertyName("errors");
                errors.RootElement.GetProperty("errors").WriteTo(w);
            }

            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>A resource as FHIR JSON (Firely's serializer).</summary>
    /// <param name="resource">The resource.</param>
    /// <param name="pretty">Indented, for people.</param>
    /// <returns>The JSON.</returns>
    public static string Serialize(Resource resource, bool pretty = true)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return resource.ToJson(pretty);
    }

    private static void WriteNotes(Utf8JsonWriter w, FhirScoringResult result, JsonElement coreNotes)
    {
        if (result.Notes.IsEmpty && coreNotes.ValueKind != JsonValueKind.Array)
            return;
        w.WriteStartArray("notes");
        if (coreNotes.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement note in coreNotes.EnumerateArray())
                note.WriteTo(w);
        }

        foreach (string note in result.Notes)
            w.WriteStringValue(note);
        w.WriteEndArray();
    }
}
