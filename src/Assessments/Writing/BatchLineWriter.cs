using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using Assessments.Evaluation;
using Assessments.Reading;

namespace Assessments.Writing;

/// <summary>The batch line of a valid, note-free result written from pre-encoded fragments: a view of the evaluation's
/// record, byte for byte the line <see cref="ResultWriter"/> writes for the same result (an FsCheck property compares
/// them), at a fraction of a general JSON writer's cost. Every other result goes through <see cref="ResultWriter"/>.</summary>
internal static class BatchLineWriter
{
    /// <summary>Writes the result line from pre-encoded fragments: the same bytes as <see cref="ResultWriter"/>
    /// (an FsCheck property compares them), at a fraction of a general JSON writer's cost. The id is plain ASCII here.</summary>
    public static int Write(Span<byte> d, EncodedTexts t, ReadOnlySpan<byte> id, bool hasId, in Evaluated record, FlagRecord[] flags, int flagCount)
    {
        Instrument instrument = t.Instrument;
        int at = 0;
        if (hasId)
        {
            Put(d, ref at, "{\"id\":\""u8);
            Put(d, ref at, id);
            Put(d, ref at, "\","u8);
        }
        else
        {
            Put(d, ref at, "{"u8);
        }

        Put(d, ref at, t.Head);
        if (instrument.HasTotal)
        {
            int total = record.Total;
            Put(d, ref at, "\"total\":"u8);
            Number(d, ref at, total);
            Put(d, ref at, t.MaxTotal);
        }
        else
        {
            Put(d, ref at, "\"total\":null,\"maxTotal\":null,"u8);
        }

        Put(d, ref at, instrument.HasTotal && t.BandSet is not null ? t.Bands[t.BandIndex(record.Total)] : "\"band\":null,\"bandSet\":null,"u8);
        Put(d, ref at, record.Prorated ? "\"prorated\":true,\"flags\":["u8 : "\"prorated\":false,\"flags\":["u8);
        for (int f = 0; f < flagCount; f++)
        {
            FlagRecord flag = flags[f];
            Put(d, ref at, f == 0 ? "{"u8 : ",{"u8);
            switch (flag.Kind)
            {
                case FlagKind.SuicideRisk:
                    Put(d, ref at, "\"id\":\"suicide-risk\",\"item\":"u8);
                    Number(d, ref at, flag.Item);
                    Put(d, ref at, ",\"value\":"u8);
                    Number(d, ref at, flag.Value);
                    Put(d, ref at, flag.Priority == FlagPriority.Urgent ? ",\"priority\":\"urgent\"}"u8 : ",\"priority\":\"review\"}"u8);
                    break;
                case FlagKind.RiskLevel:
                    Put(d, ref at, "\"id\":\"suicide-risk\",\"item\":null,\"value\":\""u8);
                    Put(d, ref at, EncodedTexts.RiskLevel(flag.Risk));
                    Put(d, ref at, flag.Priority == FlagPriority.Urgent ? "\",\"priority\":\"urgent\"}"u8 : "\",\"priority\":\"review\"}"u8);
                    break;
                default:
                    Put(d, ref at, "\"id\":\"safety-item-unanswered\",\"item\":"u8);
                    Number(d, ref at, flag.Item);
                    Put(d, ref at, "}"u8);
                    break;
            }
        }

        Put(d, ref at, t.SafetyScreen);
        if (!instrument.HasTotal)
        {
            Put(d, ref at, "\"riskLevel\":\""u8);
            Put(d, ref at, EncodedTexts.RiskLevel(record.RiskLevel));
            Put(d, ref at, "\","u8);
            Put(d, ref at, t.Provenance);
        }
        else
        {
            Put(d, ref at, "\"riskLevel\":null,"u8);
        }

        Put(d, ref at, "\"itemScores\":["u8);
        for (int i = 0; i < record.Outcomes.Length; i++)
        {
            if (i > 0)
                d[at++] = (byte)',';
            if (record.Outcomes[i].HasItemScore)
                Number(d, ref at, record.Outcomes[i].Score);
            else
                Put(d, ref at, "null"u8);
        }

        Put(d, ref at, "]}"u8);
        return at;
    }

