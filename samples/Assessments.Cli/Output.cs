using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Assessments.Serialization;

namespace Assessments.Cli;

/// <summary>Text for people, JSON (the library's wire format) for programs.</summary>
internal static class Output
{
    public static void WriteResult(TextWriter o, ScoringResult result, bool json, bool compact)
    {
        if (json)
        {
            o.WriteLine(AssessmentsJson.WriteResult(result));
            return;
        }

        Instrument instrument = result.Instrument;
        string prefix = result.ResponseId is null ? "" : $"[{result.ResponseId}] ";
        if (result.Score is not { } score)
        {
            if (compact)
            {
                o.WriteLine($"{prefix}{instrument.Id}: INVALID {string.Join("; ", result.Errors.Select(Describe))}{FlagSummary(result.Flags, instrument)}");
                return;
            }

            o.WriteLine($"{prefix}{instrument.Id} ({instrument.Name}): the response is invalid; nothing was scored.");
            foreach (ScoringError error in result.Errors)
                o.WriteLine($"  {Describe(error)}");
            WriteFlags(o, result.Flags, instrument);
            return;
        }

        if (compact)
        {
            string what = score.Total is int t ? $"{t}/{score.MaxTotal}" : $"risk {WireIds.Of(score.RiskLevel!.Value)}";
            string band = score.Band is null ? "" : $" {score.Band.Label}";
            string prorated = score.Prorated ? " (prorated)" : "";
            o.WriteLine($"{prefix}{instrument.Id}: {what}{band}{prorated}{FlagSummary(score.Flags, instrument)}");
            return;
        }

        o.WriteLine($"{prefix}{instrument.Id}  {instrument.Name}");
        if (score.Total is int total)
            o.WriteLine($"  Total     {total} of {score.MaxTotal}{(score.Prorated ? " (prorated from the answered items)" : "")}");
        if (score.Band is { } b)
            o.WriteLine($"  Band      {b.Label} ({b.Min}-{b.Max}; {score.BandSetId})");
        else if (score.Total is not null)
            o.WriteLine("  Band      none (this instrument has no validated bands)");
        if (score.RiskLevel is RiskLevel risk)
            o.WriteLine($"  Risk      {WireIds.Of(risk)}");
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
            var errors = read.Errors.Select(e => new Dictionary<string, object?> { ["code"] = e.Code, ["item"] = e.ItemNumber, ["message"] = e.Message });
            o.WriteLine(Json(read.Id, read.InstrumentId, read.Errors));
            return;
        }

        string prefix = read.Id is null ? "" : $"[{read.Id}] ";
        o.WriteLine($"{prefix}{read.InstrumentId ?? "(no instrument)"}: INVALID {string.Join("; ", read.Errors.Select(Describe))}");
    }

    public static void WriteNotNumbers(TextWriter o, string instrumentId, string? id, List<int> items, bool json)
    {
        var errors = items.Select(n => new ScoringError(ErrorCodes.ItemNotANumber, n, $"Item {n} must be an integer, '-' for unanswered, or one of the item's option labels.")).ToList();
        if (json)
        {
            o.WriteLine(Json(id, instrumentId, errors));
            return;
        }

        o.WriteLine($"{instrumentId}: the response is invalid; nothing was scored.");
        foreach (ScoringError error in errors)
            o.WriteLine($"  {Describe(error)}");
    }

    private static string Json(string? id, string? instrumentId, IEnumerable<ScoringError> errors)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            if (id is not null)
                w.WriteString("id", id);
            if (instrumentId is null)
                w.WriteNull("instrument");
            else
                w.WriteString("instrument", instrumentId);
            w.WriteStartArray("errors");
            foreach (ScoringError e in errors)
            {
                w.WriteStartObject();
                w.WriteString("code", e.Code);
                if (e.ItemNumber is int n)
                    w.WriteNumber("item", n);
                w.WriteString("message", e.Message);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("flags");
            w.WriteEndArray();
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string Describe(ScoringError error) =>
        error.ItemNumber is int n ? $"{error.Code} item {n}: {error.Message}" : $"{error.Code}: {error.Message}";

    private static void WriteFlags(TextWriter o, IEnumerable<SafetyFlag> flags, Instrument instrument)
    {
        foreach (SafetyFlag flag in flags)
            o.WriteLine($"  {FlagText(flag, instrument)}");
    }

    private static string FlagSummary(IEnumerable<SafetyFlag> flags, Instrument instrument)
    {
        string text = string.Join("; ", flags.Select(f => FlagText(f, instrument)));
        return text.Length == 0 ? "" : $" | {text}";
    }

    private static string FlagText(SafetyFlag flag, Instrument instrument)
    {
        string priority = flag.Priority is FlagPriority p ? WireIds.Of(p).ToUpperInvariant() : "ASK";
        string where = flag.ItemNumber is int n ? $"item {n} ({instrument.GetItem(n).Name})" : "risk level";
        if (flag.Id == FlagIds.SafetyItemUnanswered)
            return $"{priority} {flag.Id}: {where} is unanswered";
        string value = flag.RiskLevel is RiskLevel r ? WireIds.Of(r) : flag.Value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "";
        return $"{priority} {flag.Id}: {where} = {value}";
    }
}
