using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace Assessments.Fhir;

/// <summary>
/// Scores a FHIR R4 <c>QuestionnaireResponse</c> with the Assessments engine (docs/fhir.md). The instrument is
/// identified by this project's Questionnaire canonical, by a LOINC panel or total code among the linkIds, or by the
/// scored items' keys (LOINC codes in linkIds such as <c>/44250-9</c>, this project's linkIds, or the <c>item.code</c>s
/// of a Questionnaire the caller gives). Answers are LOINC answer codes (with or without <c>system</c>), this project's
/// answer codes, or <c>valueInteger</c> item scores. Nothing is guessed: an unknown linkId or answer code, two answers
/// to one item or an unidentifiable instrument is a coded error, and every safety flag the readable answers raise is
/// still reported. Embedded results (a stated total) are never trusted: the total is recomputed and the stated one
/// reported beside it.
/// </summary>
public static class QuestionnaireResponseImporter
{
    /// <summary>The deepest nesting read: 128 levels of JSON arrays and objects, or of XML elements (about 60 nested
    /// groups; real forms nest a handful). Deeper parts are cut before any parser sees them (a parser that recurses
    /// must never meet 10,000 levels: the process would die), what is left is scored for its flags, and the result is
    /// invalid with <see cref="FhirErrorCodes.TooDeep"/>.</summary>
    public static int MaxNesting => 128;

    /// <summary>Scores FHIR text: JSON or XML, told apart by the first character.</summary>
    /// <param name="text">A QuestionnaireResponse as FHIR JSON or XML.</param>
    /// <param name="questionnaire">The Questionnaire it answers, when its linkIds alone do not identify the items.</param>
    /// <returns>The result, with the FHIR import's own errors and the stated results beside it.</returns>
    public static FhirScoringResult ScoreText(string text, Questionnaire? questionnaire = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        string trimmed = text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        return trimmed.StartsWith('<') ? ScoreXml(trimmed, questionnaire) : ScoreJson(trimmed, questionnaire);
    }

    /// <summary>Scores a QuestionnaireResponse given as FHIR JSON text, through Firely's parser.</summary>
    /// <param name="json">The resource.</param>
    /// <param name="questionnaire">The Questionnaire it answers, or null.</param>
    /// <returns>The result.</returns>
    public static FhirScoringResult ScoreJson(string json, Questionnaire? questionnaire = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (TooLarge(json))
            return FhirScoringResult.TooLarge();
        if (DepthGuard.PruneJson(Encoding.UTF8.GetBytes(json)) is { } pruned)
            return pruned.Length == 0 ? DepthGuard.Unreadable() : DepthGuard.Mark(ScoreJson(Encoding.UTF8.GetString(pruned), questionnaire));
        return Parse(json, xml: false) is (var resource, bool wellFormed)
            ? FromResource(resource, wellFormed, questionnaire)
            : FhirScoringResult.Unreadable("The document is not well-formed FHIR JSON.");
    }

    /// <summary>
    /// Scores a QuestionnaireResponse given as FHIR JSON in UTF-8 bytes: the fast path for batches and servers. One
    /// <c>Utf8JsonReader</c> pass reads what scoring needs and checks every other value it meets; anything it does not
    /// fully understand (an element it does not read, a value FHIR might refuse) goes to the Firely path instead, so the
    /// result is the same as <see cref="ScoreJson"/>'s for every input (an FsCheck property holds the two together).
    /// </summary>
    /// <param name="utf8Json">The resource, UTF-8.</param>
    /// <param name="questionnaire">The Questionnaire it answers, or null.</param>
    /// <returns>The result.</returns>
    public static FhirScoringResult ScoreUtf8(ReadOnlySpan<byte> utf8Json, Questionnaire? questionnaire = null)
    {
        if (utf8Json.Length > Limits.MaxDocumentBytes)
            return FhirScoringResult.TooLarge();
        if (DepthGuard.PruneJson(utf8Json) is { } pruned)
            return pruned.Length == 0 ? DepthGuard.Unreadable() : DepthGuard.Mark(ScoreUtf8(pruned, questionnaire));
        ImportScratch scratch = ImportScratch.Rent();
        if (questionnaire is null && FastReader.TryRead(utf8Json, scratch))
            return Evaluate(scratch, utf8Json);
        return ScoreJson(Encoding.UTF8.GetString(utf8Json), questionnaire);
    }

