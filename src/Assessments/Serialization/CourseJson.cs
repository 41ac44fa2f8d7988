using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Assessments.Writing;
using Assessments.Trends;
using Assessments.Reading;

namespace Assessments.Serialization;

/// <summary>The course document of the <c>assess course</c> command, and the summary it prints, as the library's wire format.</summary>
/// <remarks>
/// Input: <c>{ "instrument": "madrs", "treatments": [{ "at": "...", "kind": "infusion" }], "assessments": [{ "at": "...",
/// "items": [...] }, { "at": "...", "total": 15 }], "options": { ... } }</c>. Times are ISO 8601 with an offset.
/// </remarks>
public static partial class CourseJson
{
    /// <summary>Writes a course summary (the <c>course</c> JSON of docs/wire-format.md).</summary>
    /// <param name="summary">The summary.</param>
    /// <returns>The JSON, one line.</returns>
    public static string Write(CourseSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            Write(summary, writer);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes a course summary to a stream as it goes: a course of a million assessments is never held as
    /// one string.</summary>
    /// <param name="summary">The summary.</param>
    /// <param name="output">The stream; left open.</param>
    public static void Write(CourseSummary summary, Stream output)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(output);
        using var writer = new Utf8JsonWriter(output, WriterOptions);
        Write(summary, writer);
    }

