using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Assessments.Serialization;
using Assessments.Trends;

namespace Assessments.Cli;

/// <summary><c>assess course &lt;file|-&gt;</c>: a treatment course, as a table a clinician reads at a glance, or JSON.</summary>
internal static class CourseCommand
{
    public static int Run(Options options, TextReader stdin, TextWriter o, TextWriter stderr, Stream? rawStdout = null, Stream? rawStdin = null)
    {
        if (options.Positionals.Count != 1)
            throw new UsageException("course needs one file, or '-' for standard input.");
        string source = options.Positionals[0];
        // A file is read as bytes and streamed through the course reader: a million assessments cost their bytes.
        byte[] utf8 = source != "-" ? Files.ReadAllBytes(source)
            : rawStdin is not null ? ReadAll(rawStdin)
            : System.Text.Encoding.UTF8.GetBytes(stdin.ReadToEnd());
        CourseReadResult result = TreatmentCourse.SummarizeDocument(utf8, Catalogue.Resolver(options.Definition), options.Preset);
        if (!result.IsSuccess)
        {
            if (options.Json)
            {
                o.WriteLine(CourseJson.WriteErrors(result.InstrumentId, result.Errors, result.SafetyFlags));
            }
            else
            {
                // The safety flags first and loud: an invalid course still reports every flag it could read.
                foreach (DatedFlag flag in result.SafetyFlags)
                    o.WriteLine($"SAFETY {Date(flag.At)} {Flag(flag.Flag)}");
                o.WriteLine($"{Text.Escape(result.InstrumentId ?? "course")}: the course is invalid; nothing was summarised.");
                foreach (CourseError error in result.Errors)
                    o.WriteLine($"  {Text.Escape(error.ToString())}");
            }

            if (result.IsDocumentError)
                stderr.WriteLine($"assess: {result.Errors[0].Code}: the course document cannot be used; see the errors above.");

            return result.IsDocumentError ? ExitCodes.Usage : ExitCodes.Invalid;
        }

        if (options.Json && rawStdout is not null)
        {
            // Streamed as it is written: a course of a million rows never becomes one string.
            o.Flush();
            CourseJson.Write(result.Summary, rawStdout);
            rawStdout.Write("\n"u8);
            rawStdout.Flush();
        }
        else if (options.Json)
        {
            o.WriteLine(CourseJson.Write(result.Summary));
        }
        else if (rawStdout is not null)
        {
            // Buffered: the console writer flushes every line, a million lines a million times.
            o.Flush();
            using var buffered = new StreamWriter(rawStdout, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true);
            WriteText(buffered, result.Summary);
        }
        else
        {
            WriteText(o, result.Summary);
        }

        return ExitCodes.Scored;
    }

    private static byte[] ReadAll(Stream input)
    {
        using var buffer = new MemoryStream();
        input.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static string Date(DateTimeOffset at) =>
        at.Offset == TimeSpan.Zero
            ? at.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture)
            : at.ToString("yyyy-MM-dd HH:mmzzz", CultureInfo.InvariantCulture);

    private static string Flag(SafetyFlag flag)
    {
        string priority = flag.Priority is FlagPriority p ? WireIds.ToWireId(p).ToUpperInvariant() : "UNANSWERED";
        if (flag.Id == FlagIds.SafetyItemUnanswered)
            return $"UNANSWERED item {flag.ItemNumber}";
        return flag.ItemNumber is int n ? $"{priority} item {n}={flag.Value?.ToString(CultureInfo.InvariantCulture) ?? "-"}" : $"{priority} risk {(flag.RiskLevel is RiskLevel r ? WireIds.ToWireId(r) : "-")}";
    }

