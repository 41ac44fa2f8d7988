using System;
using System.Buffers;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Assessments.Trends;
using Assessments.Serialization;
using Assessments.Testing;
using Assessments.Batches;

namespace Assessments.Fuzz;

/// <summary>Generates inputs for every reader and checks each one against the oracles.</summary>
internal sealed class Harness
{
    private static readonly string[] Tokens =
    [
        "\"\\ud800\"", "\"\\udfff\\ud800\"", "1e309", "-0", "2147483648", "-2147483649", "1.0", "1e0", "null", "true", "false",
        "[", "]", "{", "}", ",", ":", "\"items\":", "\"instrument\":\"phq-9\"", "\"instrument\":\"cssrs-screen\"",
        "\"positions\":true", "\"prorate\":true", "\"bandSet\":\"muller-2003\"", "// c\n", "/*", "*/", "\\u0000", "\"id\":",
        "\n", "\r\n", "\"1a\"", "\"yes\"", "\"-\"", "\"\"", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
        "\"items\":[0,0,0,0,0,0,0,0,3]", "\"instrument\":\"phq-8\"", "\"total\":", "\"at\":\"2026-03-02T08:00:00Z\"",
    ];

    private static readonly byte[][] RawBytes = [[0xFF], [0xC3, 0x28], [0xED, 0xA0, 0x80], [0xEF, 0xBB, 0xBF], [0x00], [0xE2, 0x80, 0xA8]];

    private readonly Random _random;
    private readonly TextWriter _log;
    private readonly Instrument[] _pool;
    private readonly Dictionary<string, Instrument> _byId = new(StringComparer.Ordinal);
    private readonly Func<string, Instrument?> _resolve;
    private readonly BatchScoring.BatchState _state;
    private readonly ArrayBufferWriter<byte> _sink = new(1 << 16);
    private readonly Dictionary<string, long> _perReader = new(StringComparer.Ordinal);

    public Harness(int seed, TextWriter log)
    {
        _random = new Random(seed);
        _log = log;
        var pool = new List<Instrument>(Instruments.All);
        for (int i = 0; i < 60; i++)
        {
            ScoringMethod method = (i % 5) switch { 0 or 1 or 2 => ScoringMethod.Sum, 3 => ScoringMethod.DomainMaximumSum, _ => ScoringMethod.RiskTiers };
            int n = i % 7 == 0 ? _random.Next(65, 130) : _random.Next(1, 30);
            pool.Add(RandomInstruments.Build(method, n, _random.Next()));
        }

        _pool = [.. pool];
        foreach (Instrument instrument in _pool)
            _byId[instrument.Id] = instrument;
        _resolve = id => _byId.TryGetValue(id, out Instrument? found) ? found : null;
        _state = new BatchScoring.BatchState(_resolve);
    }

    public long Inputs { get; private set; }

    public long Failures => Exceptions + Mismatches + SafetyViolations;

    public long Exceptions { get; private set; }

    public long Mismatches { get; private set; }

    public long SafetyViolations { get; private set; }

    public long OracleChecked { get; private set; }

    public void Step()
    {
        int pick = _random.Next(100);
        string reader = pick switch
        {
            < 38 => "response",
            < 45 => "fhir",
            < 60 => "ndjson",
            < 66 => "array",
            < 74 => "tokens",
            < 80 => "course",
            < 84 => "record",
            < 92 => "definition",
            < 97 => "result",
            _ => "shape",
        };
        byte[] input = reader switch
        {
            "response" => Maybe(Response()),
            "fhir" => _random.Next(10) == 0 ? Deep() : Maybe(FhirResponse()),
            "ndjson" => Ndjson(),
            "array" => Maybe(Encoding.UTF8.GetBytes("[" + string.Join(",\n", Enumerable.Range(0, _random.Next(0, 5)).Select(_ => Encoding.UTF8.GetString(Maybe(Response())))) + "]")),
            "course" => Maybe(Course()),
            "record" => _random.Next(2) == 0 ? Record() : Maybe(Record()),
            "definition" => Maybe(Encoding.UTF8.GetBytes(InstrumentDefinitions.Export(Pick()))),
            "result" => Maybe(Encoding.UTF8.GetBytes(Scored())),
            "shape" => Ndjson(),
            _ => [],
        };
        Inputs++;
        _perReader[reader] = _perReader.GetValueOrDefault(reader) + 1;
        try
        {
            switch (reader)
            {
                case "response":
                    CheckResponse(input);
                    break;
                case "fhir":
                    CheckFhir(input);
                    break;
                case "ndjson":
                    CheckNdjson(input);
                    break;
                case "array":
                    CheckArray(input);
                    break;
                case "tokens":
                    CheckTokens();
                    break;
                case "course":
                    CheckCourse(input);
                    break;
                case "record":
                    CheckRecord(input);
                    break;
                case "definition":
                    CheckDefinition(input);
                    break;
                case "result":
                    _ = AssessmentsJson.TryReadResult(Encoding.UTF8.GetString(input), out _, out _, _resolve);
                    break;
                default:
                    _ = BatchScoring.DetectShape(new MemoryStream(input), out Stream replay);
                    replay.CopyTo(Stream.Null);
                    break;
            }
        }
        catch (Exception e)
        {
            Exceptions++;
            Fail("exception", reader, input, $"{e.GetType().Name}: {e.Message}\n{e.StackTrace}");
        }
    }

