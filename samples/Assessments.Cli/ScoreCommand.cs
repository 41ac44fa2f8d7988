using System;
using System.IO;
using System.Text;
using Assessments.Serialization;
using Assessments.Batches;

namespace Assessments.Cli;

/// <summary>What <c>assess score</c> was asked; a null option was not given.</summary>
internal sealed record ScoreRequest(string[] Values, string? Input, bool? Positions, bool? Prorate, string? BandSet, string? Definition, bool Json, bool Fhir = false, bool TextAsked = false);

/// <summary><c>assess score</c>: one response from the command line, or documents from a file or stdin.</summary>
internal static class ScoreCommand
{
    public static int Run(ScoreRequest request, Io io)
    {
        Func<string, Instrument?> resolve = Catalogue.Resolver(request.Definition);
        if (request.Input is not null)
        {
            if (request.Fhir)
                throw new UsageException("score --input writes the library's JSON (--format json); --format fhir is for one response; see 'assess score --help'.");
            if (request.Values.Length > 0)
                throw new UsageException($"score --input takes no values (got '{Text.Escape(request.Values[0])}'); see 'assess score --help'.");
            return RunInput(request, resolve, io);
        }

        if (request.Values.Length == 0)
            throw new UsageException("score needs an instrument id and the item values, or --input; see 'assess score --help'.");
        Instrument instrument = Catalogue.Require(resolve, request.Values[0]);
        if (request.BandSet is not null && !instrument.TryGetBandSet(request.BandSet, out _))
            throw new UsageException($"instrument '{instrument.Id}' has no band set '{Text.Escape(request.BandSet)}'{Suggest.DidYouMean(Suggest.Nearest(request.BandSet, System.Linq.Enumerable.Select(instrument.BandSets, b => b.Id)))}.");

        var scoring = new ScoringOptions
        {
            Values = request.Positions == true ? ResponseValueKind.OptionPositions : ResponseValueKind.ItemScores,
            Prorate = request.Prorate == true,
            BandSet = request.BandSet,
        };
        ResponseReadResult read = AssessmentsJson.ReadTokens(instrument, request.Values[1..], scoring);
        if (!read.IsSuccess)
        {
            Output.WriteReadErrors(io.Out, read, request.Json);
            return ExitCodes.Invalid;
        }

        ScoringResult result = instrument.Score(read.Response);
        if (request.Fhir && result.IsSuccess)
        {
            io.Out.WriteLine(Assessments.Fhir.FhirJson.Serialize(Assessments.Fhir.FhirExport.ToObservation(result)));
            return ExitCodes.Scored;
        }

        // An invalid result has no Observation: its errors and flags, as JSON, whatever --format said.
        Output.WriteResult(io.Out, result, request.Json || request.Fhir);
        return result.IsSuccess ? ExitCodes.Scored : ExitCodes.Invalid;
    }

    private static int RunInput(ScoreRequest request, Func<string, Instrument?> resolve, Io io)
    {
        // --positions, --prorate and --band-set apply to every document that does not say; one that says otherwise
        // is option-conflict (CLI.md, v2 conventions).
        var defaults = new ResponseDefaults { Positions = request.Positions, Prorate = request.Prorate, BandSet = request.BandSet };
        string path = request.Input!;
        Stream input = path == "-" ? io.OpenStdin() : Files.OpenRead(path);
        using (input)
        {
            using var counted = new CountingStream(input);
            InputShape shape = BatchScoring.DetectShape(counted, out Stream replay);
            using (replay)
            {
                long length = path != "-" && input.CanSeek ? input.Length : 0;
                return shape switch
                {
                    InputShape.Ndjson => Batch(s => BatchScoring.ScoreNdjson(replay, s, resolve, defaults), io, counted, length, !request.TextAsked),
                    InputShape.Array => Batch(s => BatchScoring.ScoreJsonArray(replay, s, resolve, defaults), io, counted, length, !request.TextAsked),
                    InputShape.Empty => throw new UsageException($"'{Text.Escape(path)}' is empty: not a JSON response, a JSON array of them, or NDJSON."),
                    _ => Single(replay, request, resolve, defaults, io.Out),
                };
            }
        }
    }

    private static int Single(Stream input, ScoreRequest request, Func<string, Instrument?> resolve, ResponseDefaults defaults, TextWriter stdout)
    {
        byte[] document = ReadAtMost(input, Limits.MaxDocumentBytes + 1);
        ResponseReadResult read = AssessmentsJson.ReadResponse(document, resolve, defaults);
        if (!read.IsSuccess)
        {
            // A document that cannot be read is invalid input (1), as the same line is in a batch: one exit code per
            // outcome wherever the document came from. Usage errors (2) are about how assess was asked.
            Output.WriteReadErrors(stdout, read, request.Json);
            return ExitCodes.Invalid;
        }

        ScoringResult result = read.Instrument.Score(read.Response);
        Output.WriteResult(stdout, result, request.Json);
        return result.IsSuccess ? ExitCodes.Scored : ExitCodes.Invalid;
    }

    /// <summary>A batch prints NDJSON, one result per document in input order (CLI.md); an explicit <c>--format text</c>
    /// prints one readable line per document instead (it used to print the JSON silently). Progress (documents scored) goes to standard error, only on a terminal.</summary>
    private static int Batch(Func<Stream, BatchSummary> score, Io io, CountingStream counted, long length, bool json)
    {
        BatchSummary summary;
        io.Out.Flush();
        using var buffer = new MemoryStream();
        using var lines = new ResultLines(json ? io.RawOut ?? buffer : null, json ? null : io.Out);
        summary = Progress.Run(io, "Scoring", () => score(lines), () => (counted.Position, length),
            () => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{lines.Lines:N0} documents"));
        lines.Flush();
        if (json && io.RawOut is null)
            io.Out.Write(Encoding.UTF8.GetString(buffer.ToArray()));

        // The batch's outcome on standard error, never in the data stream: how many documents, and the urgent flags first.
        io.Error.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{summary.Documents:N0} document(s): {summary.Scored:N0} scored, {summary.Invalid:N0} invalid; {summary.UrgentFlags:N0} urgent safety flag(s)."));
        return summary.Invalid == 0 ? ExitCodes.Scored : ExitCodes.Invalid;
    }

    /// <summary>Reads up to <paramref name="limit"/> bytes; a longer input is cut there and refused by the reader.</summary>
    internal static byte[] ReadAtMost(Stream input, int limit)
    {
        using var buffer = new MemoryStream();
        byte[] chunk = new byte[1 << 16];
        int read;
        while (buffer.Length < limit && (read = input.Read(chunk, 0, (int)Math.Min(chunk.Length, limit - buffer.Length))) > 0)
            buffer.Write(chunk, 0, read);
        return buffer.ToArray();
    }
}
