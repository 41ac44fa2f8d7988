using System.Collections.Generic;
using System.IO;
using Assessments.Serialization;

namespace Assessments.Cli;

/// <summary>Text for people, JSON (the library's wire format) for programs.</summary>
internal static class Output
{
    public static void WriteResult(TextWriter o, ScoringResult result, bool json)
    {
        if (json)
        {
            o.WriteLine(AssessmentsJson.WriteResult(result));
            return;
        }

        Instrument instrument = result.Instrument;
        string prefix = result.ResponseId is null ? "" : $"[{Text.Escape(result.ResponseId)}] ";
        if (result.Score is not { } score)
        {
            o.WriteLine($"{prefix}{Text.Escape(instrument.Id)} ({Text.Escape(instrument.Name)}): the response is invalid; nothing was scored.");
            foreach (ScoringError error in result.Errors)
                o.WriteLine($"  {Describe(error)}");
            WriteFlags(o, result.Flags, instrument);
            return;
        }

        o.WriteLine($"{prefix}{Text.Escape(instrument.Id)}  {Text.Escape(instrument.Name)}");
        if (score.Total is int total)
            o.WriteLine($"  Total     {total} of {score.MaxTotal}{(score.Prorated ? " (prorated from the answered items)" : "")}");
        if (score.Band is { } b)
            o.WriteLine($"  Band      {Text.Escape(b.Label)} ({b.Min}-{b.Max}; {Text.Escape(score.BandSetId)})");
        else if (score.HasTotal)
            o.WriteLine("  Band      none (this instrument has no validated bands)");
        if (score.RiskLevel is RiskLevel risk)
            o.WriteLine($"  Risk      {WireIds.ToWireId(risk)}");
        if (score.Provenance is string provenance)
            o.WriteLine($"  Basis     {Text.Escape(provenance)}");
        foreach (string note in score.Notes)
            o.WriteLine($"  Note      {note}");
        if (score.SafetyScreen == SafetyScreen.NotCovered)
            o.WriteLine("  Safety    not covered: this instrument asks nothing about suicide");
        else if (score.Flags.IsEmpty)
            o.WriteLine("  Safety    no safety flag");
        WriteFlags(o, score.Flags, instrument);
    }

    public static void WriteReadErrors(TextWriter o, ResponseReadResult read, bool json)
    {
        if (json)
        {
            o.WriteLine(AssessmentsJson.WriteReadErrors(read));
            return;
        }

        string prefix = read.Id is null ? "" : $"[{Text.Escape(read.Id)}] ";
        o.WriteLine($"{prefix}{(read.InstrumentId is null ? "(no instrument)" : Text.Escape(read.InstrumentId))}: the response is invalid; nothing was scored.");
        foreach (ScoringError error in read.Errors)
            o.WriteLine($"  {Describe(error)}");
        if (read.Instrument is { } instrument)
            WriteFlags(o, read.Flags, instrument);
        else
            foreach (SafetyFlag flag in read.Flags)
                o.WriteLine($"  {FlagText(flag, null)}");
    }

    /// <summary>An error as one line: code, item, message.</summary>
    internal static string Describe(ScoringError error) =>
        error.ItemNumber is int n ? $"{error.Code} item {n}: {Text.Escape(error.Message)}" : $"{error.Code}: {Text.Escape(error.Message)}";

    private static void WriteFlags(TextWriter o, IEnumerable<SafetyFlag> flags, Instrument instrument)
    {
        foreach (SafetyFlag flag in flags)
            o.WriteLine($"  {FlagText(flag, instrument)}");
    }

    /// <summary>A flag as one line, in the library's words (<see cref="SafetyFlag.Describe"/>), escaped for a terminal.</summary>
    internal static string FlagText(SafetyFlag flag, Instrument? instrument) => Text.Escape(flag.Describe(instrument));
}
