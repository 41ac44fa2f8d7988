using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Assessments.Reading;

// Wire shapes: internal, so the public API shows only our own immutable types. Field names are the contract
// of docs/wire-format.md: fields are added, never renamed or removed.


internal sealed class BandDto
{
    [JsonPropertyName("id")]
    public string Id { get; set; } = "";

    [JsonPropertyName("label")]
    public string Label { get; set; } = "";
}

internal sealed class ErrorDto
{
    [JsonPropertyName("code")]
    public string Code { get; set; } = "";

    [JsonPropertyName("item")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Item { get; set; }

    [JsonPropertyName("message")]
    public string Message { get; set; } = "";
}

[JsonConverter(typeof(FlagDtoConverter))]
internal sealed class FlagDto
{
    /// <summary>The instrument, for a flag in a record's safety list (several instruments); null otherwise.</summary>
    public string? Instrument { get; set; }

    /// <summary>The assessment's instant, for a dated flag written flat in a course; null otherwise.</summary>
    public string? At { get; set; }

    /// <summary>For an undated flag (its assessment's time could not be read): the assessment's position.</summary>
    public string? Position { get; set; }

    public string Id { get; set; } = "";

    public int? Item { get; set; }

    public int? Value { get; set; }

    public string? RiskLevel { get; set; }

    public string? Priority { get; set; }
}

/// <summary>One result shape for reading; an invalid result is written as <see cref="InvalidResultDto"/>.</summary>
internal sealed class ResultDto
{
    [JsonPropertyName("id")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Id { get; set; }

    [JsonPropertyName("instrument")]
    public string? Instrument { get; set; }

    [JsonPropertyName("rulesVersion")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RulesVersion { get; set; }

    [JsonPropertyName("total")]
    public int? Total { get; set; }

    [JsonPropertyName("maxTotal")]
    public int? MaxTotal { get; set; }

    [JsonPropertyName("band")]
    public BandDto? Band { get; set; }

    [JsonPropertyName("bandSet")]
    public string? BandSet { get; set; }

    [JsonPropertyName("prorated")]
    public bool Prorated { get; set; }

    [JsonPropertyName("flags")]
    public List<FlagDto>? Flags { get; set; }

    [JsonPropertyName("safetyScreen")]
    public string? SafetyScreen { get; set; }

    [JsonPropertyName("riskLevel")]
    public string? RiskLevel { get; set; }

    [JsonPropertyName("provenance")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Provenance { get; set; }

    [JsonPropertyName("notes")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<string>? Notes { get; set; }

    [JsonPropertyName("itemScores")]
    public List<int?>? ItemScores { get; set; }
}

internal sealed class InvalidResultDto
{
    [JsonPropertyName("id")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Id { get; set; }

    [JsonPropertyName("instrument")]
    public string? Instrument { get; set; }

    [JsonPropertyName("errors")]
    public List<ErrorDto> Errors { get; set; } = [];

    [JsonPropertyName("flags")]
    public List<FlagDto> Flags { get; set; } = [];
}

internal sealed class ResultProbeDto
{
    [JsonPropertyName("errors")]
    public List<ErrorDto>? Errors { get; set; }
}

/// <summary>A flag writes <c>value</c> as the item score, or as the risk level id for a risk-level flag.</summary>
internal sealed class FlagDtoConverter : JsonConverter<FlagDto>
{
    public override FlagDto Read(ref Utf8JsonReader reader, System.Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException("A flag must be an object.");
        var flag = new FlagDto();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            string name = reader.GetString() ?? "";
            reader.Read();
            switch (name)
            {
                case "id":
                    flag.Id = reader.GetString() ?? "";
                    break;
                case "item":
                    flag.Item = reader.TokenType == JsonTokenType.Null ? null : reader.GetInt32();
                    break;
                case "value":
                    if (reader.TokenType == JsonTokenType.String)
                        flag.RiskLevel = reader.GetString();
                    else if (reader.TokenType == JsonTokenType.Number)
                        flag.Value = reader.GetInt32();
                    break;
                case "priority":
                    flag.Priority = reader.TokenType == JsonTokenType.Null ? null : reader.GetString();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return flag;
    }

    public override void Write(Utf8JsonWriter writer, FlagDto value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        if (value.Instrument is not null)
            writer.WriteString("instrument", value.Instrument);
        if (value.At is not null)
            writer.WriteString("at", value.At);
        if (value.Position is not null)
        {
            writer.WriteNull("at");
            writer.WriteString("position", value.Position);
        }
        writer.WriteString("id", value.Id);
        if (value.Item is int item)
            writer.WriteNumber("item", item);
        else
            writer.WriteNull("item");
        if (value.RiskLevel is not null)
            writer.WriteString("value", value.RiskLevel);
        else if (value.Value is int v)
            writer.WriteNumber("value", v);
        if (value.Priority is not null)
            writer.WriteString("priority", value.Priority);
        writer.WriteEndObject();
    }
}

[JsonSourceGenerationOptions(WriteIndented = false, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(ResultDto))]
[JsonSerializable(typeof(InvalidResultDto))]
[JsonSerializable(typeof(ResultProbeDto))]
internal sealed partial class WireContext : JsonSerializerContext
{
}
