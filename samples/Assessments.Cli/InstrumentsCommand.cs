using System.IO;
using System.Text.Json;

namespace Assessments.Cli;

/// <summary><c>assess instruments</c>: the catalogue.</summary>
internal static class InstrumentsCommand
{
    public static int Run(Options options, TextWriter o)
    {
        if (options.Json)
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
            return ExitCodes.Scored;
        }

        o.WriteLine($"{"id",-13} {"rater",-9} {"items",5} {"range",-7} {"bands",-40} {"remission",-9} safety");
        foreach (Instrument i in Instruments.All)
        {
            string range = i.HasTotal ? $"{i.MinTotal}-{i.MaxTotal}" : "risk";
            string bands = i.DefaultBandSet is { } set ? string.Join(" ", System.Linq.Enumerable.Select(set.Bands, b => $"{b.Id}")) : i.HasTotal ? "(none)" : "none/low/moderate/high";
            string remission = i.RemissionThreshold is int r ? $"<= {r}" : "-";
            string safety = i.SafetyRules.IsEmpty ? (i.RiskTiers.IsEmpty ? "not covered" : "risk level") : $"item {i.SafetyRules[0].ItemNumber}";
            o.WriteLine($"{i.Id,-13} {WireIds.ToWireId(i.Rater),-9} {i.Items.Length,5} {range,-7} {bands,-40} {remission,-9} {safety}");
        }

        return ExitCodes.Scored;
    }
}
