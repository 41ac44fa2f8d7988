using System;
using System.Linq;
using System.Text.Json.Nodes;
using Assessments.Serialization;
using Xunit;

namespace Assessments.Tests.Instruments;

// Reference: docs/clinical-rules.md §1 (catalogue v2): Guy 1976 (CGI), Weathers 2013 and the VA scoring text (PCL-5),
// the HealthMeasures 8a table and Kroenke 2020 (PROMIS), Young 1978 and trial protocols (YMRS), Mundt 2002 (WSAS).
// Values transcribed here, never read back from the declarations.

public sealed class CgiSTests : TotalScoreConformance
{
    protected override Instrument Instrument => Assessments.Instruments.CgiS;
    protected override string Id => "cgi-s";
    protected override int ItemCount => 1;
    protected override int[] ItemMinima => [1];
    protected override int[] ItemMaxima => [7];
    protected override int MaxTotal => 7;
    protected override (string Id, int Min, int Max)[] Bands =>
        [("normal", 1, 1), ("borderline", 2, 2), ("mildly-ill", 3, 3), ("moderately-ill", 4, 4), ("markedly-ill", 5, 5), ("severely-ill", 6, 6), ("extremely-ill", 7, 7)];
    protected override (int Item, int ReviewAt, int UrgentAt)? Safety => null;
    protected override int? Remission => null;
    protected override int ProrationLimit => 0;

    [Fact]
    public void ZeroIsNotAssessed_AndMissing_NotARating()
    {
        ScoringResult result = Instrument.Score(0);
        ScoringError error = Assert.Single(result.Errors);
        Assert.Equal((ErrorCodes.ItemMissing, 1), (error.Code, error.ItemNumber!.Value));
        Assert.Null(result.Score);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void OptionPositions_AreRefused_NeverGuessed(int position)
    {
        // Review: position 0 was read as the first rating (1), so a form printing "0 = not assessed" first gave a
        // CGI-I responder. Whether the form prints it first is not settled: the rating must be an item score.
        ScoringResult result = Instrument.Score([position], new ScoringOptions { Values = ResponseValueKind.OptionPositions });
        ScoringError error = Assert.Single(result.Errors);
        Assert.Equal((ErrorCodes.ItemOutOfRange, 1), (error.Code, error.ItemNumber!.Value));
        Assert.Contains("option positions are not accepted", error.Message, StringComparison.Ordinal);
        Assert.Null(result.Score);
    }

    [Fact]
    public void TheRangeMessage_SaysZeroLeavesItUnanswered() =>
        Assert.Contains("0 means not assessed and leaves it unanswered", Assert.Single(Instrument.Score(9).Errors).Message, StringComparison.Ordinal);
}

public sealed class CgiITests : TotalScoreConformance
{
    protected override Instrument Instrument => Assessments.Instruments.CgiI;
    protected override string Id => "cgi-i";
    protected override int ItemCount => 1;
    protected override int[] ItemMinima => [1];
    protected override int[] ItemMaxima => [7];
    protected override int MaxTotal => 7;
    protected override (string Id, int Min, int Max)[] Bands =>
        [("very-much-improved", 1, 1), ("much-improved", 2, 2), ("minimally-improved", 3, 3), ("no-change", 4, 4), ("minimally-worse", 5, 5), ("much-worse", 6, 6), ("very-much-worse", 7, 7)];
    protected override (int Item, int ReviewAt, int UrgentAt)? Safety => null;
    protected override int? Remission => null;
    protected override int ProrationLimit => 0;