    private static void Put(Span<byte> destination, ref int at, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(destination[at..]);
        at += bytes.Length;
    }

    private static void Number(Span<byte> destination, ref int at, int value)
    {
        value.TryFormat(destination[at..], out int written, default, System.Globalization.CultureInfo.InvariantCulture);
        at += written;
    }
}

/// <summary>An instrument's constant output fragments for one band set, encoded once per batch with the wire encoder.</summary>
internal sealed class EncodedTexts
{
    public EncodedTexts(Instrument instrument, BandSet? set)
    {
        Instrument = instrument;
        BandSet = set;
        Head = Utf8($"\"instrument\":{Quote(instrument.Id)},\"rulesVersion\":{Quote(instrument.RulesVersion)},");
        MaxTotal = Utf8(string.Create(System.Globalization.CultureInfo.InvariantCulture, $",\"maxTotal\":{instrument.MaxTotal},"));
        BandList = set is null ? [] : [.. set.Bands];
        Bands = [.. BandList.Select(b => Utf8($"\"band\":{{\"id\":{Quote(b.Id)},\"label\":{Quote(b.Label)}}},\"bandSet\":{Quote(set!.Id)},"))];
        SafetyScreen = Utf8($"],\"safetyScreen\":{Quote(WireIds.ToWireId(instrument.SafetyScreen))},");
        Provenance = instrument.Method == ScoringMethod.RiskTiers && instrument.RiskProvenance is string provenance
            ? Utf8($"\"provenance\":{Quote(provenance)},")
            : [];
        int fixedLength = Head.Length + MaxTotal.Length + Bands.Select(b => b.Length).DefaultIfEmpty(0).Max() + SafetyScreen.Length + Provenance.Length;
        MaxResultLength = 256 + fixedLength + (instrument.Items.Length * 160) + (instrument.SafetyRules.Length * 96);
    }

    public Instrument Instrument { get; }

    public BandSet? BandSet { get; }

    public byte[] Head { get; }

    public byte[] MaxTotal { get; }

    public SeverityBand[] BandList { get; }

    public byte[][] Bands { get; }

    public byte[] SafetyScreen { get; }

    public byte[] Provenance { get; }

    public int MaxResultLength { get; }

    public int BandIndex(int total) => Array.IndexOf(BandList, BandSet!.Classify(total));

    private static readonly byte[][] RiskLevels = [.. Enum.GetValues<RiskLevel>().Select(l => Encoding.UTF8.GetBytes(l.ToWireId()))];

    /// <summary>A risk level's wire id, encoded once (the ids of <see cref="WireIds"/>).</summary>
    public static ReadOnlySpan<byte> RiskLevel(RiskLevel level) => RiskLevels[(int)level - 1];

    private static string Quote(string text) => JsonSerializer.Serialize(text, JsonContexts.Wire.Options.GetTypeInfo(typeof(string)));

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}

/// <summary>What kind of flag a record holds.</summary>
internal enum FlagKind : byte
{
    SuicideRisk,
    RiskLevel,
    Unanswered,
}

/// <summary>One flag the kernel decided, for the batch writer.</summary>
internal struct FlagRecord
{
    public FlagKind Kind;

    public RiskLevel Risk;

    public FlagPriority Priority;

    public int Item;

    public int Value;
}

/// <summary>Records the kernel's flags into a reused array.</summary>
internal struct FlagRecorder(FlagRecord[] into) : IFlagSink
{
    public int Count;

    public void SuicideRisk(int ruleIndex, int itemNumber, int value, FlagPriority priority) =>
        into[Count++] = new FlagRecord { Kind = FlagKind.SuicideRisk, Item = itemNumber, Value = value, Priority = priority };

    public void RiskLevel(int tierIndex, RiskLevel level, FlagPriority priority) =>
        into[Count++] = new FlagRecord { Kind = FlagKind.RiskLevel, Risk = level, Priority = priority };

    public void Unanswered(int itemNumber) =>
        into[Count++] = new FlagRecord { Kind = FlagKind.Unanswered, Item = itemNumber };
}
