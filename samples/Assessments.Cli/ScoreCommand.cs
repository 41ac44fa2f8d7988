using System;
using System.IO;
using System.Text;
using Assessments.Serialization;

namespace Assessments.Cli;

/// <summary><c>assess score</c>: one response from the command line, or documents from a file or stdin.</summary>
internal static class ScoreCommand
{
    public static int Run(Options options, Stream stdin, TextWriter stdout, Stream? rawStdout)
    {
        Func<string, Instrument?> resolve = Catalogue.Resolver(options.Definition);
        if (options.Input is not null)
        {
            if (options.Positionals.Count > 0)
                throw new UsageException("score --input takes no values.");
            return RunInput(options, resolve, stdin, stdout, rawStdout);
        }

        if (options.Positionals.Count == 0)
            throw new UsageException("score needs an instrument id and the item values.");
        string id = options.Positionals[0];
        Instrument instrument = resolve(id) ?? throw new UsageException($"unknown instrument '{Text.Escape(id)}'; 'assess instruments' lists them.");
        if (options.BandSet is not null && !instrument.TryGetBandSet(options.BandSet, out _))
            throw new UsageException($"instrument '{Text.Escape(id)}' has no band set '{Text.Escape(options.BandSet)}'.");

        var scoring = new ScoringOptions
        {
            Values = options.Positions ? ResponseValueKind.OptionPositions : ResponseValueKind.ItemScores,
            Prorate = options.Prorate,
            BandSet = options.BandSet,
        };
        ResponseReadResult read = AssessmentsJson.ReadTokens(instrument, options.Positionals.GetRange(1, options.Positionals.Count - 1), scoring);
        if (!read.IsSuccess)
        {
            Output.WriteReadErrors(stdout, read, options.Json);
            return ExitCodes.Invalid;
        }

        ScoringResult result = instrument.Score(read.Response);
        Output.WriteResult(stdout, result, options.Json);
        return result.IsSuccess ? ExitCodes.Scored : ExitCodes.Invalid;
    }

    private static int RunInput(Options options, Func<string, Instrument?> resolve, Stream stdin, TextWriter stdout, Stream? rawStdout)
    {
        Stream input = options.Input == "-" ? stdin : Files.OpenRead(options.Input!);
        using (input)
        {
            InputShape shape = BatchScoring.DetectShape(input, out Stream replay);
            using (replay)
            {
                return shape switch
                {
                    InputShape.Ndjson => Batch(s => BatchScoring.ScoreNdjson(replay, s, resolve), stdout, rawStdout),
                    InputShape.Array => Batch(s => BatchScoring.ScoreJsonArray(replay, s, resolve), stdout, rawStdout),
                    InputShape.Empty => throw new UsageException($"'{Text.Escape(options.Input!)}' is empty: not a JSON response, a JSON array of them, or NDJSON."),
                    _ => Single(replay, options, resolve, stdout),
                };
            }
        }
    }

    private static int Single(Stream input, Options options, Func<string, Instrument?> resolve, TextWriter stdout)
    {
        byte[] document = ReadAtMost(input, Limits.MaxDocumentBytes + 1);
        ResponseReadResult read = AssessmentsJson.ReadResponse(document, resolve);
        if (!read.IsSuccess)
        {
            bool usage = System.Linq.Enumerable.Any(read.Errors, e => e.Code is ErrorCodes.MalformedDocument or ErrorCodes.UnknownInstrument or ErrorCodes.DuplicateProperty or ErrorCodes.DocumentTooLarge);
            Output.WriteReadErrors(stdout, read, options.Json);
            return usage ? ExitCodes.Usage : ExitCodes.Invalid;
        }

        ScoringResult result = read.Instrument.Score(read.Response);
        Output.WriteResult(stdout, result, options.Json);
        return result.IsSuccess ? ExitCodes.Scored : ExitCodes.Invalid;
    }

    /// <summary>A batch prints NDJSON, one result per document in input order, whatever --format says (CLI.md).</summary>
    private static int Batch(Func<Stream, BatchSummary> score, TextWriter stdout, Stream? rawStdout)
    {
        BatchSummary summary;
        if (rawStdout is not null)
        {
            stdout.Flush();
            summary = score(rawStdout);
        }
        else
        {
            using var buffer = new MemoryStream();
            summary = score(buffer);
            stdout.Write(Encoding.UTF8.GetString(buffer.ToArray()));
        }

        return summary.Invalid == 0 ? ExitCodes.Scored : ExitCodes.Invalid;
    }

    /// <summary>Reads up to <paramref name="limit"/> bytes; a longer input is cut there and refused by the reader.</summary>
    private static byte[] ReadAtMost(Stream input, int limit)
    {
        using var buffer = new MemoryStream();
        byte[] chunk = new byte[1 << 16];
        int read;
        while (buffer.Length < limit && (read = input.Read(chunk, 0, (int)Math.Min(chunk.Length, limit - buffer.Length))) > 0)
            buffer.Write(chunk, 0, read);
        return buffer.ToArray();
    }
}