    [Fact]
    public void OptionPositions_AreRefused_AsForCgiS()
    {
        ScoringResult result = Instrument.Score([0], new ScoringOptions { Values = ResponseValueKind.OptionPositions });
        Assert.Contains("option positions are not accepted", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
        Assert.Null(result.Score);
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(3, false)]
    [InlineData(7, false)]
    public void OneOrTwo_IsAResponder_InTheResultAndOnTheWire(int rating, bool responder)
    {
        ScoringResult result = Instrument.Score(rating);
        Assert.Equal(responder, result.ScoreOrThrow().Responder);
        Assert.Equal(responder, (bool)JsonNode.Parse(AssessmentsJson.WriteResult(result))!["responder"]!);
    }

    [Fact]
    public void OtherInstruments_SayNothingOfResponders() =>
        Assert.Null(JsonNode.Parse(AssessmentsJson.WriteResult(Assessments.Instruments.Phq9.Score(0, 0, 0, 0, 0, 0, 0, 0, 0)))!["responder"]);
}

public sealed class Pcl5Tests : TotalScoreConformance
{
    protected override Instrument Instrument => Assessments.Instruments.Pcl5;
    protected override string Id => "pcl-5";
    protected override int ItemCount => 20;
    protected override int[] ItemMaxima => Enumerable.Repeat(4, 20).ToArray();
    protected override int MaxTotal => 80;
    protected override (string Id, int Min, int Max)[] Bands => [("below-cutoff", 0, 32), ("probable-ptsd", 33, 80)];
    protected override (int Item, int ReviewAt, int UrgentAt)? Safety => null;
    protected override int? Remission => null;
    protected override int ProrationLimit => 0;

    [Theory]
    [InlineData(30, "below-cutoff")]
    [InlineData(31, "probable-ptsd")]
    public void TheVa31BandSet_PutsTheCutAt31(int total, string band) =>
        Assert.Equal(band, Instrument.Score(ResponseWithTotal(total), new ScoringOptions { BandSet = "va-31" }).ScoreOrThrow().Band!.Id);

    [Fact]
    public void ClusterSums_AreReportedAsSubscores()
    {
        // B 1-5, C 6-7, D 8-14, E 15-20 (Weathers 2013).
        int?[] values = [1, 1, 1, 1, 1, 2, 2, 3, 3, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 4];
        AssessmentScore score = Instrument.Score(values).ScoreOrThrow();
        Assert.Equal([new("B", 5), new("C", 4), new("D", 21), new("E", 24)], score.Subscores.ToArray());
        JsonNode wire = JsonNode.Parse(AssessmentsJson.WriteResult(Instrument.Score(values)))!;
        Assert.Equal("""{"B":5,"C":4,"D":21,"E":24}""", wire["subscores"]!.ToJsonString());
    }

    public static TheoryData<int[], bool> ClusterCases() => new()
    {
        // An item counts at 2 or more: one B, one C, two D, two E.
        { [2, 0, 0, 0, 0, 2, 0, 2, 2, 0, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0], true },
        { [1, 1, 1, 1, 1, 2, 0, 2, 2, 0, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0], false }, // no B at 2: a total of 17 cannot say this
        { [2, 0, 0, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0], false }, // no C
        { [2, 0, 0, 0, 0, 2, 0, 2, 1, 0, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0], false }, // one D
        { [2, 0, 0, 0, 0, 2, 0, 2, 2, 0, 0, 0, 0, 0, 2, 1, 0, 0, 0, 0], false }, // one E
        { [4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4], true },
    };

    [Theory]
    [MemberData(nameof(ClusterCases))]
    public void TheDsm5ClusterRule_CountsItemsAtTwoOrMore(int[] items, bool met)
    {
        ScoringResult result = Instrument.Score([.. items.Select(v => (int?)v)]);
        Assert.Equal(met, result.ScoreOrThrow().MeetsClusterRule);
        Assert.Equal(met, (bool)JsonNode.Parse(AssessmentsJson.WriteResult(result))!["dsm5ClusterRule"]!);
    }

