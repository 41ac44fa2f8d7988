using System.Collections.Immutable;
using System.Text.Json;

namespace Assessments.Writing;

/// <summary>Writes results and read errors straight onto a <see cref="Utf8JsonWriter"/>: the wire format of
/// docs/wire-format.md ("Result"), field for field, without building an object graph first.</summary>
internal static class ResultWriter
{
    /// <summary>A scored result, or the errors and flags of an invalid one.</summary>
    public static void Write(Utf8JsonWriter writer, ScoringResult result)
    {
        if (result.Score is not { } score)
        {
            WriteInvalid(writer, result.ResponseId, result.Instrument.Id, result.Errors, result.Flags);
            return;
        }

        writer.WriteStartObject();
        if (result.ResponseId is not null)
            writer.WriteString("id"u8, result.ResponseId);
        writer.WriteString("instrument"u8, score.InstrumentId);
        writer.WriteString("rulesVersion"u8, score.RulesVersion);
        WriteNumberOrNull(writer, "total"u8, score.Total);
        WriteNumberOrNull(writer, "maxTotal"u8, score.MaxTotal);
        if (score.Band is { } band)
        {
            writer.WriteStartObject("band"u8);
            writer.WriteString("id"u8, band.Id);
            writer.WriteString("label"u8, band.Label);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("band"u8);
        }

        if (score.BandSetId is not null)
            writer.WriteString("bandSet"u8, score.BandSetId);
        else
            writer.WriteNull("bandSet"u8);
        writer.WriteBoolean("prorated"u8, score.Prorated);
        WriteFlags(writer, score.Flags);
        writer.WriteString("safetyScreen"u8, score.SafetyScreen.ToWireId());
        if (score.RiskLevel is RiskLevel risk)
            writer.WriteString("riskLevel"u8, risk.ToWireId());
        else
            writer.WriteNull("riskLevel"u8);
        if (score.Provenance is not null)
            writer.WriteString("provenance"u8, score.Provenance);
        if (!score.Notes.IsEmpty)
        {
            writer.WriteStartArray("notes"u8);
            foreach (string note in score.Notes)
                writer.WriteStringValue(note);
            writer.WriteEndArray();
        }

        writer.WriteStartArray("itemScores"u8);
        result.WriteItemScores(writer);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>The invalid shape: id, instrument (or null), errors, flags.</summary>
    public static void WriteInvalid(Utf8JsonWriter writer, string? id, string? instrumentId, ImmutableArray<ScoringError> errors, ImmutableArray<SafetyFlag> flags)
    {
        writer.WriteStartObject();
        if (id is not null)
            writer.WriteString("id"u8, id);
        if (instrumentId is not null)
            writer.WriteString("instrument"u8, instrumentId);
        else
            writer.WriteNull("instrument"u8);
        writer.WriteStartArray("errors"u8);
        foreach (ScoringError error in errors)
        {
            writer.WriteStartObject();
            writer.WriteString("code"u8, error.Code);
            if (error.ItemNumber is int item)
                writer.WriteNumber("item"u8, item);
            writer.WriteString("message"u8, error.Message);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        WriteFlags(writer, flags);
        writer.WriteEndObject();
    }

    /// <summary>A flag writes <c>value</c> as the item score, or as the risk level id for a risk-level flag.</summary>
    public static void WriteFlag(Utf8JsonWriter writer, SafetyFlag flag)
    {
        writer.WriteStartObject();
        writer.WriteString("id"u8, flag.Id);
        WriteNumberOrNull(writer, "item"u8, flag.ItemNumber);
        if (flag.RiskLevel is RiskLevel level)
            writer.WriteString("value"u8, level.ToWireId());
        else if (flag.Value is int value)
            writer.WriteNumber("value"u8, value);
        if (flag.Priority is FlagPriority priority)
            writer.WriteString("priority"u8, priority.ToWireId());
        writer.WriteEndObject();
    }

    private static void WriteFlags(Utf8JsonWriter writer, ImmutableArray<SafetyFlag> flags)
    {
        writer.WriteStartArray("flags"u8);
        foreach (SafetyFlag flag in flags)
            WriteFlag(writer, flag);
        writer.WriteEndArray();
    }

    private static void WriteNumberOrNull(Utf8JsonWriter writer, System.ReadOnlySpan<byte> name, int? value)
    {
        if (value is int v)
            writer.WriteNumber(name, v);
        else
            writer.WriteNull(name);
    }

    /// <summary>A response document (docs/wire-format.md, "Response").</summary>
    public static void WriteResponse(Utf8JsonWriter writer, Response response)
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
}
