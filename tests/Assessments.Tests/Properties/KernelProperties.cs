using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Assessments.Trends;
using Assessments.Serialization;
using Assessments.Testing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Assessments.Batches;

namespace Assessments.Tests.Properties;

/// <summary>
/// The one kernel against the reference oracle, and every path (result, fast path, readers, batch, course) against the
/// "never lost" rule, over the catalogue and generated instruments with raw values of every kind.
/// </summary>
[Properties(Arbitrary = [typeof(DefinitionGenerators)], MaxTest = 600)]
public sealed class KernelProperties
{
    private static readonly string[] UnreadableJson = ["\"x\"", "1.5", "1e0", "true", "2147483648", "{}", "[1]", "\"\\ud800\"", "-0.0"];

    [Property]
    public bool Kernel_EqualsTheReferenceOracle(RawCase r)
    {
        Expected expected = ReferenceScorer.Score(r.Instrument, r.Values, r.Kind, r.Prorate, r.NoOnSkipped);
        ScoringResult result = ScoreRaw(r);
        return Same(expected, result);
    }

    [Property]
    public bool ScoreQuick_IsAProjectionOfTheSameRecord(RawCase r)
    {
        if (r.Values.Any(v => v.Unreadable || v.Value is null))
            return true;
        int[] values = [.. r.Values.Select(v => v.Value!.Value)];
        var options = new ScoringOptions { Values = r.Kind };
        QuickScore quick = r.Instrument.ScoreQuick(values, options);
        ScoringResult full = r.Instrument.Score([.. values.Select(v => (int?)v)], options);
        FlagPriority? highest = full.Flags.Where(f => f.Priority is not null).Select(f => f.Priority).Max();
        bool same = quick.IsSuccess == full.IsSuccess && quick.SafetyPriority == highest && quick.FlagCount == full.Flags.Length;
        if (full.Score is { } score)
            return same && quick.Total == score.Total && Equals(quick.Band, score.Band) && quick.RiskLevel == score.RiskLevel && quick.HasNotes == !score.Notes.IsEmpty;
        return same && quick.ErrorCount == full.Errors.Length && quick.FirstErrorCode == full.Errors[0].Code && quick.FirstErrorItem == full.Errors[0].ItemNumber;
    }

    /// <summary>§3 "never lost", stated directly: each safety item with a readable in-range value at or above its
    /// threshold raises <c>suicide-risk</c> with the right priority, and each one without a valid value that may have
    /// been asked raises <c>safety-item-unanswered</c>, on every path.</summary>
    [Property(MaxTest = 300)]
    public bool EveryPath_RaisesEveryFlagTheRulesDemand(RawCase r)
    {
        r = r with { NoOnSkipped = false }; // a document cannot state the import rule: every path reads without it
        Expected expected = ReferenceScorer.Score(r.Instrument, r.Values, r.Kind, r.Prorate);
        if (!RulesHold(r, expected))
            return false;
        var wanted = expected.Flags.Select(Key).ToList();
        foreach ((string path, List<string> flags) in Paths(r))
        {
            if (!flags.SequenceEqual(wanted))
                throw new InvalidOperationException($"{path}: [{string.Join(" ", flags)}] but the rules demand [{string.Join(" ", wanted)}]");
        }

        return true;
    }

    [Property(MaxTest = 300)]
    public bool BatchLine_IsByteForByteTheFullPath(RawCase r)
    {
        string document = Document(r, new Random(r.Values.Length));
        string batch = Batch([document], Resolver(r.Instrument)).Single();
        return batch == FullPath(document, Resolver(r.Instrument));
    }

    [Property(MaxTest = 100)]
    public bool ABadLine_NeverTouchesAnotherLine(RawCase[] responses, int seed)
    {
        var random = new Random(seed);
        var lines = new List<string>();
        var solo = new List<string>();
        Func<string, Instrument?> resolve = id => responses.Select(x => x.Instrument).FirstOrDefault(i => i.Id == id) ?? Resolver(null)(id);
        foreach (RawCase r in responses.Take(8))
        {
            if (random.Next(3) == 0)
            {
                string bad = random.Next(5) switch
                {
                    0 => "{\"instrument\":\"phq-9\",\"items\":[\"\\ud800\"]}",
                    1 => "{\"instrument\":",
                    2 => "[[[[[[[[[[",
                    3 => "{\"items\":[1],\"items\":[2],\"instrument\":\"phq-9\"}",
                    _ => "\"just a string\"",
                };
                lines.Add(bad);
                solo.Add(FullPath(bad, resolve));
            }

            string document = Document(r, random);
            lines.Add(document);
            solo.Add(FullPath(document, resolve));
        }

        List<string> output = Batch(lines, resolve);
        return output.SequenceEqual(solo);
    }

