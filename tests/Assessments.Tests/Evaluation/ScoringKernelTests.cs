using System;
using System.Collections.Immutable;
using System.Linq;
using Xunit;

namespace Assessments.Tests.Evaluation;

/// <summary>Kernel decisions a mutation run showed no other test pinned: messages, notes, proration reasons, the
/// C-SSRS lower bound from a not-asked "yes", and the model's own argument checks.</summary>
public sealed class ScoringKernelTests
{
    private static Item Plain(int number, int min = 0, int max = 3, int? notAssessed = null, ItemCondition? when = null) =>
        new(number, $"item {number}", min, max, [.. Enumerable.Range(min, max - min + 1)], default, notAssessed, when, null, null);

    private static Instrument Local(ImmutableArray<Item> items, ImmutableArray<SafetyRule> rules = default, int maxMissing = 0)
    {
        int min = items.Sum(i => i.AskedWhen is null && i.NotAssessedValue is null ? i.MinScore : 0);
        int max = items.Sum(i => i.MaxScore);
        return new Instrument(new InstrumentSpec
        {
            Id = "local",
            Name = "local",
            Rater = Rater.Self,
            Items = items,
            SafetyRules = rules,
            BandSets = [new BandSetSpec("all", "test", [new SeverityBand("all", "All", min, max)])],
            MaxMissingForProration = maxMissing,
            Citation = "test",
            Licence = LicenceStatus.Undetermined,
            LicenceNote = "test",
        });
    }

    [Fact]
    public void TwoNotAssessedItems_GiveTwoNotesInItemOrder()
    {
        Instrument instrument = Local([Plain(1, notAssessed: 9), Plain(2), Plain(3, notAssessed: 9)]);
        AssessmentScore score = instrument.Score(9, 2, 9).ScoreOrThrow();
        Assert.Equal("item-1-not-assessed,item-3-not-assessed", string.Join(",", score.Notes));
        Assert.Equal(2, score.Total);
        Assert.Equal("item-1-not-assessed", string.Join(",", instrument.Score(9, 2, 1).ScoreOrThrow().Notes));
        Assert.Empty(instrument.Score(0, 2, 1).ScoreOrThrow().Notes);
    }

