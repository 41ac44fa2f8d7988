using System.IO;
using System.Linq;
using System.Text;
using Assessments.Serialization;
using Xunit;
using Assessments.Batches;

namespace Assessments.Tests.Reading;

/// <summary>Defaults for every document of an input (the CLI's --positions, --prorate, --band-set beside --input): a
/// document that leaves a field out takes the default; one that sets it otherwise is option-conflict, flags kept.</summary>
public sealed class ResponseDefaultsTests
{
    private static ResponseReadResult Read(string json, ResponseDefaults defaults) =>
        AssessmentsJson.ReadResponse(Encoding.UTF8.GetBytes(json), null, defaults);

    [Fact]
    public void Positions_FillADocumentThatDoesNotSay()
    {
        ResponseReadResult read = Read("""{"instrument":"epds","items":[1,1,1,1,1,1,1,1,1,1]}""", new ResponseDefaults { Positions = true });
        Assert.True(read.IsSuccess);
        ScoringResult result = read.Instrument.Score(read.Response);
        Assert.Equal(17, result.ScoreOrThrow().Total);
        Assert.Equal(FlagPriority.Urgent, result.ScoreOrThrow().Flags.Single().Priority);
    }

    [Fact]
    public void Prorate_And_BandSet_FillADocumentThatDoesNotSay()
    {
        ResponseReadResult prorated = Read("""{"instrument":"gad-7","items":[3,3,3,3,3,3,null]}""", new ResponseDefaults { Prorate = true });
        Assert.True(prorated.Instrument!.Score(prorated.Response!).ScoreOrThrow().Prorated);
        ResponseReadResult banded = Read("""{"instrument":"madrs","items":[3,3,3,3,3,3,3,0,0,0]}""", new ResponseDefaults { BandSet = "muller-2003" });
        Assert.Equal("muller-2003", banded.Instrument!.Score(banded.Response!).ScoreOrThrow().BandSetId);
    }

    [Theory]
    [InlineData("\"positions\":false", true, null, null)]
    [InlineData("\"positions\":true", false, null, null)]
    [InlineData("\"prorate\":false", null, true, null)]
    [InlineData("\"bandSet\":\"snaith-1986\"", null, null, "muller-2003")]
    public void ADocumentThatSaysOtherwise_IsOptionConflict(string field, bool? positions, bool? prorate, string? bandSet)
    {
        ResponseReadResult read = Read($$"""{"instrument":"madrs","items":[0,0,0,0,0,0,0,0,0,4],{{field}}}""", new ResponseDefaults { Positions = positions, Prorate = prorate, BandSet = bandSet });
        Assert.False(read.IsSuccess);
        Assert.Equal(ErrorCodes.OptionConflict, read.Errors.Single().Code);
        // Never lost: the suicide item still raises its flag.
        Assert.Contains(read.Flags, f => f is { Id: FlagIds.SuicideRisk, ItemNumber: 10, Priority: FlagPriority.Urgent });
    }

    [Fact]
    public void ADocumentThatAgrees_IsRead()
    {
        ResponseReadResult read = Read("""{"instrument":"epds","items":[1,1,1,1,1,1,1,1,1,1],"positions":true}""", new ResponseDefaults { Positions = true });
        Assert.True(read.IsSuccess);
    }

    /// <summary>The conflict's flags are read as both kinds: the document's and the caller's (a reverse-keyed safety
    /// item read one way could hide what the other way shows).</summary>
    [Fact]
    public void Conflict_SalvagesFlagsAsBothKinds()
    {
        ResponseReadResult read = Read("""{"instrument":"epds","items":[0,0,0,0,0,0,0,0,0,0],"positions":false}""", new ResponseDefaults { Positions = true });
        Assert.Equal(ErrorCodes.OptionConflict, read.Errors.Single().Code);
        // Position 0 of the reverse-keyed item 10 is score 3: urgent.
        Assert.Contains(read.Flags, f => f is { ItemNumber: 10, Priority: FlagPriority.Urgent });
    }

    [Fact]
    public void Batch_AppliesDefaultsToEveryLine_AndReportsConflictsOnTheirLine()
    {
        string input = """
            {"instrument":"epds","items":[1,1,1,1,1,1,1,1,1,1]}
            {"instrument":"epds","items":[1,1,1,1,1,1,1,1,1,1],"positions":false}
            {"instrument":"epds","items":[1,1,1,1,1,1,1,1,1,1]}
            """;
        using var output = new MemoryStream();
        BatchSummary summary = BatchScoring.ScoreNdjson(new MemoryStream(Encoding.UTF8.GetBytes(input)), output, null, new ResponseDefaults { Positions = true });
        string[] lines = Encoding.UTF8.GetString(output.ToArray()).TrimEnd().Split('\n');
        Assert.Equal((3L, 2L), (summary.Documents, summary.Scored));
        Assert.Contains("\"total\":17", lines[0], System.StringComparison.Ordinal);
        Assert.Contains("option-conflict", lines[1], System.StringComparison.Ordinal);
        Assert.Contains("\"total\":17", lines[2], System.StringComparison.Ordinal);
    }
}
