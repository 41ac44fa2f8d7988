using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.IO;
using System.Linq;
using System.Reflection;

namespace Assessments.Cli;

internal static class ExitCodes
{
    public const int Scored = 0;
    public const int Invalid = 1;
    public const int Usage = 2;
}

/// <summary>A usage error: one line on standard error, starting with its code where it has one, and exit status 2.</summary>
internal sealed class UsageException(string message, string? code = null) : Exception(message)
{
    public string? Code { get; } = code;
}

/// <summary>What the process is attached to. Colour and progress only ever go to a terminal.</summary>
/// <param name="Output">Standard output is a terminal.</param>
/// <param name="Error">Standard error is a terminal.</param>
/// <param name="Width">The terminal's width in columns (0 when standard output is not a terminal).</param>
/// <param name="Color">Colour is wanted: standard output is a terminal and <c>NO_COLOR</c> is not set.</param>
/// <param name="InputClosed">The process was started with standard input closed: reading it is a usage error, never a wait.</param>
internal sealed record Terminal(bool Output, bool Error, int Width, bool Color, bool InputClosed = false)
{
    /// <summary>Pipes and files: no colour, no progress, no wrapping (the tests' setting).</summary>
    public static Terminal None { get; } = new(false, false, 0, false);

    public static Terminal Detect()
    {
        bool output = !Console.IsOutputRedirected;
        bool error = !Console.IsErrorRedirected;
        bool noColor = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        int width = 0;
        if (output)
        {
            try
            {
                width = Console.WindowWidth;
            }
            catch (IOException)
            {
                width = 80;
            }
        }

        return new Terminal(output, error, width > 0 ? width : output ? 80 : 0, output && !noColor, StandardInputIsClosed());
    }

    /// <summary>Whether the process was started with standard input closed (<c>assess ... - &lt;&amp;-</c>). The runtime then
    /// hands descriptor 0 to a pipe of its own, whose write end it holds too, and reading it would wait forever. Linux
    /// only (<c>/proc</c>); elsewhere false.</summary>
    internal static bool StandardInputIsClosed()
    {
        try
        {
            if (!Directory.Exists("/proc/self/fd"))
                return false;
            var zero = new FileInfo("/proc/self/fd/0");
            if (!zero.Exists && zero.LinkTarget is null)
                return true;
            string? target = zero.LinkTarget;
            if (target is null || !target.StartsWith("pipe:", StringComparison.Ordinal))
                return false;
            // The runtime's own pipe: this process holds its write end too (a real pipe's writer is another process).
            foreach (string fd in Directory.EnumerateFiles("/proc/self/fd"))
            {
                if (new FileInfo(fd).LinkTarget != target)
                    continue;
                foreach (string line in File.ReadLines($"/proc/self/fdinfo/{Path.GetFileName(fd)}"))
                {
                    if (line.StartsWith("flags:", StringComparison.Ordinal)
                        && (Convert.ToInt32(line["flags:".Length..].Trim(), 8) & 3) == 1)
                        return true;
                }
            }

            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ArgumentException)
        {
            return false;
        }
    }
}

/// <summary>The streams a command reads and writes, and what they are attached to.</summary>
internal sealed class Io(TextReader stdin, TextWriter stdout, TextWriter stderr, Stream? rawStdout, Stream? rawStdin, Terminal terminal)
{
    public TextReader In { get; } = stdin;

    public TextWriter Out { get; } = stdout;

    public TextWriter Error { get; } = stderr;

    /// <summary>Standard output as bytes (a real process), or null (tests: everything goes through <see cref="Out"/>).</summary>
    public Stream? RawOut { get; } = rawStdout;

    public Stream? RawIn { get; } = rawStdin;

    public Terminal Terminal { get; } = terminal;

    /// <summary>Standard input as bytes, whichever way it was given.</summary>
    public Stream OpenStdin() => Terminal.InputClosed
        ? throw new UsageException("standard input is closed: pipe a document in, or name a file instead of '-'.")
        : RawIn ?? new MemoryStream(System.Text.Encoding.UTF8.GetBytes(In.ReadToEnd()));
}

