using System;
using System.Linq;
using System.Text;
using Xunit;

namespace Assessments.Fhir.Tests;

/// <summary>Issue 17's FHIR repros, each by name: the C-SSRS with LOINC item codes, responses holding several
/// instruments, a PHQ-2 subtotal before the PHQ-9 items, and documents nested deeper than any form (hand-written test
/// documents in the shapes US Core, the HL7 Behavioral Health example and LHC-Forms write).</summary>
public sealed class RecordsAndDepthTests
{
    private const string Yes = """{"valueCoding":{"system":"http://loinc.org","code":"LA33-6","display":"Yes"}}""";
    private const string No = """{"valueCoding":{"system":"http://loinc.org","code":"LA32-8","display":"No"}}""";

    private static string Item(string linkId, string answer) => $$"""{"linkId":"{{linkId}}","answer":[{{answer}}]}""";

    private static string Response(params string[] items) =>
        $$"""{"resourceType":"QuestionnaireResponse","status":"completed","item":[{{string.Join(",", items)}}]}""";

    /// <summary>Both paths, checked to say the same.</summary>
    private static FhirScoringResult Score(string json)
    {
        FhirScoringResult fast = QuestionnaireResponseImporter.ScoreUtf8(Encoding.UTF8.GetBytes(json));
        FhirScoringResult firely = QuestionnaireResponseImporter.ScoreJson(json);
        Assert.Equal(FastPathTests.Key(firely), FastPathTests.Key(fast));
        return fast;
    }

    private static string[] CssrsYesToIntent(string prefix = "") =>
    [
        Item(prefix + "93246-7", Yes), Item(prefix + "93247-5", Yes), Item(prefix + "93248-3", No), Item(prefix + "93249-1", Yes),
        Item(prefix + "93250-9", No), Item(prefix + "93267-3", No), Item(prefix + "93269-9", No),
    ];

    [Fact]
    public void CssrsWithLoincItemCodes_YesToIntent_IsTheScreener_AndUrgent()
    {
        // Before v3: unknown-instrument and no flag at all. The seven "No"-or-answered items follow the HL7 example.
        FhirScoringResult r = Score(Response(CssrsYesToIntent()));
        Assert.Equal("cssrs-screen", r.Instrument?.Id);
        SafetyFlag flag = Assert.Single(r.Flags);
        Assert.Equal((RiskLevel.High, FlagPriority.Urgent), (flag.RiskLevel!.Value, flag.Priority!.Value));
        Assert.Contains("not-asked-answered-no item 7", r.Notes); // item 6 No, yet a stored No on 7: read as not asked
    }

    [Fact]
    public void CssrsWithLoincItemCodes_UnderA93373Group_IsReadTheSame()
    {
        string grouped = Response($$"""{"linkId":"93373-9","item":[{{string.Join(",", CssrsYesToIntent("/93373-9/"))}}]}""");
        FhirScoringResult r = Score(grouped);
        Assert.Equal("cssrs-screen", r.Instrument?.Id);
        Assert.Equal(RiskLevel.High, r.Score!.RiskLevel);
    }

    private static string[] Phq9(int item9) =>
    [
        .. new[] { "44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2", "44252-5", "44253-3" }.Select(c => Item("/44249-1/" + c, """{"valueInteger":1}""")),
        Item("/44249-1/44260-8", $$"""{"valueInteger":{{item9}}}"""),
    ];

    [Fact]
    public void APhq2SubtotalBeforeThePhq9Items_IsStillAPhq9_AndItem9IsFlagged()
    {
        // Before v3 the first panel or total key chose the instrument: PHQ-2, and item 9 = 3 raised nothing.
        FhirScoringResult r = Score(Response([Item("/55758-7", """{"valueDecimal":2}"""), .. Phq9(3)]));
        Assert.Equal("phq-9", r.Instrument?.Id);
        Assert.True(r.IsSuccess, string.Join("; ", r.Errors));
        Assert.Contains(r.Flags, f => f is { ItemNumber: 9, Priority: FlagPriority.Urgent });
    }

    [Fact]
    public void Phq9WithGad7OnOneForm_GivesOneResultPerInstrument_InFormOrder()
    {
        string[] gad7 = [.. new[] { "69725-0", "68509-9", "69733-4", "69734-2", "69735-9", "69689-8", "69736-7" }.Select(c => Item("/69737-5/" + c, """{"valueInteger":2}"""))];
        // The GAD-7 group first this time: the order of the form, not a preference for either instrument.
        FhirScoringResult r = Score(Response([$$"""{"linkId":"/69737-5","item":[{{string.Join(",", gad7)}}]}""", .. Phq9(2)]));
        Assert.Equal(FhirErrorCodes.SeveralInstruments, Assert.Single(r.Errors).Code);
        Assert.Equal(["gad-7", "phq-9"], r.Panels.Select(p => p.Instrument!.Id));
        Assert.All(r.Panels, p => Assert.True(p.IsSuccess, string.Join("; ", p.Errors)));
        Assert.Equal((14, 10), (r.Panels[0].Score!.Total!.Value, r.Panels[1].Score!.Total!.Value));
        Assert.Contains(r.Flags, f => f is { Id: FlagIds.SuicideRisk, ItemNumber: 9 });
    }

