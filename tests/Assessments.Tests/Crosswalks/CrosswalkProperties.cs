using System.Linq;
using Assessments.Crosswalks;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Assessments.Tests.Crosswalks;

/// <summary>A total inside the range of an instrument the crosswalk converts.</summary>
public sealed record CrosswalkTotal(string InstrumentId, int Total)
{
    public override string ToString() => $"{InstrumentId} {Total}";
}

/// <summary>A total outside that range.</summary>
public sealed record OutOfRangeCrosswalkTotal(string InstrumentId, int Total)
{
    public override string ToString() => $"{InstrumentId} {Total}";
}

/// <summary>Explicit generators: every supported instrument, every total of its range (and beyond it).</summary>
public static class CrosswalkGenerators
{
    private static readonly string[] Ids = ["qids-sr16", "qids-c16", "ids-sr30", "hamd-17"];

    public static Arbitrary<CrosswalkTotal> InRange() =>
        (from id in Gen.Elements(Ids)
         from total in Gen.Choose(0, CrosswalkFixture.MaxTotalOf(id))
         select new CrosswalkTotal(id, total)).ToArbitrary();

    public static Arbitrary<OutOfRangeCrosswalkTotal> OutOfRange() =>
        (from id in Gen.Elements(Ids)
         from total in Gen.OneOf(
             Gen.Choose(-1_000_000, -1),
             Gen.Choose(CrosswalkFixture.MaxTotalOf(id) + 1, 1_000_000),
             Gen.Elements(int.MinValue, -1, CrosswalkFixture.MaxTotalOf(id) + 1, int.MaxValue))
         select new OutOfRangeCrosswalkTotal(id, total)).ToArbitrary();
}

/// <summary>Invariants of the crosswalk over every supported instrument and total, against the transcribed table.</summary>
[Properties(Arbitrary = [typeof(CrosswalkGenerators)], MaxTest = 500)]
public sealed class CrosswalkProperties
{
    /// <summary>The total lies in the result's own-column range; the severity and every equivalent are those of the
    /// fixture rows whose cell holds the total (spanned where the table repeats a range).</summary>
    [Property]
    public bool EveryTotalInRange_LiesInItsOwnColumn_WithTheRowsSeverityAndRanges(CrosswalkTotal input)
    {
        if (!DepressionCrosswalk.TryConvert(input.InstrumentId, input.Total, out CrosswalkResult? result, out ScoringError? error) || error is not null)
            return false;
        int column = CrosswalkFixture.ColumnOf(input.InstrumentId);
        CrosswalkFixture.Row[] rows = [.. CrosswalkFixture.Rows.Where(r => r.Ranges[column].Min <= input.Total && input.Total <= r.Ranges[column].Max)];
        bool spans = Enumerable.Range(0, CrosswalkScale.All.Length).All(c =>
            result.Equivalents[c].Min == rows.Min(r => r.Ranges[c].Min) && result.Equivalents[c].Max == rows.Max(r => r.Ranges[c].Max));
        return result.Equivalents[column].Contains(input.Total)
            && result.Scale == CrosswalkScale.All[column]
            && rows.Length > 0
            && rows.All(r => r.Severity == result.Severity)
            && result.Rows.Select(r => r.QidsTotal).SequenceEqual(rows.Select(r => r.Qids))
            && result.Rows.All(r => r.Severity == result.Severity && r.RangeOn(result.Scale).Contains(input.Total))
            && spans
            && result.Total == input.Total
            && result.InstrumentId == input.InstrumentId
            && result.Citation == DepressionCrosswalk.Citation;
    }

    /// <summary>A higher total never gives a milder severity or a lower equivalent on any scale.</summary>
    [Property]
    public bool AHigherTotal_NeverGivesLowerEquivalents(CrosswalkTotal input)
    {
        if (input.Total == CrosswalkFixture.MaxTotalOf(input.InstrumentId))
            return true;
        CrosswalkResult lower = DepressionCrosswalk.ConvertOrThrow(input.InstrumentId, input.Total);
        CrosswalkResult higher = DepressionCrosswalk.ConvertOrThrow(input.InstrumentId, input.Total + 1);
        string[] levels = ["none", "mild", "moderate", "severe", "very-severe"];
        return System.Array.IndexOf(levels, higher.Severity) >= System.Array.IndexOf(levels, lower.Severity)
            && lower.Equivalents.Zip(higher.Equivalents).All(p => p.Second.Min >= p.First.Min && p.Second.Max >= p.First.Max);
    }

    [Property]
    public bool EveryTotalOutOfRange_IsTotalOutOfRange(OutOfRangeCrosswalkTotal input) =>
        !DepressionCrosswalk.TryConvert(input.InstrumentId, input.Total, out CrosswalkResult? result, out ScoringError? error)
        && result is null
        && error.Code == ErrorCodes.TotalOutOfRange;
}
