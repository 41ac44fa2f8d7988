using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace Assessments.Tests.Instruments;

/// <summary>
/// Tests every instrument must pass. Each derived class supplies reference values transcribed from the published
/// source (docs/clinical-rules.md), never read back from the library's own declarations.
/// </summary>
public abstract class InstrumentConformance
{
    protected abstract Instrument Instrument { get; }

    protected abstract string Id { get; }

    /// <summary>Number of scored items (reference).</summary>
    protected abstract int ItemCount { get; }

    /// <summary>The highest item score of each item, transcribed from the reference.</summary>
    protected abstract int[] ItemMaxima { get; }

    /// <summary>The lowest item score of each item, transcribed from the reference (0 unless the scale starts at 1).</summary>
    protected virtual int[] ItemMinima => new int[ItemCount];

    /// <summary>A valid response with every asked item at its lowest (null where skip logic means not asked).</summary>
    protected virtual int?[] LowestResponse => ItemMinima.Select(m => (int?)m).ToArray();

    [Fact]
    public void Catalogue_FindsTheInstrumentById()
    {
        Assert.True(Assessments.Instruments.TryGet(Id, out Instrument? found));
        Assert.Same(Instrument, found);
        Assert.Equal(ItemCount, Instrument.Items.Length);
    }

    [Fact]
    public void Items_HaveThePublishedRanges()
    {
        Assert.Equal(ItemMaxima, Instrument.Items.Select(i => i.MaxScore).ToArray());
        Assert.Equal(ItemMinima, Instrument.Items.Select(i => i.MinScore).ToArray());
    }

    [Fact]
    public void LowestResponse_IsValid()
    {
        ScoringResult result = Instrument.Score(LowestResponse);
        Assert.True(result.IsSuccess, string.Join("; ", result.Errors));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    public void WrongItemCount_IsRejectedWithItemCount(int delta)
    {
        var values = Enumerable.Repeat<int?>(0, ItemCount + delta).ToArray();
        ScoringResult result = Instrument.Score(values);
        Assert.False(result.IsSuccess);
        ScoringError error = Assert.Single(result.Errors);
        Assert.Equal(ErrorCodes.ItemCount, error.Code);
        Assert.Null(error.ItemNumber);
    }

    [Fact]
    public void EachItemAboveItsRange_IsRejectedNamingTheItem()
    {
        for (int i = 0; i < ItemCount; i++)
        {
            if (LowestResponse[i] is null)
                continue;
            int?[] values = LowestResponse;
            values[i] = ItemMaxima[i] + 1 == Instrument.Items[i].NotAssessedValue ? ItemMaxima[i] + 2 : ItemMaxima[i] + 1;
            ScoringResult result = Instrument.Score(values);
            Assert.False(result.IsSuccess);
            Assert.Null(result.Score);
            ScoringError error = Assert.Single(result.Errors, e => e.Code == ErrorCodes.ItemOutOfRange);
            Assert.Equal(i + 1, error.ItemNumber);
            Assert.Contains($"{ItemMinima[i]} to {ItemMaxima[i]}", error.Message, System.StringComparison.Ordinal);
        }
    }

    [Fact]
    public void EachItemBelowItsRange_IsRejectedNamingTheItem()
    {
        for (int i = 0; i < ItemCount; i++)
        {
            if (LowestResponse[i] is null)
                continue;
            int?[] values = LowestResponse;
            values[i] = ItemMinima[i] - 1 == Instrument.Items[i].NotAssessedValue ? ItemMinima[i] - 2 : ItemMinima[i] - 1;
            ScoringResult result = Instrument.Score(values);
            Assert.False(result.IsSuccess);
            Assert.Equal(i + 1, Assert.Single(result.Errors, e => e.Code == ErrorCodes.ItemOutOfRange).ItemNumber);
        }
    }

    [Fact]
    public void EachMissingItem_IsRejectedWithoutProration()
    {
        for (int i = 0; i < ItemCount; i++)
        {
            if (LowestResponse[i] is null || IsEitherOrPartner(i + 1))
                continue;
            int?[] values = LowestResponse;
            values[i] = null;
            ScoringResult result = Instrument.Score(values);
            Assert.False(result.IsSuccess);
            Assert.Equal(i + 1, Assert.Single(result.Errors, e => e.Code == ErrorCodes.ItemMissing).ItemNumber);
        }
    }

    [Fact]
    public void ErrorMessages_NeverRepeatTheValueGiven()
    {
        int?[] values = LowestResponse;
        values[0] = 987;
        ScoringResult result = Instrument.Score(values);
        Assert.All(result.Errors, e => Assert.DoesNotContain("987", e.Message, System.StringComparison.Ordinal));
    }

    /// <summary>Items the form asks as either/or with a partner (QIDS-SR16 6/7, 8/9): a blank beside an answer is not missing.</summary>
    protected virtual bool IsEitherOrPartner(int item) => false;
}

/// <summary>Conformance for instruments with a numeric total: range, bands, safety items, proration.</summary>
public abstract class TotalScoreConformance : InstrumentConformance
{
    protected abstract int MaxTotal { get; }