    public void Report(TimeSpan elapsed)
    {
        _log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fuzz: {Inputs} inputs in {elapsed.TotalSeconds:0.0} s ({Inputs / Math.Max(elapsed.TotalSeconds, 0.001):0} per second)"));
        _log.WriteLine("fuzz: per reader: " + string.Join(", ", _perReader.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}")));
        _log.WriteLine($"fuzz: {OracleChecked} documents checked against the safety oracle");
        _log.WriteLine($"fuzz: {Exceptions} unhandled exceptions, {Mismatches} differential mismatches, {SafetyViolations} safety-property violations");
    }

    // ---- generators ----

    private Instrument Pick() => _pool[_random.Next(_pool.Length)];

    private byte[] Response()
    {
        Instrument instrument = Pick();
        ResponseValueKind kind = _random.Next(4) == 0 ? ResponseValueKind.OptionPositions : ResponseValueKind.ItemScores;
        int length = _random.Next(12) == 0 ? _random.Next(0, instrument.Items.Length + 3) : instrument.Items.Length;
        Raw[] raws = RandomInstruments.Walk(instrument, kind, length, _random.Next(4) switch { 0 => 0, 1 => 5, 2 => 20, _ => 60 }, _random);
        var sb = new StringBuilder("{");
        if (_random.Next(3) == 0)
            sb.Append("\"id\":\"v-").Append(_random.Next(1000)).Append(_random.Next(8) == 0 ? "é\\n\"," : "\",");
        sb.Append("\"instrument\":\"").Append(instrument.Id).Append("\",\"items\":[");
        for (int i = 0; i < raws.Length; i++)
        {
            if (i > 0)
                sb.Append(',');
            sb.Append(raws[i].Unreadable ? Tokens[_random.Next(12)] : raws[i].Value?.ToString(CultureInfo.InvariantCulture) ?? "null");
        }

        sb.Append(']');
        if (kind == ResponseValueKind.OptionPositions)
            sb.Append(",\"positions\":true");
        if (_random.Next(3) == 0)
            sb.Append(",\"prorate\":true");
        if (_random.Next(10) == 0 && instrument.BandSets.Length > 1)
            sb.Append(",\"bandSet\":\"").Append(instrument.BandSets[1].Id).Append('"');
        sb.Append('}');
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    private byte[] Ndjson()
    {
        var lines = new List<byte[]>();
        int count = _random.Next(1, 6);
        for (int i = 0; i < count; i++)
            lines.Add(Maybe(Response()));
        var all = new List<byte>();
        if (_random.Next(10) == 0)
            all.AddRange(RawBytes[3]);
        foreach (byte[] line in lines)
        {
            all.AddRange(line);
            all.AddRange(_random.Next(4) == 0 ? "\r\n\n"u8.ToArray() : "\n"u8.ToArray());
        }

        return [.. all];
    }

    private byte[] Course()
    {
        Instrument instrument = _pool.Where(i => i.HasTotal).ElementAt(_random.Next(_pool.Count(i => i.HasTotal)));
        var sb = new StringBuilder("{\"instrument\":\"").Append(instrument.Id).Append('"');
        if (_random.Next(3) == 0)
            sb.Append(",\"options\":{\"rapidResponseHours\":").Append(_random.Next(4) == 0 ? "1e300" : "24").Append(",\"lossOfResponseCount\":").Append(_random.Next(4) == 0 ? "2147483647" : "2").Append('}');
        sb.Append(",\"treatments\":[");
        var start = new DateTimeOffset(_random.Next(4) == 0 ? 9999 : 2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
        int sessions = _random.Next(0, 4);
        for (int i = 0; i < sessions; i++)
            sb.Append(i > 0 ? "," : "").Append("{\"at\":\"").Append(start.AddDays(i).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)).Append("\",\"kind\":\"iv-ketamine\"}");
        sb.Append("],\"assessments\":[");
        int count = _random.Next(1, 6);
        for (int i = 0; i < count; i++)
        {
            DateTimeOffset at = start.AddHours((i * 20) - 2);
            sb.Append(i > 0 ? "," : "").Append("{\"at\":\"").Append(at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)).Append('"');
            if (_random.Next(4) == 0)
            {
                sb.Append(",\"total\":").Append(_random.Next(-2, instrument.MaxTotal + 3));
            }
            else
            {
                string doc = Encoding.UTF8.GetString(Response());
                int a = doc.IndexOf("\"items\":", StringComparison.Ordinal);
                int b = doc.IndexOf(']', a);
                sb.Append(',').Append(doc[a..(b + 1)]);
            }

            sb.Append('}');
        }

        sb.Append("]}");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    private string Scored()
    {
        Instrument instrument = Pick();
        Raw[] raws = RandomInstruments.Walk(instrument, ResponseValueKind.ItemScores, instrument.Items.Length, 5, _random);
        return AssessmentsJson.WriteResult(instrument.Score([.. raws.Select(r => r.Unreadable ? null : r.Value)]));
    }

    /// <summary>Mutates most inputs: a flip, an inserted token or byte, a cut, a repeat, a splice.</summary>
    private byte[] Maybe(byte[] input)
    {
        if (_random.Next(3) == 0)
            return input;
        var bytes = new List<byte>(input);
        int rounds = _random.Next(1, 4);
        for (int r = 0; r < rounds; r++)
        {
            int at = bytes.Count == 0 ? 0 : _random.Next(bytes.Count);
            switch (_random.Next(7))
            {
                case 0 when bytes.Count > 0:
                    bytes[at] = (byte)_random.Next(256);
                    break;
                case 1:
                    bytes.InsertRange(at, Encoding.UTF8.GetBytes(Tokens[_random.Next(Tokens.Length)]));
                    break;
                case 2:
                    bytes.InsertRange(at, RawBytes[_random.Next(RawBytes.Length)]);
                    break;
                case 3 when bytes.Count > 0:
                    bytes.RemoveRange(at, Math.Min(bytes.Count - at, _random.Next(1, 12)));
                    break;
                case 4 when bytes.Count > 0:
                    int length = Math.Min(bytes.Count - at, _random.Next(1, 40));
                    bytes.InsertRange(at, bytes.GetRange(at, length));
                    break;
                case 5 when bytes.Count > 0:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                default:
                    byte[] other = Response();
                    int from = _random.Next(other.Length);
                    bytes.InsertRange(at, other[from..]);
                    break;
            }
        }

        return [.. bytes];
    }

    /// <summary>A FHIR QuestionnaireResponse (JSON) answering a built-in instrument's exported Questionnaire, in this
    /// project's style or LHC-Forms' (LOINC linkIds with '/', codes without system), sometimes with a stated total.</summary>
    private byte[] FhirResponse()
    {
        Instrument instrument = Instruments.All[_random.Next(Instruments.All.Length)];
        bool lhc = instrument.Items.All(i => i.LoincCode is not null) && _random.Next(2) == 0;
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("resourceType", "QuestionnaireResponse");
            w.WriteString("status", "completed");
            if (!lhc || _random.Next(3) == 0)
                w.WriteString("questionnaire", Assessments.Fhir.FhirCodes.QuestionnaireUrl(instrument));
            if (_random.Next(2) == 0)
                w.WriteString("authored", "2026-03-02T08:00:00Z");
            w.WriteStartArray("item");
            foreach (Item item in instrument.Items)
            {
                if (_random.Next(15) == 0)
                    continue;
                var options = Assessments.Fhir.FhirCodes.Options(item);
                int position = _random.Next(options.Count);
                w.WriteStartObject();
                w.WriteString("linkId", lhc ? "/" + item.LoincCode : Assessments.Fhir.FhirCodes.LinkId(instrument, item));
                w.WriteStartArray("answer");
                w.WriteStartObject();
                if (_random.Next(5) == 0)
                {
                    w.WriteNumber("valueInteger", options[position].Score);
                }
                else
                {
                    (string system, string code, string display) = Assessments.Fhir.FhirCodes.AnswerCoding(instrument, item, position, options[position].Score);
                    w.WriteStartObject("valueCoding");
                    if (!lhc || system != Assessments.Fhir.FhirCodes.Loinc)
                        w.WriteString("system", system);
                    w.WriteString("code", code);
                    w.WriteString("display", display);
                    w.WriteEndObject();
                }

                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteEndObject();
            }

            if (_random.Next(6) == 0)
            {
                // A second instrument's panel on the same form (PHQ-9 with GAD-7, PHQ-9 with the C-SSRS).
                Instrument other = Instruments.All[_random.Next(Instruments.All.Length)];
                foreach (Item item in other.Items)
                {
                    var options = Assessments.Fhir.FhirCodes.Options(item);
                    int position = _random.Next(options.Count);
                    (string system, string code, _) = Assessments.Fhir.FhirCodes.AnswerCoding(other, item, position, options[position].Score);
                    w.WriteStartObject();
                    w.WriteString("linkId", Assessments.Fhir.FhirCodes.LinkId(other, item));
                    w.WriteStartArray("answer");
                    w.WriteStartObject();
                    w.WriteStartObject("valueCoding");
                    w.WriteString("system", system);
                    w.WriteString("code", code);
                    w.WriteEndObject();
                    w.WriteEndObject();
                    w.WriteEndArray();
                    w.WriteEndObject();
                }
            }

            if (instrument.HasTotal && _random.Next(3) == 0)
            {
                w.WriteStartObject();
                w.WriteString("linkId", (lhc ? "/" : "") + Assessments.Fhir.FhirCodes.TotalLinkId(instrument));
                w.WriteStartArray("answer");
                w.WriteStartObject();
                w.WriteNumber("valueDecimal", _random.Next(0, 60));
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return stream.ToArray();
    }

    // ---- checks ----

    /// <summary>The FHIR fast path against the Firely path on the same bytes: the same result, always.</summary>
    private void CheckFhir(byte[] input)
    {
        Assessments.Fhir.FhirScoringResult firely = Assessments.Fhir.QuestionnaireResponseImporter.ScoreJson(Encoding.UTF8.GetString(input));
        Assessments.Fhir.FhirScoringResult fast = Assessments.Fhir.QuestionnaireResponseImporter.ScoreUtf8(input);
        string expected = FhirKey(firely), actual = FhirKey(fast);
        if (expected != actual)
            Mismatch("fhir fast path vs Firely", input, $"firely: {expected}\nfast:   {actual}");
    }

    /// <summary>A response nested 0 to 300 groups deep around one item, as JSON or (for the XML parser, which once
    /// overflowed the stack) XML; the XML is checked for no exception, the JSON against the Firely path.</summary>
    private byte[] Deep()
    {
        int depth = _random.Next(4) == 0 ? _random.Next(100, 3000) : _random.Next(0, 80);
        var xml = new StringBuilder("<QuestionnaireResponse xmlns=\"http://hl7.org/fhir\"><status value=\"completed\"/>");
        for (int g = 0; g < depth; g++)
            xml.Append("<item><linkId value=\"g\"/>");
        xml.Append("<item><linkId value=\"/44249-1/44260-8\"/><answer><valueInteger value=\"3\"/></answer></item>");
        for (int g = 0; g < depth; g++)
            xml.Append("</item>");
        xml.Append("</QuestionnaireResponse>");
        Assessments.Fhir.FhirScoringResult fromXml = Assessments.Fhir.QuestionnaireResponseImporter.ScoreXml(xml.ToString());
        if (depth < 100 && !fromXml.Flags.Any(f => f.ItemNumber == 9))
        {
            SafetyViolations++;
            Fail("safety", "fhir", Encoding.UTF8.GetBytes(xml.ToString()), "a shallow item 9 = 3 lost its flag in XML");
        }

        var json = new StringBuilder("{\"resourceType\":\"QuestionnaireResponse\",\"status\":\"completed\",\"item\":[");
        for (int g = 0; g < depth; g++)
            json.Append("{\"linkId\":\"g\",\"item\":[");
        json.Append("{\"linkId\":\"/44249-1/44260-8\",\"answer\":[{\"valueInteger\":3}]}");
        for (int g = 0; g < depth; g++)
            json.Append("]}");
        json.Append("]}");
        return Encoding.UTF8.GetBytes(json.ToString());
    }

    /// <summary>A record: one document whose rows name their own instruments (a PHQ-9 beside a MADRS and the C-SSRS).</summary>
    private byte[] Record()
    {
        Instrument[] withItems = [.. _pool.Where(i => i.Items.Length > 0)];
        Instrument documentInstrument = withItems.Where(i => i.HasTotal).ElementAt(_random.Next(withItems.Count(i => i.HasTotal)));
        var sb = new StringBuilder("{\"instrument\":\"").Append(documentInstrument.Id).Append("\",\"treatments\":[{\"at\":\"2026-03-02T09:00:00Z\",\"kind\":\"iv-ketamine\"}],\"assessments\":[");
        var start = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
        int count = _random.Next(1, 7);
        for (int i = 0; i < count; i++)
        {
            string doc = Encoding.UTF8.GetString(Response());
            int a = doc.IndexOf("\"items\":", StringComparison.Ordinal);
            int b = doc.IndexOf(']', a);
            int n = doc.IndexOf("\"instrument\":\"", StringComparison.Ordinal);
            if (a < 0 || b < 0 || n < 0)
                continue;
            string id = doc[(n + 14)..doc.IndexOf('"', n + 14)];
            sb.Append(i > 0 ? "," : "").Append("{\"at\":\"").Append(start.AddDays(i * 3).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)).Append('"');
            if (id != documentInstrument.Id || _random.Next(2) == 0)
                sb.Append(",\"instrument\":\"").Append(id).Append('"');
            sb.Append(',').Append(doc[a..(b + 1)]).Append('}');
        }

        sb.Append("]}");
        return Encoding.UTF8.GetBytes(sb.ToString().Replace("[,", "[", StringComparison.Ordinal));
    }

    /// <summary>A record never loses a flag: every flag of every row, scored alone through the full path, is in the
    /// record's safety list with its instrument and date (docs/clinical-rules.md §3).</summary>
    private void CheckRecord(byte[] input)
    {
        string text = Encoding.UTF8.GetString(input);
        CourseReadResult result = TreatmentCourse.SummarizeDocument(text, _resolve, null);
        if (result.IsRecord)
        {
            var buffer = new System.Buffers.ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer))
                CourseJson.WriteRecord(result, writer);
        }

        if (!IsUtf8(input))
            return; // the oracle reads strings; the reader itself was exercised above
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(input);
        }
        catch (JsonException)
        {
            return;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("instrument", out JsonElement docId)
                || docId.ValueKind != JsonValueKind.String || !document.RootElement.TryGetProperty("assessments", out JsonElement rows) || rows.ValueKind != JsonValueKind.Array)
                return;
            foreach (JsonElement row in rows.EnumerateArray())
            {
                if (row.ValueKind != JsonValueKind.Object || !row.TryGetProperty("items", out JsonElement items) || !row.TryGetProperty("at", out JsonElement at)
                    || at.ValueKind != JsonValueKind.String || !DateTimeOffset.TryParse(at.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTimeOffset when))
                    return;
                string id = row.TryGetProperty("instrument", out JsonElement own) && own.ValueKind == JsonValueKind.String ? own.GetString()! : docId.GetString()!;
                ResponseReadResult alone = AssessmentsJson.ReadResponse($"{{\"instrument\":{JsonSerializer.Serialize(id)},\"items\":{items.GetRawText()}}}", _resolve);
                ImmutableArray<SafetyFlag> expected = alone.IsSuccess ? alone.Instrument.Score(alone.Response).Flags : alone.Flags;
                OracleChecked++;
                foreach (SafetyFlag flag in expected.Where(f => f.Priority == FlagPriority.Urgent))
                {
                    if (!result.SafetyFlags.Any(d => d.At == when && d.Flag.Priority == FlagPriority.Urgent && d.Flag.ItemNumber == flag.ItemNumber && (d.InstrumentId ?? result.InstrumentId) == id))
                    {
                        SafetyViolations++;
                        Fail("safety", "record", input, $"the urgent flag of a {id} row at {at.GetString()} is not in the record's safety list");
                        return;
                    }
                }
            }
        }
    }

    private static string FhirKey(Assessments.Fhir.FhirScoringResult r) => string.Join(" | ",
        r.Instrument?.Id ?? "-",
        string.Join(";", r.Errors.Select(e => $"{e.Code}/{e.ItemNumber}/{e.Message}")),
        string.Join(";", r.Flags.Select(f => $"{f.Id}/{f.ItemNumber}/{f.Value}/{f.Priority}/{f.RiskLevel}")),
        r.Score is { } s ? $"{s.Total}/{s.Band?.Id}/{s.RiskLevel}/{string.Join(",", s.ItemScores)}" : "no score",
        $"{r.EmbeddedTotal}/{r.EmbeddedTotalAgrees}/{r.FunctionalDifficulty}/{r.Questionnaire}/{r.Authored}/{r.EmbeddedRiskLevel}/{r.EmbeddedRiskLevelAgrees}/{r.Subject}/{r.ResourceId}",
        string.Join(";", r.Notes),
        string.Join(" || ", r.Panels.Select(FhirKey)));

    /// <summary>The full path: read, score, write; the reference line for every other path.</summary>
    private string FullLine(ReadOnlySpan<byte> document)
    {
        ResponseReadResult read = AssessmentsJson.ReadResponse(document, _resolve);
        return read.IsSuccess ? AssessmentsJson.WriteResult(read.Instrument.Score(read.Response)) : AssessmentsJson.WriteReadErrors(read);
    }

    private void CheckResponse(byte[] document)
    {
        ResponseReadResult read = AssessmentsJson.ReadResponse(document, _resolve);
        ScoringResult? scored = read.IsSuccess ? read.Instrument.Score(read.Response) : null;
        string full = scored is not null ? AssessmentsJson.WriteResult(scored) : AssessmentsJson.WriteReadErrors(read);

        _sink.ResetWrittenCount();
        BatchScoring.ScoreDocument(document, _state, _sink);
        string batch = Encoding.UTF8.GetString(_sink.WrittenSpan);
        if (batch != full)
            Mismatch("batch line differs from the full path", document, $"{batch}\n{full}");

        if (IsUtf8(document))
        {
            ResponseReadResult fromString = AssessmentsJson.ReadResponse(Encoding.UTF8.GetString(document), _resolve);
            string viaString = fromString.IsSuccess ? AssessmentsJson.WriteResult(fromString.Instrument.Score(fromString.Response)) : AssessmentsJson.WriteReadErrors(fromString);
            if (viaString != full)
                Mismatch("string reader differs from the byte reader", document, $"{viaString}\n{full}");
        }

        if (read.IsSuccess)
        {
            ResponseReadResult again = AssessmentsJson.ReadResponse(AssessmentsJson.WriteResponse(read.Response), _resolve);
            if (!again.IsSuccess || !again.Response.Equals(read.Response))
                Mismatch("response round trip", document, AssessmentsJson.WriteResponse(read.Response));
            CheckQuick(read.Instrument, read.Response, scored!, document);
        }

        CheckSafety(document, scored?.Flags ?? read.Flags);
    }

    private void CheckQuick(Instrument instrument, Response response, ScoringResult full, byte[] document)
    {
        if (response.Items.Any(v => v is null) || response.Options.BandSet is not null)
            return;
        int[] values = [.. response.Items.Select(v => v!.Value)];
        QuickScore quick = instrument.ScoreQuick(values, response.Options with { Prorate = false });
        ScoringResult reference = response.Options.Prorate ? instrument.Score(response.Items, response.Options with { Prorate = false }) : full;
        FlagPriority? highest = reference.Flags.Where(f => f.Priority is not null).Select(f => f.Priority).Max();
        bool same = quick.IsSuccess == reference.IsSuccess && quick.SafetyPriority == highest && quick.FlagCount == reference.Flags.Length
            && (reference.Score is not { } s ? quick.FirstErrorCode == reference.Errors[0].Code : quick.Total == s.Total && quick.RiskLevel == s.RiskLevel);
        if (!same)
            Mismatch("fast path differs from the full path", document, "");
    }

    /// <summary>The safety rule as the crash criterion: a document that an independent reader (JsonDocument) finds
    /// well formed must raise exactly the flags the reference oracle gives for its values.</summary>
    private void CheckSafety(byte[] document, System.Collections.Immutable.ImmutableArray<SafetyFlag> flags)
    {
        if (!TryIndependentRead(document, out Instrument? instrument, out Raw[]? raws, out ResponseValueKind kind, out bool prorate))
            return;
        OracleChecked++;
        Expected expected = ReferenceScorer.Score(instrument, raws, kind, prorate);
        var got = flags.Select(f => (f.Id, f.ItemNumber, f.Value, f.RiskLevel, f.Priority)).ToList();
        if (!got.SequenceEqual(expected.Flags))
        {
            SafetyViolations++;
            Fail("safety", "response", document, $"flags [{string.Join(" ", got)}] but the rules demand [{string.Join(" ", expected.Flags)}]");
        }
    }

    private bool TryIndependentRead(byte[] document, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Instrument? instrument, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Raw[]? raws, out ResponseValueKind kind, out bool prorate)
    {
        try
        {
            return TryIndependentReadCore(document, out instrument, out raws, out kind, out prorate);
        }
        catch (InvalidOperationException)
        {
            // Invalid UTF-8 in a property name or string: JsonDocument parses it but cannot read it; no verdict.
            instrument = null;
            raws = null;
            kind = default;
            prorate = false;
            return false;
        }
    }

    private bool TryIndependentReadCore(byte[] document, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Instrument? instrument, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Raw[]? raws, out ResponseValueKind kind, out bool prorate)
    {
        instrument = null;
        raws = null;
        kind = ResponseValueKind.ItemScores;
        prorate = false;
        if (document.Length > Limits.MaxDocumentBytes)
            return false;
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(document, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException)
        {
            return false;
        }

        using (doc)
        {
            JsonElement root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return false;
            var names = root.EnumerateObject().Select(p => p.Name).ToList();
            if (names.Count != names.Distinct(StringComparer.Ordinal).Count())
                return false;
            if (!root.TryGetProperty("instrument", out JsonElement id) || id.ValueKind != JsonValueKind.String || !_byId.TryGetValue(id.GetString()!, out instrument))
                return false;
            if (root.TryGetProperty("id", out JsonElement rid) && rid.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                return false;
            foreach (string flag in new[] { "positions", "prorate" })
            {
                if (root.TryGetProperty(flag, out JsonElement b) && b.ValueKind is not (JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null))
                    return false;
            }

            if (root.TryGetProperty("bandSet", out JsonElement set) && (set.ValueKind is not (JsonValueKind.String or JsonValueKind.Null) || (set.ValueKind == JsonValueKind.String && !instrument.TryGetBandSet(set.GetString()!, out _))))
                return false;
            kind = root.TryGetProperty("positions", out JsonElement p) && p.ValueKind == JsonValueKind.True ? ResponseValueKind.OptionPositions : ResponseValueKind.ItemScores;
            prorate = root.TryGetProperty("prorate", out JsonElement pr) && pr.ValueKind == JsonValueKind.True;
            if (!root.TryGetProperty("items", out JsonElement items) || items.ValueKind != JsonValueKind.Array || items.GetArrayLength() > Limits.MaxItems)
                return false;
            var list = new List<Raw>();
            int index = 0;
            foreach (JsonElement item in items.EnumerateArray())
            {
                list.Add(item.ValueKind switch
                {
                    JsonValueKind.Null => Raw.Blank,
                    JsonValueKind.Number => item.TryGetInt32(out int v) ? Raw.Of(v) : Raw.Bad,
                    JsonValueKind.String => Label(instrument, index, item, kind),
                    _ => Raw.Bad,
                });
                index++;
            }

            raws = [.. list];
            return true;
        }
    }

    private static Raw Label(Instrument instrument, int index, JsonElement item, ResponseValueKind kind)
    {
        string? text;
        try
        {
            text = item.GetString();
        }
        catch (InvalidOperationException)
        {
            return Raw.Bad;
        }

        if (text is null || index >= instrument.Items.Length || !instrument.Items[index].TryParseValue(text, kind, out int? value))
            return Raw.Bad;
        return value is int v ? Raw.Of(v) : Raw.Blank;
    }

    private readonly Assessments.Reading.ReaderScratch _lineScratch = new();

    private void CheckNdjson(byte[] input)
    {
        using var output = new MemoryStream();
        BatchScoring.ScoreNdjson(new MemoryStream(input), output, _resolve);
        string[] got = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        ReadOnlySpan<byte> all = input;
        if (all.StartsWith("\uFEFF"u8))
            all = all[3..];
        var expected = new List<string>();
        // A CR alone ends a line too; a line holding several documents answers each on its own line (where the reader
        // found the first document to end, it says where the next one starts).
        foreach (Range range in all.SplitAny((byte)'\n', (byte)'\r'))
        {
            ReadOnlySpan<byte> line = all[range].Trim(" \t\r"u8);
            while (!line.IsEmpty)
            {
                int next = Assessments.Reading.ResponseReader.Parse(line, _lineScratch, _resolve).NextDocumentAt;
                expected.Add(FullLine(next > 0 ? line[..next] : line));
                line = next > 0 ? line[next..].Trim(" \t\r"u8) : default;
            }
        }

        if (!got.SequenceEqual(expected))
            Mismatch("an NDJSON batch is not line for line the full path", input, $"{got.Length} lines for {expected.Count}");
    }

    private void CheckArray(byte[] input)
    {
        using var output = new MemoryStream();
        BatchScoring.ScoreJsonArray(new MemoryStream(input), output, _resolve);
        string[] got = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        try
        {
            using JsonDocument doc = JsonDocument.Parse(input, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Disallow, AllowTrailingCommas = false });
            if (doc.RootElement.ValueKind != JsonValueKind.Array)
                return;
            var expected = doc.RootElement.EnumerateArray().Select(e => FullLine(System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(e))).ToList();
            if (!got.SequenceEqual(expected))
                Mismatch("a JSON array is not element for element the full path", input, $"{got.Length} lines for {expected.Count}");
        }
        catch (JsonException)
        {
            // Not a well-formed array: the batch must still have answered without throwing, which it did.
        }
    }

    private void CheckTokens()
    {
        Instrument instrument = Pick();
        int n = _random.Next(10) == 0 ? _random.Next(0, instrument.Items.Length + 3) : instrument.Items.Length;
        string[] tokens = [.. Enumerable.Range(0, n).Select(_ => _random.Next(10) switch
        {
            0 => "-",
            1 => "x",
            2 => "1a",
            3 => "yes",
            4 => "2147483648",
            5 => " 3 ",
            _ => _random.Next(-1, 8).ToString(CultureInfo.InvariantCulture),
        })];
        ResponseReadResult read = AssessmentsJson.ReadTokens(instrument, tokens);
        var flags = read.IsSuccess ? instrument.Score(read.Response).Flags : read.Flags;
        Raw[] raws = [.. tokens.Select((t, i) => i < instrument.Items.Length
            ? (instrument.Items[i].TryParseValue(t, ResponseValueKind.ItemScores, out int? v) ? (v is int x ? Raw.Of(x) : Raw.Blank) : Raw.Bad)
            : (t == "-" ? Raw.Blank : int.TryParse(t, NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out int y) ? Raw.Of(y) : Raw.Bad))];
        Expected expected = ReferenceScorer.Score(instrument, raws, ResponseValueKind.ItemScores, false);
        OracleChecked++;
        if (!flags.Select(f => (f.Id, f.ItemNumber, f.Value, f.RiskLevel, f.Priority)).SequenceEqual(expected.Flags))
        {
            SafetyViolations++;
            Fail("safety", "tokens", Encoding.UTF8.GetBytes(string.Join(" ", tokens)), instrument.Id);
        }
    }

    private void CheckCourse(byte[] input)
    {
        CourseReadResult result = TreatmentCourse.SummarizeDocument(Encoding.UTF8.GetString(input), _resolve, null);
        if (result.IsSuccess)
            _ = CourseJson.Write(result.Summary);
        else
            _ = CourseJson.WriteErrors(result.InstrumentId, result.Errors, result.SafetyFlags);
    }

    private void CheckDefinition(byte[] input)
    {
        DefinitionLoadResult loaded = InstrumentDefinitions.Load(Encoding.UTF8.GetString(input));
        if (!loaded.IsSuccess)
            return;
        Instrument instrument = loaded.Instrument;
        Raw[] raws = RandomInstruments.Walk(instrument, ResponseValueKind.ItemScores, instrument.Items.Length, 20, _random);
        ScoringResult result = instrument.Score([.. raws.Select(r => r.Unreadable ? (int?)-99 : r.Value)]);
        Expected expected = ReferenceScorer.Score(instrument, [.. raws.Select(r => r.Unreadable ? Raw.Of(-99) : r)], ResponseValueKind.ItemScores, false);
        OracleChecked++;
        if (!result.Flags.Select(f => (f.Id, f.ItemNumber, f.Value, f.RiskLevel, f.Priority)).SequenceEqual(expected.Flags))
        {
            SafetyViolations++;
            Fail("safety", "definition", input, "a loaded definition scores against the rules");
        }
    }

    private static bool IsUtf8(byte[] bytes)
    {
        try
        {
            _ = new UTF8Encoding(false, true).GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private void Mismatch(string what, byte[] input, string detail)
    {
        Mismatches++;
        Fail("mismatch", what, input, detail);
    }

    private void Fail(string kind, string what, byte[] input, string detail)
    {
        if (Failures > 20)
            return; // counted; the first ones are enough to read
        _log.WriteLine($"FAIL {kind} ({what}) on input (base64) {Convert.ToBase64String(input)}");
        _log.WriteLine($"  {detail.Replace("\n", "\n  ", StringComparison.Ordinal)}");
    }
}
