using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using Assessments.Trends;

namespace Assessments.Cohorts;

/// <summary>A cohort's state as a file (<c>assess cohort --format state</c>, <c>assess cohort merge</c>): every aggregate,
/// the rule set and each instrument's rules version, so that states computed apart (per site, per shard, per month) are
/// merged exactly. It holds patient-level facts (event times, course ids, flags): docs/cohorts.md says what before anyone
/// shares one.</summary>
public static class CohortStateJson
{
    private const string Format = "assessments-cohort-state";

    private static readonly (string Name, Func<GroupState, long> Get, Action<GroupState, long> Set)[] Longs =
    [
        ("courses", g => g.Courses, (g, v) => g.Courses = v),
        ("monitoringOnly", g => g.MonitoringOnly, (g, v) => g.MonitoringOnly = v),
        ("baselineBelowThreshold", g => g.BelowThreshold, (g, v) => g.BelowThreshold = v),
        ("eligible", g => g.Eligible, (g, v) => g.Eligible = v),
        ("noFollowUp", g => g.NoFollowUp, (g, v) => g.NoFollowUp = v),
        ("noPretreatmentBaseline", g => g.NoPretreatmentBaseline, (g, v) => g.NoPretreatmentBaseline = v),
        ("baselineSum", g => g.BaselineSum, (g, v) => g.BaselineSum = v),
        ("baselineSumSquares", g => g.BaselineSumSquares, (g, v) => g.BaselineSumSquares = v),
        ("changeN", g => g.ChangeN, (g, v) => g.ChangeN = v),
        ("changeSum", g => g.ChangeSum, (g, v) => g.ChangeSum = v),
        ("changeSumSquares", g => g.ChangeSumSquares, (g, v) => g.ChangeSumSquares = v),
        ("percentN", g => g.PercentN, (g, v) => g.PercentN = v),
        ("rapidN", g => g.RapidN, (g, v) => g.RapidN = v),
        ("rapidX", g => g.RapidX, (g, v) => g.RapidX = v),
        ("sustainedResponse", g => g.SustainedResponse, (g, v) => g.SustainedResponse = v),
        ("lossOfResponse", g => g.LossOfResponse, (g, v) => g.LossOfResponse = v),
        ("sustainedRemission", g => g.SustainedRemission, (g, v) => g.SustainedRemission = v),
        ("recovery", g => g.Recovery, (g, v) => g.Recovery = v),
        ("relapse", g => g.Relapse, (g, v) => g.Relapse = v),
        ("recurrence", g => g.Recurrence, (g, v) => g.Recurrence = v),
        ("cms159Denominator", g => g.Cms159Denominator, (g, v) => g.Cms159Denominator = v),
        ("cms159Numerator", g => g.Cms159Numerator, (g, v) => g.Cms159Numerator = v),
        ("cms159NotMeasured", g => g.Cms159NotMeasured, (g, v) => g.Cms159NotMeasured = v),
        ("urgentCourses", g => g.UrgentCourses, (g, v) => g.UrgentCourses = v),
        ("reviewCourses", g => g.ReviewCourses, (g, v) => g.ReviewCourses = v),
        ("unansweredCourses", g => g.UnansweredCourses, (g, v) => g.UnansweredCourses = v),
    ];

    private static readonly (string Name, Func<SessionRow, long> Get, Action<SessionRow, long> Set)[] RowLongs =
    [
        ("courses", r => r.Courses, (r, v) => r.Courses = v),
        ("assessed", r => r.Assessed, (r, v) => r.Assessed = v),
        ("response", r => r.Response, (r, v) => r.Response = v),
        ("remissionN", r => r.RemissionN, (r, v) => r.RemissionN = v),
        ("remission", r => r.Remission, (r, v) => r.Remission = v),
        ("percentN", r => r.PercentN, (r, v) => r.PercentN = v),
    ];

