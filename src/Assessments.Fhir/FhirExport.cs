using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Hl7.Fhir.Model;

namespace Assessments.Fhir;

/// <summary>
/// Writes FHIR R4 resources: an SDC <c>Questionnaire</c> per instrument (LOINC item codes where they exist, answer
/// options with <c>itemWeight</c> and <c>ordinalValue</c>, <c>enableWhen</c> for skip logic, a
/// <c>calculatedExpression</c> for the total where FHIRPath can state the rule) and an <c>Observation</c> per scored
/// result, shaped like US Core's screening-assessment observation.
/// </summary>
public static class FhirExport
{
    /// <summary>The SDC extension for a computed answer.</summary>
    public const string CalculatedExpressionUrl = "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-calculatedExpression";

    /// <summary>The item weight of an answer option (FHIR core extension).</summary>
    public const string ItemWeightUrl = "http://hl7.org/fhir/StructureDefinition/itemWeight";

    /// <summary>The R4 ordinal value of an answer option, for renderers that predate itemWeight.</summary>
    public const string OrdinalValueUrl = "http://hl7.org/fhir/StructureDefinition/ordinalValue";

    private const string ItemControlUrl = "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl";
    private const string ItemControlSystem = "http://hl7.org/fhir/questionnaire-item-control";

    /// <summary>The instrument as an SDC Questionnaire. Item text ships only where the licence allows (the core's
    /// <see cref="Item.Text"/>); otherwise the item's name.</summary>
    /// <param name="instrument">The instrument.</param>
    /// <returns>The Questionnaire.</returns>
    public static Questionnaire ToQuestionnaire(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        var questionnaire = new Questionnaire
        {
            Id = instrument.Id,
            Url = FhirCodes.QuestionnaireUrl(instrument),
            Version = instrument.RulesVersion,
            Name = new string(instrument.Id.Where(char.IsLetterOrDigit).ToArray()).ToUpperInvariant(),
            Title = instrument.Name,
            Status = PublicationStatus.Active,
            SubjectType = [ResourceType.Patient],
            Description = new Markdown($"{instrument.Name}, as scored by the Assessments library (rules version {instrument.RulesVersion}). {instrument.Citation}"),
            Copyright = new Markdown(instrument.LicenceNote),
        };
        if (instrument.LoincPanel is string panel)
            questionnaire.Code.Add(new Coding(FhirCodes.Loinc, panel));

        foreach (Item item in instrument.Items)
        {
            var question = new Questionnaire.ItemComponent
            {
                LinkId = FhirCodes.LinkId(instrument, item),
                Text = item.Text ?? item.Name,
                Type = Questionnaire.QuestionnaireItemType.Choice,

                // Every item that is always asked is required (a form must not complete a PHQ-9 without item 9: LHC-Forms
                // did, with a total of 8); an item behind enableWhen is not, since it may rightly stay unasked.
                Required = item.AskedWhen is null,
            };
            if (item.LoincCode is string code)
                question.Code.Add(new Coding(FhirCodes.Loinc, code));

            // Every option on screen at once, as on the paper form (SDC itemControl; LHC-Forms otherwise shows a
            // drop-down, where a rater sees none of the anchors before choosing).
            question.Extension.Add(new Extension(ItemControlUrl, new CodeableConcept(ItemControlSystem, "radio-button")));
            foreach ((int position, int score, _) in FhirCodes.Options(item))
            {
                (string system, string answer, string display) = FhirCodes.AnswerCoding(instrument, item, position, score);
                int weight = item.NotAssessedValue == score ? 0 : score;
                var option = new Questionnaire.AnswerOptionComponent { Value = new Coding(system, answer, display) };
                option.Extension.Add(new Extension(ItemWeightUrl, new FhirDecimal(weight)));
                option.Extension.Add(new Extension(OrdinalValueUrl, new FhirDecimal(weight)));
                question.AnswerOption.Add(option);
            }

            // "Not assessed" as an option of its own, weighing 0, so a form can record it (a retired patient's WSAS
            // work item is "not applicable", not a 0; CGI "not assessed" leaves the rating unanswered when imported).
            if (FhirCodes.NotAssessedCode(instrument, item) is string naCode)
            {
                var option = new Questionnaire.AnswerOptionComponent { Value = new Coding(FhirCodes.AnswerSystem, naCode, item.NotAssessedLabel ?? "not assessed") };
                option.Extension.Add(new Extension(ItemWeightUrl, new FhirDecimal(0)));
                option.Extension.Add(new Extension(OrdinalValueUrl, new FhirDecimal(0)));
                question.AnswerOption.Add(option);
            }

            if (item.AskedWhen is { } when)
            {
                Item trigger = instrument.GetItem(when.ItemNumber);
                (int position, _, _) = FhirCodes.Options(trigger).First(o => o.Score == when.Score);
                (string system, string answer, string display) = FhirCodes.AnswerCoding(instrument, trigger, position, when.Score);
                question.EnableWhen.Add(new Questionnaire.EnableWhenComponent
                {
                    Question = FhirCodes.LinkId(instrument, trigger),
                    Operator = Questionnaire.QuestionnaireItemOperator.Equal,
                    Answer = new Coding(system, answer, display),
                });
            }

            questionnaire.Item.Add(question);
        }

        if (instrument.HasTotal)
        {
            var total = new Questionnaire.ItemComponent
            {
                LinkId = FhirCodes.TotalLinkId(instrument),
                Text = $"Total score ({instrument.MinTotal}-{instrument.MaxTotal})",
                Type = Questionnaire.QuestionnaireItemType.Integer,
                ReadOnly = true,
            };
            total.Code.Add(instrument.LoincTotal is string loincTotal ? new Coding(FhirCodes.Loinc, loincTotal) : new Coding(FhirCodes.CodeSystem, $"{instrument.Id}-total"));
            if (TotalExpression(instrument, out _) is string expression)
                total.Extension.Add(new Extension(CalculatedExpressionUrl, new Expression { Language = "text/fhirpath", Expression_ = expression }));
            questionnaire.Item.Add(total);
        }

        return questionnaire;
    }