    /// <summary>Whether the fast path read the document itself (for the tests and the benchmark).</summary>
    internal static bool FastPathReads(ReadOnlySpan<byte> utf8Json) => FastReader.TryRead(utf8Json, ImportScratch.Rent());

    /// <summary>Scores a QuestionnaireResponse given as FHIR XML.</summary>
    /// <param name="xml">The resource.</param>
    /// <param name="questionnaire">The Questionnaire it answers, or null.</param>
    /// <returns>The result.</returns>
    public static FhirScoringResult ScoreXml(string xml, Questionnaire? questionnaire = null)
    {
        ArgumentNullException.ThrowIfNull(xml);
        if (TooLarge(xml))
            return FhirScoringResult.TooLarge();
        if (DepthGuard.PruneXml(xml) is { } pruned)
            return pruned.Length == 0 ? DepthGuard.Unreadable() : DepthGuard.Mark(ScoreXml(pruned, questionnaire));
        return Parse(xml, xml: true) is (var resource, bool wellFormed)
            ? FromResource(resource, wellFormed, questionnaire)
            : FhirScoringResult.Unreadable("The document is not well-formed FHIR XML.");
    }

    /// <summary>A document over <see cref="Limits.MaxDocumentBytes"/> UTF-8 bytes is refused before any parser sees it.</summary>
    private static bool TooLarge(string text) =>
        text.Length > Limits.MaxDocumentBytes || (text.Length * 3L > Limits.MaxDocumentBytes && Encoding.UTF8.GetByteCount(text) > Limits.MaxDocumentBytes);

    /// <summary>Firely's parser, leniently: the resource it could read and whether it kept every rule, or null when it
    /// gave up without one (not JSON or XML, a decimal where an integer belongs).</summary>
    private static (Resource? Resource, bool WellFormed)? Parse(string text, bool xml)
    {
        try
        {
            Resource? resource;
            bool wellFormed = xml
                ? new FhirXmlDeserializer().TryDeserializeResource(text, out resource, out _)
                : TryDeserializeJson(text, out resource);
            return (resource, wellFormed);
        }
#pragma warning disable CA1031 // Firely's parser throws many types on hostile input (IndexOutOfRange, NullReference on an
        // empty property name, found by fuzzing): whatever it throws, the document is one it cannot read.
        catch (Exception e) when (e is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            return null;
        }
    }

    /// <summary>Firely's JSON parser on a reader that allows <see cref="MaxNesting"/> levels (its own default is 64,
    /// about 30 nested groups: a legal form deeper than that was "not well-formed"); deeper documents never get here.</summary>
    private static bool TryDeserializeJson(string text, out Resource? resource)
    {
        var reader = new System.Text.Json.Utf8JsonReader(Encoding.UTF8.GetBytes(text), new System.Text.Json.JsonReaderOptions { MaxDepth = MaxNesting });
        return new FhirJsonDeserializer().TryDeserializeResource(ref reader, out resource, out _);
    }

    /// <summary>Reads a Questionnaire from FHIR JSON or XML text (for <c>--questionnaire</c>); null when it is none.</summary>
    /// <param name="text">The resource.</param>
    /// <returns>The Questionnaire, or null.</returns>
    public static Questionnaire? ReadQuestionnaire(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string trimmed = text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        // The same guards as a response: no parser that recurses ever meets a document too large or too deep.
        bool xml = trimmed.StartsWith('<');
        if (TooLarge(trimmed) || (xml ? DepthGuard.PruneXml(trimmed) is not null : DepthGuard.PruneJson(Encoding.UTF8.GetBytes(trimmed)) is not null))
            return null;
        return Parse(trimmed, xml)?.Resource as Questionnaire;
    }

