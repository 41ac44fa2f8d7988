using System;
using System.Collections.Immutable;
using System.Linq;
using System.Security.Cryptography;
using Assessments.Crosswalks;
using Xunit;

namespace Assessments.Tests.Crosswalks;

/// <summary>The IDS/QIDS/HRSD crosswalk (docs/crosswalk.md) against the table transcribed in
/// <see cref="CrosswalkFixture"/>.</summary>
public sealed class DepressionCrosswalkTests
{
    private static CrosswalkResult Convert(string instrumentId, int total)
    {
        Assert.True(DepressionCrosswalk.TryConvert(instrumentId, total, out CrosswalkResult? result, out ScoringError? error), error?.ToString());
        Assert.Null(error);
        return result;
    }

    private static string Ranges(CrosswalkResult result) => string.Join(" ", result.Equivalents.Select(e => $"{e.Scale.Id}={e}"));

    // --- The table ------------------------------------------------------------------------------------------------

    /// <summary>The embedded file is the reference CSV byte for byte (its SHA-256 when it was copied in).</summary>
    [Fact]
    public void TheEmbeddedTable_IsTheReferenceCsvUnchanged()
    {
        string hash = System.Convert.ToHexString(SHA256.HashData(CrosswalkTable.ReadBytes())).ToLowerInvariant();
        Assert.Equal("777f3582fa4bc3ae07f82dd636dde7b2a5a4c7fbbe200e0edcf1e689e28572bf", hash);
    }

    [Fact]
    public void Rows_AreTheTranscribedTable()
    {
        Assert.Equal(28, DepressionCrosswalk.Rows.Length);
        for (int i = 0; i < CrosswalkFixture.Rows.Length; i++)
        {
            CrosswalkFixture.Row expected = CrosswalkFixture.Rows[i];
            CrosswalkRow row = DepressionCrosswalk.Rows[i];
            Assert.Equal(expected.Severity, row.Severity);
            Assert.Equal(i, row.QidsTotal);
            Assert.Equal(expected.Ranges, row.Ranges.Select(r => (r.Min, r.Max)));
            Assert.Equal(CrosswalkScale.All, row.Ranges.Select(r => r.Scale));
        }
    }

    /// <summary>Every row round-trips: its QIDS-SR16 total gives that row and nothing else, for the self-report and the
    /// clinician-rated QIDS alike.</summary>
    [Fact]
    public void EveryQidsTotal_GivesItsOwnRow()
    {
        foreach (string id in new[] { "qids-sr16", "qids-c16" })
        {
            foreach (CrosswalkFixture.Row expected in CrosswalkFixture.Rows)
            {
                CrosswalkResult result = Convert(id, expected.Qids);
                Assert.Equal(id, result.InstrumentId);
                Assert.Same(CrosswalkScale.QidsSr16, result.Scale);
                Assert.Equal(expected.Qids, Assert.Single(result.Rows).QidsTotal);
                Assert.Equal(expected.Severity, result.Severity);
                Assert.Equal(expected.Ranges, result.Equivalents.Select(e => (e.Min, e.Max)));
                Assert.Equal(DepressionCrosswalk.Citation, result.Citation);
            }
        }
    }

    /// <summary>Both ends of every IDS-SR30 and HRSD17 cell give that row back (HRSD17 18-19 gives both of its rows).</summary>
    [Fact]
    public void EveryCellEnd_OnIdsAndHrsd17_GivesItsRow()
    {
        foreach ((string id, int column) in new[] { ("ids-sr30", 0), ("hamd-17", 2) })
        {
            foreach (CrosswalkFixture.Row expected in CrosswalkFixture.Rows)
            {
                foreach (int total in new[] { expected.Ranges[column].Min, expected.Ranges[column].Max })
                {
                    CrosswalkResult result = Convert(id, total);
                    Assert.Contains(expected.Qids, result.Rows.Select(r => r.QidsTotal));
                    Assert.Equal(expected.Severity, result.Severity);
                    Assert.Equal(id == "hamd-17" && total is 18 or 19 ? 2 : 1, result.Rows.Length);
                }
            }
        }
    }

