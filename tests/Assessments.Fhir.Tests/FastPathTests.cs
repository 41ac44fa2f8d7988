using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

namespace Assessments.Fhir.Tests;

/// <summary>The fast path (one Utf8JsonReader pass) gives the Firely path's result on every input: the same result or
/// the same error codes. Generated documents cover what forms write (LOINC and own linkIds, codes with and without
/// system, valueInteger, groups, meta, a stated total) and what they should not (unknown codes, two answers, missing
/// answers, unknown elements, broken JSON, escapes, wrong types).</summary>
public sealed class FastPathTests
{
    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    /// <summary>Everything a caller can see of a result, as one comparable value.</summary>
    internal static string Key(FhirScoringResult r) => string.Join(" | ",
        r.Instrument?.Id ?? "-",
        string.Join(";", r.Errors.Select(e => $"{e.Code}/{e.ItemNumber}/{e.Message}")),
        string.Join(";", r.Flags.Select(f => $"{f.Id}/{f.ItemNumber}/{f.Value}/{f.Priority}/{f.RiskLevel}")),
        r.Score is { } s ? $"{s.Total}/{s.Band?.Id}/{s.RiskLevel}/{string.Join(",", s.ItemScores)}/{string.Join(",", s.Notes)}" : "no score",
        $"{r.EmbeddedTotal}/{r.EmbeddedTotalAgrees}/{r.FunctionalDifficulty}/{r.Questionnaire}/{r.Authored}/{r.AuthoredAt:O}/{r.EmbeddedRiskLevel}/{r.EmbeddedRiskLevelAgrees}/{r.Subject}/{r.ResourceId}",
        string.Join(";", r.Notes),
        string.Join(" || ", r.Panels.Select(Key)));