    /// <summary>Default bands (id, min, max) transcribed from the published source; empty for none.</summary>
    protected abstract (string Id, int Min, int Max)[] Bands { get; }

    /// <summary>Safety item and thresholds (docs/clinical-rules.md §3), or null.</summary>
    protected abstract (int Item, int ReviewAt, int UrgentAt)? Safety { get; }

    protected abstract int? Remission { get; }

    /// <summary>Most missing items proration allows (docs/clinical-rules.md §5).</summary>
    protected abstract int ProrationLimit { get; }

    /// <summary>Builds item scores reaching <paramref name="total"/>, filling items in order; the safety item last.</summary>
    protected virtual int?[] ResponseWithTotal(int total)
    {
        var values = ItemMinima.Select(m => (int?)m).ToArray();
        int remaining = total - ItemMinima.Sum();
        IEnumerable<int> order = Enumerable.Range(0, ItemCount).OrderBy(i => Safety?.Item == i + 1 ? 1 : 0);
        foreach (int i in order)
        {
            int v = System.Math.Min(ItemMaxima[i] - ItemMinima[i], remaining);
            values[i] += v;
            remaining -= v;
        }

        Assert.Equal(0, remaining);
        return values;
    }

    [Fact]
    public void AllItemsAtTheirLowest_ScoresThePublishedMinimum() =>
        Assert.Equal(ItemMinima.Sum(), Instrument.Score(ResponseWithTotal(ItemMinima.Sum())).ScoreOrThrow().Total);

    [Fact]
    public void AllItemsAtMaximum_ScoresThePublishedMaximum()
    {
        AssessmentScore score = Instrument.Score(ItemMaxima.Select(m => (int?)m).ToArray()).ScoreOrThrow();
        Assert.Equal(MaxTotal, score.Total);
        Assert.Equal(MaxTotal, score.MaxTotal);
    }

    [Fact]
    public void EveryBandBoundary_ClassifiesAsPublished()
    {
        if (Bands.Length == 0)
        {
            Assert.Null(Instrument.DefaultBandSet);
            Assert.Null(Instrument.Score(ResponseWithTotal(MaxTotal)).ScoreOrThrow().Band);
            return;
        }

        Assert.Equal(ItemMinima.Sum(), Bands[0].Min);
        Assert.Equal(MaxTotal, Bands[^1].Max);
        foreach ((string id, int min, int max) in Bands)
        {
            foreach (int total in new[] { min, max })
            {
                AssessmentScore score = Instrument.Score(ResponseWithTotal(total)).ScoreOrThrow();
                Assert.Equal(total, score.Total);
                Assert.Equal(id, score.Band!.Id);
            }
        }

        Assert.Equal(Bands.Select(b => b.Id), Instrument.DefaultBandSet!.Bands.Select(b => b.Id));
    }

