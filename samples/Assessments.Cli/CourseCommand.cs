using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Assessments.Serialization;
using Assessments.Trends;

namespace Assessments.Cli;

/// <summary>What <c>assess course</c> was asked.</summary>
internal sealed record CourseRequest(string Source, string? Preset, string? Definition, string Format, string? Output, bool Strict = false);

/// <summary><c>assess course &lt;file|-&gt;</c>: a treatment course, as a table a clinician reads at a glance, JSON, or a
/// report with a chart (html, png).</summary>
internal static class CourseCommand
{
    /// <summary>Courses up to this many rows are laid out by Spectre.Console (wrapped to a terminal); longer ones are
    /// streamed with column widths taken from the instrument's data, so a million rows cost no table in memory.</summary>
    internal const int TableRowLimit = 2000;

    public static int Run(CourseRequest request, Io io)
    {
        if (request.Format is "html" or "png" && request.Output is null)
            throw new UsageException($"course --format {request.Format} needs --output FILE; see 'assess course --help'.");
        Func<string, Instrument?> resolve = Catalogue.Resolver(request.Definition);
        // A file is read as bytes and streamed through the course reader: a million assessments cost their bytes.
        byte[] utf8 = request.Source != "-" ? Files.ReadAllBytes(request.Source) : ReadAll(io.OpenStdin());
        CourseReadResult result = Progress.Run(io, "Summarising", () => TreatmentCourse.SummarizeDocument(utf8, resolve, request.Preset, request.Strict), () => (0, 0));
        bool json = request.Format == "json";
        TextWriter o = io.Out;
        if (result.IsRecord)
            return RunRecord(request, io, result, resolve);
        if (!result.IsSuccess)
        {
            if (json)
            {
                o.WriteLine(CourseJson.WriteErrors(result.InstrumentId, result.Errors, result.SafetyFlags));
            }
            else
            {
                // The safety flags first and loud: an invalid course still reports every flag it could read.
                Instrument? named = result.InstrumentId is string id ? resolve(id) : null;
                WriteFlags(o, result.SafetyFlags, _ => named);
                o.WriteLine($"{Text.Escape(result.InstrumentId ?? "course")}: the course is invalid; nothing was summarised.");
                foreach (CourseError error in result.Errors)
                    o.WriteLine($"  {Text.Escape(error.ToString())}");
            }

            if (result.IsDocumentError)
            {
                o.Flush();
                io.Error.WriteLine($"assess: {result.Errors[0].Code}: the course document cannot be used; see the errors above.");
            }

            return result.IsDocumentError ? ExitCodes.Usage : ExitCodes.Invalid;
        }

        CourseSummary summary = result.Summary;
        // v3: a course that lists invalid assessments is summarised and printed, and exits 1.
        int exit = summary.Errors.IsEmpty ? ExitCodes.Scored : ExitCodes.Invalid;
        switch (request.Format)
        {
            case "html":
                Files.Write(request.Output!, stream => CourseReport.WriteHtml([summary], [], stream));
                io.Out.WriteLine($"wrote {Text.Escape(request.Output)}");
                return exit;
            case "png":
                Files.Write(request.Output!, stream => CourseReport.WritePng(summary, stream));
                io.Out.WriteLine($"wrote {Text.Escape(request.Output)}");
                return exit;
        }

        if (request.Output is not null)
        {
            Files.Write(request.Output, stream =>
            {
                if (json)
                {
                    CourseJson.Write(summary, stream);
                    stream.Write("\n"u8);
                    return;
                }

                using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true);
                WriteText(writer, summary, Terminal.None);
            });
        }
        else if (json && io.RawOut is not null)
        {
            // Streamed as it is written: a course of a million rows never becomes one string.
            o.Flush();
            CourseJson.Write(summary, io.RawOut);
            io.RawOut.Write("\n"u8);
            io.RawOut.Flush();
        }
        else if (json)
        {
            o.WriteLine(CourseJson.Write(summary));
        }
        else if (io.RawOut is not null)
        {
            // Buffered: the console writer flushes every line, a million lines a million times.
            o.Flush();
            using var buffered = new StreamWriter(io.RawOut, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true);
            WriteText(buffered, summary, io.Terminal);
        }
        else
        {
            WriteText(o, summary, io.Terminal);
        }

