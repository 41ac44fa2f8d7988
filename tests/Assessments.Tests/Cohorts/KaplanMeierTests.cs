using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Assessments.Cohorts;
using Xunit;

namespace Assessments.Tests.Cohorts;

/// <summary>The Kaplan–Meier estimator and the Wilson interval held to an independent implementation: R's survival
/// package and prop.test, run once by <c>Fixtures/kaplan-meier.R</c> (committed with its output; CI never needs R).</summary>
public sealed class KaplanMeierTests
{
    private static readonly string[] Lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Cohorts", "Fixtures", "kaplan-meier-r.txt"));

    private static double? Number(string text) => text == "NA" ? null : double.Parse(text, CultureInfo.InvariantCulture);

    public static TheoryData<string> Cases() => [.. Lines.Where(l => l.StartsWith("case ", StringComparison.Ordinal)).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1])];

    internal static KaplanMeier Estimate(IEnumerable<(double Days, bool Event)> data)
    {
        var table = new SortedDictionary<long, (long Events, long Censored)>();
        foreach ((double days, bool isEvent) in data)
        {
            long ticks = (long)Math.Round(days * TimeSpan.TicksPerDay);
            (long e, long c) = table.GetValueOrDefault(ticks);
            table[ticks] = isEvent ? (e + 1, c) : (e, c + 1);
        }

        return new KaplanMeier(table);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Curve_Median_AndIntervals_AreRs(string name)
    {
        int at = Array.FindIndex(Lines, l => l.Trim() == $"case {name}");
        string[] data = Lines[at + 1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..];
        KaplanMeier km = Estimate(data.Select(d => d.Split(':')).Select(p => (double.Parse(p[0], CultureInfo.InvariantCulture), p[1] == "1")));
        string[] median = Lines[at + 2].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Number(median[1]), km.Median);
        Assert.Equal(Number(median[2]), km.MedianLower);
        Assert.Equal(Number(median[3]), km.MedianUpper);
        string[][] steps = [.. Lines.Skip(at + 3).TakeWhile(l => l.StartsWith("step ", StringComparison.Ordinal)).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))];
        Assert.Equal(steps.Length, km.Curve.Length);
        for (int i = 0; i < steps.Length; i++)
        {
            SurvivalStep step = km.Curve[i];
            Assert.Equal(Number(steps[i][1])!.Value, step.Days, 9);
            Assert.Equal((long)Number(steps[i][2])!.Value, step.AtRisk);
            Assert.Equal((long)Number(steps[i][3])!.Value, step.Events);
            Assert.Equal(Number(steps[i][4])!.Value, step.Survival, 12);
            Assert.Equal(Round(Number(steps[i][5])), Round(step.Lower));
            Assert.Equal(Round(Number(steps[i][6])), Round(step.Upper));
        }
    }

    private static double? Round(double? value) => value is double v ? Math.Round(v, 12) : null;

    public static TheoryData<long, long, double, double> WilsonCases()
    {
        var data = new TheoryData<long, long, double, double>();
        foreach (string[] p in Lines.Where(l => l.StartsWith("wilson ", StringComparison.Ordinal)).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
            data.Add(long.Parse(p[1], CultureInfo.InvariantCulture), long.Parse(p[2], CultureInfo.InvariantCulture), Number(p[3])!.Value, Number(p[4])!.Value);
        return data;
    }

    [Theory]
    [MemberData(nameof(WilsonCases))]
    public void Wilson_IsRsPropTestWithoutCorrection(long x, long n, double lower, double upper)
    {
        var p = new Proportion(n, x);
        Assert.Equal(lower, p.Lower!.Value, 12);
        Assert.Equal(upper, p.Upper!.Value, 12);
        Assert.Equal((double)x / n, p.Rate);
    }

    [Fact]
    public void ANoughtDenominator_HasNoRateAndNoInterval()
    {
        var p = new Proportion(0, 0);
        Assert.Equal((null, null, null), (p.Rate, p.Lower, p.Upper));
    }

    [Fact]
    public void SurvivalAtAReportingDay_IncludesEventsOnThatDay_AndIsNullPastTheLastTime()
    {
        // Events at 1 and 7 days, censored at 10: S(1) = 2/3, S(7) = 1/3, S(14) unknown (past the last time).
        KaplanMeier km = Estimate([(1, true), (7, true), (10, false)]);
        Assert.Equal(2.0 / 3, km.At.Single(a => a.Day == 1).Survival!.Value, 12);
        Assert.Equal(1.0 / 3, km.At.Single(a => a.Day == 7).Survival!.Value, 12);
        Assert.Equal((2L, (double?)null), (km.At.Single(a => a.Day == 7).AtRisk, km.At.Single(a => a.Day == 14).Survival)); // at risk at 7: times 7 and 10
    }
}