    /// <summary>Writes a state.</summary>
    /// <param name="state">The state.</param>
    /// <param name="output">The stream; left open.</param>
    public static void Write(CohortState state, Stream output)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(output);
        using var w = new Utf8JsonWriter(output);
        w.WriteStartObject();
        w.WriteString("format", Format);
        w.WriteNumber("version", 2);
        w.WritePropertyName("options");
        WriteOptions(w, state.Options);
        w.WriteStartObject("rulesVersions");
        foreach ((string id, string version) in state.RulesVersions)
            w.WriteString(id, version);
        w.WriteEndObject();
        w.WriteStartArray("invalid");
        foreach (InvalidCourse course in state.InvalidCourses)
        {
            w.WriteStartObject();
            w.WriteString("id", course.Id);
            if (course.IsRecordError)
                w.WriteBoolean("record", true);
            w.WriteStartArray("codes");
            foreach (string code in course.Codes)
                w.WriteStringValue(code);
            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("flags");
        for (int i = 0; i < state.FlagLog.Count; i++)
        {
            CohortFlagLog.Fields flag = state.FlagLog.Get(i);
            w.WriteStartObject();
            w.WriteString("course", flag.CourseId);
            if (flag.InstrumentId is string instrument)
                w.WriteString("instrument", instrument);
            w.WriteString("at", flag.At);
            if (flag.Position is string position)
                w.WriteString("position", position);
            SafetyFlag f = flag.Flag;
            w.WriteString("id", f.Id);
            Nullable(w, "item", f.ItemNumber);
            Nullable(w, "value", f.Value);
            if (f.RiskLevel is RiskLevel risk)
                w.WriteString("riskLevel", WireIds.ToWireId(risk));
            if (f.Priority is FlagPriority priority)
                w.WriteString("priority", WireIds.ToWireId(priority));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("groups");
        foreach (((string instrument, string kind), GroupState g) in state.Groups)
        {
            w.WriteStartObject();
            w.WriteString("instrument", instrument);
            w.WriteString("treatmentKind", kind);
            foreach ((string name, Func<GroupState, long> get, _) in Longs)
                w.WriteNumber(name, get(g));
            Histogram(w, "percentByBaseline", g.Percent.ByBaseline);
            w.WriteBoolean("cms159", g.Cms159);
            w.WriteBoolean("hasRemission", g.HasRemission);
            Histogram(w, "baselines", g.Baselines);
            Histogram(w, "daysAtLoss", g.DaysAtLoss);
            Counts(w, "bands", g.Bands);
            Counts(w, "latestStatus", g.LatestStatus);
            w.WriteStartArray("sessions");
            foreach (SessionRow row in g.Sessions)
            {
                w.WriteStartObject();
                foreach ((string name, Func<SessionRow, long> get, _) in RowLongs)
                    w.WriteNumber(name, get(row));
                Histogram(w, "percentByBaseline", row.Percent.ByBaseline);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            Times(w, "timeToResponse", g.TimeToResponse);
            Times(w, "timeToRemission", g.TimeToRemission);
            Times(w, "durationOfResponse", g.DurationOfResponse);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>Reads a state written by <see cref="Write"/>.</summary>
    /// <param name="utf8Json">The state file.</param>
    /// <param name="state">The state, or null.</param>
    /// <param name="error">Why it could not be read; null on success.</param>
    /// <param name="resolve">Finds an instrument by id (a clinic-defined one too); null for the built-in catalogue. Each
    /// instrument's rules version must be the state's.</param>
    /// <returns>Whether it was read.</returns>
    public static bool TryRead(ReadOnlySpan<byte> utf8Json, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CohortState? state, out string? error, Func<string, Instrument?>? resolve = null)
    {
        state = null;
        try
        {
            using JsonDocument document = JsonDocument.Parse(utf8Json.ToArray());
            JsonElement root = document.RootElement;
            if (root.GetProperty("format").GetString() != Format || root.GetProperty("version").GetInt32() != 2)
            {
                error = "This is not a cohort state of this version.";
                return false;
            }

            var versions = new List<(string Id, string Version)>();
            foreach (JsonProperty version in root.GetProperty("rulesVersions").EnumerateObject())
            {
                Instrument? instrument = resolve is null ? (Instruments.TryGet(version.Name, out Instrument? known) ? known : null) : resolve(version.Name);
                if (instrument is null)
                {
                    error = $"The state uses the instrument '{version.Name}', which is not known here: pass its definition (state-mismatch).";
                    return false;
                }

                if (instrument.RulesVersion != version.Value.GetString())
                {
                    error = $"The state was computed under rules version {version.Value.GetString()} of '{version.Name}', not this one's {instrument.RulesVersion} (state-mismatch).";
                    return false;
                }

                versions.Add((version.Name, instrument.RulesVersion));
            }

            var result = new CohortState(ReadOptions(root.GetProperty("options")));
            foreach ((string id, string v) in versions)
                result.RulesVersions[id] = v;
            foreach (JsonElement invalid in root.GetProperty("invalid").EnumerateArray())
                result.AddInvalidCodes(invalid.GetProperty("id").GetString()!, [.. invalid.GetProperty("codes").EnumerateArray().Select(c => c.GetString()!)], invalid.TryGetProperty("record", out JsonElement record) && record.GetBoolean());
            result.FlagLog.AddUngrouped(() => ReadFlags(root.GetProperty("flags"), result));

            foreach (JsonElement g in root.GetProperty("groups").EnumerateArray())
            {
                GroupState group = result.Group(g.GetProperty("instrument").GetString()!, g.GetProperty("treatmentKind").GetString()!);
                foreach ((string name, _, Action<GroupState, long> set) in Longs)
                    set(group, g.GetProperty(name).GetInt64());
                foreach (JsonElement pair in g.GetProperty("percentByBaseline").EnumerateArray())
                    group.Percent.ByBaseline[pair[0].GetInt32()] = pair[1].GetInt64();
                group.Cms159 = g.GetProperty("cms159").GetBoolean();
                group.HasRemission = g.GetProperty("hasRemission").GetBoolean();
                foreach (JsonElement pair in g.GetProperty("baselines").EnumerateArray())
                    group.Baselines[pair[0].GetInt32()] = pair[1].GetInt64();
                foreach (JsonElement pair in g.GetProperty("daysAtLoss").EnumerateArray())
                    group.DaysAtLoss[pair[0].GetInt32()] = pair[1].GetInt64();
                foreach (JsonProperty band in g.GetProperty("bands").EnumerateObject())
                    group.Bands[band.Name] = band.Value.GetInt64();
                foreach (JsonProperty status in g.GetProperty("latestStatus").EnumerateObject())
                    group.LatestStatus[status.Name] = status.Value.GetInt64();
                int k = 0;
                foreach (JsonElement r in g.GetProperty("sessions").EnumerateArray())
                {
                    SessionRow row = group.Session(++k);
                    foreach ((string name, _, Action<SessionRow, long> set) in RowLongs)
                        set(row, r.GetProperty(name).GetInt64());
                    foreach (JsonElement pair in r.GetProperty("percentByBaseline").EnumerateArray())
                        row.Percent.ByBaseline[pair[0].GetInt32()] = pair[1].GetInt64();
                }

                ReadTimes(g.GetProperty("timeToResponse"), group.TimeToResponse);
                ReadTimes(g.GetProperty("timeToRemission"), group.TimeToRemission);
                ReadTimes(g.GetProperty("durationOfResponse"), group.DurationOfResponse);
            }

            state = result;
            error = null;
            return true;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException or IndexOutOfRangeException)
        {
            error = "The cohort state is not of the documented shape.";
            return false;
        }
    }

    /// <summary>The rule set as JSON: every value, so that two states' rules compare exactly.</summary>
    internal static void WriteOptions(Utf8JsonWriter w, CohortOptions options)
    {
        CourseOptions o = options.Course;
        w.WriteStartObject();
        w.WriteString("preset", o.Preset);
        String(w, "treatmentKind", o.TreatmentKind);
        String(w, "courseStart", o.CourseStart?.ToString("O", CultureInfo.InvariantCulture));
        String(w, "baselineAt", o.BaselineAt?.ToString("O", CultureInfo.InvariantCulture));
        w.WriteNumber("baselineMaxAgeDays", o.BaselineMaxAgeDays);
        w.WriteNumber("newCourseAfterDays", o.NewCourseAfterDays);
        Nullable(w, "remissionThreshold", o.RemissionThreshold);
        Nullable(w, "madrsRemissionThreshold", o.MadrsRemissionThreshold);
        Nullable(w, "relapseThreshold", o.RelapseThreshold);
        w.WriteNumber("responsePercent", o.ResponsePercent);
        w.WriteNumber("partialResponsePercent", o.PartialResponsePercent);
        w.WriteNumber("rapidResponseTicks", o.RapidResponseWindow.Ticks);
        w.WriteString("rapidResponseFrom", o.RapidResponseFrom == RapidResponseAnchor.Start ? "start" : "end");
        w.WriteNumber("sustainedResponseCount", o.SustainedResponseCount);
        w.WriteNumber("confirmationMinDays", o.ConfirmationMinDays);
        w.WriteNumber("confirmationMaxDays", o.ConfirmationMaxDays);
        w.WriteNumber("sustainedRemissionDays", o.SustainedRemissionDays);
        w.WriteNumber("recoveryDays", o.RecoveryDays);
        w.WriteNumber("visitWindowTicks", o.VisitWindow.Ticks);
        w.WriteNumber("staleBaselineMaxDays", o.StaleBaselineMaxDays);
        w.WriteNumber("reinductionSessions", o.ReinductionSessions);
        w.WriteNumber("reinductionDays", o.ReinductionDays);
        w.WriteString("relapseFrom", o.RelapseFrom == RelapseAnchor.Response ? "response" : "remission");
        w.WriteBoolean("strict", o.Strict);
        if (o.ReliableChange is { } rc)
        {
            w.WriteStartObject("reliableChange");
            w.WriteNumber("sd", rc.StandardDeviation);
            w.WriteNumber("reliability", rc.Reliability);
            Nullable(w, "caseness", rc.CaseCutoff);
            w.WriteEndObject();
        }

        w.WriteNumber("maxSessions", options.MaxSessions);
        w.WriteNumber("lastSessionWindowDays", options.LastSessionWindowDays);
        w.WriteEndObject();
    }

    /// <summary>The rule set's canonical JSON: equal exactly when the rules are.</summary>
    internal static string OptionsKey(CohortOptions options)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
            WriteOptions(w, options);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static CohortOptions ReadOptions(JsonElement o) => new()
    {
        MaxSessions = o.GetProperty("maxSessions").GetInt32(),
        LastSessionWindowDays = o.GetProperty("lastSessionWindowDays").GetInt32(),
        Course = new CourseOptions
        {
            Preset = o.GetProperty("preset").GetString()!,
            TreatmentKind = o.TryGetProperty("treatmentKind", out JsonElement kind) && kind.ValueKind == JsonValueKind.String ? kind.GetString() : null,
            CourseStart = o.TryGetProperty("courseStart", out JsonElement start) && start.ValueKind == JsonValueKind.String ? start.GetDateTimeOffset() : null,
            BaselineAt = o.TryGetProperty("baselineAt", out JsonElement baseline) && baseline.ValueKind == JsonValueKind.String ? baseline.GetDateTimeOffset() : null,
            BaselineMaxAgeDays = o.GetProperty("baselineMaxAgeDays").GetInt32(),
            NewCourseAfterDays = o.GetProperty("newCourseAfterDays").GetInt32(),
            RemissionThreshold = Int(o, "remissionThreshold"),
            MadrsRemissionThreshold = Int(o, "madrsRemissionThreshold"),
            RelapseThreshold = Int(o, "relapseThreshold"),
            ResponsePercent = o.GetProperty("responsePercent").GetInt32(),
            PartialResponsePercent = o.GetProperty("partialResponsePercent").GetInt32(),
            RapidResponseWindow = TimeSpan.FromTicks(o.GetProperty("rapidResponseTicks").GetInt64()),
            RapidResponseFrom = o.GetProperty("rapidResponseFrom").GetString() == "start" ? RapidResponseAnchor.Start : RapidResponseAnchor.End,
            SustainedResponseCount = o.GetProperty("sustainedResponseCount").GetInt32(),
            ConfirmationMinDays = o.GetProperty("confirmationMinDays").GetInt32(),
            ConfirmationMaxDays = o.GetProperty("confirmationMaxDays").GetInt32(),
            SustainedRemissionDays = o.GetProperty("sustainedRemissionDays").GetInt32(),
            RecoveryDays = o.GetProperty("recoveryDays").GetInt32(),
            VisitWindow = TimeSpan.FromTicks(o.GetProperty("visitWindowTicks").GetInt64()),
            StaleBaselineMaxDays = o.GetProperty("staleBaselineMaxDays").GetInt32(),
            ReinductionSessions = o.GetProperty("reinductionSessions").GetInt32(),
            ReinductionDays = o.GetProperty("reinductionDays").GetInt32(),
            RelapseFrom = o.GetProperty("relapseFrom").GetString() == "response" ? RelapseAnchor.Response : RelapseAnchor.Remission,
            Strict = o.GetProperty("strict").GetBoolean(),
            ReliableChange = o.TryGetProperty("reliableChange", out JsonElement rc)
                ? new ReliableChangeParameters(rc.GetProperty("sd").GetDouble(), rc.GetProperty("reliability").GetDouble(), Int(rc, "caseness"))
                : null,
        },
    };

    private static void ReadFlags(JsonElement flags, CohortState into)
    {
        foreach (JsonElement f in flags.EnumerateArray())
        {
            var flag = new SafetyFlag(
                f.GetProperty("id").GetString()!,
                Int(f, "item"),
                Int(f, "value"),
                f.TryGetProperty("riskLevel", out JsonElement risk) && WireIds.TryParse(risk.GetString(), out RiskLevel level) ? level : null,
                f.TryGetProperty("priority", out JsonElement priority) && WireIds.TryParse(priority.GetString(), out FlagPriority p) ? p : null);
            string? instrument = f.TryGetProperty("instrument", out JsonElement i) ? i.GetString() : null;
            string? position = f.TryGetProperty("position", out JsonElement pos) ? pos.GetString() : null;
            into.AddFlag(f.GetProperty("course").GetString()!, instrument, new DatedFlag(f.GetProperty("at").GetDateTimeOffset(), flag, instrument, position));
        }
    }

    private static int? Int(JsonElement e, string name) => e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;

    private static void Nullable(Utf8JsonWriter w, string name, int? value)
    {
        if (value is int v)
            w.WriteNumber(name, v);
        else
            w.WriteNull(name);
    }

    private static void String(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
            w.WriteNull(name);
        else
            w.WriteString(name, value);
    }

    private static void Histogram(Utf8JsonWriter w, string name, SortedDictionary<int, long> histogram)
    {
        w.WriteStartArray(name);
        foreach ((int key, long count) in histogram)
        {
            w.WriteStartArray();
            w.WriteNumberValue(key);
            w.WriteNumberValue(count);
            w.WriteEndArray();
        }

        w.WriteEndArray();
    }

    private static void Counts(Utf8JsonWriter w, string name, SortedDictionary<string, long> counts)
    {
        w.WriteStartObject(name);
        foreach ((string key, long count) in counts)
            w.WriteNumber(key, count);
        w.WriteEndObject();
    }

    private static void Times(Utf8JsonWriter w, string name, SortedDictionary<long, (long Events, long Censored)> table)
    {
        w.WriteStartArray(name);
        foreach ((long ticks, (long e, long c)) in table)
        {
            w.WriteStartArray();
            w.WriteNumberValue(ticks);
            w.WriteNumberValue(e);
            w.WriteNumberValue(c);
            w.WriteEndArray();
        }

        w.WriteEndArray();
    }

    private static void ReadTimes(JsonElement array, SortedDictionary<long, (long Events, long Censored)> into)
    {
        foreach (JsonElement t in array.EnumerateArray())
            into[t[0].GetInt64()] = (t[1].GetInt64(), t[2].GetInt64());
    }
}
