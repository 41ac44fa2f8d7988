using System;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Xml;

namespace Assessments.Fhir;

/// <summary>Keeps documents nested deeper than <see cref="QuestionnaireResponseImporter.MaxNesting"/> from every parser
/// that recurses (Firely's XML and JSON parsers, the fast reader): the depth is measured by a reader that does not recurse,
/// and a deeper document is copied with its deeper parts left out, so that what is shallow is still read and flagged.</summary>
internal static class DepthGuard
{
    private static readonly XmlReaderSettings XmlSettings = new() { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true, IgnoreProcessingInstructions = true };

    /// <summary>The document marked: invalid, its deeper parts not read.</summary>
    public static FhirScoringResult Mark(FhirScoringResult result) =>
        result.WithError(new ScoringError(FhirErrorCodes.TooDeep, null, $"The document nests deeper than {QuestionnaireResponseImporter.MaxNesting} levels; the deeper parts were not read, and what could be read was scored for its safety flags."));

    public static FhirScoringResult Unreadable() =>
        FhirScoringResult.Unreadable($"The document nests deeper than {QuestionnaireResponseImporter.MaxNesting} levels and is not well-formed: nothing could be read.");

    /// <summary>Null when the JSON nests no deeper than the limit (or is not JSON: the parsers say so); else the copy
    /// without its deeper values (empty when even that cannot be made).</summary>
    public static byte[]? PruneJson(ReadOnlySpan<byte> json)
    {
        int max = QuestionnaireResponseImporter.MaxNesting;
        var options = new JsonReaderOptions { MaxDepth = int.MaxValue, CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
        var scan = new Utf8JsonReader(json, options);
        bool deep = false;
        try
        {
            while (!deep && scan.Read())
                deep = scan.CurrentDepth >= max;
        }
        catch (JsonException)
        {
            // Malformed: the parsers report that, unless it was already too deep.
        }

        if (!deep)
            return null;
        try
        {
            var reader = new Utf8JsonReader(json, options);
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                string? pendingName = null;
                while (reader.Read())
                {
                    switch (reader.TokenType)
                    {
                        case JsonTokenType.PropertyName:
                            pendingName = reader.GetString();
                            continue;
                        case JsonTokenType.StartObject or JsonTokenType.StartArray when reader.CurrentDepth >= max - 1:
                            reader.Skip(); // iterative: the deeper part is passed over, never parsed into anything
                            pendingName = null;
                            continue;
                        case JsonTokenType.StartObject:
                            Name(writer, ref pendingName);
                            writer.WriteStartObject();
                            continue;
                        case JsonTokenType.StartArray:
                            Name(writer, ref pendingName);
                            writer.WriteStartArray();
                            continue;
                        case JsonTokenType.EndObject:
                            writer.WriteEndObject();
                            continue;
                        case JsonTokenType.EndArray:
                            writer.WriteEndArray();
                            continue;
                        default:
                            Name(writer, ref pendingName);
                            writer.WriteRawValue(json[(int)reader.TokenStartIndex..(int)reader.BytesConsumed], skipInputValidation: true);
                            continue;
                    }
                }
            }

            return buffer.ToArray();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return [];
        }
    }

    private static void Name(Utf8JsonWriter writer, ref string? name)
    {
        if (name is not null)
            writer.WritePropertyName(name);
        name = null;
    }

    /// <summary>As <see cref="PruneJson"/>, for XML: elements deeper than the limit are left out.</summary>
    public static string? PruneXml(string xml)
    {
        int max = QuestionnaireResponseImporter.MaxNesting;
        bool deep = false;
        try
        {
            using var scan = XmlReader.Create(new StringReader(xml), XmlSettings);
            while (!deep && scan.Read())
                deep = scan.Depth >= max;
        }
        catch (XmlException)
        {
            // Malformed: Firely's parser says so, unless it was already too deep.
        }

        if (!deep)
            return null;
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), XmlSettings);
            var output = new StringBuilder(xml.Length / 2);
            using (var writer = XmlWriter.Create(output, new XmlWriterSettings { OmitXmlDeclaration = true }))
            {
                reader.Read();
                while (!reader.EOF)
                {
                    if (reader.NodeType == XmlNodeType.Element && reader.Depth >= max - 1)
                    {
                        reader.Skip(); // iterative: the subtree is passed over
                        continue;
                    }

                    switch (reader.NodeType)
                    {
                        case XmlNodeType.Element:
                            bool empty = reader.IsEmptyElement;
                            writer.WriteStartElement(reader.Prefix, reader.LocalName, reader.NamespaceURI);
                            writer.WriteAttributes(reader, true);
                            if (empty)
                                writer.WriteEndElement();
                            break;
                        case XmlNodeType.EndElement:
                            writer.WriteFullEndElement();
                            break;
                        case XmlNodeType.Text:
                            writer.WriteString(reader.Value);
                            break;
                        case XmlNodeType.CDATA:
                            writer.WriteCData(reader.Value);
                            break;
                        case XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                            writer.WriteWhitespace(reader.Value);
                            break;
                    }

                    reader.Read();
                }
            }

            return output.ToString();
        }
        catch (XmlException)
        {
            return string.Empty;
        }
    }
}
