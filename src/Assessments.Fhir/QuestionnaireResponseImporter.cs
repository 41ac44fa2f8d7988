using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Assessments.Serialization;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace Assessments.Fhir;

/// <summary>
/// Scores a FHIR R4 <c>QuestionnaireResponse</c> with the Assessments engine. The instrument is identified by LOINC
/// codes (a panel or total code among the linkIds, else the scored items' codes, from the linkIds such as
/// <c>/44250-9</c> or from the <c>item.code</c>s of a Questionnaire the caller gives); answers are LOINC answer codes
/// (with or without <c>system</c>) or <c>valueInteger</c> item scores. Nothing is guessed: an unknown linkId or
/// answer code, two answers to one item or an unidentifiable instrument is a coded error, and every safety flag the
/// readable answers raise is still reported. Embedded results (a stated total) are never trusted: the total is
/// recomputed and the stated one reported beside it.
/// </summary>
public static class QuestionnaireResponseImporter
{
    /// <summary>LOINC answer list LL358-3 (PHQ and GAD items): answer code → item score.</summary>
    private static readonly Dictionary<string, int> Ll3583 = new(StringComparer.Ordinal)
    {
        ["LA6568-5"] = 0, // Not at all
        ["LA6569-3"] = 1, // Several days
        ["LA6570-1"] = 2, // More than half the days
        ["LA6571-9"] = 3, // Nearly every day
    };

    /// <summary>Instruments whose items answer with LL358-3 (LOINC; docs/clinical-rules.md §7).</summary>
    private static readonly HashSet<string> Ll3583Instruments = new(StringComparer.Ordinal) { "phq-9", "phq-8", "phq-2", "gad-7" };

    /// <summary>The PHQ-9 "how difficult" item: unscored, carried as <see cref="FhirScoringResult.FunctionalDifficulty"/>.</summary>
    public const string Phq9DifficultyCode = "69722-7";

    /// <summary>Scores FHIR text: JSON or XML, told apart by the first character.</summary>
    /// <param name="text">A QuestionnaireResponse as FHIR JSON or XML.</param>
    /// <param name="questionnaire">The Questionnaire it answers, when its linkIds alone do not carry LOINC codes.</param>
    /// <returns>The result, with the FHIR import's own errors and the stated results beside it.</returns>
    public static FhirScoringResult ScoreText(string text, Questionnaire? questionnaire = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        string trimmed = text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        return trimmed.StartsWith('<') ? ScoreXml(trimmed, questionnaire) : ScoreJson(trimmed, questionnaire);
    }

    /// <summary>Scores a QuestionnaireResponse given as FHIR JSON.</summary>
    /// <param name="json">The resource.</param>
    /// <param name="questionnaire">The Questionnaire it answers, or null.</param>
    /// <returns>The result.</returns>
    public static FhirScoringResult ScoreJson(string json, Questionnaire? questionnaire = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        bool read;
        Resource? resource;
        try
        {
            read = new FhirJsonDeserializer().TryDeserializeResource(json, out resource, out _);
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or InvalidOperationException or ArgumentException)
        {
            return FhirScoringResult.Unreadable("The document is not well-formed FHIR JSON.");
        }

        return FromResource(resource, read, questionnaire);
    }

    /// <summary>Scores a QuestionnaireResponse given as FHIR XML.</summary>
    /// <param name="xml">The resource.</param>
    /// <param name="questionnaire">The Questionnaire it answers, or null.</param>
    /// <returns>The result.</returns>
    public static FhirScoringResult ScoreXml(string xml, Questionnaire? questionnaire = null)
    {
        ArgumentNullException.ThrowIfNull(xml);
        bool read;
        Resource? resource;
        try
        {
            read = new FhirXmlDeserializer().TryDeserializeResource(xml, out resource, out _);
        }
        catch (Exception e) when (e is FormatException or System.Xml.XmlException or InvalidOperationException or ArgumentException)
        {
            return FhirScoringResult.Unreadable("The document is not well-formed FHIR XML.");
        }

        return FromResource(resource, read, questionnaire);
    }

