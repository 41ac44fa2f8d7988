using System;
using System.Collections.Immutable;
using System.Linq;
using System.Text.Json;
using Assessments.Evaluation;

namespace Assessments.Writing;

/// <summary>The one result writer: the wire format of docs/wire-format.md ("Result" and the invalid shape), field for
/// field, without building an object graph first. A scored result is written as compact UTF-8 from fragments each
/// instrument encodes once, whichever view holds it (the result object, or a batch's evaluation record); the invalid
/// shape and the other documents go onto a <see cref="Utf8JsonWriter"/>.</summary>
internal static class ResultWriter
{
    /// <summary>A scored result, or the errors and flags of an invalid one.</summary>
    public static void Write(Utf8JsonWriter writer, ScoringResult result)
    {
        if (!result.IsSuccess)
        {
            WriteInvalid(writer, result.ResponseId, result.Instrument.Id, result.Errors, result.Flags);
            return;
        }

        var fields = new ResultFields(result.Instrument, result.ResponseId, default, false, result.ScoreTotal, result.ScoreBand, result.ScoreBandSetId, result.ScoreProrated, result.Flags, result.ScoreRiskLevel, result.ScoreNotes);
        byte[]? rented = null;
        int max = MaxLength(fields);
        Span<byte> buffer = max <= 2048 ? stackalloc byte[2048] : (rented = System.Buffers.ArrayPool<byte>.Shared.Rent(max));
        int length = WriteScored(buffer, fields, new ItemScoreSource(result));
        if (writer.Options.Indented)
        {
            // The one writer writes compact JSON; an indenting caller's writer re-flows it.
            using JsonDocument document = JsonDocument.Parse(buffer[..length].ToArray());
            document.WriteTo(writer);
        }
        else
        {
            writer.WriteRawValue(buffer[..length], skipInputValidation: true);
        }

        if (rented is not null)
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
    }

    /// <summary>Writes the scored result of a valid record without building the result object (the batch's view):
    /// the same fields as <see cref="Evaluated.ToResult"/> through the same writer, so the same bytes.</summary>
    /// <returns>The flags written.</returns>
    public static ImmutableArray<SafetyFlag> WriteRecord(System.Buffers.IBufferWriter<byte> sink, in Evaluated record, BandSet? bandSet, ReadOnlySpan<byte> idUtf8, bool hasId)
    {
        Instrument instrument = record.Instrument;
        int? total = null;
        RiskLevel? risk = null;
        SeverityBand? band = null;
        if (instrument.HasTotal)
        {
            total = record.Total;
            band = bandSet?.Classify(record.Total);
        }
        else
        {
            risk = record.RiskLevel;
        }

        ImmutableArray<SafetyFlag> flags = record.Flags();
        var fields = new ResultFields(instrument, null, idUtf8, hasId, total, band, band is null ? null : bandSet!.Id, record.Prorated, flags, risk, record.Notes());
        Span<byte> destination = sink.GetSpan(MaxLength(fields));
        sink.Advance(WriteScored(destination, fields, new ItemScoreSource(record.Outcomes)));
        return flags;
    }

    /// <summary>The longest the scored shape of <paramref name="fields"/> can be.</summary>
    private static int MaxLength(in ResultFields fields) =>
        fields.Instrument.Texts.FixedLength + fields.Instrument.Texts.FactsMaxLength + (fields.IdUtf8.Length * 6) + ((fields.Id?.Length ?? 0) * 6) + (fields.Flags.Length * 96)
        + (fields.Instrument.Items.Length * 12) + (fields.Notes.IsDefaultOrEmpty ? 0 : fields.Notes.Sum(n => 8 + (n.Length * 6)));

