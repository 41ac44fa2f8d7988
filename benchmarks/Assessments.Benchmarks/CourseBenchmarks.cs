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
