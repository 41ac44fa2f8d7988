using System;
using System.IO;
using System.Linq;
using Xunit;

namespace Assessments.Fhir.Tests;

/// <summary>The real-client fixtures score as their README says, and each derived variant gets a coded error, never a
/// guess, with its safety flags kept (docs/clinical-rules.md §3, "Never lost").</summary>
public sealed class ImporterTests
{
    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    private static string Lhc => Fixture("lhc-forms-phq9-response.json");

    [Fact]
    public void LhcFormsPhq9_ScoresAsItsReadmeSays()
    {
        FhirScoringResult r = QuestionnaireResponseImporter.ScoreText(Lhc);
        Assert.True(r.IsSuccess, string.Join("; ", r.Errors));
        Assert.Equal("phq-9", r.Instrument.Id);
        Assert.Equal(new int?[] { 1, 2, 3, 1, 2, 3, 0, 1, 2 }, r.Score.ItemScores);
        Assert.Equal(15, r.Score.Total);
        Assert.Equal("moderately-severe", r.Score.Band!.Id);
        SafetyFlag flag = Assert.Single(r.Flags);
        Assert.Equal((FlagIds.SuicideRisk, (int?)9, (int?)2, (FlagPriority?)FlagPriority.Urgent), (flag.Id, flag.ItemNumber, flag.Value, flag.Priority));
        Assert.Equal(15m, r.EmbeddedTotal);
        Assert.True(r.EmbeddedTotalAgrees);
        Assert.Equal("LA6572-7", r.FunctionalDifficulty);
    }

    [Fact]
    public void UsBehavioralHealthPhq9Xml_ScoresAsItsReadmeSays()
    {
        FhirScoringResult r = QuestionnaireResponseImporter.ScoreText(Fixture("us-bh-phq-9-example-1.xml"));
        Assert.True(r.IsSuccess, string.Join("; ", r.Errors));
        Assert.Equal(new int?[] { 2, 2, 2, 2, 1, 1, 2, 0, 0 }, r.Score.ItemScores);
        Assert.Equal(12, r.Score.Total);
        Assert.Equal("moderate", r.Score.Band!.Id);
        Assert.Empty(r.Flags);
        Assert.Equal(12m, r.EmbeddedTotal);
        Assert.True(r.EmbeddedTotalAgrees);
        Assert.Equal("http://hl7.org/fhir/us/core/Questionnaire/phq-9-example", r.Questionnaire);
    }

    [Fact]
    public void StatedTotalThatDisagrees_IsReported_NeverUsed()
    {
        FhirScoringResult r = QuestionnaireResponseImporter.ScoreText(Lhc.Replace("\"valueDecimal\": 15", "\"valueDecimal\": 13", StringComparison.Ordinal));
        Assert.True(r.IsSuccess);
        Assert.Equal(15, r.Score.Total);
        Assert.Equal(13m, r.EmbeddedTotal);
        Assert.False(r.EmbeddedTotalAgrees);
    }

    /// <summary>Item 9 unanswered: the PHQ-9 total item names the instrument, and the safety item is unanswered.</summary>
    [Fact]
    public void MissingItem9_IsItemMissing_WithTheUnansweredFlag()
    {
        FhirScoringResult r = QuestionnaireResponseImporter.Score(Parse(Lhc, item9Answer: false));
        Assert.False(r.IsSuccess);
        Assert.Contains(r.Errors, e => e is { Code: ErrorCodes.ItemMissing, ItemNumber: 9 });
        Assert.Contains(r.Flags, f => f is { Id: FlagIds.SafetyItemUnanswered, ItemNumber: 9 });
    }

    [Fact]
    public void UnknownAnswerCode_IsAnError_AndOtherFlagsStay()
    {
        FhirScoringResult r = QuestionnaireResponseImporter.ScoreText(Lhc.Replace("\"LA6568-5\"", "\"LA9999-9\"", StringComparison.Ordinal));
        Assert.False(r.IsSuccess);
        Assert.Contains(r.Errors, e => e is { Code: FhirErrorCodes.UnknownAnswerCode, ItemNumber: 7 });
        Assert.DoesNotContain(r.Errors, e => e is { Code: ErrorCodes.ItemNotANumber, ItemNumber: 7 });
        Assert.Contains(r.Flags, f => f is { Id: FlagIds.SuicideRisk, ItemNumber: 9, Priority: FlagPriority.Urgent });
    }