    /// <summary>On IDS-SR30, QIDS-SR16, HRSD21 and HRSD24 the rows run 0 to the scale's maximum with no gap or overlap.
    /// HRSD17 too, but for the one range the source prints twice.</summary>
    [Fact]
    public void Columns_AreContiguous_WithoutGapOrOverlap_SaveHrsd17sRepeatedRange()
    {
        foreach (CrosswalkScale scale in CrosswalkScale.All.Where(s => s != CrosswalkScale.Hamd17))
            Assert.Empty(CrosswalkTable.CoverageProblems(DepressionCrosswalk.Rows, scale));
        string problem = Assert.Single(CrosswalkTable.CoverageProblems(DepressionCrosswalk.Rows, CrosswalkScale.Hamd17));
        Assert.Equal("hamd-17: the rows of QIDS-SR16 14 and 15 overlap (18-19 and 18-19).", problem);
        Assert.Null(CrosswalkTable.FindLookupProblem(DepressionCrosswalk.Rows));
    }

    [Fact]
    public void Columns_CoverEachScaleFromZeroToItsMaximum()
    {
        Assert.Equal([84, 27, 52, 64, 75], CrosswalkScale.All.Select(s => s.MaxTotal));
        Assert.All(CrosswalkScale.All, s => Assert.Equal(0, s.MinTotal));
        foreach (CrosswalkScale scale in CrosswalkScale.All)
        {
            for (int total = scale.MinTotal; total <= scale.MaxTotal; total++)
                Assert.Contains(DepressionCrosswalk.Rows, r => r.RangeOn(scale).Contains(total));
        }
    }

    /// <summary>The checks that guard the lookup catch a broken table: a gap, a typo such as the source's "62-24", a
    /// QIDS row out of place.</summary>
    [Fact]
    public void ABrokenTable_IsRefused()
    {
        const string header = "severity,ids_sr30,qids_sr16,hrsd17,hrsd21,hrsd24\n";
        Assert.Throws<FormatException>(() => CrosswalkTable.Parse(header + "very-severe,62-24,25,32,37-38,45-46\n"));
        Assert.Throws<FormatException>(() => CrosswalkTable.Parse("severity,ids,qids\n"));
        Assert.Throws<FormatException>(() => CrosswalkTable.Parse(header + "worst,0,0,0,0,0\n"));

        ImmutableArray<CrosswalkRow> rows = CrosswalkTable.Parse(header + string.Join('\n', CrosswalkFixture.Csv.Split('\n').Select(l => l.Trim())));
        Assert.Null(CrosswalkTable.FindLookupProblem(rows));
        ImmutableArray<CrosswalkRow> gap = CrosswalkTable.Parse(header + CrosswalkFixture.Csv.Replace("none,4-5,1", "none,5,1", StringComparison.Ordinal));
        Assert.Equal("ids-sr30 4 lies in no row.", CrosswalkTable.FindLookupProblem(gap));
        Assert.Contains("ids-sr30: gap between the rows of QIDS-SR16 0 and 1 (0-3 and 5).", CrosswalkTable.CoverageProblems(gap, CrosswalkScale.IdsSr30));
        ImmutableArray<CrosswalkRow> missing = CrosswalkTable.Parse(header + CrosswalkFixture.Csv.Replace("none,4-5,1,1-2,2,2\n", "", StringComparison.Ordinal));
        Assert.NotNull(CrosswalkTable.FindLookupProblem(missing));
    }

