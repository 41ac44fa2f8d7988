using System.Linq;
using Xunit;

namespace Assessments.Tests.Instruments;

// Reference: docs/clinical-rules.md; Snaith 1986 and Müller 2003 (MADRS), Zimmerman 2013 and Rush 2003 (HAM-D),
// secondary sources (MADRS-S), Bremner 1998 and the 23-item 0-4 trial form (CADSS).

public sealed class MadrsTests : TotalScoreConformance
{
    protected override Instrument Instrument => Assessments.Instruments.Madrs;
    protected override string Id => "madrs";
    protected override int ItemCount => 10;
    protected override int[] ItemMaxima => Enumerable.Repeat(6, 10).ToArray();
    protected override int MaxTotal => 60;
    protected override (string Id, int Min, int Max)[] Bands => [("normal", 0, 6), ("mild", 7, 19), ("moderate", 20, 34), ("severe", 35, 60)];
    protected override (int Item, int ReviewAt, int UrgentAt)? Safety => (10, 2, 4);
    protected override int? Remission => 10;
    protected override int ProrationLimit => 0;

    [Fact]
    public void IssueExample_Item1AtSeven_IsOutOfRangeOnItem1()
    {
        ScoringResult result = Instrument.Score(7, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        ScoringError error = Assert.Single(result.Errors);
        Assert.Equal((ErrorCodes.ItemOutOfRange, 1), (error.Code, error.ItemNumber!.Value));
    }

    [Theory]
    [InlineData(30, "moderate")]
    [InlineData(31, "severe")]
    [InlineData(34, "severe")]
    public void Muller2003_SeparatesModerateFromSevereAt31(int total, string band)
    {
        int?[] values = ResponseWithTotal(total);
        AssessmentScore score = Instrument.Score(values, new ScoringOptions { BandSet = "muller-2003" }).ScoreOrThrow();
        Assert.Equal(band, score.Band!.Id);
        Assert.Equal("muller-2003", score.BandSetId);
    }

    [Fact]
    public void UnknownBandSet_IsAProgrammerError() =>
        Assert.Throws<System.ArgumentException>(() => Instrument.Score(ResponseWithTotal(0), new ScoringOptions { BandSet = "nope" }));
}

public sealed class MadrsSTests : TotalScoreConformance
{
    protected override Instrument Instrument => Assessments.Instruments.MadrsS;
    protected override string Id => "madrs-s";
    protected override int ItemCount => 9;
    protected override int[] ItemMaxima => Enumerable.Repeat(6, 9).ToArray();
    protected override int MaxTotal => 54;
    protected override (string Id, int Min, int Max)[] Bands => [("normal", 0, 12), ("mild", 13, 19), ("moderate", 20, 34), ("severe", 35, 54)];
    protected override (int Item, int ReviewAt, int UrgentAt)? Safety => (9, 2, 4);
    protected override int? Remission => 12;
    protected override int ProrationLimit => 1;
}

public sealed class Hamd17Tests : TotalScoreConformance
{
    protected override Instrument Instrument => Assessments.Instruments.Hamd17;
    protected override string Id => "hamd-17";
    protected override int ItemCount => 17;

    // Items 1, 2, 3, 7, 8, 9, 10, 11, 15: 0-4; items 4, 5, 6, 12, 13, 14, 16, 17: 0-2 (CamCOPS hamd.py).
    protected override int[] ItemMaxima => [4, 4, 4, 2, 2, 2, 4, 4, 4, 4, 4, 2, 2, 2, 4, 2, 2];
    protected override int MaxTotal => 52;
    protected override (string Id, int Min, int Max)[] Bands => [("normal", 0, 7), ("mild", 8, 16), ("moderate", 17, 23), ("severe", 24, 52)];
    protected override (int Item, int ReviewAt, int UrgentAt)? Safety => (3, 1, 3);
    protected override int? Remission => 7;
    protected override int ProrationLimit => 0;

    [Fact]
    public void Item16AtThree_IsNotAssessedContributesZeroAndIsNoted()
    {
        int?[] values = ItemMaxima.Select(m => (int?)m).ToArray();
        values[15] = 3;
        AssessmentScore score = Instrument.Score(values).ScoreOrThrow();
        Assert.Equal(50, score.Total);
        Assert.Equal(["item-16-not-assessed"], score.Notes.ToArray());
        Assert.Empty(Instrument.Score(ItemMaxima.Select(m => (int?)m).ToArray()).ScoreOrThrow().Notes);
    }

    [Fact]
    public void ThreeOnAnyOtherNarrowItem_IsOutOfRange()
    {
        int?[] values = new int?[17];
        System.Array.Fill(values, 0);
        values[16] = 3; // item 17, insight: 0-2
        Assert.Equal(17, Assert.Single(Instrument.Score(values).Errors).ItemNumber);
    }

    [Theory]
    [InlineData(7, "none")]
    [InlineData(8, "mild")]
    [InlineData(13, "mild")]
    [InlineData(14, "moderate")]
    [InlineData(19, "moderate")]
    [InlineData(20, "severe")]
    [InlineData(25, "severe")]
    [InlineData(26, "very-severe")]
    [InlineData(52, "very-severe")]
    public void Rush2003_FiveBands(int total, string band) =>
        Assert.Equal(band, Instrument.Score(ResponseWithTotal(total), new ScoringOptions { BandSet = "rush-2003" }).ScoreOrThrow().Band!.Id);

    /// <summary>The <c>cnsforum</c> set (CamCOPS and CNS Forum pages; secondary sources): every boundary.</summary>
    [Theory]
    [InlineData(0, "normal")]
    [InlineData(7, "normal")]
    [InlineData(8, "mild")]
    [InlineData(13, "mild")]
    [InlineData(14, "moderate")]
    [InlineData(18, "moderate")]
    [InlineData(19, "severe")]
    [InlineData(22, "severe")]
    [InlineData(23, "very-severe")]
    [InlineData(52, "very-severe")]
    public void CnsForum_FiveBands(int total, string band) =>
        Assert.Equal(band, Instrument.Score(ResponseWithTotal(total), new ScoringOptions { BandSet = "cnsforum" }).ScoreOrThrow().Band!.Id);
}

public sealed class CadssTests : TotalScoreConformance
{
    protected override Instrument Instrument => Assessments.Instruments.Cadss;
    protected override string Id => "cadss";
    protected override int ItemCount => 23;
    protected override int[] ItemMaxima => Enumerable.Repeat(4, 23).ToArray();
    protected override int MaxTotal => 92;
    protected override (string Id, int Min, int Max)[] Bands => [];
    protected override (int Item, int ReviewAt, int UrgentAt)? Safety => null;
    protected override int? Remission => null;
    protected override int ProrationLimit => 0;
}