    [Fact]
    public void Phq9WithTheCssrs_ReportsTheCssrsUrgentFlag()
    {
        FhirScoringResult r = Score(Response([.. Phq9(0), .. CssrsYesToIntent()]));
        Assert.Equal(["phq-9", "cssrs-screen"], r.Panels.Select(p => p.Instrument!.Id));
        Assert.Contains(r.Flags, f => f is { RiskLevel: RiskLevel.High, Priority: FlagPriority.Urgent });
    }

    private static string Nested(int groups, string inner)
    {
        var text = new StringBuilder();
        for (int g = 0; g < groups; g++)
            text.Append("{\"linkId\":\"g").Append(g).Append("\",\"item\":[");
        text.Append(inner);
        for (int g = 0; g < groups; g++)
            text.Append("]}");
        return text.ToString();
    }

    [Fact]
    public void ThirtyNestedGroups_AreReadByBothPaths()
    {
        // Before v3: "not well-formed" (both parsers stopped at 64 JSON levels).
        string[] items = Phq9(3);
        FhirScoringResult r = Score(Response([.. items[..8], Nested(30, items[8])]));
        Assert.True(r.IsSuccess, string.Join("; ", r.Errors));
        Assert.Contains(r.Flags, f => f is { ItemNumber: 9, Priority: FlagPriority.Urgent });
    }

    [Fact]
    public void TenThousandNestedGroups_AreNamedTooDeep_AndWhatIsShallowIsStillFlagged()
    {
        string[] items = Phq9(0);
        string json = Response([.. items[..1], Item("/44249-1/44260-8", """{"valueInteger":3}"""), Nested(10_000, items[2])]);
        FhirScoringResult r = Score(json);
        Assert.Contains(r.Errors, e => e.Code == FhirErrorCodes.TooDeep);
        Assert.Contains(r.Flags, f => f is { ItemNumber: 9, Priority: FlagPriority.Urgent });
    }

    [Fact]
    public void XmlWithTenThousandNestedItems_IsNamedTooDeep_NeverAStackOverflow()
    {
        // Before v3 the process died inside the XML parser, and with it every later file of a folder.
        var xml = new StringBuilder("<QuestionnaireResponse xmlns=\"http://hl7.org/fhir\"><status value=\"completed\"/>");
        xml.Append("<item><linkId value=\"/44249-1/44260-8\"/><answer><valueInteger value=\"3\"/></answer></item>");
        for (int g = 0; g < 10_000; g++)
            xml.Append("<item><linkId value=\"g\"/>");
        for (int g = 0; g < 10_000; g++)
            xml.Append("</item>");
        xml.Append("</QuestionnaireResponse>");
        FhirScoringResult r = QuestionnaireResponseImporter.ScoreXml(xml.ToString());
        Assert.Contains(r.Errors, e => e.Code == FhirErrorCodes.TooDeep);
        Assert.Contains(r.Flags, f => f is { ItemNumber: 9 });
    }

    /// <summary>Review of issue 17's work: items that fit several instruments (PHQ items 1-2 alone) no longer throw away
    /// an instrument already identified, and the C-SSRS's urgent flag stays.</summary>
    [Fact]
    public void AnUnresolvedTie_KeepsTheInstrumentsAlreadyIdentified_AndTheirUrgentFlag()
    {
        FhirScoringResult r = Score(Response([Item("44250-9", """{"valueInteger":2}"""), Item("44255-8", """{"valueInteger":3}"""), .. CssrsYesToIntent()]));
        Assert.Contains(r.Flags, f => f is { RiskLevel: RiskLevel.High, Priority: FlagPriority.Urgent });
        Assert.Equal("cssrs-screen", r.Instrument?.Id);
        Assert.Contains(r.Errors, e => e.Code == FhirErrorCodes.UnknownLinkId); // the PHQ items, named, never guessed
    }

    [Fact]
    public void BlankItemsCount_SoALoincPhq9WithItem9AnsweredAndTheRestBlank_IsStillAPhq9()
    {
        string[] blank = [.. new[] { "44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2", "44252-5", "44253-3" }.Select(c => $$"""{"linkId":"/44249-1/{{c}}"}""")];
        FhirScoringResult r = Score(Response([.. blank, Item("/44249-1/44260-8", """{"valueInteger":3}""")]));
        Assert.Equal("phq-9", r.Instrument?.Id);
        Assert.Contains(r.Flags, f => f is { ItemNumber: 9, Priority: FlagPriority.Urgent });
    }

    [Fact]
    public void ThisProjectsCanonical_DoesNotHideAnotherInstrumentsItems()
    {
        string json = Response([.. Phq9(0), .. CssrsYesToIntent()]).Replace("\"status\":\"completed\"", "\"status\":\"completed\",\"questionnaire\":\"http://assessments.dev/fhir/Questionnaire/phq-9\"", StringComparison.Ordinal);
        FhirScoringResult r = Score(json);
        Assert.Equal(["phq-9", "cssrs-screen"], r.Panels.Select(p => p.Instrument!.Id));
        Assert.Contains(r.Flags, f => f is { RiskLevel: RiskLevel.High, Priority: FlagPriority.Urgent });
    }
}
