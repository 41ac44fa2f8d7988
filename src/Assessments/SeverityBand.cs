using System;
using System.Collections.Immutable;

namespace Assessments;

/// <summary>A severity band: an inclusive range of totals with a stable id and a label.</summary>
public sealed class SeverityBand : IEquatable<SeverityBand>
{
    /// <summary>Creates a band.</summary>
    /// <param name="id">Stable wire id, such as <c>moderately-severe</c>.</param>
    /// <param name="label">Human-readable label, such as <c>Moderately severe</c>.</param>
    /// <param name="min">Lowest total in the band (inclusive).</param>
    /// <param name="max">Highest total in the band (inclusive).</param>
    public SeverityBand(string id, string label, int min, int max)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, min);
        Id = id;
        Label = label;
        Min = min;
        Max = max;
    }

    /// <summary>Stable wire id.</summary>
    public string Id { get; }

    /// <summary>Human-readable label.</summary>
    public string Label { get; }

    /// <summary>Lowest total in the band (inclusive).</summary>
    public int Min { get; }

    /// <summary>Highest total in the band (inclusive).</summary>
    public int Max { get; }

    /// <summary>Whether a total lies in the band.</summary>
    /// <param name="total">The total.</param>
    /// <returns>True when <paramref name="total"/> is between <see cref="Min"/> and <see cref="Max"/>.</returns>
    public bool Contains(int total) => total >= Min && total <= Max;

    /// <inheritdoc />
    public bool Equals(SeverityBand? other) =>
        other is not null && Id == other.Id && Label == other.Label && Min == other.Min && Max == other.Max;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as SeverityBand);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, Min, Max);

    /// <inheritdoc />
    public override string ToString() => $"{Label} ({Min}-{Max})";
}

/// <summary>A named, cited set of severity bands that covers an instrument's total range without gap or overlap.</summary>
public sealed class BandSet
{
    private readonly SeverityBand?[] _lookup;
    private readonly int _offset;

    /// <summary>Creates a band set and checks that it covers <paramref name="minTotal"/>..<paramref name="maxTotal"/>
    /// with no gap or overlap.</summary>
    /// <param name="id">Stable id of the set, such as <c>snaith-1986</c>.</param>
    /// <param name="citation">The published source of the cut-offs.</param>
    /// <param name="bands">The bands, in ascending order.</param>
    /// <param name="minTotal">The instrument's lowest total.</param>
    /// <param name="maxTotal">The instrument's highest total.</param>
    /// <exception cref="ArgumentException">The bands leave a gap, overlap, or miss the range.</exception>
    public BandSet(string id, string citation, ImmutableArray<SeverityBand> bands, int minTotal, int maxTotal)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(citation);
        if (bands.IsDefaultOrEmpty)
            throw new ArgumentException("A band set needs at least one band.", nameof(bands));
        string? problem = BandCoverage.FindProblem(bands, minTotal, maxTotal);
        if (problem is not null)
            throw new ArgumentException($"Band set '{id}': {problem}", nameof(bands));

        Id = id;
        Citation = citation;
        Bands = bands;
        _offset = minTotal;
        _lookup = new SeverityBand?[maxTotal - minTotal + 1];
        foreach (SeverityBand band in bands)
        {
            for (int t = band.Min; t <= band.Max; t++)
                _lookup[t - minTotal] = band;
        }
    }

    /// <summary>Stable id of the set.</summary>
    public string Id { get; }

    /// <summary>The published source of the cut-offs.</summary>
    public string Citation { get; }

    /// <summary>The bands, in ascending order of totals.</summary>
    public ImmutableArray<SeverityBand> Bands { get; }

    /// <summary>The band a total falls in.</summary>
    /// <param name="total">A total inside the instrument's range.</param>
    /// <returns>The one band containing <paramref name="total"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The total is outside the range the set covers.</exception>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public SeverityBand Classify(int total)
    {
        int index = unchecked(total - _offset);
        if ((uint)index >= (uint)_lookup.Length)
            OutsideTheRange(total);
        return _lookup[index]!;
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void OutsideTheRange(int total) =>
        throw new ArgumentOutOfRangeException(nameof(total), "The total is outside the instrument's range.");
}

internal static class BandCoverage
{
    /// <summary>Describes the first coverage problem (gap, overlap, outside the range), or null when there is none.</summary>
    internal static string? FindProblem(ImmutableArray<SeverityBand> bands, int minTotal, int maxTotal)
    {
        var problems = ImmutableArray.CreateBuilder<string>();
        CollectProblems(bands, minTotal, maxTotal, problems);
        return problems.Count == 0 ? null : problems[0];
    }

    /// <summary>Lists every coverage problem of a band list, in order.</summary>
    internal static void CollectProblems(ImmutableArray<SeverityBand> bands, int minTotal, int maxTotal, ImmutableArray<string>.Builder problems)
    {
        if (bands.IsDefaultOrEmpty)
        {
            problems.Add($"no band covers {minTotal}-{maxTotal}.");
            return;
        }

        SeverityBand[] sorted = [.. bands];
        Array.Sort(sorted, (a, b) => a.Min.CompareTo(b.Min));
        if (sorted[0].Min > minTotal)
            problems.Add($"totals {minTotal}-{sorted[0].Min - 1} lie below band '{sorted[0].Id}' and in no band.");
        if (sorted[0].Min < minTotal)
            problems.Add($"band '{sorted[0].Id}' starts at {sorted[0].Min}, below the lowest total {minTotal}.");
        for (int i = 1; i < sorted.Length; i++)
        {
            SeverityBand previous = sorted[i - 1];
            SeverityBand current = sorted[i];
            if (current.Min > previous.Max + 1)
                problems.Add($"gap between band '{previous.Id}' (ends at {previous.Max}) and band '{current.Id}' (starts at {current.Min}).");
            else if (current.Min <= previous.Max)
                problems.Add($"band '{previous.Id}' ({previous.Min}-{previous.Max}) overlaps band '{current.Id}' ({current.Min}-{current.Max}).");
        }

        SeverityBand last = sorted[^1];
        int highest = int.MinValue;
        foreach (SeverityBand b in sorted)
            highest = Math.Max(highest, b.Max);
        if (highest < maxTotal)
            problems.Add($"totals {highest + 1}-{maxTotal} lie above band '{last.Id}' and in no band.");
        if (highest > maxTotal)
            problems.Add($"band '{last.Id}' ends at {highest}, above the highest total {maxTotal}.");
    }
}
