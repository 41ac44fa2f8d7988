using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace Assessments.Tests.Docs;

/// <summary>What the repository says about itself stays true: the quick starts compile (they are the QuickStart
/// sample's code), the package README links nowhere the package cannot follow, and no comment cites a file outside
/// the repository.</summary>
public sealed partial class RepositoryDocsTests
{
    private static readonly string Root = FindRoot();

    private static string FindRoot()
    {
        DirectoryInfo? dir = new(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Assessments.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("The repository root (Assessments.sln) was not found above the test binaries.");
    }

    private static string Read(params string[] path) => File.ReadAllText(Path.Combine([Root, .. path])).Replace("\r\n", "\n", StringComparison.Ordinal);

    /// <summary>The first C# block after a heading.</summary>
    private static string CodeAfter(string markdown, string heading)
    {
        int at = markdown.IndexOf(heading, StringComparison.Ordinal);
        Assert.True(at >= 0, "missing heading " + heading);
        int start = markdown.IndexOf("```csharp\n", at, StringComparison.Ordinal) + "```csharp\n".Length;
        return markdown[start..markdown.IndexOf("```", start, StringComparison.Ordinal)];
    }

    [Theory]
    [InlineData("README.md")]
    [InlineData("src/Assessments/PACKAGE.md")]
    public void QuickStart_IsTheQuickStartSamplesCode(string file)
    {
        string sample = Read("samples", "QuickStart", "Program.cs");
        string block = CodeAfter(Read(file.Split('/')), "## Quick start");
        foreach (string line in block.Split('\n').Where(l => l.Length > 0))
            Assert.Contains(line, sample, StringComparison.Ordinal);
        Assert.Contains("using Assessments;", block, StringComparison.Ordinal);
    }

    [Fact]
    public void PackageReadme_HasNoLinkThePackageCannotFollow()
    {
        string readme = Read("src", "Assessments", "PACKAGE.md");
        Assert.Empty(RelativeLink().Matches(readme).Select(m => m.Value));
    }

    [Fact]
    public void NoSourceOrDoc_CitesAFileOutsideTheRepository()
    {
        string[] outside = ["CLINICAL-REFERENCE" + ".md", "../" + "shared", "shared/" + "CLI.md"];
        string[] roots = ["src", "samples", "tests", "benchmarks", "docs"];
        var offenders = roots
            .SelectMany(r => Directory.EnumerateFiles(Path.Combine(Root, r), "*.*", SearchOption.AllDirectories))
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".md", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                     && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Append(Path.Combine(Root, "README.md"))
            .Where(f => outside.Any(o => File.ReadAllText(f).Contains(o, StringComparison.Ordinal)))
            .Select(f => Path.GetRelativePath(Root, f))
            .ToArray();
        Assert.Empty(offenders);
    }

    [Fact]
    public void EveryDocTheReadmeLinks_Exists()
    {
        string readme = Read("README.md");
        string[] missing = [.. MarkdownLink().Matches(readme)
            .Select(m => m.Groups[1].Value)
            .Where(l => !l.StartsWith("http", StringComparison.Ordinal) && !l.StartsWith('#'))
            .Select(l => l.Split('#')[0])
            .Where(l => !File.Exists(Path.Combine(Root, l)) && !Directory.Exists(Path.Combine(Root, l)))];
        Assert.Empty(missing);
    }

    [Fact]
    public void TheTestsRunOnTheRuntimeTheirTargetNames()
    {
#if NET8_0
        Assert.Equal(8, Environment.Version.Major);
#else
        Assert.Equal(10, Environment.Version.Major);
#endif
    }

    [GeneratedRegex(@"\]\((?!https://)[^)]*\)")]
    private static partial Regex RelativeLink();

    [GeneratedRegex(@"\]\(([^)\s]+)\)")]
    private static partial Regex MarkdownLink();
}
