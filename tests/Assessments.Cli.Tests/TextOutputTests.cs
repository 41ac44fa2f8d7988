using System;
using System.Linq;
using Xunit;
using static Assessments.Cli.Tests.Harness;

namespace Assessments.Cli.Tests;

/// <summary>The text a clinician reads: aligned tables, honest times, nothing claimed that the instrument cannot say.</summary>
public sealed class TextOutputTests
{
    /// <summary>Where each header word starts; every row's cell must start there too.</summary>
    private static int[] ColumnStarts(string header, params string[] names) => names.Select(n => header.IndexOf(n, StringComparison.Ordinal)).ToArray();

    [Fact]
    public void InstrumentsTable_IsAlignedPastPhq9sLongBandList()
    {
        var (exit, output, _) = Run("instruments");
        Assert.Equal(0, exit);
        string[] lines = Lines(output);
        int[] starts = ColumnStarts(lines[0], "rater", "range", "bands", "remission", "safety");
        Assert.All(starts, s => Assert.True(s > 0));
        Assert.Equal(Assessments.Instruments.All.Length + 1, lines.Length);
        Assert.All(lines, l => Assert.True(l.TrimEnd().Length <= 130, $"{l.TrimEnd().Length} characters: {l}")); // CGI's seven bands fit
        Assert.Contains(lines, l => l.StartsWith("cgi-i", StringComparison.Ordinal) && l.Contains("very-much-improved ... very-much-worse (7 bands)", StringComparison.Ordinal));
        foreach (string line in lines.Skip(1))
        {
            // Each column's text starts where its header starts: the cell before it was padded, never overflowed.
            foreach (int start in starts)
            {
                Assert.True(line.Length > start, line);
                Assert.NotEqual(' ', line[start]);
                Assert.Equal(' ', line[start - 1]);
            }
        }
    }

    [Fact]
    public void CourseTable_IsAlignedWithMixedOffsets()
    {
        const string course = """
            {"instrument":"madrs","treatments":[{"at":"2026-03-02T09:00:00+01:00","kind":"iv-ketamine"}],
             "assessments":[{"at":"2026-03-02T08:00:00+01:00","total":30},{"at":"2026-03-03T09:00:00Z","total":12},
                            {"at":"2026-03-04T09:00:00-05:00","total":14},{"at":"2026-03-09T09:00:00Z","total":8}]}
            """;
        var (exit, output, _) = RunWithInput(course, "course", "-");
        Assert.Equal(0, exit);
        string[] lines = Lines(output);
        int header = Array.FindIndex(lines, l => l.StartsWith("date ", StringComparison.Ordinal));
        int[] starts = ColumnStarts(lines[header], "role", "band", "status");
        string[] rows = lines.Skip(header + 1).TakeWhile(l => l.StartsWith("2026-", StringComparison.Ordinal)).ToArray();
        Assert.Equal(5, rows.Length);
        foreach (string row in rows.Where(r => !r.Contains("iv-ketamine", StringComparison.Ordinal)))
        {
            foreach (int start in starts)
            {
                Assert.NotEqual(' ', row[start]);
                Assert.Equal(' ', row[start - 1]);
            }
        }
    }

    /// <summary>An assessment 23 hours after the infusion is "23 h", not "day 0".</summary>
    [Fact]
    public void FirstResponseWithinADay_IsInHours()
    {
        const string course = """
            {"instrument":"madrs","treatments":[{"at":"2026-03-02T09:00:00Z","kind":"iv-ketamine"}],
             "assessments":[{"at":"2026-03-02T08:00:00Z","total":30},{"at":"2026-03-03T08:00:00Z","total":12}]}
            """;
        var (exit, output, _) = RunWithInput(course, "course", "-");
        Assert.Equal(0, exit);
        Assert.Contains("first response      23 h after t0 (2026-03-03 08:00Z)", output, StringComparison.Ordinal);
        Assert.DoesNotContain("day 0", output, StringComparison.Ordinal);
    }