    /// <summary>The table's severity levels are the instruments' own Rush 2003 bands: QIDS-SR16's default, HAM-D 17's
    /// <c>rush-2003</c> band set and the IDS-SR30 bands of ids-qids.org (0-13, 14-25, 26-38, 39-48, 49-84).</summary>
    [Fact]
    public void Severity_AgreesWithTheInstrumentsRush2003Bands()
    {
        BandSet qids = Assessments.Instruments.QidsSr16.DefaultBandSet!;
        for (int total = 0; total <= 27; total++)
            Assert.Equal(qids.Classify(total).Id, Convert("qids-sr16", total).Severity);
        BandSet hamd = Assessments.Instruments.Hamd17.BandSets.Single(b => b.Id == "rush-2003");
        for (int total = 0; total <= 52; total++)
            Assert.Equal(hamd.Classify(total).Id, Convert("hamd-17", total).Severity);
        (int Max, string Id)[] ids = [(13, "none"), (25, "mild"), (38, "moderate"), (48, "severe"), (84, "very-severe")];
        for (int total = 0; total <= 84; total++)
            Assert.Equal(ids.First(b => total <= b.Max).Id, Convert("ids-sr30", total).Severity);
    }

    // --- Hand-picked cases from the table ---------------------------------------------------------------------------

    [Theory]
    [InlineData("qids-sr16", 0, "none", "ids-sr30=0-3 qids-sr16=0 hamd-17=0 hamd-21=0-1 hamd-24=0-1")]
    [InlineData("qids-sr16", 5, "none", "ids-sr30=12-13 qids-sr16=5 hamd-17=7 hamd-21=7-8 hamd-24=8-9")]
    [InlineData("qids-sr16", 6, "mild", "ids-sr30=14-16 qids-sr16=6 hamd-17=8 hamd-21=9 hamd-24=10-11")]
    [InlineData("qids-sr16", 12, "moderate", "ids-sr30=29-30 qids-sr16=12 hamd-17=16 hamd-21=17 hamd-24=20-21")]
    [InlineData("qids-c16", 16, "severe", "ids-sr30=39-40 qids-sr16=16 hamd-17=20 hamd-21=23 hamd-24=27-28")]
    [InlineData("qids-sr16", 27, "very-severe", "ids-sr30=68-84 qids-sr16=27 hamd-17=36-52 hamd-21=42-64 hamd-24=50-75")]
    // The source's "62-24" at QIDS-SR16 25, read as 62-64.
    [InlineData("qids-sr16", 25, "very-severe", "ids-sr30=62-64 qids-sr16=25 hamd-17=32 hamd-21=37-38 hamd-24=45-46")]
    [InlineData("ids-sr30", 62, "very-severe", "ids-sr30=62-64 qids-sr16=25 hamd-17=32 hamd-21=37-38 hamd-24=45-46")]
    [InlineData("ids-sr30", 64, "very-severe", "ids-sr30=62-64 qids-sr16=25 hamd-17=32 hamd-21=37-38 hamd-24=45-46")]
    [InlineData("ids-sr30", 65, "very-severe", "ids-sr30=65-67 qids-sr16=26 hamd-17=33-35 hamd-21=39-41 hamd-24=47-49")]
    // The source's HRSD17 18-19 on the rows of QIDS-SR16 14 and 15, kept as printed: both rows, spanned.
    [InlineData("hamd-17", 18, "moderate", "ids-sr30=34-38 qids-sr16=14-15 hamd-17=18-19 hamd-21=20-22 hamd-24=24-26")]
    [InlineData("hamd-17", 19, "moderate", "ids-sr30=34-38 qids-sr16=14-15 hamd-17=18-19 hamd-21=20-22 hamd-24=24-26")]
    [InlineData("hamd-17", 17, "moderate", "ids-sr30=31-33 qids-sr16=13 hamd-17=17 hamd-21=18-19 hamd-24=22-23")]
    [InlineData("hamd-17", 20, "severe", "ids-sr30=39-40 qids-sr16=16 hamd-17=20 hamd-21=23 hamd-24=27-28")]
    [InlineData("qids-sr16", 14, "moderate", "ids-sr30=34-36 qids-sr16=14 hamd-17=18-19 hamd-21=20-21 hamd-24=24-25")]
    [InlineData("qids-sr16", 15, "moderate", "ids-sr30=37-38 qids-sr16=15 hamd-17=18-19 hamd-21=22 hamd-24=26")]
    // Severity boundaries on IDS-SR30 and HRSD17.
    [InlineData("ids-sr30", 13, "none", "ids-sr30=12-13 qids-sr16=5 hamd-17=7 hamd-21=7-8 hamd-24=8-9")]
    [InlineData("ids-sr30", 14, "mild", "ids-sr30=14-16 qids-sr16=6 hamd-17=8 hamd-21=9 hamd-24=10-11")]
    [InlineData("ids-sr30", 48, "severe", "ids-sr30=48 qids-sr16=20 hamd-17=25 hamd-21=28 hamd-24=34")]
    [InlineData("ids-sr30", 49, "very-severe", "ids-sr30=49-53 qids-sr16=21 hamd-17=26-27 hamd-21=29-31 hamd-24=35-38")]
    [InlineData("ids-sr30", 84, "very-severe", "ids-sr30=68-84 qids-sr16=27 hamd-17=36-52 hamd-21=42-64 hamd-24=50-75")]
    [InlineData("hamd-17", 0, "none", "ids-sr30=0-3 qids-sr16=0 hamd-17=0 hamd-21=0-1 hamd-24=0-1")]
    [InlineData("hamd-17", 13, "mild", "ids-sr30=24-25 qids-sr16=10 hamd-17=13 hamd-21=14-15 hamd-24=17-18")]
    [InlineData("hamd-17", 14, "moderate", "ids-sr30=26-28 qids-sr16=11 hamd-17=14-15 hamd-21=16 hamd-24=19")]
    [InlineData("hamd-17", 52, "very-severe", "ids-sr30=68-84 qids-sr16=27 hamd-17=36-52 hamd-21=42-64 hamd-24=50-75")]
    public void Convert_GivesTheTablesEquivalents(string instrumentId, int total, string severity, string equivalents)
    {
        CrosswalkResult result = Convert(instrumentId, total);
        Assert.Equal(severity, result.Severity);
        Assert.Equal(equivalents, Ranges(result));
        Assert.Equal(total, result.Total);
        Assert.Equal(instrumentId, result.InstrumentId);
    }

