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
            td.at, td.status { white-space: nowrap; }
            .latest { border: 2px solid #37474f; background: #eceff1; padding: .5rem 1rem; margin-top: .75rem; }
            .latest ul { margin: .25rem 0; }
            .still { color: #b00020; font-weight: 700; }
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
            WriteLatest(w, s);
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

    /// <summary>The offset the course's own times are written in (the baseline's), for the chart's axis: the tables and the
    /// summary print each instant with its own offset, so the chart must not say UTC beside them.</summary>
    public static TimeSpan DocumentOffset(CourseSummary s) => s.Baseline.At.Offset;

    /// <summary>The chart: totals over time on the band colours; treatment sessions as marks along the time axis (never
    /// lines like the thresholds); urgent and review flags as different markers; the course events numbered, their words
    /// in the caption (labels that cannot overlap or leave the plot); the legend below.</summary>
    public static Plot Chart(CourseSummary s)
    {
        Instrument instrument = s.Instrument;
        var plot = new Plot();
        plot.Font.Set(ChartFont);
        TimeSpan offset = DocumentOffset(s);
        double X(DateTimeOffset at) => at.ToOffset(offset).DateTime.ToOADate();

        if (instrument.DefaultBandSet is { } set)
        {
            for (int i = 0; i < set.Bands.Length; i++)
            {
                SeverityBand band = set.Bands[i];
                var span = plot.Add.VerticalSpan(band.Min - 0.5, band.Max + 0.5, Color.FromHex(BandColor(i, set.Bands.Length)));
                span.LineStyle.Width = 0;
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

        // Treatment sessions: marks along the bottom of the plot, the course's own filled, others hollow.
        double bottom = instrument.HasTotal ? instrument.MinTotal - 0.5 : 0;
        double markY = bottom + ((instrument.HasTotal ? instrument.MaxTotal - instrument.MinTotal + 1 : 1) * 0.025);
        var anchoring = new HashSet<TreatmentSession>(s.AnchoringSessions, ReferenceEqualityComparer.Instance);
        double[] own = [.. s.Treatments.Where(anchoring.Contains).Select(t => X(t.At))];
        double[] other = [.. s.Treatments.Where(t => !anchoring.Contains(t)).Select(t => X(t.At))];
        if (own.Length > 0)
        {
            var marks = plot.Add.ScatterPoints(own, [.. own.Select(_ => markY)], Color.FromHex("#3949ab"));
            marks.MarkerShape = MarkerShape.FilledTriangleUp;
            marks.MarkerSize = 11;
            marks.LegendText = $"{s.TreatmentKind ?? "treatment"} session";
        }

        if (other.Length > 0)
        {
            var marks = plot.Add.ScatterPoints(other, [.. other.Select(_ => markY)], Color.FromHex("#757575"));
            marks.MarkerShape = MarkerShape.OpenTriangleUp;
            marks.MarkerSize = 11;
            marks.LegendText = "other session";
        }

        // Invalid assessments have no total: they are listed in the table with their errors, not drawn.
        double[] xs = s.Assessments.Where(t => t.Total is not null).Select(t => X(t.At)).ToArray();
        double[] ys = s.Assessments.Where(t => t.Total is not null).Select(t => (double)t.Total!.Value).ToArray();
        var totals = plot.Add.Scatter(xs, ys, Color.FromHex("#000000"));
        totals.LineWidth = 2;
        totals.MarkerSize = 7;
        totals.LegendText = $"{instrument.Id} total";

        // Safety flags on their assessment: urgent a large red triangle, review an orange diamond; the words are listed
        // above the chart, so no label can cover a point or run off the plot.
        bool urgentLegend = false, reviewLegend = false;
        foreach (AssessmentTrend t in s.Assessments.Where(t => !t.Assessment.Flags.IsEmpty))
        {
            bool urgent = t.Assessment.Flags.Any(f => f.Priority == FlagPriority.Urgent);
            var marker = plot.Add.Marker(X(t.At), t.Total ?? baselineTotal, urgent ? MarkerShape.FilledTriangleUp : MarkerShape.FilledDiamond, urgent ? 17 : 14, Color.FromHex(urgent ? UrgentColor : ReviewColor));
            if (urgent && !urgentLegend)
            {
                marker.LegendText = "urgent flag";
                urgentLegend = true;
            }
            else if (!urgent && !reviewLegend)
            {
                marker.LegendText = "review flag";
                reviewLegend = true;
            }
        }

        // Events: a number in a circle above the point, kept inside the plot; the caption says what each number is.
        double top = instrument.HasTotal ? instrument.MaxTotal + 0.5 : 1;
        int number = 0;
        foreach ((DateTimeOffset at, string _) in Events(s))
        {
            number++;
            AssessmentTrend row = s.Assessments.FirstOrDefault(t => t.At == at);
            double y = row == default ? baselineTotal : row.Total ?? baselineTotal;
            bool high = y > top - ((top - bottom) * 0.12);
            var label = plot.Add.Text(number.ToString(CultureInfo.InvariantCulture), X(at), y);
            label.LabelFontColor = Color.FromHex("#4a148c");
            label.LabelFontName = ChartFont;
            label.LabelBold = true;
            label.LabelFontSize = 13;
            label.LabelOffsetY = high ? 12 : -12;
            label.LabelAlignment = high ? Alignment.UpperCenter : Alignment.LowerCenter;
            label.LabelBackgroundColor = Colors.White.WithAlpha(0.9);
            label.LabelBorderColor = Color.FromHex("#4a148c");
            label.LabelBorderWidth = 1;
            label.LabelPadding = 2;
        }

        // Dates as ISO days: an international clinic never has to guess day from month.
        if (plot.Axes.DateTimeTicksBottom().TickGenerator is ScottPlot.TickGenerators.DateTimeAutomatic ticks)
            ticks.LabelFormatter = day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        plot.Axes.SetLimitsY(bottom, top);
        if (xs.Length > 0)
        {
            double first = Math.Min(xs.Min(), s.Treatments.IsEmpty ? xs.Min() : s.Treatments.Min(t => X(t.At)));
            double last = Math.Max(xs.Max(), s.Treatments.IsEmpty ? xs.Max() : s.Treatments.Max(t => X(t.At)));
            double pad = Math.Max(0.5, (last - first) * 0.07); // room for the last date label inside the figure
            plot.Axes.SetLimitsX(first - pad, last + pad);
        }

        plot.Title($"{instrument.Name}: totals over the course");
        plot.YLabel($"{instrument.Id} total ({(instrument.HasTotal ? $"{instrument.MinTotal}-{instrument.MaxTotal}" : "risk")})");
        plot.XLabel($"date ({ZoneName(offset)}, the course's own time)");
        plot.ShowLegend(Edge.Bottom);
        plot.Legend.Orientation = Orientation.Horizontal;
        return plot;
    }

    /// <summary>UTC, or UTC±hh:mm.</summary>
    public static string ZoneName(TimeSpan offset) =>
        offset == TimeSpan.Zero ? "UTC" : $"UTC{(offset < TimeSpan.Zero ? "-" : "+")}{offset.Duration():hh\\:mm}";

    private const string UrgentColor = "#b00020";

    private const string ReviewColor = "#e65100";

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
        {
            yield return (loss.At, "loss of response");
            AssessmentTrend regained = s.Assessments.FirstOrDefault(t => t.Role == CourseRole.FollowUp && t.At > loss.ConfirmedAt && t.MeetsResponse);
            if (regained != default)
                yield return (regained.At, "response regained");
        }
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
        int n = 0;
        foreach ((DateTimeOffset at, string what) in Events(s))
            text.Append(CultureInfo.InvariantCulture, $"({++n}) {char.ToUpperInvariant(what[0])}{what[1..]} on {Day(at)}. ");
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
            string when = count == 1 ? $"on {CourseCommand.When(last)}" : $"persistent: {count} assessments from {CourseCommand.When(first)} to {CourseCommand.When(last)} (latest shown)";
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

    /// <summary>The latest state first: the latest total and status, and for every item that raised a flag in the course
    /// whether it still does at the latest assessment (a clinician's first question after "how is the patient now?").</summary>
    private static void WriteLatest(StreamWriter w, CourseSummary s)
    {
        AssessmentTrend latest = s.Latest;
        string status = LatestState(s);
        string change = s.PercentImprovement is decimal p ? $", {p.ToString("0.0", CultureInfo.InvariantCulture)} % {(p >= 0 ? "below" : "above")} the baseline {s.Baseline.Total}" : "";
        w.Write($"<section class=\"latest\" id=\"latest\"><p><strong>Latest:</strong> {H($"{latest.Total} ({latest.Band?.Label ?? "no band"}) on {CourseCommand.Date(latest.At)}: {status}{change}.")}</p>\n");
        var items = s.SafetyFlags.Where(f => f.Flag.ItemNumber is not null).GroupBy(f => (f.Flag.Id, f.Flag.ItemNumber)).ToList();
        if (items.Count > 0)
        {
            w.Write("<ul>\n");
            foreach (var group in items)
            {
                int item = group.Key.ItemNumber!.Value;
                string name = item <= s.Instrument.Items.Length ? $" ({s.Instrument.GetItem(item).Name})" : "";
                SafetyFlag? now = latest.Assessment.Flags.FirstOrDefault(f => f.Id == group.Key.Id && f.ItemNumber == item);
                string state = !latest.Assessment.FromItems
                    ? "the latest assessment is an imported total: whether it is still positive is not known"
                    : now is not null
                        ? $"still flagged at the latest assessment: {Output.FlagText(now, s.Instrument)}"
                        : "not flagged at the latest assessment";
                string cls = now is not null || !latest.Assessment.FromItems ? " class=\"still\"" : "";
                w.Write($"<li{cls}>{H($"Item {item}{name}: flagged on {group.Count()} assessment(s), last on {CourseCommand.Date(group.Last().At)}; {state}.")}</li>\n");
            }

            w.Write("</ul>\n");
        }

        w.Write("</section>\n");
    }

    /// <summary>"none" with its reason, where the course gives one.</summary>
    internal static string RapidText(CourseSummary s) =>
        s.RapidResponse ? "yes"
        : s.BaselineBelowThreshold ? "not read (the baseline is at or below the remission threshold)"
        : s.T0 is null ? "not read (no treatment session)"
        : s.RapidResponseAssessed ? $"no (a visit fell in the {(s.Options.RapidResponseWindow + s.Options.VisitWindow).TotalHours:0} h after the first session, without response)"
        : $"not assessed (no visit in the {(s.Options.RapidResponseWindow + s.Options.VisitWindow).TotalHours:0} h after the first session)";

    internal static string LossText(CourseSummary s) =>
        s.LossOfResponse is { } loss ? $"{CourseCommand.Date(loss.At)}, confirmed {CourseCommand.Date(loss.ConfirmedAt)}"
        : !s.Assessments.Any(t => t.MeetsResponse) ? "none (response was never met)"
        : "none (no dip confirmed by a visit at least " + s.Options.ConfirmationMinDays.ToString(CultureInfo.InvariantCulture) + " days later)";

    internal static string RelapseText(CourseSummary s, CourseEpisode e) =>
        e.Relapse is { } rel ? $"{CourseCommand.Date(rel.At)}, confirmed {CourseCommand.Date(rel.ConfirmedAt)}"
        : e.SustainedRemission is null && !(s.Options.RelapseFrom == RelapseAnchor.Response && s.SustainedResponse)
            ? (s.Options.RelapseFrom == RelapseAnchor.Response ? "none (looked for after sustained response or remission, neither reached)" : "none (looked for only after sustained remission, which was not reached)")
            : $"none (no confirmed return to {s.RelapseThreshold?.ToString(CultureInfo.InvariantCulture) ?? "the relapse threshold"} or above)";

    internal static string RecurrenceText(CourseEpisode e) =>
        e.Recurrence is { } rcr ? $"{CourseCommand.Date(rcr.At)}, confirmed {CourseCommand.Date(rcr.ConfirmedAt)}"
        : e.Recovery is null ? "none (looked for only after recovery)" : "none";

    private static void WriteLegend(StreamWriter w, CourseSummary s)
    {
        if (s.Instrument.DefaultBandSet is not { } set)
            return;
        w.Write("<p class=\"legend\">Bands: ");
        for (int i = 0; i < set.Bands.Length; i++)
            w.Write($"<span style=\"background:{BandColor(i, set.Bands.Length)}\">{H(set.Bands[i].Label)} {set.Bands[i].Min}-{set.Bands[i].Max}</span>");
        w.Write("</p>\n");
    }

    /// <summary>The latest state in words: the §6 status where the instrument judges response; else the change from
    /// baseline (and in T-scores where the instrument has them), never a bare "no status".</summary>
    internal static string LatestState(CourseSummary s)
    {
        if (s.Instrument.TracksTreatmentResponse)
            return s.Status is CourseStatus st ? WireIds.ToWireId(st) : "no status (no follow-up yet)";
        if (s.Latest.Role != CourseRole.FollowUp || s.Latest.Change is not int change)
            return "no follow-up yet";
        string text = string.Create(CultureInfo.InvariantCulture, $"change {change:+#;-#;0} from baseline");
        if (s.Instrument.ScaledScores is { } table && s.Baseline.Total is int b && s.Latest.Total is int l && table.Of(b) is { } tb && table.Of(l) is { } tl)
            text += string.Create(CultureInfo.InvariantCulture, $", T {tb.Value:0.0} to {tl.Value:0.0} ({tl.Value - tb.Value:+0.0;-0.0;0.0})");
        return text;
    }

    private static void WriteSummary(StreamWriter w, CourseSummary s)
    {
        w.Write("<section id=\"summary\"><h2>Summary</h2>\n<dl>\n");
        void Item(string term, string value) => w.Write($"<dt>{H(term)}</dt><dd>{H(value)}</dd>\n");
        Item("t0", s.T0 is DateTimeOffset t0 ? CourseCommand.Date(t0) : "none (no treatment session: monitoring only)");
        Item("baseline", $"{s.Baseline.Total} on {CourseCommand.Date(s.Baseline.At)}{(s.BaselineBelowThreshold ? " (at or below the remission threshold: response cannot be read)" : "")}");
        Item("latest", $"{s.Latest.Total} on {CourseCommand.Date(s.Latest.At)}: {LatestState(s)}");
        if (s.Instrument.TracksTreatmentResponse)
        {
            Item("rapid response", RapidText(s));
            Item("sustained response", s.SustainedResponse ? "yes (confirmed)" : $"no (response not held on {s.Options.SustainedResponseCount} assessments at least {s.Options.ConfirmationMinDays} days apart)");
            Item("loss of response", LossText(s));
            if (s.Episode is { } e)
            {
                Item("sustained remission", e.SustainedRemission is DateTimeOffset sr ? $"from {CourseCommand.Date(sr)}" : "not reached");
                Item("recovery", e.Recovery is DateTimeOffset rec ? CourseCommand.Date(rec) : "not reached");
                Item("relapse", RelapseText(s, e));
                Item("recurrence", RecurrenceText(e));
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
            w.Write($"<tr class=\"assessment{(t.Assessment.Flags.IsEmpty ? "" : " flagged")}\" data-at=\"{H(Iso(t.At))}\"><td class=\"at\">{H(CourseCommand.Date(t.At))}</td><td>{H(t.Role.ToWireId())}</td><td class=\"num\">{(t.Total is int total ? total : "-")}{(t.Assessment.FromItems ? "" : "*")}</td><td>{H(t.Band?.Label ?? "-")}</td><td class=\"status\">{H(t.Status is CourseStatus st ? WireIds.ToWireId(st) : "-")}</td><td class=\"num\">{H(t.PercentImprovement is decimal p ? $"{p.ToString("0.0", CultureInfo.InvariantCulture)} %" : "-")}</td><td class=\"flags\">{(flags.Length == 0 ? "" : "⚠ " + H(flags))}{(t.Errors.IsEmpty ? "" : " " + H("invalid: " + string.Join(", ", t.Errors.Select(e => e.ItemNumber is int n ? $"{e.Code} (item {n})" : e.Code))))}</td></tr>\n");
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
