using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace Assessments.Cohorts;

/// <summary>A proportion with its 95 % Wilson score interval (Newcombe 1998, Stat Med 17:857, method 3).</summary>
public sealed class Proportion
{
    private const double Z = 1.959963984540054;

    internal Proportion(long n, long x)
    {
        N = n;
        X = x;
        if (n <= 0)
            return;
        double p = (double)x / n;
        double z2 = Z * Z;
        double centre = p + (z2 / (2 * n));
        double spread = Z * Math.Sqrt((p * (1 - p) / n) + (z2 / (4.0 * n * n)));
        double denominator = 1 + (z2 / n);
        Rate = p;
        Lower = Math.Max(0, (centre - spread) / denominator);
        Upper = Math.Min(1, (centre + spread) / denominator);
    }

    /// <summary>How many were counted (the denominator).</summary>
    public long N { get; }

    /// <summary>How many had the outcome.</summary>
    public long X { get; }

    /// <summary>x / n; null when n is 0.</summary>
    public double? Rate { get; }

    /// <summary>The interval's lower bound; null when n is 0.</summary>
    public double? Lower { get; }

    /// <summary>The interval's upper bound; null when n is 0.</summary>
    public double? Upper { get; }
}

/// <summary>One distinct time of a Kaplan–Meier curve.</summary>
public sealed class SurvivalStep
{
    internal SurvivalStep(double days, long atRisk, long events, long censored, double survival, double? lower, double? upper)
    {
        Days = days;
        AtRisk = atRisk;
        Events = events;
        Censored = censored;
        Survival = survival;
        Lower = lower;
        Upper = upper;
    }

    /// <summary>The time, in days from the origin.</summary>
    public double Days { get; }

    /// <summary>Subjects at risk just before it.</summary>
    public long AtRisk { get; }

    /// <summary>Events at it.</summary>
    public long Events { get; }

    /// <summary>Censorings at it (after its events).</summary>
    public long Censored { get; }

    /// <summary>S(t), the product-limit estimate.</summary>
    public double Survival { get; }

    /// <summary>95 % log-log lower bound; null where undefined (S is 0 or 1).</summary>
    public double? Lower { get; }

    /// <summary>95 % log-log upper bound; null where undefined.</summary>
    public double? Upper { get; }
}

/// <summary>S at a reporting day (S at day d includes events at d).</summary>
public sealed class SurvivalAt
{
    internal SurvivalAt(int day, double? survival, double? lower, double? upper, long atRisk)
    {
        Day = day;
        Survival = survival;
        Lower = lower;
        Upper = upper;
        AtRisk = atRisk;
    }

    /// <summary>The day.</summary>
    public int Day { get; }

    /// <summary>S(day); null past the last observed time.</summary>
    public double? Survival { get; }

    /// <summary>Lower bound, or null.</summary>
    public double? Lower { get; }

    /// <summary>Upper bound, or null.</summary>
    public double? Upper { get; }

    /// <summary>At risk at the day: those whose time is the day or later.</summary>
    public long AtRisk { get; }
}

/// <summary>A Kaplan–Meier curve (docs/cohorts.md): product limit with events before censorings at a tied time,
/// Greenwood variance, 95 % intervals on the log-log scale (R <c>survfit(conf.type = "log-log")</c>), the median by the
/// R survival convention, and S at the reporting days.</summary>
public sealed class KaplanMeier
{
    private const double Z = 1.959963984540054;

    /// <summary>The reporting days.</summary>
    public static ImmutableArray<int> ReportDays { get; } = [1, 7, 14, 28, 56, 84, 182, 365];

