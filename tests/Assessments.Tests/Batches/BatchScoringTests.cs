using System;
using System.IO;
using System.Linq;
using System.Text;
using Assessments.Serialization;
using Assessments.Tests.Properties;
using FsCheck.Xunit;
using Xunit;
using Assessments.Batches;

namespace Assessments.Tests.Batches;

public sealed class BatchScoringTests
{
    private static string Batch(string input, out BatchSummary summary)
    {
        using var output = new MemoryStream();
        summary = BatchScoring.ScoreNdjson(new MemoryStream(Encoding.UTF8.GetBytes(input)), output);
        return Encoding.UTF8.GetString(output.ToArray());
    }

    private static string Expected(string document)
    {
        ResponseReadResult read = AssessmentsJson.ReadResponse(document);
        return read.IsSuccess ? AssessmentsJson.WriteResult(read.Instrument.Score(read.Response)) : AssessmentsJson.WriteReadErrors(read);
    }

    private const string Calm = """{"instrument":"phq-9","items":[0,0,0,0,0,0,0,0,0]}""";
    private const string Urgent = """{"instrument":"phq-9","items":[0,0,0,0,0,0,0,0,3]}""";

    /// <summary>Issue 17: documents separated by a CR alone were read as one and every document after the first was
    /// dropped. A CR alone ends a line; CRLF is one line end.</summary>
    [Theory]
    [InlineData("\r")]
    [InlineData("\r\n")]
    [InlineData("\n")]
    public void EveryLineEnd_EndsALine_NoDocumentIsDropped(string end)
    {
        string output = Batch(Calm + end + Urgent + end + Calm, out BatchSummary summary);
        Assert.Equal(3, summary.Documents);
        Assert.Equal([Expected(Calm), Expected(Urgent), Expected(Calm)], output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(3, BatchShapeOf(Calm + end + Urgent + end + Calm));
    }

    /// <summary>Issue 17: a second document on one line was dropped silently after the first. Each document of a line is
    /// read and answered on its own result line, in order; what follows that is no document is named as unread.</summary>
    [Fact]
    public void TwoDocumentsOnOneLine_AreEachRead()
    {
        string output = Batch(Calm + " " + Urgent + Calm + " nonsense\n" + Calm, out BatchSummary summary);
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, summary.Documents);
        Assert.Equal(Expected(Calm), lines[0]);
        Assert.Equal(Expected(Urgent), lines[1]);
        Assert.Contains("\"priority\":\"urgent\"", lines[1], StringComparison.Ordinal);
        Assert.Equal(Expected(Calm), lines[2]);
        Assert.Contains(ErrorCodes.MalformedDocument, lines[3], StringComparison.Ordinal);
        Assert.Equal(Expected(Calm), lines[4]);

        // One document read on its own (not a batch) names the second as unread rather than dropping it.
        ResponseReadResult single = AssessmentsJson.ReadResponse(Calm + " " + Urgent);
        Assert.Contains("More than one document", Assert.Single(single.Errors).Message, StringComparison.Ordinal);
    }

    private static int BatchShapeOf(string input) =>
        BatchScoring.DetectShape(new MemoryStream(Encoding.UTF8.GetBytes(input)), out _) == InputShape.Ndjson ? 3 : 1;

    [Property(Arbitrary = [typeof(Generators)], MaxTest = 500)]
    public bool EveryDocument_GetsExactlyTheFullPathsLine(Response response)
    {
        string line = AssessmentsJson.WriteResponse(response);
        return Batch(line + "\n", out _) == Expected(line) + "\n";
    }

    [Property(Arbitrary = [typeof(Generators)], MaxTest = 300)]
    public bool ValidDocuments_TakeTheFastPathWithTheSameBytes(ValidResponse response)
    {
        string line = AssessmentsJson.WriteResponse(new Response(response.Instrument.Id, response.Values, null, "v-1"));
        string output = Batch(line, out BatchSummary summary);
        return output == Expected(line) + "\n" && summary.Scored == 1 && summary.FastPath == 1;
    }

    [Fact]
    public void ManyLinesAcrossBufferBoundaries_KeepOrderAndCount()
    {
        var sb = new StringBuilder();
        for (int i = 0; i < 5000; i++)
            sb.Append("{\"id\":\"visit-").Append(i).Append("\",\"instrument\":\"phq-9\",\"items\":[1,2,3,1,2,3,0,1,").Append(i % 4).Append("]}\r\n");
        sb.Append("\n   \n{ broken\n");
        sb.Append("{\"instrument\":\"gad-7\",\"items\":[3,3,3,3,3,3,null]}"); // no final newline
        string output = Batch(sb.ToString(), out BatchSummary summary);
        string[] lines = output.TrimEnd('\n').Split('\n');
        Assert.Equal(5002, lines.Length);
        Assert.Equal(5002, summary.Documents);
        Assert.Equal(5000, summary.Scored);
        Assert.StartsWith("{\"id\":\"visit-4999\",", lines[4999], System.StringComparison.Ordinal);
        Assert.Contains("malformed-document", lines[5000], System.StringComparison.Ordinal);
        Assert.Contains("item-missing", lines[5001], System.StringComparison.Ordinal);
    }

