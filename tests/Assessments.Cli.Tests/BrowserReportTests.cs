using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Assessments.Browser;
using Xunit;
using static Assessments.Cli.Tests.Harness;

namespace Assessments.Cli.Tests;

/// <summary>
/// The course report in a real browser: headless Chromium (Debian's <c>chromium</c>; <c>tests/install-browser.sh</c>
/// installs it, and CI runs that first). The test measures the rendered page (layout, not our own reading of the HTML)
/// and saves a screenshot under <c>artifacts/browser/</c> for a person to look at.
/// </summary>
public sealed class BrowserReportTests
{
    /// <summary>Measured in the page after layout, written into the DOM where <c>--dump-dom</c> reads it.</summary>
    private const string Measure = """
        <script>
        (function () {
          function box(el) { if (!el) return null; var r = el.getBoundingClientRect(); var s = getComputedStyle(el);
            return { w: r.width, h: r.height, visible: s.visibility !== 'hidden' && s.display !== 'none' && r.width > 0 && r.height > 0 }; }
          var flags = Array.prototype.map.call(document.querySelectorAll('li.flag'), function (li) { return { text: li.textContent, box: box(li) }; });
          var rows = document.querySelectorAll('#assessments tbody tr.assessment');
          var flagged = Array.prototype.map.call(document.querySelectorAll('#assessments tr.flagged td.flags'), function (td) { return { text: td.textContent, box: box(td), color: getComputedStyle(td).color }; });
          var svg = document.querySelector('#chart svg'); var sr = svg ? svg.getBoundingClientRect() : null;
          var outside = Array.prototype.filter.call(document.querySelectorAll('#chart svg text'), function (t) {
            var r = t.getBoundingClientRect(); return r.width > 0 && (r.left < sr.left - 1 || r.right > sr.right + 1 || r.top < sr.top - 1 || r.bottom > sr.bottom + 1); })
            .map(function (t) { return t.textContent; });
          var out = { chart: box(document.querySelector('#chart svg')), caption: (document.querySelector('#chart-caption') || {}).textContent,
                      rows: rows.length, flags: flags, flagged: flagged, svgTexts: document.querySelectorAll('#chart svg text').length,
                      outside: outside, svg: svg ? svg.outerHTML : '', latest: (document.querySelector('#latest') || {}).textContent };
          var pre = document.createElement('pre'); pre.id = 'measure'; pre.textContent = JSON.stringify(out); document.body.appendChild(pre);
        })();
        </script>
        """;

    private static string RunChromium(params string[] args) => HeadlessChromium.Run(args);

    private static string WriteReport(string directory)
    {
        string report = Path.Combine(directory, "course-report.html");
        Assert.Equal(0, Run("course", Sample("ketamine-madrs.json"), "--format", "html", "--output", report).Exit);
        return report;
    }