    private static FhirScoringResult FromResource(Resource? resource, bool wellFormed, Questionnaire? questionnaire)
    {
        if (resource is not QuestionnaireResponse response)
            return FhirScoringResult.Unreadable(resource is null ? "The document is not a FHIR resource." : "The resource is not a QuestionnaireResponse.");
        FhirScoringResult result;
        try
        {
            result = Score(response, questionnaire);
        }
        catch (Hl7.Fhir.Validation.CodedValidationException) when (!wellFormed)
        {
            // Firely kept an element of the wrong shape (a single item where a list belongs) that throws when read.
            return FhirScoringResult.Unreadable("The resource breaks FHIR R4's rules in a way that leaves its items unreadable.");
        }

        // A resource that breaks FHIR's own rules is scored for its flags, and invalid.
        return wellFormed ? result : result.WithError(new ScoringError(FhirErrorCodes.InvalidResource, null, "The resource breaks FHIR R4's rules; what could be read was scored for its safety flags only."));
    }

    /// <summary>Scores a QuestionnaireResponse.</summary>
    /// <param name="response">The response.</param>
    /// <param name="questionnaire">The Questionnaire it answers, when its linkIds alone do not identify the items.</param>
    /// <returns>The result.</returns>
    public static FhirScoringResult Score(QuestionnaireResponse response, Questionnaire? questionnaire = null)
    {
        ArgumentNullException.ThrowIfNull(response);
        ImportScratch scratch = ImportScratch.Rent();
        // Values are read through JsonValue: a resource Firely read leniently may hold a value of the wrong type,
        // whose typed getter throws.
        scratch.Questionnaire = response.QuestionnaireElement?.JsonValue as string;
        scratch.Authored = response.AuthoredElement?.JsonValue as string;
        scratch.Subject = response.Subject?.ReferenceElement?.JsonValue as string;
        scratch.Id = response.IdElement?.JsonValue as string;
        Flatten(response.Item, questionnaire is null ? null : CodesOf(questionnaire), scratch);
        return Evaluate(scratch, default);
    }

    /// <summary>The POCO into the shared model: each item (parents first), then its nested items and those of its answers.</summary>
    private static void Flatten(List<QuestionnaireResponse.ItemComponent> items, Dictionary<string, string>? questionnaire, ImportScratch scratch)
    {
        foreach (QuestionnaireResponse.ItemComponent? item in items)
        {
            if (item is null)
                continue; // a lenient parse of "item": [null]
            string linkId = item.LinkIdElement?.JsonValue as string ?? string.Empty;
            int index = scratch.EntryCount;
            ref Entry entry = ref scratch.AddEntry();
            entry.LinkId = linkId;
            entry.IsGroup = item.Item.Count > 0 || item.Answer.Exists(a => a is not null && a.Item.Count > 0);
            entry.Key = questionnaire is not null && questionnaire.TryGetValue(linkId, out string? code) ? KeyTable.Find(code) : KeyTable.FindLinkId(linkId);
            foreach (QuestionnaireResponse.AnswerComponent? component in item.Answer)
            {
                if (component?.Value is not DataType value)
                    continue;
                ref Answer answer = ref scratch.AddAnswer(index);
                switch (value)
                {
                    case Coding coding:
                        answer.Kind = AnswerKind.Coding;
                        answer.System = (coding.SystemElement?.JsonValue as string) switch
                        {
                            null => SystemKind.None,
                            FhirCodes.Loinc => SystemKind.Loinc,
                            FhirCodes.AnswerSystem => SystemKind.Own,
                            _ => SystemKind.Other,
                        };
                        answer.Code = coding.CodeElement?.JsonValue as string;
                        answer.Display = coding.DisplayElement?.JsonValue as string;
                        break;
                    case Integer { JsonValue: int integer }:
                        answer.Kind = AnswerKind.Integer;
                        answer.Integer = integer;
                        break;
                    case FhirDecimal { JsonValue: decimal number }:
                        answer.Kind = AnswerKind.Decimal;
                        answer.Decimal = number;
                        break;
                    case Quantity { ValueElement.JsonValue: decimal quantity }:
                        answer.Kind = AnswerKind.Decimal;
                        answer.Decimal = quantity;
                        break;
                    default:
                        answer.Kind = AnswerKind.Other;
                        break;
                }
            }

            Flatten(item.Item, questionnaire, scratch);
            foreach (QuestionnaireResponse.AnswerComponent? answer in item.Answer)
            {
                if (answer is not null)
                    Flatten(answer.Item, questionnaire, scratch);
            }
        }
    }