    [Fact]
    public void UnknownLinkId_IsAnError()
    {
        FhirScoringResult r = QuestionnaireResponseImporter.ScoreText(Lhc.Replace("\"/44252-5\"", "\"/12345-6\"", StringComparison.Ordinal));
        Assert.False(r.IsSuccess);
        Assert.Contains(r.Errors, e => e.Code == FhirErrorCodes.UnknownLinkId);
        Assert.Contains(r.Flags, f => f is { ItemNumber: 9, Priority: FlagPriority.Urgent });
    }

    [Fact]
    public void TwoAnswersToOneItem_IsAnError()
    {
        Hl7.Fhir.Model.QuestionnaireResponse qr = Parse(Lhc, item9Answer: true);
        qr.Item.Single(i => i.LinkId == "/44250-9").Answer.Add(new Hl7.Fhir.Model.QuestionnaireResponse.AnswerComponent { Value = new Hl7.Fhir.Model.Coding(null, "LA6571-9") });
        FhirScoringResult r = QuestionnaireResponseImporter.Score(qr);
        Assert.Contains(r.Errors, e => e is { Code: FhirErrorCodes.MultipleAnswers, ItemNumber: 1 });
        Assert.Contains(r.Flags, f => f is { ItemNumber: 9, Priority: FlagPriority.Urgent });
    }

    /// <summary>Without the total item, a PHQ-9 without item 9 has only item codes PHQ-9 shares with nothing else in the
    /// catalogue (PHQ-8 carries no LOINC item codes here): it is read as a PHQ-9 with item 9 unanswered, an error with
    /// the unanswered-safety-item flag, never as a PHQ-8 whose safety screen is "not covered".</summary>
    [Fact]
    public void Phq9WithoutItem9AndTotal_IsAPhq9WithItem9Missing()
    {
        Hl7.Fhir.Model.QuestionnaireResponse qr = Parse(Lhc, item9Answer: true);
        qr.Item.RemoveAll(i => i.LinkId is "/44260-8" or "/44261-6" or "/69722-7");
        FhirScoringResult r = QuestionnaireResponseImporter.Score(qr);
        Assert.Equal("phq-9", r.Instrument?.Id);
        Assert.Contains(r.Errors, e => e is { Code: ErrorCodes.ItemMissing, ItemNumber: 9 });
        Assert.Contains(r.Flags, f => f is { Id: FlagIds.SafetyItemUnanswered, ItemNumber: 9 });
    }

    /// <summary>A GAD-7 item beside PHQ-9 items is two instruments, each read for what it holds (both incomplete, so
    /// both invalid, with every flag), never one chosen by the first key; items that fit no instrument are an error.</summary>
    [Fact]
    public void ItemsOfTwoInstruments_AreTwoResults_AndItemsOfNoInstrumentAreUnidentifiable()
    {
        Hl7.Fhir.Model.QuestionnaireResponse qr = Parse(Lhc, item9Answer: true);
        qr.Item.RemoveAll(i => i.LinkId is "/44261-6" or "/69722-7");
        qr.Item[0].LinkId = "/69725-0"; // a GAD-7 item beside PHQ-9 items
        FhirScoringResult r = QuestionnaireResponseImporter.Score(qr);
        Assert.Null(r.Instrument);
        Assert.Equal(FhirErrorCodes.SeveralInstruments, Assert.Single(r.Errors).Code);
        Assert.Equal(["gad-7", "phq-9"], r.Panels.Select(p => p.Instrument!.Id));
        Assert.All(r.Panels, p => Assert.False(p.IsSuccess));
        Assert.Contains(r.Flags, f => f is { Id: FlagIds.SuicideRisk, ItemNumber: 9 });

        qr.Item.ForEach(i => i.LinkId = "/x-" + i.LinkId!.TrimStart('/'));
        FhirScoringResult none = QuestionnaireResponseImporter.Score(qr);
        Assert.Equal(ErrorCodes.UnknownInstrument, Assert.Single(none.Errors).Code);
    }

