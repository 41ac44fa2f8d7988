using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Assessments.Trends;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace Assessments.AspNetCore;

/// <summary>The wire types in the OpenAPI document (the ASP.NET 10 generator): <see cref="Response"/>,
/// <see cref="ScoringResult"/>, <see cref="CourseSummary"/> and <see cref="Assessments.Cohorts.CohortReport"/> are described by the JSON Schemas of the wire format
/// (docs/schemas), not by the CLR shapes the generator would guess (it showed <c>Response</c> as <c>{}</c>).</summary>
public static class AssessmentsOpenApiExtensions
{
    /// <summary>Describes the library's wire types with their JSON Schemas.</summary>
    /// <param name="options">The OpenAPI options.</param>
    /// <returns>The options.</returns>
    public static OpenApiOptions AddAssessmentsSchemas(this OpenApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddDocumentTransformer(new WireSchemas());
        return options;
    }
}

/// <summary>Replaces the generated component schemas of the wire types by the wire format's schemas; their
/// <c>$defs</c> become components of their own (<c>{Prefix}{name}</c>), and references are rewritten to point there.</summary>
internal sealed class WireSchemas : IOpenApiDocumentTransformer
{
    /// <summary>Component name, schema file, prefix of its definitions.</summary>
    private static readonly (string Component, string File, string Prefix)[] Files =
    [
        (nameof(Response), "response.schema.json", "Response"),
        (nameof(ScoringResult), "result.schema.json", "Result"),
        (nameof(CourseSummary), "course-summary.schema.json", "Course"),
        (nameof(Assessments.Cohorts.CohortReport), "cohort.schema.json", "Cohort"),
    ];

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        foreach ((string component, string file, string prefix) in Files)
        {
            JsonObject root = Load(file);
            if (root["$defs"] is JsonObject definitions)
            {
                root.Remove("$defs");
                foreach ((string name, JsonNode? definition) in definitions)
                {
                    if (definition is not null)
                        document.Components.Schemas[prefix + Pascal(name)] = Parse(definition.DeepClone(), document, prefix);
                }
            }

            root.Remove("$schema");
            root.Remove("$id");
            document.Components.Schemas[component] = Parse(root, document, prefix);
        }

        return Task.CompletedTask;
    }

    private static JsonObject Load(string file)
    {
        using Stream stream = typeof(WireSchemas).Assembly.GetManifestResourceStream("Assessments.AspNetCore.Schemas." + file)
            ?? throw new InvalidOperationException($"The embedded schema {file} is missing.");
        return JsonNode.Parse(stream)!.AsObject();
    }

    private static OpenApiSchema Parse(JsonNode schema, OpenApiDocument document, string prefix)
    {
        Rewrite(schema, prefix);
        OpenApiSchema? parsed = OpenApiModelFactory.Parse<OpenApiSchema>(schema.ToJsonString(), OpenApiSpecVersion.OpenApi3_1, document, out _, "json");
        return parsed ?? new OpenApiSchema();
    }

    /// <summary><c>#/$defs/x</c> and <c>other.schema.json#/$defs/x</c> as references to components.</summary>
    private static void Rewrite(JsonNode node, string prefix)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["$ref"] is JsonValue reference && reference.TryGetValue(out string? target))
                    obj["$ref"] = "#/components/schemas/" + Target(target, prefix);
                foreach ((string _, JsonNode? child) in obj)
                {
                    if (child is not null)
                        Rewrite(child, prefix);
                }

                break;
            case JsonArray array:
                foreach (JsonNode? child in array)
                {
                    if (child is not null)
                        Rewrite(child, prefix);
                }

                break;
        }
    }

    /// <summary>The component a reference names: <c>#</c> or a bare file is the file's root component, <c>#/$defs/x</c>
    /// the definition's. Any other pointer (into a definition's properties) has no component and is refused, so a schema
    /// change cannot silently point a client at the wrong shape.</summary>
    internal static string Target(string reference, string current)
    {
        int hash = reference.IndexOf('#', StringComparison.Ordinal);
        string file = hash < 0 ? reference : reference[..hash];
        string pointer = hash < 0 ? "" : reference[(hash + 1)..];
        (string Component, string File, string Prefix) of = file.Length == 0
            ? Array.Find(Files, f => f.Prefix == current)
            : Array.Find(Files, f => f.File == file);
        if (of.Component is null)
            throw new InvalidOperationException($"The schema reference '{reference}' names a file that is not a component.");
        if (pointer.Length == 0)
            return of.Component;
        const string Definitions = "/$defs/";
        if (!pointer.StartsWith(Definitions, StringComparison.Ordinal) || pointer.IndexOf('/', Definitions.Length) >= 0)
            throw new InvalidOperationException($"The schema reference '{reference}' points inside a definition; give that part a definition of its own.");
        return of.Prefix + Pascal(pointer[Definitions.Length..]);
    }

    private static string Pascal(string name) => name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name[1..];
}