    private static readonly ScoringOptions ImportOptions = new() { NoOnSkippedItemIsNotAsked = true };

    /// <summary>What both paths share after reading: identify the instruments, turn each answer into a raw item, and
    /// hand each raw response to the core's one evaluation. A response holding several instruments' panels (PHQ-9 with
    /// GAD-7, PHQ-9 with the C-SSRS) gives one result per instrument (<see cref="FhirScoringResult.Panels"/>), never one
    /// instrument chosen by what comes first.</summary>
    internal static FhirScoringResult Evaluate(ImportScratch scratch, ReadOnlySpan<byte> document)
    {
        string? ambiguity = null;
        // This project's canonical names one instrument; any other instrument's items in the response are still found.
        List<Instrument> instruments = Identify(scratch, ByCanonical(scratch.Questionnaire), out ambiguity);
        if (instruments.Count == 0)
        {
            return new FhirScoringResult
            {
                Errors = [new ScoringError(ErrorCodes.UnknownInstrument, null, ambiguity ?? "No built-in instrument has these items (LOINC codes in the linkIds or the Questionnaire's item codes).")],
                Questionnaire = scratch.Questionnaire,
                Authored = scratch.Authored,
                Subject = scratch.Subject,
                ResourceId = scratch.Id,
            };
        }

        if (instruments.Count == 1)
            return EvaluateOne(scratch, document, instruments[0], instruments);
        var panels = ImmutableArray.CreateBuilder<FhirScoringResult>(instruments.Count);
        var flags = ImmutableArray.CreateBuilder<SafetyFlag>();
        foreach (Instrument instrument in instruments)
        {
            FhirScoringResult one = EvaluateOne(scratch, document, instrument, instruments);
            panels.Add(one);
            flags.AddRange(one.Flags);
        }

        // The response as a whole is not one score: a caller reading only the top level sees that, and every flag.
        return new FhirScoringResult
        {
            Errors = [new ScoringError(FhirErrorCodes.SeveralInstruments, null, $"The response holds {instruments.Count} instruments ({string.Join(", ", instruments.Select(i => i.Id))}): read each one's result in Panels.")],
            Flags = flags.ToImmutable(),
            Panels = panels.MoveToImmutable(),
            Questionnaire = scratch.Questionnaire,
            Authored = scratch.Authored,
            Subject = scratch.Subject,
            ResourceId = scratch.Id,
        };
    }

