using System;
using System.IO;
using System.Text.Json;
using Assessments.Writing;

namespace Assessments.Cohorts;

/// <summary>The cohort JSON of <c>assess cohort</c> (docs/cohorts.md): every number full precision; a rate is
/// <c>{ "n", "x", "rate", "lower", "upper" }</c> with its Wilson 95 % interval.</summary>
public static class CohortJson
{
    /// <summary>Writes a cohort report.</summary>
    /// <param name="report">The report.</param>
    /// <returns>The JSON, one line.</returns>
    public static string Write(CohortReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
            Write(report, writer);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes a cohort report onto a JSON writer.</summary>
    /// <param name="report">The report.</param>
    /// <param name="w">The writer.</param>
    public static void Write(CohortReport report, Utf8JsonWriter w)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(w);
        w.WriteStartObject();
        w.WriteNumber("courses", report.Courses);
        w.WriteNumber("invalid", report.Invalid);
        w.WritePropertyName("options");
        WriteRuleSet(w, report.Options);
        w.WriteStartArray("invalidCourses");
        foreach (InvalidCourse course in report.InvalidCourses)
        {
            w.WriteStartObject();
            w.WriteString("id", course.Id);
            if (course.IsRecordError)
                w.WriteBoolean("record", true);
            w.WriteStartArray("errors");
            foreach (string code in course.Codes)
            {
                w.WriteStartObject();
                w.WriteString("code", code);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("safetyFlags");
        WriteFlags(w, report.OrderedFlags);
        w.WriteEndArray();
        w.WriteStartArray("groups");
        foreach (GroupReport g in report.Groups)
        {
            Group(w, g);
            FlushNowAndThen(w);
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
    }

    private const int FlagBlock = 8192;

    /// <summary>The flags in report order. A long list is formatted in blocks, two at a time, one on each core, and
    /// written in order: the same bytes as one writer would make (compact output only), in about half the time (a
    /// million flags are 130 MB of JSON; formatting them was a fifth of a cohort's time, on one core).</summary>
    private static void WriteFlags(Utf8JsonWriter w, CohortFlagLog.OrderedView flags)
    {
        CohortFlagLog log = flags.Log;
        int[] order = flags.Order;
        if (w.Options.Indented || order.Length <= FlagBlock)
        {
            foreach (int index in order)
            {
                WriteFlag(w, log.Get(index));
                FlushNowAndThen(w);
            }

            return;
        }

        var bytes = new FlagBytes(log, w.Options.Encoder);
        System.Buffers.ArrayBufferWriter<byte>[] blocks = [new(1 << 20), new(1 << 20)];
        for (int start = 0; start < order.Length; start += 2 * FlagBlock)
        {
            int middle = Math.Min(start + FlagBlock, order.Length), end = Math.Min(start + 2 * FlagBlock, order.Length);
            int first = start;
            System.Threading.Tasks.Parallel.Invoke(
                () => bytes.WriteRun(order.AsSpan(first, middle - first), blocks[0]),
                () => bytes.WriteRun(order.AsSpan(middle, end - middle), blocks[1]));
            foreach (System.Buffers.ArrayBufferWriter<byte> block in blocks)
            {
                // "a,b,c" is one raw run of array elements: the writer adds the comma before it.
                if (block.WrittenCount > 0)
                    w.WriteRawValue(block.WrittenSpan, skipInputValidation: true);
                FlushNowAndThen(w);
            }
        }
    }

    /// <summary>Flags as compact JSON straight into bytes: the bytes <see cref="WriteFlag"/> makes (a property test holds
    /// them equal), with each id escaped and encoded once, not once for every flag, and each distinct flag's own fields
    /// written once by <see cref="ResultWriter.WriteFlagFields"/> (formatting a million flags through a writer was a
    /// fifth of a cohort's time). Safe to use from several threads at once.</summary>
    internal sealed class FlagBytes(CohortFlagLog log, System.Text.Encodings.Web.JavaScriptEncoder? encoder)
    {
        private readonly byte[]?[] _courses = new byte[]?[log.CourseSlots];
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte[]> _strings = new(StringComparer.Ordinal);
        private readonly System.Collections.Concurrent.ConcurrentDictionary<SafetyFlag, byte[]> _tails = new();

        /// <summary>Writes the flags of <paramref name="indexes"/>, comma-separated, replacing what <paramref name="into"/> held.</summary>
        public void WriteRun(ReadOnlySpan<int> indexes, System.Buffers.ArrayBufferWriter<byte> into)
        {
            into.ResetWrittenCount();
            for (int k = 0; k < indexes.Length; k++)
            {
                if (k > 0)
                    System.Buffers.BuffersExtensions.Write(into, ","u8);
                Write(log.Get(indexes[k]), into);
            }
        }

        private void Write(CohortFlagLog.Fields flag, System.Buffers.ArrayBufferWriter<byte> into)
        {
            // A slot's bytes may be made twice by two threads at once: both make the same bytes.
            byte[] course = _courses[flag.CourseSlot] ??= Quoted(flag.CourseId);
            byte[]? instrument = flag.InstrumentId is string id ? _strings.GetOrAdd(id, Quoted) : null;
            byte[]? position = flag.Position is string p ? Quoted(p) : null;
            byte[] tail = _tails.GetOrAdd(flag.Flag, Tail);
            int length = "{\"course\":"u8.Length + course.Length + (instrument is null ? 0 : ",\"instrument\":"u8.Length + instrument.Length)
                + (position is null ? ",\"at\":\""u8.Length + MaxInstant + 1 : ",\"at\":null,\"position\":"u8.Length + position.Length) + tail.Length;
            Span<byte> span = into.GetSpan(length);
            int n = Put(span, 0, "{\"course\":"u8);
            n = Put(span, n, course);
            if (instrument is not null)
            {
                n = Put(span, n, ",\"instrument\":"u8);
                n = Put(span, n, instrument);
            }

            if (position is null)
            {
                n = Put(span, n, ",\"at\":\""u8);
                n += Instant(span[n..], flag.At);
                span[n++] = (byte)'"';
            }
            else
            {
                n = Put(span, n, ",\"at\":null,\"position\":"u8);
                n = Put(span, n, position);
            }

            n = Put(span, n, tail);
            into.Advance(n);
        }

        private static int Put(Span<byte> span, int at, ReadOnlySpan<byte> bytes)
        {
            bytes.CopyTo(span[at..]);
            return at + bytes.Length;
        }

        private byte[] Quoted(string value)
        {
            if (value.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') < 0)
            {
                ReadOnlySpan<byte> encoded = JsonEncodedText.Encode(value, encoder).EncodedUtf8Bytes;
                byte[] quoted = new byte[encoded.Length + 2];
                quoted[0] = quoted[^1] = (byte)'"';
                encoded.CopyTo(quoted.AsSpan(1));
                return quoted;
            }

            // Text with surrogates, which may be unpaired (an id set through the API can hold one): the encoder refuses
            // those and the writer writes U+FFFD, so the writer writes this text.
            var buffer = new System.Buffers.ArrayBufferWriter<byte>(value.Length + 8);
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = encoder, SkipValidation = true }))
                writer.WriteStringValue(value);
            return buffer.WrittenSpan.ToArray();
        }

        /// <summary>A flag's own fields and the closing brace, as the writer writes them: <c>,"id":…}</c>.</summary>
        private byte[] Tail(SafetyFlag flag)
        {
            var buffer = new System.Buffers.ArrayBufferWriter<byte>(64);
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = encoder, SkipValidation = true }))
            {
                writer.WriteStartObject();
                ResultWriter.WriteFlagFields(writer, flag);
                writer.WriteEndObject();
            }

