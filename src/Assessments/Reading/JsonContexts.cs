using System.Text.Encodings.Web;
using System.Text.Json;

namespace Assessments.Reading;

/// <summary>The source-generated contexts with a relaxed encoder: the wire format is JSON for programs, not HTML,
/// so '+' in an offset and letters such as 'Å' are written as themselves.</summary>
internal static class JsonContexts
{
    public static readonly WireContext Wire = new(Options(WireContext.Default.Options));
    public static readonly CourseContext Course = new(Options(CourseContext.Default.Options));
    public static readonly DefinitionContext Definition = new(Options(DefinitionContext.Default.Options));

    private static JsonSerializerOptions Options(JsonSerializerOptions generated) =>
        new(generated) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