    private static FhirScoringResult EvaluateOne(ImportScratch scratch, ReadOnlySpan<byte> document, Instrument instrument, List<Instrument> all)
    {
        var errors = new List<ScoringError>();
        Span<RawItem> items = scratch.Items.AsSpan(0, instrument.Items.Length);
        (decimal? stated, string? difficulty, string? statedRisk) = ReadRawItems(scratch, instrument, all, document, items, errors);

        // Reader errors in a canonical order (item, code, message): both paths read the same document into entries in
        // different orders when an "answer" precedes an "item", and must say the same thing.
        errors.Sort((x, y) =>
        {
            int byItem = (x.ItemNumber ?? int.MaxValue).CompareTo(y.ItemNumber ?? int.MaxValue);
            int byCode = byItem != 0 ? byItem : string.CompareOrdinal(x.Code, y.Code);
            return byCode != 0 ? byCode : string.CompareOrdinal(x.Message, y.Message);
        });

        // The one evaluation, with the import rule for records that answer "No" to questions the skip logic did not
        // ask (docs/clinical-rules.md §4): read as not asked and noted; a "Yes" there stays item-not-asked, flags kept.
        // The reader's errors come first (in item order), then the evaluation's.
        ScoringResult scored = instrument.Evaluate(items, ImportOptions, null, errors);

        int? statedTotal = stated is decimal d && d == decimal.Truncate(d) && d >= int.MinValue && d <= int.MaxValue ? (int)d : null;
        bool? agrees = stated is null || !scored.IsSuccess || !scored.Score.HasTotal ? null : statedTotal == scored.Score.Total;
        // A stated risk level (the HL7 Behavioral Health example states "Low" for seven "No" answers, which §4 scores
        // none) is reported beside the computed one, never used.
        bool? riskAgrees = statedRisk is null || !scored.IsSuccess || scored.Score.RiskLevel is not RiskLevel level
            ? null
            : string.Equals(statedRisk.Trim(), WireIds.ToWireId(level), StringComparison.OrdinalIgnoreCase);
        return new FhirScoringResult
        {
            Instrument = instrument,
            Result = scored,
            Errors = scored.Errors,
            Flags = scored.Flags,
            Questionnaire = scratch.Questionnaire,
            EmbeddedTotal = stated,
            EmbeddedTotalAgrees = agrees,
            FunctionalDifficulty = difficulty,
            Notes = scored.IsSuccess ? scored.Score.Notes : ImmutableArray<string>.Empty,
            Authored = scratch.Authored,
            Subject = scratch.Subject,
            ResourceId = scratch.Id,
            EmbeddedRiskLevel = statedRisk,
            EmbeddedRiskLevelAgrees = riskAgrees,
        };
    }

    /// <summary>Reading only: each answer of the instrument's items becomes a raw item (an unknown code, an unsupported
    /// type or two answers make it unreadable, with a reader error naming the item); the stated total, difficulty and
    /// risk level are kept to report, never used.</summary>
    private static (decimal? Stated, string? Difficulty, string? StatedRisk) ReadRawItems(ImportScratch scratch, Instrument instrument, List<Instrument> all, ReadOnlySpan<byte> document, Span<RawItem> items, List<ScoringError> errors)
    {
        Span<bool> filled = scratch.Filled.AsSpan(0, items.Length);
        items.Clear();
        filled.Clear();
        decimal? stated = null;
        string? difficulty = null;
        string? statedRisk = null;
        for (int e = 0; e < scratch.EntryCount; e++)
        {
            ref Entry entry = ref scratch.Entries[e];
            int answerCount = entry.AnswerCount;
            KeyMeaning meaning = default;
            bool known = false, anotherInstruments = false, subtotal = entry.Key >= 0;
            if (entry.Key >= 0)
            {
                foreach (KeyMeaning m in KeyTable.Meanings(entry.Key))
                {
                    if (ReferenceEquals(m.Instrument, instrument))
                    {
                        (meaning, known) = (m, true);
                        break;
                    }

                    anotherInstruments |= all.Contains(m.Instrument);
                    subtotal &= m.Kind is KeyKind.Panel or KeyKind.Total or KeyKind.RiskLevel;
                }
            }

            // Another instrument's item in the same response is that instrument's to read; a panel, total or risk code of
            // an instrument the response does not hold (a PHQ-2 subtotal inside a PHQ-9 form) is a sum the form shows.
            if (!known && (anotherInstruments || subtotal))
                continue;
            if (!known)
            {
                // A group item with no answers of its own holds other items: no key of its own needed.
                if (answerCount > 0 || !HasChildren(scratch, e))
                    errors.Add(new ScoringError(FhirErrorCodes.UnknownLinkId, null, $"The linkId '{Clip(LinkIdOf(entry, document))}' is not an item of {instrument.Id}."));
                continue;
            }

            switch (meaning.Kind)
            {
                case KeyKind.Total:
                    stated ??= FirstNumber(scratch, e);
                    continue;
                case KeyKind.Difficulty:
                    difficulty ??= FirstCode(scratch, e, document);
                    continue;
                case KeyKind.RiskLevel:
                    statedRisk ??= FirstDisplayOrCode(scratch, e, document);
                    continue;
                case KeyKind.Panel:
                    continue;
            }

            int index = meaning.ItemIndex;
            int number = index + 1;
            if (answerCount == 0)
                continue;
            if (answerCount > 1 || filled[index])
            {
                if (!filled[index] || items[index].State != RawItemState.Unreadable)
                    errors.Add(new ScoringError(FhirErrorCodes.MultipleAnswers, number, $"Item {number} has more than one answer; it takes one."));
                items[index] = RawItem.Unreadable;
                filled[index] = true;
                continue;
            }

            filled[index] = true;
            items[index] = RawItemOf(instrument, instrument.Items[index], FirstAnswerOf(scratch, e), document, errors);
        }

        return (stated, difficulty, statedRisk);
    }

