using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using Assessments.Serialization;

namespace Assessments.Cli;

/// <summary><c>assess score</c>: one response from the command line, or documents from a file or stdin.</summary>
internal static class ScoreCommand
{
    public static int Run(Options options, TextReader stdin, TextWriter stdout)
    {
        Func<string, Instrument?> resolve = Catalogue.Resolver(options.Definition);
        if (options.Input is not null)
        {
            if (options.Positionals.Count > 0)
                throw new UsageException("score --input takes no values.");
            return RunInput(options, resolve, stdin, stdout);
        }

        if (options.Positionals.Count == 0)
            throw new UsageException("score needs an instrument id and the item values.");
        string id = options.Positionals[0];
        Instrument instrument = resolve(id) ?? throw new UsageException($"unknown instrument '{id}'; 'assess instruments' lists them.");
        if (options.BandSet is not null && !instrument.TryGetBandSet(options.BandSet, out _))
            throw new UsageException($"instrument '{id}' has no band set '{options.BandSet}'.");

        var scoring = new ScoringOptions
        {
            Values = options.Positions ? ResponseValueKind.OptionPositions : ResponseValueKind.ItemScores,
            Prorate = options.Prorate,
            BandSet = options.BandSet,
        };
        var values = new List<int?>();
        var notNumbers = new List<int>();
        for (int i = 1; i < options.Positionals.Count; i++)
        {
            string token = options.Positionals[i];
            int? value = null;
            bool ok = i - 1 < instrument.Items.Length
                ? instrument.Items[i - 1].TryParseValue(token, scoring.Values, out value)
                : TryParseInt(token, out value);
            if (!ok)
                notNumbers.Add(i);
            values.Add(value);
        }

        if (notNumbers.Count > 0)
        {
            Output.WriteNotNumbers(stdout, instrument.Id, null, notNumbers, options.Json);
            return ExitCodes.Invalid;
        }

        ScoringResult result = instrument.Score(values, scoring);
        Output.WriteResult(stdout, result, options.Json, compact: false);
        return result.IsValid ? ExitCodes.Scored : ExitCodes.Invalid;
    }

    private static bool TryParseInt(string token, out int? value)
    {
        value = null;
        if (token == "-")
            return true;
        if (int.TryParse(token, out int v))
        {
            value = v;
            return true;
        }

        return false;
    }

    private static int RunInput(Options options, Func<string, Instrument?> resolve, TextReader stdin, TextWriter stdout)
    {
        string text;
        if (options.Input == "-")
        {
            text = stdin.ReadToEnd();
        }
        else
        {
            try
            {
                text = File.ReadAllText(options.Input!);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"cannot read '{options.Input}': {e.GetType().Name}.");
            }
        }

        List<string>? documents = SplitDocuments(text, out bool batch);
        if (documents is null)
            throw new UsageException($"'{options.Input}' is not a JSON response, a JSON array of them, or NDJSON.");

        if (!batch)
        {
            ResponseReadResult read = AssessmentsJson.ReadResponse(documents[0], resolve);
            if (!read.IsSuccess)
            {
                bool usage = System.Linq.Enumerable.Any(read.Errors, e => e.Code is ErrorCodes.MalformedDocument or ErrorCodes.UnknownInstrument);
                Output.WriteReadErrors(stdout, read, options.Json);
                return usage ? ExitCodes.Usage : ExitCodes.Invalid;
            }

            ScoringResult result = read.Instrument.Score(read.Response);
            Output.WriteResult(stdout, result, options.Json, compact: false);
            return result.IsValid ? ExitCodes.Scored : ExitCodes.Invalid;
        }

        int exit = ExitCodes.Scored;
        foreach (string document in documents)
        {
            ResponseReadResult read = AssessmentsJson.ReadResponse(document, resolve);
            if (!read.IsSuccess)
            {
                Output.WriteReadErrors(stdout, read, options.Json);
                exit = ExitCodes.Invalid;
                continue;
            }

            ScoringResult result = read.Instrument.Score(read.Response);
            Output.WriteResult(stdout, result, options.Json, compact: true);
            if (!result.IsValid)
                exit = ExitCodes.Invalid;
        }

        return exit;
    }

    /// <summary>One document, a JSON array of documents, or NDJSON (one per non-blank line).</summary>
    private static List<string>? SplitDocuments(string text, out bool batch)
    {
        batch = false;
        string trimmed = text.Trim();
        if (trimmed.Length == 0)
            return null;
        try
        {
            using JsonDocument document = JsonDocument.Parse(trimmed);
            if (document.RootElement.ValueKind == JsonValueKind.Array)
            {
                batch = true;
                var list = new List<string>();
                foreach (JsonElement element in document.RootElement.EnumerateArray())
                    list.Add(element.GetRawText());
                return list;
            }

            return [trimmed];
        }
        catch (JsonException)
        {
            // Not one JSON value: NDJSON, or one malformed document.
        }

        var lines = new List<string>();
        foreach (string line in trimmed.Split('\n'))
        {
            if (line.Trim().Length > 0)
                lines.Add(line.Trim());
        }

        batch = lines.Count > 1;
        return lines;
    }
}
