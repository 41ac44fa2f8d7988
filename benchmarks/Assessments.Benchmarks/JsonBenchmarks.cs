using System;
using System.Buffers;
using System.IO;
using System.Text;
using System.Text.Json;
using Assessments.Serialization;
using BenchmarkDotNet.Attributes;
using Assessments.Batches;

namespace Assessments.Benchmarks;

/// <summary>Deserialize + score + serialize one response document.</summary>
[MemoryDiagnoser]
public class JsonOneResponse : IDisposable
{
    private const string Document = """{"id":"visit-0142","instrument":"phq-9","items":[1,2,3,1,2,3,0,1,2]}""";
    private static readonly byte[] Utf8 = Encoding.UTF8.GetBytes(Document + "\n");
    private readonly ArrayBufferWriter<byte> _sink = new(1024);
    private readonly MemoryStream _output = new(1024);

    public void Dispose()
    {
        _output.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Hand-written: Utf8JsonReader for the items, a sum, a Utf8JsonWriter for the total. No validation.</summary>
    [Benchmark(Baseline = true)]
    public int HandWritten()
    {
        int total = HandWrittenSum(Utf8.AsSpan(0, Utf8.Length - 1));

        _sink.ResetWrittenCount();
        using var writer = new Utf8JsonWriter(_sink);
        writer.WriteStartObject();
        writer.WriteNumber("total"u8, total);
        writer.WriteEndObject();
        writer.Flush();
        return _sink.WrittenCount;
    }

    /// <summary>The hand-written floor's parse: sum the numbers of the "items" array, no validation.</summary>
    internal static int HandWrittenSum(ReadOnlySpan<byte> document)
    {
        var reader = new Utf8JsonReader(document);
        int total = 0;
        bool inItems = false;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName)
                inItems = reader.ValueTextEquals("items"u8);
            else if (inItems && reader.TokenType == JsonTokenType.Number)
                total += reader.GetInt32();
        }

        return total;
    }

    /// <summary>The library's document API: ReadResponse, Score, WriteResult (source-generated).</summary>
    [Benchmark]
    public int DocumentApi()
    {
        ResponseReadResult read = AssessmentsJson.ReadResponse(Document);
        return AssessmentsJson.WriteResult(read.Instrument!.Score(read.Response!)).Length;
    }

    /// <summary>The one-call document path: bytes in, result JSON into a buffer writer.</summary>
    [Benchmark]
    public int ScoreDocument()
    {
        _sink.ResetWrittenCount();
        AssessmentsJson.ScoreDocument(Utf8.AsSpan(0, Utf8.Length - 1), _sink);
        return _sink.WrittenCount;
    }

    /// <summary>The typed path from bytes: ReadResponse, Score, WriteResult onto a buffer writer.</summary>
    [Benchmark]
    public int TypedFromBytes()
    {
        _sink.ResetWrittenCount();
        ResponseReadResult read = AssessmentsJson.ReadResponse(Utf8.AsSpan(0, Utf8.Length - 1), null);
        AssessmentsJson.WriteResult(read.Instrument!.Score(read.Response!), _sink);
        return _sink.WrittenCount;
    }

    /// <summary>What ASP.NET does with the converters: JsonSerializer binds a Response and writes the ScoringResult.</summary>
    [Benchmark]
    public int JsonSerializerPath()
    {
        _sink.ResetWrittenCount();
        Response response = JsonSerializer.Deserialize<Response>(Utf8.AsSpan(0, Utf8.Length - 1), AssessmentsJson.SerializerOptions)!;
        using var writer = new Utf8JsonWriter(_sink);
        JsonSerializer.Serialize(writer, Instruments.Score(response), AssessmentsJson.SerializerOptions);
        writer.Flush();
        return _sink.WrittenCount;
    }

    /// <summary>The streaming batch path for a one-line batch.</summary>
    [Benchmark]
    public long BatchOfOne()
    {
        _output.SetLength(0);
        return BatchScoring.ScoreNdjson(new MemoryStream(Utf8, writable: false), _output).Scored;
    }
}

/// <summary>An NDJSON batch of PHQ-9 responses streamed through the library (output discarded).</summary>
[MemoryDiagnoser]
public class NdjsonBatch
{
    private byte[] _input = [];

    [Params(10_000, 100_000)]
    public int Lines { get; set; } = 10_000;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        var sb = new StringBuilder();
        for (int i = 0; i < Lines; i++)
        {
            sb.Append("{\"id\":\"visit-").Append(i).Append("\",\"instrument\":\"phq-9\",\"items\":[");
            for (int j = 0; j < 9; j++)
                sb.Append(j == 0 ? "" : ",").Append(random.Next(0, 4));
            sb.Append("]}\n");
        }

        _input = Encoding.UTF8.GetBytes(sb.ToString());
    }

    /// <summary>Hand-written: split lines, read items with Utf8JsonReader, sum, write the total. No validation.</summary>
    [Benchmark(Baseline = true)]
    public long HandWritten()
    {
        var sink = new ArrayBufferWriter<byte>(1 << 16);
        using var writer = new Utf8JsonWriter(sink);
        long sum = 0;
        ReadOnlySpan<byte> rest = _input;
        while (!rest.IsEmpty)
        {
            int nl = rest.IndexOf((byte)'\n');
            ReadOnlySpan<byte> line = nl < 0 ? rest : rest[..nl];
            rest = nl < 0 ? default : rest[(nl + 1)..];
            int total = JsonOneResponse.HandWrittenSum(line);

            writer.Reset(sink);
            writer.WriteStartObject();
            writer.WriteNumber("total"u8, total);
            writer.WriteEndObject();
            writer.Flush();
            if (sink.WrittenCount > 1 << 15)
                sink.ResetWrittenCount();
            sum += total;
        }

        return sum;
    }

    /// <summary>The library: validated, scored, flagged, the full result line per document, streamed.</summary>
    [Benchmark]
    public long Library() => BatchScoring.ScoreNdjson(new MemoryStream(_input, writable: false), Stream.Null).Scored;
}

/// <summary>Loading a clinic-defined instrument (JSON definition, FluentValidation, construction).</summary>
[MemoryDiagnoser]
public class LoadDefinition
{
    private static readonly string Json = InstrumentDefinitions.Export(Instruments.Phq9);

    /// <summary>Hand-written floor: parse the JSON into a DOM, nothing validated or built.</summary>
    [Benchmark(Baseline = true)]
    public int ParseOnly()
    {
        using JsonDocument document = JsonDocument.Parse(Json);
        return document.RootElement.GetProperty("items").GetArrayLength();
    }

    [Benchmark]
    public int Library() => InstrumentDefinitions.Load(Json).Instrument!.Items.Length;
}
