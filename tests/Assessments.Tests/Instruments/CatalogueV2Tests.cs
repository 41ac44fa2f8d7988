using System;
using System.Linq;
using Assessments.Trends;
using Xunit;

namespace Assessments.Tests.Instruments;

// Reference: docs/clinical-rules.md §1 (catalogue v2) and the sources it names: Rush 2003 (QIDS-C16), Rush 1996 and
// ids-qids.org (IDS-SR30), Sheikh & Yesavage 1986 and LOINC 48545-8 (GDS-15), Hamilton 1959 and Matza 2010 (HAM-A),
// Overall & Gorham 1962 (BPRS+). Values transcribed here, never read back from the declarations.

/// <summary>QIDS-C16: every QIDS-SR16 test, on the clinician form (the same items, domains, bands and safety item).</summary>
public sealed class QidsC16Tests : QidsSr16Tests
{
    protected override Instrument Instrument => Assessments.Instruments.QidsC16;
    protected override string Id => "qids-c16";

    [Fact]
    public void IsClinicianRated() => Assert.Equal(Rater.Clinician, Instrument.Rater);
}

public sealed class IdsSr30Tests : TotalScoreConformance
{
    protected override Instrument Instrument => Assessments.Instruments.IdsSr30;
    protected override string Id => "ids-sr30";
    protected override int ItemCount => 30;
    protected override int[] ItemMaxima => Enumerable.Repeat(3, 30).ToArray();
    protected override int MaxTotal => 84;
    protected override (string Id, int Min, int Max)[] Bands =>
        [("none", 0, 13), ("mild", 14, 25), ("moderate", 26, 38), ("severe", 39, 48), ("very-severe", 49, 84)];
    protected override (int Item, int ReviewAt, int UrgentAt)? Safety => (18, 1, 2);
    protected override int? Remission => 13;
    protected override int ProrationLimit => 0;

    protected override bool IsEitherOrPartner(int item) => item is >= 11 and <= 14;

    /// <summary>Fills the 28 scored items (12 and 14 stay 0: their pair's other item counts), the safety item last.</summary>
    protected override int?[] ResponseWithTotal(int total)
    {
        int?[] values = Enumerable.Repeat<int?>(0, 30).ToArray();
        int remaining = total;
        foreach (int n in Enumerable.Range(1, 30).Where(n => n is not (12 or 14)).OrderBy(n => n == 18 ? 1 : 0))
        {
            int v = Math.Min(3, remaining);
            values[n - 1] = v;
            remaining -= v;
        }

        Assert.Equal(0, remaining);
        return values;
    }

    [Theory]
    [InlineData(2, 3, 3)] // both answered: the higher
    [InlineData(3, 1, 3)]
    [InlineData(null, 2, 2)] // one blank beside an answered partner: not missing
    [InlineData(1, null, 1)]
    public void OnlyTheHigherOfTheAppetiteItems_IsScored(int? decreased, int? increased, int expected)
    {
        int?[] values = Enumerable.Repeat<int?>(0, 30).ToArray();
        values[10] = decreased;
        values[11] = increased;
        Assert.Equal(expected, Instrument.Score(values).ScoreOrThrow().Total);
    }

    [Fact]
    public void BothWeightItemsBlank_IsMissingNamingBoth()
    {
        int?[] values = Enumerable.Repeat<int?>(0, 30).ToArray();
        values[12] = values[13] = null;
        ScoringResult result = Instrument.Score(values);
        Assert.False(result.IsSuccess);
        Assert.Equal([13, 14], result.Errors.Where(e => e.Code == ErrorCodes.ItemMissing).Select(e => e.ItemNumber!.Value).Order());
    }

    [Fact]
    public void AllThirtyItemsAtThree_ScoreTwentyEightItems_84()
    {
        AssessmentScore score = Instrument.Score(Enumerable.Repeat<int?>(3, 30).ToArray()).ScoreOrThrow();
        Assert.Equal((84, "very-severe"), (score.Total, score.Band!.Id));
    }
}

public sealed class Gds15Tests : TotalScoreConformance
{
    protected override Instrument Instrument => Assessments.Instruments.Gds15;
    protected override string Id => "gds-15";
    protected override int ItemCount => 15;
    protected override int[] ItemMaxima => Enumerable.Repeat(1, 15).ToArray();
    protected override int MaxTotal => 15;
    protected override (string Id, int Min, int Max)[] Bands => [("normal", 0, 4), ("mild", 5, 8), ("moderate", 9, 11), ("severe", 12, 15)];
    protected override (int Item, int ReviewAt, int UrgentAt)? Safety => null;
    protected override int? Remission => 4;
    protected override int ProrationLimit => 0;

