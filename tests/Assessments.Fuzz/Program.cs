using System;
using System.Diagnostics;
using System.Globalization;
using Assessments.Fuzz;

// The fuzz harness: structured and mutation inputs for every reader, a differential oracle (batch vs full path,
// fast vs full, string vs bytes, round trip) and the safety rule as the crash criterion. A fixed seed makes a run
// repeatable. Usage: dotnet run -c Release --project tests/Assessments.Fuzz -- [--seed N] [--seconds S] [--inputs N]
int seed = 1;
double seconds = 60;
long limit = long.MaxValue;
for (int i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--seed":
            seed = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            break;
        case "--seconds":
            seconds = double.Parse(args[i + 1], CultureInfo.InvariantCulture);
            break;
        case "--inputs":
            limit = long.Parse(args[i + 1], CultureInfo.InvariantCulture);
            break;
        default:
            Console.Error.WriteLine($"unknown option {args[i]}");
            return 2;
    }
}

var harness = new Harness(seed, Console.Out);
var clock = Stopwatch.StartNew();
while (clock.Elapsed.TotalSeconds < seconds && harness.Inputs < limit)
    harness.Step();
clock.Stop();
harness.Report(clock.Elapsed);
return harness.Failures == 0 ? 0 : 1;
