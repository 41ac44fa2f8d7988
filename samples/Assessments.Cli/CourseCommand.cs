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
    public static int Run(Options options, TextReader stdin, TextWriter o, TextWriter stderr)
    {
        if (options.Positionals.Count != 1)
            throw new UsageException("course needs one file, or '-' for standard input.");
        string source = options.Positionals[0];
        string json = source == "-" ? stdin.ReadToEnd() : Files.ReadAllText(source);

        CourseReadResult result = TreatmentCourse.SummarizeDocument(json, Catalogue.Resolver(options.Definition));
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

        if (options.Json)
            o.WriteLine(CourseJson.Write(result.Summary));
        else
            WriteText(o, result.Summary);
        return ExitCodes.Scored;
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
        Instrument instrument = s.Instrument;
        string remission = s.RemissionThreshold is int r ? $", remission at {r} or below" : "";
        o.WriteLine($"{instrument.Id} course ({instrument.Name}): {s.Assessments.Length} assessments, {s.Treatments.Length} treatment sessions{remission}");
        o.WriteLine();
        o.WriteLine($"{"date",-17}  {"total",5}  {"band",-18}  {"status",-16}  {"improved",8}  flags");
        var rows = new List<(long Ticks, int Order, string Line)>();
        foreach (TreatmentSession t in s.Treatments)
            rows.Add((t.At.UtcTicks, 0, $"{Date(t.At),-17}  {"",5}  -- {Text.Escape(t.Kind)}"));
        foreach (AssessmentTrend t in s.Assessments)
        {
            string status = t.IsBaseline ? "baseline" : t.At < s.Baseline.At ? "pre-baseline" : t.Status is CourseStatus st ? WireIds.ToWireId(st) : "-";
            string improved = t.PercentImprovement is decimal p ? $"{p.ToString("0.0", CultureInfo.InvariantCulture)} %" : "-";
            string flags = string.Join(", ", t.Assessment.Flags.Select(f => Flag(f)));
            string total = t.Assessment.Score is null ? $"{t.Total}*" : t.Total.ToString(CultureInfo.InvariantCulture);
            rows.Add((t.At.UtcTicks, 1, $"{Date(t.At),-17}  {total,5}  {t.Band?.Label ?? "-",-18}  {status,-16}  {improved,8}  {flags}"));
        }

        foreach (var row in rows.OrderBy(r => r.Ticks).ThenBy(r => r.Order))
            o.WriteLine(row.Line);
        if (s.Assessments.Any(a => a.Assessment.Score is null))
            o.WriteLine("  * imported total: no items, so no safety flags can be derived");

        o.WriteLine();
        o.WriteLine($"  baseline            {s.Baseline.Total} on {Date(s.Baseline.At)}{(s.BaselineBelowThreshold ? " (at or below the remission threshold: response cannot be read)" : "")}");
        string latestPct = s.PercentImprovement is decimal pct ? $", {pct.ToString("0.0", CultureInfo.InvariantCulture)} % improvement" : "";
        o.WriteLine($"  latest              {s.Latest.Total} on {Date(s.Latest.At)}{latestPct}: {(s.Status is CourseStatus cs ? WireIds.ToWireId(cs) : "no status")}");
        if (instrument.TracksTreatmentResponse)
        {
            o.WriteLine($"  rapid response      {(s.RapidResponse ? "yes" : "no")}");
            o.WriteLine($"  sustained response  {(s.SustainedResponse ? "yes" : "no")}");
            o.WriteLine($"  first response      {Days(s.DaysToFirstResponse)}");
            o.WriteLine($"  first remission     {Days(s.DaysToFirstRemission)}");
            o.WriteLine(s.LossOfResponse is { } loss
                ? $"  loss of response    {Date(loss.At)}{(loss.DaysSinceLastTreatment is int d ? $", {d} days after the last treatment" : "")}"
                : "  loss of response    none");
            o.WriteLine($"  reliable change     {(s.ReliableChange is ReliableChangeCategory rc ? WireIds.ToWireId(rc) : "no parameters for this instrument")}");
        }
        else
        {
            o.WriteLine("  (totals and bands only: this instrument does not track treatment response)");
        }

        o.WriteLine(s.SafetyFlags.IsEmpty
            ? $"  safety              {(instrument.SafetyScreen == SafetyScreen.NotCovered ? "not covered by this instrument" : "no flag in the course")}"
            : $"  safety              {s.SafetyFlags.Length} flag(s): " + string.Join("; ", s.SafetyFlags.Select(f => $"{Date(f.At)} {Flag(f.Flag)}")));
    }

    private static string Days(int? days) => days is int d ? $"day {d}" : "not reached";
}
