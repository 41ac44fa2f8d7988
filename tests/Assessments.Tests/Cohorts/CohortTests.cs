using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using Assessments.Cohorts;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

namespace Assessments.Tests.Cohorts;

/// <summary>Cohorts (docs/cohorts.md) at each definition's boundary, hand-worked, and the merge contract as a property.</summary>
public sealed class CohortTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static string Iso(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A MADRS course: sessions at the given days, totals at the given days (a total each, imported).</summary>
    internal static string Course(string id, double[] sessions, (double Day, int Total)[] totals, string? options = null) =>
        $$"""{"id":"{{id}}","instrument":"madrs"{{(options is null ? "" : $",\"options\":{options}")}},"treatments":[{{string.Join(",", sessions.Select(d => $"{{\"at\":\"{Iso(T0.AddDays(d))}\",\"kind\":\"iv-ketamine\"}}"))}}],"assessments":[{{string.Join(",", totals.Select(t => $"{{\"at\":\"{Iso(T0.AddDays(t.Day))}\",\"total\":{t.Total}}}"))}}]}""";

    private static GroupReport Group(params string[] courses)
    {
        var builder = new CohortBuilder();
        foreach (string course in courses)
            builder.Add(Encoding.UTF8.GetBytes(course));
        return Assert.Single(builder.State.Report().Groups);
    }

    [Fact]
    public void APreDoseVisitAtTheNextSessionsStart_BelongsToTheWindowBefore()
    {
        // Sessions on days 0 and 3; the visit at exactly day 3 (pre-dose) is window 1's assessment, not window 2's.
        GroupReport g = Group(Course("a", [0, 3], [(-0.1, 30), (1, 20), (3, 14), (4, 25)]));
        Assert.Equal((1L, 1L, 1L), (g.BySession[0].Courses, g.BySession[0].Assessed, g.BySession[0].Response.X)); // 14 ≤ 15: response
        Assert.Equal((1L, 1L, 0L), (g.BySession[1].Courses, g.BySession[1].Assessed, g.BySession[1].Response.X)); // day 4: 25
        Assert.Equal((30.0 - 14) * 100 / 30, g.BySession[0].MeanPercentImprovement!.Value, 9);
    }

    [Theory]
    [InlineData(7.0, 1)]
    [InlineData(7.0 + (1.0 / 1440), 0)] // one minute past the last session's 7-day window
    public void TheLastSessionsWindow_IsSevenDays(double day, int assessed)
    {
        GroupReport g = Group(Course("a", [0], [(-0.1, 30), (day, 10)]));
        Assert.Equal(assessed, g.BySession[0].Assessed);
    }

    [Fact]
    public void Counts_MonitoringOnly_BelowThreshold_Eligible_NoFollowUp()
    {
        GroupReport g = Group(
            Course("monitoring", [], [(0, 30), (7, 20)], """{"treatmentKind":"iv-ketamine"}"""), // its group: the kind it states
            Course("below", [0], [(-0.1, 8), (1, 6)]),
            Course("eligible", [0], [(-0.1, 30), (1, 14)]),
            Course("no-follow-up", [0], [(-0.1, 30)]));
        Assert.Equal((4L, 1L, 1L, 2L, 1L), (g.Courses, g.MonitoringOnly, g.BaselineBelowThreshold, g.Eligible, g.NoFollowUp));
        Assert.Equal(4, g.Baseline.N);
        Assert.Equal(30.0, g.Baseline.Median); // 8, 30, 30, 30
        Assert.Equal(3, g.Change.N);
        Assert.Equal(2, g.LatestStatus["none"]); // no follow-up, and a status that is null (baseline below threshold)
    }

    [Fact]
    public void TimeToResponse_IsAnEventAtTheFirstResponse_AndCensoredAtTheLastFollowUp()
    {
        GroupReport g = Group(
            Course("a", [0], [(-0.1, 30), (1, 20), (2.5, 14)]),  // event at 2.5 days
            Course("b", [0], [(-0.1, 30), (1, 25), (4, 22)]));   // censored at 4 days
        Assert.Equal((2L, 1L), (g.TimeToResponse.N, g.TimeToResponse.Events));
        SurvivalStep step = Assert.Single(g.TimeToResponse.Curve);
        Assert.Equal((2.5, 2L, 0.5), (step.Days, step.AtRisk, step.Survival));
        Assert.Equal(2.5, g.TimeToResponse.Median); // S = 0.5 from 2.5 with no later event
    }

    [Fact]
    public void ACourseStatingAnotherRule_IsOptionConflict_ItsOwnKindIsNot_AndARepeatedIdIsDuplicate()
    {
        var builder = new CohortBuilder();
        builder.Add(Encoding.UTF8.GetBytes(Course("a", [0], [(-0.1, 30), (1, 14)], """{"remissionThreshold":12}""")));
        builder.Add(Encoding.UTF8.GetBytes(Course("b", [0], [(-0.1, 30), (1, 14)], """{"treatmentKind":"iv-ketamine"}""")));
        builder.Add(Encoding.UTF8.GetBytes(Course("b", [0], [(-0.1, 30), (1, 14)])));
        CohortReport report = builder.State.Report();
        Assert.Equal((3L, 2L), (report.Courses, report.Invalid));
        Assert.Equal(["a", "b"], report.InvalidCourses.Select(c => c.Id));
        Assert.Equal(ErrorCodes.OptionConflict, report.InvalidCourses[0].Codes.Single());
        Assert.Equal(CohortBuilder.DuplicateCourseId, report.InvalidCourses[1].Codes.Single());
        Assert.Equal(1, Assert.Single(report.Groups).Courses);
    }

    [Fact]
    public void AnInvalidCoursesFlags_AreKeptWithItsId()
    {
        string course = """{"id":"p-17","instrument":"madrs","treatments":[{"at":"2026-03-02T09:00:00Z","kind":"a"},{"at":"2026-03-03T09:00:00Z","kind":"b"}],"assessments":[{"at":"2026-03-01T09:00:00Z","items":[4,4,4,4,4,4,4,4,4,5]}]}""";
        var builder = new CohortBuilder();
        builder.Add(Encoding.UTF8.GetBytes(course));
        CohortReport report = builder.State.Report();
        Assert.Equal(ErrorCodes.TreatmentKindRequired, report.InvalidCourses.Single().Codes.Single());
        CohortFlag flag = Assert.Single(report.SafetyFlags);
        Assert.Equal(("p-17", 10, FlagPriority.Urgent), (flag.CourseId, flag.Flag.Flag.ItemNumber!.Value, flag.Flag.Flag.Priority!.Value));
        Assert.Contains("\"course\":\"p-17\"", CohortJson.Write(report), StringComparison.Ordinal);
    }

    /// <summary>A generated MADRS course: an induction series, follow-ups, sometimes an imported total or no session.</summary>
    internal static string Generated(int seed, int id)
    {
        var random = new Random(seed);
        int sessions = random.Next(0, 8);
        double[] days = [.. Enumerable.Range(0, sessions).Select(i => i * (2 + random.Next(0, 4)) + random.NextDouble())];
        var totals = new List<(double, int)> { (-random.Next(0, 20) - 0.1, random.Next(5, 50)) };
        int follow = random.Next(0, 10);
        double day = 0;
        for (int i = 0; i < follow; i++)
        {
            day += random.NextDouble() * 6;
            totals.Add((day, random.Next(0, 50)));
        }

        return Course(string.Create(CultureInfo.InvariantCulture, $"c{id}"), days, [.. totals]);
    }

    private static string StateJson(IEnumerable<string> courses)
    {
        var builder = new CohortBuilder();
        foreach (string course in courses)
            builder.Add(Encoding.UTF8.GetBytes(course));
        return CohortJson.Write(builder.State.Report());
    }

    [Property(MaxTest = 60)]
    public Property MergingTheStatesOfAnySplit_GivesTheWholesFigures() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var random = new Random(seed);
            string[] courses = [.. Enumerable.Range(0, random.Next(1, 40)).Select(i => Generated(random.Next(), i))];
            int cut = random.Next(0, courses.Length + 1);
            var left = new CohortBuilder();
            var right = new CohortBuilder();
            foreach (string c in courses.Take(cut))
                left.Add(Encoding.UTF8.GetBytes(c));
            foreach (string c in courses.Skip(cut).Reverse())
                right.Add(Encoding.UTF8.GetBytes(c)); // and in another order
            left.State.Merge(right.State);
            Assert.True(Same(JsonNode.Parse(StateJson(courses)), JsonNode.Parse(CohortJson.Write(left.State.Report()))), "merged differs from whole");
        });

    [Property(MaxTest = 40)]
    public Property Survival_IsNonIncreasingInZeroOne_AndItsIntervalHoldsIt() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var random = new Random(seed);
            KaplanMeier km = KaplanMeierTests.Estimate(Enumerable.Range(0, random.Next(1, 60)).Select(_ => (Math.Round(random.NextDouble() * 30, 1), random.Next(3) > 0)));
            double previous = 1;
            foreach (SurvivalStep step in km.Curve)
            {
                Assert.InRange(step.Survival, 0, previous);
                previous = step.Survival;
                if (step.Lower is double lo)
                    Assert.InRange(step.Survival, lo, step.Upper!.Value);
            }
        });

    /// <summary>JSON equal, numbers within 1e-9 (sums of doubles merge in another order).</summary>
    private static bool Same(JsonNode? a, JsonNode? b) => (a, b) switch
    {
        (null, null) => true,
        (JsonObject x, JsonObject y) => x.Count == y.Count && x.All(p => y.ContainsKey(p.Key) && Same(p.Value, y[p.Key])),
        (JsonArray x, JsonArray y) => x.Count == y.Count && x.Zip(y).All(p => Same(p.First, p.Second)),
        (JsonValue x, JsonValue y) when x.TryGetValue(out double dx) && y.TryGetValue(out double dy) => Math.Abs(dx - dy) <= 1e-9 * Math.Max(1, Math.Abs(dx)),
        (JsonValue x, JsonValue y) => x.ToJsonString() == y.ToJsonString(),
        _ => false,
    };

    [Fact]
    public void ARecordsCssrsFlags_ReachTheCohortsSafetyList()
    {
        // Review of issue 18's work: a record's C-SSRS rows make no course, and their urgent flag was dropped.
        string record = """{"id":"r","instrument":"phq-9","treatments":[{"at":"2026-03-02T09:00:00Z","kind":"iv-ketamine"}],"assessments":[{"at":"2026-03-01T09:00:00Z","items":[2,2,2,2,2,2,2,2,0]},{"at":"2026-03-01T09:05:00Z","instrument":"cssrs-screen","items":[1,1,0,1,0,0,null]},{"at":"2026-03-09T09:00:00Z","items":[1,1,1,1,1,1,1,1,0]}]}""";
        var builder = new CohortBuilder();
        builder.Add(Encoding.UTF8.GetBytes(record));
        CohortReport report = builder.State.Report();
        Assert.Contains(report.SafetyFlags, f => f.CourseId == "r" && f.InstrumentId == "cssrs-screen" && f.Flag.Flag.Priority == FlagPriority.Urgent);
    }

    [Fact]
    public void TheCohortsRules_ApplyToACourseWhoseRowsNameTheInstrument()
    {
        // Review of issue 18's work: a document naming its instrument only per row lost the cohort's remission threshold.
        var options = CohortOptions.Default with { Course = Assessments.Trends.CourseOptions.Default with { RemissionThreshold = 12 } };
        string course = """{"id":"p","treatments":[{"at":"2026-03-02T09:00:00Z","kind":"iv-ketamine"}],"assessments":[{"at":"2026-03-02T08:00:00Z","instrument":"madrs","total":30},{"at":"2026-03-09T09:00:00Z","instrument":"madrs","total":12}]}""";
        var builder = new CohortBuilder(options);
        builder.Add(Encoding.UTF8.GetBytes(course));
        Assert.Equal(1, Assert.Single(builder.State.Report().Groups).LatestStatus["remission"]);
    }

    [Fact]
    public void ACourseRestatingTheCohortsReliableChange_IsNoConflict()
    {
        var options = CohortOptions.Default with { Course = Assessments.Trends.CourseOptions.Default with { ReliableChange = new Assessments.Trends.ReliableChangeParameters(5, 0.8) } };
        var builder = new CohortBuilder(options);
        builder.Add(Encoding.UTF8.GetBytes(Course("a", [0], [(-0.1, 30), (1, 14)], """{"sd":5,"reliability":0.8}""")));
        Assert.Equal(0, builder.State.Report().Invalid);
    }
}