    /// <summary>The scored shape (docs/wire-format.md, "Result"), from any view of the evaluation (the result object,
    /// or the record itself in a batch), as compact UTF-8 from fragments the instrument encoded once: the one place
    /// that writes it.</summary>
    /// <returns>The bytes written.</returns>
    private static int WriteScored(Span<byte> d, in ResultFields f, ItemScoreSource itemScores)
    {
        Instrument instrument = f.Instrument;
        ResultTexts t = instrument.Texts;
        int at = 0;
        if (f.Id is not null)
        {
            Put(d, ref at, "{\"id\":"u8);
            Put(d, ref at, JsonEncodedText.Encode(f.Id, Reading.JsonContexts.Wire.Options.Encoder).EncodedUtf8Bytes, quoted: true);
            Put(d, ref at, ","u8);
        }
        else if (f.HasUtf8Id)
        {
            // A batch passes the id as the document held it: printable ASCII without escapes.
            Put(d, ref at, "{\"id\":"u8);
            Put(d, ref at, f.IdUtf8, quoted: true);
            Put(d, ref at, ","u8);
        }
        else
        {
            Put(d, ref at, "{"u8);
        }

        Put(d, ref at, t.Head);
        if (f.Total is int total)
        {
            Put(d, ref at, "\"total\":"u8);
            Number(d, ref at, total);
            Put(d, ref at, t.MaxTotal);
        }
        else
        {
            Put(d, ref at, "\"total\":null,\"maxTotal\":null,"u8);
        }

        Put(d, ref at, f.Band is { } band ? t.Band(band, f.BandSetId) : "\"band\":null,\"bandSet\":null,"u8);
        Put(d, ref at, f.Prorated ? "\"prorated\":true,\"flags\":["u8 : "\"prorated\":false,\"flags\":["u8);
        for (int i = 0; i < f.Flags.Length; i++)
        {
            SafetyFlag flag = f.Flags[i];
            Put(d, ref at, i == 0 ? "{\"id\":"u8 : ",{\"id\":"u8);
            if (flag.Id == FlagIds.SuicideRisk)
                Put(d, ref at, "\"suicide-risk\""u8);
            else if (flag.Id == FlagIds.SafetyItemUnanswered)
                Put(d, ref at, "\"safety-item-unanswered\""u8);
            else
                Put(d, ref at, JsonEncodedText.Encode(flag.Id, Reading.JsonContexts.Wire.Options.Encoder).EncodedUtf8Bytes, quoted: true);
            Put(d, ref at, ",\"item\":"u8);
            if (flag.ItemNumber is int item)
                Number(d, ref at, item);
            else
                Put(d, ref at, "null"u8);
            if (flag.RiskLevel is RiskLevel level)
            {
                Put(d, ref at, ",\"value\":"u8);
                Put(d, ref at, ResultTexts.RiskLevel(level), quoted: true);
            }
            else if (flag.Value is int value)
            {
                Put(d, ref at, ",\"value\":"u8);
                Number(d, ref at, value);
            }

            if (flag.Priority is FlagPriority priority)
                Put(d, ref at, priority == FlagPriority.Urgent ? ",\"priority\":\"urgent\""u8 : ",\"priority\":\"review\""u8);
            Put(d, ref at, "}"u8);
        }

        Put(d, ref at, t.SafetyScreen);
        if (f.RiskLevel is RiskLevel risk)
        {
            Put(d, ref at, "\"riskLevel\":"u8);
            Put(d, ref at, ResultTexts.RiskLevel(risk), quoted: true);
            Put(d, ref at, ","u8);
        }
        else
        {
            Put(d, ref at, "\"riskLevel\":null,"u8);
        }

        Put(d, ref at, t.Provenance);
        if (!f.Notes.IsDefaultOrEmpty)
        {
            Put(d, ref at, "\"notes\":["u8);
            for (int i = 0; i < f.Notes.Length; i++)
            {
                if (i > 0)
                    d[at++] = (byte)',';
                Put(d, ref at, JsonEncodedText.Encode(f.Notes[i], Reading.JsonContexts.Wire.Options.Encoder).EncodedUtf8Bytes, quoted: true);
            }

            Put(d, ref at, "],"u8);
        }

        if (t.HasFacts && f.Total is int factsTotal)
            WriteFacts(d, ref at, instrument, factsTotal, itemScores);
        Put(d, ref at, "\"itemScores\":["u8);
        itemScores.Write(d, ref at);
        Put(d, ref at, "]}"u8);
        return at;
    }

