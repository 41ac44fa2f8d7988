using System.Linq;
using Xunit;

namespace Assessments.Tests.Instruments;

// Reference: docs/clinical-rules.md §4, C-SSRS Since Last Visit (Posner 2011; NINDS CDE guidance; the high tier for
// behaviour since the last visit is a convention stated there). Values: 1 yes, 0 no, null not asked.
public sealed class CssrsSinceLastVisitTests : InstrumentConformance
{
    protected override Instrument Instrument => Assessments.Instruments.CssrsSinceLastVisit;
    protected override string Id => "cssrs-slv";
    protected override int ItemCount => 6;
    protected override int[] ItemMaxima => [1, 1, 1, 1, 1, 1];
    protected override int?[] LowestResponse => [0, 0, null, null, null, 0];

    [Theory]
    [InlineData(new[] { 0, 0, -1, -1, -1, 0 }, RiskLevel.None)]
    [InlineData(new[] { 1, 0, -1, -1, -1, 0 }, RiskLevel.Low)]
    [InlineData(new[] { 0, 1, 0, 0, 0, 0 }, RiskLevel.Low)]
    [InlineData(new[] { 0, 1, 1, 0, 0, 0 }, RiskLevel.Moderate)]
    [InlineData(new[] { 0, 1, 0, 1, 0, 0 }, RiskLevel.High)]
    [InlineData(new[] { 0, 1, 0, 0, 1, 0 }, RiskLevel.High)]
    [InlineData(new[] { 0, 0, -1, -1, -1, 1 }, RiskLevel.High)] // behaviour since the last visit: recent, so high (no recency item)
    [InlineData(new[] { 1, 1, 1, 1, 1, 1 }, RiskLevel.High)]
    public void RiskLevel_FollowsTheTriageRule(int[] answers, RiskLevel expected)
    {
        ScoringResult result = Instrument.Score(answers.Select(a => a < 0 ? null : (int?)a).ToArray());
        AssessmentScore score = result.ScoreOrThrow();
        Assert.Equal(expected, score.RiskLevel);
        Assert.Null(score.Total);
        if (expected == RiskLevel.None)
        {
            Assert.Empty(score.Flags);
            return;
        }

        SafetyFlag flag = Assert.Single(score.Flags);
        Assert.Equal(expected == RiskLevel.High ? FlagPriority.Urgent : FlagPriority.Review, flag.Priority);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Item2No_ItemsThreeToFiveAnswered_IsNotAsked(int item)
    {
        int?[] values = [0, 0, null, null, null, 0];
        values[item - 1] = 1;
        ScoringResult result = Instrument.Score(values);
        Assert.Equal((ErrorCodes.ItemNotAsked, item), (Assert.Single(result.Errors).Code, result.Errors[0].ItemNumber!.Value));
        if (item is 4 or 5)
            Assert.Contains(result.Flags, f => f.Priority == FlagPriority.Urgent); // a yes to intent where it was not asked is never lost
    }

    [Fact]
    public void SixValues_NotSeven()
    {
        Assert.Equal(ErrorCodes.ItemCount, Assert.Single(Instrument.Score([0, 0, null, null, null, 0, null]).Errors).Code);
    }
}
