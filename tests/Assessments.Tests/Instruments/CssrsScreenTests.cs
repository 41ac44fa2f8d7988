using System.Linq;
using Xunit;

namespace Assessments.Tests.Instruments;

// Reference: docs/clinical-rules.md §4 (Posner 2011; Columbia triage). Values: 1 yes, 0 no, null not asked.
public sealed class CssrsScreenTests : InstrumentConformance
{
    protected override Instrument Instrument => Assessments.Instruments.CssrsScreen;
    protected override string Id => "cssrs-screen";
    protected override int ItemCount => 7;
    protected override int[] ItemMaxima => [1, 1, 1, 1, 1, 1, 1];
    protected override int?[] LowestResponse => [0, 0, null, null, null, 0, null];

    [Theory]
    [InlineData(new[] { 0, 0, -1, -1, -1, 0, -1 }, RiskLevel.None)]
    [InlineData(new[] { 1, 0, -1, -1, -1, 0, -1 }, RiskLevel.Low)]
    [InlineData(new[] { 0, 1, 0, 0, 0, 0, -1 }, RiskLevel.Low)]
    [InlineData(new[] { 1, 1, 1, 0, 0, 0, -1 }, RiskLevel.Moderate)]
    [InlineData(new[] { 0, 0, -1, -1, -1, 1, 0 }, RiskLevel.Moderate)]
    [InlineData(new[] { 1, 1, 0, 1, 0, 0, -1 }, RiskLevel.High)]
    [InlineData(new[] { 1, 1, 0, 0, 1, 0, -1 }, RiskLevel.High)]
    [InlineData(new[] { 0, 0, -1, -1, -1, 1, 1 }, RiskLevel.High)]
    [InlineData(new[] { 1, 1, 1, 1, 1, 1, 1 }, RiskLevel.High)]
    public void RiskLevel_FollowsTheTriageRule(int[] answers, RiskLevel expected)
    {
        AssessmentScore score = Instrument.Score(answers.Select(a => a < 0 ? null : (int?)a).ToArray()).ScoreOrThrow();
        Assert.Equal(expected, score.RiskLevel);
        Assert.False(score.HasTotal);
        Assert.Null(score.Total);
        Assert.Null(score.Band);
        FlagPriority? priority = expected switch { RiskLevel.High => FlagPriority.Urgent, RiskLevel.None => null, _ => FlagPriority.Review };
        if (priority is null)
        {
            Assert.Empty(score.Flags);
        }
        else
        {
            SafetyFlag flag = Assert.Single(score.Flags);
            Assert.Equal(("suicide-risk", (int?)null, expected, priority), (flag.Id, flag.ItemNumber, flag.RiskLevel!.Value, flag.Priority));
        }
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Item2No_ItemsThreeToFiveAnswered_IsNotAsked(int item)
    {
        int?[] values = [0, 0, null, null, null, 0, null];
        values[item - 1] = 0;
        ScoringError error = Assert.Single(Instrument.Score(values).Errors);
        Assert.Equal((ErrorCodes.ItemNotAsked, item), (error.Code, error.ItemNumber!.Value));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Item2Yes_ItemsThreeToFiveBlank_IsMissingAndFlagged(int item)
    {
        int?[] values = [0, 1, 0, 0, 0, 0, null];
        values[item - 1] = null;
        ScoringResult result = Instrument.Score(values);
        ScoringError error = Assert.Single(result.Errors);
        Assert.Equal((ErrorCodes.ItemMissing, item), (error.Code, error.ItemNumber!.Value));
        Assert.Equal(
            [(FlagIds.SafetyItemUnanswered, (int?)item, (RiskLevel?)null, (FlagPriority?)null), (FlagIds.SuicideRisk, null, RiskLevel.Low, FlagPriority.Review)],
            result.Flags.Select(f => (f.Id, f.ItemNumber, f.RiskLevel, f.Priority)));
        Assert.Null(result.Score);
    }

    /// <summary>93374-7 is a generic suicide risk level code, recorded as the risk-level code and never as a total;
    /// the panel is 93373-9 (docs/clinical-rules.md §7).</summary>
    [Fact]
    public void LoincCodes_RiskLevelIsNotATotal() =>
        Assert.Equal(("93373-9", (string?)null, "93374-7"), (Instrument.LoincPanel, Instrument.LoincTotal, Instrument.LoincRiskLevel));

    /// <summary>Repro: one asked item blank and item 4 "yes" gave only safety-item-unanswered. The answers already
    /// imply high risk, so the invalid response raises the urgent flag with the unanswered one.</summary>
    [Fact]
    public void InvalidScreener_WithItem4Yes_StillRaisesTheUrgentFlag()
    {
        ScoringResult result = Instrument.Score([0, 1, null, 1, 0, 0, null]);
        Assert.False(result.IsSuccess);
        Assert.Contains(result.Flags, f => f.Id == FlagIds.SafetyItemUnanswered && f.ItemNumber == 3);
        Assert.Contains(result.Flags, f => f.Id == FlagIds.SuicideRisk && f.RiskLevel == RiskLevel.High && f.Priority == FlagPriority.Urgent);
    }

    [Theory]
    [InlineData(new[] { 1, 0, -1, -1, -1, 1, 5 }, RiskLevel.Moderate)] // recency unreadable: behaviour alone is moderate
    [InlineData(new[] { 5, 1, 0, 0, 1, 0, -1 }, RiskLevel.High)] // item 1 out of range, item 5 yes
    [InlineData(new[] { 1, 9, -1, -1, -1, 0, -1 }, RiskLevel.Low)] // item 2 out of range: item 1 yes is still low
    public void InvalidScreener_RaisesTheLowerBoundItsAnswersImply(int[] raw, RiskLevel level)
    {
        int?[] values = [.. raw.Select(v => v < 0 ? (int?)null : v)];
        ScoringResult result = Instrument.Score(values);
        Assert.False(result.IsSuccess);
        SafetyFlag risk = Assert.Single(result.Flags, f => f.Id == FlagIds.SuicideRisk);
        Assert.Equal(level, risk.RiskLevel);
        Assert.Equal(level == RiskLevel.High ? FlagPriority.Urgent : FlagPriority.Review, risk.Priority);
    }

    [Fact]
    public void Item6Yes_RecencyBlank_IsMissingOnItem7()
    {
        ScoringError error = Assert.Single(Instrument.Score([0, 0, null, null, null, 1, null]).Errors);
        Assert.Equal((ErrorCodes.ItemMissing, 7), (error.Code, error.ItemNumber!.Value));
    }

    [Fact]
    public void Item6No_RecencyAnswered_IsNotAsked()
    {
        ScoringError error = Assert.Single(Instrument.Score([0, 0, null, null, null, 0, 1]).Errors);
        Assert.Equal((ErrorCodes.ItemNotAsked, 7), (error.Code, error.ItemNumber!.Value));
    }

    [Fact]
    public void YesNoLabels_AreAccepted()
    {
        Assert.True(Instrument.GetItem(1).TryParseValue("yes", ResponseValueKind.ItemScores, out int? yes));
        Assert.True(Instrument.GetItem(1).TryParseValue("no", ResponseValueKind.ItemScores, out int? no));
        Assert.Equal((1, 0), (yes!.Value, no!.Value));
    }

    [Fact]
    public void Provenance_SaysTheModerateLowSplitIsSettingSpecific()
    {
        Assert.Contains("setting-specific", Instrument.RiskProvenance, System.StringComparison.Ordinal);
        Assert.False(Instrument.HasTotal);
        Assert.Equal(SafetyScreen.Covered, Instrument.SafetyScreen);
    }
}
