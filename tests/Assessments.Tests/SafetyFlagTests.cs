using Xunit;

namespace Assessments.Tests;

/// <summary>One wording of a flag for people, used by every tool: priority, id, item (with its name), value.</summary>
public sealed class SafetyFlagTests
{
    [Fact]
    public void Describe_NamesPriorityIdItemAndValue()
    {
        SafetyFlag urgent = Assert.Single(Assessments.Instruments.Phq9.Score(0, 0, 0, 0, 0, 0, 0, 0, 3).Flags);
        Assert.Equal("URGENT suicide-risk: item 9 (thoughts of death or self-harm) = 3", urgent.Describe(Assessments.Instruments.Phq9));
        Assert.Equal("URGENT suicide-risk: item 9 = 3", urgent.ToString());

        SafetyFlag ask = Assert.Single(Assessments.Instruments.Phq9.Score([0, 0, 0, 0, 0, 0, 0, 0, null]).Flags);
        Assert.Equal("ASK safety-item-unanswered: item 9 (thoughts of death or self-harm) is unanswered", ask.Describe(Assessments.Instruments.Phq9));

        SafetyFlag risk = Assert.Single(Assessments.Instruments.CssrsScreen.Score([0, 1, 0, 1, 0, 0, null]).Flags);
        Assert.Equal("URGENT suicide-risk: risk level = high", risk.Describe(Assessments.Instruments.CssrsScreen));
    }

    [Theory]
    [InlineData("PHQ-9")]
    [InlineData(" phq-9 ")]
    [InlineData("Phq-9")]
    public void TryFind_MatchesWhatPeopleType_TryGetStaysExact(string typed)
    {
        Assert.True(Assessments.Instruments.TryFind(typed, out Instrument? found));
        Assert.Same(Assessments.Instruments.Phq9, found);
        Assert.False(Assessments.Instruments.TryGet(typed, out _));
    }
}
