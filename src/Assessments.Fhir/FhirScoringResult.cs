using System;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace Assessments.Fhir;

/// <summary>Error codes of the FHIR import, beside the core's (<see cref="ErrorCodes"/>).</summary>
public static class FhirErrorCodes
{
    /// <summary>The document is not a readable FHIR QuestionnaireResponse (not well-formed, another resource).</summary>
    public const string NotAQuestionnaireResponse = "fhir-not-a-questionnaire-response";

    /// <summary>The resource breaks FHIR R4's rules (a wrong type, an unknown status); it is scored for its flags only.</summary>
    public const string InvalidResource = "fhir-invalid-resource";

    /// <summary>A linkId names no item of the instrument (and is not its panel, total or a known unscored item).</summary>
    public const string UnknownLinkId = "fhir-unknown-link-id";

    /// <summary>An answer code is not one of the instrument's (LOINC answer list, with or without <c>system</c>).</summary>
    public const string UnknownAnswerCode = "fhir-unknown-answer-code";

    /// <summary>A single-answer item has more than one answer.</summary>
    public const string MultipleAnswers = "fhir-multiple-answers";

    /// <summary>An answer is neither an item score (<c>valueInteger</c>) nor an answer code (<c>valueCoding</c>).</summary>
    public const string UnsupportedAnswer = "fhir-unsupported-answer";

    /// <summary>The response holds several instruments' panels (PHQ-9 with GAD-7, PHQ-9 with the C-SSRS): each has its
    /// own result in <see cref="FhirScoringResult.Panels"/>; the top level carries every flag of every one.</summary>
    public const string SeveralInstruments = "fhir-several-instruments";

    /// <summary>The document nests deeper than the reader reads (<see cref="QuestionnaireResponseImporter.MaxNesting"/>
    /// levels): the deeper parts are not read, what could be read is scored and flagged, and the result is invalid.</summary>
    public const string TooDeep = "fhir-too-deep";
}

/// <summary>A QuestionnaireResponse scored: the core result when its items could be read, every error (the import's
/// and the core's), every safety flag, and what the document itself stated beside what was computed.</summary>
public sealed class FhirScoringResult
{
    private ImmutableArray<ScoringError> _errors = ImmutableArray<ScoringError>.Empty;

    internal static FhirScoringResult Unreadable(string message) =>
        new() { Errors = [new ScoringError(FhirErrorCodes.NotAQuestionnaireResponse, null, message)] };

    internal static FhirScoringResult TooLarge() =>
        new() { Errors = [new ScoringError(ErrorCodes.DocumentTooLarge, null, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The document is larger than {Limits.MaxDocumentBytes} bytes."))] };

    /// <summary>This result with one more error in front (the resource broke FHIR's rules).</summary>
    internal FhirScoringResult WithError(ScoringError error)
    {
        var copy = (FhirScoringResult)MemberwiseClone();
        copy._errors = _errors.Insert(0, error);
        return copy;
    }

    /// <summary>The response's <c>authored</c> time as written (FHIR dateTime: a year, a date, or a time with zone).</summary>
    public string? Authored { get; internal init; }

    /// <summary>The response's own <c>id</c>, as written.</summary>
    public string? ResourceId { get; internal init; }

    /// <summary>The response's <c>subject.reference</c> (such as <c>Patient/123</c>), as written.</summary>
    public string? Subject { get; internal init; }

    /// <summary>The <c>authored</c> time as an instant, when it names one (a full time with its zone); null otherwise.</summary>
    public DateTimeOffset? AuthoredAt =>
        Authored is { Length: > 10 } text && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out DateTimeOffset at) ? at : null;

    /// <summary>The instrument the response was identified as; null when it could not be.</summary>
    public Instrument? Instrument { get; internal init; }

    /// <summary>The core result of the items as read (invalid when an item is missing or unreadable); null when the
    /// instrument could not be identified.</summary>
    public ScoringResult? Result { get; internal init; }

    /// <summary>Every error, the import's (<see cref="FhirErrorCodes"/>) and the core's; empty when scored.</summary>
    public ImmutableArray<ScoringError> Errors { get => _errors; internal init => _errors = value; }

    /// <summary>Every safety flag the readable answers raise, also when the response is invalid.</summary>
    public ImmutableArray<SafetyFlag> Flags { get; internal init; } = ImmutableArray<SafetyFlag>.Empty;

    /// <summary>Whether the response was identified, read and scored without any error.</summary>
    [MemberNotNullWhen(true, nameof(Result), nameof(Instrument), nameof(Score))]
    public bool IsSuccess => Errors.IsEmpty && Result is { IsSuccess: true } && Instrument is not null;

    /// <summary>The score when <see cref="IsSuccess"/>; null otherwise.</summary>
    public AssessmentScore? Score => Errors.IsEmpty && Result is { IsSuccess: true } ? Result.Score : null;

    /// <summary>The response's <c>questionnaire</c> canonical, as given.</summary>
    public string? Questionnaire { get; internal init; }

    /// <summary>The total the document stated in the instrument's LOINC total item; never used for scoring.</summary>
    public decimal? EmbeddedTotal { get; internal init; }

    /// <summary>Whether the stated total equals the computed one; null when either is missing.</summary>
    public bool? EmbeddedTotalAgrees { get; internal init; }

    /// <summary>Facts about how the record was read, such as <c>not-asked-answered-no item 3</c> (a "No" stored for a
    /// question the skip logic did not ask, read as not asked: docs/clinical-rules.md §4).</summary>
    public ImmutableArray<string> Notes { get; internal init; } = ImmutableArray<string>.Empty;

    /// <summary>The risk level the document stated (the display, else the code, of its LOINC 93374-7 answer); never used.</summary>
    public string? EmbeddedRiskLevel { get; internal init; }

    /// <summary>Whether the stated risk level names the computed one; null when either is missing.</summary>
    public bool? EmbeddedRiskLevelAgrees { get; internal init; }

    /// <summary>The answer code of the instrument's unscored difficulty item (<see cref="Instrument.LoincDifficultyItem"/>;
    /// PHQ-9: LOINC 69722-7), carried as it was given.</summary>
    public string? FunctionalDifficulty { get; internal init; }

    /// <summary>For a response holding several instruments (error <see cref="FhirErrorCodes.SeveralInstruments"/>): one
    /// result per instrument, in the order their items appear; empty for a response of one instrument.</summary>
    public ImmutableArray<FhirScoringResult> Panels { get; internal init; } = ImmutableArray<FhirScoringResult>.Empty;
}
