using System.Collections.Generic;
using BenchmarkDotNet.Attributes;

namespace Assessments.Benchmarks;

/// <summary>Validated scoring of one sum-scored response (PHQ-9, MADRS) from an int[]: against the hand-written floor.</summary>
[MemoryDiagnoser]
public class ScoreSum
{
    private int[] _values = [];
    private int?[] _nullable = [];
    private Instrument _instrument = Instruments.Phq9;
    private (int Min, string Band)[] _bands = [];
    private int[] _cuts = [];

    [Params("phq-9", "madrs")]
    public string Id { get; set; } = "phq-9";

    [GlobalSetup]
    public void Setup()
    {
        Instruments.TryGet(Id, out Instrument? instrument);
        _instrument = instrument!;
        _values = Id == "phq-9" ? [1, 2, 3, 1, 2, 3, 0, 1, 2] : [4, 4, 3, 4, 3, 3, 4, 3, 3, 2];
        _nullable = [.. System.Linq.Enumerable.Select(_values, v => (int?)v)];
        _bands = [.. System.Linq.Enumerable.Select(_instrument.DefaultBandSet!.Bands, b => (b.Min, b.Id))];
        _cuts = [.. System.Linq.Enumerable.Skip(System.Linq.Enumerable.Select(_instrument.DefaultBandSet!.Bands, b => b.Min), 1)];
    }

    /// <summary>The near-physical floor: sum and band index over an int[], no validation.</summary>
    [Benchmark(Baseline = true)]
    public int HandWritten()
    {
        int total = 0;
        foreach (int v in _values)
            total += v;
        int band = 0;
        while (band < _cuts.Length && total >= _cuts[band])
            band++;
        return total * 8 + band;
    }

    /// <summary>The documented zero-allocation fast path: validation, total, band and safety priority.</summary>
    [Benchmark]
    public int? FastPath() => _instrument.ScoreQuick(_values).Total;

    /// <summary>The convenience path: a full immutable result with every error, flag and item score.</summary>
    [Benchmark]
    public int? Convenience() => _instrument.Score((IReadOnlyList<int?>)_nullable).Score?.Total;

    /// <summary>The naive way: a FluentValidation validator built per call, LINQ, new lists.</summary>
    [Benchmark]
    public int NaivePerCallValidator() => Naive.Score(_values, _values.Length, _instrument.Items[0].MaxScore, _bands, _instrument.SafetyRules[0].ItemNumber).Total;
}

/// <summary>Per-item ranges (HAM-D 17: items 0-4 and 0-2).</summary>
[MemoryDiagnoser]
public class ScorePerItemRanges
{
    private static readonly int[] Values = [3, 2, 1, 1, 2, 1, 3, 2, 1, 2, 3, 1, 1, 0, 2, 1, 1];
    private static readonly int[] Maxima = [4, 4, 4, 2, 2, 2, 4, 4, 4, 4, 4, 2, 2, 2, 4, 2, 2];

    [Benchmark(Baseline = true)]
    public int HandWritten()
    {
        int total = 0;
        for (int i = 0; i < Values.Length; i++)
        {
            if ((uint)Values[i] > (uint)Maxima[i])
                return -1;
            total += Values[i];
        }

        return total;
    }

    [Benchmark]
    public int? FastPath() => Instruments.Hamd17.ScoreQuick(Values).Total;
}

/// <summary>Max-of-domain (QIDS-SR16).</summary>
[MemoryDiagnoser]
public class ScoreMaxOfDomain
{
    private static readonly int[] Values = [3, 0, 1, 2, 2, 0, 3, 1, 0, 1, 1, 0, 2, 1, 0, 2];

    [Benchmark(Baseline = true)]
    public int HandWritten()
    {
        int[] v = Values;
        foreach (int x in v)
        {
            if ((uint)x > 3)
                return -1;
        }

        return System.Math.Max(System.Math.Max(v[0], v[1]), System.Math.Max(v[2], v[3])) + v[4]
            + System.Math.Max(System.Math.Max(v[5], v[6]), System.Math.Max(v[7], v[8]))
            + v[9] + v[10] + v[11] + v[12] + v[13] + System.Math.Max(v[14], v[15]);
    }

    [Benchmark]
    public int? FastPath() => Instruments.QidsSr16.ScoreQuick(Values).Total;
}

/// <summary>Reverse keying by option position (EPDS).</summary>
[MemoryDiagnoser]
public class ScoreReverseKeyed
{
    private static readonly int[] Positions = [0, 1, 2, 0, 1, 2, 3, 0, 1, 3];
    private static readonly bool[] Reversed = [false, false, true, false, true, true, true, true, true, true];
    private static readonly ScoringOptions ByPosition = new() { Values = ResponseValueKind.OptionPositions };

    [Benchmark(Baseline = true)]
    public int HandWritten()
    {
        int total = 0;
        for (int i = 0; i < Positions.Length; i++)
        {
            if ((uint)Positions[i] > 3)
                return -1;
            total += Reversed[i] ? 3 - Positions[i] : Positions[i];
        }

        return total;
    }

    [Benchmark]
    public int? FastPath() => Instruments.Epds.ScoreQuick(Positions, ByPosition).Total;
}

/// <summary>An invalid response costs no more than 10x a valid one: no exception on the patient-data path.</summary>
[MemoryDiagnoser]
public class ValidateInvalid
{
    private static readonly int[] Valid = [1, 2, 3, 1, 2, 3, 0, 1, 2];
    private static readonly int[] Invalid = [7, 2, 3, 1, -2, 3, 0, 1, 9];
    private static readonly int?[] ValidNullable = [1, 2, 3, 1, 2, 3, 0, 1, 2];
    private static readonly int?[] InvalidNullable = [7, 2, 3, 1, -2, 3, 0, 1, null];

    [Benchmark(Baseline = true)]
    public bool FastPathValid() => Instruments.Phq9.ScoreQuick(Valid).IsSuccess;

    [Benchmark]
    public bool FastPathInvalid() => Instruments.Phq9.ScoreQuick(Invalid).IsSuccess;

    [Benchmark]
    public bool ConvenienceValid() => Instruments.Phq9.Score(ValidNullable).IsSuccess;

    [Benchmark]
    public bool ConvenienceInvalid() => Instruments.Phq9.Score(InvalidNullable).IsSuccess;
}