    [Fact]
    public void HamA_ReportsPsychicAndSomaticSubscores()
    {
        // Psychic 1-6 and 14; somatic 7-13.
        AssessmentScore score = Assessments.Instruments.HamA.Score(1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 4).ScoreOrThrow();
        Assert.Equal([new("psychic", 10), new("somatic", 14)], score.Subscores.ToArray());
    }
}

public sealed class PromisDep8aTests : TotalScoreConformance
{
    protected override Instrument Instrument => Assessments.Instruments.PromisDep8a;
    protected override string Id => "promis-dep-8a";
    protected override int ItemCount => 8;
    protected override int[] ItemMinima => Enumerable.Repeat(1, 8).ToArray();
    protected override int[] ItemMaxima => Enumerable.Repeat(5, 8).ToArray();
    protected override int MaxTotal => 40;
    protected override (string Id, int Min, int Max)[] Bands => [("normal", 8, 15), ("mild", 16, 21), ("moderate", 22, 27), ("moderately-severe", 28, 32), ("severe", 33, 40)];
    protected override (int Item, int ReviewAt, int UrgentAt)? Safety => null;
    protected override int? Remission => null;
    protected override int ProrationLimit => 0;

    /// <summary>The HealthMeasures 8a table (PROMIS Depression Scoring Manual, 2017), raw 8-40, transcribed entry by entry.</summary>
    private static readonly (decimal T, decimal Se)[] Table =
    [
        (38.2m, 5.7m), (44.7m, 3.3m), (47.5m, 2.7m), (49.4m, 2.3m), (50.9m, 2.0m), (52.1m, 1.9m), (53.2m, 1.8m), (54.1m, 1.8m),
        (55.1m, 1.7m), (55.9m, 1.7m), (56.8m, 1.7m), (57.7m, 1.7m), (58.5m, 1.7m), (59.4m, 1.7m), (60.3m, 1.7m), (61.2m, 1.7m),
        (62.1m, 1.8m), (63.0m, 1.8m), (63.9m, 1.8m), (64.9m, 1.8m), (65.8m, 1.8m), (66.8m, 1.8m), (67.7m, 1.8m), (68.7m, 1.8m),
        (69.7m, 1.8m), (70.7m, 1.8m), (71.7m, 1.8m), (72.8m, 1.8m), (73.9m, 1.8m), (75.0m, 1.9m), (76.4m, 2.0m), (78.2m, 2.4m),
        (81.3m, 3.4m),
    ];

    [Fact]
    public void EveryRawTotal_GivesItsTScoreAndSe_EntryByEntry_OnTheWireToo()
    {
        for (int raw = 8; raw <= 40; raw++)
        {
            ScoringResult result = Instrument.Score(ResponseWithTotal(raw));
            ScaledScore scaled = result.ScoreOrThrow().Scaled!;
            Assert.Equal(("promis-t", Table[raw - 8].T, Table[raw - 8].Se), (scaled.Metric, scaled.Value, scaled.StandardError));
            JsonNode wire = JsonNode.Parse(AssessmentsJson.WriteResult(result))!["scaled"]!;
            Assert.Equal(((decimal)Table[raw - 8].T, (decimal)Table[raw - 8].Se), ((decimal)wire["value"]!, (decimal)wire["se"]!));
        }
    }

    [Theory]
    [InlineData(16, 55)] // mild starts at T 55 (Kroenke 2020)
    [InlineData(22, 60)] // moderate at 60
    [InlineData(28, 65)] // moderately severe at 65
    [InlineData(33, 70)] // severe at 70
    public void EachBand_StartsAtTheFirstRawTotalWhoseTReachesItsCutPoint(int raw, int cut)
    {
        Assert.True(Table[raw - 8].T >= cut && Table[raw - 9].T < cut, $"raw {raw} is T {Table[raw - 8].T}, raw {raw - 1} is T {Table[raw - 9].T}");
        Assert.Equal(raw, Instrument.DefaultBandSet!.Classify(raw).Min);
    }

