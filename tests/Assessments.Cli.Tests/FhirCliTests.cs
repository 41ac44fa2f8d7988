using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;
using static Assessments.Cli.Tests.Harness;

namespace Assessments.Cli.Tests;

/// <summary><c>assess score --fhir</c>, <c>--format fhir</c> and <c>assess questionnaire</c> (CLI.md, "FHIR"), on the
/// real-client fixtures kept with the FHIR tests.</summary>
public sealed class FhirCliTests
{
    private static string Fixture(string name) => Path.Combine(RepoRoot(), "tests", "Assessments.Fhir.Tests", "Fixtures", name);

    [Fact]
    public void LhcFormsResponse_ScoresWithItsSource()
    {
        var (exit, output, _) = Run("score", "--fhir", Fixture("lhc-forms-phq9-response.json"), "--format", "json");
        Assert.Equal(0, exit);
        using JsonDocument doc = JsonDocument.Parse(output);
        JsonElement r = doc.RootElement;
        Assert.Equal(("phq-9", 15, "moderately-severe"), (r.GetProperty("instrument").GetString(), r.GetProperty("total").GetInt32(), r.GetProperty("band").GetProperty("id").GetString()));
        Assert.Equal("urgent", r.GetProperty("flags")[0].GetProperty("priority").GetString());
        Assert.Equal(15, r.GetProperty("source").GetProperty("embeddedTotal").GetInt32());
        Assert.True(r.GetProperty("source").GetProperty("embeddedTotalAgrees").GetBoolean());
    }

