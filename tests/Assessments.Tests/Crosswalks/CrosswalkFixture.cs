using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;

namespace Assessments.Tests.Crosswalks;

/// <summary>The conversion table, transcribed here from ids-qids.org/interpretation.html (with the IDS-SR30 cell "62-24"
/// at QIDS-SR16 25 read as 62-64), independent of the embedded file: the tests' own oracle.</summary>
internal static class CrosswalkFixture
{
    /// <summary>severity, ids-sr30, qids-sr16, hamd-17, hamd-21, hamd-24: one line per QIDS-SR16 total.</summary>
    public const string Csv = """
        none,0-3,0,0,0-1,0-1
        none,4-5,1,1-2,2,2
        none,6,2,3,3,3-4
        none,7-8,3,4,4,5
        none,9-11,4,5-6,5-6,6-7
        none,12-13,5,7,7-8,8-9
        mild,14-16,6,8,9,10-11
        mild,17-18,7,9-10,10,12
        mild,19-21,8,11,11-12,13-14
        mild,22-23,9,12,13,15-16
        mild,24-25,10,13,14-15,17-18
        moderate,26-28,11,14-15,16,19
        moderate,29-30,12,16,17,20-21
        moderate,31-33,13,17,18-19,22-23
        moderate,34-36,14,18-19,20-21,24-25
        moderate,37-38,15,18-19,22,26
        severe,39-40,16,20,23,27-28
        severe,41-43,17,21-22,24-25,29-30
        severe,44-45,18,23,26,31-32
        severe,46-47,19,24,27,33
        severe,48,20,25,28,34
        very-severe,49-53,21,26-27,29-31,35-38
        very-severe,54-55,22,28,32,39
        very-severe,56-58,23,29,33-34,40-41
        very-severe,59-61,24,30-31,35-36,42-44
        very-severe,62-64,25,32,37-38,45-46
        very-severe,65-67,26,33-35,39-41,47-49
        very-severe,68-84,27,36-52,42-64,50-75
        """;

    public static readonly ImmutableArray<Row> Rows = [.. Csv.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Select(Row.Parse)];

    /// <summary>The column index (in <c>CrosswalkScale.All</c> order) an instrument id is read on.</summary>
    public static int ColumnOf(string instrumentId) => instrumentId switch
    {
        "ids-sr30" => 0,
        "qids-sr16" or "qids-c16" => 1,
        "hamd-17" => 2,
        _ => throw new ArgumentOutOfRangeException(nameof(instrumentId)),
    };

    public static int MaxTotalOf(string instrumentId) => instrumentId switch
    {
        "ids-sr30" => 84,
        "qids-sr16" or "qids-c16" => 27,
        "hamd-17" => 52,
        _ => throw new ArgumentOutOfRangeException(nameof(instrumentId)),
    };

    public sealed record Row(string Severity, ImmutableArray<(int Min, int Max)> Ranges)
    {
        public int Qids => Ranges[1].Min;

        public static Row Parse(string line)
        {
            string[] fields = line.Split(',');
            return new Row(fields[0], [.. fields.Skip(1).Select(Range)]);
        }

        private static (int, int) Range(string cell)
        {
            int[] ends = [.. cell.Split('-').Select(e => int.Parse(e, CultureInfo.InvariantCulture))];
            return (ends[0], ends[^1]);
        }
    }
}
