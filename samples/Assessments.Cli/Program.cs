using System;
using System.IO;
using Assessments.Cli;

// The `assess` command (README, "The assess command"). Exit status: 0 scored, 1 invalid response, 2 usage error.
try
{
    using Stream rawStdout = Console.OpenStandardOutput();
    using Stream rawStdin = Console.OpenStandardInput();
    return Cli.Run(args, Console.In, Console.Out, Console.Error, rawStdout, rawStdin);
}
catch (IOException)
{
    Console.Error.WriteLine("assess: an input or output failed.");
    return ExitCodes.Usage;
}