    /// <summary>Writes a course summary onto a JSON writer (as one value).</summary>
    /// <param name="summary">The summary.</param>
    /// <param name="writer">The writer.</param>
    public static void Write(CourseSummary summary, Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("instrument"u8, summary.Instrument.Id);
        writer.WriteString("preset"u8, summary.Preset);
        StringOrNull(writer, "treatmentKind"u8, summary.TreatmentKind);
        writer.WriteStartArray("warnings"u8);
        foreach (string warning in summary.Warnings)
            writer.WriteStringValue(warning);
        writer.WriteEndArray();
        InstantOrNull(writer, "t0"u8, summary.T0);
        NumberOrNull(writer, "remissionThreshold"u8, summary.RemissionThreshold);
        NumberOrNull(writer, "relapseThreshold"u8, summary.RelapseThreshold);
        Point(writer, "baseline"u8, summary.Baseline);
        Point(writer, "latest"u8, summary.Latest);
        DecimalOrNull(writer, "percentImprovement"u8, summary.PercentImprovement);
        StringOrNull(writer, "status"u8, summary.Status?.ToWireId());
        writer.WriteBoolean("baselineBelowThreshold"u8, summary.BaselineBelowThreshold);
        writer.WriteBoolean("rapidResponse"u8, summary.RapidResponse);
        writer.WriteBoolean("rapidResponseAssessed"u8, summary.RapidResponseAssessed);
        writer.WriteBoolean("sustainedResponse"u8, summary.SustainedResponse);
        Loss(writer, "lossOfResponse"u8, summary.LossOfResponse);
        Loss(writer, "relapse"u8, summary.LossOfResponse); // deprecated v1 name, the same value
        if (summary.Episode is { } e)
        {
            writer.WriteStartObject("episode"u8);
            AtOrNull(writer, "sustainedRemission"u8, e.SustainedRemission);
            AtOrNull(writer, "recovery"u8, e.Recovery);
            Confirmed(writer, "relapse"u8, e.Relapse);
            Confirmed(writer, "recurrence"u8, e.Recurrence);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("episode"u8);
        }

        StringOrNull(writer, "reliableChange"u8, summary.ReliableChange?.ToWireId());
        NumberOrNull(writer, "mcid"u8, summary.MinimalImportantDifference);
        if (summary.DepressionRemission12Months is { } m)
        {
            writer.WriteStartObject("depressionRemission12Months"u8);
            writer.WriteBoolean("eligible"u8, m.Eligible);
            InstantOrNull(writer, "indexAt"u8, m.IndexAt);
            InstantOrNull(writer, "measuredAt"u8, m.MeasuredAt);
            if (m.Remission is bool remission)
                writer.WriteBoolean("remission"u8, remission);
            else
                writer.WriteNull("remission"u8);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("depressionRemission12Months"u8);
        }

        NumberOrNull(writer, "daysToFirstResponse"u8, summary.DaysToFirstResponse);
        NumberOrNull(writer, "daysToFirstRemission"u8, summary.DaysToFirstRemission);
        writer.WriteStartArray("safetyFlags"u8);
        foreach (DatedFlag flag in summary.SafetyFlags)
            DatedFlagFlat(writer, flag);
        writer.WriteEndArray();
        writer.WriteNumber("assessmentsWithoutItems"u8, summary.AssessmentsWithoutItems);
        Errors(writer, summary.Errors); // v3: the invalid assessments' errors, each with its position
        if (summary.SessionPeaks is { } peaks)
        {
            writer.WriteStartArray("sessionPeaks"u8);
            foreach (SessionPeak peak in peaks)
            {
                writer.WriteStartObject();
                writer.WriteString("sessionAt"u8, Iso(peak.SessionAt));
                writer.WriteNumber("peak"u8, peak.Peak);
                NumberOrNull(writer, "pre"u8, peak.Pre);
                NumberOrNull(writer, "change"u8, peak.Change);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }
        else
        {
            writer.WriteNull("sessionPeaks"u8);
        }

        var anchoring = new HashSet<TreatmentSession>(summary.AnchoringSessions, ReferenceEqualityComparer.Instance);
        writer.WriteStartArray("treatments"u8);
        foreach (TreatmentSession t in summary.Treatments)
        {
            writer.WriteStartObject();
            writer.WriteString("at"u8, Iso(t.At));
            if (t.End is DateTimeOffset end)
                writer.WriteString("end"u8, Iso(end));
            StringOrNull(writer, "kind"u8, t.Kind);
            writer.WriteBoolean("anchoring"u8, anchoring.Contains(t));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("assessments"u8);
        Span<byte> at = stackalloc byte[40];
        var bands = new Dictionary<SeverityBand, JsonEncodedText>(ReferenceEqualityComparer.Instance);
        JsonEncodedText screen = JsonEncodedText.Encode(summary.Instrument.SafetyScreen.ToWireId());
        ScaledScoreTable? scaledTable = summary.Instrument.ScaledScores;
        ScaledScore? baselineScaled = scaledTable is not null && summary.Baseline.Total is int baseRaw ? scaledTable.Of(baseRaw) : null;
        foreach (AssessmentTrend t in summary.Assessments)
        {
            // A million rows: names and ids written pre-encoded, the instant formatted into a stack buffer.
            writer.WriteStartObject();
            writer.WriteString(Names.At, at[..IsoUtf8(t.At, at)]);
            writer.WriteString(Names.Role, Names.Roles[(int)t.Role]);
            if (t.Total is int total)
                writer.WriteNumber(Names.Total, total);
            else
                writer.WriteNull(Names.Total);
            if (t.Band is { } band)
            {
                if (!bands.TryGetValue(band, out JsonEncodedText id))
                    bands[band] = id = JsonEncodedText.Encode(band.Id);
                writer.WriteString(Names.Band, id);
            }
            else
            {
                writer.WriteNull(Names.Band);
            }

            if (t.Status is CourseStatus status)
                writer.WriteString(Names.Status, Names.Statuses[(int)status - 1]);
            else
                writer.WriteNull(Names.Status);
            writer.WriteBoolean(Names.MeetsResponse, t.MeetsResponse);
            if (t.InRemission is bool inRemission)
                writer.WriteBoolean(Names.InRemission, inRemission);
            else
                writer.WriteNull(Names.InRemission);
            if (t.PercentImprovement is decimal improvement)
                writer.WriteNumber(Names.PercentImprovement, improvement);
            else
                writer.WriteNull(Names.PercentImprovement);
            if (t.Change is int change)
                writer.WriteNumber(Names.Change, change);
            else
                writer.WriteNull(Names.Change);
            if (t.ReliableChange is ReliableChangeCategory reliable)
                writer.WriteString(Names.ReliableChange, Names.Reliable[(int)reliable]);
            else
                writer.WriteNull(Names.ReliableChange);

            // An instrument with a scaled score (PROMIS T): each row's, and its change from the baseline's, the metric
            // the course is read in (a percentage of a raw score whose floor is 8 means nothing).
            if (scaledTable is not null && t.Total is int raw && scaledTable.Of(raw) is { } scaled)
            {
                writer.WriteStartObject("scaled"u8);
                writer.WriteString("metric"u8, scaled.Metric);
                writer.WriteNumber("value"u8, scaled.Value);
                writer.WriteNumber("se"u8, scaled.StandardError);
                if (baselineScaled is { } from && !t.IsBaseline)
                    writer.WriteNumber("change"u8, scaled.Value - from.Value);
                writer.WriteEndObject();
            }

            writer.WriteBoolean(Names.Baseline, t.IsBaseline);
            writer.WriteString(Names.Source, t.Assessment.FromItems ? Names.Items : Names.TotalSource);
            writer.WriteString(Names.SafetyScreen, t.Assessment.FromItems ? screen : Names.NotRecorded);
            writer.WriteStartArray(Names.Flags);
            foreach (SafetyFlag flag in t.Assessment.Flags)
                ResultWriter.WriteFlag(writer, flag);
            writer.WriteEndArray();
            if (!t.Errors.IsEmpty)
            {
                writer.WriteStartArray("errors"u8);
                foreach (ScoringError error in t.Errors)
                    ResultWriter.WriteError(writer, error);
                writer.WriteEndArray();
            }

            writer.WriteEndObject();
            if (writer.BytesPending > 1 << 16)
                writer.Flush();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
    }

    /// <summary>The wire encoder, without the writer's structure checks: this writer's structure is fixed by its code
    /// (and held to the schema and the golden files by the tests).</summary>
    private static readonly JsonWriterOptions WriterOptions = WireText.WriterOptions with { SkipValidation = true };

    /// <summary>Names and ids of a course row, encoded once.</summary>
    private static class Names
    {
        public static readonly JsonEncodedText At = JsonEncodedText.Encode("at");
        public static readonly JsonEncodedText Role = JsonEncodedText.Encode("role");
        public static readonly JsonEncodedText Total = JsonEncodedText.Encode("total");
        public static readonly JsonEncodedText Band = JsonEncodedText.Encode("band");
        public static readonly JsonEncodedText Status = JsonEncodedText.Encode("status");
        public static readonly JsonEncodedText MeetsResponse = JsonEncodedText.Encode("meetsResponse");
        public static readonly JsonEncodedText InRemission = JsonEncodedText.Encode("inRemission");
        public static readonly JsonEncodedText PercentImprovement = JsonEncodedText.Encode("percentImprovement");
        public static readonly JsonEncodedText Change = JsonEncodedText.Encode("change");
        public static readonly JsonEncodedText ReliableChange = JsonEncodedText.Encode("reliableChange");
        public static readonly JsonEncodedText Baseline = JsonEncodedText.Encode("baseline");
        public static readonly JsonEncodedText Source = JsonEncodedText.Encode("source");
        public static readonly JsonEncodedText SafetyScreen = JsonEncodedText.Encode("safetyScreen");
        public static readonly JsonEncodedText Flags = JsonEncodedText.Encode("flags");
        public static readonly JsonEncodedText Items = JsonEncodedText.Encode("items");
        public static readonly JsonEncodedText TotalSource = JsonEncodedText.Encode("total");
        public static readonly JsonEncodedText NotRecorded = JsonEncodedText.Encode("not-recorded");
        public static readonly JsonEncodedText[] Roles = [.. Enum.GetValues<CourseRole>().Select(r => JsonEncodedText.Encode(r.ToWireId()))];
        public static readonly JsonEncodedText[] Statuses = [.. Enum.GetValues<CourseStatus>().Select(x => JsonEncodedText.Encode(x.ToWireId()))];
        public static readonly JsonEncodedText[] Reliable = [.. Enum.GetValues<ReliableChangeCategory>().Select(x => JsonEncodedText.Encode(x.ToWireId()))];
    }

    private static void Point(Utf8JsonWriter writer, ReadOnlySpan<byte> name, AssessmentTrend point)
    {
        writer.WriteStartObject(name);
        writer.WriteString("at"u8, Iso(point.At));
        writer.WriteNumber("total"u8, point.ValidTotal);
        writer.WriteEndObject();
    }

    private static void Loss(Utf8JsonWriter writer, ReadOnlySpan<byte> name, LossOfResponse? loss)
    {
        if (loss is null)
        {
            writer.WriteNull(name);
            return;
        }

        writer.WriteStartObject(name);
        EventTimes(writer, loss.At, loss.ConfirmedAt);
        NumberOrNull(writer, "daysSinceLastTreatment"u8, loss.DaysSinceLastTreatment);
        writer.WriteEndObject();
    }

    private static void Confirmed(Utf8JsonWriter writer, ReadOnlySpan<byte> name, ConfirmedEvent? e)
    {
        if (e is null)
        {
            writer.WriteNull(name);
            return;
        }

        writer.WriteStartObject(name);
        EventTimes(writer, e.At, e.ConfirmedAt);
        writer.WriteEndObject();
    }

    private static void EventTimes(Utf8JsonWriter writer, DateTimeOffset at, DateTimeOffset confirmedAt)
    {
        writer.WriteString("at"u8, Iso(at));
        writer.WriteString("confirmedAt"u8, Iso(confirmedAt));
    }

    private static void AtOrNull(Utf8JsonWriter writer, ReadOnlySpan<byte> name, DateTimeOffset? at)
    {
        if (at is not DateTimeOffset value)
        {
            writer.WriteNull(name);
            return;
        }

        writer.WriteStartObject(name);
        writer.WriteString("at"u8, Iso(value));
        writer.WriteEndObject();
    }

    /// <summary>Positioned course errors as <c>"errors"</c> (absent when there are none), in the invalid course's shape.</summary>
    private static void Errors(Utf8JsonWriter writer, System.Collections.Immutable.ImmutableArray<CourseError> errors)
    {
        if (errors.IsEmpty)
            return;
        writer.WriteStartArray("errors"u8);
        foreach (CourseError error in errors)
        {
            writer.WriteStartObject();
            writer.WriteString("code"u8, error.Code);
            if (error.Position is string position)
                writer.WriteString("position"u8, position);
            if (error.ItemNumber is int item)
                writer.WriteNumber("item"u8, item);
            writer.WriteString("message"u8, error.Message);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void DatedFlagFlat(Utf8JsonWriter writer, DatedFlag dated)
    {
        FlagDto flag = AssessmentsJson.ToDtos([dated.Flag])[0];
        flag.At = dated.IsDated ? Iso(dated.At) : null;
        flag.Position = dated.Position;
        flag.Instrument = dated.InstrumentId;
        JsonSerializer.Serialize(writer, flag, JsonContexts.Course.FlagDto);
    }

    /// <summary>Writes a record (a document of several instruments, v3): <c>{ "courses": [ one course JSON per
    /// instrument, or its errors ], "safetyFlags": [ every flag of every instrument, each with its "instrument" ] }</c>,
    /// and the record's own <c>errors</c> (rows naming an unknown instrument) when there are any.</summary>
    /// <param name="record">The result of reading the record (<see cref="CourseReadResult.IsRecord"/>).</param>
    /// <param name="writer">The writer.</param>
    public static void WriteRecord(CourseReadResult record, Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteStartArray("courses"u8);
        foreach (CourseReadResult course in record.Courses)
        {
            if (course.Summary is { } summary)
                Write(summary, writer);
            else
                writer.WriteRawValue(WriteErrors(course.InstrumentId, course.Errors, course.SafetyFlags));
        }

        writer.WriteEndArray();
        writer.WriteStartArray("safetyFlags"u8);
        foreach (DatedFlag flag in record.SafetyFlags)
            DatedFlagFlat(writer, flag);
        writer.WriteEndArray();
        Errors(writer, record.Errors);

        writer.WriteEndObject();
    }

    private static void StringOrNull(Utf8JsonWriter writer, ReadOnlySpan<byte> name, string? value)
    {
        if (value is null)
            writer.WriteNull(name);
        else
            writer.WriteString(name, value);
    }

    private static void InstantOrNull(Utf8JsonWriter writer, ReadOnlySpan<byte> name, DateTimeOffset? value) =>
        StringOrNull(writer, name, value is DateTimeOffset v ? Iso(v) : null);

    private static void NumberOrNull(Utf8JsonWriter writer, ReadOnlySpan<byte> name, int? value)
    {
        if (value is int v)
            writer.WriteNumber(name, v);
        else
            writer.WriteNull(name);
    }

    private static void DecimalOrNull(Utf8JsonWriter writer, ReadOnlySpan<byte> name, decimal? value)
    {
        if (value is decimal v)
            writer.WriteNumber(name, v);
        else
            writer.WriteNull(name);
    }

    /// <summary>The ISO text of an instant as UTF-8 (what <see cref="Iso"/> writes), without a string per row:
    /// <c>yyyy-MM-ddTHH:mm:ss</c>, fractional seconds only when present (trailing zeros dropped), then <c>Z</c> for UTC
    /// or the offset <c>±hh:mm</c>.</summary>
    internal static int IsoUtf8(DateTimeOffset at, Span<byte> d)
    {
        DateTime t = at.DateTime;
        int n = 0;
        Digits(d, ref n, t.Year, 4);
        d[n++] = (byte)'-';
        Digits(d, ref n, t.Month, 2);
        d[n++] = (byte)'-';
        Digits(d, ref n, t.Day, 2);
        d[n++] = (byte)'T';
        Digits(d, ref n, t.Hour, 2);
        d[n++] = (byte)':';
        Digits(d, ref n, t.Minute, 2);
        d[n++] = (byte)':';
        Digits(d, ref n, t.Second, 2);
        long fraction = t.Ticks % TimeSpan.TicksPerSecond;
        if (fraction != 0)
        {
            int digits = 7;
            while (fraction % 10 == 0)
            {
                fraction /= 10;
                digits--;
            }

            d[n++] = (byte)'.';
            Digits(d, ref n, (int)fraction, digits);
        }

        if (at.Offset == TimeSpan.Zero)
        {
            d[n++] = (byte)'Z';
            return n;
        }

        TimeSpan offset = at.Offset;
        d[n++] = offset < TimeSpan.Zero ? (byte)'-' : (byte)'+';
        offset = offset.Duration();
        Digits(d, ref n, offset.Hours, 2);
        d[n++] = (byte)':';
        Digits(d, ref n, offset.Minutes, 2);
        return n;
    }

    private static void Digits(Span<byte> d, ref int n, int value, int width)
    {
        for (int i = width - 1; i >= 0; i--)
        {
            d[n + i] = (byte)('0' + (value % 10));
            value /= 10;
        }

        n += width;
    }


    /// <summary>Writes the errors of a course that could not be summarised.</summary>
    /// <param name="instrumentId">The instrument id, when known.</param>
    /// <param name="errors">The errors.</param>
    /// <returns>The JSON, one line.</returns>
    public static string WriteErrors(string? instrumentId, IEnumerable<CourseError> errors) => WriteErrors(instrumentId, errors, []);

    /// <summary>Writes the errors of a course that could not be summarised, with every safety flag of its assessments.</summary>
    /// <param name="instrumentId">The instrument id, when known.</param>
    /// <param name="errors">The errors.</param>
    /// <param name="safetyFlags">The dated flags of every assessment read, valid or not.</param>
    /// <returns>The JSON, one line; <c>safetyFlags</c> entries are flat (<c>at</c> beside the flag's fields).</returns>
    public static string WriteErrors(string? instrumentId, IEnumerable<CourseError> errors, IEnumerable<DatedFlag> safetyFlags)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(safetyFlags);
        var dto = new CourseErrorsDto
        {
            Instrument = instrumentId,
            Errors = [.. errors.Select(e => new CourseErrorDto { Code = e.Code, Position = e.Position, Item = e.ItemNumber, Message = e.Message })],
            SafetyFlags = [.. safetyFlags.Select(f => FlatFlag(f))],
        };
        return JsonSerializer.Serialize(dto, JsonContexts.Course.CourseErrorsDto);
    }

    private static FlagDto FlatFlag(DatedFlag dated)
    {
        FlagDto flag = AssessmentsJson.ToDtos([dated.Flag])[0];
        flag.At = dated.IsDated ? Iso(dated.At) : null;
        flag.Position = dated.Position;
        return flag;
    }

    /// <summary>ISO 8601 with the offset as given; <c>Z</c> for UTC, fractional seconds only when present.</summary>
    internal static string Iso(DateTimeOffset at)
    {
        Span<byte> text = stackalloc byte[40];
        return System.Text.Encoding.ASCII.GetString(text[..IsoUtf8(at, text)]);
    }
}