    [Fact]
    public void Hrsd17_18_HoldsBothRows_InTableOrder()
    {
        CrosswalkResult result = Convert("hamd-17", 18);
        Assert.Equal([14, 15], result.Rows.Select(r => r.QidsTotal));
        Assert.Equal(result.Rows[0].RangeOn(CrosswalkScale.Hamd17), result.EquivalentOn(CrosswalkScale.Hamd17));
        Assert.Equal(result.Rows[1].RangeOn(CrosswalkScale.Hamd17), result.EquivalentOn(CrosswalkScale.Hamd17));
        Assert.Same(CrosswalkScale.Hamd17, result.Scale);
    }

    [Fact]
    public void Citation_NamesTheSourcesAndTheCorrection()
    {
        Assert.Contains("Rush AJ", DepressionCrosswalk.Citation, StringComparison.Ordinal);
        Assert.Contains("Biol Psychiatry 2003;54:573-583", DepressionCrosswalk.Citation, StringComparison.Ordinal);
        Assert.Contains("Trivedi MH", DepressionCrosswalk.Citation, StringComparison.Ordinal);
        Assert.Contains("ids-qids.org/interpretation.html", DepressionCrosswalk.Citation, StringComparison.Ordinal);
        Assert.Contains("62-64", DepressionCrosswalk.Citation, StringComparison.Ordinal);
    }

    [Fact]
    public void TryGetScale_MapsEachInstrumentToItsColumn()
    {
        Assert.Equal<string>(["qids-sr16", "qids-c16", "ids-sr30", "hamd-17"], DepressionCrosswalk.InstrumentIds);
        CrosswalkScale[] expected = [CrosswalkScale.QidsSr16, CrosswalkScale.QidsSr16, CrosswalkScale.IdsSr30, CrosswalkScale.Hamd17];
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(DepressionCrosswalk.TryGetScale(DepressionCrosswalk.InstrumentIds[i], out CrosswalkScale? scale));
            Assert.Same(expected[i], scale);
        }