    [Fact]
    public void ValueInteger_IsAnItemScore()
    {
        Hl7.Fhir.Model.QuestionnaireResponse qr = Parse(Lhc, item9Answer: true);
        qr.Item.Single(i => i.LinkId == "/44260-8").Answer[0].Value = new Hl7.Fhir.Model.Integer(3);
        FhirScoringResult r = QuestionnaireResponseImporter.Score(qr);
        Assert.True(r.IsSuccess);
        Assert.Equal(16, r.Score.Total);
    }

    [Fact]
    public void QuestionnaireItemCodes_IdentifyOpaqueLinkIds()
    {
        Hl7.Fhir.Model.QuestionnaireResponse qr = Parse(Lhc, item9Answer: true);
        var questionnaire = new Hl7.Fhir.Model.Questionnaire();
        for (int i = 0; i < qr.Item.Count; i++)
        {
            string code = qr.Item[i].LinkId!.TrimStart('/');
            qr.Item[i].LinkId = $"q{i}";
            questionnaire.Item.Add(new Hl7.Fhir.Model.Questionnaire.ItemComponent { LinkId = $"q{i}", Code = [new Hl7.Fhir.Model.Coding("http://loinc.org", code)] });
        }

        Assert.Equal(ErrorCodes.UnknownInstrument, QuestionnaireResponseImporter.Score(qr).Errors.Single().Code);
        FhirScoringResult r = QuestionnaireResponseImporter.Score(qr, questionnaire);
        Assert.True(r.IsSuccess, string.Join("; ", r.Errors));
        Assert.Equal(15, r.Score.Total);
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("{\"resourceType\":\"Patient\"}")]
    [InlineData("<Patient xmlns=\"http://hl7.org/fhir\"/>")]
    [InlineData("")]
    public void NotAQuestionnaireResponse_IsACodedError(string text)
    {
        FhirScoringResult r = QuestionnaireResponseImporter.ScoreText(text);
        Assert.Equal(FhirErrorCodes.NotAQuestionnaireResponse, Assert.Single(r.Errors).Code);
    }

    [Fact]
    public void ADocumentOverTheLimit_IsRefusedByEveryPath()
    {
        string large = Lhc.Replace("\"status\"", "\"text\": \"" + new string('x', Limits.MaxDocumentBytes) + "\", \"status\"", StringComparison.Ordinal);
        Assert.Equal(ErrorCodes.DocumentTooLarge, Assert.Single(QuestionnaireResponseImporter.ScoreText(large).Errors).Code);
        Assert.Equal(ErrorCodes.DocumentTooLarge, Assert.Single(QuestionnaireResponseImporter.ScoreUtf8(System.Text.Encoding.UTF8.GetBytes(large)).Errors).Code);
    }

    /// <summary>XML and JSON of the same response score the same.</summary>
    [Fact]
    public void XmlAndJson_ScoreTheSame()
    {
        Hl7.Fhir.Model.QuestionnaireResponse qr = Parse(Lhc, item9Answer: true);
        string xml = Hl7.Fhir.Serialization.PocoSerializationExtensions.ToXml(qr, false);
        FhirScoringResult fromXml = QuestionnaireResponseImporter.ScoreText(xml);
        FhirScoringResult fromJson = QuestionnaireResponseImporter.ScoreText(Lhc);
        Assert.Equal(fromJson.Score!.ItemScores.ToArray(), fromXml.Score!.ItemScores.ToArray());
        Assert.Equal(fromJson.Flags.ToArray(), fromXml.Flags.ToArray());
    }

