using System.IO;
using System.Linq;

namespace Assessments.Cli.Tests;

/// <summary>Runs the assess command in process, as a pipe would see it (no terminal) unless told otherwise.</summary>
internal static class Harness
{
    public static (int Exit, string Out, string Err) Run(params string[] args) => RunWithInput("", args);

    public static (int Exit, string Out, string Err) RunWithInput(string stdin, params string[] args) => RunOn(Terminal.None, stdin, args);

    public static (int Exit, string Out, string Err) RunOn(Terminal terminal, string stdin, params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int exit = Assessments.Cli.Cli.Run(args, new StringReader(stdin), o, e, terminal: terminal);
        return (exit, o.ToString(), e.ToString());
    }

    public static string RepoRoot() => Assessments.Browser.HeadlessChromium.RepoRoot();

    public static string Sample(string name) => Path.Combine(RepoRoot(), "samples", "courses", name);

    /// <summary>The lines of a text output, without empty ones.</summary>
    public static string[] Lines(string text) => text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToArray();
}