    [Fact]
    public void XmlFromStandardInput_Scores()
    {
        var (exit, output, _) = RunWithInput(File.ReadAllText(Fixture("us-bh-phq-9-example-1.xml")), "score", "--fhir", "-");
        Assert.Equal(0, exit);
        Assert.Contains("Total     12 of 27", output, StringComparison.Ordinal);
        Assert.Contains("Stated    total 12 in the document: agrees", output, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownAnswerCode_ExitsOne_WithTheFlag()
    {
        string variant = File.ReadAllText(Fixture("lhc-forms-phq9-response.json")).Replace("LA6568-5", "LA0000-0", StringComparison.Ordinal);
        var (exit, output, _) = RunWithInput(variant, "score", "--fhir", "-", "--format", "json");
        Assert.Equal(1, exit);
        Assert.Contains("\"code\":\"fhir-unknown-answer-code\",\"item\":7", output, StringComparison.Ordinal);
        Assert.Contains("\"priority\":\"urgent\"", output, StringComparison.Ordinal);
        Assert.DoesNotContain("\"total\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public void FormatFhir_PrintsAnObservation()
    {
        var (exit, output, _) = Run("score", "--fhir", Fixture("lhc-forms-phq9-response.json"), "--format", "fhir");
        Assert.Equal(0, exit);
        using JsonDocument doc = JsonDocument.Parse(output);
        Assert.Equal("Observation", doc.RootElement.GetProperty("resourceType").GetString());
        Assert.Equal(15, doc.RootElement.GetProperty("valueInteger").GetInt32());
        Assert.Equal("2024-04-04T18:41:13.730Z", doc.RootElement.GetProperty("effectiveDateTime").GetString());
        Assert.Equal(0, Run("score", "gad-7", "1", "1", "1", "1", "1", "1", "1", "--format", "fhir").Exit);
    }

    [Fact]
    public void FormatFhir_KeepsTheResponsesSubjectAndId()
    {
        var (exit, output, _) = Run("score", "--fhir", Fixture("us-bh-phq-9-example-1.xml"), "--format", "fhir");
        Assert.Equal(0, exit);
        using JsonDocument doc = JsonDocument.Parse(output);
        Assert.Equal("Patient/bh-patient-example", doc.RootElement.GetProperty("subject").GetProperty("reference").GetString());
        Assert.Equal("QuestionnaireResponse/phq-9-example-1", doc.RootElement.GetProperty("derivedFrom")[0].GetProperty("reference").GetString());
        Assert.Equal(12, doc.RootElement.GetProperty("valueInteger").GetInt32());
    }

    [Fact]
    public void Questionnaire_PrintsTheSdcQuestionnaire()
    {
        var (exit, output, _) = Run("questionnaire", "MADRS");
        Assert.Equal(0, exit);
        using JsonDocument doc = JsonDocument.Parse(output);
        Assert.Equal("http://assessments.dev/fhir/Questionnaire/madrs", doc.RootElement.GetProperty("url").GetString());
        Assert.Equal(11, doc.RootElement.GetProperty("item").GetArrayLength());
    }

    [Theory]
    [InlineData("score", "--fhir", "x.json", "--positions")]
    [InlineData("score", "--fhir", "x.json", "--input", "y.json")]
    [InlineData("score", "phq-9", "1", "--questionnaire", "q.json")]
    [InlineData("score", "--input", "-", "--format", "fhir")]
    public void FhirOptions_BelongTogether(params string[] args)
    {
        var (exit, _, error) = Run(args);
        Assert.Equal(2, exit);
        Assert.Single(Lines(error));
    }

    [Fact]
    public void NotAQuestionnaireResponse_IsAUsageError()
    {
        var (exit, _, error) = RunWithInput("{\"resourceType\":\"Patient\"}", "score", "--fhir", "-");
        Assert.Equal(2, exit);
        Assert.StartsWith("assess: fhir-not-a-questionnaire-response:", error, StringComparison.Ordinal);
    }

    /// <summary>v3: a PHQ-9 with the C-SSRS on one form prints one result per instrument and every flag with its
    /// instrument; the C-SSRS's yes to intent (LOINC item codes) is urgent.</summary>
    [Fact]
    public void AResponseWithTwoInstruments_PrintsResultsAndFlags_WithTheirInstrument()
    {
        static string Item(string linkId, string answer) => $$"""{"linkId":"{{linkId}}","answer":[{{answer}}]}""";
        const string yes = """{"valueCoding":{"system":"http://loinc.org","code":"LA33-6"}}""", no = """{"valueCoding":{"system":"http://loinc.org","code":"LA32-8"}}""";
        string[] phq9 = [.. new[] { "44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2", "44252-5", "44253-3", "44260-8" }.Select(c => Item(c, """{"valueInteger":1}"""))];
        string[] cssrs = [Item("93246-7", yes), Item("93247-5", yes), Item("93248-3", no), Item("93249-1", yes), Item("93250-9", no), Item("93267-3", no)];
        string json = $$"""{"resourceType":"QuestionnaireResponse","status":"completed","item":[{{string.Join(",", phq9.Concat(cssrs))}}]}""";
        var (exit, output, _) = RunWithInput(json, "score", "--fhir", "-", "--format", "json");
        Assert.Equal(0, exit);
        using JsonDocument doc = JsonDocument.Parse(output);
        Assert.Equal(["phq-9", "cssrs-screen"], doc.RootElement.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("instrument").GetString()));
        Assert.Contains(doc.RootElement.GetProperty("flags").EnumerateArray(), f => f.GetProperty("instrument").GetString() == "cssrs-screen" && f.GetProperty("priority").GetString() == "urgent");
        var (_, text, _) = RunWithInput(json, "score", "--fhir", "-");
        Assert.Contains("SAFETY cssrs-screen URGENT", text, StringComparison.Ordinal);
    }

    [Fact]
    public void SeveralInstrumentsAsFhir_WithAnInvalidPanel_PrintsTheResultsAndFlags_NotABundleWithoutThem()
    {
        // Review of issue 17's work: the Bundle held only valid panels, so an invalid but urgent C-SSRS vanished.
        static string Item(string linkId, string answer) => $$"""{"linkId":"{{linkId}}","answer":[{{answer}}]}""";
        const string yes = """{"valueCoding":{"system":"http://loinc.org","code":"LA33-6"}}""", no = """{"valueCoding":{"system":"http://loinc.org","code":"LA32-8"}}""";
        string[] phq9 = [.. new[] { "44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2", "44252-5", "44253-3", "44260-8" }.Select(c => Item(c, """{"valueInteger":1}"""))];
        string[] cssrs = [Item("93246-7", yes), Item("93247-5", no), Item("93249-1", yes), Item("93267-3", no)]; // 2 No, 4 Yes: not asked, urgent
        string json = $$"""{"resourceType":"QuestionnaireResponse","status":"completed","item":[{{string.Join(",", phq9.Concat(cssrs))}}]}""";
        var (exit, output, _) = RunWithInput(json, "score", "--fhir", "-", "--format", "fhir");
        Assert.Equal(1, exit);
        using JsonDocument doc = JsonDocument.Parse(output);
        Assert.Contains(doc.RootElement.GetProperty("flags").EnumerateArray(), f => f.GetProperty("instrument").GetString() == "cssrs-screen" && f.GetProperty("priority").GetString() == "urgent");
    }
}
