using System;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Text;

namespace Assessments.Crosswalks;

/// <summary>Reads and checks the embedded conversion table (Crosswalks/README.md): the one place its text is parsed.</summary>
internal static class CrosswalkTable
{
    internal const string ResourceName = "Assessments.Crosswalks.crosswalk-ids-qids-hrsd.csv";

    internal const string Header = "severity,ids_sr30,qids_sr16,hrsd17,hrsd21,hrsd24";

    /// <summary>The table's severity levels, mildest first.</summary>
    internal static readonly ImmutableArray<string> SeverityLevels = ["none", "mild", "moderate", "severe", "very-severe"];

    /// <summary>The embedded file, byte for byte.</summary>
    internal static byte[] ReadBytes()
    {
        using Stream stream = typeof(CrosswalkTable).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource '{ResourceName}' is missing from the assembly.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    /// <summary>The embedded table, parsed and checked.</summary>
    internal static ImmutableArray<CrosswalkRow> Load()
    {
        ImmutableArray<CrosswalkRow> rows = Parse(Encoding.UTF8.GetString(ReadBytes()));
        string? problem = FindLookupProblem(rows);
        return problem is null ? rows : throw new InvalidOperationException($"The conversion table cannot be used: {problem}");
    }

    /// <summary>Parses the CSV: <c>#</c> comment lines, the header, then one row per line. Anything else is a broken
    /// table and throws.</summary>
    internal static ImmutableArray<CrosswalkRow> Parse(string text)
    {
        var rows = ImmutableArray.CreateBuilder<CrosswalkRow>();
        bool header = false;
        string[] lines = text.Split('\n');
        for (int n = 0; n < lines.Length; n++)
        {
            string line = lines[n].TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            if (!header)
            {
                if (line != Header)
                    throw new FormatException($"Line {n + 1}: the header must be '{Header}'.");
                header = true;
                continue;
            }

            string[] fields = line.Split(',');
            if (fields.Length != 1 + CrosswalkScale.All.Length)
                throw new FormatException($"Line {n + 1}: a row has {1 + CrosswalkScale.All.Length} fields.");
            if (!SeverityLevels.Contains(fields[0]))
                throw new FormatException($"Line {n + 1}: '{fields[0]}' is not a severity level ({string.Join(", ", SeverityLevels)}).");
            var ranges = ImmutableArray.CreateBuilder<EquivalentRange>(CrosswalkScale.All.Length);
            foreach (CrosswalkScale scale in CrosswalkScale.All)
                ranges.Add(ParseRange(fields[1 + scale.Index], scale, n + 1));
            rows.Add(new CrosswalkRow(fields[0], ranges.MoveToImmutable()));
        }

        if (!header)
            throw new FormatException("The table has no header.");
        return rows.ToImmutable();
    }

    private static EquivalentRange ParseRange(string cell, CrosswalkScale scale, int line)
    {
        string[] ends = cell.Split('-');
        if (ends.Length > 2 || !TryParseTotal(ends[0], out int min) || !TryParseTotal(ends[^1], out int max) || max < min)
            throw new FormatException($"Line {line}: '{cell}' on {scale.Id} is not a total or an ascending range of totals.");
        return new EquivalentRange(scale, min, max);
    }

    private static bool TryParseTotal(string text, out int total) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out total);

    /// <summary>Every gap, overlap and miss of one column, walking the rows in table order: each row should start where
    /// the one before ends, the first at the scale's lowest total, the last ending at its highest. An empty list means
    /// the column covers the scale contiguously with no overlap.</summary>
    internal static ImmutableArray<string> CoverageProblems(ImmutableArray<CrosswalkRow> rows, CrosswalkScale scale)
    {
        var problems = ImmutableArray.CreateBuilder<string>();
        if (rows.IsDefaultOrEmpty)
            return [$"{scale.Id}: the table has no rows."];
        EquivalentRange first = rows[0].RangeOn(scale), last = rows[^1].RangeOn(scale);
        if (first.Min != scale.MinTotal)
            problems.Add($"{scale.Id}: the first row starts at {first.Min}, not {scale.MinTotal}.");
        for (int i = 1; i < rows.Length; i++)
        {
            EquivalentRange previous = rows[i - 1].RangeOn(scale), current = rows[i].RangeOn(scale);
            string where = $"rows of QIDS-SR16 {rows[i - 1].QidsTotal} and {rows[i].QidsTotal}";
            if (current.Min > previous.Max + 1)
                problems.Add($"{scale.Id}: gap between the {where} ({previous} and {current}).");
            else if (current.Min <= previous.Max)
                problems.Add($"{scale.Id}: the {where} overlap ({previous} and {current}).");
        }

        if (last.Max != scale.MaxTotal)
            problems.Add($"{scale.Id}: the last row ends at {last.Max}, not {scale.MaxTotal}.");
        return problems.ToImmutable();
    }

    /// <summary>What would make a conversion wrong, or null: the QIDS-SR16 column must hold each total 0-27 once, in
    /// order; on every column a total may be converted from, every total of the scale must lie in at least one row, the
    /// rows holding it must be adjacent (so their span is one range on every column) and share one severity level; and
    /// severity never falls as the rows go down.</summary>
    internal static string? FindLookupProblem(ImmutableArray<CrosswalkRow> rows)
    {
        CrosswalkScale qids = CrosswalkScale.QidsSr16;
        if (rows.Length != qids.MaxTotal - qids.MinTotal + 1)
            return $"it has {rows.Length} rows, not one per QIDS-SR16 total {qids.MinTotal}-{qids.MaxTotal}.";
        for (int i = 0; i < rows.Length; i++)
        {
            EquivalentRange range = rows[i].RangeOn(qids);
            if (range.Min != qids.MinTotal + i || range.Max != range.Min)
                return $"row {i + 1} holds QIDS-SR16 {range}, not {qids.MinTotal + i}.";
            if (i > 0 && SeverityLevels.IndexOf(rows[i].Severity) < SeverityLevels.IndexOf(rows[i - 1].Severity))
                return $"the severity falls from {rows[i - 1].Severity} to {rows[i].Severity} at QIDS-SR16 {i}.";
        }

        foreach (CrosswalkScale scale in new[] { CrosswalkScale.IdsSr30, CrosswalkScale.QidsSr16, CrosswalkScale.Hamd17 })
        {
            for (int total = scale.MinTotal; total <= scale.MaxTotal; total++)
            {
                int first = -1, last = -1;
                for (int i = 0; i < rows.Length; i++)
                {
                    if (!rows[i].RangeOn(scale).Contains(total))
                        continue;
                    if (first >= 0 && i != last + 1)
                        return $"{scale.Id} {total} lies in rows that are not adjacent.";
                    if (first >= 0 && rows[i].Severity != rows[first].Severity)
                        return $"{scale.Id} {total} lies in rows of different severity levels.";
                    if (first < 0)
                        first = i;
                    last = i;
                }

                if (first < 0)
                    return $"{scale.Id} {total} lies in no row.";
            }
        }

        return null;
    }
}
