using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using Assessments.Cohorts;
using ScottPlot;

namespace Assessments.Cli;

/// <summary>The cohort report (<c>assess cohort --format html</c>): self-contained HTML, for a clinic director's wall.
/// Per group: the key figures, response and remission by session number as bars with their n, a Kaplan–Meier figure per
/// curve (the step curve, its 95 % band, censoring marks, and the numbers at risk under the axis as journals print them),
/// the baseline severity mix; then every urgent flag with its course id, and the invalid courses.</summary>
internal static class CohortHtml
{
    private const int Width = 900;
    private const int Height = 380;
    private const string Font = "DejaVu Sans";

    private static string H(string? text) => WebUtility.HtmlEncode(Text.Escape(text));

    private static string Pct(double? value) => value is double v ? (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %" : "–";

    private static string Rate(Proportion p) => p.Rate is null ? $"{p.X} of {p.N}" : $"{Pct(p.Rate)} ({p.X} of {p.N}; 95 % CI {Pct(p.Lower)} to {Pct(p.Upper)})";

    private static string Days(double? d) => d is double v ? v.ToString("0.0", CultureInfo.InvariantCulture) + " days" : "not reached";

    public static void Write(CohortReport report, Stream output)
    {
        using var w = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        long urgent = report.SafetyFlags.Count(f => f.Flag.Flag.Priority == FlagPriority.Urgent);
        w.Write($$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Cohort outcomes</title>
            <style>
            body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: #1a1a1a; margin: 2rem auto; max-width: 1000px; padding: 0 1rem; line-height: 1.4; }
            h1 { font-size: 1.6rem; margin-bottom: .25rem; } h2 { font-size: 1.3rem; margin-top: 2rem; border-bottom: 2px solid #37474f; } h3 { font-size: 1.05rem; margin: 1.2rem 0 .3rem; }
            .meta { color: #444; margin-top: 0; }
            .safety { border: 3px solid #b00020; background: #fdecea; padding: .5rem 1rem; }
            .invalid { border: 2px solid #8a6d00; background: #fff8e1; padding: .5rem 1rem; }
            .figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: .5rem; margin: .5rem 0; }
            .figure { border: 1px solid #cfd8dc; padding: .5rem .75rem; background: #fafafa; }
            .figure .v { font-size: 1.5rem; font-weight: 700; } .figure .k { color: #444; font-size: .9rem; }
            figure { margin: .5rem 0; } figure svg { width: 100%; height: auto; display: block; border: 1px solid #ddd; }
            figcaption { font-size: .9rem; color: #333; }
            table { border-collapse: collapse; font-variant-numeric: tabular-nums; } th, td { padding: .15rem .5rem; border-bottom: 1px solid #e0e0e0; text-align: right; } th:first-child, td:first-child { text-align: left; }
            .atrisk td, .atrisk th { font-size: .85rem; }
            table.flags td, table.flags th { text-align: left; }
            .ids { font-size: .9rem; }
            @media print { body { margin: 0; max-width: none; } figure, table, .safety { break-inside: avoid; } }
            </style>
            </head>
            <body>
            <header><h1>Cohort outcomes</h1>
            <p class="meta">{{report.Courses}} courses ({{report.Invalid}} invalid), rules: preset {{H(report.Options.Course.Preset)}}; response = at least {{report.Options.Course.ResponsePercent}} % below baseline; windows: session k to k+1, the last {{report.Options.LastSessionWindowDays}} days. Definitions: docs/cohorts.md.</p></header>

            """);
        // Safety first, compactly: the counts and the course ids with an urgent flag; every flag is listed at the end.
        string[] urgentCourses = [.. report.SafetyFlags.Where(f => f.Flag.Flag.Priority == FlagPriority.Urgent).Select(f => f.CourseId).Distinct(StringComparer.Ordinal)];
        w.Write($"<section class=\"safety\" id=\"safety\" role=\"alert\"><h2>⚠ Safety</h2><p><strong>{urgent} urgent flag(s) in {urgentCourses.Length} course(s)</strong>; {report.SafetyFlags.Count} flag(s) in all, each listed with its course and date <a href=\"#urgent\">at the end</a>.</p>\n");
        if (urgentCourses.Length > 0)
            w.Write($"<p class=\"ids\">Courses with an urgent flag: {H(string.Join(", ", urgentCourses))}</p>\n");
        w.Write("</section>\n");
        if (!report.InvalidCourses.IsEmpty)
        {
            w.Write($"<section class=\"invalid\" id=\"invalid\"><h2>Invalid courses ({report.Invalid})</h2><p>Counted, used for no figure; their flags are in the safety list above.</p><ul>\n");
            foreach (InvalidCourse course in report.InvalidCourses)
                w.Write($"<li>{H(course.Id)}: {H(string.Join(", ", course.Codes))}{(course.IsRecordError ? " (errors of a record beside its courses, which are counted)" : "")}</li>\n");
            w.Write("</ul></section>\n");
        }

        int n = 0;
        foreach (GroupReport g in report.Groups)
            Group(w, g, ++n, report.Options.Course.ResponsePercent);
        w.Write("<section id=\"urgent\"><h2>Every urgent flag</h2><table class=\"flags\"><thead><tr><th>Course</th><th>Date</th><th>Instrument</th><th>Flag</th></tr></thead><tbody>\n");
        foreach (CohortFlag flag in report.SafetyFlags.Where(f => f.Flag.Flag.Priority == FlagPriority.Urgent))
            w.Write($"<tr><td>{H(flag.CourseId)}</td><td>{H(CourseCommand.When(flag.Flag))}</td><td>{H(flag.InstrumentId)}</td><td>{H(Output.FlagText(flag.Flag.Flag, flag.InstrumentId is string id && Instruments.TryGet(id, out Instrument? i) ? i : null))}</td></tr>\n");
        w.Write("</tbody></table></section>\n");
        w.Write("<footer><p class=\"meta\">Written by assess. Figures before any exclusion a quality programme applies; a decision aid, not a finding about any one patient.</p></footer>\n</body>\n</html>\n");
    }

    private static void Group(StreamWriter w, GroupReport g, int number, int responsePercent)
    {
        w.Write($"<section class=\"group\" id=\"group-{number}\"><h2>{H(g.InstrumentId)} · {H(g.TreatmentKind)}: {g.Courses} courses</h2>\n");
        w.Write($"<p class=\"meta\">{g.Eligible} eligible for response outcomes; {g.MonitoringOnly} monitoring only, {g.BaselineBelowThreshold} with a baseline at or below remission, {g.NoFollowUp} eligible without follow-up.</p>\n<div class=\"figures\">\n");
        void Figure(string value, string key) => w.Write($"<div class=\"figure\"><div class=\"v\">{H(value)}</div><div class=\"k\">{H(key)}</div></div>\n");
        Figure(Pct(g.RapidResponse.Rate), $"rapid response ({g.RapidResponse.X} of {g.RapidResponse.N} assessed)");
        SessionOutcome? sixth = g.BySession.LastOrDefault(r => r.Session <= 6 && r.Assessed > 0);
        if (sixth is not null)
            Figure(Pct(sixth.Response.Rate), $"response after session {sixth.Session} ({sixth.Response.X} of {sixth.Response.N})");
        Figure(Days(g.TimeToResponse.Median), "median time to response");
        Figure(Days(g.DurationOfResponse.Median), $"median duration of response ({g.DurationOfResponse.Events} losses of {g.DurationOfResponse.N})");
        if (g.Cms159 is { } cms)
            Figure(Pct(cms.Rate), $"CMS159 remission at 12 months ({cms.X} of {cms.N}; before exclusions)");
        Figure($"{g.UrgentCourses}", "courses with an urgent flag");
        w.Write("</div>\n");

        w.Write($"<h3>Response and remission by session</h3>\n<figure id=\"sessions-{number}\" role=\"img\">{Svg(SessionsPlot(g))}<figcaption>Percent of the courses assessed after each session; the n under each bar. Response: at least {responsePercent} % below baseline; remission: at or below the threshold.</figcaption></figure>\n");
        Curve(w, g.TimeToResponse, "Time to response", "days from the first session", $"km-response-{number}", "courses not yet responding");
        if (g.TimeToRemission is { } remission)
            Curve(w, remission, "Time to remission", "days from the first session", $"km-remission-{number}", "courses not yet in remission");
        Curve(w, g.DurationOfResponse, "Duration of response", "days from the first response", $"km-duration-{number}", "courses still responding");
        w.Write("<h3>Baseline severity</h3><table><thead><tr><th>Band</th><th>Courses</th></tr></thead><tbody>");
        foreach ((string band, long count) in g.BaselineBands)
            w.Write($"<tr><td>{H(band)}</td><td>{count}</td></tr>");
        w.Write($"</tbody></table><p class=\"meta\">Baseline mean {g.Baseline.Mean.ToString("0.0", CultureInfo.InvariantCulture)} (SD {g.Baseline.Sd?.ToString("0.0", CultureInfo.InvariantCulture)}), median {g.Baseline.Median?.ToString("0.#", CultureInfo.InvariantCulture)}; change at the latest visit {g.Change.Mean.ToString("+0.0;-0.0;0", CultureInfo.InvariantCulture)} (n {g.Change.N}), mean improvement {g.MeanPercentImprovement?.ToString("0.0", CultureInfo.InvariantCulture)} %.</p>\n</section>\n");
    }

    private static string Svg(Plot plot)
    {
        string svg = plot.GetSvgXml(Width, Height);
        svg = svg[svg.IndexOf("<svg", StringComparison.Ordinal)..];
        return svg.Contains("viewBox", StringComparison.Ordinal) ? svg : string.Create(CultureInfo.InvariantCulture, $"<svg viewBox=\"0 0 {Width} {Height}\"{svg[4..]}");
    }

    private static Plot SessionsPlot(GroupReport g)
    {
        var plot = new Plot();
        plot.Font.Set(Font);
        var bars = new List<Bar>();
        foreach (SessionOutcome row in g.BySession.Where(r => r.Assessed > 0))
        {
            bars.Add(new Bar { Position = row.Session - 0.2, Value = (row.Response.Rate ?? 0) * 100, FillColor = Color.FromHex("#1565c0"), Size = 0.38, Label = $"n {row.Assessed}" });
            if (row.Remission is { } rem)
                bars.Add(new Bar { Position = row.Session + 0.2, Value = (rem.Rate ?? 0) * 100, FillColor = Color.FromHex("#2e7d32"), Size = 0.38 });
        }

        var barPlot = plot.Add.Bars(bars);
        barPlot.ValueLabelStyle.FontSize = 11;
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "response", FillColor = Color.FromHex("#1565c0") });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "remission", FillColor = Color.FromHex("#2e7d32") });
        plot.ShowLegend(Edge.Bottom);
        plot.Legend.Orientation = Orientation.Horizontal;
        plot.Axes.SetLimitsY(0, 112); // room for the n above a full bar
        plot.Axes.SetLimitsX(0.4, Math.Max(1, g.BySession.Where(r => r.Assessed > 0).Select(r => r.Session).DefaultIfEmpty(1).Max()) + 0.6);
        plot.XLabel("after session");
        plot.YLabel("percent of courses assessed");
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(1);
        return plot;
    }

    private static void Curve(StreamWriter w, KaplanMeier km, string title, string axis, string id, string what)
    {
        w.Write($"<h3>{H(title)}</h3>\n");
        if (km.N == 0)
        {
            w.Write("<p>No course to draw.</p>\n");
            return;
        }

        w.Write($"<figure id=\"{id}\" role=\"img\">{Svg(KaplanMeierPlot(km, axis, what))}");
        w.Write($"<figcaption>{H($"Kaplan–Meier estimate of {what}, with its 95 % band (log-log); + marks a censored course. n {km.N}, {km.Events} events; median {Days(km.Median)} (95 % CI {Days(km.MedianLower)} to {Days(km.MedianUpper)}).")}</figcaption>\n");
        w.Write("<table class=\"atrisk\"><tr><th>Day</th>");
        foreach (SurvivalAt at in km.At)
            w.Write($"<td>{at.Day}</td>");
        w.Write("</tr><tr><th>At risk</th>");
        foreach (SurvivalAt at in km.At)
            w.Write($"<td>{at.AtRisk}</td>");
        w.Write("</tr><tr><th>S</th>");
        foreach (SurvivalAt at in km.At)
            w.Write($"<td>{(at.Survival is double s ? s.ToString("0.00", CultureInfo.InvariantCulture) : "–")}</td>");
        w.Write("</tr></table></figure>\n");
    }

    private static Plot KaplanMeierPlot(KaplanMeier km, string axis, string what)
    {
        var plot = new Plot();
        plot.Font.Set(Font);
        var xs = new List<double> { 0 };
        var ys = new List<double> { 1 };
        var lo = new List<double> { 1 };
        var hi = new List<double> { 1 };
        double s = 1, l = 1, u = 1;
        foreach (SurvivalStep step in km.Curve)
        {
            // A step: across at the old value, then down.
            xs.Add(step.Days);
            ys.Add(s);
            lo.Add(l);
            hi.Add(u);
            s = step.Survival;
            l = step.Lower ?? s;
            u = step.Upper ?? s;
            xs.Add(step.Days);
            ys.Add(s);
            lo.Add(l);
            hi.Add(u);
        }

        double end = Math.Max(xs[^1], km.At.Where(a => a.Survival is not null).Select(a => (double)a.Day).DefaultIfEmpty(0).Max());
        xs.Add(end);
        ys.Add(s);
        lo.Add(l);
        hi.Add(u);
        var band = plot.Add.FillY(xs.ToArray(), lo.ToArray(), hi.ToArray());
        band.FillColor = Color.FromHex("#1565c0").WithAlpha(0.18);
        band.LineColor = Colors.Transparent;
        var line = plot.Add.Scatter(xs.ToArray(), ys.ToArray(), Color.FromHex("#0d47a1"));
        line.MarkerSize = 0;
        line.LineWidth = 2.5f;
        line.LegendText = what;
        if (!km.Censorings.IsEmpty)
        {
            var censored = plot.Add.ScatterPoints(km.Censorings.Select(c => c.Days).ToArray(), km.Censorings.Select(c => c.Survival).ToArray(), Color.FromHex("#0d47a1"));
            censored.MarkerShape = MarkerShape.Cross;
            censored.MarkerSize = 9;
            censored.LegendText = "censored";
        }

        plot.Axes.SetLimits(0, Math.Max(1, end * 1.03), 0, 1.02);
        plot.XLabel(axis);
        plot.YLabel("proportion");
        return plot;
    }
}