            byte[] tail = buffer.WrittenSpan.ToArray();
            tail[0] = (byte)','; // the object's "{" becomes the comma after the fields written before it
            return tail;
        }

        private const int MaxInstant = 33; // yyyy-MM-ddTHH:mm:ss.fffffff+hh:mm

        /// <summary>An instant as <see cref="Utf8JsonWriter"/> writes one: the round-trip form, the fraction's trailing
        /// zeros dropped (and the point, when every digit is zero), then the offset.</summary>
        private static int Instant(Span<byte> into, DateTimeOffset at)
        {
            Span<byte> o = stackalloc byte[MaxInstant];
            System.Buffers.Text.Utf8Formatter.TryFormat(at, o, out int written, new System.Buffers.StandardFormat('O'));
            int end = 26; // the fraction's digits are 20 to 26, after the point at 19
            while (end >= 20 && o[end] == (byte)'0')
                end--;
            int kept = end >= 20 ? end + 1 : 19;
            o[..kept].CopyTo(into);
            o[27..written].CopyTo(into[kept..]);
            return kept + (written - 27);
        }
    }

    /// <summary>One flag: the library's own flag JSON, with the course id and date in front (read from the compact list:
    /// no objects).</summary>
    internal static void WriteFlag(Utf8JsonWriter w, CohortFlagLog.Fields flag)
    {
        w.WriteStartObject();
        w.WriteString("course"u8, flag.CourseId);
        if (flag.InstrumentId is string instrument)
            w.WriteString("instrument"u8, instrument);
        if (flag.Position is null)
        {
            w.WriteString("at"u8, flag.At);
        }
        else
        {
            w.WriteNull("at"u8);
            w.WriteString("position"u8, flag.Position);
        }

        ResultWriter.WriteFlagFields(w, flag.Flag);
        w.WriteEndObject();
    }

    /// <summary>Hands what is pending to the stream every 64 KB: a cohort with a million flags is 130 MB of JSON, never
    /// held whole in the writer's buffer.</summary>
    private static void FlushNowAndThen(Utf8JsonWriter w)
    {
        if (w.BytesPending > 1 << 16)
            w.Flush();
    }

    private static void Group(Utf8JsonWriter w, GroupReport g)
    {
        w.WriteStartObject();
        w.WriteString("instrument", g.InstrumentId);
        w.WriteString("treatmentKind", g.TreatmentKind);
        w.WriteNumber("courses", g.Courses);
        w.WriteNumber("monitoringOnly", g.MonitoringOnly);
        w.WriteNumber("baselineBelowThreshold", g.BaselineBelowThreshold);
        w.WriteNumber("eligible", g.Eligible);
        w.WriteNumber("noFollowUp", g.NoFollowUp);
        w.WriteNumber("noPretreatmentBaseline", g.NoPretreatmentBaseline);
        w.WriteStartObject("baseline");
        Distribution(w, g.Baseline, median: true);
        w.WriteStartObject("bands");
        foreach ((string band, long count) in g.BaselineBands)
            w.WriteNumber(band, count);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteStartObject("latestStatus");
        foreach ((string status, long count) in g.LatestStatus)
            w.WriteNumber(status, count);
        w.WriteEndObject();
        w.WriteStartObject("change");
        Distribution(w, g.Change, median: false);
        NumberOrNull(w, "meanPercentImprovement", g.MeanPercentImprovement);
        NumberOrNull(w, "effectSize", g.EffectSize);
        w.WriteEndObject();
        w.WriteStartArray("bySession");
        foreach (SessionOutcome row in g.BySession)
        {
            w.WriteStartObject();
            w.WriteNumber("session", row.Session);
            w.WriteNumber("courses", row.Courses);
            w.WriteNumber("assessed", row.Assessed);
            Rate(w, "response", row.Response);
            Rate(w, "remission", row.Remission);
            NumberOrNull(w, "meanPercentImprovement", row.MeanPercentImprovement);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        Rate(w, "rapidResponse", g.RapidResponse);
        w.WriteStartObject("events");
        w.WriteNumber("sustainedResponse", g.SustainedResponse);
        w.WriteNumber("lossOfResponse", g.LossOfResponse);
        w.WriteNumber("sustainedRemission", g.SustainedRemission);
        w.WriteNumber("recovery", g.Recovery);
        w.WriteNumber("relapse", g.Relapse);
        w.WriteNumber("recurrence", g.Recurrence);
        w.WriteEndObject();
        w.WriteStartObject("daysSinceLastTreatmentAtLoss");
        w.WriteNumber("n", g.DaysAtLossN);
        NumberOrNull(w, "median", g.DaysAtLossMedian);
        w.WriteEndObject();
        if (g.Cms159 is { } cms)
        {
            w.WriteStartObject("depressionRemission12Months");
            w.WriteNumber("denominator", g.Cms159Denominator!.Value);
            w.WriteNumber("numerator", g.Cms159Numerator!.Value);
            w.WriteNumber("notMeasured", g.Cms159NotMeasured!.Value);
            NumberOrNull(w, "rate", cms.Rate);
            NumberOrNull(w, "lower", cms.Lower);
            NumberOrNull(w, "upper", cms.Upper);
            w.WriteString("exclusions", "before the measure's exclusions (hospice, bipolar disorder, personality disorder, death: not in a course document)");
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("depressionRemission12Months");
        }

        Curve(w, "timeToResponse", g.TimeToResponse);
        Curve(w, "timeToRemission", g.TimeToRemission);
        Curve(w, "durationOfResponse", g.DurationOfResponse);
        w.WriteStartObject("safety");
        w.WriteNumber("urgentCourses", g.UrgentCourses);
        w.WriteNumber("reviewCourses", g.ReviewCourses);
        w.WriteNumber("unansweredCourses", g.UnansweredCourses);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void Distribution(Utf8JsonWriter w, Distribution d, bool median)
    {
        w.WriteNumber("n", d.N);
        NumberOrNull(w, "mean", d.N == 0 ? null : d.Mean);
        NumberOrNull(w, "sd", d.Sd);
        if (median)
            NumberOrNull(w, "median", d.Median);
    }

    private static void Rate(Utf8JsonWriter w, string name, Proportion? p)
    {
        if (p is null)
        {
            w.WriteNull(name);
            return;
        }

        w.WriteStartObject(name);
        w.WriteNumber("n", p.N);
        w.WriteNumber("x", p.X);
        NumberOrNull(w, "rate", p.Rate);
        NumberOrNull(w, "lower", p.Lower);
        NumberOrNull(w, "upper", p.Upper);
        w.WriteEndObject();
    }

    private static void Curve(Utf8JsonWriter w, string name, KaplanMeier? km)
    {
        if (km is null)
        {
            w.WriteNull(name);
            return;
        }

        w.WriteStartObject(name);
        w.WriteNumber("n", km.N);
        w.WriteNumber("events", km.Events);
        NumberOrNull(w, "median", km.Median);
        NumberOrNull(w, "medianLower", km.MedianLower);
        NumberOrNull(w, "medianUpper", km.MedianUpper);
        w.WriteStartArray("at");
        foreach (SurvivalAt at in km.At)
        {
            w.WriteStartObject();
            w.WriteNumber("day", at.Day);
            NumberOrNull(w, "survival", at.Survival);
            NumberOrNull(w, "lower", at.Lower);
            NumberOrNull(w, "upper", at.Upper);
            w.WriteNumber("atRisk", at.AtRisk);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("curve");
        foreach (SurvivalStep step in km.Curve)
        {
            w.WriteStartObject();
            w.WriteNumber("t", step.Days);
            w.WriteNumber("atRisk", step.AtRisk);
            w.WriteNumber("events", step.Events);
            w.WriteNumber("censored", step.Censored);
            w.WriteNumber("survival", step.Survival);
            NumberOrNull(w, "lower", step.Lower);
            NumberOrNull(w, "upper", step.Upper);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void NumberOrNull(Utf8JsonWriter w, string name, double? value)
    {
        if (value is double v && double.IsFinite(v))
            w.WriteNumber(name, v);
        else
            w.WriteNull(name);
    }

    /// <summary>The whole rule set in the course option names of docs/clinical-rules.md §6 (with the cohort's
    /// <c>maxSessions</c> and <c>lastSessionWindowDays</c>): every value the figures were computed under, and an object
    /// that <c>assess cohort --options</c> reads back to the same rules.</summary>
    private static void WriteRuleSet(Utf8JsonWriter w, CohortOptions options)
    {
        Trends.CourseOptions o = options.Course;
        w.WriteStartObject();
        w.WriteString("preset", o.Preset);
        w.WriteNumber("maxSessions", options.MaxSessions);
        w.WriteNumber("lastSessionWindowDays", options.LastSessionWindowDays);
        if (o.TreatmentKind is string kind)
            w.WriteString("treatmentKind", kind);
        w.WriteNumber("responsePercent", o.ResponsePercent);
        w.WriteNumber("partialResponsePercent", o.PartialResponsePercent);
        if (o.RemissionThreshold is int remission)
            w.WriteNumber("remissionThreshold", remission);
        if (o.RelapseThreshold is int relapse)
            w.WriteNumber("relapseThreshold", relapse);
        w.WriteNumber("rapidResponseHours", o.RapidResponseWindow.TotalHours);
        w.WriteString("rapidResponseFrom", o.RapidResponseFrom == Trends.RapidResponseAnchor.Start ? "start" : "end");
        w.WriteNumber("visitWindowHours", o.VisitWindow.TotalHours);
        w.WriteNumber("sustainedResponseCount", o.SustainedResponseCount);
        w.WriteNumber("confirmationMinDays", o.ConfirmationMinDays);
        w.WriteNumber("confirmationMaxDays", o.ConfirmationMaxDays);
        w.WriteNumber("sustainedRemissionDays", o.SustainedRemissionDays);
        w.WriteNumber("recoveryDays", o.RecoveryDays);
        w.WriteString("relapseFrom", o.RelapseFrom == Trends.RelapseAnchor.Response ? "response" : "remission");
        w.WriteNumber("baselineMaxAgeDays", o.BaselineMaxAgeDays);
        w.WriteNumber("staleBaselineMaxDays", o.StaleBaselineMaxDays);
        w.WriteNumber("newCourseAfterDays", o.NewCourseAfterDays);
        w.WriteNumber("reinductionSessions", o.ReinductionSessions);
        w.WriteNumber("reinductionDays", o.ReinductionDays);
        w.WriteBoolean("strict", o.Strict);
        if (o.ReliableChange is { } rc)
        {
            w.WriteStartObject("reliableChange");
            w.WriteNumber("sd", rc.StandardDeviation);
            w.WriteNumber("reliability", rc.Reliability);
            if (rc.CaseCutoff is int cut)
                w.WriteNumber("caseCutoff", cut);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }
}
