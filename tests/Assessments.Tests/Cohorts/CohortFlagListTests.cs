using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Assessments.Cohorts;
using Xunit;

namespace Assessments.Tests.Cohorts;

/// <summary>A cohort with tens of thousands of flags: kept compactly, sorted by each worker and merged, and written in
/// blocks on both cores. Each of those must give what the plain way gives: every flag, in the documented order.</summary>
public sealed class CohortFlagListTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(2));

    /// <summary>6,007 MADRS courses with three item-10 flags each (18,021 flags, and 60 undated ones: more than two writing
    /// blocks and an odd rest), times shared across courses so the order's later keys decide.</summary>
    private static List<ReadOnlyMemory<byte>> Courses()
    {
        var courses = new List<ReadOnlyMemory<byte>>();
        for (int c = 0; c < 6007; c++)
        {
            // Every 97th course states the same instants in UTC (same time, another offset); every 101st has a row whose
            // time cannot be read (its flag is undated, by position, and the course is invalid).
            TimeSpan offset = c % 97 == 0 ? TimeSpan.Zero : T0.Offset;
            string Assessment(int day, int item10) =>
                $$"""{"at":"{{T0.AddDays(day + (c % 5)).ToOffset(offset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)}}","items":[4,4,4,4,4,4,4,4,4,{{item10}}]}""";
            string undated = c % 101 == 0 ? """,{"at":"not a time","items":[4,4,4,4,4,4,4,4,4,5]}""" : "";
            courses.Add(Encoding.UTF8.GetBytes($$"""{"id":"c{{(c * 7919) % 6007}}","instrument":"madrs","treatments":[{"at":"{{T0.AddDays(c % 5).AddHours(1).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)}}","kind":"iv-ketamine"}],"assessments":[{{Assessment(0, 2 + c % 5)}},{{Assessment(1, 2 + (c + 1) % 5)}},{{Assessment(2, 2 + (c + 2) % 5)}}{{undated}}]}"""));
        }

        return courses;
    }

    private static string Compact(CohortReport report) => CohortJson.Write(report);

    private static string Indented(CohortReport report)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            CohortJson.Write(report, writer);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    [Fact]
    public void ManyFlags_TwoWorkersOrOne_TheSameJson_EveryFlagInOrder()
    {
        List<ReadOnlyMemory<byte>> courses = Courses();
        CohortReport two = CohortBuilder.Build(courses, workers: 2).Report();
        var single = new CohortBuilder();
        foreach (ReadOnlyMemory<byte> course in courses)
            single.Add(course.Span);
        CohortReport one = single.State.Report();

        string compact = Compact(two);
        Assert.Equal(compact, Compact(one)); // sorted runs merged == one full sort
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(compact), JsonNode.Parse(Indented(two)))); // blocks == one writer

        JsonArray flags = JsonNode.Parse(compact)!["safetyFlags"]!.AsArray();
        Assert.Equal(18_021 + 60, flags.Count);
        Assert.Equal(two.SafetyFlags.Count, flags.Count);
        var expected = two.SafetyFlags.Select(f => (f.CourseId, f.Flag.IsDated ? f.Flag.At.ToString("O", CultureInfo.InvariantCulture) : f.Flag.Position!, f.Flag.Flag.Value)).ToList();
        Assert.Equal(expected, flags.Select(f => (f!["course"]!.GetValue<string>(), f["at"] is JsonNode at ? at.GetValue<DateTimeOffset>().ToString("O", CultureInfo.InvariantCulture) : f["position"]!.GetValue<string>(), (int?)f["value"]!.GetValue<int>())));
        // The documented order: time (undated first), then course id (ordinal), then item and flag id.
        var keys = two.SafetyFlags.Select(f => (f.Flag.At.UtcTicks, f.CourseId)).ToList();
        Assert.Equal(keys.OrderBy(k => k.UtcTicks).ThenBy(k => k.CourseId, StringComparer.Ordinal), keys);
        Assert.Equal(60, two.SafetyFlags.Count(f => !f.Flag.IsDated && f.Flag.Position is not null));
        // Each flag keeps the document's own offset.
        Assert.Equal(2, two.SafetyFlags.Where(f => f.Flag.IsDated).Select(f => f.Flag.At.Offset).Distinct().Count());
    }

    [Fact]
    public void AStateMergedIntoItself_IsRefused()
    {
        CohortState state = CohortBuilder.Build(Courses().Take(10), workers: 1);
        Assert.Throws<ArgumentException>(() => state.Merge(state));
    }

    private static CohortState RoundTrip(CohortState state)
    {
        using var stream = new MemoryStream();
        CohortStateJson.Write(state, stream);
        Assert.True(CohortStateJson.TryRead(stream.ToArray(), out CohortState? read, out string? error), error);
        return read;
    }

    [Fact]
    public void AStateWithManyFlags_RoundTripsAndMerges_ToTheSameReport()
    {
        List<ReadOnlyMemory<byte>> courses = Courses();
        CohortState whole = CohortBuilder.Build(courses, workers: 2);
        CohortState first = CohortBuilder.Build(courses.Take(2500), workers: 1);
        CohortState second = CohortBuilder.Build(courses.Skip(2500), workers: 2);
        CohortState merged = RoundTrip(first);
        merged.Merge(RoundTrip(second));
        Assert.Equal(Compact(whole.Report()), Compact(merged.Report()));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(129)]
    public void EveryCourse_IsHandedOutOnce_WhateverTheBatchBoundary(int count)
    {
        // Courses go to the workers in batches of 64: the last, partly filled batch must lose none and add none.
        List<ReadOnlyMemory<byte>> courses = [.. Courses().Take(count)];
        var seen = new System.Collections.Concurrent.ConcurrentBag<long>();
        CohortState state = CohortBuilder.Build(courses, workers: 2, observe: (index, _, _) => seen.Add(index));
        Assert.Equal(count, state.Report().Courses); // every course, valid or not
        Assert.Equal(Enumerable.Range(1, count).Select(i => (long)i), seen.Order());
    }

    [Fact]
    public void AFlagLog_IsNotLaidOutAgain_OnceItsReportOrderIsGivenOut()
    {
        // Laying a log out in report order changes its indexes: a report's view holds them.
        CohortState state = CohortBuilder.Build(Courses().Take(10), workers: 1);
        _ = state.Report();
        Assert.Throws<InvalidOperationException>(state.FlagLog.SortRun);
    }

    [Fact]
    public void ALogOfSeveralChunks_LaidOut_TakesMoreFlags()
    {
        // Past one chunk (65,536 flags) the laid-out log's last chunk is short; a flag added after it must still land.
        var log = new CohortFlagLog();
        var flag = new SafetyFlag(FlagIds.SuicideRisk, 10, 4, null, FlagPriority.Urgent);
        for (int i = 0; i < 70_000; i++)
            log.Add(string.Create(CultureInfo.InvariantCulture, $"c{i % 997}"), "madrs", new Assessments.Trends.DatedFlag(T0.AddMinutes(-i), flag));
        log.SortRun();
        log.Add("late", "madrs", new Assessments.Trends.DatedFlag(T0.AddDays(1), flag));
        Assert.Equal(70_001, log.Count);
        Assert.Equal("late", log.Get(70_000).CourseId);
        int[] order = log.ReportOrder();
        Assert.Equal("late", log.Get(order[^1]).CourseId);
        Assert.Equal(T0.AddMinutes(-69_999), log.Get(order[0]).At);
    }

    [Fact]
    public void OneInstantAtTwoOffsets_InOneCourse_HasOneOrder_WhateverTheOrderAdded()
    {
        // Review finding: the same id and instant at two offsets compared equal, so the report's order followed which
        // worker read which course. The offset is the last tie-break.
        var flag = new SafetyFlag(FlagIds.SuicideRisk, 10, 4, null, FlagPriority.Urgent);
        var utc = new Assessments.Trends.DatedFlag(T0.ToOffset(TimeSpan.Zero), flag);
        var local = new Assessments.Trends.DatedFlag(T0, flag);
        var first = new CohortFlagLog();
        first.Add("c1", "madrs", utc);
        first.Add("c1", "madrs", local);
        var second = new CohortFlagLog();
        second.Add("c1", "madrs", local);
        second.Add("c1", "madrs", utc);
        Assert.Equal(first.ReportOrder().Select(i => first.Get(i).At.Offset), second.ReportOrder().Select(i => second.Get(i).At.Offset));
    }

    [Fact]
    public void AStateFileReadBack_KeepsOneCourseSlotPerCourse()
    {
        // Review finding: a state file lists a worker's flags in time order, a course's flags apart; read back, each flag
        // made a slot of its own (and kept its own copy of the id). A merge of large states took more memory for it.
        List<ReadOnlyMemory<byte>> courses = [.. Courses().Take(300)];
        CohortState state = CohortBuilder.Build(courses, workers: 2);
        CohortState read = RoundTrip(state);
        Assert.InRange(read.FlagLog.CourseSlots, 1, 300);
        Assert.Equal(Compact(state.Report()), Compact(read.Report()));
    }
}
