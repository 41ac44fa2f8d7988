using System.Linq;
using Assessments.Serialization;
using Xunit;

namespace Assessments.Tests.Reading;

/// <summary>The one response reader: every document-level fault gets its own code and message, never a throw.</summary>
public sealed class ResponseReaderTests
{
    private const string Items9 = "[0,0,0,0,0,0,0,0,0]";

    [Theory]
    [InlineData("", "malformed-document", "The document is not well-formed JSON (line 1, byte 0).")]
    [InlineData("[]", "malformed-document", "The document is not a response object.")]
    [InlineData("{\"id\":1,\"instrument\":\"phq-9\",\"items\":" + Items9 + "}", "malformed-document", "\"id\" must be a string.")]
    [InlineData("{\"instrument\":7,\"items\":" + Items9 + "}", "malformed-document", "\"instrument\" must be a string.")]
    [InlineData("{\"instrument\":\"phq-9\",\"items\":{}}", "malformed-document", "\"items\" must be an array.")]
    [InlineData("{\"instrument\":\"phq-9\",\"items\":" + Items9 + ",\"positions\":1}", "malformed-document", "\"positions\" must be true or false.")]
    [InlineData("{\"instrument\":\"phq-9\",\"items\":" + Items9 + ",\"prorate\":\"yes\"}", "malformed-document", "\"prorate\" must be true or false.")]
    [InlineData("{\"instrument\":\"phq-9\",\"items\":" + Items9 + ",\"bandSet\":3}", "malformed-document", "\"bandSet\" must be a string.")]
    [InlineData("{\"instrument\":\"phq-9\",\"items\":" + Items9 + "} {}", "malformed-document", "More than one document stands on one line; each document takes a line of its own.")]
    [InlineData("{\"items\":" + Items9 + "}", "malformed-document", "The document has no \"instrument\".")]
    [InlineData("{\"instrument\":null,\"items\":" + Items9 + "}", "malformed-document", "The document has no \"instrument\".")]
    [InlineData("{\"instrument\":\"phq-99\",\"items\":" + Items9 + "}", "unknown-instrument", "The document names an instrument that is not known.")]
    [InlineData("{\"instrument\":\"phq-9\"}", "malformed-document", "The document has no \"items\" array.")]
    [InlineData("{\"instrument\":\"phq-9\",\"items\":null}", "malformed-document", "The document has no \"items\" array.")]
    [InlineData("{\"instrument\":\"phq-9\",\"items\":" + Items9 + ",\"bandSet\":\"nope\"}", "malformed-document", "The instrument has no band set of that id.")]
    [InlineData("{\"id\":\"a\",\"id\":\"b\",\"instrument\":\"phq-9\",\"items\":" + Items9 + "}", "duplicate-property", "The property \"id\" appears more than once; a response states each field once.")]
    [InlineData("{\"instrument\":\"phq-9\",\"instrument\":\"phq-9\",\"items\":" + Items9 + "}", "duplicate-property", "The property \"instrument\" appears more than once; a response states each field once.")]
    [InlineData("{\"instrument\":\"phq-9\",\"items\":" + Items9 + ",\"positions\":true,\"positions\":false}", "duplicate-property", "The property \"positions\" appears more than once; a response states each field once.")]
    [InlineData("{\"instrument\":\"phq-9\",\"items\":" + Items9 + ",\"prorate\":true,\"prorate\":true}", "duplicate-property", "The property \"prorate\" appears more than once; a response states each field once.")]
    [InlineData("{\"instrument\":\"phq-9\",\"items\":" + Items9 + ",\"bandSet\":null,\"bandSet\":null}", "duplicate-property", "The property \"bandSet\" appears more than once; a response states each field once.")]
    [InlineData("{\"instrument\":\"phq-9\",\"items\":[0,0,", "malformed-document", "The document is not well-formed JSON (line 1, byte 34).")]
    [InlineData("{\"instrument\":\"phq-9\",\n\"items\":[0,0,]]", "malformed-document", "The document is not well-formed JSON (line 2, byte 14).")]
    public void DocumentFaults_GetTheirCodeAndMessage(string json, string code, string message)
    {
        ResponseReadResult read = AssessmentsJson.ReadResponse(json);
        Assert.False(read.IsSuccess);
        ScoringError error = Assert.Single(read.Errors);
        Assert.Equal((code, message), (error.Code, error.Message));
        Assert.Null(error.ItemNumber);
    }

