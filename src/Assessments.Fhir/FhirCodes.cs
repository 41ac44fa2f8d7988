using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Assessments.Fhir;

/// <summary>
/// The codes and canonical URLs this package writes and reads: LOINC where LOINC has a code (docs/clinical-rules.md
/// §7), else this project's own code systems under <see cref="CanonicalBase"/>.
/// </summary>
public static class FhirCodes
{
    /// <summary>The base of this project's canonical URLs (Questionnaires, code systems). Stable: exported resources
    /// and stored responses refer to it.</summary>
    public const string CanonicalBase = "http://assessments.dev/fhir";

    /// <summary>LOINC's system URL.</summary>
    public const string Loinc = "http://loinc.org";

    /// <summary>This project's codes for totals without a LOINC code (<c>{id}-total</c>), flags and risk levels.</summary>
    public const string CodeSystem = CanonicalBase + "/CodeSystem/assessments";

    /// <summary>This project's answer codes: <c>{instrument}.{item}.{position}</c> (position 0 = first option).</summary>
    public const string AnswerSystem = CanonicalBase + "/CodeSystem/answer";

    /// <summary>Severity bands: <c>{instrument}.{band set}.{band}</c>.</summary>
    public const string BandSystem = CanonicalBase + "/CodeSystem/band";

    /// <summary>FHIR's observation category code system (category <c>survey</c>).</summary>
    public const string ObservationCategory = "http://terminology.hl7.org/CodeSystem/observation-category";

    /// <summary>LOINC answer list LL358-3 (PHQ and GAD items), indexed by item score (docs/clinical-rules.md §7).</summary>
    private static readonly (string Code, string Display)[] Ll3583 =
    [
        ("LA6568-5", "Not at all"),
        ("LA6569-3", "Several days"),
        ("LA6570-1", "More than half the days"),
        ("LA6571-9", "Nearly every day"),
    ];

    /// <summary>The LOINC answers of an instrument's answer list (<see cref="Instrument.LoincAnswerList"/>), indexed by
    /// item score; null when the instrument has none this package knows.</summary>
    internal static (string Code, string Display)[]? LoincAnswers(Instrument instrument) =>
        instrument.LoincAnswerList == "LL358-3" ? Ll3583 : instrument.LoincPanel == "93373-9" ? YesNo : null;

    /// <summary>The C-SSRS screener's LOINC answers (93373-9 panel), indexed by item score: LA32-8 No, LA33-6 Yes
    /// (docs/clinical-rules.md §4; via the LHC-Forms questionnaire and the HL7 Behavioral Health example).</summary>
    private static readonly (string Code, string Display)[] YesNo =
    [
        ("LA32-8", "No"),
        ("LA33-6", "Yes"),
    ];

    /// <summary>The canonical URL of an instrument's exported Questionnaire (its version is the rules version).</summary>
    /// <param name="instrument">The instrument.</param>
    /// <returns>The URL, without version.</returns>
    public static string QuestionnaireUrl(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return $"{CanonicalBase}/Questionnaire/{instrument.Id}";
    }

    /// <summary>The linkId of an item in an exported Questionnaire: its LOINC code, else <c>{id}-{n}</c>.</summary>
    /// <param name="instrument">The instrument.</param>
    /// <param name="item">The item.</param>
    /// <returns>The linkId.</returns>
    public static string LinkId(Instrument instrument, Item item)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(item);
        return item.LoincCode ?? string.Create(CultureInfo.InvariantCulture, $"{instrument.Id}-{item.Number}");
    }

    /// <summary>The linkId of the total item: the LOINC total code, else <c>{id}-total</c>.</summary>
    /// <param name="instrument">The instrument.</param>
    /// <returns>The linkId.</returns>
    public static string TotalLinkId(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return instrument.LoincTotal ?? $"{instrument.Id}-total";
    }

    /// <summary>An item's answer options in form order: position, item score, the label the licence lets us ship.</summary>
    /// <param name="item">The item.</param>
    /// <returns>The options.</returns>
    public static IReadOnlyList<(int Position, int Score, string? Label)> Options(Item item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (!item.PositionScores.IsDefaultOrEmpty)
            return item.PositionScores.Select((score, p) => (p, score, Label(item, p))).ToList();
        return Enumerable.Range(item.MinScore, item.MaxScore - item.MinScore + 1).Select(score => (score - item.MinScore, score, Label(item, score - item.MinScore))).ToList();
    }

    private static string? Label(Item item, int position) =>
        !item.OptionLabels.IsDefaultOrEmpty && position < item.OptionLabels.Length ? item.OptionLabels[position] : null;

    /// <summary>The answer coding of an option: LL358-3 for the PHQ and GAD items, else this project's code.</summary>
    internal static (string System, string Code, string Display) AnswerCoding(Instrument instrument, Item item, int position, int score)
    {
        if (LoincAnswers(instrument) is { } answers && score >= 0 && score < answers.Length)
            return (Loinc, answers[score].Code, answers[score].Display);
        string label = Label(item, position) ?? score.ToString(CultureInfo.InvariantCulture);
        if (item.NotAssessedValue == score)
            label = $"{label} (not assessed)";
        return (AnswerSystem, string.Create(CultureInfo.InvariantCulture, $"{instrument.Id}.{item.Number}.{position}"), label);
    }

    /// <summary>This project's answer code of an item's "not assessed" option (<c>{id}.{item}.na</c>: HAM-D item 16, CGI 0,
    /// WSAS item 1 <c>not-applicable</c>), or null when the item has none.</summary>
    internal static string? NotAssessedCode(Instrument instrument, Item item) =>
        item.NotAssessedValue is null ? null : string.Create(CultureInfo.InvariantCulture, $"{instrument.Id}.{item.Number}.na");

    /// <summary>Reads this project's answer code back: the item number and position, when it is one of the instrument's.</summary>
    internal static bool TryParseAnswer(Instrument instrument, string code, out int itemNumber, out int position)
    {
        itemNumber = position = 0;
        string prefix = instrument.Id + ".";
        if (!code.StartsWith(prefix, StringComparison.Ordinal))
            return false;
        string[] parts = code[prefix.Length..].Split('.');
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out itemNumber)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out position)
            && itemNumber >= 1 && itemNumber <= instrument.Items.Length
            && position < Options(instrument.GetItem(itemNumber)).Count;
    }
}
