using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Assessments.Browser;
using Hl7.Fhir.Model;
using Xunit;

namespace Assessments.Fhir.Tests;

/// <summary>
/// Every exported Questionnaire rendered by a real form engine: LHC-Forms (the npm package <c>lforms</c>, pinned and
/// unpacked by <c>tests/install-browser.sh</c>; loaded from file, nothing fetched at test time) in headless Chromium.
/// One page renders every case and writes what LHC-Forms made of it: its validation errors, the QuestionnaireResponse
/// it would submit, and the option labels on screen. The assertions are here: the form lists every always-asked item
/// as required, a complete form passes, LHC-Forms' calculated total equals ours, and its response, imported, gives the
/// core's score and flags.
/// </summary>
public sealed class LhcFormsTests
{
    private const string Version = "40.1.3";

    private sealed record Case(string Name, Instrument Instrument, int?[]? Positions);

    private static string LhcFormsDist()
    {
        string root = Environment.GetEnvironmentVariable("LHC_FORMS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(HeadlessChromium.RepoRoot(), "artifacts", "lhc-forms", Version, "package");
        string dist = Path.Combine(root, "dist", "lforms");
        if (!File.Exists(Path.Combine(dist, "webcomponent", "lhc-forms.js")))
            throw new InvalidOperationException($"LHC-Forms {Version} is not unpacked at {root}: run tests/install-browser.sh, or set LHC_FORMS to an unpacked lforms package.");
        return dist;
    }

    private static List<Case> Cases()
    {
        var random = new Random(20261204);
        var cases = new List<Case>();
        foreach (Instrument instrument in Instruments.All)
        {
            int[] counts = instrument.Items.Select(item => FhirCodes.Options(item).Count).ToArray();
            cases.Add(new Case($"{instrument.Id} blank", instrument, null));
            cases.Add(new Case($"{instrument.Id} minimum", instrument, ExportTests.Ask(instrument, counts.Select(_ => (int?)0).ToArray())));
            cases.Add(new Case($"{instrument.Id} maximum", instrument, ExportTests.Ask(instrument, counts.Select(c => (int?)(c - 1)).ToArray())));
            for (int k = 0; k < 3; k++)
                cases.Add(new Case($"{instrument.Id} random {k}", instrument, ExportTests.Ask(instrument, counts.Select(c => (int?)random.Next(c)).ToArray())));
        }

        // Item 9 left out: the form must not pass as complete (it did, with a total of 8, before items were required).
        cases.Add(new Case("phq-9 without item 9", Instruments.Phq9, [1, 1, 1, 1, 1, 1, 1, 1, null]));
        return cases;
    }

    private const string Script = """
        <script>
        (async function () {
          var data = JSON.parse(document.getElementById('cases').textContent);
          var results = [];
          for (var i = 0; i < data.cases.length; i++) {
            var c = data.cases[i], host = document.createElement('div'), r = {};
            document.body.appendChild(host);
            try {
              var form = LForms.Util.convertFHIRQuestionnaireToLForms(data.questionnaires[c.q], 'R4');
              await LForms.Util.addFormToPage(form, host, { displayScoreWithAnswerText: false });
              // Answered as a person would: a click on each option, in item order (skip logic shows the next items).
              for (var k = 0; c.clicks && k < c.clicks.length; k++) {
                await new Promise(function (resolve) { setTimeout(resolve, 0); });
                var item = host.querySelector('[id="item-' + c.clicks[k][0] + '/1"]');
                if (!item) throw new Error('item ' + c.clicks[k][0] + ' is not on screen');
                item.querySelectorAll('input[type=radio]')[c.clicks[k][1]].click();
              }
              await new Promise(function (resolve) { setTimeout(resolve, 50); });
              r.items = host.querySelectorAll('lhc-item').length;
              r.radios = host.querySelectorAll('input[type=radio]').length;
              r.checked = host.querySelectorAll('.ant-radio-wrapper-checked').length;
              r.errors = LForms.Util.checkValidity(host) || [];
              r.response = LForms.Util.getFormFHIRData('QuestionnaireResponse', 'R4', host);
              r.options = Array.prototype.map.call(host.querySelectorAll('lhc-item-choice label'), function (l) { return l.textContent.trim(); });
            } catch (e) { r.error = String(e && e.stack || e); }
            results.push(r);
            host.remove();
          }
          var pre = document.createElement('pre'); pre.id = 'measure';
          pre.textContent = JSON.stringify({ version: LForms.lformsVersion, results: results }); document.body.appendChild(pre);
        })();
        </script>
        """;

    private static readonly Lazy<(List<Case> Cases, JsonElement Results, string Version)> Rendered = new(Render);

    private static (List<Case>, JsonElement, string) Render()
    {
        string dist = LhcFormsDist();
        List<Case> cases = Cases();
        var questionnaires = new JsonArray();
        var index = new Dictionary<Instrument, int>();
        foreach (Instrument instrument in Instruments.All)
        {
            index[instrument] = questionnaires.Count;
            questionnaires.Add(JsonNode.Parse(FhirJson.Serialize(FhirExport.ToQuestionnaire(instrument), pretty: false)));
        }

        var list = new JsonArray();
        foreach (Case c in cases)
        {
            list.Add(new JsonObject
            {
                ["q"] = index[c.Instrument],
                ["clicks"] = c.Positions is null ? null : new JsonArray(c.Instrument.Items
                    .Where(item => c.Positions[item.Number - 1] is not null)
                    .Select(item => (JsonNode)new JsonArray(FhirCodes.LinkId(c.Instrument, item), c.Positions[item.Number - 1]!.Value)).ToArray()),
            });
        }

        string data = new JsonObject { ["questionnaires"] = questionnaires, ["cases"] = list }.ToJsonString().Replace("</", "<\\/", StringComparison.Ordinal);
        string web = new Uri(Path.Combine(dist, "webcomponent") + "/").AbsoluteUri;
        string fhir = new Uri(Path.Combine(dist, "fhir", "R4", "lformsFHIR.min.js")).AbsoluteUri;
        string page = $"""
            <!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="{web}styles.css"></head><body>
            <script id="cases" type="application/json">{data}</script>
            <script src="{web}assets/lib/zone.min.js"></script>
            <script src="{web}lhc-forms.js"></script>
            <script src="{fhir}"></script>
            {Script}
            </body></html>
            """;
        string directory = Directory.CreateTempSubdirectory("assess-lhc-forms-").FullName;
        string file = Path.Combine(directory, "forms.html");
        File.WriteAllText(file, page);
        string dom = HeadlessChromium.Run("--window-size=1000,1000", "--virtual-time-budget=120000", "--dump-dom", new Uri(file).AbsoluteUri);
        using JsonDocument measured = HeadlessChromium.Measured(dom);
        JsonElement root = measured.RootElement.Clone();
        return (cases, root.GetProperty("results"), root.GetProperty("version").GetString()!);
    }

    private static IEnumerable<(Case Case, JsonElement Result)> Each()
    {
        (List<Case> cases, JsonElement results, string version) = Rendered.Value;
        Assert.Equal(Version, version);
        Assert.Equal(cases.Count, results.GetArrayLength());
        for (int i = 0; i < cases.Count; i++)
        {
            JsonElement result = results[i];
            Assert.False(result.TryGetProperty("error", out JsonElement error), $"{cases[i].Name}: {error}");
            yield return (cases[i], result);
        }
    }

    private static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();

    [Fact]
    public void EveryForm_Renders_EveryItem_AsRadioButtons()
    {
        foreach ((Case c, JsonElement r) in Each())
        {
            int total = c.Instrument.HasTotal ? 1 : 0;
            int enabled = c.Positions is null
                ? c.Instrument.Items.Count(i => i.AskedWhen is null)
                : c.Instrument.Items.Count(i => i.AskedWhen is null || c.Positions[i.AskedWhen.ItemNumber - 1] is not null && ExportTests.Values(c.Instrument, c.Positions)[i.AskedWhen.ItemNumber - 1] == i.AskedWhen.Score);
            Assert.True(r.GetProperty("items").GetInt32() == enabled + total, $"{c.Name}: {r.GetProperty("items")} items on screen, expected {enabled + total}");
            Assert.True(r.GetProperty("radios").GetInt32() >= enabled * 2, $"{c.Name}: options are not radio buttons");
            if (c.Positions is not null)
                Assert.True(r.GetProperty("checked").GetInt32() == c.Positions.Count(p => p is not null), $"{c.Name}: {r.GetProperty("checked")} options checked");
        }
    }

    [Fact]
    public void ABlankForm_ListsEveryAlwaysAskedItem_AsRequired()
    {
        foreach ((Case c, JsonElement r) in Each().Where(e => e.Case.Positions is null))
        {
            string[] errors = Strings(r.GetProperty("errors"));
            string[] expected = c.Instrument.Items.Where(i => i.AskedWhen is null).Select(i => (i.Text ?? i.Name) + " requires a value").ToArray();
            Assert.True(expected.SequenceEqual(errors), $"{c.Name}: {string.Join("; ", errors)}");
        }
    }

    [Fact]
    public void APhq9WithoutItem9_DoesNotPassAsComplete()
    {
        (_, JsonElement r) = Each().Single(e => e.Case.Name == "phq-9 without item 9");
        Assert.Equal([Instruments.Phq9.Items[8].Text + " requires a value"], Strings(r.GetProperty("errors")));
    }

    [Fact]
    public void ACompleteForm_Passes_AndItsTotalAndImportAreTheCores()
    {
        int compared = 0;
        foreach ((Case c, JsonElement r) in Each().Where(e => e.Case.Positions is not null && e.Case.Name != "phq-9 without item 9"))
        {
            Assert.True(r.GetProperty("errors").GetArrayLength() == 0, $"{c.Name}: {r.GetProperty("errors")}");
            ScoringResult core = c.Instrument.Score(ExportTests.Values(c.Instrument, c.Positions!));
            string response = r.GetProperty("response").GetRawText();
            FhirScoringResult imported = QuestionnaireResponseImporter.ScoreJson(response);
            Assert.True(c.Instrument == imported.Instrument, $"{c.Name}: imported as {imported.Instrument?.Id}");
            Assert.True(core.IsSuccess == imported.IsSuccess, $"{c.Name}: {string.Join("; ", imported.Errors)}");
            Assert.Equal(core.Flags.Select(f => (f.Id, f.ItemNumber, f.Priority, f.Value)), imported.Flags.Select(f => (f.Id, f.ItemNumber, f.Priority, f.Value)));
            if (core.IsSuccess)
                Assert.Equal(core.Score, imported.Score);

            // LHC-Forms' own calculated total (the exported calculatedExpression, run by its FHIRPath engine).
            if (core.IsSuccess && FhirExport.TotalExpression(c.Instrument, out _) is not null)
            {
                string totalLinkId = FhirCodes.TotalLinkId(c.Instrument);
                JsonElement[] totals = r.GetProperty("response").GetProperty("item").EnumerateArray().Where(i => i.GetProperty("linkId").GetString() == totalLinkId).ToArray();
                Assert.True(totals.Length == 1, $"{c.Name}: no total item in LHC-Forms' response {r.GetProperty("response")}");
                JsonElement total = totals[0];
                Assert.True(core.Score.Total == total.GetProperty("answer")[0].GetProperty("valueInteger").GetInt32(), $"{c.Name}: LHC-Forms total {total}, ours {core.Score.Total}");
                compared++;
            }
        }

        Assert.True(compared > 50, $"{compared} totals compared");
    }

    [Fact]
    public void OptionLabels_NeverRepeatTheirNumber()
    {
        var repeated = new Regex(@"^(\d+)\s*-\s*\1$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        int seen = 0;
        foreach ((Case c, JsonElement r) in Each().Where(e => e.Case.Positions is null))
        {
            string[] labels = Strings(r.GetProperty("options"));
            Assert.DoesNotContain(labels, l => repeated.IsMatch(l));
            seen += labels.Length;
        }

        Assert.True(seen > 100, $"{seen} labels");
    }
}
