using System;
using System.Text.Json.Nodes;
using Assessments.Serialization;
using Assessments.Trends;
using Xunit;

namespace Assessments.Tests.Safety;

/// <summary>The crash roots of the mutation fuzz, each now a coded error or a refused value.</summary>
public sealed class HardeningTests
{
    private static JsonObject Phq9Local()
    {
        JsonObject d = JsonNode.Parse(InstrumentDefinitions.Export(Assessments.Instruments.Phq9))!.AsObject();
        d["id"] = "phq-9-local";
        return d;
    }

    [Theory]
    [InlineData("items")]
    [InlineData("bandSets")]
    [InlineData("safetyItems")]
    public void NullEntriesInADefinition_AreCodedErrors(string list)
    {
        JsonObject d = Phq9Local();
        d[list]!.AsArray().Add(null);
        DefinitionLoadResult loaded = InstrumentDefinitions.Load(d.ToJsonString());
        Assert.False(loaded.IsSuccess);
        Assert.Contains(loaded.Errors, e => e.Message.Contains("null", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(256, int.MaxValue)]
    [InlineData(0, int.MaxValue)]
    [InlineData(int.MinValue, 3)]
    public void HugeItemRanges_AreRefusedBeforeAnythingIsSizedFromThem(int min, int max)
    {
        JsonObject d = Phq9Local();
        d["items"]![0]!["min"] = min;
        d["items"]![0]!["max"] = max;
        DefinitionLoadResult loaded = InstrumentDefinitions.Load(d.ToJsonString());
        Assert.False(loaded.IsSuccess);
        Assert.Contains(loaded.Errors, e => e.Code == "definition-limit" || e.Code == "definition-invalid");
    }

    [Fact]
    public void HugeBandRanges_AreCodedErrors()
    {
        JsonObject d = Phq9Local();
        d["bandSets"]![0]!["bands"]![4]!["max"] = int.MaxValue;
        Assert.False(InstrumentDefinitions.Load(d.ToJsonString()).IsSuccess);
    }

    [Fact]
    public void TooManyItems_IsADefinitionLimit()
    {
        JsonObject d = Phq9Local();
        JsonArray items = d["items"]!.AsArray();
        for (int i = 10; i <= Limits.MaxItems + 1; i++)
            items.Add(new JsonObject { ["number"] = i, ["name"] = "extra", ["min"] = 0, ["max"] = 3 });
        DefinitionLoadResult loaded = InstrumentDefinitions.Load(d.ToJsonString());
        Assert.Contains(loaded.Errors, e => e.Code == "definition-limit");
    }

    [Theory]
    [InlineData("{\"rapidResponseHours\":1e300}")]
    [InlineData("{\"lossOfResponseCount\":2147483647}")]
    [InlineData("{\"sustainedCount\":0}")]
    [InlineData("{\"reliableChange\":{\"sd\":1e309,\"reliability\":0.8}}")]
    [InlineData("{\"responsePercent\":-5}")]
    public void OutOfRangeCourseOptions_AreCodedErrors(string options)
    {
        string course = $$"""{"instrument":"madrs","options":{{options}},"assessments":[{"at":"2026-03-02T08:00:00Z","total":30}]}""";
        CourseReadResult result = TreatmentCourse.SummarizeDocument(course);
        Assert.False(result.IsSuccess);
        Assert.True(result.IsDocumentError);
    }

    [Fact]
    public void CourseOptions_RefuseOutOfRangeValuesWhereTheyAreMade()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CourseOptions.Default with { SustainedResponseCount = int.MaxValue });
        Assert.Throws<ArgumentOutOfRangeException>(() => CourseOptions.Default with { SustainedResponseCount = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => CourseOptions.Default with { BaselineMaxAgeDays = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => CourseOptions.Default with { NewCourseAfterDays = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => CourseOptions.Default with { ConfirmationMinDays = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => CourseOptions.Default with { RecoveryDays = 3661 });
        Assert.Throws<ArgumentOutOfRangeException>(() => CourseOptions.Default with { RelapseThreshold = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => CourseOptions.Default with { RapidResponseFrom = (RapidResponseAnchor)7 });
        Assert.Throws<ArgumentOutOfRangeException>(() => CourseOptions.Default with { RapidResponseWindow = TimeSpan.MaxValue });
        Assert.Throws<ArgumentOutOfRangeException>(() => CourseOptions.Default with { RapidResponseWindow = TimeSpan.Zero });
        Assert.Throws<ArgumentOutOfRangeException>(() => CourseOptions.Default with { ResponsePercent = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReliableChangeParameters(double.PositiveInfinity, 0.8));
    }

    [Fact]
    public void ANullTreatment_IsACodedError()
    {
        string course = """{"instrument":"madrs","treatments":[null],"assessments":[{"at":"2026-03-02T08:00:00Z","total":30}]}""";
        CourseReadResult result = TreatmentCourse.SummarizeDocument(course);
        Assert.False(result.IsSuccess);
        Assert.Contains(result.Errors, e => e.Position == "treatments[0]");
    }

    [Fact]
    public void TreatmentsNearYear9999_AreSummarisedWithoutOverflow()
    {
        string course = """
            {"instrument":"madrs","options":{"rapidResponseHours":87840},
             "treatments":[{"at":"9999-12-31T00:00:00Z","kind":"iv-ketamine"}],
             "assessments":[{"at":"9999-12-30T08:00:00Z","total":30},{"at":"9999-12-31T20:00:00Z","total":10}]}
            """;
        CourseReadResult result = TreatmentCourse.SummarizeDocument(course);
        Assert.True(result.IsSuccess);
        Assert.True(result.Summary.RapidResponse);
    }

    [Fact]
    public void ARepeatedPropertyInACourse_IsDuplicateProperty()
    {
        string course = """{"instrument":"madrs","assessments":[{"at":"2026-03-02T08:00:00Z","total":30,"total":3}]}""";
        CourseReadResult result = TreatmentCourse.SummarizeDocument(course);
        Assert.Equal(ErrorCodes.DuplicateProperty, Assert.Single(result.Errors).Code);
    }

    /// <summary>Found by the long fuzz run: a stored result with a null flag threw from TryReadResult.</summary>
    [Theory]
    [InlineData("{\"instrument\":\"phq-9\",\"total\":3,\"maxTotal\":27,\"band\":{\"id\":\"minimal\",\"label\":\"Minimal\"},\"bandSet\":\"kroenke-2001\",\"prorated\":false,\"flags\":[null],\"itemScores\":[0,0,0,0,0,0,0,0,3]}")]
    [InlineData("{\"instrument\":\"phq-9\",\"errors\":[null],\"flags\":[]}")]
    public void AStoredResultWithNullEntries_IsRefusedNotThrown(string json)
    {
        Assert.False(AssessmentsJson.TryReadResult(json, out _, out string? error));
        Assert.NotNull(error);
    }

    /// <summary>Found by the long fuzz run: with proration on, a blank item that decides whether others are asked was
    /// excused, its dependents could not be told asked or not, and the total fell below the band range (a throw).</summary>
    [Fact]
    public void ABlankSkipLogicParent_IsNeverProrated()
    {
        Item parent = new(1, "parent", 1, 3, [1, 2, 3], default, null, null, null, null);
        Item child = new(2, "child", 1, 3, [1, 2, 3], default, null, new ItemCondition(1, 3), null, null);
        Item other = new(3, "other", 1, 3, [1, 2, 3], default, null, null, null, null);
        var instrument = new Instrument(new InstrumentSpec
        {
            Id = "skip-local",
            Name = "skip",
            Rater = Rater.Self,
            Items = [parent, child, other],
            BandSets = [new BandSetSpec("all", "test", [new SeverityBand("all", "All", 2, 9)])],
            MaxMissingForProration = 1,
            Citation = "test",
            Licence = LicenceStatus.Undetermined,
            LicenceNote = "test",
        });
        ScoringResult result = instrument.Score([null, null, 2], new ScoringOptions { Prorate = true });
        Assert.False(result.IsSuccess);
        Assert.Equal((ErrorCodes.ItemMissing, (int?)1), (Assert.Single(result.Errors).Code, result.Errors[0].ItemNumber));
        Assert.True(instrument.Score([3, 2, null], new ScoringOptions { Prorate = true }).IsSuccess);
    }
}
