using System;
using System.IO;
using System.Text.Json;
using Xunit;

namespace Assessments.Cli.Tests;

/// <summary>The `assess` contract (README.md, "The `assess` command"), driven through the CLI's entry point.</summary>
public sealed class AssessCliTests
{
    private static (int Exit, string Out, string Err) RunWithInput(string stdin, params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int exit = Assessments.Cli.Cli.Run(args, new StringReader(stdin), o, e);
        return (exit, o.ToString(), e.ToString());
    }

    private static (int Exit, string Out, string Err) Run(params string[] args) => RunWithInput("", args);

    [Fact]
    public void ScorePhq9Json_PrintsTheContractExample()
    {
        var (exit, output, _) = Run("score", "phq-9", "1", "2", "3", "1", "2", "3", "0", "1", "2", "--format", "json");
        Assert.Equal(0, exit);
        using JsonDocument doc = JsonDocument.Parse(output);
        JsonElement root = doc.RootElement;
        Assert.Equal(15, root.GetProperty("total").GetInt32());
        Assert.Equal(27, root.GetProperty("maxTotal").GetInt32());
        Assert.Equal("moderately-severe", root.GetProperty("band").GetProperty("id").GetString());
        JsonElement flag = root.GetProperty("flags")[0];
        Assert.Equal(("suicide-risk", 9, 2, "urgent"), (flag.GetProperty("id").GetString(), flag.GetProperty("item").GetInt32(), flag.GetProperty("value").GetInt32(), flag.GetProperty("priority").GetString()));
        Assert.Equal("covered", root.GetProperty("safetyScreen").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("riskLevel").ValueKind);
        Assert.False(root.GetProperty("prorated").GetBoolean());
    }

    [Fact]
    public void MadrsItem1AtSeven_ExitsOneWithItemOutOfRange()
    {
        var (exit, output, _) = Run("score", "madrs", "7", "0", "0", "0", "0", "0", "0", "0", "0", "0");
        Assert.Equal(1, exit);
        Assert.Contains("item-out-of-range item 1", output, System.StringComparison.Ordinal);
    }

    /// <summary>JSON writes non-ASCII characters as they are (valid UTF-8), never as \u escapes.</summary>
    [Fact]
    public void InstrumentsJson_WritesAsberg_AsItIs()
    {
        var (exit, output, _) = Run("instruments", "--format", "json");
        Assert.Equal(0, exit);
        Assert.Contains("Montgomery-Åsberg", output, System.StringComparison.Ordinal);
        Assert.DoesNotContain("\\u00C5", output, System.StringComparison.Ordinal);
    }