    [Fact]
    public void FirstResponseAfterDays_IsInDays()
    {
        const string course = """
            {"instrument":"madrs","treatments":[{"at":"2026-03-02T09:00:00Z","kind":"iv-ketamine"}],
             "assessments":[{"at":"2026-03-02T08:00:00Z","total":30},{"at":"2026-03-05T10:00:00Z","total":12}]}
            """;
        Assert.Contains("first response      day 3 after t0 (2026-03-05 10:00Z)", RunWithInput(course, "course", "-").Out, StringComparison.Ordinal);
    }

    /// <summary>PHQ-2 has no remission threshold: the tool says so instead of "not reached".</summary>
    [Fact]
    public void Phq2Course_DoesNotClaimRemissionWasNotReached()
    {
        const string course = """
            {"instrument":"phq-2","assessments":[{"at":"2026-03-02T08:00:00Z","items":[3,3]},{"at":"2026-04-02T08:00:00Z","items":[0,1]}]}
            """;
        var (exit, output, _) = RunWithInput(course, "course", "-");
        Assert.Equal(0, exit);
        Assert.DoesNotContain("first remission     not reached", output, StringComparison.Ordinal);
        Assert.Contains("first remission     - (no remission threshold for this instrument)", output, StringComparison.Ordinal);
    }

