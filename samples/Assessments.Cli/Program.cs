using System;
using System.IO;
using Assessments.Cli;

// The `assess` command (../shared/CLI.md). Exit status: 0 scored, 1 invalid response, 2 usage error.
try
{
    using Stream rawStdout = Console.OpenStandardOutput();
    return Cli.Run(args, Console.In, Console.Out, Console.Error, rawStdout);
}
catch (IOException e)
{
    Console.Error.WriteLine($"assess: {e.Message}");
    return ExitCodes.Usage;
}
