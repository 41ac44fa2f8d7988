using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Text.Json;

namespace Assessments.Browser;

/// <summary>
/// Headless Chromium for the browser tests (Debian's <c>chromium</c>; <c>tests/install-browser.sh</c> installs it, and
/// CI runs that first). Set <c>CHROMIUM</c> to use another Chromium or Chrome binary.
/// </summary>
internal static class HeadlessChromium
{
    /// <summary>The browser binary, or an error that says how to install one.</summary>
    public static string Binary()
    {
        string? configured = Environment.GetEnvironmentVariable("CHROMIUM");
        string[] candidates = [configured ?? "", "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];
        return candidates.FirstOrDefault(c => c.Length > 0 && File.Exists(c))
            ?? throw new InvalidOperationException("Chromium is not installed: run tests/install-browser.sh (as root), or set CHROMIUM to a Chromium or Chrome binary.");
    }

    /// <summary>Runs the browser headless with a fresh profile and no background traffic; returns standard output.</summary>
    public static string Run(params string[] args)
    {
        var start = new ProcessStartInfo(Binary())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string profile = Path.Combine(Path.GetTempPath(), "assess-chromium-" + Guid.NewGuid().ToString("N"));
        string[] common = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars", "--no-first-run",
                           "--disable-background-networking", "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile];
        foreach (string arg in common.Concat(args))
            start.ArgumentList.Add(arg);
        using Process process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdoutRead = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("Chromium did not finish within two minutes.");
        }

        string stdout = stdoutRead.Result;
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"Chromium exited {process.ExitCode}: {stderr.Result}");
        try { Directory.Delete(profile, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        return stdout;
    }

    /// <summary>The JSON a page's script wrote into <c>&lt;pre id="measure"&gt;</c>, read from <c>--dump-dom</c> output.</summary>
    public static JsonDocument Measured(string dom)
    {
        const string open = "<pre id=\"measure\">";
        int start = dom.IndexOf(open, StringComparison.Ordinal);
        if (start < 0)
            throw new InvalidOperationException("The page wrote no measurement (its script did not finish): " + dom[..Math.Min(dom.Length, 500)]);
        start += open.Length;
        return JsonDocument.Parse(WebUtility.HtmlDecode(dom[start..dom.IndexOf("</pre>", start, StringComparison.Ordinal)]));
    }

    /// <summary>The repository root (the folder holding <c>Assessments.sln</c>) above the test's output folder.</summary>
    public static string RepoRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Assessments.sln")))
                return dir.FullName;
        }

        throw new InvalidOperationException("Assessments.sln not found above " + AppContext.BaseDirectory);
    }
}