    [Fact]
    public void MinusOne_IsAValueNotAnOption()
    {
        var (exit, output, _) = Run("score", "phq-9", "-1", "0", "0", "0", "0", "0", "0", "0", "0", "--format", "json");
        Assert.Equal(1, exit);
        Assert.Contains("\"code\":\"item-out-of-range\",\"item\":1", output, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Dash_IsAnUnansweredItem()
    {
        var (exit, output, _) = Run("score", "phq-9", "1", "1", "1", "1", "1", "1", "1", "1", "-", "--format", "json");
        Assert.Equal(1, exit);
        Assert.Contains("safety-item-unanswered", output, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("score", "nope", "1")]
    [InlineData("score", "phq-9", "1", "--bogus")]
    [InlineData("frobnicate")]
    [InlineData("score", "--input", "/nonexistent/file.json")]
    public void UsageErrors_ExitTwo(params string[] args) => Assert.Equal(2, Run(args).Exit);

    [Fact]
    public void Positions_KeyEpdsReverseItems()
    {
        var (exit, output, _) = Run("score", "epds", "0", "0", "0", "0", "0", "0", "0", "0", "0", "3", "--positions", "--format", "json");
        Assert.Equal(0, exit);
        Assert.Contains("\"total\":18", output, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Prorate_IsOptIn()
    {
        string[] values = ["score", "gad-7", "3", "3", "3", "3", "3", "3", "-", "--format", "json"];
        Assert.Equal(1, Run(values).Exit);
        var (exit, output, _) = Run([.. values, "--prorate"]);
        Assert.Equal(0, exit);
        Assert.Contains("\"prorated\":true", output, System.StringComparison.Ordinal);
    }

    [Fact]
    public void CssrsYesNo_GivesRiskLevel()
    {
        var (exit, output, _) = Run("score", "cssrs-screen", "yes", "yes", "no", "no", "no", "no", "-", "--format", "json");
        Assert.Equal(0, exit);
        Assert.Contains("\"riskLevel\":\"low\"", output, System.StringComparison.Ordinal);
    }

    [Fact]
    public void NdjsonBatch_PrintsOneLinePerDocumentInOrderAndGoesOnPastBadOnes()
    {
        string input = string.Join('\n',
            """{"id":"a","instrument":"phq-9","items":[0,0,0,0,0,0,0,0,0]}""",
            """{"id":"b","instrument":"phq-9","items":[0,0,0,0,0,0,0,0]}""",
            """{ broken""",
            """{"id":"d","instrument":"gad-7","items":[3,3,3,3,3,3,3]}""");
        var (exit, output, _) = RunWithInput(input, "score", "--input", "-", "--format", "json");
        Assert.Equal(1, exit);
        string[] lines = output.TrimEnd().Split('\n');
        Assert.Equal(4, lines.Length);
        Assert.Contains("\"id\":\"a\"", lines[0], System.StringComparison.Ordinal);
        Assert.Contains("item-count", lines[1], System.StringComparison.Ordinal);
        Assert.Contains("malformed-document", lines[2], System.StringComparison.Ordinal);
        Assert.Contains("\"total\":21", lines[3], System.StringComparison.Ordinal);
    }

    [Fact]
    public void SingleMalformedDocument_IsInvalid_AsTheSameLineIsInABatch()
    {
        // Issue 19: one exit code per outcome wherever the document came from (it was 2 alone and 1 in a batch).
        foreach (string document in new[] { "{\"instrument\": ", """{"instrument":"nope","items":[1]}""" })
        {
            Assert.Equal(1, RunWithInput(document, "score", "--input", "-").Exit);
            Assert.Equal(1, RunWithInput(document + "\n" + document + "\n", "score", "--input", "-").Exit);
        }
    }

    [Fact]
    public void ABatchWithFormatText_PrintsOneReadableLinePerDocument_AndASummaryOnStandardError()
    {
        string batch = """{"id":"a","instrument":"phq-9","items":[0,0,0,0,0,0,0,0,3]}""" + "\n" + """{"id":"b","instrument":"x"}""" + "\n";
        var (exit, output, error) = RunWithInput(batch, "score", "--input", "-", "--format", "text");
        Assert.Equal(1, exit);
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["#1 [a] phq-9: total 3 of 27, Minimal; URGENT suicide-risk: item 9 (thoughts of death or self-harm) = 3", "#2 [b] x: invalid (unknown-instrument)"], lines);
        Assert.Contains("2 document(s): 1 scored, 1 invalid; 1 urgent safety flag(s).", error, StringComparison.Ordinal);
        Assert.StartsWith("{", RunWithInput(batch, "score", "--input", "-").Out, StringComparison.Ordinal); // NDJSON by default
    }

    [Fact]
    public void Instruments_ListsTheWholeCatalogue()
    {
        var (exit, output, _) = Run("instruments", "--format", "json");
        Assert.Equal(0, exit);
        using JsonDocument doc = JsonDocument.Parse(output);
        Assert.Equal(Assessments.Instruments.All.Length, doc.RootElement.GetArrayLength());
    }
}

public sealed class AssessCliDefinitionTests
{
    private static string Sample => Path.Combine(Harness.RepoRoot(), "samples", "definitions", "phq-9-local.json");

    private static int Run(out string output, params string[] args)
    {
        var o = new StringWriter();
        int exit = Assessments.Cli.Cli.Run(args, new StringReader(""), o, new StringWriter());
        output = o.ToString();
        return exit;
    }

    [Fact]
    public void Definition_ScoresAClinicVariant()
    {
        Assert.Equal(0, Run(out string output, "score", "phq-9-local", "0", "0", "0", "0", "0", "0", "0", "0", "1", "--definition", Sample, "--format", "json"));
        Assert.Contains("\"priority\":\"urgent\"", output, System.StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidOrCollidingDefinitions_AreUsageErrors()
    {
        string bad = System.IO.Path.GetTempFileName();
        System.IO.File.WriteAllText(bad, Assessments.Serialization.InstrumentDefinitions.Export(Assessments.Instruments.Phq9).Replace("\"min\": 5", "\"min\": 6", System.StringComparison.Ordinal));
        Assert.Equal(2, Run(out _, "score", "phq-9", "0", "--definition", bad));
        string collide = System.IO.Path.GetTempFileName();
        System.IO.File.WriteAllText(collide, Assessments.Serialization.InstrumentDefinitions.Export(Assessments.Instruments.Phq9));
        Assert.Equal(2, Run(out _, "score", "phq-9", "0", "0", "0", "0", "0", "0", "0", "0", "0", "--definition", collide));
    }
}