    /// <summary>The facts beside the total (docs/wire-format.md): <c>subscores</c>, <c>dsm5ClusterRule</c>,
    /// <c>responder</c>, <c>scaled</c>, each only for an instrument that has it.</summary>
    private static void WriteFacts(Span<byte> d, ref int at, Instrument instrument, int total, in ItemScoreSource itemScores)
    {
        // The one computation (ResultFacts), over the keyed scores of whichever view holds them.
        Span<int> scores = stackalloc int[instrument.Items.Length];
        for (int i = 0; i < scores.Length; i++)
            scores[i] = itemScores.ScoreAt(i) ?? -1;
        if (!instrument.Subscales.IsEmpty)
        {
            Put(d, ref at, "\"subscores\":{"u8);
            for (int s = 0; s < instrument.Subscales.Length; s++)
            {
                Subscale subscale = instrument.Subscales[s];
                if (s > 0)
                    d[at++] = (byte)',';
                Put(d, ref at, JsonEncodedText.Encode(subscale.Id, Reading.JsonContexts.Wire.Options.Encoder).EncodedUtf8Bytes, quoted: true);
                d[at++] = (byte)':';
                Number(d, ref at, ResultFacts.Subscore(subscale, scores));
            }

            Put(d, ref at, "},"u8);
        }

        if (instrument.ClusterRule is { } rule)
            Put(d, ref at, ResultFacts.MeetsClusterRule(instrument, rule, scores) ? "\"dsm5ClusterRule\":true,"u8 : "\"dsm5ClusterRule\":false,"u8);
        if (ResultFacts.Responder(instrument, total) is bool responder)
            Put(d, ref at, responder ? "\"responder\":true,"u8 : "\"responder\":false,"u8);
        if (instrument.ScaledScores?.Of(total) is { } scaled)
        {
            Put(d, ref at, "\"scaled\":{\"metric\":"u8);
            Put(d, ref at, JsonEncodedText.Encode(scaled.Metric, Reading.JsonContexts.Wire.Options.Encoder).EncodedUtf8Bytes, quoted: true);
            Put(d, ref at, ",\"value\":"u8);
            scaled.Value.TryFormat(d[at..], out int written, "0.0##", System.Globalization.CultureInfo.InvariantCulture);
            at += written;
            Put(d, ref at, ",\"se\":"u8);
            scaled.StandardError.TryFormat(d[at..], out written, "0.0##", System.Globalization.CultureInfo.InvariantCulture);
            at += written;
            Put(d, ref at, "},"u8);
        }
    }

    internal static void Put(Span<byte> destination, ref int at, ReadOnlySpan<byte> bytes, bool quoted = false)
    {
        if (quoted)
            destination[at++] = (byte)'"';
        bytes.CopyTo(destination[at..]);
        at += bytes.Length;
        if (quoted)
            destination[at++] = (byte)'"';
    }

    internal static void Number(Span<byte> destination, ref int at, int value)
    {
        value.TryFormat(destination[at..], out int written, default, System.Globalization.CultureInfo.InvariantCulture);
        at += written;
    }

    /// <summary>The invalid shape: id, instrument (or null), errors, flags.</summary>
    public static void WriteInvalid(Utf8JsonWriter writer, string? id, string? instrumentId, ImmutableArray<ScoringError> errors, ImmutableArray<SafetyFlag> flags)
    {
        writer.WriteStartObject();
        if (id is not null)
            writer.WriteString("id"u8, id);
        if (instrumentId is not null)
            writer.WriteString("instrument"u8, instrumentId);
        else
            writer.WriteNull("instrument"u8);
        writer.WriteStartArray("errors"u8);
        foreach (ScoringError error in errors)
            WriteError(writer, error);
        writer.WriteEndArray();
        WriteFlags(writer, flags);
        writer.WriteEndObject();
    }

    /// <summary>One coded error: code, item when it is an item's, message.</summary>
    public static void WriteError(Utf8JsonWriter writer, ScoringError error)
    {
        writer.WriteStartObject();
        writer.WriteString("code"u8, error.Code);
        if (error.ItemNumber is int item)
            writer.WriteNumber("item"u8, item);
        writer.WriteString("message"u8, error.Message);
        writer.WriteEndObject();
    }

    /// <summary>A flag writes <c>value</c> as the item score, or as the risk level id for a risk-level flag.</summary>
    public static void WriteFlag(Utf8JsonWriter writer, SafetyFlag flag)
    {
        writer.WriteStartObject();
        WriteFlagFields(writer, flag);
        writer.WriteEndObject();
    }

