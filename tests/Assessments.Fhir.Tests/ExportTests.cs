using System;
using System.Globalization;
using System.Linq;
using Firely.Fhir.Validation;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Hl7.Fhir.FhirPath;
using Hl7.Fhir.Model;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;
using Xunit;

namespace Assessments.Fhir.Tests;

/// <summary>Exported resources checked by real engines: Firely's validator against base R4, the importer on responses
/// built from the exported Questionnaire, and Firely's FHIRPath on the exported calculatedExpression.</summary>
public sealed class ExportTests
{
    private static readonly Lazy<Validator> R4Validator = new(() =>
    {
        // The R4 specification from Hl7.Fhir.Specification.Data.R4 (specification.zip, offline).
        var resolver = new CachedResolver(ZipSource.CreateValidationSource());
        return new Validator(resolver, new LocalTerminologyService(resolver));
    });

    private static Instrument Get(string id) => Instruments.TryGet(id, out Instrument? instrument) ? instrument : throw new ArgumentException(id);

    public static TheoryData<string> InstrumentIds() => new(Instruments.All.Select(i => i.Id));

    /// <summary>Errors and fatal issues only: a warning (an extension R4 does not define, a code system it cannot check
    /// offline) is no failure.</summary>
    private static string[] Errors(Resource resource)
    {
        OperationOutcome outcome = R4Validator.Value.Validate(resource);
        return outcome.Issue
            .Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal)
            .Select(i => $"{i.Details?.Text} at {string.Join(",", i.Expression)}")
            .ToArray();
    }

    [Theory]
    [MemberData(nameof(InstrumentIds))]
    public void Questionnaire_PassesTheR4Validator(string id)
    {
        Questionnaire questionnaire = FhirExport.ToQuestionnaire(Get(id));
        Assert.Empty(Errors(questionnaire));
    }

    [Theory]
    [MemberData(nameof(InstrumentIds))]
    public void Observation_PassesTheR4Validator(string id)
    {
        Instrument instrument = Get(id);
        int?[] values = Complete(instrument, item => FhirCodes.Options(item)[^1].Score);
        ScoringResult result = instrument.Score(values);
        Assert.True(result.IsSuccess, string.Join("; ", result.Errors));
        Observation observation = FhirExport.ToObservation(result, new ResourceReference("Patient/example"), new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero), new ResourceReference("QuestionnaireResponse/example"));
        Assert.Empty(Errors(observation));
    }

    /// <summary>The validator check can fail: a Questionnaire without its required status, an Observation without code.</summary>
    [Fact]
    public void TheValidator_RefusesWhatR4Refuses()
    {
        Questionnaire broken = FhirExport.ToQuestionnaire(Instruments.Phq9);
        broken.Status = null;
        Assert.NotEmpty(Errors(broken));
        Assert.NotEmpty(Errors(new Observation { Status = ObservationStatus.Final }));
    }

    [Fact]
    public void Observation_OfAPhq9_IsShapedLikeUsCoreScreening()
    {
        ScoringResult result = Instruments.Phq9.Score(1, 2, 3, 1, 2, 3, 0, 1, 2);
        Observation o = FhirExport.ToObservation(result, new ResourceReference("Patient/1"), DateTimeOffset.UnixEpoch);
        Assert.Equal(("http://loinc.org", "44261-6"), (o.Code.Coding[0].System, o.Code.Coding[0].Code));
        Assert.Equal("survey", o.Category[0].Coding[0].Code);
        Assert.Equal(15, ((Integer)o.Value!).Value);
        Assert.Equal("phq-9.kroenke-2001.moderately-severe", o.Interpretation[0].Coding[0].Code);
        Observation.ComponentComponent flag = Assert.Single(o.Component);
        Assert.Equal("suicide-risk", flag.Code.Coding[0].Code);
        Assert.Equal(2, ((Integer)flag.Value!).Value);
        Assert.Equal("priority-urgent", flag.Interpretation[0].Coding[0].Code);
    }

    [Fact]
    public void Observation_OfTheCssrsScreener_IsTheRiskLevel_NeverATotal()
    {
        ScoringResult result = Instruments.CssrsScreen.Score(new int?[] { 1, 1, 0, 1, 0, 0, null });
        Observation o = FhirExport.ToObservation(result);
        Assert.Equal("93374-7", o.Code.Coding[0].Code);
        Assert.Equal("risk-high", ((CodeableConcept)o.Value!).Coding[0].Code);
    }

    [Fact]
    public void Observation_CarriesTheFactsBesideTheTotal()
    {
        // Catalogue v2: PCL-5 cluster sums and the DSM-5 rule; PROMIS T and its SE; CGI-I responder; YMRS mania signal.
        Observation pcl = FhirExport.ToObservation(Instruments.Pcl5.Score([2, 0, 0, 0, 0, 2, 0, 2, 2, 0, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0]));
        Assert.Equal([("pcl-5-subscore-B", "2"), ("pcl-5-subscore-C", "2"), ("pcl-5-subscore-D", "4"), ("pcl-5-subscore-E", "4"), ("dsm5-cluster-rule", "true")],
            pcl.Component.Select(c => (c.Code.Coding[0].Code, c.Value is Integer i ? i.Value!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : ((FhirBoolean)c.Value!).Value!.Value ? "true" : "false")));
        Observation promis = FhirExport.ToObservation(Instruments.PromisDep8a.Score(3, 3, 3, 3, 3, 3, 3, 3));
        Assert.Equal([("promis-t", 62.1m), ("promis-t-se", 1.8m)], promis.Component.Select(c => (c.Code.Coding[0].Code, ((Quantity)c.Value!).Value!.Value)));
        Assert.True(((FhirBoolean)Assert.Single(FhirExport.ToObservation(Instruments.CgiI.Score(2)).Component).Value!).Value);
        Observation ymrs = FhirExport.ToObservation(Instruments.Ymrs.Score(4, 4, 4, 0, 2, 2, 0, 0, 0, 0, 0));
        Assert.Equal(("mania-signal", 16), (Assert.Single(ymrs.Component).Code.Coding[0].Code, ((Integer)ymrs.Component[0].Value!).Value!.Value));
    }

    [Fact]
    public void InvalidResult_HasNoObservation() =>
        Assert.Throws<ArgumentException>(() => FhirExport.ToObservation(Instruments.Phq9.Score(9, 0, 0, 0, 0, 0, 0, 0, 0)));

    [Fact]
    public void Questionnaire_ShipsItemTextOnlyWhereTheLicenceAllows()
    {
        Questionnaire phq9 = FhirExport.ToQuestionnaire(Instruments.Phq9);
        Assert.Equal(Instruments.Phq9.Items[0].Text, phq9.Item[0].Text);
        Assert.NotNull(phq9.Item[0].Text);
        Assert.Equal("44250-9", phq9.Item[0].Code[0].Code);
        Assert.Equal("LA6571-9", ((Coding)phq9.Item[0].AnswerOption[3].Value!).Code);
        Questionnaire madrs = FhirExport.ToQuestionnaire(Instruments.Madrs);
        Assert.All(madrs.Item.Take(10), (q, i) => Assert.Equal(Instruments.Madrs.Items[i].Name, q.Text));
        Questionnaire cssrs = FhirExport.ToQuestionnaire(Instruments.CssrsScreen);
        Assert.Equal("93247-5", cssrs.Item[2].EnableWhen.Single().Question); // LOINC item codes as linkIds (§4)
        Assert.Equal([true, true, false, false, false, true, false], cssrs.Item.Take(7).Select(i => i.Required == true)); // not behind enableWhen
        Assert.All(phq9.Item.Take(9), i => Assert.True(i.Required));
        Assert.NotEqual(true, phq9.Item[9].Required); // the computed total
        Assert.Equal(["LA32-8", "LA33-6"], cssrs.Item[0].AnswerOption.Select(o => ((Coding)o.Value!).Code)); // No, Yes
        Assert.DoesNotContain(cssrs.Item, i => i.Type == Questionnaire.QuestionnaireItemType.Integer);
    }

    [Fact]
    public void TotalExpression_SaysWhyWhereFhirPathCannotStateTheRule()
    {
        Assert.Null(FhirExport.TotalExpression(Instruments.QidsSr16, out string? qids));
        Assert.Contains("maximum", qids, StringComparison.Ordinal);
        Assert.Null(FhirExport.TotalExpression(Instruments.CssrsScreen, out string? cssrs));
        Assert.Contains("no total", cssrs, StringComparison.Ordinal);
    }

    /// <summary>Export the Questionnaire, answer it as a form would, import: the result is the core's for the same values.</summary>
    [Property(MaxTest = 300)]
    public Property ExportedQuestionnaire_Answered_ImportsToTheCoreResult() =>
        Prop.ForAll(Answers().ToArbitrary(), answers =>
        {
            (Instrument instrument, int?[] positions) = answers;
            QuestionnaireResponse response = Respond(instrument, positions);
            FhirScoringResult imported = QuestionnaireResponseImporter.Score(response);
            ScoringResult core = instrument.Score(Values(instrument, positions));
            Assert.Equal(instrument, imported.Instrument);
            Assert.Equal(core.IsSuccess, imported.IsSuccess);
            Assert.Equal(core.Errors.Select(e => (e.Code, e.ItemNumber)), imported.Errors.Select(e => (e.Code, e.ItemNumber)));
            Assert.Equal(core.Flags.Select(Key), imported.Flags.Select(Key));
            if (core.IsSuccess)
                Assert.Equal(core.Score, imported.Score);
        });

    /// <summary>Firely's FHIRPath engine, evaluating the exported calculatedExpression over the response, gives the
    /// library's total wherever FHIRPath can state the rule (complete responses: missing-item rules are the library's).</summary>
    [Property(MaxTest = 200)]
    public Property CalculatedExpression_EvaluatedByFirely_EqualsTheTotal() =>
        Prop.ForAll(Answers(complete: true).ToArbitrary(), answers =>
        {
            (Instrument instrument, int?[] positions) = answers;
            if (FhirExport.TotalExpression(instrument, out _) is not string expression)
                return;
            QuestionnaireResponse response = Respond(instrument, positions);
            ScoringResult core = instrument.Score(Values(instrument, positions));
            Assert.True(core.IsSuccess, string.Join("; ", core.Errors));
            object? value = response.Scalar(expression, new FhirEvaluationContext());
            Assert.Equal(core.Score.Total, Convert.ToInt32(value, CultureInfo.InvariantCulture));
        });

    private static (string, int?, FlagPriority?, RiskLevel?, int?) Key(SafetyFlag f) => (f.Id, f.ItemNumber, f.Priority, f.RiskLevel, f.Value);

    private static Gen<(Instrument, int?[])> Answers(bool complete = false) =>
        from index in Gen.Choose(0, Instruments.All.Length - 1)
        let instrument = Instruments.All[index]
        from positions in Gen.CollectToArray(instrument.Items, item =>
            complete ? Gen.Choose(0, FhirCodes.Options(item).Count - 1).Select(p => (int?)p)
                     : Gen.Frequency((9, Gen.Choose(0, OptionCount(item) - 1).Select(p => (int?)p)), (1, Gen.Constant((int?)null))))
        select (instrument, Ask(instrument, positions));

    /// <summary>Skip logic as a form applies it: a question the trigger did not enable is left unanswered.</summary>
    internal static int?[] Ask(Instrument instrument, int?[] positions)
    {
        int?[] values = Values(instrument, positions);
        foreach (Item item in instrument.Items)
        {
            if (item.AskedWhen is { } when && values[when.ItemNumber - 1] != when.Score)
                positions[item.Number - 1] = values[item.Number - 1] = null;
        }

        return positions;
    }

    /// <summary>The exported options of an item: its scored options, then "not assessed" where it has one.</summary>
    private static int OptionCount(Item item) => FhirCodes.Options(item).Count + (item.NotAssessedValue is null ? 0 : 1);

    internal static int?[] Values(Instrument instrument, int?[] positions) =>
        instrument.Items.Select((item, i) => positions[i] is int p ? p < FhirCodes.Options(item).Count ? FhirCodes.Options(item)[p].Score : item.NotAssessedValue : (int?)null).ToArray();

    [Theory]
    [InlineData("wsas", 1, "not-applicable")]
    [InlineData("hamd-17", 16, "not assessed")]
    [InlineData("cgi-i", 1, "not assessed")]
    public void NotAssessed_IsAnOptionOfItsOwn_WeighingZero(string id, int item, string display)
    {
        // A retired patient's WSAS work item is "not applicable", not a 0: the form must be able to say so.
        Instrument instrument = Instruments.All.Single(i => i.Id == id);
        Questionnaire.AnswerOptionComponent option = FhirExport.ToQuestionnaire(instrument).Item[item - 1].AnswerOption[^1];
        Assert.Equal(($"{id}.{item}.na", display), (((Coding)option.Value!).Code, ((Coding)option.Value!).Display));
        Assert.Equal(0m, Assert.IsType<FhirDecimal>(option.GetExtension(FhirExport.ItemWeightUrl)?.Value).Value);
    }

    [Fact]
    public void AWsasWithWorkNotApplicable_ImportsAsTheLibraryScoresIt()
    {
        int?[] positions = [FhirCodes.Options(Instruments.Wsas.Items[0]).Count, 5, 5, 5, 5]; // the N/A option, then 5s
        FhirScoringResult imported = QuestionnaireResponseImporter.Score(Respond(Instruments.Wsas, positions));
        Assert.Equal((20, "item-1-not-applicable"), (imported.Score!.Total, imported.Score.Notes.Single()));
    }

    private static int?[] Complete(Instrument instrument, Func<Item, int> value)
    {
        var values = instrument.Items.Select(item => (int?)value(item)).ToArray();
        foreach (Item item in instrument.Items)
        {
            if (item.AskedWhen is { } when && values[when.ItemNumber - 1] != when.Score)
                values[item.Number - 1] = null;
        }

        return values;
    }

    internal static QuestionnaireResponse Respond(Instrument instrument, int?[] positions)
    {
        Questionnaire questionnaire = FhirExport.ToQuestionnaire(instrument);
        var response = new QuestionnaireResponse
        {
            Questionnaire = $"{questionnaire.Url}|{questionnaire.Version}",
            Status = QuestionnaireResponse.QuestionnaireResponseStatus.Completed,
        };
        for (int i = 0; i < instrument.Items.Length; i++)
        {
            var answer = new QuestionnaireResponse.ItemComponent { LinkId = questionnaire.Item[i].LinkId };
            if (positions[i] is int p)
                answer.Answer.Add(new QuestionnaireResponse.AnswerComponent { Value = (Coding)questionnaire.Item[i].AnswerOption[p].Value! });
            response.Item.Add(answer);
        }

        return response;
    }
}
