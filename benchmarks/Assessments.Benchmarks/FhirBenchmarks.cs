using System;
using System.IO;
using System.Text;
using System.Text.Json;
using Assessments.Fhir;
using BenchmarkDotNet.Attributes;
using Hl7.Fhir.FhirPath;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.FhirPath;

namespace Assessments.Benchmarks;

/// <summary>
/// One PHQ-9 QuestionnaireResponse as LHC-Forms writes it (the fixture of the FHIR tests), scored four ways in one run:
/// the hand-written floor (a Utf8JsonReader walk that adds the answer weights, no checks), the library's fast path
/// (<see cref="QuestionnaireResponseImporter.ScoreUtf8"/>), the library's Firely path, and Firely parse plus a compiled
/// FHIRPath expression for the same total (what a .NET clinic does without this library).
/// </summary>
[MemoryDiagnoser]
public class FhirImportBenchmark
{
    /// <summary>The total as FHIRPath, as cheap as it can be written for this flat form: LL358-3 answers counted by
    /// weight, from the response as the focus (no %resource, no repeat()).</summary>
    private const string TotalExpression =
        "item.answer.value.where(code = 'LA6569-3').count() * 1 + item.answer.value.where(code = 'LA6570-1').count() * 2 + item.answer.value.where(code = 'LA6571-9').count() * 3";

    private static readonly string Json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "lhc-forms-phq9-response.json"));
    private static readonly byte[] Utf8 = Encoding.UTF8.GetBytes(Json);
    private static readonly CompiledExpression Compiled = new FhirPathCompiler().Compile(TotalExpression);
    private readonly FhirJsonDeserializer _deserializer = new();

    /// <summary>The floor: read every token once, add the weight of each LL358-3 code. No identification, no checks.</summary>
    [Benchmark(Baseline = true)]
    public int HandWrittenWalk()
    {
        var reader = new Utf8JsonReader(Utf8);
        int total = 0;
        bool code = false;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName)
            {
                code = reader.ValueTextEquals("code"u8);
            }
            else if (code && reader.TokenType == JsonTokenType.String)
            {
                if (reader.ValueTextEquals("LA6569-3"u8))
                    total += 1;
                else if (reader.ValueTextEquals("LA6570-1"u8))
                    total += 2;
                else if (reader.ValueTextEquals("LA6571-9"u8))
                    total += 3;
            }
        }

        return total;
    }

    /// <summary>The library's fast path: identified, validated, scored, every flag; the result object.</summary>
    [Benchmark]
    public int FastPath() => QuestionnaireResponseImporter.ScoreUtf8(Utf8).Score!.Total ?? -1;

    /// <summary>The library through Firely's parser (JSON text to POCO, then the same evaluation).</summary>
    [Benchmark]
    public int FirelyPath() => QuestionnaireResponseImporter.ScoreJson(Json).Score!.Total ?? -1;

    /// <summary>Firely parse and a compiled FHIRPath expression for the total: no validation, no flags.</summary>
    [Benchmark]
    public int FirelyParsePlusFhirPath()
    {
        var response = (QuestionnaireResponse)_deserializer.DeserializeResource(Json);
        var context = new FhirEvaluationContext();
        object? value = Compiled.Scalar(response.ToPocoNode(), context);
        return Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>
/// A hostile-sized QuestionnaireResponse (issue 17: a 1 MB response took 9 s of CPU, the identification being
/// quadratic): a PHQ-9 whose items are followed by <see cref="Items"/> unknown items, each with an answer. The time per
/// item must stay flat from 800 to 8,000 items (about 80 KB to 800 KB, under the 1 MiB document limit): linear, not quadratic.
/// </summary>
[MemoryDiagnoser]
public class FhirLargeResponse
{
    private byte[] _utf8 = [];

    /// <summary>Unknown answered items after the PHQ-9's nine.</summary>
    [Params(800, 8_000)]
    public int Items { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var json = new StringBuilder("{\"resourceType\":\"QuestionnaireResponse\",\"status\":\"completed\",\"item\":[");
        foreach (string code in new[] { "44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2", "44252-5", "44253-3", "44260-8" })
            json.Append("{\"linkId\":\"/44249-1/").Append(code).Append("\",\"answer\":[{\"valueInteger\":1}]},");
        for (int i = 0; i < Items; i++)
            json.Append("{\"linkId\":\"/x-").Append(i).Append("\",\"text\":\"padding padding padding padding padding padding\",\"answer\":[{\"valueInteger\":1}]},");
        json.Length--;
        json.Append("]}");
        _utf8 = Encoding.UTF8.GetBytes(json.ToString());
    }

    /// <summary>The fast path over the whole document (every unknown linkId is a coded error; item 9 is flagged).</summary>
    [Benchmark]
    public int FastPath() => QuestionnaireResponseImporter.ScoreUtf8(_utf8).Errors.Length;
}