    /// <summary>A flag's fields (id, item, value, priority) onto an object already open: for documents that put their
    /// own fields first (a cohort's course id and date).</summary>
    public static void WriteFlagFields(Utf8JsonWriter writer, SafetyFlag flag)
    {
        writer.WriteString("id"u8, flag.Id);
        WriteNumberOrNull(writer, "item"u8, flag.ItemNumber);
        if (flag.RiskLevel is RiskLevel level)
            writer.WriteString("value"u8, level.ToWireId());
        else if (flag.Value is int value)
            writer.WriteNumber("value"u8, value);
        if (flag.Priority is FlagPriority priority)
            writer.WriteString("priority"u8, priority.ToWireId());
    }

    private static void WriteFlags(Utf8JsonWriter writer, ImmutableArray<SafetyFlag> flags)
    {
        writer.WriteStartArray("flags"u8);
        foreach (SafetyFlag flag in flags)
            WriteFlag(writer, flag);
        writer.WriteEndArray();
    }

    private static void WriteNumberOrNull(Utf8JsonWriter writer, System.ReadOnlySpan<byte> name, int? value)
    {
        if (value is int v)
            writer.WriteNumber(name, v);
        else
            writer.WriteNull(name);
    }

    /// <summary>A response document (docs/wire-format.md, "Response").</summary>
    public static void WriteResponse(Utf8JsonWriter writer, Response response)
    {
        writer.WriteStartObject();
        if (response.Id is not null)
            writer.WriteString("id"u8, response.Id);
        writer.WriteString("instrument"u8, response.InstrumentId);
        writer.WriteStartArray("items"u8);
        foreach (int? value in response.Items)
        {
            if (value is int v)
                writer.WriteNumberValue(v);
            else
                writer.WriteNullValue();
        }

        writer.WriteEndArray();
        if (response.Options.Values == ResponseValueKind.OptionPositions)
            writer.WriteBoolean("positions"u8, true);
        if (response.Options.Prorate)
            writer.WriteBoolean("prorate"u8, true);
        if (response.Options.BandSet is not null)
            writer.WriteString("bandSet"u8, response.Options.BandSet);
        writer.WriteEndObject();
    }
}

/// <summary>The fields of a scored result, whichever view holds them.</summary>
internal readonly ref struct ResultFields
{
    public ResultFields(Instrument instrument, string? id, ReadOnlySpan<byte> idUtf8, bool hasUtf8Id, int? total, SeverityBand? band, string? bandSetId, bool prorated, ImmutableArray<SafetyFlag> flags, RiskLevel? riskLevel, ImmutableArray<string> notes)
    {
        Instrument = instrument;
        Id = id;
        IdUtf8 = idUtf8;
        HasUtf8Id = hasUtf8Id;
        Total = total;
        Band = band;
        BandSetId = bandSetId;
        Prorated = prorated;
        Flags = flags;
        RiskLevel = riskLevel;
        Notes = notes;
    }

    public Instrument Instrument { get; }

    /// <summary>The response id as text; null when it is given as UTF-8 or absent.</summary>
    public string? Id { get; }

    /// <summary>The response id as the document's UTF-8 bytes (printable ASCII, no escapes), when <see cref="HasUtf8Id"/>.</summary>
    public ReadOnlySpan<byte> IdUtf8 { get; }

    public bool HasUtf8Id { get; }

    public int? Total { get; }

    public SeverityBand? Band { get; }

    public string? BandSetId { get; }

    public bool Prorated { get; }

    public ImmutableArray<SafetyFlag> Flags { get; }

    public RiskLevel? RiskLevel { get; }

    public ImmutableArray<string> Notes { get; }
}

