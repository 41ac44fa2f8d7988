using System.Linq;
using Xunit;

namespace Assessments.Tests.Instruments;

// Reference: docs/clinical-rules.md; Rush 2003 (QIDS-SR16), Cox 1987 (EPDS), Beck 1996 (BDI-II), Radloff 1977 (CES-D).

public class QidsSr16Tests : TotalScoreConformance
{
    protected override Instrument Instrument => Assessments.Instruments.QidsSr16;
    protected override string Id => "qids-sr16";
    protected override int ItemCount => 16;
    protected override int[] ItemMaxima => Enumerable.Repeat(3, 16).ToArray();
    protected override int MaxTotal => 27;
    protected override (string Id, int Min, int Max)[] Bands =>
        [("none", 0, 5), ("mild", 6, 10), ("moderate", 11, 15), ("severe", 16, 20), ("very-severe", 21, 27)];
    protected override (int Item, int ReviewAt, int UrgentAt)? Safety => (12, 1, 2);
    protected override int? Remission => 5;
    protected override int ProrationLimit => 0;

    // Domains (Rush 2003): sleep 1-4, mood 5, appetite/weight 6-9, 10, 11, 12, 13, 14, psychomotor 15-16.
    private static readonly int[] DomainLeads = [1, 5, 6, 10, 11, 12, 13, 14, 15];

    protected override bool IsEitherOrPartner(int item) => item is >= 6 and <= 9;

    /// <summary>QIDS-SR16 prorates by domain, not by count (docs/clinical-rules.md §5).</summary>
    [Fact]
    public override void Proration_AllowsExactlyThePublishedNumberOfMissingItems()
    {
        int?[] values = Enumerable.Repeat<int?>(3, 16).ToArray();
        values[0] = values[1] = values[2] = null; // sleep: only item 4 answered
        values[15] = null;                        // psychomotor: only item 15 answered
        AssessmentScore score = Instrument.Score(values, new ScoringOptions { Prorate = true }).ScoreOrThrow();
        Assert.True(score.Prorated);
        Assert.Equal(27, score.Total);
        Assert.Equal([1, 2, 3, 16], Instrument.Score(values).Errors.Select(e => e.ItemNumber!.Value).ToArray());
    }

    protected override int?[] ResponseWithTotal(int total)
    {
        int?[] values = Enumerable.Repeat<int?>(0, 16).ToArray();
        int remaining = total;
        foreach (int lead in DomainLeads.OrderBy(l => l == 12 ? 1 : 0))
        {
            int v = System.Math.Min(3, remaining);
            values[lead - 1] = v;
            remaining -= v;
        }

        Assert.Equal(0, remaining);
        return values;
    }

    [Fact]
    public void Total_IsTheSumOfDomainMaxima_NotOfItems()
    {
        // sleep max(3,0,1,2)=3, mood 2, appetite max(0,3,1,0)=3, 1, 1, 0, 2, 1, psychomotor max(0,2)=2 -> 15
        AssessmentScore score = Instrument.Score(3, 0, 1, 2, 2, 0, 3, 1, 0, 1, 1, 0, 2, 1, 0, 2).ScoreOrThrow();
        Assert.Equal(15, score.Total);
        Assert.Equal("moderate", score.Band!.Id);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(15)]
    [InlineData(16)]
    public void EachMemberOfAMultiItemDomain_CountsOnlyAsTheDomainMaximum(int item)
    {
        int?[] values = Enumerable.Repeat<int?>(0, 16).ToArray();
        values[item - 1] = 3;
        Assert.Equal(3, Instrument.Score(values).ScoreOrThrow().Total);
        int domainStart = item <= 4 ? 1 : item <= 9 ? 6 : 15;
        int domainEnd = item <= 4 ? 4 : item <= 9 ? 9 : 16;
        for (int i = domainStart; i <= domainEnd; i++)
            values[i - 1] = 3;
        Assert.Equal(3, Instrument.Score(values).ScoreOrThrow().Total);
    }

