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
        if (score.Scaled is { } scaled)
            o.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"  Scaled    {Text.Escape(scaled.Metric)} {scaled.Value:0.0} (SE {scaled.StandardError:0.0})"));
        if (!score.Subscores.IsEmpty)
            o.WriteLine($"  Subscores {string.Join(", ", System.Linq.Enumerable.Select(score.Subscores, s => $"{Text.Escape(s.Key)} {s.Value}"))}");
        if (score.MeetsClusterRule is bool met)
            o.WriteLine($"  DSM-5     cluster rule {(met ? "met" : "not met")} (a screening fact, not a diagnosis)");
        if (score.Responder is bool responder)
            o.WriteLine($"  Responder {(responder ? "yes (much or very much improved)" : "no")}");
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

    /// <summary>One batch result (the library's NDJSON line) as one readable line: the document's number and id, the
    /// instrument, the total and band or the error codes, then every flag, urgent first as the library orders them.</summary>
    internal static string ResultLine(System.ReadOnlySpan<byte> json, long number)
    {
        using System.Text.Json.JsonDocument document = System.Text.Json.JsonDocument.Parse(json.ToArray());
        System.Text.Json.JsonElement root = document.RootElement;
        string? Str(System.Text.Json.JsonElement e, string name) => e.TryGetProperty(name, out System.Text.Json.JsonElement v) && v.ValueKind == System.Text.Json.JsonValueKind.String ? v.GetString() : null;
        int? Int(System.Text.Json.JsonElement e, string name) => e.TryGetProperty(name, out System.Text.Json.JsonElement v) && v.ValueKind == System.Text.Json.JsonValueKind.Number ? v.GetInt32() : null;
        var line = new System.Text.StringBuilder();
        line.Append('#').Append(number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (Str(root, "id") is string id)
            line.Append(" [").Append(Text.Escape(id)).Append(']');
        string? instrumentId = Str(root, "instrument");
        Instruments.TryGet(instrumentId ?? "", out Instrument? instrument);
        line.Append(' ').Append(instrumentId is null ? "(no instrument)" : Text.Escape(instrumentId)).Append(": ");
        if (root.TryGetProperty("errors", out System.Text.Json.JsonElement errors))
        {
            line.Append("invalid (");
            bool first = true;
            foreach (System.Text.Json.JsonElement error in errors.EnumerateArray())
            {
                line.Append(first ? "" : ", ").Append(Text.Escape(Str(error, "code")));
                if (Int(error, "item") is int item)
                    line.Append(" item ").Append(item.ToString(System.Globalization.CultureInfo.InvariantCulture));
                first = false;
            }

            line.Append(')');
        }
        else if (Int(root, "total") is int total)
        {
            line.Append("total ").Append(total.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(" of ").Append(Int(root, "maxTotal")?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?");
            if (root.TryGetProperty("band", out System.Text.Json.JsonElement band) && Str(band, "label") is string label)
                line.Append(", ").Append(Text.Escape(label));
        }
        else if (Str(root, "riskLevel") is string risk)
        {
            line.Append("risk level ").Append(risk);
        }

        if (root.TryGetProperty("flags", out System.Text.Json.JsonElement flags))
        {
            foreach (System.Text.Json.JsonElement flag in flags.EnumerateArray())
            {
                int? item = Int(flag, "item");
                string name = item is int n && instrument is not null && n >= 1 && n <= instrument.Items.Length ? $" ({instrument.GetItem(n).Name})" : "";
                line.Append("; ").Append(Str(flag, "priority")?.ToUpperInvariant() ?? "ASK").Append(' ').Append(Text.Escape(Str(flag, "id")));
                if (item is int i)
                    line.Append(": item ").Append(i.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(name);
                if (flag.TryGetProperty("value", out System.Text.Json.JsonElement value))
                    line.Append(item is null ? ": risk level = " : " = ").Append(Text.Escape(value.ToString()));
                else if (Str(flag, "id") == FlagIds.SafetyItemUnanswered)
                    line.Append(" is unanswered");
            }
        }

        return line.ToString();
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
