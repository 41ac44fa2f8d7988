using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using Assessments.Crosswalks;

namespace Assessments.Cli;

/// <summary><c>assess crosswalk &lt;instrument&gt; &lt;total&gt;</c>: a QIDS, IDS-SR30 or HAM-D 17 total's equivalent ranges on
/// the other scales, with the severity level and the citation (docs/crosswalk.md). Equivalents, never scores.</summary>
internal static class CrosswalkCommand
{
    /// <summary>Said in both formats, so that no reader takes a range for a score.</summary>
    public const string Note = "Equivalent ranges, not scores: no other scale was rated.";

    public static int Run(string instrumentText, string totalText, bool json, Io io)
    {
        string id = instrumentText.Trim().ToLowerInvariant();
        if (!long.TryParse(totalText.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long given))
            throw new UsageException($"the total must be an integer, not '{Text.Escape(totalText)}'; see 'assess crosswalk --help'.");
        int total = (int)Math.Clamp(given, int.MinValue, int.MaxValue);
        if (!DepressionCrosswalk.TryConvert(id, total, out CrosswalkResult? result, out ScoringError? error))
        {
            string covered = $"the crosswalk converts {string.Join(", ", DepressionCrosswalk.InstrumentIds.SkipLast(1))} and {DepressionCrosswalk.InstrumentIds[^1]}";
            if (error.Code == ErrorCodes.UnknownInstrument)
                throw new UsageException($"unknown instrument '{Text.Escape(instrumentText)}'{Suggest.DidYouMean(Suggest.Nearest(id, DepressionCrosswalk.InstrumentIds))}; {covered}.", error.Code);
            if (error.Code == ErrorCodes.NoCrosswalk)
                throw new UsageException($"{id} has no column in the IDS/QIDS/HRSD conversion table; {covered}.", error.Code);
            WriteError(io.Out, id, given, error, json);
            return ExitCodes.Invalid;
        }

        if (json)
            WriteJson(io.Out, result);
        else
            WriteText(io.Out, result);
        return ExitCodes.Scored;
    }

    private static void WriteText(TextWriter o, CrosswalkResult result)
    {
        string column = result.Scale.Id == result.InstrumentId ? "" : $" (read on the {result.Scale.Id} column)";
        o.WriteLine($"{result.InstrumentId} {result.Total}{column}: equivalents on the IDS/QIDS/HRSD conversion table");
        o.WriteLine($"  Severity   {result.Severity}");
        foreach (EquivalentRange range in result.Equivalents)
        {
            string own = range.Scale == result.Scale ? "  (this total's column)" : "";
            o.WriteLine($"  {range.Scale.Id,-10} {range}{own}");
        }

        if (result.Rows.Length > 1)
        {
            string rows = string.Join(" and ", result.Rows.Select(r => r.QidsTotal.ToString(CultureInfo.InvariantCulture)));
            o.WriteLine($"  Rows       {result.Scale.Id} {result.Total} lies in the rows of QIDS-SR16 {rows} (the source prints the range on each); the ranges span them.");
        }

        o.WriteLine($"  Source     {result.Citation}");
        o.WriteLine($"  {Note}");
    }

    private static void WriteJson(TextWriter o, CrosswalkResult result) => Write(o, w =>
    {
        w.WriteString("instrument", result.InstrumentId);
        w.WriteNumber("total", result.Total);
        w.WriteString("scale", result.Scale.Id);
        w.WriteString("severity", result.Severity);
        w.WriteStartObject("equivalents");
        foreach (EquivalentRange range in result.Equivalents)
        {
            w.WriteStartObject(range.Scale.Id);
            w.WriteNumber("min", range.Min);
            w.WriteNumber("max", range.Max);
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteStartArray("rows");
        foreach (CrosswalkRow row in result.Rows)
            w.WriteNumberValue(row.QidsTotal);
        w.WriteEndArray();
        w.WriteString("citation", result.Citation);
        w.WriteString("note", Note);
    });

    private static void WriteError(TextWriter o, string id, long total, ScoringError error, bool json)
    {
        if (!json)
        {
            o.WriteLine($"{Text.Escape(id)} {total.ToString(CultureInfo.InvariantCulture)}: nothing to convert.");
            o.WriteLine($"  {Output.Describe(error)}");
            return;
        }

        Write(o, w =>
        {
            w.WriteString("instrument", id);
            w.WriteNumber("total", total);
            w.WriteStartArray("errors");
            w.WriteStartObject();
            w.WriteString("code", error.Code);
            w.WriteString("message", error.Message);
            w.WriteEndObject();
            w.WriteEndArray();
        });
    }

    /// <summary>One JSON object on one line.</summary>
    private static void Write(TextWriter o, Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }

        o.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}