    [Theory]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    public void BlankBesideAnsweredEitherOrPartner_IsCompleteAndNotProrated(int blank)
    {
        int?[] values = Enumerable.Repeat<int?>(1, 16).ToArray();
        values[blank - 1] = null;
        AssessmentScore score = Instrument.Score(values).ScoreOrThrow();
        Assert.False(score.Prorated);
        Assert.Equal(9, score.Total);
    }

    [Fact]
    public void BlankPair_IsMissingUnlessProratedFromTheRestOfTheDomain()
    {
        int?[] values = Enumerable.Repeat<int?>(1, 16).ToArray();
        values[5] = null;
        values[6] = null; // 6 and 7 blank; 8, 9 answered
        ScoringResult strict = Instrument.Score(values);
        Assert.Equal([6, 7], strict.Errors.Where(e => e.Code == ErrorCodes.ItemMissing).Select(e => e.ItemNumber!.Value).ToArray());
        AssessmentScore prorated = Instrument.Score(values, new ScoringOptions { Prorate = true }).ScoreOrThrow();
        Assert.True(prorated.Prorated);
        Assert.Equal(9, prorated.Total);
    }

    [Fact]
    public void WhollyMissingDomainOrSingleItemDomain_IsMissingEvenWithProration()
    {
        int?[] values = Enumerable.Repeat<int?>(1, 16).ToArray();
        foreach (int i in new[] { 6, 7, 8, 9 })
            values[i - 1] = null;
        values[4] = null; // item 5, single-item domain
        ScoringResult result = Instrument.Score(values, new ScoringOptions { Prorate = true });
        Assert.False(result.IsSuccess);
        Assert.Equal([5, 6, 7, 8, 9], result.Errors.Select(e => e.ItemNumber!.Value).ToArray());
    }
}

public sealed class EpdsTests : TotalScoreConformance
{
    protected override Instrument Instrument => Assessments.Instruments.Epds;
    protected override string Id => "epds";
    protected override int ItemCount => 10;
    protected override int[] ItemMaxima => Enumerable.Repeat(3, 10).ToArray();
    protected override int MaxTotal => 30;
    protected override (string Id, int Min, int Max)[] Bands => [("unlikely", 0, 9), ("possible", 10, 12), ("probable", 13, 30)];
    protected override (int Item, int ReviewAt, int UrgentAt)? Safety => (10, 1, 2);
    protected override int? Remission => null;
    protected override int ProrationLimit => 0; // never prorated: every item must be completed (EPDS guidance)

    // Cox 1987: items 1, 2, 4 score 0-1-2-3 by position; items 3, 5-10 score 3-2-1-0.
    private static readonly int[] Reversed = [3, 5, 6, 7, 8, 9, 10];

    [Fact]
    public void EveryItem_KeysOptionPositionsAsPublished()
    {
        for (int item = 1; item <= 10; item++)
        {
            for (int position = 0; position <= 3; position++)
            {
                int?[] positions = LowestPositions();
                positions[item - 1] = position;
                int expected = Reversed.Contains(item) ? 3 - position : position;
                int baseline = Reversed.Length * 3 - (Reversed.Contains(item) ? 3 : 0);
                AssessmentScore score = Instrument.Score(positions, new ScoringOptions { Values = ResponseValueKind.OptionPositions }).ScoreOrThrow();
                Assert.Equal(expected, score.ItemScores[item - 1]);
                Assert.Equal(baseline + expected, score.Total);
            }
        }
    }

    [Fact]
    public void ItemScores_AreNeverKeyedAgain() =>
        Assert.Equal(30, Instrument.Score(3, 3, 3, 3, 3, 3, 3, 3, 3, 3).ScoreOrThrow().Total);

    [Fact]
    public void Item10ByPosition_FirstOptionIsTheHighestRisk()
    {
        int?[] positions = LowestPositions();
        positions[9] = 0; // first printed option of item 10 scores 3
        SafetyFlag flag = Assert.Single(Instrument.Score(positions, new ScoringOptions { Values = ResponseValueKind.OptionPositions }).ScoreOrThrow().Flags);
        Assert.Equal((10, 3, FlagPriority.Urgent), (flag.ItemNumber!.Value, flag.Value!.Value, flag.Priority!.Value));
    }

