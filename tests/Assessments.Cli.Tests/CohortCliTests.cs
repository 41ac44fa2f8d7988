using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;
using static Assessments.Cli.Tests.Harness;

namespace Assessments.Cli.Tests;

/// <summary><c>assess cohort</c> (CLI.md, "cohort") on the sample clinic cohort and on small inputs of every shape.</summary>
public sealed class CohortCliTests
{
    private static string SampleCohort => Path.Combine(RepoRoot(), "samples", "cohorts", "clinic-cohort.ndjson");

    private const string A = """{"id":"a","instrument":"madrs","treatments":[{"at":"2026-03-02T09:00:00Z","kind":"iv-ketamine"}],"assessments":[{"at":"2026-03-02T08:00:00Z","total":30},{"at":"2026-03-03T09:00:00Z","total":14}]}""";
    private const string B = """{"id":"b","instrument":"madrs","treatments":[{"at":"2026-03-02T09:00:00Z","kind":"iv-ketamine"}],"assessments":[{"at":"2026-03-02T08:00:00Z","items":[4,4,4,4,4,4,4,4,4,5]},{"at":"2026-03-03T09:00:00Z","total":28}]}""";

    [Fact]
    public void TheSampleCohort_PrintsItsJson_WithInvalidCoursesListedAndExit1()
    {
        var (exit, output, _) = Run("cohort", SampleCohort, "--format", "json");
        Assert.Equal(1, exit); // two courses are invalid on purpose
        using JsonDocument doc = JsonDocument.Parse(output);
        JsonElement root = doc.RootElement;
        Assert.Equal(303, root.GetProperty("courses").GetInt32());
        Assert.Equal(["p-0007", "p-0301"], root.GetProperty("invalidCourses").EnumerateArray().Select(c => c.GetProperty("id").GetString()));
        Assert.Contains(root.GetProperty("groups").EnumerateArray(), g => g.GetProperty("instrument").GetString() == "phq-9" && g.GetProperty("depressionRemission12Months").ValueKind == JsonValueKind.Object);
        Assert.All(root.GetProperty("safetyFlags").EnumerateArray(), f => Assert.StartsWith("p-", f.GetProperty("course").GetString(), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\r")]
    [InlineData("\n  \t\n\n")]
    public void NdjsonLines_EndAtLfCrOrCrLf_AfterAByteOrderMark_AndALongLineIsWhole(string separator)
    {
        // NDJSON is split as bytes (not decoded and encoded again): every line ending a reader of text accepts, a BOM,
        // blank lines, no newline at the end, and a line longer than the 64 KB read buffer.
        string expected = RunWithInput(A + "\n" + B + "\n", "cohort", "-", "--format", "json").Out;
        Assert.Equal(expected, RunWithInput("\uFEFF" + A + separator + B, "cohort", "-", "--format", "json").Out);
        string longA = A.Replace("\"assessments\":", "\"assessments\":" + new string(' ', 100_000), StringComparison.Ordinal);
        Assert.Equal(expected, RunWithInput(longA + separator + B + separator, "cohort", "-", "--format", "json").Out);
    }

    [Fact]
    public void NdjsonInUtf16_BytesThatAreNotUtf8_AndAFormFeedLine_ReadAsATextReaderWould()
    {
        // Review findings on splitting NDJSON as bytes: PowerShell's ">" writes UTF-16 with a byte-order mark; a stray
        // Latin-1 byte became U+FFFD (and must not stop the cohort); a line of other whitespace was skipped.
        string expected = RunWithInput(A + "\n" + B + "\n", "cohort", "-", "--format", "json").Out;
        string directory = Directory.CreateTempSubdirectory("assess-cohort-").FullName;
        string utf16 = Path.Combine(directory, "utf16.ndjson");
        File.WriteAllBytes(utf16, [.. System.Text.Encoding.Unicode.GetPreamble(), .. System.Text.Encoding.Unicode.GetBytes(A + "\r\n\f\r\n" + B + "\r\n")]);
        Assert.Equal(expected, Run("cohort", utf16, "--format", "json").Out);

        string latin1 = Path.Combine(directory, "latin1.ndjson");
        byte[] a = System.Text.Encoding.UTF8.GetBytes(A.Replace("iv-ketamine", "iv-ketamin?", StringComparison.Ordinal));
        a[Array.IndexOf(a, (byte)'?')] = 0xE9;
        File.WriteAllBytes(latin1, [.. a, (byte)'\n', (byte)'\f', (byte)'\n', .. System.Text.Encoding.UTF8.GetBytes(B + "\n")]);
        var (exit, output, _) = Run("cohort", latin1, "--format", "json");
        using JsonDocument doc = JsonDocument.Parse(output);
        Assert.Equal((0, 2), (exit, doc.RootElement.GetProperty("courses").GetInt32()));
        Assert.Contains("\"course\":\"b\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public void NdjsonAnArrayAndADirectory_GiveTheSameCohort()
    {
        string directory = Directory.CreateTempSubdirectory("assess-cohort-").FullName;
        File.WriteAllText(Path.Combine(directory, "a.json"), A);
        File.WriteAllText(Path.Combine(directory, "b.json"), B);
        string fromDirectory = Run("cohort", directory, "--format", "json").Out;
        string fromNdjson = RunWithInput(A + "\n" + B + "\n", "cohort", "-", "--format", "json").Out;
        string fromArray = RunWithInput("[" + A + "," + B + "]", "cohort", "-", "--format", "json").Out;
        Assert.Equal(fromDirectory, fromNdjson);
        Assert.Equal(fromDirectory, fromArray);
        Assert.Contains("\"course\":\"b\"", fromDirectory, StringComparison.Ordinal); // b's urgent item 10, with its course
    }

    [Fact]
    public void Text_ShowsTheUrgentFlagsFirst_AndEachGroup()
    {
        var (exit, output, _) = RunWithInput(A + "\n" + B + "\n", "cohort", "-");
        Assert.Equal(0, exit);
        string[] lines = output.Split('\n');
        Assert.StartsWith("cohort: 2 courses, 0 invalid", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("SAFETY 1 urgent flag(s) in 1 course(s)", lines[1], StringComparison.Ordinal);
        Assert.Contains("== madrs x iv-ketamine: 2 courses, 2 eligible", output, StringComparison.Ordinal);
    }

    [Fact]
    public void AnOptionsFile_SetsTheRuleSet_AndABadOneIsAUsageError()
    {
        string directory = Directory.CreateTempSubdirectory("assess-cohort-").FullName;
        string options = Path.Combine(directory, "options.json");
        File.WriteAllText(options, """{"remissionThreshold":12,"maxSessions":3}""");
        Assert.Equal(0, RunWithInput(A + "\n", "cohort", "-", "--options", options).Exit);
        File.WriteAllText(options, """{"remissionThreshold":-1}""");
        var (exit, _, error) = RunWithInput(A + "\n", "cohort", "-", "--options", options);
        Assert.Equal(2, exit);
        Assert.Contains("option-out-of-range", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Rows_AsParquet_ReadBackByDuckDb_EqualTheCsvRows()
    {
        // An independent reader (DuckDB) of the Parquet file against the CSV of the same cohort.
        string directory = Directory.CreateTempSubdirectory("assess-rows-").FullName;
        string csv = Path.Combine(directory, "rows.csv"), parquet = Path.Combine(directory, "rows.parquet");
        Assert.Equal(1, Run("cohort", SampleCohort, "--rows", csv).Exit);
        Assert.Equal(1, Run("cohort", SampleCohort, "--rows", parquet).Exit);
        string[] csvRows = [.. File.ReadAllLines(csv).Skip(1).Order(StringComparer.Ordinal)];
        string[] header = File.ReadAllLines(csv)[0].Split(',');
        Assert.Equal(303, csvRows.Length);

        using var connection = new DuckDB.NET.Data.DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"COPY (SELECT * FROM read_parquet('{parquet.Replace("'", "''", StringComparison.Ordinal)}')) TO '{Path.Combine(directory, "back.csv")}' (HEADER, DELIMITER ',')";
        command.ExecuteNonQuery();
        string[] back = File.ReadAllLines(Path.Combine(directory, "back.csv"));
        Assert.Equal(File.ReadAllLines(csv)[0], back[0]); // the same columns, named the same
        using var query = connection.CreateCommand();
        query.CommandText = $"SELECT count(*), CAST(sum(urgent_flags) AS BIGINT), count(*) FILTER (WHERE valid) FROM read_parquet('{parquet}')";
        using var reader = query.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(303L, Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(csvRows.Sum(r => int.Parse(r.Split(',')[Array.IndexOf(header, "urgent_flags")], System.Globalization.CultureInfo.InvariantCulture)), Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(csvRows.Count(r => r.Split(',')[Array.IndexOf(header, "valid")] == "true"), Convert.ToInt64(reader.GetValue(2), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(csvRows.Select(r => r.Split(',')[1]).Order(StringComparer.Ordinal), back.Skip(1).Select(r => r.Split(',')[1]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void StatesOfASplit_MergedByTheCli_GiveTheWholesCohort_AndOtherRulesAreStateMismatch()
    {
        // The sample without its repeated id (ids are not compared across states, by definition), split in two.
        string directory = Directory.CreateTempSubdirectory("assess-state-").FullName;
        string[] lines = [.. File.ReadAllLines(SampleCohort).Take(302)];
        File.WriteAllLines(Path.Combine(directory, "whole.ndjson"), lines);
        File.WriteAllLines(Path.Combine(directory, "a.ndjson"), lines.Take(120));
        File.WriteAllLines(Path.Combine(directory, "b.ndjson"), lines.Skip(120));
        string a = Path.Combine(directory, "a.state.json"), b = Path.Combine(directory, "b.state.json");
        Run("cohort", Path.Combine(directory, "a.ndjson"), "--format", "state", "--output", a);
        Run("cohort", Path.Combine(directory, "b.ndjson"), "--format", "state", "--output", b);
        string whole = Run("cohort", Path.Combine(directory, "whole.ndjson"), "--format", "text").Out;
        var (exit, merged, _) = Run("cohort", "merge", b, a, "--format", "text");
        Assert.Equal(1, exit); // one course is invalid on purpose
        Assert.Equal(whole, merged); // the text rounds the means: the JSON agrees within 1e-9 (the library's property)

        string other = Path.Combine(directory, "other.state.json");
        File.WriteAllText(other, File.ReadAllText(b).Replace("\"preset\":\"ketamine-clinic\"", "\"preset\":\"sustain-1\"", StringComparison.Ordinal));
        var (mismatch, _, error) = Run("cohort", "merge", a, other);
        Assert.Equal(2, mismatch);
        Assert.Contains("state-mismatch", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Rows_OfARecord_CountEveryFlagTheCohortLists_AndARefusedRecordIsOneInvalidRow()
    {
        // Review: a record's C-SSRS "high" was in the cohort's flags but in no row; an option-conflict record's courses
        // were rows marked valid.
        const string Record = """{"id":"r","instrument":"phq-9","treatments":[{"at":"2026-03-02T09:00:00Z","kind":"iv-ketamine"}],"assessments":[{"at":"2026-03-01T09:00:00Z","items":[2,2,2,2,2,2,2,2,0]},{"at":"2026-03-01T09:05:00Z","instrument":"cssrs-screen","items":[1,1,0,1,0,0,null]},{"at":"2026-03-09T09:00:00Z","items":[1,1,1,1,1,1,1,1,0]}]}""";
        string conflict = Record.Replace("\"id\":\"r\",", "\"id\":\"c\",\"options\":{\"responsePercent\":40},", StringComparison.Ordinal);
        string directory = Directory.CreateTempSubdirectory("assess-rows-").FullName;
        string csv = Path.Combine(directory, "rows.csv");
        var (exit, json, _) = RunWithInput(Record + "\n" + conflict + "\n", "cohort", "-", "--rows", csv, "--format", "json");
        Assert.Equal(1, exit);
        string[] lines = File.ReadAllLines(csv);
        string[] header = lines[0].Split(',');
        int Col(string name) => Array.IndexOf(header, name);
        string[][] rows = [.. lines.Skip(1).Select(l => l.Split(','))];
        using JsonDocument doc = JsonDocument.Parse(json);
        foreach (string id in new[] { "r", "c" })
        {
            int listed = doc.RootElement.GetProperty("safetyFlags").EnumerateArray().Count(f => f.GetProperty("course").GetString() == id && f.GetProperty("priority").GetString() == "urgent");
            Assert.True(listed > 0);
            Assert.Equal(listed, rows.Where(r => r[Col("id")] == id).Sum(r => int.Parse(r[Col("urgent_flags")], System.Globalization.CultureInfo.InvariantCulture)));
        }

        Assert.Contains(rows, r => r[Col("id")] == "r" && r[Col("kind")] == "record" && r[Col("instrument")] == "cssrs-screen");
        string[] refused = Assert.Single(rows, r => r[Col("id")] == "c");
        Assert.Equal(("course", "false", "option-conflict"), (refused[Col("kind")], refused[Col("valid")], refused[Col("errors")]));
    }

    [Fact]
    public void TheHtmlCaption_StatesTheCohortsResponseRule()
    {
        // Review: the caption said "at least 50 %" whatever the rule.
        string directory = Directory.CreateTempSubdirectory("assess-cohort-").FullName;
        string options = Path.Combine(directory, "options.json"), html = Path.Combine(directory, "cohort.html");
        File.WriteAllText(options, """{"responsePercent":40}""");
        Assert.Equal(0, RunWithInput(A + "\n" + B + "\n", "cohort", "-", "--options", options, "--format", "html", "--output", html).Exit);
        string page = File.ReadAllText(html);
        Assert.Contains("Response: at least 40 % below baseline", page, StringComparison.Ordinal);
        Assert.DoesNotContain("50 % below", page, StringComparison.Ordinal);
    }

    [Fact]
    public void AStateOfAClinicDefinedInstrument_MergesWithItsDefinition()
    {
        // Review: such a state could never be read back ("rules version  of 'phq-9-local'").
        string directory = Directory.CreateTempSubdirectory("assess-state-").FullName;
        string definition = Path.Combine(RepoRoot(), "samples", "definitions", "phq-9-local.json");
        string course = """{"id":"p","instrument":"phq-9-local","treatments":[{"at":"2026-03-02T09:00:00Z","kind":"iv-ketamine"}],"assessments":[{"at":"2026-03-02T08:00:00Z","total":20},{"at":"2026-03-09T09:00:00Z","total":8}]}""";
        string state = Path.Combine(directory, "s.json");
        Assert.Equal(0, RunWithInput(course + "\n", "cohort", "-", "--definition", definition, "--format", "state", "--output", state).Exit);
        var (refused, _, error) = Run("cohort", "merge", state, state);
        Assert.Equal(2, refused);
        Assert.Contains("phq-9-local", error, StringComparison.Ordinal);
        var (exit, text, _) = Run("cohort", "merge", state, state, "--definition", definition);
        Assert.Equal(0, exit);
        Assert.Contains("== phq-9-local x iv-ketamine: 2 courses", text, StringComparison.Ordinal);
    }
}
