using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using Assessments.Trends;
using ScottPlot;

namespace Assessments.Cli;

/// <summary>
/// The course report: one self-contained HTML file (no script, no network) with the chart of totals over time on the
/// instrument's band colours, the sessions, the baseline, response and remission lines, the safety flags and the course
/// events, then the table and the summary in words. The chart is drawn by ScottPlot (SVG inline in the HTML; PNG for
/// <c>--format png</c>). Colour is never the only carrier: bands, flags and events are also written in text.
/// </summary>
internal static class CourseReport
{
    public const int ChartWidth = 960;

    public const int ChartHeight = 440;

    /// <summary>A sans-serif face most Linux machines have; others fall back to their default.</summary>
    private const string ChartFont = "DejaVu Sans";

    /// <summary>Band fills from the lowest band (green) to the highest (red), light enough to read the points on.</summary>
    private static readonly string[] BandColors = ["#dcefd8", "#fbf4c0", "#fde3b0", "#fcd0a8", "#f9bcae", "#f5a8a8"];

    /// <summary>The report: one course, or a record's courses (one chart per instrument, every flag of every instrument
    /// first).</summary>
    public static void WriteHtml(IReadOnlyList<CourseSummary> courses, IReadOnlyList<DatedFlag> recordFlags, Stream output)
    {
        using var w = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        bool record = courses.Count != 1 || recordFlags.Count > 0;
        CourseSummary s = courses.Count > 0 ? courses[0] : throw new ArgumentException("A report needs a course.", nameof(courses));
        Instrument instrument = s.Instrument;
        string title = record ? $"Record: {string.Join(", ", courses.Select(c => c.Instrument.Id))}" : $"{instrument.Name} ({instrument.Id}) treatment course";
        w.Write($$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="assess {{H(Cli.Version)}}">
            <title>{{H(title)}}</title>
            <style>
            body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: #1a1a1a; margin: 2rem auto; max-width: 1000px; padding: 0 1rem; line-height: 1.4; }
            h1 { font-size: 1.5rem; margin-bottom: .25rem; }
            h2 { font-size: 1.15rem; margin-top: 1.5rem; border-bottom: 1px solid #ccc; }
            .meta { color: #444; margin-top: 0; }
            .safety { border: 3px solid #b00020; background: #fdecea; padding: .5rem 1rem; }
            .safety li { font-weight: 600; }
            .warning { border: 2px solid #8a6d00; background: #fff8e1; padding: .5rem 1rem; }
            figure { margin: 1rem 0; }
            figure svg { width: 100%; height: auto; display: block; border: 1px solid #ddd; }
            figcaption { font-size: .95rem; color: #333; margin-top: .5rem; }
            table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
            th, td { text-align: left; padding: .25rem .5rem; border-bottom: 1px solid #e0e0e0; vertical-align: top; }
            td.num { text-align: right; }
            td.at { white-space: nowrap; }
            tr.session td { color: #555; font-style: italic; background: #f6f6f6; }
            tr.flagged td.flags { color: #b00020; font-weight: 700; }
            dl { display: grid; grid-template-columns: max-content auto; gap: .2rem 1rem; }
            dt { font-weight: 600; }
            .legend span { display: inline-block; padding: 0 .5rem; margin: 0 .25rem .25rem 0; border: 1px solid #bbb; }
            @media print { body { margin: 0; max-width: none; } figure, table, .safety { break-inside: avoid; } tr { break-inside: avoid; } }
            </style>
            </head>
            <body>
            <header>
            <h1>{{H(title)}}</h1>

            """);
        if (record)
            WriteRecordSafety(w, recordFlags);
        for (int i = 0; i < courses.Count; i++)
        {
            s = courses[i];
            instrument = s.Instrument;
            string suffix = i == 0 ? "" : $"-{i + 1}";
            if (record)
                w.Write($"<h2 class=\"instrument\">{H(instrument.Name)} ({H(instrument.Id)})</h2>\n");
            w.Write($"<p class=\"meta\">Preset {H(s.Preset)}{(s.TreatmentKind is null ? "" : $", treatment {H(s.TreatmentKind)}")}; {s.Assessments.Length} assessments; {s.AnchoringSessions.Length} of {s.Treatments.Length} sessions anchor the course. Rules: {H(instrument.Citation)}</p>\n</header>\n".Replace("</header>\n", i == 0 ? "</header>\n" : "", StringComparison.Ordinal));
            WriteSafety(w, s, record);
            w.Write($"<figure id=\"chart{suffix}\" role=\"img\" aria-labelledby=\"chart-caption{suffix}\">\n");
            w.Write(ChartSvg(s));
            w.Write($"\n<figcaption id=\"chart-caption{suffix}\">{H(Describe(s))}</figcaption>\n");
            WriteLegend(w, s);
            w.Write("</figure>\n");
            WriteSummary(w, s);
            WriteTable(w, s);
        }

        w.Write($"<footer><p class=\"meta\">Written by assess {H(Cli.Version)}. A decision aid, not a diagnosis: read every flag with the patient's record.</p></footer>\n</body>\n</html>\n");
    }

    public static void WritePng(CourseSummary s, Stream output) =>
        output.Write(Chart(s).GetImageBytes(ChartWidth, ChartHeight, ImageFormat.Png));

    public static string ChartSvg(CourseSummary s)
    {
        string svg = Chart(s).GetSvgXml(ChartWidth, ChartHeight);
        // Sized by the page (CSS), drawn in the chart's own coordinates.
        int start = svg.IndexOf("<svg", StringComparison.Ordinal);
        svg = svg[start..];
        if (!svg.Contains("viewBox", StringComparison.Ordinal))
            svg = string.Create(CultureInfo.InvariantCulture, $"<svg viewBox=\"0 0 {ChartWidth} {ChartHeight}\"{svg[4..]}");
        return svg;
    }

    /// <summary>The chart: totals over time on the band colours, sessions, reference lines, flags and events.</summary>
    public static Plot Chart(CourseSummary s)
    {
        Instrument instrument = s.Instrument;
        var plot = new Plot();
        plot.Font.Set(ChartFont);
        double X(DateTimeOffset at) => at.UtcDateTime.ToOADate();

        if (instrument.DefaultBandSet is { } set)
        {
            for (int i = 0; i < set.Bands.Length; i++)
            {
                SeverityBand band = set.Bands[i];
                var span = plot.Add.VerticalSpan(band.Min - 0.5, band.Max + 0.5, Color.FromHex(BandColor(i, set.Bands.Length)));
                span.LineStyle.Width = 0;
                span.LegendText = band.Label;
            }
        }

        var anchoring = new HashSet<TreatmentSession>(s.AnchoringSessions, ReferenceEqualityComparer.Instance);
        bool sessionLegend = false;
        foreach (TreatmentSession session in s.Treatments)
        {
            var line = plot.Add.VerticalLine(X(session.At), 1.5f, anchoring.Contains(session) ? Color.FromHex("#3949ab") : Color.FromHex("#9e9e9e"), LinePattern.Dashed);
            if (!sessionLegend)
            {
                line.LegendText = "treatment session";
                sessionLegend = true;
            }
        }

        int baselineTotal = s.Baseline.Total ?? 0;
        var baseline = plot.Add.HorizontalLine(baselineTotal, 1.5f, Color.FromHex("#424242"), LinePattern.Solid);
        baseline.LegendText = $"baseline {s.Baseline.Total}";
        if (instrument.TracksTreatmentResponse && !s.BaselineBelowThreshold)
        {
            double response = baselineTotal * (100 - s.Options.ResponsePercent) / 100.0;
            var responseLine = plot.Add.HorizontalLine(response, 1.5f, Color.FromHex("#1565c0"), LinePattern.DenselyDashed);
            responseLine.LegendText = $"response ({s.Options.ResponsePercent} % below baseline)";
        }

        if (s.RemissionThreshold is int remission)
        {
            var remissionLine = plot.Add.HorizontalLine(remission + 0.5, 1.5f, Color.FromHex("#2e7d32"), LinePattern.Dotted);
            remissionLine.LegendText = $"remission (≤ {remission})";
        }

        // Invalid assessments have no total: they are listed in the table with their errors, not drawn.
        double[] xs = s.Assessments.Where(t => t.Total is not null).Select(t => X(t.At)).ToArray();
        double[] ys = s.Assessments.Where(t => t.Total is not null).Select(t => (double)t.Total!.Value).ToArray();
        var totals = plot.Add.Scatter(xs, ys, Color.FromHex("#000000"));
        totals.LineWidth = 2;
        totals.MarkerSize = 7;
        totals.LegendText = $"{instrument.Id} total";

        // Safety flags: a large red triangle on the assessment, and the item in words beside it.
        bool flagLegend = false;
        foreach (AssessmentTrend t in s.Assessments.Where(t => !t.Assessment.Flags.IsEmpty))
        {
            var marker = plot.Add.Marker(X(t.At), t.Total ?? baselineTotal, MarkerShape.FilledTriangleUp, 16, Color.FromHex("#b00020"));
            if (!flagLegend)
            {
                marker.LegendText = "safety flag";
                flagLegend = true;
            }

            SafetyFlag first = t.Assessment.Flags[0];
            var label = plot.Add.Text($"flag: item {first.ItemNumber}", X(t.At), t.Total ?? baselineTotal);
            label.LabelFontColor = Color.FromHex("#b00020");
            label.LabelBold = true;
            label.LabelFontName = ChartFont;
            label.LabelOffsetY = -14;
            label.LabelAlignment = Alignment.LowerCenter;
        }

        foreach ((DateTimeOffset at, string text) in Events(s))
        {
            AssessmentTrend row = s.Assessments.FirstOrDefault(t => t.At == at);
            double y = row == default ? baselineTotal : row.Total ?? baselineTotal;
            var label = plot.Add.Text(text, X(at), y);
            label.LabelFontColor = Color.FromHex("#4a148c");
            label.LabelFontName = ChartFont;
            label.LabelOffsetY = 10;
            label.LabelAlignment = Alignment.UpperCenter;
            label.LabelBackgroundColor = Colors.White.WithAlpha(0.85);
        }

        // Dates as ISO days: an international clinic never has to guess day from month.
        if (plot.Axes.DateTimeTicksBottom().TickGenerator is ScottPlot.TickGenerators.DateTimeAutomatic ticks)
            ticks.LabelFormatter = day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        plot.Axes.SetLimitsY(instrument.HasTotal ? instrument.MinTotal - 0.5 : 0, instrument.HasTotal ? instrument.MaxTotal + 0.5 : 1);
        if (xs.Length > 0)
        {
            double first = Math.Min(xs.Min(), s.Treatments.IsEmpty ? xs.Min() : s.Treatments.Min(t => X(t.At)));
            double last = Math.Max(xs.Max(), s.Treatments.IsEmpty ? xs.Max() : s.Treatments.Max(t => X(t.At)));
            double pad = Math.Max(0.5, (last - first) * 0.04);
            plot.Axes.SetLimitsX(first - pad, last + pad);
        }

        plot.Title($"{instrument.Name}: totals over the course");
        plot.YLabel($"{instrument.Id} total ({(instrument.HasTotal ? $"{instrument.MinTotal}-{instrument.MaxTotal}" : "risk")})");
        plot.XLabel("date (UTC)");
        plot.ShowLegend(Edge.Right);
        return plot;
    }

    /// <summary>The course events, in words, at the assessment that shows them.</summary>
    public static IEnumerable<(DateTimeOffset At, string Text)> Events(CourseSummary s)
    {
        if (s.RapidResponse)
        {
            AssessmentTrend first = s.Assessments.FirstOrDefault(t => t.Role == CourseRole.FollowUp && t.MeetsResponse);
            if (first != default)
                yield return (first.At, "rapid response");
        }

        if (s.LossOfResponse is { } loss)
            yield return (loss.At, "loss of response");
        if (s.Episode?.SustainedRemission is DateTimeOffset sustained)
            yield return (sustained, "sustained remission");
        if (s.Episode?.Recovery is DateTimeOffset recovery)
            yield return (recovery, "recovery");
        if (s.Episode?.Relapse is { } relapse)
            yield return (relapse.At, "relapse");
        if (s.Episode?.Recurrence is { } recurrence)
            yield return (recurrence.At, "recurrence");
    }

    /// <summary>The chart's text alternative: what a reader sees in it, in a sentence or three.</summary>
    public static string Describe(CourseSummary s)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Chart of {s.Assessments.Length} {s.Instrument.Id} totals from {Day(s.Assessments[0].At)} to {Day(s.Assessments[^1].At)}, with {s.Treatments.Length} treatment sessions marked. ");
        text.Append(CultureInfo.InvariantCulture, $"Baseline {s.Baseline.Total} ({s.Baseline.Band?.Label ?? "no band"}) on {Day(s.Baseline.At)}; latest {s.Latest.Total} ({s.Latest.Band?.Label ?? "no band"}) on {Day(s.Latest.At)}");
        if (s.PercentImprovement is decimal p)
            text.Append(CultureInfo.InvariantCulture, $", {p.ToString("0.0", CultureInfo.InvariantCulture)} % improvement");
        text.Append(s.Status is CourseStatus status ? $", status {WireIds.ToWireId(status)}. " : ". ");
        foreach ((DateTimeOffset at, string what) in Events(s))
            text.Append(CultureInfo.InvariantCulture, $"{char.ToUpperInvariant(what[0])}{what[1..]} on {Day(at)}. ");
        text.Append(s.SafetyFlags.IsEmpty ? "No safety flag." : $"{s.SafetyFlags.Length} safety flag(s), listed above the chart.");
        return text.ToString();
    }

    /// <summary>A record's safety list: every flag of every instrument, repeated ones once as persistent.</summary>
    private static void WriteRecordSafety(StreamWriter w, IReadOnlyList<DatedFlag> flags)
    {
        if (flags.Count == 0)
        {
            w.Write("<p id=\"safety\">Safety: no flag in the record.</p>\n");
            return;
        }

        w.Write("<section class=\"safety\" id=\"safety\" role=\"alert\"><h2>⚠ Safety flags, every instrument</h2><ul>\n");
        WriteFlagItems(w, flags, Catalogue.Resolver(null));
        w.Write("</ul></section>\n");
    }

    private static void WriteFlagItems(StreamWriter w, IReadOnlyList<DatedFlag> flags, Func<string, Instrument?> instrumentOf)
    {
        foreach ((DatedFlag first, DatedFlag last, int count) in CourseCommand.PersistentFlags(flags))
        {
            Instrument? instrument = instrumentOf(last.InstrumentId ?? "");
            string prefix = last.InstrumentId is string id ? $"{id} " : "";
            string when = count == 1 ? $"on {CourseCommand.Date(last.At)}" : $"persistent: {count} assessments from {CourseCommand.Date(first.At)} to {CourseCommand.Date(last.At)} (latest shown)";
            w.Write($"<li class=\"flag\" data-at=\"{H(Iso(last.At))}\">{H(prefix + Output.FlagText(last.Flag, instrument))} {H(when)}</li>\n");
        }
    }

    private static void WriteSafety(StreamWriter w, CourseSummary s, bool inRecord = false)
    {
        foreach (string warning in s.Warnings)
            w.Write($"<section class=\"warning\"><p><strong>Warning {H(warning)}:</strong> {H(CourseCommand.WarningText(warning))}</p></section>\n");
        foreach (CourseError error in s.Errors)
            w.Write($"<section class=\"warning invalid\"><p><strong>Invalid assessment</strong> {H(error.ToString())}</p></section>\n");
        if (inRecord)
            return;
        if (s.SafetyFlags.IsEmpty)
        {
            w.Write(s.Instrument.SafetyScreen == SafetyScreen.NotCovered
                ? "<p id=\"safety\">Safety: not covered; this instrument asks nothing about suicide.</p>\n"
                : "<p id=\"safety\">Safety: no flag in the course.</p>\n");
            return;
        }

        w.Write("<section class=\"safety\" id=\"safety\" role=\"alert\"><h2>⚠ Safety flags</h2><ul>\n");
        WriteFlagItems(w, s.SafetyFlags, _ => s.Instrument);
        w.Write("</ul></section>\n");
    }

    private static void WriteLegend(StreamWriter w, CourseSummary s)
    {
        if (s.Instrument.DefaultBandSet is not { } set)
            return;
        w.Write("<p class=\"legend\">Bands: ");
        for (int i = 0; i < set.Bands.Length; i++)
            w.Write($"<span style=\"background:{BandColor(i, set.Bands.Length)}\">{H(set.Bands[i].Label)} {set.Bands[i].Min}-{set.Bands[i].Max}</span>");
        w.Write("</p>\n");
    }

    private static void WriteSummary(StreamWriter w, CourseSummary s)
    {
        w.Write("<section id=\"summary\"><h2>Summary</h2>\n<dl>\n");
        void Item(string term, string value) => w.Write($"<dt>{H(term)}</dt><dd>{H(value)}</dd>\n");
        Item("t0", s.T0 is DateTimeOffset t0 ? CourseCommand.Date(t0) : "none (no treatment session: monitoring only)");
        Item("baseline", $"{s.Baseline.Total} on {CourseCommand.Date(s.Baseline.At)}{(s.BaselineBelowThreshold ? " (at or below the remission threshold: response cannot be read)" : "")}");
        Item("latest", $"{s.Latest.Total} on {CourseCommand.Date(s.Latest.At)}: {(s.Status is CourseStatus st ? WireIds.ToWireId(st) : "no status")}");
        if (s.Instrument.TracksTreatmentResponse)
        {
            Item("rapid response", s.RapidResponse ? "yes" : s.RapidResponseAssessed ? "no" : "not assessed (no visit in the window)");
            Item("sustained response", s.SustainedResponse ? "yes (confirmed)" : "no");
            Item("loss of response", s.LossOfResponse is { } loss ? $"{CourseCommand.Date(loss.At)}, confirmed {CourseCommand.Date(loss.ConfirmedAt)}" : "none");
            if (s.Episode is { } e)
            {
                Item("sustained remission", e.SustainedRemission is DateTimeOffset sr ? $"from {CourseCommand.Date(sr)}" : "not reached");
                Item("recovery", e.Recovery is DateTimeOffset rec ? CourseCommand.Date(rec) : "not reached");
                Item("relapse", e.Relapse is { } rel ? $"{CourseCommand.Date(rel.At)}, confirmed {CourseCommand.Date(rel.ConfirmedAt)}" : "none");
                Item("recurrence", e.Recurrence is { } rcr ? $"{CourseCommand.Date(rcr.At)}, confirmed {CourseCommand.Date(rcr.ConfirmedAt)}" : "none");
            }

            Item("reliable change", s.ReliableChange is ReliableChangeCategory rc ? WireIds.ToWireId(rc) : "no parameters for this instrument");
        }

        w.Write("</dl></section>\n");
    }

    private static void WriteTable(StreamWriter w, CourseSummary s)
    {
        w.Write("<section><h2>Assessments and sessions</h2>\n<table id=\"assessments\">\n<caption>Every assessment in time order, with the treatment sessions between them. * an imported total: no items, so no flags can be derived.</caption>\n");
        w.Write("<thead><tr><th scope=\"col\">Date</th><th scope=\"col\">Role</th><th scope=\"col\">Total</th><th scope=\"col\">Band</th><th scope=\"col\">Status</th><th scope=\"col\">Improvement</th><th scope=\"col\">Flags / session</th></tr></thead>\n<tbody>\n");
        var anchoring = new HashSet<TreatmentSession>(s.AnchoringSessions, ReferenceEqualityComparer.Instance);
        int next = 0;
        foreach (AssessmentTrend t in s.Assessments)
        {
            for (; next < s.Treatments.Length && s.Treatments[next].At.UtcTicks <= t.At.UtcTicks; next++)
                Session(s.Treatments[next]);
            string flags = string.Join("; ", t.Assessment.Flags.Select(f => Output.FlagText(f, s.Instrument)));
            w.Write($"<tr class=\"assessment{(t.Assessment.Flags.IsEmpty ? "" : " flagged")}\" data-at=\"{H(Iso(t.At))}\"><td class=\"at\">{H(CourseCommand.Date(t.At))}</td><td>{H(t.Role.ToWireId())}</td><td class=\"num\">{(t.Total is int total ? total : "-")}{(t.Assessment.FromItems ? "" : "*")}</td><td>{H(t.Band?.Label ?? "-")}</td><td>{H(t.Status is CourseStatus st ? WireIds.ToWireId(st) : "-")}</td><td class=\"num\">{H(t.PercentImprovement is decimal p ? $"{p.ToString("0.0", CultureInfo.InvariantCulture)} %" : "-")}</td><td class=\"flags\">{(flags.Length == 0 ? "" : "⚠ " + H(flags))}{(t.Errors.IsEmpty ? "" : " " + H("invalid: " + string.Join(", ", t.Errors.Select(e => e.ItemNumber is int n ? $"{e.Code} (item {n})" : e.Code))))}</td></tr>\n");
        }

        for (; next < s.Treatments.Length; next++)
            Session(s.Treatments[next]);
        w.Write("</tbody></table></section>\n");

        void Session(TreatmentSession t) =>
            w.Write($"<tr class=\"session\"><td class=\"at\">{H(CourseCommand.Date(t.At))}</td><td>session</td><td></td><td></td><td></td><td></td><td>{H(t.Kind ?? "kind not recorded")}{(anchoring.Contains(t) ? "" : " (not this course's treatment)")}</td></tr>\n");
    }

    private static string BandColor(int index, int count) =>
        count <= 1 ? BandColors[0] : BandColors[(int)Math.Round(index * (BandColors.Length - 1) / (double)(count - 1))];

    private static string Day(DateTimeOffset at) => at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Iso(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>HTML-escaped caller or catalogue text; control characters escaped as in the text output.</summary>
    private static string H(string? text) => WebUtility.HtmlEncode(Text.Escape(text));
}