    [Fact]
    public void Report_RendersInChromium_ChartSized_EveryRow_FlagsVisible()
    {
        string directory = Directory.CreateTempSubdirectory("assess-browser-").FullName;
        string report = WriteReport(directory);
        string measured = Path.Combine(directory, "measured.html");
        File.WriteAllText(measured, File.ReadAllText(report).Replace("</body>", Measure + "</body>", StringComparison.Ordinal));

        string dom = RunChromium("--window-size=1100,1400", "--virtual-time-budget=3000", "--dump-dom", new Uri(measured).AbsoluteUri);
        using JsonDocument doc = HeadlessChromium.Measured(dom);
        JsonElement m = doc.RootElement;

        // The chart is present and sized by the page: wide, with the aspect of the drawing, and drawn with text.
        JsonElement chart = m.GetProperty("chart");
        Assert.True(chart.GetProperty("visible").GetBoolean());
        double width = chart.GetProperty("w").GetDouble(), height = chart.GetProperty("h").GetDouble();
        Assert.InRange(width, 600, 1010);
        Assert.InRange(height / width, 0.40, 0.52);
        Assert.True(m.GetProperty("svgTexts").GetInt32() > 10);
        Assert.StartsWith("Chart of 18 madrs totals", m.GetProperty("caption").GetString(), StringComparison.Ordinal);

        // Every assessment row is there, and every flag is visible in words and in the table.
        Assert.Equal(18, m.GetProperty("rows").GetInt32());
        Assert.Equal(2, m.GetProperty("flags").GetArrayLength());
        Assert.All(m.GetProperty("flags").EnumerateArray(), f => Assert.True(f.GetProperty("box").GetProperty("visible").GetBoolean()));
        Assert.Contains(m.GetProperty("flags").EnumerateArray(), f => f.GetProperty("text").GetString()!.StartsWith("URGENT suicide-risk: item 10", StringComparison.Ordinal));
        JsonElement[] flagged = m.GetProperty("flagged").EnumerateArray().ToArray();
        Assert.Equal(2, flagged.Length);
        Assert.All(flagged, f => Assert.True(f.GetProperty("box").GetProperty("visible").GetBoolean()));
        Assert.All(flagged, f => Assert.Equal("rgb(176, 0, 32)", f.GetProperty("color").GetString()));

        // Issue 19: the latest state first; urgent and review flags drawn differently; no text leaves the figure.
        Assert.StartsWith("Latest: 24 (Moderate)", m.GetProperty("latest").GetString()!.Trim(), StringComparison.Ordinal);
        Assert.Contains("not flagged at the latest assessment", m.GetProperty("latest").GetString(), StringComparison.Ordinal);
        string svg = m.GetProperty("svg").GetString()!;
        Assert.Contains("#B00020", svg, StringComparison.OrdinalIgnoreCase); // the urgent flag's marker
        Assert.Contains("#E65100", svg, StringComparison.OrdinalIgnoreCase); // the review flag's marker
        Assert.Empty(m.GetProperty("outside").EnumerateArray());
    }

