using System;
using System.Buffers;
using System.Linq;
using System.Text;
using System.Text.Json;
using Assessments.Cohorts;
using Assessments.Trends;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

namespace Assessments.Tests.Cohorts;

/// <summary>A long flag list is written as bytes directly (<c>CohortJson.FlagBytes</c>), not through a JSON writer: it
/// must give the writer's bytes exactly, for any id (quotes, escapes, non-ASCII, control characters), instant (any
/// fraction, any offset), undated flag and flag fields.</summary>
public sealed class FlagBytesTests
{
    private static readonly string[] Ids = ["c1", "", "a\"b", "back\\slash", "<script>", "1+1", "é", "患者", "\U0001F600", "tab\there", "\u0001", "it's", "c&d", "bad\ud800id", "\udc00", "\ufffd"];

    private static readonly System.Text.Encodings.Web.JavaScriptEncoder?[] Encoders =
        [null, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All)];

    private static Gen<DateTimeOffset> Instants() =>
        from high in Gen.Choose(0, int.MaxValue)
        from low in Gen.Choose(0, int.MaxValue)
        let ticks = (long)(((ulong)high << 31 | (uint)low) % (ulong)DateTimeOffset.MaxValue.UtcTicks) // anywhere from year 1 to 9999
        from fraction in Gen.Elements(0L, 1L, 10L, 1_000L, 1_230_000L, 9_999_999L, 5_000_000L)
        from offsetMinutes in Gen.Choose(-14 * 60, 14 * 60)
        let utc = ticks - ticks % TimeSpan.TicksPerSecond + fraction
        let offset = TimeSpan.FromMinutes(offsetMinutes)
        where utc + offset.Ticks >= 0 && utc + offset.Ticks <= DateTimeOffset.MaxValue.UtcTicks
        select new DateTimeOffset(utc + offset.Ticks, offset);

    private static Gen<SafetyFlag> Flags() =>
        from id in Gen.Elements(FlagIds.SuicideRisk, FlagIds.SafetyItemUnanswered, "mania-signal", "odd\"id")
        from item in Gen.Elements<int?>(null, 1, 9, 10, 250)
        from value in Gen.Elements<int?>(null, 0, 3, -2, 46)
        from risk in Gen.Elements<RiskLevel?>(null, RiskLevel.None, RiskLevel.Low, RiskLevel.High)
        from priority in Gen.Elements<FlagPriority?>(null, FlagPriority.Review, FlagPriority.Urgent)
        select new SafetyFlag(id, item, value, risk, priority);

    private static Gen<(string Course, string? Instrument, DatedFlag Flag)[]> Lists() =>
        from n in Gen.Choose(0, 40)
        from entries in Gen.ArrayOf(Entries(), n)
        select entries;

    private static Gen<(string Course, string? Instrument, DatedFlag Flag)> Entries() =>
        from course in Gen.Elements(Ids)
        from instrument in Gen.Elements<string?>(null, "madrs", "phq-9", "x\"y")
        from at in Instants()
        from undated in Gen.Elements(false, false, false, true)
        from flag in Flags()
        select (course, instrument, new DatedFlag(at, flag, instrument, undated ? "assessments[3]" : null));

    [Property(MaxTest = 300)]
    public Property DirectBytes_AreTheWritersBytes() =>
        Prop.ForAll(Lists().ToArbitrary(), Gen.Elements(Encoders).ToArbitrary(), (entries, encoder) =>
        {
            var log = new CohortFlagLog();
            foreach ((string course, string? instrument, DatedFlag flag) in entries)
                log.Add(course, instrument, flag);
            int[] order = [.. Enumerable.Range(0, log.Count).Reverse()];

            var direct = new ArrayBufferWriter<byte>();
            new CohortJson.FlagBytes(log, encoder).WriteRun(order, direct);

            var expected = new ArrayBufferWriter<byte>();
            foreach (int i in order)
            {
                if (expected.WrittenCount > 0)
                    expected.Write(","u8);
                using var writer = new Utf8JsonWriter(expected, new JsonWriterOptions { Encoder = encoder });
                CohortJson.WriteFlag(writer, log.Get(i));
            }

            Assert.Equal(Encoding.UTF8.GetString(expected.WrittenSpan), Encoding.UTF8.GetString(direct.WrittenSpan));
        });

    [Fact]
    public void TheGenerator_MakesTrickyCases()
    {
        // The property is only as good as what it is given: escapes, undated flags and fractions must all come up.
        var sample = Gen.Sample(Lists(), 200, 20).SelectMany(a => a).ToList();
        Assert.Contains(sample, e => e.Course.Any(c => c is '"' or '\\' or '<' or > '\u007f' or < ' '));
        Assert.Contains(sample, e => !e.Flag.IsDated);
        Assert.Contains(sample, e => e.Flag.IsDated && e.Flag.At.Ticks % TimeSpan.TicksPerSecond != 0 && e.Flag.At.Ticks % 10 == 0);
        Assert.Contains(sample, e => e.Flag.IsDated && e.Flag.At.Offset < TimeSpan.Zero);
        Assert.Contains(sample, e => e.Flag.IsDated && e.Flag.At.Year > 9000);
        Assert.Contains(sample, e => e.Course is "bad\ud800id" or "\udc00"); // unpaired surrogates
    }
}
