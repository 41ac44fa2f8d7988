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
        Assert.Equal(csvRows.Sum(r => int.Parse(r.Split(',')[18], System.Globalization.CultureInfo.InvariantCulture)), Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(csvRows.Count(r => r.Split(',')[4] == "true"), Convert.ToInt64(reader.GetValue(2), System.Globalization.CultureInfo.InvariantCulture));
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
}
