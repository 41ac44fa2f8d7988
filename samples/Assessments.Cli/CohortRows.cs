using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Assessments.Trends;

namespace Assessments.Cli;

/// <summary>One row per course (<c>assess cohort --rows FILE</c>), for R, pandas, DuckDB or a warehouse: CSV, or Apache
/// Parquet when the file ends in <c>.parquet</c>. A record adds one row per instrument, and a row of kind record for its
/// own errors and the flags of rows that make no course.</summary>
internal sealed class CohortRow
{
    [System.Text.Json.Serialization.JsonPropertyName("row")]
    public long Row { get; set; }

    [System.Text.Json.Serialization.JsonPropertyName("id")]
    public string Id { get; set; } = "";

    [System.Text.Json.Serialization.JsonPropertyName("kind")]
    public string Kind { get; set; } = "course";

    [System.Text.Json.Serialization.JsonPropertyName("instrument")]
    public string? Instrument { get; set; }

    [System.Text.Json.Serialization.JsonPropertyName("treatment_kind")]
    public string? TreatmentKind { get; set; }

    [System.Text.Json.Serialization.JsonPropertyName("valid")]
    public bool Valid { get; set; }

    [System.Text.Json.Serialization.JsonPropertyName("errors")]
    public string? Errors { get; set; }

    [System.Text.Json.Serialization.JsonPropertyName("t0")]
    public DateTime? T0 { get; set; }

    [System.Text.Json.Serialization.JsonPropertyName("baseline")]
    public int? Baseline { get; set; }

    [System.Text.Json.Serialization.JsonPropertyName("latest")]
    public int? Latest { get; set; }

    [System.Text.Json.Serialization.JsonPropertyName("status")]
    public string? Status { get; set; }

    [System.Text.Json.Serialization.JsonPropertyName("percent_improvement")]
    public double? PercentImprovement { get; set; }

    [System.Text.Json.Serialization.JsonPropertyName("rapid_response")]
    public bool? RapidResponse { get; set; }

    [System.Text.Json.Serialization.JsonPropertyName("rapid_response_assessed")]
    public bool? RapidResponseAssessed { get; set; }

    [System.Text.Json.Serialization.JsonPropertyName("days_to_first_response")]
    public int? DaysToFirstResponse { get; set; }

    [System.Text.Json.Serialization.JsonPropertyName("days_to_first_remission")]
    public int? DaysToFirstRemission { get; set; }

    [System.Text.Json.Serialization.JsonPropertyName("loss_of_response_day")]
    public double? LossOfResponseDay { get; set; }

    [System.Text.Json.Serialization.JsonPropertyName("cms159_eligible")]
    public bool? Cms159Eligible { get; set; }

    [System.Text.Json.Serialization.JsonPropertyName("cms159_remission")]
    public bool? Cms159Remission { get; set; }

    [System.Text.Json.Serialization.JsonPropertyName("urgent_flags")]
    public int UrgentFlags { get; set; }

    [System.Text.Json.Serialization.JsonPropertyName("review_flags")]
    public int ReviewFlags { get; set; }

    [System.Text.Json.Serialization.JsonPropertyName("unanswered_flags")]
    public int UnansweredFlags { get; set; }

    /// <summary>The rows of one input document, as the cohort counted it: a course gives one row (<c>kind</c> course);
    /// a record one per instrument's course, and one row of <c>kind</c> record for what it holds beside them (its own
    /// errors; the flags of rows that make no course, such as the C-SSRS), so every flag the cohort lists is in a row.
    /// A record the cohort refused whole (<c>option-conflict</c>) is one invalid row with every flag.</summary>
    public static IEnumerable<CohortRow> Of(long index, string id, CourseReadResult read)
    {
        if (!read.IsRecord || read.Errors.Any(e => e.Code == ErrorCodes.OptionConflict))
        {
            yield return One(index, id, read);
            yield break;
        }

        foreach (CourseReadResult course in read.Courses)
            yield return One(index, id, course);

        var courseInstruments = new HashSet<string?>(read.Courses.Select(c => c.InstrumentId), StringComparer.Ordinal);
        DatedFlag[] beside = [.. read.SafetyFlags.Where(f => !courseInstruments.Contains(f.InstrumentId))];
        if (beside.Length == 0 && read.Errors.IsEmpty)
            yield break;
        var row = new CohortRow { Row = index, Id = id, Kind = "record", Instrument = string.Join(";", beside.Select(f => f.InstrumentId).Distinct(StringComparer.Ordinal)), Valid = read.Errors.IsEmpty };
        Count(row, beside);
        row.Errors = read.Errors.IsEmpty ? null : string.Join(";", read.Errors.Select(e => e.Code).Distinct(StringComparer.Ordinal));
        yield return row;
    }

