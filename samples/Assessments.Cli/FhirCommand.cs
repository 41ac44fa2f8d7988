using System;
using System.Globalization;
using System.IO;
using Assessments.Fhir;
using Hl7.Fhir.Model;

namespace Assessments.Cli;

/// <summary><c>assess score --fhir FILE [--questionnaire FILE]</c>: a FHIR R4 QuestionnaireResponse, scored.</summary>
internal static class FhirCommand
{
    public static int Score(string source, string? questionnaireFile, string format, Io io)
    {
        string text = source == "-" ? new StreamReader(io.OpenStdin()).ReadToEnd() : Files.ReadAllText(source);
        Questionnaire? questionnaire = null;
        if (questionnaireFile is not null)
        {
            questionnaire = QuestionnaireResponseImporter.ReadQuestionnaire(Files.ReadAllText(questionnaireFile))
                ?? throw new UsageException($"'{Text.Escape(questionnaireFile)}' is not a FHIR R4 Questionnaire (JSON or XML).", FhirErrorCodes.NotAQuestionnaireResponse);
        }

        FhirScoringResult result = QuestionnaireResponseImporter.ScoreText(text, questionnaire);
        bool unreadable = result.Errors.Length == 1 && result.Errors[0].Code == FhirErrorCodes.NotAQuestionnaireResponse;
        if (format == "fhir" && result.IsSuccess)
        {
            QuestionnaireResponse? response = result.Response;
            DateTimeOffset? authored = response?.AuthoredElement?.ToDateTimeOffset(TimeSpan.Zero);
            ResourceReference? derivedFrom = response?.Id is string id ? new ResourceReference($"QuestionnaireResponse/{id}") : null;
            Observation observation = FhirExport.ToObservation(result.Result, response?.Subject, authored, derivedFrom);
            if (response?.AuthoredElement is FhirDateTime stated)
                observation.Effective = stated; // the document's own time, as written
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
            io.Error.WriteLine($"assess: {FhirErrorCodes.NotAQuestionnaireResponse}: {Text.Escape(result.Errors[0].Message)}");
            return ExitCodes.Usage;
        }

        return result.IsSuccess ? ExitCodes.Scored : ExitCodes.Invalid;
    }

    private static void WriteText(TextWriter o, FhirScoringResult result)
    {
        if (result.IsSuccess)
        {
            Output.WriteResult(o, result.Result, json: false);
        }
        else
        {
            // Every flag first and loud, then every error: an invalid response still tells its safety items.
            foreach (SafetyFlag flag in result.Flags)
                o.WriteLine($"  {(flag.Priority is FlagPriority p ? WireIds.ToWireId(p).ToUpperInvariant() : "ASK")} {flag.Id}: {(flag.ItemNumber is int n ? $"item {n}" : "risk level")}{(flag.Value is int v ? $" = {v}" : "")}");
            o.WriteLine($"{(result.Instrument?.Id ?? "(no instrument)")}: the response is invalid; nothing was scored.");
            foreach (ScoringError error in result.Errors)
                o.WriteLine(error.ItemNumber is int n ? $"  {error.Code} item {n}: {Text.Escape(error.Message)}" : $"  {error.Code}: {Text.Escape(error.Message)}");
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