    /// <summary>Reads a Questionnaire from FHIR JSON or XML text (for <c>--questionnaire</c>); null when it is none.</summary>
    /// <param name="text">The resource.</param>
    /// <returns>The Questionnaire, or null.</returns>
    public static Questionnaire? ReadQuestionnaire(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string trimmed = text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        try
        {
            Resource? resource;
            if (trimmed.StartsWith('<'))
                new FhirXmlDeserializer().TryDeserializeResource(trimmed, out resource, out _);
            else
                new FhirJsonDeserializer().TryDeserializeResource(trimmed, out resource, out _);
            return resource as Questionnaire;
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or System.Xml.XmlException or InvalidOperationException or ArgumentException)
        {
            return null;
        }
    }

    private static FhirScoringResult FromResource(Resource? resource, bool wellFormed, Questionnaire? questionnaire)
    {
        if (resource is not QuestionnaireResponse response)
            return FhirScoringResult.Unreadable(resource is null ? "The document is not a FHIR resource." : "The resource is not a QuestionnaireResponse.");
        FhirScoringResult result = Score(response, questionnaire);
        // A resource that breaks FHIR's own rules is scored for its flags, and invalid.
        return wellFormed ? result : result.WithError(new ScoringError(FhirErrorCodes.InvalidResource, null, "The resource breaks FHIR R4's rules; what could be read was scored for its safety flags only."));
    }