    [Fact]
    public void ABlankItem_IsMissing_TheTableNeedsAllEight()
    {
        int?[] values = Enumerable.Repeat<int?>(3, 8).ToArray();
        values[2] = null;
        Assert.False(Instrument.Score(values, new ScoringOptions { Prorate = true }).IsSuccess);
    }
}

public sealed class YmrsTests : TotalScoreConformance
{
    protected override Instrument Instrument => Assessments.Instruments.Ymrs;
    protected override string Id => "ymrs";
    protected override int ItemCount => 11;
    protected override int[] ItemMaxima => [4, 4, 4, 4, 8, 8, 4, 8, 8, 4, 4];
    protected override int MaxTotal => 60;
    protected override (string Id, int Min, int Max)[] Bands => [("remission", 0, 12), ("mild", 13, 19), ("moderate", 20, 25), ("severe", 26, 60)];
    protected override (int Item, int ReviewAt, int UrgentAt)? Safety => null;
    protected override int? Remission => null;
    protected override int ProrationLimit => 0;

    [Fact]
    public override void SafetyItem_FlagsAtAndAboveItsThresholdsOnly()
    {
        // No suicide item; the only flag is the mania signal on the total.
        Assert.Equal(SafetyScreen.NotCovered, Instrument.SafetyScreen);
        Assert.Empty(Instrument.Score(ResponseWithTotal(12)).ScoreOrThrow().Flags);
    }

    [Theory]
    [InlineData(12, false)]
    [InlineData(13, true)]
    [InlineData(60, true)]
    public void ATotalOf13OrMore_RaisesTheManiaSignal_OnEveryPath(int total, bool raised)
    {
        int?[] values = ResponseWithTotal(total);
        ScoringResult result = Instrument.Score(values);
        SafetyFlag? flag = result.Flags.SingleOrDefault();
        Assert.Equal(raised, flag is not null);
        if (flag is null)
            return;
        Assert.Equal((FlagIds.ManiaSignal, (int?)null, (int?)total, (FlagPriority?)FlagPriority.Review), (flag.Id, flag.ItemNumber, flag.Value, flag.Priority));
        QuickScore quick = Instrument.ScoreQuick([.. values.Select(v => v!.Value)]);
        Assert.Equal((1, (FlagPriority?)FlagPriority.Review), (quick.FlagCount, quick.SafetyPriority));
        Assert.Contains("\"id\":\"mania-signal\",\"item\":null,\"value\":" + total, AssessmentsJson.WriteResult(result), StringComparison.Ordinal);
    }

    [Fact]
    public void AnInvalidResponse_WhoseReadableItemsReach13_StillRaisesIt()
    {
        // Item 11 blank (invalid), the others already sum to 16: the total is at least 16, so the signal is raised.
        ScoringResult result = Instrument.Score([4, 4, 4, 4, 0, 0, 0, 0, 0, 0, null]);
        Assert.False(result.IsSuccess);
        SafetyFlag flag = Assert.Single(result.Flags);
        Assert.Equal((FlagIds.ManiaSignal, (int?)16), (flag.Id, flag.Value));
    }

    [Fact]
    public void AnImportedTotalInACourse_RaisesIt_Too()
    {
        Assert.True(Assessments.Trends.CourseAssessment.TryFromTotal(DateTimeOffset.UnixEpoch, Instrument, 20, out var row));
        Assert.Equal(FlagIds.ManiaSignal, Assert.Single(row.Flags).Id);
    }
}

public sealed class WsasTests : TotalScoreConformance
{
    protected override Instrument Instrument => Assessments.Instruments.Wsas;
    protected override string Id => "wsas";
    protected override int ItemCount => 5;
    protected override int[] ItemMaxima => [8, 8, 8, 8, 8];
    protected override int MaxTotal => 40;
    protected override (string Id, int Min, int Max)[] Bands => [("subclinical", 0, 9), ("significant", 10, 20), ("severe", 21, 40)];
    protected override (int Item, int ReviewAt, int UrgentAt)? Safety => null;
    protected override int? Remission => null;
    protected override int ProrationLimit => 0;