    /// <summary>
    /// The FHIRPath expression that computes the instrument's total over a QuestionnaireResponse of its exported
    /// Questionnaire, or null with the reason FHIRPath cannot state the rule: no total (the C-SSRS risk tiers), or a
    /// domain maximum (QIDS-SR16: FHIRPath has no maximum over a collection). The expression adds item weights of the
    /// answers given; the library's rules for missing items (errors, proration) are not an expression's to apply, so
    /// the two agree on complete responses.
    /// </summary>
    /// <param name="instrument">The instrument.</param>
    /// <param name="reason">Why there is no expression, or null.</param>
    /// <returns>The expression, or null.</returns>
    public static string? TotalExpression(Instrument instrument, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        reason = instrument.Method switch
        {
            ScoringMethod.RiskTiers => "the instrument has no total: its risk level is the first tier with an endorsed item",
            ScoringMethod.DomainMaximumSum => "the total adds the highest item of each domain, and FHIRPath has no maximum over a collection",
            _ => null,
        };
        if (reason is not null)
            return null;

        // One term per weight: the answers coded with that weight, counted, times the weight.
        var byWeight = new SortedDictionary<int, List<string>>();
        foreach (Item item in instrument.Items)
        {
            foreach ((int position, int score, _) in FhirCodes.Options(item))
            {
                int weight = item.NotAssessedValue == score ? 0 : score;
                if (weight == 0)
                    continue;
                (_, string code, _) = FhirCodes.AnswerCoding(instrument, item, position, score);
                if (!byWeight.TryGetValue(weight, out List<string>? codes))
                    byWeight[weight] = codes = [];
                if (!codes.Contains(code))
                    codes.Add(code);
            }
        }

        string links = string.Join(" | ", instrument.Items.Select(i => $"'{FhirCodes.LinkId(instrument, i)}'"));
        string answers = $"%resource.repeat(item).where(linkId in ({links})).answer.value";
        IEnumerable<string> terms = byWeight.Select(pair =>
            string.Create(CultureInfo.InvariantCulture, $"{answers}.where(code in ({string.Join(" | ", pair.Value.Select(c => $"'{c}'"))})).count() * {pair.Key}"));
        return string.Join(" + ", terms.DefaultIfEmpty("0"));
    }

    /// <summary>A scored result as an Observation: category survey; the LOINC total (or risk-level) code where one
    /// exists, else this project's; the total as <c>valueInteger</c> (the C-SSRS risk as <c>valueCodeableConcept</c>);
    /// the band as the interpretation; one component per safety flag, and one per fact beside the total (subscores,
    /// the DSM-5 cluster rule, the CGI-I responder, the scaled score with its standard error).</summary>
    /// <param name="result">A valid result.</param>
    /// <param name="subject">The patient, or null.</param>
    /// <param name="effective">When the assessment was made, or null.</param>
    /// <param name="derivedFrom">The QuestionnaireResponse scored, or null.</param>
    /// <returns>The Observation.</returns>
    /// <exception cref="ArgumentException">The result is invalid: it has errors, not a score.</exception>
    public static Observation ToObservation(ScoringResult result, ResourceReference? subject = null, DateTimeOffset? effective = null, ResourceReference? derivedFrom = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!result.IsSuccess)
            throw new ArgumentException("An invalid result has no Observation: report its errors and flags instead.", nameof(result));
        Instrument instrument = result.Instrument;
        AssessmentScore score = result.Score;
        var observation = new Observation
        {
            Status = ObservationStatus.Final,
            Subject = subject,
            Effective = effective is DateTimeOffset at ? new FhirDateTime(at) : null,
            Method = new CodeableConcept { Text = $"Assessments rules version {score.RulesVersion}: {instrument.Citation}" },
        };
        observation.Category.Add(new CodeableConcept(FhirCodes.ObservationCategory, "survey", "Survey"));
        if (derivedFrom is not null)
            observation.DerivedFrom.Add(derivedFrom);