    private static void WriteText(TextWriter o, CourseSummary s)
    {
        // What the clinician must see first: warnings and every safety flag, loud.
        foreach (string warning in s.Warnings)
            o.WriteLine(warning == TreatmentCourse.NoPretreatmentBaseline
                ? "WARNING no-pretreatment-baseline: no assessment in the baseline window before the first session; the baseline is an on-treatment value."
                : $"WARNING {Text.Escape(warning)}");
        foreach (DatedFlag flag in s.SafetyFlags)
            o.WriteLine($"SAFETY {Date(flag.At)} {Flag(flag.Flag)}");
        if (!s.Warnings.IsEmpty || !s.SafetyFlags.IsEmpty)
            o.WriteLine();

        Instrument instrument = s.Instrument;
        string remission = s.RemissionThreshold is int r ? $", remission at {r} or below" : "";
        string kind = s.TreatmentKind is null ? "" : $", following {Text.Escape(s.TreatmentKind)}";
        o.WriteLine($"{instrument.Id} course ({instrument.Name}), preset {Text.Escape(s.Preset)}{kind}: {s.Assessments.Length} assessments, {s.AnchoringSessions.Length} of {s.Treatments.Length} sessions anchor it{remission}");
        o.WriteLine();
        o.WriteLine($"{"date",-17}  {"role",-9}  {"total",5}  {"band",-18}  {"status",-16}  {"improved",8}  flags");
        var anchoring = new HashSet<TreatmentSession>(s.AnchoringSessions, ReferenceEqualityComparer.Instance);
        // Sessions and assessments are both in time order: merge them (a session before an assessment at the same instant).
        int next = 0;
        foreach (AssessmentTrend t in s.Assessments)
        {
            for (; next < s.Treatments.Length && s.Treatments[next].At.UtcTicks <= t.At.UtcTicks; next++)
                WriteSession(o, s.Treatments[next], anchoring);
            string status = t.Status is CourseStatus st ? WireIds.ToWireId(st) : "-";
            string improved = t.PercentImprovement is decimal p ? $"{p.ToString("0.0", CultureInfo.InvariantCulture)} %" : "-";
            string flags = t.Assessment.Flags.IsEmpty ? "" : string.Join(", ", t.Assessment.Flags.Select(f => Flag(f)));
            string total = t.Assessment.FromItems ? t.Total.ToString(CultureInfo.InvariantCulture) : $"{t.Total}*";
            o.WriteLine($"{Date(t.At),-17}  {t.Role.ToWireId(),-9}  {total,5}  {t.Band?.Label ?? "-",-18}  {status,-16}  {improved,8}  {flags}");
        }

        for (; next < s.Treatments.Length; next++)
            WriteSession(o, s.Treatments[next], anchoring);
        if (s.Assessments.Any(a => !a.Assessment.FromItems))
            o.WriteLine("  * imported total: no items, so no safety flags can be derived");

        o.WriteLine();
        o.WriteLine($"  t0                  {(s.T0 is DateTimeOffset t0 ? Date(t0) : "none (no treatment session: monitoring only)")}");
        o.WriteLine($"  baseline            {s.Baseline.Total} on {Date(s.Baseline.At)}{(s.BaselineBelowThreshold ? " (at or below the remission threshold: response cannot be read)" : "")}");
        string latestPct = s.PercentImprovement is decimal pct ? $", {pct.ToString("0.0", CultureInfo.InvariantCulture)} % improvement" : "";
        o.WriteLine($"  latest              {s.Latest.Total} on {Date(s.Latest.At)}{latestPct}: {(s.Status is CourseStatus cs ? WireIds.ToWireId(cs) : "no status")}");
        if (instrument.TracksTreatmentResponse)
        {
            o.WriteLine($"  rapid response      {(s.RapidResponse ? "yes" : "no")}");
            o.WriteLine($"  sustained response  {(s.SustainedResponse ? "yes (confirmed)" : "no")}");
            o.WriteLine($"  first response      {Days(s.DaysToFirstResponse)}");
            o.WriteLine($"  first remission     {Days(s.DaysToFirstRemission)}");
            o.WriteLine(s.LossOfResponse is { } loss
                ? $"  loss of response    {Date(loss.At)}, confirmed {Date(loss.ConfirmedAt)}{(loss.DaysSinceLastTreatment is int d ? $", {d} days after the last treatment" : "")}"
                : "  loss of response    none");
            if (s.Episode is { } e)
            {
                o.WriteLine($"  sustained remission {(e.SustainedRemission is DateTimeOffset sr ? $"from {Date(sr)}" : "not reached")}");
                o.WriteLine($"  recovery            {(e.Recovery is DateTimeOffset rec ? Date(rec) : "not reached")}");
                o.WriteLine($"  relapse             {(e.Relapse is { } rel ? $"{Date(rel.At)}, confirmed {Date(rel.ConfirmedAt)}" : "none")}");
                o.WriteLine($"  recurrence          {(e.Recurrence is { } rcr ? $"{Date(rcr.At)}, confirmed {Date(rcr.ConfirmedAt)}" : "none")}");
            }

            o.WriteLine($"  reliable change     {(s.ReliableChange is ReliableChangeCategory rc ? WireIds.ToWireId(rc) : "no parameters for this instrument")}");
            if (s.Mcid is int mcid)
                o.WriteLine($"  change vs MCID      {(s.Latest.Change is int change ? $"{change:+#;-#;0} points (minimal important difference {mcid})" : "-")}");
            if (s.DepressionRemission12Months is { } m)
                o.WriteLine($"  CMS159 (12 months)  {(!m.Eligible ? "not eligible (no PHQ-9 above 9)" : m.Remission is bool rem ? $"{(rem ? "remission" : "no remission")} at {Date(m.MeasuredAt!.Value)} (index {Date(m.IndexAt!.Value)})" : $"not measured yet (index {Date(m.IndexAt!.Value)})")}");
        }
        else
        {
            o.WriteLine("  (totals and bands only: this instrument does not track treatment response)");
            foreach (SessionPeak peak in s.SessionPeaks ?? [])
                o.WriteLine($"  session peak        {Date(peak.SessionAt)}: {peak.Peak}");
        }

        o.WriteLine(s.SafetyFlags.IsEmpty
            ? $"  safety              {(instrument.SafetyScreen == SafetyScreen.NotCovered ? "not covered by this instrument" : "no flag in the course")}"
            : $"  safety              {s.SafetyFlags.Length} flag(s), listed first");
    }

    private static void WriteSession(TextWriter o, TreatmentSession t, HashSet<TreatmentSession> anchoring)
    {
        string what = Text.Escape(t.Kind ?? "session (kind not recorded)") + (anchoring.Contains(t) ? "" : " (not this course's treatment)");
        o.WriteLine($"{Date(t.At),-17}  -- {what}");
    }

    private static string Days(int? days) => days is int d ? $"day {d}" : "not reached";
}
