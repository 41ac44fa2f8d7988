using System.Collections.Generic;
using BenchmarkDotNet.Attributes;

namespace Assessments.Benchmarks;

/// <summary>Scoring one PHQ-9 response: the library's validated path against a hand-written sum and band lookup.</summary>
[MemoryDiagnoser]
public class ScorePhq9
{
    private static readonly int[] Scores = [1, 2, 3, 1, 2, 3, 0, 1, 2];
    private static readonly int?[] Values = [1, 2, 3, 1, 2, 3, 0, 1, 2];
    private static readonly int[] Cuts = [5, 10, 15, 20];

    /// <summary>The near-physical floor: sum and band index over an int[], no validation.</summary>
    [Benchmark(Baseline = true)]
    public int HandWrittenSumAndBand()
    {
        int total = 0;
        foreach (int s in Scores)
            total += s;
        int band = 0;
        while (band < Cuts.Length && total >= Cuts[band])
            band++;
        return total * 8 + band;
    }

    /// <summary>The library: validation (FluentValidation), keying, total, band and safety flags.</summary>
    [Benchmark]
    public int? Library() => Instruments.Phq9.Score((IReadOnlyList<int?>)Values).Score!.Total;
}