    /// <summary>Scores a QuestionnaireResponse.</summary>
    /// <param name="response">The response.</param>
    /// <param name="questionnaire">The Questionnaire it answers, when its linkIds alone do not carry LOINC codes.</param>
    /// <returns>The result.</returns>
    public static FhirScoringResult Score(QuestionnaireResponse response, Questionnaire? questionnaire = null)
    {
        ArgumentNullException.ThrowIfNull(response);
        var answered = new List<(string LinkId, string? Code, List<DataType> Answers)>();
        Flatten(response.Item, questionnaire, answered);
        var errors = ImmutableArray.CreateBuilder<ScoringError>();
        var notes = ImmutableArray.CreateBuilder<string>();
        string? ambiguity = null;

        Instrument? instrument = ByCanonical(response.Questionnaire) ?? Identify(answered.Select(a => a.Code ?? a.LinkId.TrimStart('/')), out ambiguity);
        if (instrument is null)
        {
            errors.Add(new ScoringError(ErrorCodes.UnknownInstrument, null, ambiguity ?? "No built-in instrument has these items (LOINC codes in the linkIds or the Questionnaire's item codes)."));
            return new FhirScoringResult(null, null, errors.ToImmutable(), ImmutableArray<SafetyFlag>.Empty, response.Questionnaire, null, null, null, ImmutableArray<string>.Empty) { Response = response };
        }

        var tokens = Enumerable.Repeat("-", instrument.Items.Length).ToArray();
        decimal? stated = null;
        string? difficulty = null;
        foreach ((string linkId, string? code, List<DataType> answers) in answered)
        {
            string key = code ?? linkId.TrimStart('/');
            int index = IndexOf(instrument, key);
            if (index < 0)
            {
                if (key == FhirCodes.TotalLinkId(instrument))
                {
                    stated = answers.Select(StatedNumber).FirstOrDefault(n => n is not null);
                }
                else if (code == Phq9DifficultyCode && instrument.Id == "phq-9")
                {
                    difficulty = answers.OfType<Coding>().Select(c => c.Code).FirstOrDefault();
                }
                else if (key != instrument.LoincPanel)
                {
                    errors.Add(new ScoringError(FhirErrorCodes.UnknownLinkId, null, $"The linkId '{Clip(linkId)}' is not an item of {instrument.Id}."));
                }

                continue;
            }

            int number = index + 1;
            if (answers.Count == 0)
                continue;
            if (answers.Count > 1)
            {
                errors.Add(new ScoringError(FhirErrorCodes.MultipleAnswers, number, $"Item {number} has {answers.Count} answers; it takes one."));
                tokens[index] = "?";
                continue;
            }

            switch (answers[0])
            {
                case Integer { Value: int value }:
                    tokens[index] = value.ToString(CultureInfo.InvariantCulture);
                    break;
                case Coding coding when Ll3583Instruments.Contains(instrument.Id) && coding.Code is string c && Ll3583.TryGetValue(c, out int score)
                                        && (coding.System is null || coding.System == "http://loinc.org"):
                    tokens[index] = score.ToString(CultureInfo.InvariantCulture);
                    break;
                case Coding own when own.System == FhirCodes.AnswerSystem && own.Code is string c && FhirCodes.TryParseAnswer(instrument, c, out int item, out int position) && item == number:
                    tokens[index] = FhirCodes.Options(instrument.Items[index])[position].Score.ToString(CultureInfo.InvariantCulture);
                    break;
                case Coding:
                    errors.Add(new ScoringError(FhirErrorCodes.UnknownAnswerCode, number, $"Item {number} has an answer code that is not one of {instrument.Id}'s."));
                    tokens[index] = "?";
                    break;
                default:
                    errors.Add(new ScoringError(FhirErrorCodes.UnsupportedAnswer, number, $"Item {number} has an answer of a type that is not an item score (valueInteger) or an answer code (valueCoding)."));
                    tokens[index] = "?";
                    break;
            }
        }

        // Imported records often answer "No" to questions the skip logic did not ask (docs/clinical-rules.md §4): read
        // as not asked, and noted. A "Yes" there stays, and the core calls it item-not-asked (its flags kept).
        foreach (Item item in instrument.Items)
        {
            if (item.AskedWhen is { } when
                && int.TryParse(tokens[when.ItemNumber - 1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int trigger) && trigger != when.Score
                && tokens[item.Number - 1] == item.MinScore.ToString(CultureInfo.InvariantCulture))
            {
                tokens[item.Number - 1] = "-";
                notes.Add($"not-asked-answered-no item {item.Number}");
            }
        }

        // The core reads the tokens: '-' unanswered, '?' unreadable (item-not-a-number), integers checked against the item.
        ResponseReadResult read = AssessmentsJson.ReadTokens(instrument, tokens);
        ScoringResult? scored = read.IsSuccess ? instrument.Score(read.Response) : null;
        if (scored is null)
            errors.AddRange(read.Errors.Where(e => !errors.Any(f => f.ItemNumber == e.ItemNumber && e.Code == ErrorCodes.ItemNotANumber)));
        else
            errors.AddRange(scored.Errors);
        ImmutableArray<SafetyFlag> flags = scored is null ? read.Flags : scored.Flags;
        int? statedTotal = stated is decimal d && d == decimal.Truncate(d) && d >= int.MinValue && d <= int.MaxValue ? (int)d : null;
        bool? agrees = stated is null || scored is not { IsSuccess: true } || !scored.Score.HasTotal ? null : statedTotal == scored.Score.Total;
        return new FhirScoringResult(instrument, scored, errors.ToImmutable(), flags, response.Questionnaire, stated, agrees, difficulty, notes.ToImmutable()) { Response = response };
    }

    /// <summary>The instrument these item codes belong to: named by a panel or total code, else the one instrument
    /// whose scored items hold every code (the smallest that does, when one is the others' exact set).</summary>
    private static Instrument? Identify(IEnumerable<string?> codes, out string? ambiguity)
    {
        ambiguity = null;
        var found = codes.Where(c => c is not null).Select(c => c!).ToHashSet(StringComparer.Ordinal);
        Instrument? named = Instruments.All.FirstOrDefault(i => (i.LoincPanel is string p && found.Contains(p)) || (i.LoincTotal is string t && found.Contains(t)));
        if (named is not null)
            return named;
        found.Remove(Phq9DifficultyCode);
        if (found.Count == 0)
            return null;
        found.RemoveWhere(code => Instruments.All.Any(i => code == FhirCodes.TotalLinkId(i) && !i.Items.Any(item => item.LoincCode == code)));
        var candidates = Instruments.All
            .Where(i => found.All(code => IndexOf(i, code) >= 0))
            .ToList();
        Instrument? exact = candidates.FirstOrDefault(i => i.Items.Length == found.Count);
        if (candidates.Count == 1)
            return candidates[0];
        if (candidates.Count > 1)
        {
            // PHQ-8's items are PHQ-9 without item 9: a PHQ-9 with item 9 unanswered looks the same. Never a guess.
            ambiguity = $"The items fit {string.Join(" and ", candidates.Select(i => i.Id))}{(exact is null ? "" : $" (all of {exact.Id}'s, or another with items unanswered)")}; give the Questionnaire, or a panel or total code.";
        }

        return null;
    }

    /// <summary>The instrument of one of this project's Questionnaire canonicals (<c>…/Questionnaire/{id}|{version}</c>).</summary>
    private static Instrument? ByCanonical(string? canonical)
    {
        string prefix = FhirCodes.CanonicalBase + "/Questionnaire/";
        if (canonical is null || !canonical.StartsWith(prefix, StringComparison.Ordinal))
            return null;
        string id = canonical[prefix.Length..].Split('|')[0];
        return Instruments.TryGet(id, out Instrument? instrument) ? instrument : null;
    }

    /// <summary>The index of the item a key names: its LOINC code, or its linkId in this project's Questionnaire.</summary>
    private static int IndexOf(Instrument instrument, string key)
    {
        for (int i = 0; i < instrument.Items.Length; i++)
        {
            Item item = instrument.Items[i];
            if (item.LoincCode == key || FhirCodes.LinkId(instrument, item) == key)
                return i;
        }

        return -1;
    }

    private static void Flatten(List<QuestionnaireResponse.ItemComponent> items, Questionnaire? questionnaire, List<(string, string?, List<DataType>)> into)
    {
        foreach (QuestionnaireResponse.ItemComponent item in items)
        {
            string linkId = item.LinkId ?? string.Empty;
            string? code = questionnaire is not null ? CodeInQuestionnaire(questionnaire.Item, linkId) ?? LoincOf(linkId) : LoincOf(linkId);
            var answers = item.Answer.Select(a => a.Value).Where(v => v is not null).Select(v => v!).ToList();
            if (item.Item.Count == 0 || answers.Count > 0)
                into.Add((linkId, code, answers));
            Flatten(item.Item, questionnaire, into);
            foreach (QuestionnaireResponse.AnswerComponent answer in item.Answer)
                Flatten(answer.Item, questionnaire, into);
        }
    }

    private static string? CodeInQuestionnaire(List<Questionnaire.ItemComponent> items, string linkId)
    {
        foreach (Questionnaire.ItemComponent item in items)
        {
            if (item.LinkId == linkId)
                return item.Code.FirstOrDefault(c => c.System is null or "http://loinc.org")?.Code;
            if (CodeInQuestionnaire(item.Item, linkId) is string nested)
                return nested;
        }

        return null;
    }

    /// <summary>A LOINC code from a linkId such as <c>/44250-9</c>, <c>/44249-1/44250-9</c> or <c>44250-9</c>.</summary>
    internal static string? LoincOf(string linkId)
    {
        string last = linkId.TrimEnd('/').Split('/')[^1];
        int dash = last.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 && dash == last.Length - 2 && last[..dash].All(char.IsAsciiDigit) && char.IsAsciiDigit(last[^1]) ? last : null;
    }

    private static decimal? StatedNumber(DataType value) => value switch
    {
        FhirDecimal { Value: decimal d } => d,
        Integer { Value: int i } => i,
        Quantity { Value: decimal q } => q,
        _ => null,
    };

    private static string Clip(string text) => text.Length <= 64 ? text : text[..64] + "…";
}
