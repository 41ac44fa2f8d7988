using System.Linq;
using Assessments.Serialization;
using Assessments.Tests.Properties;
using FsCheck.Xunit;
using Xunit;

namespace Assessments.Tests.Serialization;

public sealed class AssessmentsJsonTests
{
    [Fact]
    public void ValidResult_MatchesTheGoldenWireFormat()
    {
        string json = AssessmentsJson.WriteResult(Assessments.Instruments.Phq9.Score(1, 2, 3, 1, 2, 3, 0, 1, 2));
        Assert.Equal(
            """{"instrument":"phq-9","rulesVersion":"1","total":15,"maxTotal":27,"band":{"id":"moderately-severe","label":"Moderately severe"},"bandSet":"kroenke-2001","prorated":false,"flags":[{"id":"suicide-risk","item":9,"value":2,"priority":"urgent"}],"safetyScreen":"covered","riskLevel":null,"itemScores":[1,2,3,1,2,3,0,1,2]}""",
            json);
    }

    [Fact]
    public void InvalidResult_MatchesTheGoldenWireFormat()
    {
        ScoringResult result = Assessments.Instruments.Phq9.Score([1, 2, 3, 1, 2, 3, 0, 1, null], null, "visit-0142");
        Assert.Equal(
            """{"id":"visit-0142","instrument":"phq-9","errors":[{"code":"item-missing","item":9,"message":"Item 9 (thoughts of death or self-harm) is unanswered."}],"flags":[{"id":"safety-item-unanswered","item":9}]}""",
            AssessmentsJson.WriteResult(result));
    }

    [Fact]
    public void CssrsResult_WritesTheRiskLevelAsTheFlagValue()
    {
        string json = AssessmentsJson.WriteResult(Assessments.Instruments.CssrsScreen.Score([0, 0, null, null, null, 1, 1]));
        Assert.Contains("""{"id":"suicide-risk","item":null,"value":"high","priority":"urgent"}""", json, System.StringComparison.Ordinal);
        Assert.Contains("\"riskLevel\":\"high\"", json, System.StringComparison.Ordinal);
        Assert.Contains("\"total\":null", json, System.StringComparison.Ordinal);
        Assert.Contains("\"provenance\":\"High: Columbia triage", json, System.StringComparison.Ordinal);
        Assert.Contains("setting-specific", json, System.StringComparison.Ordinal);
        Assert.DoesNotContain("provenance", AssessmentsJson.WriteResult(Assessments.Instruments.Phq9.Score(0, 0, 0, 0, 0, 0, 0, 0, 0)), System.StringComparison.Ordinal);
    }

    [Fact]
    public void ResponseDocument_IsReadAsDocumented()
    {
        ResponseReadResult read = AssessmentsJson.ReadResponse("""{ "id": "visit-0142", "instrument": "phq-9", "items": [1, 2, 3, 1, 2, 3, 0, 1, null], "prorate": true }""");
        Assert.True(read.IsSuccess);
        Assert.Equal("visit-0142", read.Response.Id);
        Assert.True(read.Response.Options.Prorate);
        Assert.Null(read.Response.Items[8]);
    }

    [Theory]
    [InlineData("{ not json", "malformed-document")]
    [InlineData("[1,2]", "malformed-document")]
    [InlineData("null", "malformed-document")]
    [InlineData("""{ "items": [1] }""", "malformed-document")]
    [InlineData("""{ "instrument": "phq-9" }""", "malformed-document")]
    [InlineData("""{ "instrument": "phq-99", "items": [1] }""", "unknown-instrument")]
    [InlineData("""{ "instrument": "phq-9", "items": [1] , "bandSet": "nope" }""", "malformed-document")]
    public void BadDocuments_GetACodedErrorNotAnException(string json, string code)
    {
        ResponseReadResult read = AssessmentsJson.ReadResponse(json);
        Assert.False(read.IsSuccess);
        Assert.Equal(code, Assert.Single(read.Errors).Code);
    }

    [Fact]
    public void NonIntegerItems_AreItemNotANumberNamingEachItem()
    {
        ResponseReadResult read = AssessmentsJson.ReadResponse("""{ "instrument": "phq-9", "items": [1, 2.5, "x", true, {}, 1, 1, 1, 1] }""");
        Assert.Equal([2, 3, 4, 5], read.Errors.Select(e => e.ItemNumber!.Value).ToArray());
        Assert.All(read.Errors, e => Assert.Equal(ErrorCodes.ItemNotANumber, e.Code));
    }

    [Fact]
    public void OptionLabels_AreReadAsTheirScore()
    {
        ResponseReadResult read = AssessmentsJson.ReadResponse("""{ "instrument": "bdi-ii", "items": [0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,"2b",0,"1a",0,0,0] }""");
        Assert.Equal(3, Assessments.Instruments.BdiII.Score(read.Response!).ScoreOrThrow().Total);
    }

    [Property(Arbitrary = [typeof(Generators)], MaxTest = 300)]
    public bool Responses_RoundTripExactly(Response response)
    {
        string json = AssessmentsJson.WriteResponse(response);
        ResponseReadResult read = AssessmentsJson.ReadResponse(json);
        return read.IsSuccess && read.Response.Equals(response) && AssessmentsJson.WriteResponse(read.Response) == json;
    }

    [Property(Arbitrary = [typeof(Generators)], MaxTest = 300)]
    public bool Results_RoundTripExactly(Response response)
    {
        ScoringResult result = Assessments.Instruments.Score(response);
        string json = AssessmentsJson.WriteResult(result);
        return AssessmentsJson.TryReadResult(json, out ScoringResult? back, out _)
            && AssessmentsJson.WriteResult(back) == json
            && back.IsSuccess == result.IsSuccess
            && back.Errors.SequenceEqual(result.Errors)
            && back.Flags.SequenceEqual(result.Flags)
            && back.Score == result.Score;
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("""{"instrument":"nope","total":1}""")]
    [InlineData("""{"instrument":"phq-9","total":1,"bandSet":"kroenke-2001","band":{"id":"nope","label":"x"}}""")]
    public void UnreadableResults_AreRefusedWithAReason(string json)
    {
        Assert.False(AssessmentsJson.TryReadResult(json, out _, out string? error));
        Assert.NotNull(error);
    }
}
