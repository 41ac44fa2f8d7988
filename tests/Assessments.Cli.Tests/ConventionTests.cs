using System;
using System.Linq;
using System.Text.Json;
using Xunit;
using static Assessments.Cli.Tests.Harness;

namespace Assessments.Cli.Tests;

/// <summary>
/// The v2 conventions of the assess command (docs: README, "The assess command"), one test per finding of the review
/// that tried the tool as a new user: options belong to commands, natural mistakes get a helpful one-line answer.
/// </summary>
public sealed class ConventionTests
{
    private const string EpdsTenOnes = """{"instrument":"epds","items":[1,1,1,1,1,1,1,1,1,1]}""";

    // --- Silently ignored options changed clinical output ---------------------------------------------------------

    /// <summary>Ten option positions of 1 on the EPDS: items 1, 2 and 4 score 1, the reverse-keyed 3 and 5-10 score 2:
    /// 3 + 14 = 17, and item 10 at 2 is urgent. Read as item scores they gave 10 and a mere review.</summary>
    [Fact]
    public void InputPositions_AppliesToADocumentThatDoesNotSay()
    {
        var (exit, output, _) = RunWithInput(EpdsTenOnes, "score", "--input", "-", "--positions", "--format", "json");
        Assert.Equal(0, exit);
        using JsonDocument doc = JsonDocument.Parse(output);
        Assert.Equal(17, doc.RootElement.GetProperty("total").GetInt32());
        JsonElement flag = doc.RootElement.GetProperty("flags")[0];
        Assert.Equal((10, 2, "urgent"), (flag.GetProperty("item").GetInt32(), flag.GetProperty("value").GetInt32(), flag.GetProperty("priority").GetString()));
    }

    [Fact]
    public void InputPositions_AppliesToEveryDocumentOfABatch()
    {
        var (exit, output, _) = RunWithInput(EpdsTenOnes + "\n" + EpdsTenOnes + "\n", "score", "--input", "-", "--positions");
        Assert.Equal(0, exit);
        Assert.All(Lines(output), line => Assert.Contains("\"total\":17", line, StringComparison.Ordinal));
    }

    [Fact]
    public void InputProrate_AppliesToADocumentThatDoesNotSay()
    {
        const string gad7 = """{"instrument":"gad-7","items":[3,3,3,3,3,3,null]}""";
        Assert.Equal(1, RunWithInput(gad7, "score", "--input", "-").Exit);
        var (exit, output, _) = RunWithInput(gad7, "score", "--input", "-", "--prorate", "--format", "json");
        Assert.Equal(0, exit);
        Assert.Contains("\"prorated\":true", output, StringComparison.Ordinal);
    }

    [Fact]
    public void InputBandSet_AppliesToADocumentThatDoesNotSay()
    {
        const string madrs = """{"instrument":"madrs","items":[3,3,3,3,3,3,3,0,0,0]}""";
        var (exit, output, _) = RunWithInput(madrs, "score", "--input", "-", "--band-set", "muller-2003", "--format", "json");
        Assert.Equal(0, exit);
        Assert.Contains("\"bandSet\":\"muller-2003\"", output, StringComparison.Ordinal);
    }

    /// <summary>A document that says otherwise is invalid, and still raises its safety flags (CLI.md, v2).</summary>
    [Fact]
    public void InputOptionThatTheDocumentContradicts_IsOptionConflict_AndKeepsTheFlags()
    {
        const string document = """{"instrument":"phq-9","items":[0,0,0,0,0,0,0,0,3],"positions":false}""";
        var (exit, output, _) = RunWithInput(document, "score", "--input", "-", "--positions", "--format", "json");
        Assert.Equal(1, exit);
        Assert.Contains("\"code\":\"option-conflict\"", output, StringComparison.Ordinal);
        Assert.Contains("\"priority\":\"urgent\"", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("instruments", "--prorate")]
    [InlineData("instruments", "--positions")]
    [InlineData("course", "samples/courses/ketamine-madrs.json", "--positions")]
    [InlineData("course", "samples/courses/ketamine-madrs.json", "--band-set", "x")]
    [InlineData("definition", "phq-9", "--format", "json")]
    [InlineData("score", "phq-9", "1", "--preset", "ketamine-clinic")]
    public void AnOptionTheCommandDoesNotTake_IsAUsageError(params string[] args)
    {
        string[] resolved = args.Select(a => a.StartsWith("samples/", StringComparison.Ordinal) ? System.IO.Path.Combine(RepoRoot(), a) : a).ToArray();
        var (exit, output, error) = Run(resolved);
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Single(Lines(error));
        Assert.Contains("has no option", error, StringComparison.Ordinal);
    }

    // --- Natural mistakes were punished -------------------------------------------------------------------------

    [Fact]
    public void Version_PrintsTheToolVersion()
    {
        var (exit, output, _) = Run("--version");
        Assert.Equal(0, exit);
        Assert.Matches(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.]+)?\r?\n$", output);
        Assert.Equal(typeof(Assessments.Cli.Cli).Assembly.GetName().Version!.ToString(3), output.Trim().Split('-')[0]);
    }