/// <summary>Item scores from the result object or straight from the evaluation's outcomes.</summary>
internal readonly ref struct ItemScoreSource
{
    private readonly ScoringResult? _result;
    private readonly ReadOnlySpan<ItemOutcome> _outcomes;

    public ItemScoreSource(ScoringResult result) => _result = result;

    public ItemScoreSource(ReadOnlySpan<ItemOutcome> outcomes) => _outcomes = outcomes;

    /// <summary>Item <paramref name="index"/>'s keyed score, or null (not asked, excused).</summary>
    public int? ScoreAt(int index) => _result is not null ? _result.ItemScoreAt(index) : _outcomes[index].HasItemScore ? _outcomes[index].Score : null;

    public void Write(Span<byte> destination, ref int at)
    {
        int count = _result?.ItemCount ?? _outcomes.Length;
        for (int i = 0; i < count; i++)
        {
            if (i > 0)
                destination[at++] = (byte)',';
            int? score = _result is not null ? _result.ItemScoreAt(i) : _outcomes[i].HasItemScore ? _outcomes[i].Score : null;
            if (score is int v)
                ResultWriter.Number(destination, ref at, v);
            else
                ResultWriter.Put(destination, ref at, "null"u8);
        }
    }
}

/// <summary>An instrument's constant result fragments, encoded once with the wire encoder (per instrument, held by it).</summary>
internal sealed class ResultTexts
{
    private static readonly byte[][] RiskLevels = [.. Enum.GetValues<RiskLevel>().Select(l => System.Text.Encoding.UTF8.GetBytes(l.ToWireId()))];

    private readonly (SeverityBand Band, string SetId, byte[] Text)[] _bands;

    public ResultTexts(Instrument instrument)
    {
        Head = Utf8($"\"instrument\":{Quote(instrument.Id)},\"rulesVersion\":{Quote(instrument.RulesVersion)},");
        MaxTotal = Utf8(string.Create(System.Globalization.CultureInfo.InvariantCulture, $",\"maxTotal\":{instrument.MaxTotal},"));
        _bands = [.. instrument.BandSets.SelectMany(set => set.Bands.Select(b => (b, set.Id, BandText(b, set.Id))))];
        SafetyScreen = Utf8($"],\"safetyScreen\":{Quote(instrument.SafetyScreen.ToWireId())},");
        Provenance = instrument.Method == ScoringMethod.RiskTiers && instrument.RiskProvenance is string provenance
            ? Utf8($"\"provenance\":{Quote(provenance)},")
            : [];
        FixedLength = 256 + Head.Length + MaxTotal.Length + _bands.Select(b => b.Text.Length).DefaultIfEmpty(0).Max() + SafetyScreen.Length + Provenance.Length;
        HasFacts = ResultFacts.Any(instrument);
        FactsMaxLength = !HasFacts ? 0 : 128 + instrument.Subscales.Sum(s => 24 + (s.Id.Length * 6)) + ((instrument.ScaledScores?.Metric.Length ?? 0) * 6);
    }

    public byte[] Head { get; }

    public byte[] MaxTotal { get; }

    public byte[] SafetyScreen { get; }

    public byte[] Provenance { get; }

    /// <summary>The length of everything but the id, flags, notes and item scores, at most.</summary>
    public int FixedLength { get; }

    /// <summary>Whether the instrument writes facts beside its total.</summary>
    public bool HasFacts { get; }

    /// <summary>The longest its facts can be.</summary>
    public int FactsMaxLength { get; }

    /// <summary>A risk level's wire id, encoded once.</summary>
    public static ReadOnlySpan<byte> RiskLevel(RiskLevel level) => RiskLevels[(int)level - 1];

    /// <summary>The band and band set fields; encoded on the spot for a band the instrument does not hold.</summary>
    public ReadOnlySpan<byte> Band(SeverityBand band, string? setId)
    {
        foreach ((SeverityBand known, string knownSet, byte[] text) in _bands)
        {
            if (ReferenceEquals(known, band) && knownSet == setId)
                return text;
        }

        return BandText(band, setId);
    }

    private static byte[] BandText(SeverityBand band, string? setId) =>
        Utf8($"\"band\":{{\"id\":{Quote(band.Id)},\"label\":{Quote(band.Label)}}},\"bandSet\":{(setId is null ? "null" : Quote(setId))},");

    private static string Quote(string text) => JsonSerializer.Serialize(text, Reading.JsonContexts.Wire.Options.GetTypeInfo(typeof(string)));

    private static byte[] Utf8(string text) => System.Text.Encoding.UTF8.GetBytes(text);
}