    internal KaplanMeier(IReadOnlyDictionary<long, (long Events, long Censored)> table)
    {
        long n = table.Values.Sum(v => v.Events + v.Censored);
        N = n;
        Events = table.Values.Sum(v => v.Events);
        var steps = ImmutableArray.CreateBuilder<SurvivalStep>();
        var all = new List<(double Days, long AtRisk, long Events, long Censored, double S, double? Lower, double? Upper)>();
        double s = 1, greenwood = 0;
        long atRisk = n;
        foreach ((long ticks, (long d, long c)) in table.OrderBy(p => p.Key))
        {
            double days = ticks / (double)TimeSpan.TicksPerDay;
            double? lower = null, upper = null;
            if (d > 0)
            {
                s *= 1 - ((double)d / atRisk);
                greenwood = atRisk > d ? greenwood + ((double)d / (atRisk * (double)(atRisk - d))) : double.NaN;
                (lower, upper) = Interval(s, greenwood);
                steps.Add(new SurvivalStep(days, atRisk, d, c, s, lower, upper));
            }
            else
            {
                (lower, upper) = Interval(s, greenwood);
            }

            all.Add((days, atRisk, d, c, s, lower, upper));
            atRisk -= d + c;
        }

        Curve = steps.ToImmutable();
        Censorings = [.. all.Where(r => r.Censored > 0).Select(r => (r.Days, r.Censored, r.S))];
        (Median, MedianLower, MedianUpper) = Medians(Curve);
        var at = ImmutableArray.CreateBuilder<SurvivalAt>(ReportDays.Length);
        double lastTime = all.Count == 0 ? 0 : all[^1].Days;
        foreach (int day in ReportDays)
        {
            if (all.Count == 0 || day > lastTime)
            {
                at.Add(new SurvivalAt(day, null, null, null, 0));
                continue;
            }

            // S at day d includes events at d; the number at risk at d counts those whose time is d or later (R's
            // summary(survfit, times = d) and the risk tables journals print).
            double sv = 1;
            double? lo = null, up = null;
            long risk = n;
            foreach (var row in all)
            {
                if (row.Days > day)
                    break;
                if (row.Days < day)
                    risk -= row.Events + row.Censored;
                if (row.Events > 0)
                    (sv, lo, up) = (row.S, row.Lower, row.Upper);
            }

            at.Add(new SurvivalAt(day, sv, lo, up, risk));
        }

        At = at.MoveToImmutable();
    }

    /// <summary>Subjects.</summary>
    public long N { get; }

    /// <summary>Events.</summary>
    public long Events { get; }

    /// <summary>The median time in days; null when not reached.</summary>
    public double? Median { get; }

    /// <summary>The median's 95 % lower bound (from the lower curve); null when not reached.</summary>
    public double? MedianLower { get; }

    /// <summary>The median's 95 % upper bound (from the upper curve); null when not reached.</summary>
    public double? MedianUpper { get; }

    /// <summary>Each distinct event time.</summary>
    public ImmutableArray<SurvivalStep> Curve { get; }

    /// <summary>Each time with a censoring: when, how many, and S there (for the censoring marks of a figure).</summary>
    public ImmutableArray<(double Days, long Count, double Survival)> Censorings { get; }

    /// <summary>S at days 1, 7, 14, 28, 56, 84, 182, 365.</summary>
    public ImmutableArray<SurvivalAt> At { get; }

    /// <summary>Log-log 95 % interval; null at S = 0 or 1, or when no one is left at risk (Greenwood undefined).</summary>
    private static (double? Lower, double? Upper) Interval(double s, double greenwood)
    {
        if (s <= 0 || s >= 1 || double.IsNaN(greenwood))
            return (null, null);
        double se = Math.Sqrt(greenwood); // standard error of the cumulative hazard -log S (Greenwood)
        double logH = Math.Log(-Math.Log(s));
        double shift = Z * se / -Math.Log(s);
        return (Math.Exp(-Math.Exp(logH + shift)), Math.Exp(-Math.Exp(logH - shift)));
    }

    /// <summary>The R survival convention: the smallest time with S ≤ 0.5, except where S is exactly 0.5 from tᵢ to the
    /// next event time (the midpoint); the bounds from the interval curves the same way.</summary>
    private static (double?, double?, double?) Medians(ImmutableArray<SurvivalStep> curve) =>
        (MedianOf(curve, c => c.Survival), MedianOf(curve, c => c.Lower), MedianOf(curve, c => c.Upper));

    private static double? MedianOf(ImmutableArray<SurvivalStep> curve, Func<SurvivalStep, double?> value)
    {
        const double Tolerance = 1e-12;
        for (int i = 0; i < curve.Length; i++)
        {
            if (value(curve[i]) is not double v)
                continue; // an undefined bound (S at 0) reaches nothing, as in R

            if (Math.Abs(v - 0.5) < Tolerance)
                return i + 1 < curve.Length ? (curve[i].Days + curve[i + 1].Days) / 2 : curve[i].Days;
            if (v < 0.5)
                return curve[i].Days;
        }

        return null;
    }
}