    [Fact]
    public void PrintableAsciiIds_AreWrittenExactlyAsTheFullPathWritesThem()
    {
        string id = new(Enumerable.Range(0x20, 0x7F - 0x20).Select(c => (char)c).Where(c => c is not '"' and not '\\').ToArray());
        string line = AssessmentsJson.WriteResponse(new Response("phq-9", [1, 2, 3, 1, 2, 3, 0, 1, 2], null, id));
        string output = Batch(line, out BatchSummary summary);
        Assert.Equal(Expected(line) + "\n", output);
        Assert.Equal(1, summary.FastPath);
    }

    [Fact]
    public void AByteOrderMark_IsNotPartOfTheFirstDocument()
    {
        string line = """{"instrument":"phq-2","items":[1,2]}""";
        using var output = new MemoryStream();
        byte[] bytes = [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(line + "\n" + line)];
        BatchSummary summary = BatchScoring.ScoreNdjson(new MemoryStream(bytes), output);
        Assert.Equal(2, summary.Scored);
    }

    [Fact]
    public void ALineLongerThanTheBuffer_IsStillRead()
    {
        string pad = new(' ', 200_000);
        string line = "{\"id\":\"long\"," + pad + "\"instrument\":\"phq-2\",\"items\":[3,3]}";
        Assert.Equal(Expected(line) + "\n", Batch(line + "\n", out _));
    }

    [Fact]
    public void EscapedIds_FallBackToTheResultObject_EverythingElseIsWrittenFromTheRecord()
    {
        string[] docs =
        [
            """{"id":"a\u0041","instrument":"phq-2","items":[1,1]}""",
            """{"instrument":"bdi-ii","items":[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,"2b",0,"1a",0,0,0]}""",
            """{"instrument":"madrs","items":[1,1,1,1,1,1,1,1,1,1],"bandSet":"muller-2003"}""",
            """{"instrument":"hamd-17","items":[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,3,0]}""",
            """{"instrument":"cssrs-screen","items":[1,1,0,1,0,1,1]}""",
        ];
        string output = Batch(string.Join("\n", docs), out BatchSummary summary);
        Assert.Equal(string.Join("", docs.Select(d => Expected(d) + "\n")), output);
        Assert.Equal(4, summary.FastPath); // all but the escaped id: labels, band sets, notes and risk levels are
                                           // written from the record by the same writer as the result object
    }

    [Property(Arbitrary = [typeof(Generators)], MaxTest = 100)]
    public bool Async_WritesTheSameLinesAsSync(Response[] responses)
    {
        string input = string.Join("\n", responses.Select(AssessmentsJson.WriteResponse)) + "\n\n  \n";
        using var output = new MemoryStream();
        BatchSummary summary = BatchScoring.ScoreNdjsonAsync(new MemoryStream(Encoding.UTF8.GetBytes(input)), output).GetAwaiter().GetResult();
        string sync = Batch(input, out BatchSummary expected);
        return Encoding.UTF8.GetString(output.ToArray()) == sync && summary.Documents == expected.Documents && summary.Scored == expected.Scored;
    }

    [Fact]
    public void AFaultInOneDocument_CostsOnlyThatDocumentsLine()
    {
        // A clinic resolver that throws for one id: the documents before and after keep their lines.
        static Instrument? Resolve(string id) => id == "boom"
            ? throw new System.InvalidOperationException("resolver fault")
            : Assessments.Instruments.TryGet(id, out Instrument? found) ? found : null;
        const string good = """{"id":"a","instrument":"gad-7","items":[1,1,1,1,1,1,1]}""";
        string input = good + "\n" + """{"id":"b","instrument":"boom","items":[0]}""" + "\n" + good.Replace("\"a\"", "\"c\"", System.StringComparison.Ordinal) + "\n";
        using var output = new MemoryStream();
        BatchSummary summary = BatchScoring.ScoreNdjson(new MemoryStream(Encoding.UTF8.GetBytes(input)), output, Resolve);
        string[] lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n', System.StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("""{"id":"a","instrument":"gad-7","rulesVersion""", lines[0], System.StringComparison.Ordinal);
        Assert.Contains(ErrorCodes.MalformedDocument, lines[1], System.StringComparison.Ordinal);
        Assert.StartsWith("""{"id":"c","instrument":"gad-7","rulesVersion""", lines[2], System.StringComparison.Ordinal);
        Assert.Equal((3L, 2L), (summary.Documents, summary.Scored));
    }
}
