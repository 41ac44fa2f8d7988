using System.Linq;
using Xunit;

namespace Assessments.Tests.Instruments;

// Reference: docs/clinical-rules.md §1-§5; Kroenke, Spitzer & Williams 2001 (PHQ-9), Kroenke 2009/2010 (PHQ-8),
// Kroenke 2003 (PHQ-2), Spitzer 2006 (GAD-7).

public sealed class Phq9Tests : TotalScoreConformance
{
    protected override Instrument Instrument => Assessments.Instruments.Phq9;
    protected override string Id => "phq-9";
    protected override int ItemCount => 9;
    protected override int[] ItemMaxima => [3, 3, 3, 3, 3, 3, 3, 3, 3];
    protected override int MaxTotal => 27;
    protected override (string Id, int Min, int Max)[] Bands =>
        [("minimal", 0, 4), ("mild", 5, 9), ("moderate", 10, 14), ("moderately-severe", 15, 19), ("severe", 20, 27)];
    protected override (int Item, int ReviewAt, int UrgentAt)? Safety => (9, 1, 2);
    protected override int? Remission => 4;
    protected override int ProrationLimit => 1;

    [Fact]
    public void IssueExample_ScoresFifteenModeratelySevereWithUrgentItem9()
    {
        AssessmentScore score = Instrument.Score(1, 2, 3, 1, 2, 3, 0, 1, 2).ScoreOrThrow();
        Assert.Equal(15, score.Total);
        Assert.Equal("moderately-severe", score.Band!.Id);
        SafetyFlag flag = Assert.Single(score.Flags);
        Assert.Equal((9, 2, FlagPriority.Urgent), (flag.ItemNumber!.Value, flag.Value!.Value, flag.Priority!.Value));
    }

    [Fact]
    public void LowTotal_NeverHidesItem9()
    {
        AssessmentScore score = Instrument.Score(0, 0, 0, 0, 0, 0, 0, 0, 3).ScoreOrThrow();
        Assert.Equal("minimal", score.Band!.Id);
        Assert.Equal(FlagPriority.Urgent, Assert.Single(score.Flags).Priority);
    }

    [Theory]
    [InlineData(12, 14)] // 12 x 9 / 8 = 13.5: half rounds away from zero
    [InlineData(13, 15)] // 14.625
    [InlineData(11, 12)] // 12.375
    [InlineData(4, 5)]   // 4.5
    public void Proration_IsTheMeanTimesNineRoundedHalfAwayFromZero(int answeredSum, int expected)
    {
        // Items 1-8 with item 1 blank: distribute answeredSum over items 2-8 and keep item 9 at 0.
        var values = new int?[9];
        values[0] = null;
        int remaining = answeredSum;
        for (int i = 1; i < 8; i++)
        {
            values[i] = System.Math.Min(3, remaining);
            remaining -= values[i]!.Value;
        }

        values[8] = 0;
        AssessmentScore score = Instrument.Score(values, new ScoringOptions { Prorate = true }).ScoreOrThrow();
        Assert.True(score.Prorated);
        Assert.Equal(expected, score.Total);
    }

    [Fact]
    public void LoincCodes_AreThePublishedOnes()
    {
        Assert.Equal("44249-1", Instrument.LoincPanel);
        Assert.Equal("44261-6", Instrument.LoincTotal);
        Assert.Equal("44260-8", Instrument.GetItem(9).LoincCode);
        Assert.NotNull(Instrument.GetItem(1).Text); // Pfizer: no permission required
    }
}

public sealed class Phq8Tests : TotalScoreConformance
{
    protected override Instrument Instrument => Assessments.Instruments.Phq8;
    protected override string Id => "phq-8";
    protected override int ItemCount => 8;
    protected override int[] ItemMaxima => [3, 3, 3, 3, 3, 3, 3, 3];
    protected override int MaxTotal => 24;
    protected override (string Id, int Min, int Max)[] Bands =>
        [("minimal", 0, 4), ("mild", 5, 9), ("moderate", 10, 14), ("moderately-severe", 15, 19), ("severe", 20, 24)];
    protected override (int Item, int ReviewAt, int UrgentAt)? Safety => null;
    protected override int? Remission => 4;
    protected override int ProrationLimit => 1;
}

public sealed class Phq2Tests : TotalScoreConformance
{
    protected override Instrument Instrument => Assessments.Instruments.Phq2;
    protected override string Id => "phq-2";
    protected override int ItemCount => 2;
    protected override int[] ItemMaxima => [3, 3];
    protected override int MaxTotal => 6;
    protected override (string Id, int Min, int Max)[] Bands => [("negative", 0, 2), ("positive", 3, 6)];
    protected override (int Item, int ReviewAt, int UrgentAt)? Safety => null;
    protected override int? Remission => null;
    protected override int ProrationLimit => 0;

    [Fact]
    public void LoincCodes_AreThePublishedOnes() => Assert.Equal(("55757-9", "55758-7"), (Instrument.LoincPanel, Instrument.LoincTotal));
}

public sealed class Gad7Tests : TotalScoreConformance
{
    protected override Instrument Instrument => Assessments.Instruments.Gad7;
    protected override string Id => "gad-7";
    protected override int ItemCount => 7;
    protected override int[] ItemMaxima => [3, 3, 3, 3, 3, 3, 3];
    protected override int MaxTotal => 21;
    protected override (string Id, int Min, int Max)[] Bands => [("minimal", 0, 4), ("mild", 5, 9), ("moderate", 10, 14), ("severe", 15, 21)];
    protected override (int Item, int ReviewAt, int UrgentAt)? Safety => null;
    protected override int? Remission => 4;
    protected override int ProrationLimit => 1;

    [Fact]
    public void ReliableChangeParameters_AreTheTalkingTherapiesOnes() =>
        Assert.Equal((4, 8), (Instrument.ReliableChangePoints!.Value, Instrument.CaseCutoff!.Value));

    [Fact]
    public void LoincCodes_AreThePublishedOnes() => Assert.Equal(("69737-5", "70274-6"), (Instrument.LoincPanel, Instrument.LoincTotal));
}

/// <summary>The LOINC answer list and the unscored difficulty question are instrument data (docs/clinical-rules.md §7):
/// the PHQ family and GAD-7 answer with LL358-3, and only the PHQ-9 has the difficulty question (69722-7).</summary>
public sealed class LoincAnswerDataTests
{
    [Fact]
    public void Ll3583_IsTheAnswerListOfThePhqFamilyAndGad7Only()
    {
        string[] expected = ["phq-9", "phq-8", "phq-2", "gad-7"];
        Assert.Equal(expected.Order(), Assessments.Instruments.All.Where(i => i.LoincAnswerList == "LL358-3").Select(i => i.Id).Order());
        Assert.All(Assessments.Instruments.All.Where(i => !expected.Contains(i.Id)), i => Assert.Null(i.LoincAnswerList));
    }

    [Fact]
    public void OnlyThePhq9_HasTheUnscoredDifficultyQuestion() =>
        Assert.Equal(["phq-9:69722-7"], Assessments.Instruments.All.Where(i => i.LoincDifficultyItem is not null).Select(i => $"{i.Id}:{i.LoincDifficultyItem}"));
}