    // Every option at position 0: items 1, 2, 4 key to 0, the seven reversed items to 3 (total 21).
    private static int?[] LowestPositions() => Enumerable.Repeat<int?>(0, 10).ToArray();
}

public sealed class BdiIITests : TotalScoreConformance
{
    protected override Instrument Instrument => Assessments.Instruments.BdiII;
    protected override string Id => "bdi-ii";
    protected override int ItemCount => 21;
    protected override int[] ItemMaxima => Enumerable.Repeat(3, 21).ToArray();
    protected override int MaxTotal => 63;
    protected override (string Id, int Min, int Max)[] Bands => [("minimal", 0, 13), ("mild", 14, 19), ("moderate", 20, 28), ("severe", 29, 63)];
    protected override (int Item, int ReviewAt, int UrgentAt)? Safety => (9, 1, 2);
    protected override int? Remission => 13;
    protected override int ProrationLimit => 2;

    [Theory]
    [InlineData(16)]
    [InlineData(18)]
    public void SevenOptionItems_MapPositionsAndLabelsToTheirNumber(int item)
    {
        int[] expected = [0, 1, 1, 2, 2, 3, 3];
        string[] labels = ["0", "1a", "1b", "2a", "2b", "3a", "3b"];
        for (int position = 0; position < 7; position++)
        {
            int?[] values = Enumerable.Repeat<int?>(0, 21).ToArray();
            values[item - 1] = position;
            AssessmentScore score = Instrument.Score(values, new ScoringOptions { Values = ResponseValueKind.OptionPositions }).ScoreOrThrow();
            Assert.Equal(expected[position], score.Total);
            Assert.True(Instrument.GetItem(item).TryParseValue(labels[position], ResponseValueKind.ItemScores, out int? scoreValue));
            Assert.Equal(expected[position], scoreValue);
            Assert.True(Instrument.GetItem(item).TryParseValue(labels[position], ResponseValueKind.OptionPositions, out int? positionValue));
            Assert.Equal(position, positionValue);
        }

        int?[] beyond = Enumerable.Repeat<int?>(0, 21).ToArray();
        beyond[item - 1] = 7;
        Assert.Equal(item, Assert.Single(Instrument.Score(beyond, new ScoringOptions { Values = ResponseValueKind.OptionPositions }).Errors).ItemNumber);
    }

    [Fact]
    public void OtherItems_HaveNoSubOptions() => Assert.False(Instrument.GetItem(15).TryParseValue("1a", ResponseValueKind.ItemScores, out _));

    [Fact]
    public void NoItemText_IsShipped() => Assert.All(Instrument.Items, i => Assert.Null(i.Text));
}

public sealed class CesDTests : TotalScoreConformance
{
    protected override Instrument Instrument => Assessments.Instruments.CesD;
    protected override string Id => "ces-d";
    protected override int ItemCount => 20;
    protected override int[] ItemMaxima => Enumerable.Repeat(3, 20).ToArray();
    protected override int MaxTotal => 60;
    protected override (string Id, int Min, int Max)[] Bands => [("below-threshold", 0, 15), ("at-risk", 16, 60)];
    protected override (int Item, int ReviewAt, int UrgentAt)? Safety => null;
    protected override int? Remission => 15;
    protected override int ProrationLimit => 4;

    [Fact]
    public void Items4_8_12_16_AreReversedByPositionAndNoOthers()
    {
        for (int item = 1; item <= 20; item++)
        {
            int?[] positions = Enumerable.Repeat<int?>(0, 20).ToArray();
            AssessmentScore before = Instrument.Score(positions, new ScoringOptions { Values = ResponseValueKind.OptionPositions }).ScoreOrThrow();
            bool reversed = item is 4 or 8 or 12 or 16;
            Assert.Equal(reversed ? 3 : 0, before.ItemScores[item - 1]);
            positions[item - 1] = 3;
            AssessmentScore after = Instrument.Score(positions, new ScoringOptions { Values = ResponseValueKind.OptionPositions }).ScoreOrThrow();
            Assert.Equal(reversed ? 0 : 3, after.ItemScores[item - 1]);
        }
    }
}