    private static void Count(CohortRow row, IEnumerable<DatedFlag> flags)
    {
        row.UrgentFlags = flags.Count(f => f.Flag.Priority == FlagPriority.Urgent);
        row.ReviewFlags = flags.Count(f => f.Flag.Priority == FlagPriority.Review);
        row.UnansweredFlags = flags.Count(f => f.Flag.Id == FlagIds.SafetyItemUnanswered);
    }

    private static CohortRow One(long index, string id, CourseReadResult read)
    {
        var row = new CohortRow { Row = index, Id = id, Instrument = read.InstrumentId, Valid = read.Summary is not null };
        Count(row, read.SafetyFlags);
        if (read.Summary is not { } s)
        {
            row.Errors = string.Join(";", read.Errors.Select(e => e.Code).Distinct(StringComparer.Ordinal));
            return row;
        }

        row.TreatmentKind = s.TreatmentKind ?? "unspecified";
        row.T0 = s.T0?.UtcDateTime;
        row.Baseline = s.Baseline.Total;
        row.Latest = s.Latest.Total;
        row.Status = s.Status is CourseStatus st ? WireIds.ToWireId(st) : null;
        row.PercentImprovement = s.PercentImprovement is decimal p ? (double)p : null;
        row.RapidResponse = s.RapidResponse;
        row.RapidResponseAssessed = s.RapidResponseAssessed;
        row.DaysToFirstResponse = s.DaysToFirstResponse;
        row.DaysToFirstRemission = s.DaysToFirstRemission;
        row.LossOfResponseDay = s.LossOfResponse is { } loss && s.T0 is DateTimeOffset t0 ? Math.Round((loss.At - t0).TotalDays, 4) : null;
        row.Cms159Eligible = s.DepressionRemission12Months?.Eligible;
        row.Cms159Remission = s.DepressionRemission12Months?.Remission;
        row.Errors = s.Errors.IsEmpty ? null : string.Join(";", s.Errors.Select(e => e.Code).Distinct(StringComparer.Ordinal));
        return row;
    }

    public static readonly string[] Header =
    [
        "row", "id", "kind", "instrument", "treatment_kind", "valid", "errors", "t0", "baseline", "latest", "status", "percent_improvement",
        "rapid_response", "rapid_response_assessed", "days_to_first_response", "days_to_first_remission", "loss_of_response_day",
        "cms159_eligible", "cms159_remission", "urgent_flags", "review_flags", "unanswered_flags",
    ];

    public string[] Cells() =>
    [
        Row.ToString(CultureInfo.InvariantCulture), Id, Kind, Instrument ?? "", TreatmentKind ?? "", Valid ? "true" : "false", Errors ?? "",
        T0?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "", N(Baseline), N(Latest), Status ?? "",
        PercentImprovement?.ToString("R", CultureInfo.InvariantCulture) ?? "", B(RapidResponse), B(RapidResponseAssessed), N(DaysToFirstResponse),
        N(DaysToFirstRemission), LossOfResponseDay?.ToString("R", CultureInfo.InvariantCulture) ?? "", B(Cms159Eligible), B(Cms159Remission),
        N(UrgentFlags), N(ReviewFlags), N(UnansweredFlags),
    ];

    private static string N(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string B(bool? value) => value is bool b ? (b ? "true" : "false") : "";

    /// <summary>RFC 4180: a cell with a comma, a quote or a line break is quoted, its quotes doubled.</summary>
    public static string Csv(string cell) =>
        cell.AsSpan().IndexOfAny(",\"\r\n") < 0 ? cell : "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

/// <summary>Writes rows as they come (CSV), or in row groups (Parquet).</summary>
internal sealed class CohortRowWriter : IDisposable
{
    private const int RowGroup = 50_000;
    private readonly Stream _stream;
    private readonly StreamWriter? _csv;
    private readonly List<CohortRow> _pending = [];
    private readonly object _gate = new();
    private bool _appended;

    public CohortRowWriter(Stream stream, bool parquet)
    {
        _stream = stream;
        if (!parquet)
        {
            _csv = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
            _csv.WriteLine(string.Join(",", CohortRow.Header));
        }
    }

    public void Add(IEnumerable<CohortRow> rows)
    {
        lock (_gate)
        {
            foreach (CohortRow row in rows)
            {
                if (_csv is not null)
                {
                    _csv.WriteLine(string.Join(",", row.Cells().Select(CohortRow.Csv)));
                    continue;
                }

                _pending.Add(row);
                if (_pending.Count >= RowGroup)
                    Flush();
            }
        }
    }

    private void Flush()
    {
        if (_pending.Count == 0 && _appended)
            return;
        Parquet.Serialization.ParquetSerializer.SerializeAsync(_pending, _stream, new Parquet.ParquetOptions { Append = _appended }).GetAwaiter().GetResult();
        _appended = true;
        _pending.Clear();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_csv is not null)
                _csv.Flush();
            else
                Flush();
        }

        _csv?.Dispose();
    }
}
