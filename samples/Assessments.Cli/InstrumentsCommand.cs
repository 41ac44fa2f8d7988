using System.IO;
using System.Linq;
using System.Text.Json;
using Spectre.Console;

namespace Assessments.Cli;

/// <summary><c>assess instruments</c>: the catalogue.</summary>
internal static class InstrumentsCommand
{
    public static int Run(bool json, Io io)
    {
        if (json)
        {
            WriteJson(io.Out);
            return ExitCodes.Scored;
        }

        Table table = Tables.Plain("id", "rater", "items", "range", "bands", "remission", "safety");
        table.Columns[2].Alignment = Justify.Right;
        foreach (Instrument i in Instruments.All)
        {
            string range = i.HasTotal ? $"{i.MinTotal}-{i.MaxTotal}" : "risk";
            string bands = i.DefaultBandSet is { } set ? Bands(set) : i.HasTotal ? "(none)" : "none/low/moderate/high";
            string remission = i.RemissionThreshold is int r ? $"<= {r}" : "-";
            string safety = i.SafetyRules.IsEmpty ? (i.RiskTiers.IsEmpty ? "not covered" : "risk level") : $"item {i.SafetyRules[0].ItemNumber}";
            table.Rows.Add([
                Tables.Cell(i.Id),
                Tables.Cell(WireIds.ToWireId(i.Rater)),
                Tables.Cell(i.Items.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                Tables.Cell(range),
                Tables.Cell(bands),
                Tables.Cell(remission),
                Tables.Cell(safety)]);
        }

        Tables.Write(io.Out, io.Terminal, table);
        return ExitCodes.Scored;
    }

    /// <summary>The default band ids; a long list (CGI's seven one-point bands) as its ends and count, so the table fits a
    /// terminal (`assess instruments --format json` and `assess definition` list every band).</summary>
    private static string Bands(BandSet set)
    {
        string all = string.Join(" ", set.Bands.Select(b => b.Id));
        return all.Length <= 50 ? all : $"{set.Bands[0].Id} ... {set.Bands[^1].Id} ({set.Bands.Length} bands)";
    }

    private static void WriteJson(TextWriter o)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartArray();
            foreach (Instrument i in Instruments.All)
            {
                w.WriteStartObject();
                w.WriteString("id", i.Id);
                w.WriteString("name", i.Name);
                w.WriteString("rater", WireIds.ToWireId(i.Rater));
                w.WriteNumber("items", i.Items.Length);
                if (i.HasTotal)
                {
                    w.WriteNumber("minTotal", i.MinTotal);
                    w.WriteNumber("maxTotal", i.MaxTotal);
                }
                else
                {
                    w.WriteNull("minTotal");
                    w.WriteNull("maxTotal");
                }

                w.WriteString("scoring", WireIds.ToWireId(i.Method));
                w.WriteStartArray("bandSets");
                foreach (BandSet set in i.BandSets)
                    w.WriteStringValue(set.Id);
                w.WriteEndArray();
                if (i.RemissionThreshold is int r)
                    w.WriteNumber("remissionThreshold", r);
                else
                    w.WriteNull("remissionThreshold");
                w.WriteString("safetyScreen", WireIds.ToWireId(i.SafetyScreen));
                w.WriteString("licence", WireIds.ToWireId(i.Licence));
                w.WriteString("citation", i.Citation);
                w.WriteString("rulesVersion", i.RulesVersion);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        o.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}