    /// <summary>The generators reach the interesting cases: valid and invalid C-SSRS screeners, valid responses to
    /// generated instruments with skip logic, and unreadable safety items.</summary>
    [Xunit.Fact]
    public void Generators_ReachValidScreenersAndSkipLogic()
    {
        var random = new Random(7);
        int valid = 0, invalid = 0, high = 0;
        for (int i = 0; i < 2000; i++)
        {
            Raw[] raws = RandomInstruments.Walk(Assessments.Instruments.CssrsScreen, ResponseValueKind.ItemScores, 7, random.Next(3) * 10, random);
            Expected e = ReferenceScorer.Score(Assessments.Instruments.CssrsScreen, raws, ResponseValueKind.ItemScores, false);
            valid += e.Valid ? 1 : 0;
            invalid += e.Valid ? 0 : 1;
            high += e.Flags.Any(f => f.Risk == RiskLevel.High) ? 1 : 0;
        }

        Xunit.Assert.InRange(valid, 600, 2000);
        Xunit.Assert.InRange(invalid, 100, 2000);
        Xunit.Assert.InRange(high, 200, 2000);

        int skipValid = 0;
        for (int seed = 0; seed < 300; seed++)
        {
            Instrument generated = RandomInstruments.Build(ScoringMethod.RiskTiers, 20, seed);
            Raw[] raws = RandomInstruments.Walk(generated, ResponseValueKind.ItemScores, 20, 0, random);
            skipValid += ReferenceScorer.Score(generated, raws, ResponseValueKind.ItemScores, false).Valid && generated.Items.Any(it => it.AskedWhen is not null) ? 1 : 0;
        }

        Xunit.Assert.InRange(skipValid, 100, 300);
    }

    /// <summary>The public road every reader takes: raw items (answered, blank, unreadable) into the one evaluation.</summary>
    internal static ScoringResult ScoreRaw(RawCase r)
    {
        RawItem[] items = [.. r.Values.Select(v => v.Unreadable ? RawItem.Unreadable : RawItem.From(v.Value))];
        return r.Instrument.Evaluate(items, r.Options);
    }

    private static bool Same(Expected expected, ScoringResult result)
    {
        var errors = result.Errors.Select(e => (e.Code, e.ItemNumber)).ToList();
        var flags = result.Flags.Select(f => (f.Id, f.ItemNumber, f.Value, f.RiskLevel, f.Priority)).ToList();
        if (!errors.SequenceEqual(expected.Errors) || !flags.SequenceEqual(expected.Flags) || result.IsSuccess != expected.Valid)
            throw new InvalidOperationException($"errors [{string.Join(" ", errors)}] vs [{string.Join(" ", expected.Errors)}]; flags [{string.Join(" ", flags)}] vs [{string.Join(" ", expected.Flags)}]");
        if (result.Score is not { } score)
            return true;
        return score.Total == expected.Total && score.RiskLevel == expected.Risk && score.Prorated == expected.Prorated;
    }

    /// <summary>The §3 statement checked directly, independent of the oracle's bookkeeping.</summary>
    private static bool RulesHold(RawCase r, Expected expected)
    {
        if (r.Values.Length != r.Instrument.Items.Length)
            return r.Instrument.SafetyRules.All(rule => expected.Flags.Contains((FlagIds.SafetyItemUnanswered, rule.ItemNumber, null, null, null)));
        foreach (SafetyRule rule in r.Instrument.SafetyRules)
        {
            Raw raw = r.Values[rule.ItemNumber - 1];
            Item item = r.Instrument.Items[rule.ItemNumber - 1];
            int? score = raw.Unreadable || raw.Value is not int v ? null
                : r.Kind == ResponseValueKind.OptionPositions ? (v >= 0 && v < item.PositionScores.Length ? item.PositionScores[v] : null)
                : (v >= item.MinScore && v <= item.MaxScore ? v : null);
            if (score is int s && s >= rule.ReviewAt)
            {
                FlagPriority p = s >= rule.UrgentAt ? FlagPriority.Urgent : FlagPriority.Review;
                if (!expected.Flags.Contains((FlagIds.SuicideRisk, rule.ItemNumber, s, null, p)))
                    return false;
            }
            else if (score is null && item.AskedWhen is null && !expected.Flags.Contains((FlagIds.SafetyItemUnanswered, rule.ItemNumber, null, null, null)))
            {
                return false;
            }
        }

        return true;
    }

    private static string Key((string Id, int? Item, int? Value, RiskLevel? Risk, FlagPriority? Priority) f) =>
        $"{f.Id}/{f.Item}/{f.Value}/{(f.Risk is RiskLevel l ? WireIds.ToWireId(l) : "")}/{(f.Priority is FlagPriority p ? WireIds.ToWireId(p) : "")}";