    private static readonly int[] PointForNo = [1, 5, 7, 11, 13];

    [Fact]
    public void AsPrintedOptions_YesToEveryItem_Scores10_NoToEvery_Scores5()
    {
        // Option positions: yes = 0, no = 1. "No" scores on 1, 5, 7, 11, 13; "yes" on the ten others.
        var positions = new ScoringOptions { Values = ResponseValueKind.OptionPositions };
        Assert.Equal(10, Instrument.Score(Enumerable.Repeat<int?>(0, 15).ToArray(), positions).ScoreOrThrow().Total);
        Assert.Equal(5, Instrument.Score(Enumerable.Repeat<int?>(1, 15).ToArray(), positions).ScoreOrThrow().Total);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(7)]
    [InlineData(11)]
    [InlineData(13)]
    [InlineData(15)]
    public void EachItem_ScoresItsPointForTheKeyedAnswerOnly(int item)
    {
        // Every other item answered so that it scores 0; this item given the answer that scores.
        int?[] positions = Enumerable.Range(1, 15).Select(n => (int?)(PointForNo.Contains(n) ? 0 : 1)).ToArray();
        var options = new ScoringOptions { Values = ResponseValueKind.OptionPositions };
        Assert.Equal(0, Instrument.Score(positions, options).ScoreOrThrow().Total);
        positions[item - 1] = PointForNo.Contains(item) ? 1 : 0;
        Assert.Equal(1, Instrument.Score(positions, options).ScoreOrThrow().Total);
    }

    [Fact]
    public void YesAndNoLabels_AreRead()
    {
        Response response = Assessments.Serialization.AssessmentsJson.ReadResponse("""{"instrument":"gds-15","items":["no","yes","yes","yes","no","yes","no","yes","yes","yes","no","yes","no","yes","yes"]}""").Response!;
        AssessmentScore score = Instrument.Score(response).ScoreOrThrow();
        Assert.Equal((15, "severe"), (score.Total, score.Band!.Id));
    }
}

public sealed class HamATests : TotalScoreConformance
{
    protected override Instrument Instrument => Assessments.Instruments.HamA;
    protected override string Id => "ham-a";
    protected override int ItemCount => 14;
    protected override int[] ItemMaxima => Enumerable.Repeat(4, 14).ToArray();
    protected override int MaxTotal => 56;
    protected override (string Id, int Min, int Max)[] Bands => [("minimal", 0, 7), ("mild", 8, 14), ("moderate", 15, 23), ("severe", 24, 56)];
    protected override (int Item, int ReviewAt, int UrgentAt)? Safety => null;
    protected override int? Remission => 7;
    protected override int ProrationLimit => 0;
}

public sealed class BprsPlusTests : TotalScoreConformance
{
    protected override Instrument Instrument => Assessments.Instruments.BprsPlus;
    protected override string Id => "bprs-plus";
    protected override int ItemCount => 4;
    protected override int[] ItemMinima => [1, 1, 1, 1];
    protected override int[] ItemMaxima => [7, 7, 7, 7];
    protected override int MaxTotal => 28;
    protected override (string Id, int Min, int Max)[] Bands => [];
    protected override (int Item, int ReviewAt, int UrgentAt)? Safety => null;
    protected override int? Remission => null;
    protected override int ProrationLimit => 0;

    [Fact]
    public void AZero_IsOutOfRange_NotAScore()
    {
        // 1 is "not present": a 0 (a 0-6 rebased form) is refused, never read as less than absent.
        ScoringError error = Assert.Single(Instrument.Score(0, 1, 1, 1).Errors);
        Assert.Equal((ErrorCodes.ItemOutOfRange, 1), (error.Code, error.ItemNumber!.Value));
    }

    [Fact]
    public void InACourse_IsSessionRelative_PreDosePeakAndChange()
    {
        var t0 = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
        CourseAssessment At(DateTimeOffset at, int total) => CourseAssessment.TryFromTotal(at, Instrument, total, out CourseAssessment? a) ? a : throw new InvalidOperationException();
        CourseResult result = TreatmentCourse.Summarize(Instrument, [At(t0.AddHours(-1), 4), At(t0.AddMinutes(40), 9), At(t0.AddMinutes(120), 6)], [new TreatmentSession(t0, "iv-ketamine", null)], null);
        CourseSummary s = result.Summary!;
        SessionPeak peak = Assert.Single(s.SessionPeaks!.Value);
        Assert.Equal((9, (int?)4, (int?)5), (peak.Peak, peak.Pre, peak.Change));
        Assert.Null(s.Status);
    }
}