        Assert.False(DepressionCrosswalk.TryGetScale("hamd-24", out _)); // a column of output only
        Assert.Equal(["ids-sr30", "qids-sr16", "hamd-17", "hamd-21", "hamd-24"], CrosswalkScale.All.Select(s => s.Id));
    }

    // --- Errors ---------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("qids-sr16", -1)]
    [InlineData("qids-sr16", 28)]
    [InlineData("qids-c16", 28)]
    [InlineData("ids-sr30", -1)]
    [InlineData("ids-sr30", 85)]
    [InlineData("hamd-17", 53)]
    [InlineData("hamd-17", int.MinValue)]
    [InlineData("hamd-17", int.MaxValue)]
    public void ATotalOutsideTheRange_IsTotalOutOfRange(string instrumentId, int total)
    {
        Assert.False(DepressionCrosswalk.TryConvert(instrumentId, total, out CrosswalkResult? result, out ScoringError? error));
        Assert.Null(result);
        Assert.Equal(ErrorCodes.TotalOutOfRange, error.Code);
        Assert.Null(error.ItemNumber);
        Assert.StartsWith($"A {instrumentId} total lies between 0 and ", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => DepressionCrosswalk.ConvertOrThrow(instrumentId, total));
    }

    [Theory]
    [InlineData("phq-99", ErrorCodes.UnknownInstrument)]
    [InlineData("QIDS-SR16", ErrorCodes.UnknownInstrument)] // ids match exactly, as documents name them
    [InlineData("hamd-21", ErrorCodes.UnknownInstrument)] // a column of output only
    [InlineData("", ErrorCodes.UnknownInstrument)]
    [InlineData("phq-9", ErrorCodes.NoCrosswalk)]
    [InlineData("madrs", ErrorCodes.NoCrosswalk)]
    public void AnInstrumentWithoutAColumn_IsACodedError(string instrumentId, string code)
    {
        Assert.False(DepressionCrosswalk.TryConvert(instrumentId, 10, out CrosswalkResult? result, out ScoringError? error));
        Assert.Null(result);
        Assert.Equal(code, error.Code);
        Assert.Contains("qids-sr16, qids-c16, ids-sr30, hamd-17", error.Message, StringComparison.Ordinal);
        ArgumentException thrown = Assert.Throws<ArgumentException>(() => DepressionCrosswalk.ConvertOrThrow(instrumentId, 10));
        Assert.Equal("instrumentId", thrown.ParamName);
    }

    [Fact]
    public void ANullId_IsAProgrammerError()
    {
        Assert.Throws<ArgumentNullException>(() => DepressionCrosswalk.TryConvert(null!, 1, out _, out _));
        Assert.Throws<ArgumentNullException>(() => DepressionCrosswalk.TryGetScale(null!, out _));
        Assert.Throws<ArgumentNullException>(() => DepressionCrosswalk.Rows[0].RangeOn(null!));
    }

    [Fact]
    public void EquivalentRange_PrintsAsTheTableDoes_AndComparesByValue()
    {
        CrosswalkResult a = Convert("qids-sr16", 12), b = Convert("qids-c16", 12);
        Assert.Equal("29-30", a.EquivalentOn(CrosswalkScale.IdsSr30).ToString());
        Assert.Equal("12", a.EquivalentOn(CrosswalkScale.QidsSr16).ToString());
        Assert.Equal<EquivalentRange>(a.Equivalents, b.Equivalents); // by value, not the same instances
        Assert.Equal(a.Equivalents[0].GetHashCode(), b.Equivalents[0].GetHashCode());
        CrosswalkRow zero = DepressionCrosswalk.Rows[0];
        Assert.NotEqual(zero.RangeOn(CrosswalkScale.QidsSr16), zero.RangeOn(CrosswalkScale.Hamd17)); // both 0, other scales
        Assert.Equal("qids-sr16 12: moderate; equivalents ids-sr30 29-30, qids-sr16 12, hamd-17 16, hamd-21 17, hamd-24 20-21", a.ToString());
    }
}
