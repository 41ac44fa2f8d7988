using System.IO;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Assessments.Cli;

/// <summary>
/// Tables through Spectre.Console: columns sized to their widest cell (long band lists, time zone offsets), wrapped to
/// the width of a terminal, never wrapped in a pipe or a file. Colour only on a terminal without <c>NO_COLOR</c>.
/// </summary>
internal static class Tables
{
    /// <summary>The width used when standard output is not a terminal: wide enough that no line is wrapped.</summary>
    private const int UnwrappedWidth = 4096;

    public static IAnsiConsole Console(TextWriter output, Terminal terminal)
    {
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = terminal.Color ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = terminal.Color ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = terminal.Output && terminal.Width > 0 ? terminal.Width : UnwrappedWidth;
        return console;
    }

    /// <summary>Writes a table: through Spectre.Console to a buffer, then each line without its trailing padding.</summary>
    public static void Write(TextWriter output, Terminal terminal, IRenderable table)
    {
        using var buffer = new StringWriter();
        Console(buffer, terminal).Write(table);
        foreach (string line in buffer.ToString().Split('\n'))
        {
            if (line.Length > 0)
                output.WriteLine(line.TrimEnd(' ', '\r'));
        }
    }

    /// <summary>A plain table: a header line and aligned columns, no frame, so that scripts can still cut columns.</summary>
    public static Table Plain(params string[] headers)
    {
        var table = new Table { Border = TableBorder.None, ShowHeaders = true };
        foreach (string header in headers)
            table.AddColumn(new TableColumn(new Spectre.Console.Text(header, new Style(decoration: Decoration.Bold))).PadLeft(0).PadRight(2));
        return table;
    }

    /// <summary>Caller or catalogue text as a cell: escaped, never read as markup.</summary>
    public static IRenderable Cell(string? text, Style? style = null) => new Spectre.Console.Text(Assessments.Cli.Text.Escape(text ?? "-"), style ?? Style.Plain);
}
