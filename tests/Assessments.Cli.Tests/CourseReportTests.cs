using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using SkiaSharp;
using Xunit;
using static Assessments.Cli.Tests.Harness;

namespace Assessments.Cli.Tests;

/// <summary>The course report: one self-contained HTML file with the chart, and the chart alone as PNG.</summary>
public sealed class CourseReportTests
{
    private static string Report(string sample, out int exit)
    {
        string path = Path.Combine(Path.GetTempPath(), $"assess-report-{Guid.NewGuid():N}.html");
        (exit, _, _) = Run("course", Sample(sample), "--format", "html", "--output", path);
        string html = File.ReadAllText(path);
        File.Delete(path);
        return html;
    }

    [Fact]
    public void Html_IsSelfContained_NoScriptNoNetwork()
    {
        string html = Report("ketamine-madrs.json", out int exit);
        Assert.Equal(0, exit);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(new Regex("(src|href)\\s*=\\s*\"(https?:)?//", RegexOptions.IgnoreCase), html);
        Assert.DoesNotContain("@import", html, StringComparison.Ordinal);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_HasEveryRow_TheFlags_AndATextAlternative()
    {
        string html = Report("ketamine-madrs.json", out _);
        Assert.Equal(18, Regex.Count(html, "<tr class=\"assessment"));
        Assert.Equal(6, Regex.Count(html, "<tr class=\"session\""));
        Assert.Equal(2, Regex.Count(html, "<li class=\"flag\""));
        Assert.Contains("URGENT suicide-risk: item 10 (suicidal thoughts) = 4 on 2026-03-02 08:00Z", html, StringComparison.Ordinal);
        // Not colour alone: the chart has a caption in words, flags carry a symbol and a word.
        Assert.Contains("role=\"img\" aria-labelledby=\"chart-caption\"", html, StringComparison.Ordinal);
        Assert.Matches("<figcaption id=\"chart-caption\">Chart of 18 madrs totals .*Loss of response on 2026-04-04", html);
        Assert.Contains("⚠ URGENT", html, StringComparison.Ordinal);
        Assert.Contains("@media print", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_EscapesCallerText()
    {
        const string course = """
            {"instrument":"madrs","treatments":[{"at":"2026-03-02T09:00:00Z","kind":"<img src=x onerror=alert(1)>"}],
             "assessments":[{"at":"2026-03-02T08:00:00Z","total":30},{"at":"2026-03-03T08:00:00Z","total":12}]}
            """;
        string path = Path.Combine(Path.GetTempPath(), $"assess-report-{Guid.NewGuid():N}.html");
        Assert.Equal(0, RunWithInput(course, "course", "-", "--format", "html", "--output", path).Exit);
        string html = File.ReadAllText(path);
        File.Delete(path);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html, StringComparison.Ordinal);
    }

    /// <summary>The PNG: the chart's size, and not blank (band colours, the line, text).</summary>
    [Fact]
    public void Png_IsTheChart_SizedAndNotBlank()
    {
        string path = Path.Combine(Path.GetTempPath(), $"assess-chart-{Guid.NewGuid():N}.png");
        var (exit, output, _) = Run("course", Sample("ketamine-madrs.json"), "--format", "png", "--output", path);
        Assert.Equal(0, exit);
        Assert.Contains("wrote", output, StringComparison.Ordinal);
        byte[] png = File.ReadAllBytes(path);
        File.Delete(path);
        Assert.True(png.Length > 10_000, $"{png.Length} bytes");
        using SKBitmap bitmap = SKBitmap.Decode(png);
        Assert.Equal((CourseReport.ChartWidth, CourseReport.ChartHeight), (bitmap.Width, bitmap.Height));
        var colours = new System.Collections.Generic.HashSet<uint>();
        int dark = 0;
        for (int y = 0; y < bitmap.Height; y += 2)
        {
            for (int x = 0; x < bitmap.Width; x += 2)
            {
                SKColor c = bitmap.GetPixel(x, y);
                colours.Add((uint)c);
                if (c.Red + c.Green + c.Blue < 150)
                    dark++;
            }
        }

        Assert.True(colours.Count > 50, $"{colours.Count} colours");
        Assert.True(dark > 500, $"{dark} dark pixels (axes, line, text)");
        // The band colours are there: the green of the lowest MADRS band and the red of the highest.
        Assert.Contains(colours, c => new SKColor(c) is { Red: 0xdc, Green: 0xef, Blue: 0xd8 });
        Assert.Contains(colours, c => new SKColor(c) is { Red: 0xf5, Green: 0xa8, Blue: 0xa8 });
    }

    [Fact]
    public void ChartText_DescribesTheCourseInWords()
    {
        byte[] utf8 = File.ReadAllBytes(Sample("ketamine-madrs.json"));
        Trends.CourseReadResult read = Trends.TreatmentCourse.SummarizeDocument(utf8, null, null);
        string text = CourseReport.Describe(read.Summary!);
        Assert.Contains("Baseline 34 (Moderate) on 2026-03-02", text, StringComparison.Ordinal);
        Assert.Contains("latest 24 (Moderate) on 2026-05-01, 29.4 % improvement, status partial-response.", text, StringComparison.Ordinal);
        Assert.Contains("Rapid response on 2026-03-03.", text, StringComparison.Ordinal);
        Assert.Contains("2 safety flag(s)", text, StringComparison.Ordinal);
        Assert.Equal(["rapid response", "loss of response"], CourseReport.Events(read.Summary!).Select(e => e.Text));
    }
}