    [Fact]
    public virtual void SafetyItem_FlagsAtAndAboveItsThresholdsOnly()
    {
        if (Safety is not { } safety)
        {
            Assert.Equal(SafetyScreen.NotCovered, Instrument.SafetyScreen);
            AssessmentScore max = Instrument.Score(ItemMaxima.Select(m => (int?)m).ToArray()).ScoreOrThrow();
            Assert.Empty(max.Flags);
            Assert.Equal(SafetyScreen.NotCovered, max.SafetyScreen);
            return;
        }

        Assert.Equal(SafetyScreen.Covered, Instrument.SafetyScreen);
        for (int value = 0; value <= ItemMaxima[safety.Item - 1]; value++)
        {
            int?[] values = LowestResponse;
            values[safety.Item - 1] = value;
            AssessmentScore score = Instrument.Score(values).ScoreOrThrow();
            FlagPriority? expected = value >= safety.UrgentAt ? FlagPriority.Urgent : value >= safety.ReviewAt ? FlagPriority.Review : null;
            if (expected is null)
            {
                Assert.Empty(score.Flags);
                continue;
            }

            SafetyFlag flag = Assert.Single(score.Flags);
            Assert.Equal("suicide-risk", flag.Id);
            Assert.Equal(safety.Item, flag.ItemNumber);
            Assert.Equal(value, flag.Value);
            Assert.Equal(expected, flag.Priority);
        }
    }

    [Fact]
    public void MissingSafetyItem_IsInvalidAndFlaggedEvenWithProration()
    {
        if (Safety is not { } safety)
        {
            // No suicide item: a blank is an ordinary missing item, never a safety flag.
            int?[] blank = LowestResponse;
            blank[0] = null;
            ScoringResult strict = Instrument.Score(blank);
            Assert.False(strict.IsSuccess);
            Assert.Empty(strict.Flags);
            return;
        }

        int?[] values = LowestResponse;
        values[safety.Item - 1] = null;
        foreach (bool prorate in new[] { false, true })
        {
            ScoringResult result = Instrument.Score(values, new ScoringOptions { Prorate = prorate });
            Assert.False(result.IsSuccess);
            Assert.Contains(result.Errors, e => e.Code == ErrorCodes.ItemMissing && e.ItemNumber == safety.Item);
            SafetyFlag flag = Assert.Single(result.Flags);
            Assert.Equal("safety-item-unanswered", flag.Id);
            Assert.Equal(safety.Item, flag.ItemNumber);
        }
    }

    [Fact]
    public void RemissionThreshold_IsTheReferenceValue() => Assert.Equal(Remission, Instrument.RemissionThreshold);

    [Fact]
    public virtual void Proration_AllowsExactlyThePublishedNumberOfMissingItems()
    {
        // Blank the first non-safety items; with the limit they are prorated, one more is refused.
        var candidates = Enumerable.Range(1, ItemCount).Where(n => n != Safety?.Item && !IsEitherOrPartner(n)).ToList();
        for (int missing = 1; missing <= ProrationLimit + 1 && missing <= candidates.Count; missing++)
        {
            int?[] values = ItemMaxima.Select(m => (int?)m).ToArray();
            foreach (int n in candidates.Take(missing))
                values[n - 1] = null;
            ScoringResult result = Instrument.Score(values, new ScoringOptions { Prorate = true });
            if (missing <= ProrationLimit)
            {
                AssessmentScore score = result.ScoreOrThrow();
                Assert.True(score.Prorated);
                Assert.Equal(MaxTotal, score.Total);
            }
            else
            {
                Assert.False(result.IsSuccess);
                Assert.Equal(missing, result.Errors.Count(e => e.Code == ErrorCodes.ItemMissing));
            }
        }
    }
}