    private static RawItem RawItemOf(Instrument instrument, Item item, in Answer answer, ReadOnlySpan<byte> document, List<ScoringError> errors)
    {
        int number = item.Number;
        switch (answer.Kind)
        {
            case AnswerKind.Integer:
                return RawItem.Answer(answer.Integer);
            case AnswerKind.Coding when AnswerScore(instrument, item, answer, document) is int score:
                return RawItem.Answer(score);
            case AnswerKind.Coding:
                errors.Add(new ScoringError(FhirErrorCodes.UnknownAnswerCode, number, $"Item {number} has an answer code that is not one of {instrument.Id}'s."));
                return RawItem.Unreadable;
            default:
                errors.Add(new ScoringError(FhirErrorCodes.UnsupportedAnswer, number, $"Item {number} has an answer of a type that is not an item score (valueInteger) or an answer code (valueCoding)."));
                return RawItem.Unreadable;
        }
    }

    private static bool HasChildren(ImportScratch scratch, int entry) => scratch.Entries[entry].IsGroup;

    private static ref Answer FirstAnswerOf(ImportScratch scratch, int entry) => ref scratch.Answers[scratch.Entries[entry].FirstAnswer];

    /// <summary>The answers of one entry, from its first: the scan stops at its last, so reading every entry's answers is
    /// linear (answers of items nested in an answer lie between, bounded by the nesting depth).</summary>
    private static IEnumerable<int> AnswersOf(ImportScratch scratch, int entry)
    {
        int left = scratch.Entries[entry].AnswerCount;
        for (int a = scratch.Entries[entry].FirstAnswer; left > 0 && a < scratch.AnswerCount; a++)
        {
            if (scratch.Answers[a].Owner == entry)
            {
                left--;
                yield return a;
            }
        }
    }

    private static decimal? FirstNumber(ImportScratch scratch, int entry)
    {
        foreach (int a in AnswersOf(scratch, entry))
        {
            ref Answer answer = ref scratch.Answers[a];
            if (answer.Owner == entry && answer.Kind is AnswerKind.Integer or AnswerKind.Decimal)
                return answer.Kind == AnswerKind.Integer ? answer.Integer : answer.Decimal;
        }

        return null;
    }

    private static string? FirstCode(ImportScratch scratch, int entry, ReadOnlySpan<byte> document)
    {
        foreach (int a in AnswersOf(scratch, entry))
        {
            ref Answer answer = ref scratch.Answers[a];
            if (answer.Owner == entry && answer.Kind == AnswerKind.Coding)
                return answer.Code ?? (answer.CodeLength > 0 ? Encoding.UTF8.GetString(document.Slice(answer.CodeStart, answer.CodeLength)) : null);
        }

        return null;
    }