    [Fact]
    public void Report_SpeaksTheDocumentsTimeZone_OnTheAxisAsInTheTables()
    {
        // Issue 19: the axis said UTC while the tables used the document's +02:00.
        string directory = Directory.CreateTempSubdirectory("assess-browser-").FullName;
        string course = File.ReadAllText(Sample("ketamine-madrs.json"));
        var node = System.Text.Json.Nodes.JsonNode.Parse(course)!;
        foreach (string list in new[] { "assessments", "treatments" })
        {
            foreach (System.Text.Json.Nodes.JsonNode? entry in node[list]!.AsArray())
            {
                foreach (string field in new[] { "at", "end" })
                {
                    if (entry![field] is { } value)
                        entry[field] = DateTimeOffset.Parse(value.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).ToOffset(TimeSpan.FromHours(2)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
                }
            }
        }

        string document = Path.Combine(directory, "plus2.json");
        File.WriteAllText(document, node.ToJsonString());
        string report = Path.Combine(directory, "plus2.html");
        Assert.Equal(0, Run("course", document, "--format", "html", "--output", report).Exit);
        string measured = Path.Combine(directory, "measured.html");
        File.WriteAllText(measured, File.ReadAllText(report).Replace("</body>", Measure + "</body>", StringComparison.Ordinal));
        string dom = RunChromium("--window-size=1100,1400", "--virtual-time-budget=3000", "--dump-dom", new Uri(measured).AbsoluteUri);
        Assert.Contains("UTC+02:00", dom, StringComparison.Ordinal);
        Assert.DoesNotContain("date (UTC)", dom, StringComparison.Ordinal);
        Assert.Contains("2026-03-02 10:00+02:00", dom, StringComparison.Ordinal); // the baseline row, in the same offset
    }

    [Fact]
    public void Report_Screenshot_IsSavedForAPersonToLookAt()
    {
        string directory = Directory.CreateTempSubdirectory("assess-browser-").FullName;
        string report = WriteReport(directory);
        string screenshots = Path.Combine(RepoRoot(), "artifacts", "browser");
        Directory.CreateDirectory(screenshots);
        string screenshot = Path.Combine(screenshots, "course-report.png");
        File.Delete(screenshot);
        RunChromium("--window-size=1100,1500", "--virtual-time-budget=3000", "--screenshot=" + screenshot, new Uri(report).AbsoluteUri);
        byte[] png = File.ReadAllBytes(screenshot);
        using SkiaSharp.SKBitmap bitmap = SkiaSharp.SKBitmap.Decode(png);
        Assert.Equal((1100, 1500), (bitmap.Width, bitmap.Height));
        // Not a blank page: the safety box's red border and the chart's bands are on screen.
        int red = 0;
        for (int y = 0; y < bitmap.Height; y += 3)
        {
            for (int x = 0; x < bitmap.Width; x += 3)
            {
                SkiaSharp.SKColor c = bitmap.GetPixel(x, y);
                if (c.Red > 150 && c.Green < 60 && c.Blue < 80)
                    red++;
            }
        }

        Assert.True(red > 50, $"{red} red pixels");
    }

    [Fact]
    public void CohortReport_RendersItsFiguresInChromium_AndIsSavedForAPersonToLookAt()
    {
        string directory = Directory.CreateTempSubdirectory("assess-browser-").FullName;
        string report = Path.Combine(directory, "cohort-report.html");
        Assert.Equal(1, Run("cohort", Path.Combine(RepoRoot(), "samples", "cohorts", "clinic-cohort.ndjson"), "--format", "html", "--output", report).Exit);
        const string measure = """
            <script>
            (function () {
              function visible(el) { if (!el) return false; var r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; }
              var figures = Array.prototype.map.call(document.querySelectorAll('figure svg'), function (s) { var r = s.getBoundingClientRect(); return { w: r.width, h: r.height }; });
              var out = { safety: visible(document.querySelector('#safety')), figures: figures, groups: document.querySelectorAll('section.group').length,
                          censored: document.body.innerHTML.indexOf('censored') >= 0, urgentRows: document.querySelectorAll('#urgent tbody tr').length,
                          atRisk: document.querySelectorAll('table.atrisk').length };
              var pre = document.createElement('pre'); pre.id = 'measure'; pre.textContent = JSON.stringify(out); document.body.appendChild(pre);
            })();
            </script>
            """;
        string measured = Path.Combine(directory, "measured.html");
        File.WriteAllText(measured, File.ReadAllText(report).Replace("</body>", measure + "</body>", StringComparison.Ordinal));
        string dom = RunChromium("--window-size=1100,1400", "--virtual-time-budget=3000", "--dump-dom", new Uri(measured).AbsoluteUri);
        using JsonDocument doc = HeadlessChromium.Measured(dom);
        JsonElement m = doc.RootElement;
        Assert.True(m.GetProperty("safety").GetBoolean());
        int groups = m.GetProperty("groups").GetInt32();
        Assert.Equal(3, groups); // madrs x esketamine, madrs x iv-ketamine, phq-9 x iv-ketamine
        Assert.True(m.GetProperty("figures").GetArrayLength() >= groups * 3); // bars and at least two curves each
        Assert.All(m.GetProperty("figures").EnumerateArray(), f => Assert.InRange(f.GetProperty("w").GetDouble(), 600, 1010));
        Assert.True(m.GetProperty("censored").GetBoolean());
        Assert.True(m.GetProperty("urgentRows").GetInt32() > 0);
        Assert.True(m.GetProperty("atRisk").GetInt32() >= groups * 2);

        string screenshots = Path.Combine(RepoRoot(), "artifacts", "browser");
        Directory.CreateDirectory(screenshots);
        string screenshot = Path.Combine(screenshots, "cohort-report.png");
        File.Delete(screenshot);
        RunChromium("--window-size=1100,1700", "--virtual-time-budget=3000", "--screenshot=" + screenshot, new Uri(report).AbsoluteUri);
        Assert.True(new FileInfo(screenshot).Length > 20_000);
    }
}