    [Fact]
    public void WorkNotApplicable_ContributesNothing_AndTheResultSaysSo()
    {
        ResponseReadResult read = AssessmentsJson.ReadResponse("""{"instrument":"wsas","items":["not-applicable",5,5,5,5]}""");
        ScoringResult result = Assessments.Instruments.Score(read.Response!);
        AssessmentScore score = result.ScoreOrThrow();
        Assert.Equal((20, "significant"), (score.Total, score.Band!.Id));
        Assert.Equal(["item-1-not-applicable"], score.Notes.ToArray());
        Assert.Contains("\"notes\":[\"item-1-not-applicable\"]", AssessmentsJson.WriteResult(result), StringComparison.Ordinal);
    }

    [Fact]
    public void NotApplicable_IsOnlyForWork()
    {
        ResponseReadResult read = AssessmentsJson.ReadResponse("""{"instrument":"wsas","items":[5,"not-applicable",5,5,5]}""");
        Assert.Equal(2, Assert.Single(read.Errors, e => e.Code == ErrorCodes.ItemNotANumber).ItemNumber);
    }

    [Fact]
    public void AMistypedNine_IsOutOfRange_NotSilentlyNotApplicable()
    {
        // Review: the not-applicable value was 9, one key from 8: a typo dropped up to 8 points without a word.
        ScoringError error = Assert.Single(Instrument.Score(9, 5, 5, 5, 5).Errors);
        Assert.Equal((ErrorCodes.ItemOutOfRange, 1), (error.Code, error.ItemNumber!.Value));
        Assert.Contains("or 'not-applicable'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NotApplicable_AsAnOptionPositionDocument_IsReadToo()
    {
        ResponseReadResult read = AssessmentsJson.ReadResponse("""{"instrument":"wsas","positions":true,"items":["not-applicable",5,5,5,5]}""");
        AssessmentScore score = Assessments.Instruments.Score(read.Response!).ScoreOrThrow();
        Assert.Equal((20, "item-1-not-applicable"), (score.Total, score.Notes.Single()));
    }
}

/// <summary>The facts survive the definition document: a built-in exported and loaded back reports the same.</summary>
public sealed class CatalogueV2DefinitionTests
{
    public static TheoryData<string> WithFacts() => ["ham-a", "pcl-5", "cgi-i", "cgi-s", "promis-dep-8a", "ymrs", "wsas"];

    [Theory]
    [MemberData(nameof(WithFacts))]
    public void ExportedAndLoadedBack_ScoresTheSameResult(string id)
    {
        Assert.True(Assessments.Instruments.TryGet(id, out Instrument? builtIn));
        JsonObject definition = JsonNode.Parse(InstrumentDefinitions.Export(builtIn))!.AsObject();
        definition["id"] = id + "-local";
        DefinitionLoadResult loaded = InstrumentDefinitions.Load(definition.ToJsonString());
        Assert.True(loaded.IsSuccess, string.Join("; ", loaded.Errors.Select(e => e.Message)));
        var random = new Random(id.Length);
        for (int n = 0; n < 50; n++)
        {
            int?[] values = [.. builtIn.Items.Select(i => (int?)random.Next(i.MinScore, i.MaxScore + 1))];
            string expected = AssessmentsJson.WriteResult(builtIn.Score(values)).Replace($"\"instrument\":\"{id}\"", $"\"instrument\":\"{id}-local\"", StringComparison.Ordinal);
            Assert.Equal(expected, AssessmentsJson.WriteResult(loaded.Instrument!.Score(values)));
        }
    }
}

/// <summary>The catalogue v2 data the spec's tables give, transcribed: relapse and remission thresholds, MCIDs, licence
/// statuses and course modes (docs/clinical-rules.md §1, §6).</summary>
public sealed class CatalogueV2DataTests
{
    public static TheoryData<string, int?, int?, int?, LicenceStatus, CourseMode> Data() => new()
    {
        { "qids-c16", 5, 11, null, LicenceStatus.FreeForClinicalUse, CourseMode.Full },
        { "ids-sr30", 13, 26, null, LicenceStatus.FreeForClinicalUse, CourseMode.Full },
        { "gds-15", 4, 9, null, LicenceStatus.PublicDomain, CourseMode.Full },
        { "ham-a", 7, 15, null, LicenceStatus.PublicDomain, CourseMode.Full },
        { "pcl-5", null, null, 10, LicenceStatus.PublicDomain, CourseMode.Full },
        { "bprs-plus", null, null, null, LicenceStatus.PublicDomain, CourseMode.SessionRelative },
        { "cgi-s", null, null, null, LicenceStatus.PublicDomain, CourseMode.TotalsOnly },
        { "cgi-i", null, null, null, LicenceStatus.PublicDomain, CourseMode.None },
        { "promis-dep-8a", null, null, null, LicenceStatus.FreeForClinicalUse, CourseMode.TotalsOnly },
        { "ymrs", null, null, null, LicenceStatus.Undetermined, CourseMode.TotalsOnly },
        { "wsas", null, null, null, LicenceStatus.Undetermined, CourseMode.TotalsOnly },
    };

    [Theory]
    [MemberData(nameof(Data))]
    public void ThresholdsLicenceAndCourseMode_AreThePublishedOnes(string id, int? remission, int? relapse, int? mcid, LicenceStatus licence, CourseMode mode)
    {
        Assert.True(Assessments.Instruments.TryGet(id, out Instrument? instrument));
        Assert.Equal((remission, relapse, mcid, licence, mode), (instrument.RemissionThreshold, instrument.RelapseThreshold, instrument.MinimalImportantDifference, instrument.Licence, instrument.CourseMode));
    }

    [Fact]
    public void Pcl5_ReliableChangeIsFive() => Assert.Equal(5, Assessments.Instruments.Pcl5.ReliableChangePoints);

    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static Assessments.Trends.CourseResult Course(Instrument instrument, params (double Hours, int Total)[] points) =>
        Assessments.Trends.TreatmentCourse.Summarize(
            instrument,
            [.. points.Select(p => Assessments.Trends.CourseAssessment.TryFromTotal(T0.AddHours(p.Hours), instrument, p.Total, out var a) ? a : throw new InvalidOperationException())],
            [new Assessments.Trends.TreatmentSession(T0, "iv-ketamine", null)]);

    [Theory]
    [InlineData("promis-dep-8a", 30, 20)]
    [InlineData("ymrs", 20, 6)]
    [InlineData("wsas", 30, 12)]
    [InlineData("cgi-s", 6, 3)]
    public void TotalsOnly_GivesChange_NoOutcomeAndNoSessionPeaks(string id, int baseline, int latest)
    {
        // Review: every non-tracking instrument got CADSS's per-session peaks (a "peak" 7-day PROMIS score is meaningless).
        Assert.True(Assessments.Instruments.TryGet(id, out Instrument? instrument));
        Assessments.Trends.CourseSummary s = Course(instrument, (-1, baseline), (24 * 7, latest)).Summary!;
        Assert.Equal((baseline, latest), (s.Baseline.Total, s.Latest.Total));
        Assert.Equal(latest - baseline, s.Latest.Change);
        Assert.Null(s.Status);
        Assert.Null(s.SessionPeaks);
    }

    [Theory]
    [InlineData("\"courseMode\": \"totals_only\"", false, null)]
    [InlineData("\"courseMode\": \"full\", \"tracksTreatmentResponse\": false", false, null)]
    [InlineData("\"courseMode\": \"totals-only\"", true, CourseMode.TotalsOnly)]
    [InlineData("\"courseMode\": \"none\"", true, CourseMode.None)]
    [InlineData("\"tracksTreatmentResponse\": false", true, CourseMode.SessionRelative)]
    [InlineData("\"courseMode\": \"totals-only\", \"tracksTreatmentResponse\": false", true, CourseMode.TotalsOnly)]
    public void ADefinitionsCourseMode_IsCheckedAndReadBack(string fields, bool loads, CourseMode? mode)
    {
        // Review: an unknown courseMode silently became "full", judging outcomes a clinic meant not to have.
        JsonObject definition = JsonNode.Parse(InstrumentDefinitions.Export(Assessments.Instruments.Gad7))!.AsObject();
        definition["id"] = "gad-7-local";
        definition.Remove("tracksTreatmentResponse");
        definition.Remove("courseMode");
        foreach ((string key, JsonNode? value) in JsonNode.Parse("{" + fields + "}")!.AsObject())
            definition[key] = value?.DeepClone();
        DefinitionLoadResult loaded = InstrumentDefinitions.Load(definition.ToJsonString());
        Assert.Equal(loads, loaded.IsSuccess);
        if (loads)
            Assert.Equal(mode, loaded.Instrument!.CourseMode);
        else
            Assert.Contains(loaded.Errors, e => e.Message.Contains("courseMode", StringComparison.Ordinal));
    }

    [Fact]
    public void APromisCourse_IsReadInTScores_EachRowWithItsChangeFromBaseline()
    {
        // Spec: PROMIS courses report totals, bands, T-scores and change (MCID 3.5 T); raw 24 is T 62.1, raw 16 is T 55.1.
        Assessments.Trends.CourseSummary s = Course(Assessments.Instruments.PromisDep8a, (-1, 24), (24 * 7, 16)).Summary!;
        JsonNode rows = JsonNode.Parse(Assessments.Serialization.CourseJson.Write(s))!["assessments"]!;
        Assert.Equal(("promis-t", 62.1m, 1.8m), ((string)rows[0]!["scaled"]!["metric"]!, (decimal)rows[0]!["scaled"]!["value"]!, (decimal)rows[0]!["scaled"]!["se"]!));
        Assert.Null(rows[0]!["scaled"]!["change"]);
        Assert.Equal((55.1m, -7.0m), ((decimal)rows[1]!["scaled"]!["value"]!, (decimal)rows[1]!["scaled"]!["change"]!));
    }

    [Fact]
    public void CgiI_HasNoCourse_InTheApiAndInADocument()
    {
        Assert.Throws<ArgumentException>(() => Course(Assessments.Instruments.CgiI, (1, 2)));
        var read = Assessments.Trends.TreatmentCourse.SummarizeDocument("""{"instrument":"cgi-i","assessments":[{"at":"2026-03-02T09:00:00Z","items":[2]}]}""");
        Assert.Equal(ErrorCodes.NoCourse, Assert.Single(read.Errors).Code);
    }

    [Fact]
    public void CgiIRowsInARecord_MakeNoCourse_AndNoError()
    {
        // CI's fuzzer: a record with a CGI-I row threw (a course was asked of an instrument that has none). Its rows make
        // no course, like C-SSRS rows, and are no error of the record (review).
        var read = Assessments.Trends.TreatmentCourse.SummarizeDocument("""{"instrument":"phq-9","treatments":[{"at":"2026-03-02T09:00:00Z","kind":"iv-ketamine"}],"assessments":[{"at":"2026-03-01T09:00:00Z","items":[2,2,2,2,2,2,2,2,0]},{"at":"2026-03-09T09:00:00Z","instrument":"cgi-i","items":[2]},{"at":"2026-03-09T09:05:00Z","items":[1,1,1,1,1,1,1,1,0]}]}""");
        Assert.Equal("phq-9", Assert.Single(read.Courses).InstrumentId);
        Assert.DoesNotContain(read.Errors, e => e.Code == ErrorCodes.NoCourse); // routine beside MADRS: not an error of the record
    }
}