    private static string? FirstDisplayOrCode(ImportScratch scratch, int entry, ReadOnlySpan<byte> document)
    {
        foreach (int a in AnswersOf(scratch, entry))
        {
            ref Answer answer = ref scratch.Answers[a];
            if (answer.Owner != entry || answer.Kind != AnswerKind.Coding)
                continue;
            string? display = answer.Display ?? (answer.DisplayLength > 0 ? Encoding.UTF8.GetString(document.Slice(answer.DisplayStart, answer.DisplayLength)) : null);
            return display ?? FirstCode(scratch, entry, document);
        }

        return null;
    }

    /// <summary>The item score an answer code stands for: LL358-3 (PHQ, GAD; with or without the LOINC system), or this
    /// project's code for this very item; null when it is neither.</summary>
    private static int? AnswerScore(Instrument instrument, Item item, in Answer answer, ReadOnlySpan<byte> document)
    {
        ReadOnlySpan<byte> utf8 = answer.Code is null ? document.Slice(answer.CodeStart, answer.CodeLength) : default;
        if (answer.System is SystemKind.None or SystemKind.Loinc && FhirCodes.LoincAnswers(instrument) is { } answers)
        {
            for (int score = 0; score < answers.Length; score++)
            {
                if (answer.Code is null ? Ascii.Equals(utf8, answers[score].Code) : answer.Code == answers[score].Code)
                    return score;
            }
        }

        if (answer.System == SystemKind.Own)
        {
            string code = answer.Code ?? Encoding.UTF8.GetString(utf8);
            if (FhirCodes.TryParseAnswer(instrument, code, out int number, out int position) && number == item.Number)
                return FhirCodes.Options(item)[position].Score;

            // The exported "not assessed" option: the item's not-assessed value, which the evaluation reads as the
            // instrument says (HAM-D 16 and WSAS 1 contribute 0 and are noted; CGI's leaves the rating unanswered).
            if (code == FhirCodes.NotAssessedCode(instrument, item))
                return item.NotAssessedValue;
        }

        return null;
    }

