using System;
using System.Linq;
using Assessments.Trends;
using BenchmarkDotNet.Attributes;

namespace Assessments.Benchmarks;

/// <summary>Course summary at 10, 1,000 and 100,000 assessments, to show how cost grows.</summary>
[MemoryDiagnoser]
public class CourseSummaryBenchmark
{
    private CourseAssessment[] _assessments = [];
    private int[] _totals = [];
    private TreatmentSession[] _sessions = [];

    [Params(10, 1_000, 100_000)]
    public int Assessments { get; set; } = 10;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        var t0 = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
        _totals = new int[Assessments];
        _assessments = new CourseAssessment[Assessments];
        for (int i = 0; i < Assessments; i++)
        {
            _totals[i] = i == 0 ? 34 : random.Next(0, 61);
            CourseAssessment.TryFromTotal(t0.AddHours(i * 12 - 1), Instruments.Madrs, _totals[i], out CourseAssessment? a);
            _assessments[i] = a!;
        }

        _sessions = [.. Enumerable.Range(0, 6).Select(d => new TreatmentSession(t0.AddDays(d * 2), TreatmentKinds.Infusion))];
    }

    /// <summary>Hand-written floor: statuses over an int[] of totals against the first (response, remission, relapse run).</summary>
    [Benchmark(Baseline = true)]
    public int HandWritten()
    {
        int b = _totals[0], responded = 0, run = 0, loss = -1;
        for (int i = 1; i < _totals.Length; i++)
        {
            int c = _totals[i];
            bool meets = c <= 10 || 2 * (b - c) >= b;
            if (meets)
            {
                responded++;
                run = 0;
            }
            else if (responded > 0 && ++run == 2 && loss < 0)
            {
                loss = i - 1;
            }
        }

        return responded + loss;
    }

    [Benchmark]
    public int Library() => TreatmentCourse.Summarize(Instruments.Madrs, _assessments, _sessions).Summary!.Assessments.Length;
}

/// <summary>A course document end to end in the library: read the UTF-8 bytes, score every assessment (MADRS items),
/// summarise, and write the course JSON (output discarded). The baseline is a hand-written reader that sums each
/// assessment's items and writes nothing: the floor of reading the document at all.</summary>
[MemoryDiagnoser]
public class CourseDocumentBenchmark
{
    private byte[] _document = [];

    [Params(100_000, 1_000_000)]
    public int Assessments { get; set; } = 100_000;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        var t0 = new DateTimeOffset(2020, 1, 1, 9, 0, 0, TimeSpan.Zero);
        var text = new System.Text.StringBuilder("{\"instrument\":\"madrs\",\"treatments\":[");
        for (int k = 0; k < Math.Min(Assessments / 50, 5000); k++)
            text.Append(k == 0 ? "" : ",").Append("{\"at\":\"").Append(t0.AddDays(7 * k).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture)).Append("\",\"kind\":\"iv-ketamine\"}");
        text.Append("],\"assessments\":[");
        for (int i = 0; i < Assessments; i++)
        {
            text.Append(i == 0 ? "\n" : ",\n").Append("{\"at\":\"").Append(t0.AddMinutes((30 * i) - 60).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture)).Append("\",\"items\":[");
            for (int j = 0; j < 10; j++)
                text.Append(j == 0 ? "" : ",").Append(random.Next(0, 5));
            text.Append("]}");
        }

        _document = System.Text.Encoding.UTF8.GetBytes(text.Append("]}").ToString());
    }

    [Benchmark(Baseline = true)]
    public long HandWrittenRead()
    {
        var reader = new System.Text.Json.Utf8JsonReader(_document);
        long sum = 0;
        while (reader.Read())
        {
            if (reader.TokenType == System.Text.Json.JsonTokenType.Number)
                sum += reader.GetInt32();
        }

        return sum;
    }

    [Benchmark]
    public int ReadSummarizeWrite()
    {
        CourseReadResult read = TreatmentCourse.SummarizeDocument(_document, null, null);
        global::Assessments.Serialization.CourseJson.Write(read.Summary!, System.IO.Stream.Null);
        return read.Summary!.Assessments.Length;
    }
}

/// <summary>A cohort built from course documents (the sample clinic cohort, repeated to 6,060 courses with new ids), on
/// one worker and on one per core: what the second core buys (issue 18: partition, accumulate, merge).</summary>
[MemoryDiagnoser]
public class CohortBuild
{
    private System.ReadOnlyMemory<byte>[] _documents = [];

    /// <summary>Worker threads.</summary>
    [Params(1, 2)]
    public int Workers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        string[] lines = System.IO.File.ReadAllLines(System.IO.Path.Combine(System.AppContext.BaseDirectory, "Fixtures", "clinic-cohort.ndjson"));
        var documents = new System.Collections.Generic.List<System.ReadOnlyMemory<byte>>();
        for (int copy = 0; copy < 20; copy++)
        {
            foreach (string line in lines)
                documents.Add(System.Text.Encoding.UTF8.GetBytes(line.Replace("\"id\":\"p-", $"\"id\":\"c{copy}-p-", System.StringComparison.Ordinal)));
        }

        _documents = [.. documents];
    }

    /// <summary>Read, summarise and accumulate every course, then merge the workers' states and compute the figures.</summary>
    [Benchmark]
    public long Build() => Assessments.Cohorts.CohortBuilder.Build(_documents, workers: Workers).Report().Courses;
}

/// <summary>Adding summarised courses to a cohort's state, the summaries made beforehand (issue 18: well under a
/// microsecond a course beyond summarising it, allocation-free in steady state). A fresh state per invocation, so the
/// bytes include its growth (group tables, the flag list's chunks), shared over 6,060 courses.</summary>
[MemoryDiagnoser]
public class CohortAccumulate
{
    private const int Count = 6060;
    private (string Id, Assessments.Trends.CourseSummary Summary)[] _courses = [];

    [GlobalSetup]
    public void Setup()
    {
        string[] lines = System.IO.File.ReadAllLines(System.IO.Path.Combine(System.AppContext.BaseDirectory, "Fixtures", "clinic-cohort.ndjson"));
        var courses = new System.Collections.Generic.List<(string, Assessments.Trends.CourseSummary)>();
        for (int copy = 0; courses.Count < Count; copy++)
        {
            foreach (string line in lines)
            {
                if (Assessments.Trends.TreatmentCourse.SummarizeDocument(System.Text.Encoding.UTF8.GetBytes(line), null, null).Summary is { } summary && courses.Count < Count)
                    courses.Add(($"c{copy}-{courses.Count}", summary));
            }
        }

        _courses = [.. courses];
    }

    /// <summary>Every course added to a new state.</summary>
    [Benchmark(OperationsPerInvoke = Count)]
    public long Add()
    {
        var state = new Assessments.Cohorts.CohortState();
        foreach ((string id, Assessments.Trends.CourseSummary summary) in _courses)
            state.Add(id, summary);
        return state.Courses;
    }
}