        if (score.HasTotal)
        {
            observation.Code = instrument.LoincTotal is string total
                ? new CodeableConcept(FhirCodes.Loinc, total, $"{instrument.Name} total score")
                : new CodeableConcept(FhirCodes.CodeSystem, $"{instrument.Id}-total", $"{instrument.Name} total score");
            observation.Value = new Integer(score.Total);
        }
        else
        {
            observation.Code = instrument.LoincRiskLevel is string risk
                ? new CodeableConcept(FhirCodes.Loinc, risk, "Suicide risk level")
                : new CodeableConcept(FhirCodes.CodeSystem, $"{instrument.Id}-risk-level", "Suicide risk level");
            string level = score.RiskLevel is RiskLevel r ? WireIds.ToWireId(r) : "none";
            observation.Value = new CodeableConcept(FhirCodes.CodeSystem, $"risk-{level}", level);
        }

        if (score.Band is { } band)
            observation.Interpretation.Add(new CodeableConcept(FhirCodes.BandSystem, $"{instrument.Id}.{score.BandSetId}.{band.Id}", band.Label));
        if (score.Prorated)
            observation.Note.Add(new Annotation { Text = new Markdown("Total prorated from the answered items.") });

        foreach (SafetyFlag flag in score.Flags)
        {
            var component = new Observation.ComponentComponent
            {
                Code = new CodeableConcept(FhirCodes.CodeSystem, flag.Id, flag.Id) { Text = flag.ItemNumber is int n ? $"{flag.Id}, item {n}" : flag.Id },
            };
            if (flag.Value is int value)
                component.Value = new Integer(value);
            else if (flag.RiskLevel is RiskLevel level)
                component.Value = new CodeableConcept(FhirCodes.CodeSystem, $"risk-{WireIds.ToWireId(level)}", WireIds.ToWireId(level));
            else
                component.DataAbsentReason = new CodeableConcept("http://terminology.hl7.org/CodeSystem/data-absent-reason", "asked-unknown", "Asked But Unknown");
            string priority = flag.Priority is FlagPriority p ? WireIds.ToWireId(p) : "ask";
            component.Interpretation.Add(new CodeableConcept(FhirCodes.CodeSystem, $"priority-{priority}", priority));
            observation.Component.Add(component);
        }

        // The facts beside the total (catalogue v2), one component each, coded in this project's system.
        foreach ((string subscale, int value) in score.Subscores)
        {
            observation.Component.Add(new Observation.ComponentComponent
            {
                Code = new CodeableConcept(FhirCodes.CodeSystem, $"{instrument.Id}-subscore-{subscale}", $"{instrument.Name} subscore {subscale}"),
                Value = new Integer(value),
            });
        }

        if (score.MeetsClusterRule is bool met)
            observation.Component.Add(new Observation.ComponentComponent { Code = new CodeableConcept(FhirCodes.CodeSystem, "dsm5-cluster-rule", "DSM-5 cluster rule met"), Value = new FhirBoolean(met) });
        if (score.Responder is bool responder)
            observation.Component.Add(new Observation.ComponentComponent { Code = new CodeableConcept(FhirCodes.CodeSystem, $"{instrument.Id}-responder", string.Create(CultureInfo.InvariantCulture, $"{instrument.Name}: responder (a rating of {instrument.ResponderAtMost} or better)")), Value = new FhirBoolean(responder) });
        if (score.Scaled is { } scaled)
        {
            observation.Component.Add(new Observation.ComponentComponent
            {
                Code = new CodeableConcept(FhirCodes.CodeSystem, scaled.Metric, $"{scaled.Metric} scaled score"),
                Value = new Quantity(scaled.Value, "{score}", "http://unitsofmeasure.org"),
            });
            observation.Component.Add(new Observation.ComponentComponent
            {
                Code = new CodeableConcept(FhirCodes.CodeSystem, $"{scaled.Metric}-se", $"{scaled.Metric} standard error"),
                Value = new Quantity(scaled.StandardError, "{score}", "http://unitsofmeasure.org"),
            });
        }

        return observation;
    }
}