    private static string Key(SafetyFlag f) => Key((f.Id, f.ItemNumber, f.Value, f.RiskLevel, f.Priority));

    private static string Key(JsonElement f)
    {
        string id = f.GetProperty("id").GetString()!;
        int? item = f.GetProperty("item").ValueKind == JsonValueKind.Number ? f.GetProperty("item").GetInt32() : null;
        f.TryGetProperty("value", out JsonElement value);
        int? v = value.ValueKind == JsonValueKind.Number ? value.GetInt32() : null;
        string risk = value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
        string priority = f.TryGetProperty("priority", out JsonElement p) && p.ValueKind == JsonValueKind.String ? p.GetString()! : "";
        return $"{id}/{item}/{v}/{risk}/{priority}";
    }

    /// <summary>The flags of the same response through every path that can carry it.</summary>
    private static IEnumerable<(string Path, List<string> Flags)> Paths(RawCase r)
    {
        Func<string, Instrument?> resolve = Resolver(r.Instrument);
        yield return ("result", ScoreRaw(r).Flags.Select(Key).ToList());

        string document = Document(r, new Random(r.Values.Length));
        ResponseReadResult read = AssessmentsJson.ReadResponse(document, resolve);
        ImmutableFlags fromRead = read.IsSuccess ? new(read.Instrument.Score(read.Response).Flags) : new(read.Flags);
        yield return ("ReadResponse", fromRead.Flags.Select(Key).ToList());

        string[] tokens = [.. r.Values.Select(v => v.Unreadable ? "x" : v.Value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-")];
        ResponseReadResult fromTokens = AssessmentsJson.ReadTokens(r.Instrument, tokens, new ScoringOptions { Values = r.Kind, Prorate = r.Prorate });
        yield return ("ReadTokens", (fromTokens.IsSuccess ? r.Instrument.Score(fromTokens.Response).Flags : fromTokens.Flags).Select(Key).ToList());

        using (JsonDocument line = JsonDocument.Parse(Batch([document], resolve).Single()))
            yield return ("batch", line.RootElement.GetProperty("flags").EnumerateArray().Select(Key).ToList());

        if (r.Instrument.HasTotal)
        {
            string items = document[(document.IndexOf("\"items\":", StringComparison.Ordinal) + 8)..document.IndexOf(",\"positions\"", StringComparison.Ordinal)];
            string course = $"{{\"instrument\":\"{r.Instrument.Id}\",\"assessments\":[{{\"at\":\"2026-03-02T08:00:00Z\",\"items\":{items},\"positions\":{(r.Kind == ResponseValueKind.OptionPositions ? "true" : "false")},\"prorate\":{(r.Prorate ? "true" : "false")}}}]}}";
            CourseReadResult summary = TreatmentCourse.SummarizeDocument(course, resolve, null);
            yield return ("course", summary.SafetyFlags.Select(f => Key(f.Flag)).ToList());
        }

        if (Assessments.Instruments.TryGet(r.Instrument.Id, out _))
        {
            var stdout = new StringWriter();
            Assessments.Cli.Cli.Run(["score", "--input", "-", "--format", "json"], new StringReader(document), stdout, new StringWriter());
            using JsonDocument cli = JsonDocument.Parse(stdout.ToString());
            yield return ("cli", cli.RootElement.GetProperty("flags").EnumerateArray().Select(Key).ToList());
        }
    }

    private sealed record ImmutableFlags(System.Collections.Immutable.ImmutableArray<SafetyFlag> Flags);

    internal static Func<string, Instrument?> Resolver(Instrument? extra) =>
        id => extra is not null && id == extra.Id ? extra : Assessments.Instruments.TryGet(id, out Instrument? i) ? i : null;

    internal static string Document(RawCase r, Random random)
    {
        string items = string.Join(",", r.Values.Select(v => v.Unreadable ? UnreadableJson[random.Next(UnreadableJson.Length)] : v.Value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null"));
        return $"{{\"id\":\"r-{random.Next(1000)}\",\"instrument\":\"{r.Instrument.Id}\",\"items\":[{items}],\"positions\":{(r.Kind == ResponseValueKind.OptionPositions ? "true" : "false")},\"prorate\":{(r.Prorate ? "true" : "false")}}}";
    }

    internal static string FullPath(string document, Func<string, Instrument?> resolve)
    {
        ResponseReadResult read = AssessmentsJson.ReadResponse(document, resolve);
        return read.IsSuccess ? AssessmentsJson.WriteResult(read.Instrument.Score(read.Response)) : AssessmentsJson.WriteReadErrors(read);
    }

    internal static List<string> Batch(IEnumerable<string> lines, Func<string, Instrument?>? resolve = null)
    {
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(string.Join("\n", lines)));
        using var output = new MemoryStream();
        BatchScoring.ScoreNdjson(input, output, resolve);
        return [.. Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }
}