    /// <summary>JSON writes non-ASCII characters as they are (valid UTF-8), in every output.</summary>
    [Fact]
    public void Json_WritesNonAsciiAsItIs()
    {
        const string course = """
            {"instrument":"madrs","treatments":[{"at":"2026-03-02T09:00:00Z","kind":"Åkersberga-ketamin"}],
             "assessments":[{"at":"2026-03-02T08:00:00Z","total":30},{"at":"2026-03-03T08:00:00Z","total":12}]}
            """;
        string course_ = RunWithInput(course, "course", "-", "--format", "json").Out;
        Assert.Contains("Åkersberga-ketamin", course_, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u00C5", course_, StringComparison.Ordinal);
        string definition = Run("definition", "madrs").Out;
        Assert.Contains("Montgomery-Åsberg", definition, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u00C5", definition, StringComparison.Ordinal);
    }

    /// <summary>Caller text cannot forge a line of output, in a table cell either.</summary>
    [Fact]
    public void ControlCharactersInASessionKind_AreEscapedInTheTable()
    {
        const string course = """
            {"instrument":"madrs","treatments":[{"at":"2026-03-02T09:00:00Z","kind":"x\nSAFETY none"}],
             "assessments":[{"at":"2026-03-02T08:00:00Z","total":30},{"at":"2026-03-03T08:00:00Z","total":12}]}
            """;
        var (_, output, _) = RunWithInput(course, "course", "-");
        Assert.DoesNotContain(Lines(output), l => l.StartsWith("SAFETY none", StringComparison.Ordinal));
        Assert.Contains("x\\u000ASAFETY none", output, StringComparison.Ordinal);
    }

    /// <summary>No colour codes in a pipe; colour on a terminal, unless NO_COLOR (Terminal.Color false).</summary>
    [Fact]
    public void Colour_OnlyOnATerminal()
    {
        string sample = Sample("ketamine-madrs.json");
        Assert.DoesNotContain("\u001b[", Run("course", sample).Out, StringComparison.Ordinal);
        Assert.Contains("\u001b[", RunOn(new Terminal(true, true, 200, true), "", "course", sample).Out, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", RunOn(new Terminal(true, true, 200, false), "", "course", sample).Out, StringComparison.Ordinal);
    }

    /// <summary>On a narrow terminal the table wraps its cells instead of running past the edge.</summary>
    [Fact]
    public void NarrowTerminal_TableLinesFitItsWidth()
    {
        var (_, output, _) = RunOn(new Terminal(true, false, 60, false), "", "instruments");
        Assert.All(Lines(output), line => Assert.True(line.Length <= 60, line));
    }

    /// <summary>A long course is streamed with widths from the instrument's data, and stays aligned.</summary>
    [Fact]
    public void LongCourse_IsStreamedAligned()
    {
        var assessments = Enumerable.Range(0, CourseCommand.TableRowLimit + 10)
            .Select(i => $"{{\"at\":\"{new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.FromHours(i % 2)).AddHours(i * 6):yyyy-MM-dd'T'HH:mm:sszzz}\",\"total\":{(i * 7) % 61}}}");
        string course = $"{{\"instrument\":\"madrs\",\"assessments\":[{string.Join(",", assessments)}]}}";
        var (exit, output, _) = RunWithInput(course, "course", "-");
        Assert.Equal(0, exit);
        string[] lines = Lines(output);
        int header = Array.FindIndex(lines, l => l.StartsWith("date ", StringComparison.Ordinal));
        int[] starts = ColumnStarts(lines[header], "role", "band", "status");
        string[] rows = lines.Skip(header + 1).TakeWhile(l => l.StartsWith("202", StringComparison.Ordinal)).ToArray();
        Assert.Equal(CourseCommand.TableRowLimit + 10, rows.Length);
        Assert.All(rows, row => Assert.All(starts, s => Assert.Equal(' ', row[s - 1])));
        Assert.All(rows, row => Assert.All(starts, s => Assert.NotEqual(' ', row[s])));
    }

    /// <summary>Progress goes to standard error on a terminal, never into the data stream, and never into a pipe.</summary>
    [Fact]
    public void Progress_IsOnStandardErrorOnly()
    {
        string ndjson = string.Join("\n", Enumerable.Repeat("""{"instrument":"phq-9","items":[1,1,1,1,1,1,1,1,1]}""", 20_000));
        var piped = RunWithInput(ndjson, "score", "--input", "-");
        Assert.Equal("20,000 document(s): 20,000 scored, 0 invalid; 0 urgent safety flag(s).", piped.Err.Trim()); // the summary, no progress
        TimeSpan delay = Progress.Delay;
        Progress.Delay = TimeSpan.Zero;
        try
        {
            var onTerminal = RunOn(new Terminal(false, true, 0, false), ndjson, "score", "--input", "-");
            Assert.Equal((piped.Exit, piped.Out), (onTerminal.Exit, onTerminal.Out));
            Assert.Contains("Scoring", onTerminal.Err, StringComparison.Ordinal);
        }
        finally
        {
            Progress.Delay = delay;
        }
    }

    [Theory]
    [InlineData("pcl-5 2 0 0 0 0 2 0 2 2 0 0 0 0 0 2 2 0 0 0 0", "  Subscores B 2, C 2, D 4, E 4\n  DSM-5     cluster rule met (a screening fact, not a diagnosis)")]
    [InlineData("promis-dep-8a 3 3 3 3 3 3 3 3", "  Scaled    promis-t 62.1 (SE 1.8)")]
    [InlineData("cgi-i 2", "  Responder yes (much or very much improved)")]
    [InlineData("ymrs 4 4 4 0 2 2 0 0 0 0 0", "  REVIEW mania-signal: total = 16")]
    [InlineData("wsas not-applicable 3 3 3 3", "  Note      item-1-not-applicable")]
    public void TheFactsBesideTheTotal_ArePrinted(string arguments, string expected)
    {
        var (exit, output, _) = Run(["score", .. arguments.Split(' ')]);
        Assert.Equal(0, exit);
        Assert.Contains(expected, output.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void ATotalsOnlyCourse_SaysItsChange_InTScoresToo_NeverABareNoStatus()
    {
        // Looked at in Chromium: a PROMIS course said "latest 12: no status" with no change and no T-score.
        const string Course = """{"instrument":"promis-dep-8a","treatments":[{"at":"2026-03-02T09:00:00+02:00","kind":"iv-ketamine"}],"assessments":[{"at":"2026-03-02T08:00:00+02:00","items":[4,4,4,3,3,4,4,3]},{"at":"2026-03-24T10:00:00+02:00","items":[1,2,1,2,1,2,1,2]}]}""";
        var (exit, output, _) = RunWithInput(Course, "course", "-");
        Assert.Equal(0, exit);
        Assert.Contains("latest              12 on 2026-03-24 10:00+02:00: change -17 from baseline, T 66.8 to 50.9 (-15.9)", output, StringComparison.Ordinal);
        Assert.DoesNotContain("no status", output, StringComparison.Ordinal);
    }
}
