using System;
using System.Globalization;
using System.IO;
using System.Linq;
using Assessments.Fhir;
using Hl7.Fhir.Model;

namespace Assessments.Cli;

/// <summary><c>assess score --fhir FILE [--questionnaire FILE]</c>: a FHIR R4 QuestionnaireResponse, scored.</summary>
internal static class FhirCommand
{
    public static int Score(string source, string? questionnaireFile, string format, Io io)
    {
        // At most one byte over the limit is read: a larger document is refused without being held.
        byte[] bytes;
        using (Stream input = source == "-" ? io.OpenStdin() : Files.OpenRead(source))
            bytes = ScoreCommand.ReadAtMost(input, Limits.MaxDocumentBytes + 1);
        Questionnaire? questionnaire = null;
        if (questionnaireFile is not null)
        {
            questionnaire = QuestionnaireResponseImporter.ReadQuestionnaire(Files.ReadAllText(questionnaireFile))
                ?? throw new UsageException($"'{Text.Escape(questionnaireFile)}' is not a FHIR R4 Questionnaire (JSON or XML).", FhirErrorCodes.NotAQuestionnaireResponse);
        }

        // JSON through the fast path (which hands anything in doubt to Firely), XML through Firely.
        int first = Array.FindIndex(bytes, b => b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0xEF or 0xBB or 0xBF));
        FhirScoringResult result = first >= 0 && bytes[first] == (byte)'<'
            ? QuestionnaireResponseImporter.ScoreText(System.Text.Encoding.UTF8.GetString(bytes), questionnaire)
            : questionnaire is null
                ? QuestionnaireResponseImporter.ScoreUtf8(bytes)
                : QuestionnaireResponseImporter.ScoreJson(System.Text.Encoding.UTF8.GetString(bytes), questionnaire);
        bool unreadable = result.Errors.Length == 1 && result.Errors[0].Code is FhirErrorCodes.NotAQuestionnaireResponse or ErrorCodes.DocumentTooLarge;
        if (!result.Panels.IsEmpty)
            return Panels(result, format, io);
        if (format == "fhir" && result.IsSuccess)
        {
            // The response's own subject, time (as written) and id, whichever path read it.
            ResourceReference? subject = result.Subject is string reference ? new ResourceReference(reference) : null;
            ResourceReference? derivedFrom = result.ResourceId is string id ? new ResourceReference($"QuestionnaireResponse/{id}") : null;
            Observation observation = FhirExport.ToObservation(result.Result, subject, null, derivedFrom);
            if (result.Authored is string authored)
                observation.Effective = new FhirDateTime(authored);
            io.Out.WriteLine(FhirJson.Serialize(observation));
            return ExitCodes.Scored;
        }

        if (format == "text")
            WriteText(io.Out, result);
        else
            io.Out.WriteLine(FhirJson.Write(result));
        if (unreadable)
        {
            io.Out.Flush();
            io.Error.WriteLine($"assess: {result.Errors[0].Code}: {Text.Escape(result.Errors[0].Message)}");
            return ExitCodes.Usage;
        }

        return result.IsSuccess ? ExitCodes.Scored : ExitCodes.Invalid;
    }

    /// <summary>A response holding several instruments (v3): one result each, every flag with its instrument; exit 1
    /// when any is invalid. As FHIR: a collection Bundle of one Observation per valid result.</summary>
    private static int Panels(FhirScoringResult result, string format, Io io)
    {
        // Every panel valid, and nothing wrong with the document as a whole (a cut at the nesting limit, say).
        bool allValid = result.Panels.All(p => p.IsSuccess) && result.Errors.All(e => e.Code == FhirErrorCodes.SeveralInstruments);
        switch (format)
        {
            case "fhir" when !allValid:
                // An invalid panel has no Observation: the results and every flag as JSON, as for one invalid response.
                io.Out.WriteLine(FhirJson.Write(result));
                break;
            case "fhir":
                var bundle = new Bundle { Type = Bundle.BundleType.Collection };
                foreach (FhirScoringResult panel in result.Panels.Where(p => p.IsSuccess))
                {
                    ResourceReference? subject = panel.Subject is string reference ? new ResourceReference(reference) : null;
                    Observation observation = FhirExport.ToObservation(panel.Result!, subject, null, panel.ResourceId is string id ? new ResourceReference($"QuestionnaireResponse/{id}") : null);
                    if (panel.Authored is string authored)
                        observation.Effective = new FhirDateTime(authored);
                    bundle.Entry.Add(new Bundle.EntryComponent { Resource = observation });
                }

                io.Out.WriteLine(FhirJson.Serialize(bundle));
                break;
            case "text":
                // Every flag of every instrument first, then each instrument's result.
                foreach (FhirScoringResult panel in result.Panels)
                {
                    foreach (SafetyFlag flag in panel.Flags)
                        io.Out.WriteLine($"SAFETY {panel.Instrument?.Id} {Output.FlagText(flag, panel.Instrument)}");
                }

                io.Out.WriteLine($"{result.Panels.Length} instruments in one response: {string.Join(", ", result.Panels.Select(p => p.Instrument?.Id))}");
                foreach (FhirScoringResult panel in result.Panels)
                {
                    io.Out.WriteLine();
                    io.Out.WriteLine($"== {panel.Instrument?.Id} ==");
                    WriteText(io.Out, panel);
                }

                break;
            default:
                io.Out.WriteLine(FhirJson.Write(result));
                break;
        }

        return allValid ? ExitCodes.Scored : ExitCodes.Invalid;
    }

    private static void WriteText(TextWriter o, FhirScoringResult result)
    {
        if (result.IsSuccess)
        {
            Output.WriteResult(o, result.Result, json: false);
        }
        else
        {
            // As an invalid response from the command line: what is wrong, then every flag the readable answers raise.
            o.WriteLine($"{(result.Instrument?.Id ?? "(no instrument)")}: the response is invalid; nothing was scored.");
            foreach (ScoringError error in result.Errors)
                o.WriteLine($"  {Output.Describe(error)}");
            foreach (SafetyFlag flag in result.Flags)
                o.WriteLine($"  {Output.FlagText(flag, result.Instrument)}");
        }

        foreach (string note in result.Notes)
            o.WriteLine($"  Note      {note}");
        if (result.Instrument is null && result.Errors.Length == 1 && result.Errors[0].Code == FhirErrorCodes.NotAQuestionnaireResponse)
            return;
        o.WriteLine($"  Source    {(result.Questionnaire is null ? "no questionnaire canonical" : Text.Escape(result.Questionnaire))}");
        if (result.EmbeddedTotal is decimal stated)
            o.WriteLine($"  Stated    total {stated.ToString(CultureInfo.InvariantCulture)} in the document: {(result.EmbeddedTotalAgrees switch { true => "agrees", false => "DISAGREES with the computed total; the computed one stands", null => "not compared" })}");
        if (result.EmbeddedRiskLevel is string risk)
            o.WriteLine($"  Stated    risk level '{Text.Escape(risk)}' in the document: {(result.EmbeddedRiskLevelAgrees switch { true => "agrees", false => "DISAGREES with the computed risk level; the computed one stands", null => "not compared" })}");
        if (result.FunctionalDifficulty is string difficulty)
            o.WriteLine($"  Function  difficulty answer {Text.Escape(difficulty)} (unscored)");
    }
}