/// <summary>
/// Parses the command line with System.CommandLine and runs one command (docs: README, "The assess command").
/// Options belong to their command: one the command does not take is a usage error, never ignored. Values are
/// positional: <c>-</c> and integers (also <c>-1</c>) are values, never options.
/// </summary>
internal static class Cli
{
    public static int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, Stream? rawStdout = null, Stream? rawStdin = null, Terminal? terminal = null)
    {
        var io = new Io(stdin, stdout, stderr, rawStdout, rawStdin, terminal ?? Terminal.None);
        try
        {
            return new App(io).Run(args);
        }
        catch (UsageException e)
        {
            stdout.Flush();
            stderr.WriteLine(e.Code is null ? $"assess: {e.Message}" : $"assess: {e.Code}: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (IOException)
        {
            stderr.WriteLine("assess: an input or output failed while reading or writing.");
            return ExitCodes.Usage;
        }
    }

    /// <summary>The version printed by <c>--version</c>: the tool's informational version, without a build suffix.</summary>
    public static string Version
    {
        get
        {
            string? version = typeof(Cli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
            return version is null ? "unknown" : version.Split('+')[0];
        }
    }
}

/// <summary>The command tree, built once per run.</summary>
internal sealed class App
{
    private static readonly ParserConfiguration Parsing = new() { EnablePosixBundling = false, ResponseFileTokenReplacer = null };

    private readonly Io _io;
    private readonly RootCommand _root;

    public App(Io io)
    {
        _io = io;
        _root = new RootCommand("Score validated depression and anxiety rating scales and treatment courses.") { HelpName = "assess" };
        foreach (Option option in _root.Options)
        {
            if (option is VersionOption version)
                version.Action = new Print(_io, () => Cli.Version);
        }

        _root.Add(Instruments());
        _root.Add(Score());
        _root.Add(Course());
        _root.Add(Cohort());
        _root.Add(Crosswalk());
        _root.Add(Definition());
        _root.Add(QuestionnaireCommand());
    }

    public int Run(string[] args)
    {
        ParseResult parse = _root.Parse(args, Parsing);
        if (parse.Action is HelpAction or Print)
        {
            // --help / -h on any command, and --version: printed on standard output, exit 0.
            if (parse.Action is HelpAction help)
                help.MaxWidth = _io.Terminal.Width > 0 ? _io.Terminal.Width : 100;
            parse.Invoke(new InvocationConfiguration { Output = _io.Out, Error = _io.Error, EnableDefaultExceptionHandler = false });
            return ExitCodes.Scored;
        }

        if (parse.Errors.Count > 0)
            throw ParseError(parse);
        var handler = (Handler)parse.CommandResult.Command.Action!;
        return handler.Run(parse);
    }

    /// <summary>One line for the first thing wrong, with the nearest known name when the mistake looks like a typo.</summary>
    private static UsageException ParseError(ParseResult parse)
    {
        Command command = parse.CommandResult.Command;
        string where = command is RootCommand ? "assess" : $"assess {command.Name}";
        string help = $"see '{where} --help'.";
        if (parse.UnmatchedTokens.Count > 0)
        {
            string token = parse.UnmatchedTokens[0];
            if (token.StartsWith('-') && token.Length > 1)
                return UnknownOption(command, token);
            if (command is RootCommand)
            {
                string? near = Suggest.Nearest(token, command.Subcommands.Select(c => c.Name));
                return new UsageException($"unknown command '{Text.Escape(token)}'{Suggest.DidYouMean(near)}; see 'assess --help'.");
            }

            return new UsageException($"'{where}' takes no argument '{Text.Escape(token)}'; {help}");
        }

        if (command is RootCommand)
            return new UsageException("no command given; 'assess --help' lists the commands.");
        string message = parse.Errors[0].Message.TrimEnd('.');
        return new UsageException($"{Text.Escape(message)}; {help}");
    }

    /// <summary>An option the command does not take, with the nearest one it does.</summary>
    public static UsageException UnknownOption(Command command, string token)
    {
        string name = token.Split('=', ':')[0];
        // The command's own options and --help (the root's --version is the root's: "assess --version").
        IEnumerable<string> known = command.Options.SelectMany(o => o.Aliases.Prepend(o.Name)).Append("--help").Where(n => n.StartsWith("--", StringComparison.Ordinal));
        string? near = Suggest.Nearest(name, known);
        string where = command is RootCommand ? "assess" : $"assess {command.Name}";
        return new UsageException($"'{where}' has no option '{Text.Escape(name)}'{Suggest.DidYouMean(near)}; see '{where} --help'.");
    }

    private static Option<string> Format(params string[] allowed) =>
        new("--format") { Description = $"The output format: {string.Join(", ", allowed)} (default {allowed[0]}).", HelpName = string.Join('|', allowed) };

    private static Option<string> DefinitionFile() =>
        new("--definition") { Description = "A clinic-defined instrument (JSON definition document) to score besides the built-in ones.", HelpName = "FILE" };

    /// <summary>The value of <c>--format</c>, checked against what the command offers.</summary>
    public static string Choose(ParseResult parse, Option<string> option, params string[] allowed)
    {
        string? value = parse.GetValue(option);
        if (value is null)
            return allowed[0];
        string lower = value.ToLowerInvariant();
        if (allowed.Contains(lower))
            return lower;
        throw new UsageException($"{option.Name} takes {string.Join(", ", allowed.SkipLast(1))} or {allowed[^1]}, not '{Text.Escape(value)}'{Suggest.DidYouMean(Suggest.Nearest(value, allowed))}.");
    }

    private Command Instruments()
    {
        Option<string> format = Format("text", "json");
        var command = new Command("instruments", "List the built-in instruments.") { format };
        command.Action = new Handler(parse => InstrumentsCommand.Run(Choose(parse, format, "text", "json") == "json", _io));
        return command;
    }

    private Command Score()
    {
        var values = new Argument<string[]>("values")
        {
            Arity = ArgumentArity.ZeroOrMore,
            HelpName = "instrument-id> <value...",
            Description = "The instrument id, then one value per scored item in item order: an integer item score, or '-' for an unanswered item. '-1' is a value, not an option.",
        };
        var input = new Option<string>("--input") { Description = "Score a JSON response document, a JSON array of them, or NDJSON; '-' reads standard input.", HelpName = "FILE|-" };
        var positions = new Option<bool>("--positions") { Description = "The values are option positions on the printed form (0 = first option), not item scores." };
        var prorate = new Option<bool>("--prorate") { Description = "Opt in to the instrument's proration rule for missing items." };
        var bandSet = new Option<string>("--band-set") { Description = "Classify the total with this band set of the instrument.", HelpName = "ID" };
        var fhir = new Option<string>("--fhir") { Description = "Score a FHIR R4 QuestionnaireResponse (JSON or XML); '-' reads standard input.", HelpName = "FILE|-" };
        var questionnaire = new Option<string>("--questionnaire") { Description = "The Questionnaire the --fhir response answers, when its linkIds alone do not identify the items.", HelpName = "FILE" };
        Option<string> definition = DefinitionFile();
        Option<string> format = Format("text", "json", "fhir");
        var command = new Command("score", "Score one response from the command line, documents from a file or standard input, or a FHIR QuestionnaireResponse.")
        {
            values, input, fhir, questionnaire, positions, prorate, bandSet, definition, format,
        };
        command.Action = new Handler(parse =>
        {
            string[] tokens = parse.GetValue(values) ?? [];
            // Values are positional; anything else that looks like an option is one the command does not take.
            foreach (string token in tokens)
            {
                if (Suggest.LooksLikeOption(token))
                    throw UnknownOption(command, token);
            }

            string chosen = Choose(parse, format, "text", "json", "fhir");
            if (parse.GetValue(fhir) is string fhirFile)
            {
                // A QuestionnaireResponse says how it is read: the options for values and documents do not apply.
                foreach (Option other in new Option[] { input, positions, prorate, bandSet, definition })
                {
                    if (parse.GetResult(other) is { Implicit: false })
                        throw new UsageException($"score --fhir takes no {other.Name}; see 'assess score --help'.");
                }

                if (tokens.Length > 0)
                    throw new UsageException($"score --fhir takes no values (got '{Text.Escape(tokens[0])}'); see 'assess score --help'.");
                return FhirCommand.Score(fhirFile, parse.GetValue(questionnaire), chosen, _io);
            }

            if (parse.GetResult(questionnaire) is { Implicit: false })
                throw new UsageException("--questionnaire goes with --fhir; see 'assess score --help'.");
            var request = new ScoreRequest(
                tokens,
                parse.GetValue(input),
                Given(parse, positions),
                Given(parse, prorate),
                parse.GetValue(bandSet),
                parse.GetValue(definition),
                chosen == "json",
                chosen == "fhir",
                parse.GetResult(format) is { Implicit: false } && chosen == "text");
            return ScoreCommand.Run(request, _io);
        });
        return command;
    }

    /// <summary>A flag's value when the command line gave it, null when it did not (the document decides).</summary>
    private static bool? Given(ParseResult parse, Option<bool> option) =>
        parse.GetResult(option) is { Implicit: false } ? parse.GetValue(option) : null;

    private Command Course()
    {
        var file = new Argument<string>("file") { Description = "The course document (JSON); '-' reads standard input.", HelpName = "file|-" };
        var preset = new Option<string>("--preset") { Description = $"Course options preset when the document names none: {string.Join(", ", Assessments.Trends.CoursePresets.All.Select(p => p.Id))}.", HelpName = "ID" };
        Option<string> definition = DefinitionFile();
        Option<string> format = Format("text", "json", "html", "png");
        var output = new Option<string>("--output") { Description = "Where html and png go (required for them).", HelpName = "FILE" };
        var strict = new Option<bool>("--strict") { Description = "v2's rule: any invalid assessment makes its course invalid (by default it is listed and used for no outcome)." };
        var command = new Command("course", "Summarise a treatment course (or a record of several instruments): baseline, change, response, remission, relapse and every safety flag.")
        {
            file, preset, definition, format, output, strict,
        };
        command.Action = new Handler(parse => CourseCommand.Run(
            new CourseRequest(parse.GetValue(file)!, parse.GetValue(preset), parse.GetValue(definition), Choose(parse, format, "text", "json", "html", "png"), parse.GetValue(output), parse.GetValue(strict)),
            _io));
        return command;
    }

    private Command Cohort()
    {
        var source = new Argument<string>("input") { Description = "Course documents, each with an \"id\": NDJSON, a JSON array, a directory of *.json, or '-' for standard input.", HelpName = "file|dir|-" };
        var preset = new Option<string>("--preset") { Description = $"The cohort's rule set: {string.Join(", ", Assessments.Trends.CoursePresets.All.Select(p => p.Id))}.", HelpName = "ID" };
        var options = new Option<string>("--options") { Description = "A JSON object of course options (the cohort's one rule set), with maxSessions and lastSessionWindowDays.", HelpName = "FILE" };
        Option<string> definition = DefinitionFile();
        Option<string> format = Format("text", "json", "html", "state");
        var output = new Option<string>("--output") { Description = "Write to a file instead of standard output (required for html).", HelpName = "FILE" };
        var rows = new Option<string>("--rows") { Description = "Also write one row per course: CSV, or Apache Parquet when FILE ends in .parquet.", HelpName = "FILE" };
        var command = new Command("cohort", "A clinic's outcomes across its courses: response by session, Kaplan-Meier durability, CMS159, every urgent flag with its course.")
        {
            source, preset, options, definition, format, output, rows,
        };
        command.Action = new Handler(parse => CohortCommand.Run(
            new CohortRequest(parse.GetValue(source)!, parse.GetValue(preset), parse.GetValue(options), parse.GetValue(definition), Choose(parse, format, "text", "json", "html", "state"), parse.GetValue(output), parse.GetValue(rows)),
            _io));

        var states = new Argument<string[]>("states") { Description = "State files written by 'assess cohort ... --format state'.", HelpName = "state", Arity = ArgumentArity.OneOrMore };
        Option<string> mergeFormat = Format("text", "json", "html", "state");
        var mergeOutput = new Option<string>("--output") { Description = "Write to a file instead of standard output (required for html).", HelpName = "FILE" };
        Option<string> mergeDefinition = DefinitionFile();
        var merge = new Command("merge", "Merge cohort states computed apart (per site, shard or month) into one cohort, exactly.") { states, mergeFormat, mergeOutput, mergeDefinition };
        merge.Action = new Handler(parse => CohortCommand.Merge(parse.GetValue(states)!, Choose(parse, mergeFormat, "text", "json", "html", "state"), parse.GetValue(mergeOutput), _io, parse.GetValue(mergeDefinition)));
        command.Add(merge);
        return command;
    }

    private Command Crosswalk()
    {
        var instrument = new Argument<string>("instrument") { Description = $"The instrument the total is of: {string.Join(", ", Assessments.Crosswalks.DepressionCrosswalk.InstrumentIds)}." };
        var total = new Argument<string>("total") { Description = "The total to convert (an integer inside the instrument's range)." };
        Option<string> format = Format("text", "json");
        var command = new Command("crosswalk", "A QIDS, IDS-SR30 or HAM-D 17 total's equivalent ranges on the other scales (IDS/QIDS/HRSD table, Rush 2003), with the severity level and the citation: equivalents, never scores.")
        {
            instrument, total, format,
        };
        command.Action = new Handler(parse => CrosswalkCommand.Run(parse.GetValue(instrument)!, parse.GetValue(total)!, Choose(parse, format, "text", "json") == "json", _io));
        return command;
    }

    private Command Definition()
    {
        var id = new Argument<string>("instrument-id") { Description = "The instrument whose definition document to print." };
        var command = new Command("definition", "Print an instrument's JSON definition document (a starting point for a clinic's local variant).") { id };
        command.Action = new Handler(parse =>
        {
            Instrument instrument = Catalogue.Require(Catalogue.Resolver(null), parse.GetValue(id)!);
            _io.Out.WriteLine(Assessments.Serialization.InstrumentDefinitions.Export(instrument));
            return ExitCodes.Scored;
        });
        return command;
    }

    private Command QuestionnaireCommand()
    {
        var id = new Argument<string>("instrument-id") { Description = "The instrument to export." };
        var command = new Command("questionnaire", "Print the instrument as a FHIR R4 SDC Questionnaire (JSON).") { id };
        command.Action = new Handler(parse =>
        {
            Instrument instrument = Catalogue.Require(Catalogue.Resolver(null), parse.GetValue(id)!);
            _io.Out.WriteLine(Assessments.Fhir.FhirJson.Serialize(Assessments.Fhir.FhirExport.ToQuestionnaire(instrument)));
            return ExitCodes.Scored;
        });
        return command;
    }

    /// <summary>A command's body; run by <see cref="App.Run"/> itself, so that its exit status and usage errors stay ours.</summary>
    private sealed class Handler(Func<ParseResult, int> run) : SynchronousCommandLineAction
    {
        public int Run(ParseResult parse) => run(parse);

        public override int Invoke(ParseResult parseResult) => run(parseResult);
    }

    /// <summary>Prints one line (the version).</summary>
    private sealed class Print(Io io, Func<string> text) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            io.Out.WriteLine(text());
            return ExitCodes.Scored;
        }
    }
}