    [Theory]
    [InlineData("score", "--help")]
    [InlineData("score", "-h")]
    [InlineData("course", "--help")]
    [InlineData("instruments", "--help")]
    [InlineData("definition", "-h")]
    [InlineData("--help")]
    public void Help_OnAnyCommand_PrintsThatCommandsHelp(params string[] args)
    {
        var (exit, output, error) = Run(args);
        Assert.Equal(0, exit);
        Assert.Equal("", error);
        Assert.Contains("Usage:", output, StringComparison.Ordinal);
        if (args[0] == "score")
            Assert.Contains("--positions", output, StringComparison.Ordinal);
        if (args[0] == "course")
            Assert.Contains("--preset", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("phq9", "phq-9")]
    [InlineData("gad7", "gad-7")]
    [InlineData("madsr", "madrs")]
    [InlineData("hamd17", "hamd-17")]
    public void UnknownInstrument_SuggestsTheNearestId(string given, string suggested)
    {
        var (exit, _, error) = Run("score", given, "1", "2");
        Assert.Equal(2, exit);
        Assert.Single(Lines(error));
        Assert.StartsWith("assess: unknown-instrument: ", error, StringComparison.Ordinal);
        Assert.Contains($"did you mean '{suggested}'?", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PHQ-9")]
    [InlineData("Phq-9")]
    public void InstrumentIds_MatchCaseInsensitively_AndPrintCanonically(string id)
    {
        var (exit, output, _) = Run("score", id, "1", "2", "3", "1", "2", "3", "0", "1", "2", "--format", "json");
        Assert.Equal(0, exit);
        Assert.Contains("\"instrument\":\"phq-9\"", output, StringComparison.Ordinal);
        Assert.Equal(0, Run("definition", id).Exit);
    }

    [Theory]
    [InlineData("--fromat", "--format", "score", "phq-9", "0", "0", "0", "0", "0", "0", "0", "0", "0")]
    [InlineData("--postions", "--positions", "score", "epds", "0")]
    [InlineData("--presett", "--preset", "course", "-")]
    [InlineData("--fromat", "--format", "instruments")]
    public void UnknownOption_SuggestsTheNearestOptionOfThatCommand(string given, string suggested, params string[] args)
    {
        var (exit, _, error) = Run([.. args, given, "json"]);
        Assert.Equal(2, exit);
        Assert.Single(Lines(error));
        Assert.Contains($"'{given}'", error, StringComparison.Ordinal);
        Assert.Contains($"did you mean '{suggested}'?", error, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownCommand_SuggestsTheNearestCommand()
    {
        var (exit, _, error) = Run("scor", "phq-9");
        Assert.Equal(2, exit);
        Assert.Equal("assess: unknown command 'scor'; did you mean 'score'?; see 'assess --help'.", error.Trim());
    }

    [Fact]
    public void OptionEqualsValue_IsAccepted()
    {
        var (exit, output, _) = Run("score", "madrs", "3", "3", "3", "3", "3", "3", "3", "0", "0", "0", "--band-set=muller-2003", "--format=json");
        Assert.Equal(0, exit);
        Assert.Contains("\"bandSet\":\"muller-2003\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public void FormatValues_AreChecked_WithASuggestion()
    {
        var (exit, _, error) = Run("instruments", "--format", "jsno");
        Assert.Equal(2, exit);
        Assert.Contains("did you mean 'json'?", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("score", "--input", "/nonexistent/responses.ndjson")]
    [InlineData("course", "/nonexistent/course.json")]
    [InlineData("score", "phq-9", "0", "--definition", "/nonexistent/definition.json")]
    public void MissingFile_IsOnePlainLine_WithoutAnExceptionName(params string[] args)
    {
        var (exit, output, error) = Run(args);
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Equal("assess: cannot read '" + args.First(a => a.StartsWith("/nonexistent", StringComparison.Ordinal)) + "': no such directory.", error.Trim());
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ADirectoryGivenAsAFile_IsSaidToBeADirectory()
    {
        string directory = System.IO.Directory.CreateTempSubdirectory("assess-dir-").FullName;
        var (exit, _, error) = Run("course", directory);
        Assert.Equal(2, exit);
        Assert.Equal($"assess: cannot read '{directory}': it is a directory.", error.Trim());
    }

    /// <summary>A usage error prints one line saying what is wrong and how to get help, never the whole usage.</summary>
    [Theory]
    [InlineData()]
    [InlineData("score")]
    [InlineData("score", "nope", "1")]
    [InlineData("score", "phq-9", "1", "--bogus")]
    [InlineData("frobnicate")]
    [InlineData("course")]
    [InlineData("course", "a.json", "b.json")]
    [InlineData("instruments", "extra")]
    [InlineData("score", "--format")]
    [InlineData("score", "phq-9", "0", "--band-set", "nope")]
    [InlineData("course", "-", "--format", "html")]
    public void UsageErrors_PrintOneLine_AndExitTwo(params string[] args)
    {
        var (exit, output, error) = Run(args);
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        string line = Assert.Single(Lines(error));
        Assert.StartsWith("assess: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", line, StringComparison.Ordinal);
        Assert.DoesNotContain("usage:", line, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Negative numbers and '-' are values: '-1' is item-out-of-range (exit 1), not an unknown option.</summary>
    [Fact]
    public void NegativeNumbersAndDash_AreValues()
    {
        var (exit, output, error) = Run("score", "phq-9", "-1", "-", "0", "0", "0", "0", "0", "0", "0", "--format", "json");
        Assert.Equal(1, exit);
        Assert.Equal("", error);
        Assert.Contains("\"code\":\"item-out-of-range\",\"item\":1", output, StringComparison.Ordinal);
        Assert.Contains("\"code\":\"item-missing\",\"item\":2", output, StringComparison.Ordinal);
    }

    /// <summary>Issue 19: a batch ended with no summary. It now ends with one line on standard error (documents, scored,
    /// invalid, urgent flags, counted across valid and invalid documents), and standard output stays pure NDJSON.</summary>
    [Fact]
    public void Batch_EndsWithASummaryOnStandardError_DataStreamUntouched()
    {
        string input = "{\"instrument\":\"phq-9\",\"items\":[0,0,0,0,0,0,0,0,3]}\n"
            + "{\"instrument\":\"phq-9\",\"items\":[0,0,0,0,0,\"x\",0,0,2]}\n"
            + "{\"instrument\":\"phq-9\",\"items\":[0,0,0,0,0,0,0,0,0]}\n";
        var (exit, output, error) = Harness.RunWithInput(input, "score", "--input", "-");
        Assert.Equal(1, exit);
        Assert.Equal(3, output.Split('\n', System.StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.All(output.Split('\n', System.StringSplitOptions.RemoveEmptyEntries), l => Assert.StartsWith("{", l, System.StringComparison.Ordinal));
        Assert.Equal("3 document(s): 2 scored, 1 invalid; 2 urgent safety flag(s).", error.Trim());
    }

    /// <summary>Issue 17: an output path that is a directory said "permission denied"; a full disk said nothing useful.</summary>
    [Fact]
    public void OutputPath_ThatIsADirectory_OrAFullDisk_SaysSo()
    {
        string dir = System.IO.Directory.CreateTempSubdirectory("assess-out").FullName;
        string course = System.IO.Path.Combine(Root(), "samples", "courses", "ketamine-madrs.json");
        var (exit, _, error) = Run("course", course, "--format", "html", "--output", dir);
        Assert.Equal(2, exit);
        Assert.Contains("it is a directory", error, System.StringComparison.Ordinal);

        Assert.True(System.IO.File.Exists("/dev/full"), "the test needs Linux's /dev/full");
        (exit, _, error) = Run("course", course, "--format", "html", "--output", "/dev/full");
        Assert.Equal(2, exit);
        Assert.Contains("the disk is full", error, System.StringComparison.Ordinal);
    }

    /// <summary>Issue 17: <c>assess ... -</c> waited forever when standard input was closed. It is a usage error at once,
    /// checked in a real process started with descriptor 0 closed, and in process for every command that reads '-'.</summary>
    [Fact]
    public void ClosedStandardInput_IsAnImmediateUsageError()
    {
        foreach (string[] args in new[] { new[] { "score", "--input", "-" }, ["course", "-"], ["score", "--fhir", "-"] })
        {
            var (exit, _, error) = RunOn(new Terminal(false, false, 0, false, InputClosed: true), "", args);
            Assert.Equal(2, exit);
            Assert.Contains("standard input is closed", error, System.StringComparison.Ordinal);
        }

        string assess = typeof(Assessments.Cli.Cli).Assembly.Location;
        var start = new System.Diagnostics.ProcessStartInfo("/bin/sh", ["-c", $"exec dotnet '{assess}' score --input - <&-"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var process = System.Diagnostics.Process.Start(start)!;
        bool exited = process.WaitForExit(60_000);
        if (!exited)
            process.Kill(entireProcessTree: true);
        Assert.True(exited, "assess waited on a closed standard input");
        Assert.Equal(2, process.ExitCode);
        Assert.Contains("standard input is closed", process.StandardError.ReadToEnd(), System.StringComparison.Ordinal);
    }

    private static string Root()
    {
        var dir = new System.IO.DirectoryInfo(System.AppContext.BaseDirectory);
        while (dir is not null && !System.IO.File.Exists(System.IO.Path.Combine(dir.FullName, "Assessments.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new System.InvalidOperationException("repository root not found");
    }
}
