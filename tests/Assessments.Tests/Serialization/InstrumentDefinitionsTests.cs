using System.Text.Json.Nodes;
using Assessments.Serialization;
using Assessments.Tests.Properties;
using FsCheck.Xunit;
using Xunit;

namespace Assessments.Tests.Serialization;

public sealed class InstrumentDefinitionsTests
{
    private static JsonObject Phq9Definition() => JsonNode.Parse(InstrumentDefinitions.Export(Assessments.Instruments.Phq9))!.AsObject();

    private static DefinitionLoadResult Load(JsonObject definition) => InstrumentDefinitions.Load(definition.ToJsonString());

    [Fact]
    public void EveryBuiltInInstrument_ReimportsFromItsExport()
    {
        foreach (Instrument instrument in Assessments.Instruments.All)
        {
            DefinitionLoadResult loaded = InstrumentDefinitions.Load(InstrumentDefinitions.Export(instrument));
            Assert.True(loaded.IsSuccess, instrument.Id + ": " + string.Join("; ", loaded.Errors));
            Assert.Equal(InstrumentDefinitions.Export(instrument), InstrumentDefinitions.Export(loaded.Instrument));
        }
    }

    [Property(Arbitrary = [typeof(Generators)], MaxTest = 300)]
    public bool ReimportedInstrument_ScoresEveryResponseIdentically(Response response)
    {
        Assert.True(Assessments.Instruments.TryGet(response.InstrumentId, out Instrument? original));
        Instrument copy = InstrumentDefinitions.Load(InstrumentDefinitions.Export(original)).Instrument!;
        ScoringResult a = original.Score(response);
        ScoringResult b = copy.Score(response);
        return AssessmentsJson.WriteResult(a) == AssessmentsJson.WriteResult(b);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("null")]
    [InlineData("[]")]
    public void MalformedDefinitions_AreRefusedWithoutException(string json) =>
        Assert.False(InstrumentDefinitions.Load(json).IsSuccess);

    [Fact]
    public void ShippedSampleDefinition_LoadsAndFlagsItem9UrgentlyAtOne()
    {
        string path = System.IO.Path.Combine(RepoRoot(), "samples", "definitions", "phq-9-local.json");
        DefinitionLoadResult loaded = InstrumentDefinitions.Load(System.IO.File.ReadAllText(path));
        Assert.True(loaded.IsSuccess, string.Join("; ", loaded.Errors));
        AssessmentScore score = loaded.Instrument.Score(0, 0, 0, 0, 0, 0, 0, 0, 1).ScoreOrThrow();
        Assert.Equal(FlagPriority.Urgent, Assert.Single(score.Flags).Priority);
        Assert.Equal("clinic-2026-11", score.RulesVersion);
    }

    internal static string RepoRoot()
    {
        string? dir = System.AppContext.BaseDirectory;
        while (dir is not null && !System.IO.File.Exists(System.IO.Path.Combine(dir, "Assessments.sln")))
            dir = System.IO.Path.GetDirectoryName(dir);
        return dir ?? throw new System.InvalidOperationException("repository root not found");
    }
}