/// <summary>"Did you mean": the nearest known name by edit distance, ignoring case and punctuation.</summary>
internal static class Suggest
{
    public static string DidYouMean(string? near) => near is null ? "" : $"; did you mean '{near}'?";

    /// <summary>A token that is not a value: starts with '-', is not '-' alone and is not a number such as -1.</summary>
    public static bool LooksLikeOption(string token) =>
        token.Length > 1 && token[0] == '-' && !char.IsAsciiDigit(token[1]);

    public static string? Nearest(string given, IEnumerable<string> known)
    {
        string key = Normalize(given);
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string candidate in known.Distinct())
        {
            int distance = Distance(key, Normalize(candidate));
            if (distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        // Close enough to be a typo: a third of the name, at least two edits for short names.
        return best is not null && bestDistance <= Math.Max(2, key.Length / 3) ? best : null;
    }

    private static string Normalize(string text) =>
        new(text.TrimStart('-').ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray());

    /// <summary>Levenshtein distance with adjacent transpositions (optimal string alignment).</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++)
            d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++)
            d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }

        return d[a.Length, b.Length];
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
            throw new UsageException(path.Length == 0 ? "an empty path names no file." : $"cannot read '{Text.Escape(path)}': {(Directory.Exists(path) ? "it is a directory" : Reason(e))}.");
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

    /// <summary>Opens a file to write as work goes on (rows streamed while a cohort is read), or says plainly why it
    /// cannot.</summary>
    public static FileStream Create(string path)
    {
        if (path.Length > 0 && Directory.Exists(path))
            throw new UsageException($"cannot write '{Text.Escape(path)}': it is a directory; name a file in it.");
        try
        {
            return new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UsageException(path.Length == 0 ? "an empty path names no file." : $"cannot write '{Text.Escape(path)}': {Reason(e)}.");
        }
    }

    /// <summary>Writes a file whole, or says plainly why it could not.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        if (path.Length > 0 && Directory.Exists(path))
            throw new UsageException($"cannot write '{Text.Escape(path)}': it is a directory; name a file in it.");
        try
        {
            using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
            write(stream);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UsageException(path.Length == 0 ? "an empty path names no file." : $"cannot write '{Text.Escape(path)}': {Reason(e)}.");
        }
    }

    private static string Reason(Exception e) => e switch
    {
        FileNotFoundException => "no such file",
        DirectoryNotFoundException => "no such directory",
        UnauthorizedAccessException => "permission denied",
        IOException when e.HResult is 28 or unchecked((int)0x80070070) => "the disk is full; nothing was written whole",
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