    [Fact]
    public void NullAndUnknownFields_AreAccepted()
    {
        ResponseReadResult read = AssessmentsJson.ReadResponse("{\"id\":null,\"instrument\":\"phq-9\",\"items\":" + Items9 + ",\"bandSet\":null,\"positions\":null,\"note\":{\"a\":[1,2]},\"v\":2}");
        Assert.True(read.IsSuccess);
        Assert.Null(read.Id);
        Assert.Equal(ResponseValueKind.ItemScores, read.Response.Options.Values);
    }

    [Fact]
    public void EscapedInstrumentAndId_AreReadAsText()
    {
        ResponseReadResult read = AssessmentsJson.ReadResponse("{\"id\":\"v\\u00e9-1\",\"instrument\":\"phq\\u002d9\",\"items\":" + Items9 + "}");
        Assert.True(read.IsSuccess);
        Assert.Equal(("vé-1", "phq-9"), (read.Id, read.InstrumentId));
        ResponseReadResult unknown = AssessmentsJson.ReadResponse("{\"id\":\"a\\u0062\",\"instrument\":\"ph\\u0071-99\",\"items\":" + Items9 + "}");
        Assert.Equal(("ab", "phq-99"), (unknown.Id, unknown.InstrumentId));
    }

    [Fact]
    public void UnescapedId_IsEchoedAsGiven()
    {
        ResponseReadResult read = AssessmentsJson.ReadResponse("{\"id\":\"visit-0142\",\"instrument\":\"phq-9\",\"items\":" + Items9 + "}");
        Assert.Equal(("visit-0142", "phq-9"), (read.Id, read.InstrumentId));
    }