        return exit;
    }

    /// <summary>A record (several instruments, v3): every flag of every instrument first, then one course per
    /// instrument; JSON <c>{ "courses": [...], "safetyFlags": [...] }</c>; HTML one chart per instrument.</summary>
    private static int RunRecord(CourseRequest request, Io io, CourseReadResult record, Func<string, Instrument?> resolve)
    {
        TextWriter o = io.Out;
        bool clean = record.Errors.IsEmpty && record.Courses.All(c => c.IsSuccess && c.Summary.Errors.IsEmpty);
        int exit = clean ? ExitCodes.Scored : ExitCodes.Invalid;
        CourseSummary[] summaries = [.. record.Courses.Where(c => c.IsSuccess).Select(c => c.Summary!)];
        void Json(Stream stream)
        {
            using var writer = new System.Text.Json.Utf8JsonWriter(stream);
            CourseJson.WriteRecord(record, writer);
            writer.Flush();
            stream.Write("\n"u8);
        }

        switch (request.Format)
        {
            case "html":
                Files.Write(request.Output!, stream => CourseReport.WriteHtml(summaries, record.SafetyFlags, stream));
                o.WriteLine($"wrote {Text.Escape(request.Output)}");
                return exit;
            case "png":
                throw new UsageException("A record holds several instruments: use --format html (one chart per instrument).");
            case "json" when request.Output is not null:
                Files.Write(request.Output, Json);
                return exit;
            case "json":
                o.Flush();
                var buffer = new MemoryStream();
                Json(buffer);
                o.Write(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
                o.Flush();
                return exit;
        }

        TextWriter target = o;
        StreamWriter? file = null;
        if (request.Output is not null)
        {
            var stream = new MemoryStream();
            file = new StreamWriter(stream, new System.Text.UTF8Encoding(false));
            target = file;
        }

        WriteFlags(target, record.SafetyFlags, id => resolve(id));
        target.WriteLine($"record: {record.Courses.Length} course(s), {record.SafetyFlags.Length} safety flag(s) across every instrument (listed above)");
        foreach (CourseError error in record.Errors)
            target.WriteLine($"  {Text.Escape(error.ToString())}");
        foreach (CourseReadResult course in record.Courses)
        {
            target.WriteLine();
            target.WriteLine($"== {Text.Escape(course.InstrumentId)} ==");
            if (course.IsSuccess)
            {
                WriteText(target, course.Summary, Terminal.None, flagsAbove: true);
                continue;
            }

            target.WriteLine($"{Text.Escape(course.InstrumentId ?? "course")}: the course is invalid; nothing was summarised.");
            foreach (CourseError error in course.Errors)
                target.WriteLine($"  {Text.Escape(error.ToString())}");
        }

        if (file is not null)
        {
            file.Flush();
            byte[] bytes = ((MemoryStream)file.BaseStream).ToArray();
            Files.Write(request.Output!, stream => stream.Write(bytes));
        }

        return exit;
    }

    /// <summary>The safety lines: a flag repeated on several assessments (same instrument, item, and priority) is shown
    /// once as persistent, with its first and last date and count (v3); the JSON lists every one.</summary>
    internal static void WriteFlags(TextWriter o, IEnumerable<DatedFlag> flags, Func<string, Instrument?> instrumentOf)
    {
        foreach ((DatedFlag first, DatedFlag last, int count) in PersistentFlags(flags))
        {
            Instrument? instrument = last.InstrumentId is string id ? instrumentOf(id) : instrumentOf("");
            string prefix = last.InstrumentId is string named ? $"{Text.Escape(named)} " : "";
            o.WriteLine(count == 1
                ? $"SAFETY {When(last)} {prefix}{Output.FlagText(last.Flag, instrument)}"
                : $"SAFETY persistent, {count} assessments from {When(first)} to {When(last)}: {prefix}{Output.FlagText(last.Flag, instrument)} (latest)");
        }
    }

    /// <summary>Flags grouped by instrument, flag, item and priority, in order of first appearance.</summary>
    internal static List<(DatedFlag First, DatedFlag Last, int Count)> PersistentFlags(IEnumerable<DatedFlag> flags)
    {
        var groups = new List<(DatedFlag First, DatedFlag Last, int Count)>();
        var index = new Dictionary<(string?, string, int?, FlagPriority?), int>();
        foreach (DatedFlag flag in flags)
        {
            var key = (flag.InstrumentId, flag.Flag.Id, flag.Flag.ItemNumber, flag.Flag.Priority);
            if (index.TryGetValue(key, out int at))
            {
                groups[at] = (groups[at].First, flag, groups[at].Count + 1);
                continue;
            }

            index[key] = groups.Count;
            groups.Add((flag, flag, 1));
        }

        return groups;
    }

    private static byte[] ReadAll(Stream input)
    {
        using var buffer = new MemoryStream();
        input.CopyTo(buffer);
        return buffer.ToArray();
    }

    /// <summary>A flag's date, or for an undated one (its assessment's time could not be read) its position.</summary>
    internal static string When(DatedFlag flag) => flag.IsDated ? Date(flag.At) : $"undated ({flag.Position})";

    internal static string Date(DateTimeOffset at) =>
        at.Offset == TimeSpan.Zero
            ? at.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture)
            : at.ToString("yyyy-MM-dd HH:mmzzz", CultureInfo.InvariantCulture);

    /// <summary>What each course warning means, in words a clinician reads.</summary>
    internal static string WarningText(string warning) => warning switch
    {
        TreatmentCourse.NoPretreatmentBaseline => "no pre-dose assessment qualifies; the baseline is an on-treatment value.",
        TreatmentCourse.StaleBaseline => "no assessment in the baseline window; the baseline is the latest pre-dose assessment, older than the window.",
        TreatmentCourse.InvalidAssessments => "some assessments are invalid (listed with their errors); they are used for no outcome.",
        TreatmentCourse.CoIntervention => "sessions of another kind fall between the baseline and the latest assessment; the change may not be this treatment's alone.",
        _ => "",
    };

    internal static void WriteText(TextWriter o, CourseSummary s, Terminal terminal, bool flagsAbove = false)
    {
        // What the clinician must see first: every safety flag, loud (a record lists every flag above), then warnings.
        if (!flagsAbove)
            WriteFlags(o, s.SafetyFlags, _ => s.Instrument);
        foreach (string warning in s.Warnings)
            o.WriteLine($"WARNING {Text.Escape(warning)}: {WarningText(warning)}".TrimEnd(' ', ':'));
        foreach (CourseError error in s.Errors)
            o.WriteLine($"INVALID {Text.Escape(error.ToString())}");
        if (!s.Warnings.IsEmpty || (!flagsAbove && !s.SafetyFlags.IsEmpty) || !s.Errors.IsEmpty)
            o.WriteLine();

        Instrument instrument = s.Instrument;
        string remission = s.RemissionThreshold is int r ? $", remission at {r} or below" : "";
        string kind = s.TreatmentKind is null ? "" : $", following {Text.Escape(s.TreatmentKind)}";
        o.WriteLine($"{instrument.Id} course ({instrument.Name}), preset {Text.Escape(s.Preset)}{kind}: {s.Assessments.Length} assessments, {s.AnchoringSessions.Length} of {s.Treatments.Length} sessions anchor it{remission}");
        o.WriteLine();
        if (s.Assessments.Length + s.Treatments.Length <= TableRowLimit)
            WriteTable(o, s, terminal);
        else
            WriteLongTable(o, s);
        if (s.Assessments.Any(a => !a.Assessment.FromItems))
            o.WriteLine("  * imported total: no items, so no safety flags can be derived");

        o.WriteLine();
        o.WriteLine($"  t0                  {(s.T0 is DateTimeOffset t0 ? Date(t0) : "none (no treatment session: monitoring only)")}");
        o.WriteLine($"  baseline            {s.Baseline.Total} on {Date(s.Baseline.At)}{(s.BaselineBelowThreshold ? " (at or below the remission threshold: response cannot be read)" : "")}");
        string latestPct = s.PercentImprovement is decimal pct ? $", {pct.ToString("0.0", CultureInfo.InvariantCulture)} % improvement" : "";
        o.WriteLine($"  latest              {s.Latest.Total} on {Date(s.Latest.At)}{latestPct}: {CourseReport.LatestState(s)}");
        if (instrument.TracksTreatmentResponse)
        {
            o.WriteLine($"  rapid response      {CourseReport.RapidText(s)}");
            o.WriteLine($"  sustained response  {(s.SustainedResponse ? "yes (confirmed)" : "no")}");
            o.WriteLine($"  first response      {First(s, t => t.MeetsResponse, s.DaysToFirstResponse)}");
            o.WriteLine(s.RemissionThreshold is null
                ? "  first remission     - (no remission threshold for this instrument)"
                : $"  first remission     {First(s, t => t.InRemission == true, s.DaysToFirstRemission)}");
            o.WriteLine(s.LossOfResponse is { } loss
                ? $"  loss of response    {Date(loss.At)}, confirmed {Date(loss.ConfirmedAt)}{(loss.DaysSinceLastTreatment is int d ? $", {d} days after the last treatment" : "")}"
                : $"  loss of response    {CourseReport.LossText(s)}");
            if (s.Episode is { } e)
            {
                o.WriteLine($"  sustained remission {(e.SustainedRemission is DateTimeOffset sr ? $"from {Date(sr)}" : "not reached")}");
                o.WriteLine($"  recovery            {(e.Recovery is DateTimeOffset rec ? Date(rec) : "not reached")}");
                o.WriteLine($"  relapse             {CourseReport.RelapseText(s, e)}");
                o.WriteLine($"  recurrence          {CourseReport.RecurrenceText(e)}");
            }

            o.WriteLine($"  reliable change     {(s.ReliableChange is ReliableChangeCategory rc ? WireIds.ToWireId(rc) : "no parameters for this instrument")}");
            if (s.MinimalImportantDifference is int mcid)
                o.WriteLine($"  change vs MCID      {(s.Latest.Change is int change ? $"{change:+#;-#;0} points (minimal important difference {mcid})" : "-")}");
            if (s.DepressionRemission12Months is { } m)
                o.WriteLine($"  CMS159 (12 months)  {(!m.Eligible ? "not eligible (no PHQ-9 above 9)" : m.Remission is bool rem ? $"{(rem ? "remission" : "no remission")} at {Date(m.MeasuredAt!.Value)} (index {Date(m.IndexAt!.Value)})" : $"not measured yet (index {Date(m.IndexAt!.Value)})")}");
        }
        else
        {
            o.WriteLine(instrument.CourseMode == CourseMode.SessionRelative
                ? "  (totals, bands and each session's peak: this instrument measures effects of dosing, not treatment response)"
                : "  (totals, bands and change: this instrument's courses judge no response, remission or relapse)");
            foreach (SessionPeak peak in s.SessionPeaks ?? [])
                o.WriteLine($"  session peak        {Date(peak.SessionAt)}: {peak.Peak}{(peak.Pre is int pre ? $" (pre-dose {pre}, change {peak.Change:+#;-#;0})" : " (no pre-dose value)")}");
        }

        o.WriteLine(s.SafetyFlags.IsEmpty
            ? $"  safety              {(instrument.SafetyScreen == SafetyScreen.NotCovered ? "not covered by this instrument" : "no flag in the course")}"
            : $"  safety              {s.SafetyFlags.Length} flag(s), listed first");
    }

    /// <summary>The rows of the course table, sessions and assessments merged in time order (a session before an
    /// assessment at the same instant): date, role, total, band, status, improvement, then flags or the session kind.</summary>
    private static IEnumerable<string[]> Rows(CourseSummary s)
    {
        var anchoring = new HashSet<TreatmentSession>(s.AnchoringSessions, ReferenceEqualityComparer.Instance);
        int next = 0;
        foreach (AssessmentTrend t in s.Assessments)
        {
            for (; next < s.Treatments.Length && s.Treatments[next].At.UtcTicks <= t.At.UtcTicks; next++)
                yield return Session(s.Treatments[next], anchoring);
            string status = t.Status is CourseStatus st ? WireIds.ToWireId(st) : "-";
            string improved = t.PercentImprovement is decimal p ? $"{p.ToString("0.0", CultureInfo.InvariantCulture)} %" : "-";
            string flags = t.Assessment.Flags.IsEmpty ? "" : string.Join(", ", t.Assessment.Flags.Select(f => Output.FlagText(f, null)));
            if (!t.Errors.IsEmpty)
                flags = (flags.Length == 0 ? "" : flags + "; ") + "invalid: " + string.Join(", ", t.Errors.Select(e => e.ItemNumber is int n ? $"{e.Code} (item {n})" : e.Code));
            string total = t.Total is not int value ? "-" : t.Assessment.FromItems ? value.ToString(CultureInfo.InvariantCulture) : $"{value}*";
            yield return [Date(t.At), t.Role.ToWireId(), total, t.Band?.Label ?? "-", status, improved, flags];
        }

        for (; next < s.Treatments.Length; next++)
            yield return Session(s.Treatments[next], anchoring);
    }

    private static string[] Session(TreatmentSession t, HashSet<TreatmentSession> anchoring) =>
        [Date(t.At), "--", "", "", "", "", Text.Escape(t.Kind ?? "session (kind not recorded)") + (anchoring.Contains(t) ? "" : " (not this course's treatment)")];

    private static readonly string[] Headers = ["date", "role", "total", "band", "status", "improved", "flags / session"];

    /// <summary>A course of ordinary length: a Spectre.Console table, sized to its cells and wrapped to a terminal.</summary>
    private static void WriteTable(TextWriter o, CourseSummary s, Terminal terminal)
    {
        Spectre.Console.Table table = Tables.Plain(Headers);
        table.Columns[2].Alignment = Spectre.Console.Justify.Right;
        table.Columns[5].Alignment = Spectre.Console.Justify.Right;
        var urgent = new Spectre.Console.Style(Spectre.Console.Color.Red, decoration: Spectre.Console.Decoration.Bold);
        foreach (string[] row in Rows(s))
        {
            table.Rows.Add(row.Select((cell, i) => Tables.Cell(cell, i == 6 && cell.Contains("URGENT", StringComparison.Ordinal) ? urgent : Spectre.Console.Style.Plain)).ToArray());
        }

        Tables.Write(o, terminal, table);
    }

    /// <summary>A very long course: streamed, with column widths that hold any row (the instrument's longest band label,
    /// the longest date form the course uses), so that no table is built in memory.</summary>
    private static void WriteLongTable(TextWriter o, CourseSummary s)
    {
        bool offsets = s.Assessments.Any(a => a.At.Offset != TimeSpan.Zero) || s.Treatments.Any(t => t.At.Offset != TimeSpan.Zero);
        int band = Math.Max(Headers[3].Length, s.Instrument.DefaultBandSet?.Bands.Max(b => b.Label.Length) ?? 1);
        int[] widths = [offsets ? 22 : 17, 9, 6, band, 16, 8];
        var line = new System.Text.StringBuilder(128);
        void Write(string[] cells)
        {
            line.Clear();
            for (int i = 0; i < widths.Length; i++)
            {
                string cell = cells[i];
                if (i is 2 or 5)
                    line.Append(' ', Math.Max(0, widths[i] - cell.Length)).Append(cell);
                else
                    line.Append(cell).Append(' ', Math.Max(0, widths[i] - cell.Length));
                line.Append("  ");
            }

            o.WriteLine(line.Append(cells[6]).ToString().TrimEnd());
        }

        Write(Headers);
        foreach (string[] row in Rows(s))
            Write(row);
    }

    /// <summary>When a course first met a condition, from t0 (or the baseline): hours within the first day, then days.</summary>
    private static string First(CourseSummary s, Func<AssessmentTrend, bool> met, int? days)
    {
        if (days is null)
            return "not reached";
        DateTimeOffset from = s.T0 ?? s.Baseline.At;
        foreach (AssessmentTrend t in s.Assessments)
        {
            if (t.Role == CourseRole.FollowUp && t.At > from && met(t))
            {
                TimeSpan elapsed = t.At - from;
                string after = elapsed < TimeSpan.FromDays(1)
                    ? $"{(int)elapsed.TotalHours} h"
                    : $"day {(int)elapsed.TotalDays}";
                return $"{after} after {(s.T0 is null ? "the baseline" : "t0")} ({Date(t.At)})";
            }
        }

        return $"day {days}";
    }
}
