using System;
using System.IO;
using Assessments.Cli;

// The `assess` command (README, "The assess command"). Exit status: 0 scored, 1 invalid response, 2 usage error.
try
{
    using Stream rawStdout = Console.OpenStandardOutput();
    using Stream rawStdin = Console.OpenStandardInput();
    return Cli.Run(args, Console.In, Console.Out, Console.Error, rawStdout, rawStdin, Terminal.Detect());
}
catch (IOException)
{
    Console.Error.WriteLine("assess: an input or output failed.");
    return ExitCodes.Usage;
}
#pragma warning disable CA1031 // the last line of defence: no stack trace, no exception type, no patient data
catch (Exception)
#pragma warning restore CA1031
{
    Console.Error.WriteLine("assess: an unexpected fault stopped the command; nothing after this line was written.");
    return ExitCodes.Usage;
}
