using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Xunit;

namespace Assessments.Tests.Evaluation;

/// <summary>One pipeline (docs/architecture.md): every reader hands the one evaluation a raw response, and nothing
/// outside the evaluation decides a flag. These tests hold the code to that, and pin the public raw-response road.</summary>
public sealed class PipelineTests
{
    private static readonly string Root = FindRoot();

    private static string FindRoot()
    {
        DirectoryInfo? dir = new(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Assessments.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("The repository root was not found above the test binaries.");
    }

    /// <summary>The kernel and its summary are reached only through the evaluation: a reader, orchestrator or writer
    /// that ran the kernel itself could emit (or forget) flags of its own. This is the guard the type system cannot give
    /// inside one assembly.</summary>
    [Fact]
    public void OnlyTheEvaluationRunsTheKernel()
    {
        string src = Path.Combine(Root, "src");
        string evaluation = Path.Combine(src, "Assessments", "Evaluation") + Path.DirectorySeparatorChar;
        var offenders = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.StartsWith(evaluation, StringComparison.Ordinal) && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f) is string text && (text.Contains("ScoringKernel.", StringComparison.Ordinal) || text.Contains("KernelSummary", StringComparison.Ordinal) || text.Contains("FlagCollector", StringComparison.Ordinal)))
            .Select(f => Path.GetRelativePath(Root, f))
            .ToList();
        Assert.Empty(offenders);
    }

    /// <summary>The rooms of the package depend on each other one way (docs/architecture.md): reading, evaluating,
    /// writing, courses, batches and the JSON facade form no cycle. The root namespace (the model every room shares) and
    /// System.Text.Json's <c>[JsonConverter]</c> attributes on model types are not counted.</summary>
    [Fact]
    public void SubNamespaces_FormNoCycle()
    {
        string src = Path.Combine(Root, "src", "Assessments");
        var graph = new Dictionary<string, HashSet<string>>();
        foreach (string file in Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                continue;
            string text = File.ReadAllText(file);
            string ns = Regex.Match(text, @"^namespace (Assessments(?:\.\w+)?);", RegexOptions.Multiline).Groups[1].Value;
            string code = Regex.Replace(Regex.Replace(text, @"\[(System\.Text\.Json\.Serialization\.)?JsonConverter\(typeof\([\w.]+\)\)\]", ""), "///.*", "");
            var refs = new HashSet<string>(Regex.Matches(code, @"^using (Assessments\.\w+);", RegexOptions.Multiline).Select(m => m.Groups[1].Value));
            foreach (Match m in Regex.Matches(code, @"\b(Serialization|Trends|Evaluation|Reading|Writing|Batches|Validation)\.[A-Z]\w+"))
                refs.Add("Assessments." + m.Groups[1].Value);
            if (ns == "Assessments")
                continue;
            if (!graph.TryGetValue(ns, out HashSet<string>? edges))
                graph[ns] = edges = [];
            edges.UnionWith(refs.Where(r => r != ns && r != "Assessments"));
        }

        Assert.True(graph.Count >= 6, "the rooms were not found");
        foreach (string start in graph.Keys)
        {
            var seen = new HashSet<string>();
            var stack = new Stack<string>(graph[start]);
            while (stack.Count > 0)
            {
                string next = stack.Pop();
                Assert.False(next == start, $"{start} depends on itself through {string.Join(", ", seen)}");
                if (seen.Add(next) && graph.TryGetValue(next, out HashSet<string>? more))
                    foreach (string m in more)
                        stack.Push(m);
            }
        }
    }

    /// <summary>Satellites use the public API: the core grants no satellite package its internals.</summary>
    [Fact]
    public void TheCoreGrantsNoSatelliteItsInternals()
    {
        string[] friends = [.. typeof(Instrument).Assembly.GetCustomAttributes<InternalsVisibleToAttribute>().Select(a => a.AssemblyName)];
        Assert.DoesNotContain("Assessments.Fhir", friends);
        Assert.DoesNotContain("Assessments.AspNetCore", friends);
        Assert.All(friends, f => Assert.True(f is "Assessments.Tests" or "Assessments.Fuzz", f));
    }

    [Fact]
    public void DefaultRawItem_IsBlank_NeverAnAnswer()
    {
        Assert.Equal(RawItemState.Blank, default(RawItem).State);
        Assert.Equal(RawItem.Blank, default);
        Assert.NotEqual(RawItem.Answer(0), default);
    }

    /// <summary>A raw response of nullable values evaluates exactly as <see cref="Instrument.Score(System.Collections.Generic.IReadOnlyList{int?}, ScoringOptions?, string?)"/>.</summary>
    [Theory]
    [InlineData(new[] { 1, 2, 3, 1, 2, 3, 0, 1, 2 })]
    [InlineData(new[] { 0, 0, 0, 0, 0, 0, 0, 0, 3 })]
    [InlineData(new[] { 0, 0, 0, 0, 0, 0, 0, 0, -1 })]
    public void RawResponse_EvaluatesLikeScore(int[] values)
    {
        int?[] items = [.. values.Select(v => v < 0 ? (int?)null : v)];
        ScoringResult viaRaw = RawResponse.FromValues(Assessments.Instruments.Phq9, items, "r-1").Evaluate();
        ScoringResult viaScore = Assessments.Instruments.Phq9.Score(items, null, "r-1");
        Assert.Equal(Assessments.Serialization.AssessmentsJson.WriteResult(viaScore), Assessments.Serialization.AssessmentsJson.WriteResult(viaRaw));
    }

    /// <summary>An unreadable item never hides the flag of another: item 6 unreadable, item 9 = 3 is urgent.</summary>
    [Fact]
    public void UnreadableItem_KeepsEveryOtherFlag()
    {
        RawItem[] items = [.. new[] { 1, 1, 1, 1, 1 }.Select(RawItem.Answer), RawItem.Unreadable, RawItem.Answer(0), RawItem.Answer(0), RawItem.Answer(3)];
        ScoringResult result = Assessments.Instruments.Phq9.Evaluate(items);
        Assert.False(result.IsSuccess);
        Assert.Equal((ErrorCodes.ItemNotANumber, (int?)6), (result.Errors.Single().Code, result.Errors.Single().ItemNumber));
        Assert.Contains("(worthlessness) of phq-9", result.Errors.Single().Message, StringComparison.Ordinal);
        SafetyFlag flag = Assert.Single(result.Flags);
        Assert.Equal((FlagIds.SuicideRisk, (int?)9, (FlagPriority?)FlagPriority.Urgent), (flag.Id, flag.ItemNumber, flag.Priority));
    }

    /// <summary>A source's "not presented" claim is read as blank; the instrument's own skip logic decides: an
    /// always-asked safety item that was not presented must be asked again.</summary>
    [Fact]
    public void NotAsked_IsBlank_AndTheSkipLogicDecides()
    {
        RawItem[] items = [.. Enumerable.Repeat(RawItem.Answer(0), 8), RawItem.NotAsked];
        ScoringResult result = Assessments.Instruments.Phq9.Evaluate(items);
        Assert.Equal(ErrorCodes.ItemMissing, result.Errors.Single().Code);
        Assert.Equal(FlagIds.SafetyItemUnanswered, Assert.Single(result.Flags).Id);
    }

    /// <summary>Reader faults make the response invalid, come first (in item order), explain an unreadable item (no
    /// second error for it), and hide no flag.</summary>
    [Fact]
    public void ReaderErrors_ComeFirst_ExplainTheirItem_AndHideNoFlag()
    {
        RawItem[] items = [.. Enumerable.Repeat(RawItem.Answer(0), 4), RawItem.Unreadable, .. Enumerable.Repeat(RawItem.Answer(0), 3), RawItem.Answer(2)];
        var readerErrors = new[] { new ScoringError("fhir-unknown-link-id", null, "An unknown linkId."), new ScoringError("fhir-unknown-answer-code", 5, "Item 5 has an unknown code.") };
        ScoringResult result = new RawResponse(Assessments.Instruments.Phq9, items, "qr-1", readerErrors).Evaluate();
        Assert.False(result.IsSuccess);
        Assert.Equal(["fhir-unknown-answer-code", "fhir-unknown-link-id"], result.Errors.Select(e => e.Code));
        Assert.Equal((int?)2, Assert.Single(result.Flags).Value);

        // A reader fault on an otherwise valid response still makes it invalid: the reader could not read everything.
        ScoringResult valid = new RawResponse(Assessments.Instruments.Phq9, Enumerable.Repeat(RawItem.Answer(1), 9), null, [readerErrors[0]]).Evaluate();
        Assert.False(valid.IsSuccess);
        Assert.Equal((int?)1, Assert.Single(valid.Flags).Value);
    }

    /// <summary>The import rule for skipped questions is an evaluation option: "No" (the item's lowest score) where the
    /// C-SSRS skip logic did not ask is read as not asked and noted; without the option it is <c>item-not-asked</c>; a
    /// "Yes" there stays an error and keeps its urgent risk.</summary>
    [Fact]
    public void SkippedNo_IsAnEvaluationOption()
    {
        RawItem[] allNo = [.. Enumerable.Repeat(RawItem.Answer(0), 7)];
        var import = new ScoringOptions { NoOnSkippedItemIsNotAsked = true };
        ScoringResult imported = Assessments.Instruments.CssrsScreen.Evaluate(allNo, import);
        Assert.True(imported.IsSuccess, string.Join("; ", imported.Errors));
        Assert.Equal(["not-asked-answered-no item 3", "not-asked-answered-no item 4", "not-asked-answered-no item 5", "not-asked-answered-no item 7"], imported.Score.Notes.ToArray());
        Assert.Equal(RiskLevel.None, imported.Score.RiskLevel);

        ScoringResult strict = Assessments.Instruments.CssrsScreen.Evaluate(allNo);
        Assert.All(strict.Errors, e => Assert.Equal(ErrorCodes.ItemNotAsked, e.Code));

        RawItem[] yesToIntent = [RawItem.Answer(0), RawItem.Answer(0), RawItem.Answer(0), RawItem.Answer(1), RawItem.Answer(0), RawItem.Answer(0), RawItem.Answer(0)];
        ScoringResult contradicted = Assessments.Instruments.CssrsScreen.Evaluate(yesToIntent, import);
        Assert.Contains(contradicted.Errors, e => e.Code == ErrorCodes.ItemNotAsked && e.ItemNumber == 4);
        Assert.Contains(contradicted.Flags, f => f.RiskLevel == RiskLevel.High && f.Priority == FlagPriority.Urgent);
    }

    /// <summary>Options are honoured or refused, never ignored: the fast path has no blanks to prorate.</summary>
    [Fact]
    public void ScoreQuick_RefusesOptionsItCannotHonour()
    {
        int[] values = [1, 1, 1, 1, 1, 1, 1, 1, 1];
        Assert.Throws<ArgumentException>(() => Assessments.Instruments.Phq9.ScoreQuick(values, new ScoringOptions { Prorate = true }));
        Assert.Throws<ArgumentException>(() => Assessments.Instruments.Phq9.ScoreQuick(values, new ScoringOptions { NoOnSkippedItemIsNotAsked = true }));
        Assert.Equal(9, Assessments.Instruments.Phq9.ScoreQuick(values, new ScoringOptions { BandSet = "kroenke-2001" }).Total);
    }
}
