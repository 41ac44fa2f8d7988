using System.Linq;
using System.Text.Json.Nodes;
using Assessments.Serialization;
using Xunit;

namespace Assessments.Tests.Validation;

/// <summary>The one validator of clinic definitions: every problem listed, bands without gaps or overlaps, references
/// to real items, keys inside the range.</summary>
public sealed class InstrumentDefinitionValidatorTests
{
    private static JsonObject Phq9Definition() => JsonNode.Parse(InstrumentDefinitions.Export(Assessments.Instruments.Phq9))!.AsObject();

    private static DefinitionLoadResult Load(JsonObject definition) => InstrumentDefinitions.Load(definition.ToJsonString());

    [Fact]
    public void GapBetweenTwoBands_IsRejectedNamingBothBands()
    {
        JsonObject definition = Phq9Definition();
        definition["bandSets"]![0]!["bands"]![1]!["min"] = 6; // mild now 6-9: 5 lies in no band
        DefinitionLoadResult loaded = Load(definition);
        Assert.False(loaded.IsSuccess);
        DefinitionError error = Assert.Single(loaded.Errors);
        Assert.Contains("gap", error.Message, System.StringComparison.Ordinal);
        Assert.Contains("'minimal'", error.Message, System.StringComparison.Ordinal);
        Assert.Contains("'mild'", error.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void OverlappingBands_AreRejectedNamingBothBands()
    {
        JsonObject definition = Phq9Definition();
        definition["bandSets"]![0]!["bands"]![1]!["min"] = 4;
        DefinitionError error = Assert.Single(Load(definition).Errors);
        Assert.Contains("'minimal' (0-4) overlaps band 'mild' (4-9)", error.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void BandsShortOfTheMaximum_AreRejected()
    {
        JsonObject definition = Phq9Definition();
        definition["bandSets"]![0]!["bands"]![4]!["max"] = 26;
        Assert.Contains("27-27", Assert.Single(Load(definition).Errors).Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void ABadDefinition_GetsEveryProblemListed()
    {
        JsonObject definition = Phq9Definition();
        definition["id"] = "Bad Id";
        definition["citation"] = "";
        definition["items"]![2]!["number"] = 7;
        definition["items"]![3]!["max"] = -1;
        definition["safetyItems"]![0]!["item"] = 12;
        definition["bandSets"]![0]!["bands"]![1]!["min"] = 6;
        definition["maxMissingForProration"] = 9;
        DefinitionLoadResult loaded = Load(definition);
        Assert.False(loaded.IsSuccess);
        string all = string.Join("\n", loaded.Errors.Select(e => e.Message));
        Assert.Contains("\"id\"", all, System.StringComparison.Ordinal);
        Assert.Contains("\"citation\"", all, System.StringComparison.Ordinal);
        Assert.Contains("numbered 1..9", all, System.StringComparison.Ordinal);
        Assert.Contains("item 4: \"max\"", all, System.StringComparison.Ordinal);
        Assert.Contains("safety item 12", all, System.StringComparison.Ordinal);
        Assert.Contains("maxMissingForProration", all, System.StringComparison.Ordinal);
        Assert.All(loaded.Errors, e => Assert.Equal("definition-invalid", e.Code));
    }

    [Fact]
    public void DomainsAndTiers_MustReferToRealItems()
    {
        JsonObject qids = JsonNode.Parse(InstrumentDefinitions.Export(Assessments.Instruments.QidsSr16))!.AsObject();
        qids["domains"]![0]!["items"]!.AsArray().Add(42);
        Assert.Contains(Load(qids).Errors, e => e.Message.Contains("item 42", System.StringComparison.Ordinal));

        JsonObject cssrs = JsonNode.Parse(InstrumentDefinitions.Export(Assessments.Instruments.CssrsScreen))!.AsObject();
        cssrs["riskTiers"]![0]!["anyOf"]!.AsArray().Add(99);
        Assert.Contains(Load(cssrs).Errors, e => e.Message.Contains("item 99", System.StringComparison.Ordinal));
    }

    [Fact]
    public void ReverseKeyOutsideTheRange_IsRejected()
    {
        JsonObject epds = JsonNode.Parse(InstrumentDefinitions.Export(Assessments.Instruments.Epds))!.AsObject();
        epds["items"]![2]!["positionScores"] = new JsonArray(3, 2, 1, 9);
        Assert.Contains(Load(epds).Errors, e => e.Message.StartsWith("item 3:", System.StringComparison.Ordinal));
    }
}