    /// <summary>The simple-sum loop (no skip logic, no "not assessed") checks each item's own range, also where it
    /// does not start at 0.</summary>
    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(4)]
    public void TheSimpleSumLoop_RefusesValuesOutsideARangeThatStartsAboveZero(int value)
    {
        Instrument instrument = Local([Plain(1, min: 1, max: 3), Plain(2, min: 0, max: 3)]);
        Assert.True(instrument.Plan.SimpleSum);
        Assert.Equal((ErrorCodes.ItemOutOfRange, (int?)1), (instrument.ScoreQuick([value, 0]).FirstErrorCode, instrument.ScoreQuick([value, 0]).FirstErrorItem));
        Assert.False(instrument.Score(value, 0).IsSuccess);
        Assert.Equal(4, instrument.Score(3, 1).ScoreOrThrow().Total);
        Assert.Equal(1, instrument.ScoreQuick([1, 0]).Total);
    }

    [Fact]
    public void AnInvalidQuickScore_HasNoNotes()
    {
        QuickScore quick = Assessments.Instruments.Hamd17.ScoreQuick([9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0]);
        Assert.False(quick.IsSuccess);
        Assert.False(quick.HasNotes);
        Assert.Equal((ErrorCodes.ItemOutOfRange, (int?)1, 1), (quick.FirstErrorCode, quick.FirstErrorItem, quick.ErrorCount));
    }

    [Fact]
    public void TwoBlankSafetyItems_WithProration_AreBothSafetyItemsNeverProrated()
    {
        Instrument instrument = Local([Plain(1), Plain(2), Plain(3), Plain(4)], [new SafetyRule(2, 1, 2, "test"), new SafetyRule(4, 1, 2, "test")], maxMissing: 3);
        ScoringResult result = instrument.Score([1, null, null, null], new ScoringOptions { Prorate = true });
        Assert.Equal(
            [
                (ErrorCodes.ItemMissing, (int?)2, "Item 2 (item 2) is a safety item and is unanswered; a safety item is never prorated."),
                (ErrorCodes.ItemMissing, (int?)3, "Item 3 (item 3) is unanswered; no proration while a safety item is unanswered."),
                (ErrorCodes.ItemMissing, (int?)4, "Item 4 (item 4) is a safety item and is unanswered; a safety item is never prorated."),
            ],
            result.Errors.Select(e => (e.Code, e.ItemNumber, e.Message)));
        Assert.Equal([2, 4], result.Flags.Select(f => f.ItemNumber!.Value));
    }

    [Fact]
    public void MissingMessages_SayWhyNothingWasProrated()
    {
        Assert.Equal("Item 1 (depressed mood) is unanswered; hamd-17 is never prorated.", Assessments.Instruments.Hamd17.Score([null, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], new ScoringOptions { Prorate = true }).Errors.Single().Message);
        ScoringResult phq = Assessments.Instruments.Phq9.Score([null, null, 0, 0, 0, 0, 0, 0, 0], new ScoringOptions { Prorate = true });
        Assert.All(phq.Errors, e => Assert.EndsWith("proration allows at most 1 missing item(s) on phq-9.", e.Message, StringComparison.Ordinal));
        Assert.Equal("Item 1 (anhedonia) is unanswered.", Assessments.Instruments.Phq9.Score([null, 0, 0, 0, 0, 0, 0, 0, 0]).Errors.Single().Message);
        ScoringResult qids = Assessments.Instruments.QidsSr16.Score([0, 0, 0, 0, null, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], new ScoringOptions { Prorate = true });
        Assert.Equal("Item 5 (sad mood) is unanswered and its domain has no other answer.", qids.Errors.Single().Message);
    }

    [Fact]
    public void OutOfRangeMessages_NameScoresOrPositions_AndNotAssessedOnlyWhereItExists()
    {
        Assert.Equal("Item 1 (anhedonia) accepts item scores 0 to 3.", Assessments.Instruments.Phq9.Score(4, 0, 0, 0, 0, 0, 0, 0, 0).Errors.Single().Message);
        Assert.Equal("Item 1 (laughter and humour) accepts option positions 0 to 3.", Assessments.Instruments.Epds.Score([4, 0, 0, 0, 0, 0, 0, 0, 0, 0], new ScoringOptions { Values = ResponseValueKind.OptionPositions }).Errors.Single().Message);
        Assert.EndsWith("accepts item scores 0 to 2, or 3 for not assessed.", Assessments.Instruments.Hamd17.Score(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0).Errors.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void QidsDomainWithTwoAnswersAndTwoBlanks_IsScoredFromItsAnswersWhenProrated()
    {
        AssessmentScore score = Assessments.Instruments.QidsSr16.Score([null, 2, 1, null, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], new ScoringOptions { Prorate = true }).ScoreOrThrow();
        Assert.True(score.Prorated);
        Assert.Equal(2, score.Total);
        Assert.False(Assessments.Instruments.QidsSr16.Score([null, 2, 1, null, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]).IsSuccess);
    }

    [Fact]
    public void ScreenerWithANotAskedYesToItem4_IsInvalidAndUrgent()
    {
        ScoringResult result = Assessments.Instruments.CssrsScreen.Score([0, 0, null, 1, null, 0, null]);
        Assert.Equal((ErrorCodes.ItemNotAsked, (int?)4), (result.Errors.Single().Code, result.Errors.Single().ItemNumber));
        SafetyFlag flag = Assert.Single(result.Flags);
        Assert.Equal((RiskLevel.High, FlagPriority.Urgent as FlagPriority?), (flag.RiskLevel!.Value, flag.Priority));
    }

    [Fact]
    public void ModelTypes_RefuseBrokenArguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SafetyRule(0, 1, 2, "b"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SafetyRule(9, 0, 2, "b"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SafetyRule(9, 2, 1, "b"));
        Assert.Throws<ArgumentException>(() => new SafetyRule(9, 1, 2, " "));
        Assert.Throws<ArgumentException>(() => new RiskTier(RiskLevel.High, default, FlagPriority.Urgent));
        Assert.Throws<ArgumentException>(() => new ScoringDomain(" ", [1], default));
        Assert.Throws<ArgumentException>(() => new ScoringDomain("d", [], default));
        Assert.False(new ScoringDomain("d", [1], default).EitherOrGroups.IsDefault);
    }
}