    [Fact]
    public void LhcFormsFixture_IsReadByTheFastPath_WithTheSameResult()
    {
        byte[] utf8 = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "lhc-forms-phq9-response.json"));
        Assert.True(QuestionnaireResponseImporter.FastPathReads(utf8));
        Assert.Equal(Key(QuestionnaireResponseImporter.ScoreJson(Fixture("lhc-forms-phq9-response.json"))), Key(QuestionnaireResponseImporter.ScoreUtf8(utf8)));
        Assert.Equal(15, QuestionnaireResponseImporter.ScoreUtf8(utf8).Score!.Total);
    }

    /// <summary>What the fuzz harness found: Firely threw on these (an empty property name, a null item, a single
    /// object where a list belongs) or refused a URI the fast path took (a comma, a brace in the host). Both paths now
    /// give the same coded result, and neither throws.</summary>
    [Theory]
    [InlineData("""{"resourceType":"QuestionnaireResponse","status":"completed","item":[{"linkId":"/44250-9","answer":[{"":{"code":"LA6569-3"}}]}]}""")]
    [InlineData("""{"resourceType":"QuestionnaireResponse","status":"completed","item":[null,{"linkId":"/44260-8","answer":[{"valueCoding":{"code":"LA6571-9"}}]}]}""")]
    [InlineData("""{"resourceType":"QuestionnaireResponse","status":"completed","item":{"linkId":"/44250-9"}}""")]
    [InlineData("""{"resourceType":"QuestionnaireResponse","status":"completed","item":[{"linkId":"/44250-9","answer":{"valueInteger":1}}]}""")]
    [InlineData("""{"resourceType":"QuestionnaireResponse","status":"completed","questionnaire":"http://assessments,.dev/fhir/Questionnaire/phq-9","item":[{"linkId":"/44260-8","answer":[{"valueInteger":3}]}]}""")]
    [InlineData("""{"resourceType":"QuestionnaireResponse","status":"completed","item":[{"linkId":"/44260-8","answer":[{"valueCoding":{"system":"http://}loinc.org","code":"LA6571-9"}}]}]}""")]
    [InlineData("""{"resourceType":"QuestionnaireResponse","status":"completed","item":[{"linkId":"/44260-8","answer":[{"valueInteger":1.5}]}]}""")]
    [InlineData("""{"resourceType":"QuestionnaireResponse","status":"completed","item":[{"linkId":"44260-8","answer":[{"valueCoding":{"system":"http://lo|nc.org","code":"LA6571-9"}}]}]}""")]
    public void FuzzFindings_BothPathsAgree_AndNeitherThrows(string json)
    {
        FhirScoringResult firely = QuestionnaireResponseImporter.ScoreJson(json);
        FhirScoringResult fast = QuestionnaireResponseImporter.ScoreUtf8(Encoding.UTF8.GetBytes(json));
        Assert.Equal(Key(firely), Key(fast));
        Assert.False(fast.IsSuccess);
    }

    [Property(MaxTest = 1500)]
    public Property FastPath_EqualsFirelyPath_OnEveryInput() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            string json = Documents.Build(new Random(seed), out _);
            FhirScoringResult firely = QuestionnaireResponseImporter.ScoreJson(json);
            FhirScoringResult fast = QuestionnaireResponseImporter.ScoreUtf8(Encoding.UTF8.GetBytes(json));
            Assert.True(Key(firely) == Key(fast), $"{json}\nfirely: {Key(firely)}\nfast:   {Key(fast)}");
        });

    /// <summary>The equivalence is not bought by giving up: documents as forms write them are read by the fast path.</summary>
    [Property(MaxTest = 300)]
    public Property PlainDocuments_AreReadByTheFastPath() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            string json = Documents.Build(new Random(seed), out bool plain, mutate: false);
            Assert.True(plain);
            Assert.True(QuestionnaireResponseImporter.FastPathReads(Encoding.UTF8.GetBytes(json)), json);
        });

    /// <summary>Builds QuestionnaireResponse JSON as forms write it, and breaks it in the ways they should not.</summary>
    internal static class Documents
    {
        public static string Build(Random random, out bool plain, bool mutate = true)
        {
            Instrument instrument = Instruments.All[random.Next(Instruments.All.Length)];
            bool loincStyle = instrument.Items.All(i => i.LoincCode is not null) && random.Next(2) == 0;
            bool canonical = !loincStyle || random.Next(3) == 0;
            var items = new List<Dictionary<string, object?>>();
            foreach (Item item in instrument.Items)
            {
                if (random.Next(12) == 0)
                    continue; // the item left out
                var options = FhirCodes.Options(item);
                int position = random.Next(options.Count);
                (string system, string code, string display) = FhirCodes.AnswerCoding(instrument, item, position, options[position].Score);
                object? value = random.Next(6) switch
                {
                    0 => new Dictionary<string, object?> { ["valueInteger"] = options[position].Score },
                    1 when system == FhirCodes.Loinc => new Dictionary<string, object?> { ["valueCoding"] = new Dictionary<string, object?> { ["code"] = code, ["display"] = display } },
                    _ => new Dictionary<string, object?> { ["valueCoding"] = new Dictionary<string, object?> { ["system"] = system, ["code"] = code, ["display"] = display } },
                };
                string linkId = loincStyle ? "/" + item.LoincCode : FhirCodes.LinkId(instrument, item);
                items.Add(new Dictionary<string, object?> { ["linkId"] = linkId, ["text"] = item.Name, ["answer"] = new List<object?> { value } });
            }

            if (instrument.HasTotal && random.Next(3) == 0)
            {
                items.Add(new Dictionary<string, object?>
                {
                    ["linkId"] = (loincStyle ? "/" : "") + FhirCodes.TotalLinkId(instrument),
                    ["answer"] = new List<object?> { new Dictionary<string, object?> { ["valueDecimal"] = random.Next(0, 40) } },
                });
            }

            // A second instrument's panel on the same form (PHQ-9 with GAD-7, PHQ-9 with the C-SSRS): one result each.
            if (random.Next(5) == 0)
            {
                Instrument other = Instruments.All[random.Next(Instruments.All.Length)];
                var second = new List<object?>();
                foreach (Item item in other.Items)
                {
                    var options = FhirCodes.Options(item);
                    int position = random.Next(options.Count);
                    (string system, string code, _) = FhirCodes.AnswerCoding(other, item, position, options[position].Score);
                    second.Add(new Dictionary<string, object?> { ["linkId"] = FhirCodes.LinkId(other, item), ["answer"] = new List<object?> { new Dictionary<string, object?> { ["valueCoding"] = new Dictionary<string, object?> { ["system"] = system, ["code"] = code } } } });
                }

                items.Add(new Dictionary<string, object?> { ["linkId"] = other.LoincPanel ?? other.Id, ["item"] = second });
                canonical = false;
            }

            // "answer" before "linkId" and "item" (JSON leaves the order to the writer): an item whose answer holds a
            // nested item, written answer first. Both paths must read it the same.
            if (random.Next(4) == 0 && items.Count > 1 && items[0].TryGetValue("answer", out object? firstAnswer) && firstAnswer is List<object?> { Count: > 0 } answers0
                && answers0[0] is Dictionary<string, object?> answer0)
            {
                Dictionary<string, object?> moved = items[^1];
                items.RemoveAt(items.Count - 1);
                answer0["item"] = new List<object?> { moved };
                var reordered = new Dictionary<string, object?> { ["answer"] = answers0 };
                foreach ((string key, object? value) in items[0])
                {
                    if (key != "answer")
                        reordered[key] = value;
                }

                items[0] = reordered;
            }

            var document = new Dictionary<string, object?> { ["resourceType"] = "QuestionnaireResponse", ["status"] = "completed" };
            if (canonical)
                document["questionnaire"] = FhirCodes.QuestionnaireUrl(instrument) + "|" + instrument.RulesVersion;
            if (random.Next(2) == 0)
                document["meta"] = new Dictionary<string, object?> { ["profile"] = new List<object?> { "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaireresponse|3.0" }, ["tag"] = new List<object?> { new Dictionary<string, object?> { ["code"] = "lformsVersion: 35.0.4" } } };
            if (random.Next(2) == 0)
                document["authored"] = "2024-04-04T18:41:13.730Z";
            if (random.Next(3) == 0)
                document["subject"] = new Dictionary<string, object?> { ["reference"] = "Patient/example", ["display"] = "A patient" };
            if (random.Next(4) == 0 && items.Count > 0)
                items = [new Dictionary<string, object?> { ["linkId"] = "group", ["item"] = items.Cast<object?>().ToList() }];
            if (items.Count > 0)
                document["item"] = items.Cast<object?>().ToList();

            plain = true;
            if (mutate && random.Next(2) == 0)
            {
                plain = false;
                Mutate(random, document, items);
            }

            string json = JsonSerializer.Serialize(document);
            if (mutate && random.Next(25) == 0)
                json = json[..random.Next(json.Length)]; // broken off
            if (mutate && random.Next(25) == 0)
                json = json.Replace("\"linkId\":\"/", "\"linkId\":\"\\u002F", StringComparison.Ordinal); // escaped
            return json;
        }

        private static void Mutate(Random random, Dictionary<string, object?> document, List<Dictionary<string, object?>> items)
        {
            Dictionary<string, object?>? item = items.Count > 0 ? items[random.Next(items.Count)] : null;
            switch (random.Next(14))
            {
                case 0 when item is not null && item.ContainsKey("answer"):
                    ((List<object?>)item["answer"]!).Add(((List<object?>)item["answer"]!)[0]); // two answers
                    break;
                case 1 when item is not null:
                    item["answer"] = new List<object?> { new Dictionary<string, object?> { ["valueCoding"] = new Dictionary<string, object?> { ["system"] = "http://loinc.org", ["code"] = "LA9999-9" } } };
                    break;
                case 2 when item is not null:
                    item["linkId"] = "/12345-6";
                    break;
                case 3 when item is not null:
                    item["answer"] = new List<object?> { new Dictionary<string, object?> { ["valueString"] = "several days" } };
                    break;
                case 4:
                    document["status"] = random.Next(2) == 0 ? "done" : "";
                    break;
                case 5:
                    document["resourceType"] = "Observation";
                    break;
                case 6:
                    document["extension"] = new List<object?> { new Dictionary<string, object?> { ["url"] = "http://example.org/x", ["valueString"] = "y" } };
                    break;
                case 7 when item is not null:
                    item["answer"] = new List<object?>();
                    break;
                case 8 when item is not null:
                    item["answer"] = new List<object?> { new Dictionary<string, object?> { ["valueInteger"] = 1.5 } };
                    break;
                case 9:
                    document["authored"] = random.Next(2) == 0 ? "2024-02-30" : "yesterday";
                    break;
                case 10 when item is not null:
                    item["answer"] = new List<object?> { new Dictionary<string, object?> { ["valueInteger"] = random.Next(-3, 12) } };
                    break;
                case 11 when item is not null:
                    item.Remove("linkId");
                    break;
                case 12:
                    document["questionnaire"] = "http://assessments.dev/fhir/Questionnaire/" + Instruments.All[random.Next(Instruments.All.Length)].Id;
                    break;
                case 13 when item is not null:
                    item["answer"] = new List<object?> { new Dictionary<string, object?> { ["valueCoding"] = new Dictionary<string, object?> { ["system"] = FhirCodes.AnswerSystem, ["code"] = "madrs.1.9" } } };
                    break;
                default:
                    document.Remove("status");
                    break;
            }
        }
    }
}

/// <summary>The sample folder of weekly PHQ-9 responses (samples/fhir/phq9-weekly) scores on the fast path.</summary>
public sealed class SampleFolderTests
{
    [Fact]
    public void WeeklyPhq9Folder_ScoresOnTheFastPath_WithItsAuthoredTimes()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "Assessments.sln")))
            dir = Path.GetDirectoryName(dir);
        string folder = Path.Combine(dir!, "samples", "fhir", "phq9-weekly");
        string[] files = Directory.GetFiles(folder, "week-*.json").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(5, files.Length);
        var totals = new List<int>();
        foreach (string file in files)
        {
            byte[] utf8 = File.ReadAllBytes(file);
            Assert.True(QuestionnaireResponseImporter.FastPathReads(utf8), file);
            FhirScoringResult r = QuestionnaireResponseImporter.ScoreUtf8(utf8);
            Assert.True(r.IsSuccess, string.Join("; ", r.Errors));
            Assert.True(r.EmbeddedTotalAgrees);
            Assert.NotNull(r.AuthoredAt);
            totals.Add(r.Score.Total!.Value);
        }

        Assert.Equal([19, 13, 8, 4, 2], totals);
    }
}
