using System.IO;
using System.Text.Json;
using Xunit;

namespace Assessments.Cli.Tests;

public sealed class AssessCourseCliTests
{
    private static string Sample => Path.Combine(Harness.RepoRoot(), "samples", "courses", "ketamine-madrs.json");

    private static int Run(string stdin, out string output, params string[] args)
    {
        var o = new StringWriter();
        int exit = Assessments.Cli.Cli.Run(args, new StringReader(stdin), o, new StringWriter());
        output = o.ToString();
        return exit;
    }

    [Fact]
    public void SampleCourseJson_HasTheContractFieldsAndTheHandComputedSummary()
    {
        Assert.Equal(0, Run("", out string output, "course", Sample, "--format", "json"));
        using JsonDocument doc = JsonDocument.Parse(output);
        JsonElement r = doc.RootElement;
        Assert.Equal("madrs", r.GetProperty("instrument").GetString());
        Assert.Equal(34, r.GetProperty("baseline").GetProperty("total").GetInt32());
        Assert.Equal("2026-03-02T08:00:00Z", r.GetProperty("baseline").GetProperty("at").GetString());
        Assert.Equal(24, r.GetProperty("latest").GetProperty("total").GetInt32());
        Assert.Equal(29.4m, r.GetProperty("percentImprovement").GetDecimal()); // (34 - 24) / 34
        Assert.Equal("partial-response", r.GetProperty("status").GetString());
        Assert.False(r.GetProperty("baselineBelowThreshold").GetBoolean());
        Assert.True(r.GetProperty("rapidResponse").GetBoolean());   // 16 at exactly 24 h: 52.9 %
        Assert.True(r.GetProperty("sustainedResponse").GetBoolean());
        Assert.Equal("2026-04-04T09:00:00Z", r.GetProperty("relapse").GetProperty("at").GetString());
        Assert.Equal(22, r.GetProperty("relapse").GetProperty("daysSinceLastTreatment").GetInt32());
        Assert.Equal(JsonValueKind.Null, r.GetProperty("reliableChange").ValueKind);
        JsonElement first = r.GetProperty("assessments")[1];
        Assert.Equal(("moderate", JsonValueKind.Null, JsonValueKind.Null), (first.GetProperty("band").GetString(), first.GetProperty("status").ValueKind, first.GetProperty("percentImprovement").ValueKind));
        Assert.Equal(2, r.GetProperty("safetyFlags").GetArrayLength());
    }

    [Fact]
    public void SampleCourseText_ReadsAtAGlance()
    {
        Assert.Equal(0, Run("", out string output, "course", Sample));
        Assert.Contains("loss of response    2026-04-04 09:00Z, confirmed 2026-04-11 09:00Z, 22 days after the last treatment", output, System.StringComparison.Ordinal);
        Assert.Matches(@"2026-03-02 09:00Z  --\s+infusion", output);
        Assert.StartsWith("SAFETY 2026-03-02 08:00Z URGENT suicide-risk: item 10 (suicidal thoughts) = 4", output, System.StringComparison.Ordinal); // first and loud
        Assert.Contains("2026-02-23 09:00Z  screening", output, System.StringComparison.Ordinal);
        Assert.Contains("2026-03-02 08:00Z  baseline ", output, System.StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidAssessment_ExitsOneNamingItsPosition()
    {
        string course = """{"instrument":"madrs","assessments":[{"at":"2026-03-02T08:00:00Z","items":[7,0,0,0,0,0,0,0,0,0]},{"at":"2026-03-03T08:00:00Z","total":99}]}""";
        Assert.Equal(1, Run(course, out string output, "course", "-", "--format", "json"));
        Assert.Contains("\"code\":\"item-out-of-range\",\"position\":\"assessments[0]\",\"item\":1", output, System.StringComparison.Ordinal);
        Assert.Contains("\"code\":\"total-out-of-range\",\"position\":\"assessments[1]\"", output, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"instrument":"cssrs-screen","assessments":[]}""")]
    [InlineData("""{"instrument":"nope","assessments":[]}""")]
    [InlineData("""{ broken""")]
    [InlineData("""{"instrument":"madrs","assessments":[{"at":"2026-03-02T08:00:00","total":3}]}""")]
    [InlineData("""{"instrument":"madrs","assessments":[{"at":"2026-03-02T08:00:00Z","total":3}],"options":{"responsePercent":0}}""")]
    [InlineData("""{"instrument":"madrs","assessments":[{"at":"2026-03-02T08:00:00Z","total":3}],"options":{"preset":"nope"}}""")]
    [InlineData("""{"instrument":"madrs","assessments":[{"at":"2026-03-02T08:00:00Z","total":3}],"options":{"baselineMaxAgeDays":-1}}""")]
    [InlineData("""{"instrument":"madrs","treatments":[{"at":"2026-03-02T09:00:00Z","kind":"ect"},{"at":"2026-03-03T09:00:00Z","kind":"iv-ketamine"}],"assessments":[{"at":"2026-03-02T08:00:00Z","total":3}]}""")]
    public void DocumentErrors_AreUsageErrors(string course) => Assert.Equal(2, Run(course, out _, "course", "-"));

    [Fact]
    public void DatesOutOfOrder_AreSortedAndDuplicatesRejected()
    {
        string outOfOrder = """{"instrument":"madrs","assessments":[{"at":"2026-03-09T08:00:00Z","total":10},{"at":"2026-03-02T08:00:00+01:00","total":30}]}""";
        Assert.Equal(0, Run(outOfOrder, out string output, "course", "-", "--format", "json"));
        Assert.Contains("\"baseline\":{\"at\":\"2026-03-02T08:00:00+01:00\",\"total\":30}", output, System.StringComparison.Ordinal);
        string duplicate = """{"instrument":"madrs","assessments":[{"at":"2026-03-02T08:00:00Z","total":10},{"at":"2026-03-02T09:00:00+01:00","total":30}]}""";
        Assert.Equal(1, Run(duplicate, out output, "course", "-"));
        Assert.Contains("duplicate-instant", output, System.StringComparison.Ordinal);
    }
}
