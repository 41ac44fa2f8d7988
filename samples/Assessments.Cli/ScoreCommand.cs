using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using Assessments.Serialization;

namespace Assessments.Cli;

/// <summary><c>assess score</c>: one response from the command line, or documents from a file or stdin.</summary>
internal static class ScoreCommand
{
    private enum InputShape
    {
        Single,
        Array,
        Ndjson,
    }

    public static int Run(Options options, TextReader stdin, TextWriter stdout, Stream? rawStdout)
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
        Instrument instrument = resolve(id) ?? throw new UsageException($"unknown instrument '{id}'; 'assess instruments' lists them.");
        if (options.BandSet is not null && !instrument.TryGetBandSet(options.BandSet, out _))
            throw new UsageException($"instrument '{id}' has no band set '{options.BandSet}'.");

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
        return result.IsValid ? ExitCodes.Scored : ExitCodes.Invalid;
    }

    private static int RunInput(Options options, Func<string, Instrument?> resolve, TextReader stdin, TextWriter stdout, Stream? rawStdout)
    {
        Stream input;
        if (options.Input == "-")
        {
            input = new MemoryStream(Encoding.UTF8.GetBytes(stdin.ReadToEnd()));
        }
        else
        {
            try
            {
                input = new FileStream(options.Input!, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"cannot read '{options.Input}': {e.GetType().Name}.");
            }
        }

        using (input)
        {
            switch (Shape(input))
            {
                case InputShape.Ndjson:
                    return Batch(input, resolve, stdout, rawStdout);
                case InputShape.Array:
                {
                    List<string>? elements = ArrayElements(ReadAll(input));
                    if (elements is null)
                        throw new UsageException($"'{options.Input}' is not a JSON response, a JSON array of them, or NDJSON.");
                    using var lines = new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', elements)));
                    return Batch(lines, resolve, stdout, rawStdout);
                }

                default:
                    return Single(ReadAll(input).Trim(), options, resolve, stdout);
            }
        }
    }

    private static int Single(string text, Options options, Func<string, Instrument?> resolve, TextWriter stdout)
    {
        if (text.Length == 0)
            throw new UsageException($"'{options.Input}' is empty: not a JSON response, a JSON array of them, or NDJSON.");
        ResponseReadResult read = AssessmentsJson.ReadResponse(text, resolve);
        if (!read.IsSuccess)
        {
            bool usage = System.Linq.Enumerable.Any(read.Errors, e => e.Code is ErrorCodes.MalformedDocument or ErrorCodes.UnknownInstrument);
            Output.WriteReadErrors(stdout, read, options.Json);
            return usage ? ExitCodes.Usage : ExitCodes.Invalid;
        }

        ScoringResult result = read.Instrument.Score(read.Response);
        Output.WriteResult(stdout, result, options.Json);
        return result.IsValid ? ExitCodes.Scored : ExitCodes.Invalid;
    }

    /// <summary>A batch prints NDJSON, one result per document in input order, whatever --format says (CLI.md).</summary>
    private static int Batch(Stream input, Func<string, Instrument?> resolve, TextWriter stdout, Stream? rawStdout)
    {
        BatchSummary summary;
        if (rawStdout is not null)
        {
            stdout.Flush();
            summary = BatchScoring.ScoreNdjson(input, rawStdout, resolve);
        }
        else
        {
            using var buffer = new MemoryStream();
            summary = BatchScoring.ScoreNdjson(input, buffer, resolve);
            stdout.Write(Encoding.UTF8.GetString(buffer.ToArray()));
        }

        return summary.Invalid == 0 ? ExitCodes.Scored : ExitCodes.Invalid;
    }

    private static string ReadAll(Stream input)
    {
        input.Position = 0;
        using var reader = new StreamReader(input, leaveOpen: true);
        return reader.ReadToEnd();
    }

    /// <summary>Peeks at the start: '[' is an array; a first line that is a whole JSON value, followed by more, is NDJSON.</summary>
    private static InputShape Shape(Stream input)
    {
        byte[] peek = new byte[1 << 16];
        int n = input.ReadAtLeast(peek, peek.Length, throwOnEndOfStream: false);
        input.Position = 0;
        ReadOnlySpan<byte> head = peek.AsSpan(0, n);
        if (head.StartsWith("\uFEFF"u8))
            head = head[3..]; // a UTF-8 byte order mark
        head = head.TrimStart(" \t\r\n"u8);
        if (head.IsEmpty)
            return InputShape.Single;
        if (head[0] == (byte)'[')
            return InputShape.Array;
        int newline = head.IndexOf((byte)'\n');
        if (newline < 0)
            return InputShape.Single;
        bool more = !head[(newline + 1)..].Trim(" \t\r\n"u8).IsEmpty || n == peek.Length;
        if (!more)
            return InputShape.Single;
        if (IsWholeJson(head[..newline]))
            return InputShape.Ndjson;

        // The first line is not a whole value: one pretty-printed document, or NDJSON with a broken first line.
        try
        {
            using JsonDocument document = JsonDocument.Parse(input);
            return InputShape.Single;
        }
        catch (JsonException)
        {
            return InputShape.Ndjson;
        }
        finally
        {
            input.Position = 0;
        }
    }

    private static bool IsWholeJson(ReadOnlySpan<byte> line)
    {
        try
        {
            var reader = new Utf8JsonReader(line, isFinalBlock: true, state: default);
            return reader.Read() && reader.TrySkip() && !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static List<string>? ArrayElements(string text)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
                return null;
            var list = new List<string>();
            foreach (JsonElement element in document.RootElement.EnumerateArray())
                list.Add(element.GetRawText().ReplaceLineEndings(" "));
            return list;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