    private static Hl7.Fhir.Model.QuestionnaireResponse Cssrs(params int[] positions)
    {
        Hl7.Fhir.Model.Questionnaire questionnaire = FhirExport.ToQuestionnaire(Instruments.CssrsScreen);
        var response = new Hl7.Fhir.Model.QuestionnaireResponse { Questionnaire = questionnaire.Url };
        for (int i = 0; i < positions.Length; i++)
        {
            var item = new Hl7.Fhir.Model.QuestionnaireResponse.ItemComponent { LinkId = questionnaire.Item[i].LinkId };
            item.Answer.Add(new Hl7.Fhir.Model.QuestionnaireResponse.AnswerComponent { Value = questionnaire.Item[i].AnswerOption[positions[i]].Value });
            response.Item.Add(item);
        }

        return response;
    }

    /// <summary>Forms store "No" for questions the skip logic did not ask (the HL7 Behavioral Health example answers all
    /// seven "No"): read as not asked and noted (docs/clinical-rules.md §4), so the risk is none, not an error.</summary>
    [Fact]
    public void CssrsAllNo_IsReadAsNotAsked_AndNoted()
    {
        FhirScoringResult r = QuestionnaireResponseImporter.Score(Cssrs(0, 0, 0, 0, 0, 0, 0));
        Assert.True(r.IsSuccess, string.Join("; ", r.Errors));
        Assert.Equal(RiskLevel.None, r.Score.RiskLevel);
        Assert.Equal(["not-asked-answered-no item 3", "not-asked-answered-no item 4", "not-asked-answered-no item 5", "not-asked-answered-no item 7"], r.Notes.ToArray());
    }

    /// <summary>A stated risk level is reported, never used: "Low" stated for seven "No" answers, which §4 scores none.</summary>
    [Fact]
    public void CssrsStatedRiskLevel_IsReported_AndDisagrees()
    {
        Hl7.Fhir.Model.QuestionnaireResponse response = Cssrs(0, 0, 0, 0, 0, 0, 0);
        var stated = new Hl7.Fhir.Model.QuestionnaireResponse.ItemComponent { LinkId = "/93374-7" };
        stated.Answer.Add(new Hl7.Fhir.Model.QuestionnaireResponse.AnswerComponent { Value = new Hl7.Fhir.Model.Coding("http://loinc.org", "LA19542-2", "Low") });
        response.Item.Add(stated);
        FhirScoringResult r = QuestionnaireResponseImporter.Score(response);
        Assert.True(r.IsSuccess, string.Join("; ", r.Errors));
        Assert.Equal(RiskLevel.None, r.Score.RiskLevel);
        Assert.Equal(("Low", (bool?)false), (r.EmbeddedRiskLevel, r.EmbeddedRiskLevelAgrees));
        Assert.Contains("\"embeddedRiskLevel\":\"Low\",\"embeddedRiskLevelAgrees\":false", FhirJson.Write(r), StringComparison.Ordinal);
    }

    /// <summary>A "Yes" on a question the skip logic did not ask contradicts it: item-not-asked, and a yes to item 4
    /// still raises the urgent flag (§3).</summary>
    [Fact]
    public void CssrsYesOnANotAskedQuestion_IsItemNotAsked_WithTheUrgentFlag()
    {
        FhirScoringResult r = QuestionnaireResponseImporter.Score(Cssrs(0, 0, 0, 1, 0, 0, 0));
        Assert.False(r.IsSuccess);
        Assert.Contains(r.Errors, e => e is { Code: ErrorCodes.ItemNotAsked, ItemNumber: 4 });
        Assert.Contains(r.Flags, f => f.Priority == FlagPriority.Urgent);
    }

    private static Hl7.Fhir.Model.QuestionnaireResponse Parse(string json, bool item9Answer)
    {
        var qr = (Hl7.Fhir.Model.QuestionnaireResponse)Hl7.Fhir.Serialization.PocoDeserializationExtensions.DeserializeResource(new Hl7.Fhir.Serialization.FhirJsonDeserializer(), json);
        if (!item9Answer)
            qr.Item.Single(i => i.LinkId == "/44260-8").Answer.Clear();
        return qr;
    }
}