    [Fact]
    public void Labels_AreReadThroughTheItem_AndDashIsBlank()
    {
        ResponseReadResult read = AssessmentsJson.ReadResponse("{\"instrument\":\"cssrs-screen\",\"items\":[\"yes\",\"no\",\"-\",\"-\",\"-\",\"no\",\"-\"]}");
        Assert.True(read.IsSuccess);
        Assert.Equal("1,0,-,-,-,0,-", string.Join(",", read.Response.Items.Select(v => v?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-")));
        ResponseReadResult bad = AssessmentsJson.ReadResponse("{\"instrument\":\"phq-2\",\"items\":[\"yes\",\"1\"]}");
        Assert.Equal([(ErrorCodes.ItemNotANumber, (int?)1)], bad.Errors.Select(e => (e.Code, e.ItemNumber)));
        Assert.Equal("Item 1 (anhedonia) of phq-2 must be an integer, '-' or null for unanswered, or one of the item's option labels.", bad.Errors[0].Message);
    }

    [Fact]
    public void LabelsOfOneDocument_NeverLeakIntoTheNext()
    {
        string first = "{\"instrument\":\"bdi-ii\",\"items\":[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,\"2b\",0,\"1a\",0,0,0]}";
        string second = "{\"instrument\":\"phq-9\",\"items\":[0,0,0,0,0,0,0,0,\"x\"]}";
        string[] lines = Properties.KernelProperties.Batch([first, second]).ToArray();
        Assert.Contains("\"itemScores\":[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,2,0,1,0,0,0]", lines[0], System.StringComparison.Ordinal);
        Assert.Contains("item-not-a-number", lines[1], System.StringComparison.Ordinal);
    }

    [Fact]
    public void ALabelPastTheLastItem_IsUnreadable()
    {
        ResponseReadResult read = AssessmentsJson.ReadResponse("{\"instrument\":\"phq-2\",\"items\":[0,0,\"1a\"]}");
        Assert.Equal(ErrorCodes.ItemCount, Assert.Single(read.Errors).Code);
    }

    [Fact]
    public void TooManyValues_AreAnItemCountError_NamingTheRealCount()
    {
        string items = string.Join(",", Enumerable.Repeat("0", Limits.MaxItems + 5));
        ResponseReadResult read = AssessmentsJson.ReadResponse("{\"instrument\":\"phq-9\",\"items\":[" + items + "]}");
        ScoringError error = Assert.Single(read.Errors);
        Assert.Equal(ErrorCodes.ItemCount, error.Code);
        Assert.Contains((Limits.MaxItems + 5).ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, System.StringComparison.Ordinal);
        Assert.Equal((FlagIds.SafetyItemUnanswered, (int?)9), (Assert.Single(read.Flags).Id, read.Flags[0].ItemNumber));
    }

    [Fact]
    public void ADocumentOverTheLimit_IsRefusedWithoutFlags()
    {
        string json = "{\"instrument\":\"phq-9\",\"items\":" + Items9 + ",\"pad\":\"" + new string(' ', Limits.MaxDocumentBytes) + "\"}";
        ResponseReadResult read = AssessmentsJson.ReadResponse(json);
        Assert.Equal(ErrorCodes.DocumentTooLarge, Assert.Single(read.Errors).Code);
        Assert.Empty(read.Flags);
        ResponseReadResult exact = AssessmentsJson.ReadResponse(System.Text.Encoding.UTF8.GetBytes(("{\"instrument\":\"phq-9\",\"items\":" + Items9 + "}").PadRight(Limits.MaxDocumentBytes)), null);
        Assert.True(exact.IsSuccess);
    }

    [Fact]
    public void Salvage_JoinsFlagsOfEveryArrayUnderEveryNamedInstrument_AndAsksAgainWhereNoArrayFits()
    {
        // phq-9 fits the first array (item 9 = 2: urgent); gad-7 fits none: it has no safety item, so nothing to ask.
        string json = "{\"instrument\":\"phq-9\",\"items\":[0,0,0,0,0,0,0,0,2],\"instrument\":\"gad-7\",\"items\":[1,1]}";
        ResponseReadResult read = AssessmentsJson.ReadResponse(json);
        Assert.Equal(ErrorCodes.DuplicateProperty, Assert.Single(read.Errors).Code);
        Assert.Equal([(FlagIds.SuicideRisk, (int?)9, (int?)2, (FlagPriority?)FlagPriority.Urgent)], read.Flags.Select(f => (f.Id, f.ItemNumber, f.Value, f.Priority)));

        // phq-9 with no array of its length: the suicide question must be asked again.
        ResponseReadResult none = AssessmentsJson.ReadResponse("{\"instrument\":\"phq-9\",\"items\":[1],\"items\":[2]}");
        Assert.Equal([(FlagIds.SafetyItemUnanswered, (int?)9)], none.Flags.Select(f => (f.Id, f.ItemNumber)));

        // Labels in a salvaged array are read through the item; unknown fields and non-string instruments are skipped.
        ResponseReadResult labels = AssessmentsJson.ReadResponse("{\"x\":{\"instrument\":\"phq-9\"},\"instrument\":[1],\"instrument\":\"cssrs-screen\",\"items\":[\"no\",\"yes\",\"no\",\"yes\",\"no\",\"no\",\"-\"],\"items\":5}");
        Assert.Contains(labels.Flags, f => f.RiskLevel == RiskLevel.High && f.Priority == FlagPriority.Urgent);

        // A document that is not an object tells nothing.
        Assert.Empty(AssessmentsJson.ReadResponse("[{\"instrument\":\"phq-9\",\"items\":[0,0,0,0,0,0,0,0,3]}]").Flags);
    }

    /// <summary>EPDS item 10 is reverse-keyed: position 0 scores 3. A document that cannot be read is still salvaged
    /// as the positions it says it holds, so the urgent flag is not lost to a misreading as item scores.</summary>
    [Fact]
    public void Salvage_ReadsValuesAsThePositionsTheDocumentStates()
    {
        string json = "{\"instrument\":\"epds\",\"positions\":true,\"items\":[0,0,3,0,3,3,3,3,3,0],\"items\":[1,0,3,0,3,3,3,3,3,0]}";
        ResponseReadResult read = AssessmentsJson.ReadResponse(json);
        Assert.Equal(ErrorCodes.DuplicateProperty, Assert.Single(read.Errors).Code);
        Assert.Contains(read.Flags, f => f is { Id: FlagIds.SuicideRisk, ItemNumber: 10, Value: 3, Priority: FlagPriority.Urgent });
    }
}
