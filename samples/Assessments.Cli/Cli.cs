using System;
using System.Collections.Generic;
using System.IO;

namespace Assessments.Cli;

internal static class ExitCodes
{
    public const int Scored = 0;
    public const int Invalid = 1;
    public const int Usage = 2;
}

internal sealed class UsageException(string message) : Exception(message);

/// <summary>Parses the command line and runs one command. Uses the library's public API only.</summary>
internal static class Cli
{
    public const string Usage = """
        usage:
          assess instruments [--format json]
          assess score <instrument-id> <value>... [--positions] [--prorate] [--band-set ID] [--definition FILE] [--format text|json]
          assess score --input <file|-> [--definition FILE] [--format text|json]
          assess course <file|-> [--preset ID] [--format text|json]
          assess definition <instrument-id>      (prints the JSON definition, a starting point for a local variant)
        values: one per scored item in item order; an integer item score, or '-' for unanswered.
        """;

    private static int DefinitionCommand(Options options, TextWriter stdout)
    {
        if (options.Positionals.Count != 1)
            throw new UsageException("definition needs one instrument id.");
        Instrument instrument = Catalogue.Resolver(options.Definition)(options.Positionals[0])
            ?? throw new UsageException($"unknown instrument '{Text.Escape(options.Positionals[0])}'.");
        stdout.WriteLine(Assessments.Serialization.InstrumentDefinitions.Export(instrument));
        return ExitCodes.Scored;
    }

    public static int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, Stream? rawStdout = null, Stream? rawStdin = null)
    {
        try
        {
            if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
            {
                (args.Length == 0 ? stderr : stdout).WriteLine(Usage);
                return args.Length == 0 ? ExitCodes.Usage : ExitCodes.Scored;
            }

            var rest = new List<string>(args[1..]);
            return args[0] switch
            {
                "instruments" => InstrumentsCommand.Run(Options.Parse(rest, allowValues: false), stdout),
                "score" => ScoreCommand.Run(Options.Parse(rest, allowValues: true), rawStdin ?? new MemoryStream(System.Text.Encoding.UTF8.GetBytes(stdin.ReadToEnd())), stdout, rawStdout),
                "course" => CourseCommand.Run(Options.Parse(rest, allowValues: true), stdin, stdout, stderr, rawStdout, rawStdin),
                "definition" => DefinitionCommand(Options.Parse(rest, allowValues: true), stdout),
                _ => throw new UsageException($"unknown command '{Text.Escape(args[0])}'."),
            };
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"assess: {e.Message}");
            stderr.WriteLine(Usage);
            return ExitCodes.Usage;
        }
        catch (IOException)
        {
            stderr.WriteLine("assess: an input or output failed while reading or writing.");
            return ExitCodes.Usage;
        }
    }
}

/// <summary>Options and positional values. A token that is '-' or an integer (also '-1') is always a value.</summary>
internal sealed class Options
{
    public List<string> Positionals { get; } = [];

    public bool Json { get; private set; }

    public bool Positions { get; private set; }

    public bool Prorate { get; private set; }

    public string? Input { get; private set; }

    public string? Definition { get; private set; }

    public string? BandSet { get; private set; }

    public string? Preset { get; private set; }

    public static Options Parse(List<string> args, bool allowValues)
    {
        var options = new Options();
        for (int i = 0; i < args.Count; i++)
        {
            string token = args[i];
            if (token == "-" || int.TryParse(token, out _) || !token.StartsWith('-'))
            {
                if (!allowValues)
                    throw new UsageException($"unexpected argument '{Text.Escape(token)}'.");
                options.Positionals.Add(token);
                continue;
            }

            switch (token)
            {
                case "--format":
                    string format = Next(args, ref i, token);
                    options.Json = format switch
                    {
                        "json" => true,
                        "text" => false,
                        _ => throw new UsageException($"--format takes 'text' or 'json'."),
                    };
                    break;
                case "--positions":
                    options.Positions = true;
                    break;
                case "--prorate":
                    options.Prorate = true;
                    break;
                case "--input":
                    options.Input = Next(args, ref i, token);
                    break;
                case "--definition":
                    options.Definition = Next(args, ref i, token);
                    break;
                case "--band-set":
                    options.BandSet = Next(args, ref i, token);
                    break;
                case "--preset":
                    options.Preset = Next(args, ref i, token);
                    break;
                default:
                    throw new UsageException($"unknown option '{Text.Escape(token)}'.");
            }
        }

        return options;
    }

    private static string Next(List<string> args, ref int i, string option)
    {
        if (i + 1 >= args.Count)
            throw new UsageException($"{option} needs a value.");
        return args[++i];
    }
}

/// <summary>Opens files for reading with one plain message for every way that can fail.</summary>
internal static class Files
{
    public static Stream OpenRead(string path)
    {
        try
        {
            // FileStream reads pipes and devices too (not seekable): the readers never seek.
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UsageException(path.Length == 0 ? "an empty path names no file." : $"cannot read '{Text.Escape(path)}': {Reason(e)}.");
        }
    }

    public static byte[] ReadAllBytes(string path)
    {
        using Stream stream = OpenRead(path);
        try
        {
            if (stream.CanSeek && stream.Length is long length and < int.MaxValue)
            {
                // A regular file: one buffer of its size, filled in place.
                byte[] bytes = new byte[length];
                stream.ReadExactly(bytes);
                return bytes;
            }

            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            return buffer.ToArray();
        }
        catch (IOException)
        {
            throw new UsageException($"cannot read '{Text.Escape(path)}': reading failed.");
        }
    }

    public static string ReadAllText(string path)
    {
        using Stream stream = OpenRead(path);
        using var reader = new StreamReader(stream);
        try
        {
            return reader.ReadToEnd();
        }
        catch (IOException)
        {
            throw new UsageException($"cannot read '{Text.Escape(path)}': reading failed.");
        }
    }

    private static string Reason(Exception e) => e switch
    {
        FileNotFoundException => "no such file",
        DirectoryNotFoundException => "no such directory",
        UnauthorizedAccessException => "permission denied",
        _ => "it cannot be opened",
    };
}

/// <summary>Text output never lets caller-supplied text forge a line: control characters are escaped.</summary>
internal static class Text
{
    public static string Escape(string? text)
    {
        if (text is null)
            return string.Empty;
        var builder = new System.Text.StringBuilder(text.Length);
        foreach (char c in text)
        {
            if (char.IsControl(c) || c is '\u2028' or '\u2029' || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069'))
                builder.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            else
                builder.Append(c);
        }

        return builder.ToString();
    }
}
