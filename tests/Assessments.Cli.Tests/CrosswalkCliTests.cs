using System;
using System.Linq;
using System.Text.Json;
using Xunit;
using static Assessments.Cli.Tests.Harness;

namespace Assessments.Cli.Tests;

/// <summary><c>assess crosswalk &lt;instrument&gt; &lt;total&gt;</c> (docs/crosswalk.md): equivalents, never scores.</summary>
public sealed class CrosswalkCliTests
{
    [Fact]
    public void Text_GivesTheSeverity_EveryScalesRange_TheCitation_AndSaysTheyAreNotScores()
    {
        var (exit, output, error) = Run("crosswalk", "qids-sr16", "12");
        Assert.Equal(0, exit);
        Assert.Equal("", error);
        Assert.Equal(
            [
                "qids-sr16 12: equivalents on the IDS/QIDS/HRSD conversion table",
                "  Severity   moderate",
                "  ids-sr30   29-30",
                "  qids-sr16  12  (this total's column)",
                "  hamd-17    16",
                "  hamd-21    17",
                "  hamd-24    20-21",
                "  Source     " + Assessments.Crosswalks.DepressionCrosswalk.Citation,
                "  Equivalent ranges, not scores: no other scale was rated.",
            ],
            Lines(output));
    }

    [Fact]
    public void Json_IsOneObject_WithEveryScaleKeyedById()
    {
        var (exit, output, _) = Run("crosswalk", "ids-sr30", "63", "--format", "json");
        Assert.Equal(0, exit);
        Assert.Single(Lines(output));
        using JsonDocument doc = JsonDocument.Parse(output);
        JsonElement root = doc.RootElement;
        Assert.Equal(["instrument", "total", "scale", "severity", "equivalents", "rows", "citation", "note"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("ids-sr30", root.GetProperty("instrument").GetString());
        Assert.Equal(63, root.GetProperty("total").GetInt32());
        Assert.Equal("very-severe", root.GetProperty("severity").GetString());
        JsonElement equivalents = root.GetProperty("equivalents");
        Assert.Equal(["ids-sr30", "qids-sr16", "hamd-17", "hamd-21", "hamd-24"], equivalents.EnumerateObject().Select(p => p.Name));
        Assert.Equal((62, 64), (equivalents.GetProperty("ids-sr30").GetProperty("min").GetInt32(), equivalents.GetProperty("ids-sr30").GetProperty("max").GetInt32()));
        Assert.Equal((25, 25), (equivalents.GetProperty("qids-sr16").GetProperty("min").GetInt32(), equivalents.GetProperty("qids-sr16").GetProperty("max").GetInt32()));
        Assert.Equal([25], root.GetProperty("rows").EnumerateArray().Select(r => r.GetInt32()));
        Assert.Contains("Rush AJ", root.GetProperty("citation").GetString(), StringComparison.Ordinal);
        Assert.Contains("not scores", root.GetProperty("note").GetString(), StringComparison.Ordinal);
    }

    /// <summary>HRSD17 18 lies in two rows (the source prints 18-19 on QIDS-SR16 14 and 15): both are named.</summary>
    [Fact]
    public void Hrsd17_18_NamesBothRows()
    {
        var (exit, output, _) = Run("crosswalk", "hamd-17", "18");
        Assert.Equal(0, exit);
        Assert.Contains("  qids-sr16  14-15", output, StringComparison.Ordinal);
        Assert.Contains("  Rows       hamd-17 18 lies in the rows of QIDS-SR16 14 and 15", output, StringComparison.Ordinal);
        using JsonDocument doc = JsonDocument.Parse(Run("crosswalk", "hamd-17", "18", "--format", "json").Out);
        Assert.Equal([14, 15], doc.RootElement.GetProperty("rows").EnumerateArray().Select(r => r.GetInt32()));
    }

    [Fact]
    public void QidsC16_IsReadOnTheQidsColumn_AndIdsMatchIgnoringCase()
    {
        var (exit, output, _) = Run("crosswalk", "QIDS-C16", "16", "--format", "json");
        Assert.Equal(0, exit);
        using JsonDocument doc = JsonDocument.Parse(output);
        Assert.Equal("qids-c16", doc.RootElement.GetProperty("instrument").GetString());
        Assert.Equal("qids-sr16", doc.RootElement.GetProperty("scale").GetString());
        Assert.Equal("severe", doc.RootElement.GetProperty("severity").GetString());
        Assert.StartsWith("qids-c16 16 (read on the qids-sr16 column):", Run("crosswalk", "qids-c16", "16").Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("qids-sr16", "28")]
    [InlineData("qids-sr16", "-1")]
    [InlineData("hamd-17", "53")]
    [InlineData("ids-sr30", "99999999999")]
    public void ATotalOutOfRange_IsACodedErrorWithExit1(string instrument, string total)
    {
        var (exit, output, _) = Run("crosswalk", instrument, total);
        Assert.Equal(1, exit);
        Assert.Equal($"{instrument} {total}: nothing to convert.", Lines(output)[0]);
        Assert.StartsWith("  total-out-of-range: ", Lines(output)[1], StringComparison.Ordinal);

        (exit, output, _) = Run("crosswalk", instrument, total, "--format", "json");
        Assert.Equal(1, exit);
        using JsonDocument doc = JsonDocument.Parse(output);
        Assert.Equal("total-out-of-range", doc.RootElement.GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.Equal(long.Parse(total, System.Globalization.CultureInfo.InvariantCulture), doc.RootElement.GetProperty("total").GetInt64());
    }

    [Theory]
    [InlineData(new[] { "crosswalk", "hamd17", "10" }, "assess: unknown-instrument: unknown instrument 'hamd17'; did you mean 'hamd-17'?")]
    [InlineData(new[] { "crosswalk", "hamd-24", "10" }, "assess: unknown-instrument: unknown instrument 'hamd-24'")]
    [InlineData(new[] { "crosswalk", "phq-9", "10" }, "assess: instrument-has-no-crosswalk: phq-9 has no column in the IDS/QIDS/HRSD conversion table")]
    [InlineData(new[] { "crosswalk", "qids-sr16", "ten" }, "assess: the total must be an integer, not 'ten'")]
    [InlineData(new[] { "crosswalk", "qids-sr16", "1.5" }, "assess: the total must be an integer, not '1.5'")]
    [InlineData(new[] { "crosswalk", "qids-sr16" }, "assess: Required argument 'total' missing")]
    [InlineData(new[] { "crosswalk", "qids-sr16", "12", "--format", "csv" }, "assess: --format takes text or json, not 'csv'")]
    [InlineData(new[] { "crosswalk", "qids-sr16", "12", "--prorate" }, "assess: 'assess crosswalk' has no option '--prorate'")]
    [InlineData(new[] { "crosswalk", "qids-sr16", "12", "13" }, "assess: 'assess crosswalk' takes no argument '13'")]
    public void AUsageError_IsOneLineOnStandardError_WithExit2(string[] args, string start)
    {
        var (exit, output, error) = Run(args);
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.StartsWith(start, error, StringComparison.Ordinal);
        Assert.Single(Lines(error));
    }

    [Fact]
    public void Help_ListsTheCommand()
    {
        var (exit, output, _) = Run("--help");
        Assert.Equal(0, exit);
        Assert.Contains("crosswalk", output, StringComparison.Ordinal);
        (exit, output, _) = Run("crosswalk", "--help");
        Assert.Equal(0, exit);
        Assert.Contains("qids-sr16, qids-c16, ids-sr30, hamd-17", output, StringComparison.Ordinal);
    }
}
