namespace Assessments;

/// <summary>Every stable error code of the library, in one place: responses, documents, courses and definitions
/// (the wire contract; docs/wire-format.md).</summary>
public static class ErrorCodes
{
    /// <summary>The response has the wrong number of item values.</summary>
    public const string ItemCount = "item-count";

    /// <summary>An item that was asked is unanswered.</summary>
    public const string ItemMissing = "item-missing";

    /// <summary>An item value is outside the item's allowed values.</summary>
    public const string ItemOutOfRange = "item-out-of-range";

    /// <summary>An item value is not an integer (nor an option label the item accepts).</summary>
    public const string ItemNotANumber = "item-not-a-number";

    /// <summary>An item has a value although the skip logic says it was not asked.</summary>
    public const string ItemNotAsked = "item-not-asked";

    /// <summary>The response names an instrument the catalogue does not hold.</summary>
    public const string UnknownInstrument = "unknown-instrument";

    /// <summary>The response document is not well-formed JSON or lacks a required field.</summary>
    public const string MalformedDocument = "malformed-document";

    /// <summary>A document states a property twice (two <c>"items"</c>): malformed, never last-wins.</summary>
    public const string DuplicateProperty = "duplicate-property";

    /// <summary>A document sets <c>positions</c>, <c>prorate</c> or <c>bandSet</c> to a value other than the one the
    /// caller gave for every document (<see cref="ResponseDefaults"/>, the CLI's <c>--input</c> options).</summary>
    public const string OptionConflict = "option-conflict";

    /// <summary>A document is larger than <see cref="Limits.MaxDocumentBytes"/>.</summary>
    public const string DocumentTooLarge = "document-too-large";

    /// <summary>A course has more assessments or sessions than <see cref="Limits"/> allows.</summary>
    public const string CourseTooLarge = "course-too-large";

    /// <summary>The instrument has no treatment course: no total (the C-SSRS screeners), or already a rating of change
    /// (CGI-I).</summary>
    public const string NoCourse = "instrument-has-no-course";

    /// <summary>Two assessments of a course at the same instant.</summary>
    public const string DuplicateInstant = "duplicate-instant";

    /// <summary>An assessment of another instrument than the course's.</summary>
    public const string WrongInstrument = "wrong-instrument";

    /// <summary>A total outside the instrument's range: an imported total of a course, or a total to convert through a
    /// crosswalk (<see cref="Crosswalks.DepressionCrosswalk"/>).</summary>
    public const string TotalOutOfRange = "total-out-of-range";

    /// <summary>A catalogue instrument the crosswalk has no column for (<see cref="Crosswalks.DepressionCrosswalk"/>
    /// converts QIDS-SR16, QIDS-C16, IDS-SR30 and HAM-D 17 totals).</summary>
    public const string NoCrosswalk = "instrument-has-no-crosswalk";

    /// <summary>The course has no assessment, or none falls in the course summarised (none in its baseline window, none
    /// after its first session).</summary>
    public const string NoAssessments = "no-assessments";

    /// <summary>The named baseline is not one of the assessments.</summary>
    public const string UnknownBaseline = "unknown-baseline";

    /// <summary>The sessions carry more than one kind and the course does not say which one it follows.</summary>
    public const string TreatmentKindRequired = "treatment-kind-required";

    /// <summary>A course option is negative, zero where it must be positive, not finite, out of range or unknown.</summary>
    public const string OptionOutOfRange = "option-out-of-range";

    /// <summary>Whether a course error is about how the course was asked for (exit 2), not about its data.</summary>
    internal static bool IsCourseUsageError(string code) => code is TreatmentKindRequired or OptionOutOfRange or UnknownBaseline;

    /// <summary>An assessment carries neither items nor a total, or both.</summary>
    public const string ItemsOrTotal = "items-or-total";

    /// <summary>A clinic definition breaks a rule of the instrument model (every problem is listed).</summary>
    public const string DefinitionInvalid = "definition-invalid";

    /// <summary>A clinic definition exceeds a documented limit (<see cref="Limits"/>).</summary>
    public const string DefinitionLimit = "definition-limit";
}

/// <summary>Stable ids of safety flags.</summary>
public static class FlagIds
{
    /// <summary>A safety item (or risk level) at or above its review threshold.</summary>
    public const string SuicideRisk = "suicide-risk";

    /// <summary>A safety item was left unanswered: the response is invalid and the question needs asking.</summary>
    public const string SafetyItemUnanswered = "safety-item-unanswered";

    /// <summary>A total at or above a mania threshold (YMRS 13 or more): a clinician's look, raised and never hidden like
    /// a safety flag; its value is the total (on an invalid response, the sum of the items that could be read).</summary>
    public const string ManiaSignal = "mania-signal";
}