    /// <summary>The instruments these keys belong to, in the order they first appear, in time linear in the items:
    /// every answered item key is claimed by one instrument, chosen greedily by how many of the remaining keys each
    /// holds (a tie is broken by a panel or total code naming one; otherwise it is ambiguous: none, with the reason).
    /// A panel or total code names an instrument of its own unless its items are all another's (a PHQ-2 subtotal inside
    /// a PHQ-9 form). Never a guess, never the first key's instrument alone.</summary>
    private static List<Instrument> Identify(ImportScratch scratch, Instrument? canonical, out string? ambiguity)
    {
        ambiguity = null;
        var named = new List<Instrument>(2);        // by the canonical, a panel or a total code, in order of appearance
        if (canonical is not null)
            named.Add(canonical);
        var itemEntries = new List<int>();          // entries with a known item key, answered or not (a blank item counts)
        for (int e = 0; e < scratch.EntryCount; e++)
        {
            int key = scratch.Entries[e].Key;
            if (key < 0)
                continue;
            bool item = false;
            foreach (KeyMeaning m in KeyTable.Meanings(key))
            {
                if (m.Kind is KeyKind.Panel or KeyKind.Total && !named.Contains(m.Instrument))
                    named.Add(m.Instrument);
                item |= m.Kind is KeyKind.Item;
            }

            if (item)
                itemEntries.Add(e);
        }

        var chosen = new List<Instrument>(2);
        if (canonical is not null)
            chosen.Add(canonical);
        var claimedBy = new Instrument?[itemEntries.Count];
        int left = itemEntries.Count;
        if (canonical is not null)
        {
            for (int k = 0; k < itemEntries.Count; k++)
            {
                if (KeyTable.Meanings(scratch.Entries[itemEntries[k]].Key).Any(m => m.Kind == KeyKind.Item && ReferenceEquals(m.Instrument, canonical)))
                {
                    claimedBy[k] = canonical;
                    left--;
                }
            }
        }

        var counts = new Dictionary<Instrument, int>(ReferenceEqualityComparer.Instance);
        while (left > 0)
        {
            counts.Clear();
            for (int k = 0; k < itemEntries.Count; k++)
            {
                if (claimedBy[k] is not null)
                    continue;
                foreach (KeyMeaning m in KeyTable.Meanings(scratch.Entries[itemEntries[k]].Key))
                {
                    if (m.Kind == KeyKind.Item && !chosen.Contains(m.Instrument))
                        counts[m.Instrument] = counts.GetValueOrDefault(m.Instrument) + 1;
                }
            }

            if (counts.Count == 0)
                break;
            int best = counts.Values.Max();
            List<Instrument> top = [.. counts.Where(c => c.Value == best).Select(c => c.Key)];
            if (top.Count > 1)
            {
                List<Instrument> namedTop = [.. top.Where(named.Contains)];
                if (namedTop.Count != 1)
                {
                    // Never a guess: the remaining items stay unidentified (each a coded error in the results), and the
                    // instruments already identified are kept, with every flag they raise.
                    ambiguity = $"The items fit {string.Join(" and ", top.Select(i => i.Id).Order(StringComparer.Ordinal))}; give the Questionnaire, or a panel or total code.";
                    if (chosen.Count == 0)
                        return [];
                    break;
                }

                top = namedTop;
            }

            Instrument pick = top[0];
            chosen.Add(pick);
            for (int k = 0; k < itemEntries.Count; k++)
            {
                if (claimedBy[k] is null && KeyTable.Meanings(scratch.Entries[itemEntries[k]].Key).Any(m => m.Kind == KeyKind.Item && ReferenceEquals(m.Instrument, pick)))
                {
                    claimedBy[k] = pick;
                    left--;
                }
            }
        }

        // A named instrument none of whose answered items the chosen ones hold is in the response in its own right.
        foreach (Instrument instrument in named)
        {
            if (chosen.Contains(instrument))
                continue;
            bool subsumed = false;
            for (int k = 0; k < itemEntries.Count && !subsumed; k++)
                subsumed = KeyTable.Meanings(scratch.Entries[itemEntries[k]].Key).Any(m => m.Kind == KeyKind.Item && ReferenceEquals(m.Instrument, instrument));
            if (!subsumed)
                chosen.Add(instrument);
        }

        // In the order each instrument first appears.
        int FirstAppearance(Instrument instrument)
        {
            for (int e = 0; e < scratch.EntryCount; e++)
            {
                if (scratch.Entries[e].Key >= 0 && KeyTable.Meanings(scratch.Entries[e].Key).Any(m => ReferenceEquals(m.Instrument, instrument) && (m.Kind != KeyKind.Item || scratch.Entries[e].AnswerCount > 0)))
                    return e;
            }

            return int.MaxValue;
        }

        return [.. chosen.OrderBy(FirstAppearance)];
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

    /// <summary>Each linkId of a Questionnaire with its LOINC item code, once (the first item with a linkId wins, as a
    /// search in document order would): looking one up is then constant time, whatever the sizes.</summary>
    private static Dictionary<string, string> CodesOf(Questionnaire questionnaire)
    {
        var codes = new Dictionary<string, string>(StringComparer.Ordinal);
        var pending = new Stack<Questionnaire.ItemComponent>(Enumerable.Reverse(questionnaire.Item));
        while (pending.Count > 0)
        {
            Questionnaire.ItemComponent item = pending.Pop();
            if (item.LinkId is string linkId && !codes.ContainsKey(linkId) && item.Code.FirstOrDefault(c => c.System is null or FhirCodes.Loinc)?.Code is string code)
                codes[linkId] = code;
            foreach (Questionnaire.ItemComponent child in Enumerable.Reverse(item.Item))
                pending.Push(child);
        }

        return codes;
    }

    private static string LinkIdOf(in Entry entry, ReadOnlySpan<byte> document) =>
        entry.LinkId ?? Encoding.UTF8.GetString(document.Slice(entry.LinkIdStart, entry.LinkIdLength));

    private static string Clip(string text) => text.Length <= 64 ? text : text[..64] + "…";
}
