using System.Text.Json.Serialization;
using Assessments.Trends;

namespace Assessments.Serialization;

/// <summary>Source-generated System.Text.Json metadata for the public wire types, served as
/// <see cref="AssessmentsJson.TypeInfoResolver"/>.</summary>
[JsonSerializable(typeof(Response))]
[JsonSerializable(typeof(ScoringResult))]
[JsonSerializable(typeof(CourseSummary))]
[JsonSerializable(typeof(Instrument))]
internal sealed partial class AssessmentsJsonContext : JsonSerializerContext
{
}
