using System.Collections.Generic;
using System;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Text.Json;
using Assessments.Reading;
using Assessments.Validation;

namespace Assessments.Serialization;

/// <summary>Clinic-defined instruments: export any instrument to its JSON definition, and load one back.</summary>
/// <remarks>
/// The definition is the same wire format the built-in instruments export to. A definition is validated in full
/// (FluentValidation) before use, and a bad one gets every problem listed. A loaded instrument is scored by the
/// same engine as the built-in ones.
/// </remarks>
public static class InstrumentDefinitions
{

    /// <summary>Writes an instrument's definition as indented JSON.</summary>
    /// <param name="instrument">The instrument.</param>
    /// <returns>The definition.</returns>
    public static string Export(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return JsonSerializer.Serialize(ToDto(instrument), JsonContexts.Definition.InstrumentDefinitionDto);
    }

    /// <summary>Reads and validates a definition.</summary>
    /// <param name="json">The definition JSON.</param>
    /// <returns>The instrument, or every problem found.</returns>
    public static DefinitionLoadResult Load(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json.Length > Limits.MaxDefinitionBytes)
            return DefinitionLoadResult.Failed([new DefinitionError(ErrorCodes.DefinitionLimit, $"A definition has at most {Limits.MaxDefinitionBytes} bytes.")]);
        InstrumentDefinitionDto? dto;
        try
        {
            byte[] utf8 = System.Text.Encoding.UTF8.GetBytes(json);
            if (DuplicateProperties.Find(utf8) is string repeated)
                return DefinitionLoadResult.Failed([new DefinitionError(ErrorCodes.DuplicateProperty, $"The property \"{repeated}\" appears more than once in one object.")]);
            dto = JsonSerializer.Deserialize(utf8, JsonContexts.Definition.InstrumentDefinitionDto);
        }
        catch (JsonException e)
        {
            return DefinitionLoadResult.Failed([new DefinitionError(ErrorCodes.MalformedDocument, $"The definition is not well-formed JSON (line {(e.LineNumber ?? 0) + 1}).")]);
        }

        if (dto is null)
            return DefinitionLoadResult.Failed([new DefinitionError(ErrorCodes.MalformedDocument, "The definition is null, not an object.")]);

        System.Collections.Generic.List<(string Code, string Message)> problems = InstrumentDefinitionValidator.ValidateDefinition(dto);
        if (problems.Count > 0)
            return DefinitionLoadResult.Failed([.. problems.Select(p => new DefinitionError(p.Code, p.Message))]);

        try
        {
            return new DefinitionLoadResult(new Instrument(FromDto(dto)), ImmutableArray<DefinitionError>.Empty);
        }
        catch (Exception e) when (e is ArgumentException or OverflowException)
        {
            // A backstop: the validator above should have caught this.
            return DefinitionLoadResult.Failed([new DefinitionError(ErrorCodes.DefinitionInvalid, e.Message)]);
        }
    }

    internal static InstrumentDefinitionDto ToDto(Instrument instrument) => new()
    {
        Id = instrument.Id,
        Name = instrument.Name,
        Rater = WireIds.ToWireId(instrument.Rater),
        RulesVersion = instrument.RulesVersion,
        Scoring = WireIds.ToWireId(instrument.Method),
        Items = [.. instrument.Items.Select(ToDto)],
        Domains = instrument.Domains.IsEmpty ? null : [.. instrument.Domains.Select(d => new DomainDto
        {
            Name = d.Name,
            Items = [.. d.ItemNumbers],
            EitherOr = d.EitherOrGroups.IsEmpty ? null : [.. d.EitherOrGroups.Select(g => g.ToList())],
        })],
        RiskTiers = instrument.RiskTiers.IsEmpty ? null : [.. instrument.RiskTiers.Select(t => new RiskTierDto
        {
            Level = WireIds.ToWireId(t.Level),
            AnyOf = [.. t.AnyOfItems],
            Priority = t.Priority is FlagPriority p ? WireIds.ToWireId(p) : null,
        })],
        RiskProvenance = instrument.RiskProvenance,
        BandSets = [.. instrument.BandSets.Select(s => new BandSetDto
        {
            Id = s.Id,
            Citation = s.Citation,
            Bands = [.. s.Bands.Select(b => new BandDefinitionDto { Id = b.Id, Label = b.Label, Min = b.Min, Max = b.Max })],
        })],
        SafetyItems = [.. instrument.SafetyRules.Select(r => new SafetyItemDto { Item = r.ItemNumber, ReviewAt = r.ReviewAt, UrgentAt = r.UrgentAt, Basis = r.Basis })],
        RemissionThreshold = instrument.RemissionThreshold,
        RemissionSource = instrument.RemissionSource,
        RelapseThreshold = instrument.RelapseThreshold,
        RelapseSource = instrument.RelapseSource,
        Mcid = instrument.MinimalImportantDifference,
        McidSource = instrument.MinimalImportantDifferenceSource,
        MaxMissingForProration = instrument.MaxMissingForProration,
        TracksTreatmentResponse = instrument.TracksTreatmentResponse,
        CourseMode = instrument.CourseMode == CourseMode.Full ? null : WireIds.ToWireId(instrument.CourseMode),
        ReliableChangePoints = instrument.ReliableChangePoints,
        CaseCutoff = instrument.CaseCutoff,
        ReliableChangeSource = instrument.ReliableChangeSource,
        LoincPanel = instrument.LoincPanel,
        LoincTotal = instrument.LoincTotal,
        LoincRiskLevel = instrument.LoincRiskLevel,
        Subscales = instrument.Subscales.IsEmpty ? null : [.. instrument.Subscales.Select(x => new SubscaleDto { Id = x.Id, Items = [.. x.ItemNumbers] })],
        ClusterRule = instrument.ClusterRule is { } rule ? new ClusterRuleDto { EndorsedAt = rule.EndorsedAt, Require = [.. rule.Required.Select(r => new ClusterRequirementDto { Subscale = r.Key, Count = r.Value })] } : null,
        ResponderAtMost = instrument.ResponderAtMost,
        ResponderSource = instrument.ResponderSource,
        ScaledScores = instrument.ScaledScores is { } table ? new ScaledTableDto { Metric = table.Metric, Source = table.Source, FirstTotal = table.FirstTotal, Table = [.. table.Scores.Select(e => new ScaledEntryDto { Value = e.Value, Se = e.StandardError })] } : null,
        TotalFlag = instrument.TotalFlag is { } flag ? new TotalFlagDto { Id = flag.FlagId, At = flag.At, Priority = WireIds.ToWireId(flag.Priority), Source = flag.Source } : null,
        Citation = instrument.Citation,
        Licence = WireIds.ToWireId(instrument.Licence),
        LicenceNote = instrument.LicenceNote,
    };

    private static ItemDto ToDto(Item item)
    {
        bool identity = item.PositionScores.Length == item.MaxScore - item.MinScore + 1
            && item.PositionScores.Select((s, i) => s == item.MinScore + i).All(x => x);
        return new ItemDto
        {
            Number = item.Number,
            Name = item.Name,
            Text = item.Text,
            Min = item.MinScore,
            Max = item.MaxScore,
            PositionScores = identity ? null : [.. item.PositionScores],
            OptionLabels = item.OptionLabels.IsEmpty ? null : [.. item.OptionLabels],
            NotAssessedValue = item.NotAssessedValue,
            NotAssessedIsMissing = item.NotAssessedIsMissing,
            NotAssessedLabel = item.NotAssessedLabel,
            AskedWhen = item.AskedWhen is { } c ? new ConditionDto { Item = c.ItemNumber, Score = c.Score } : null,
            Loinc = item.LoincCode,
        };
    }

    private static InstrumentSpec FromDto(InstrumentDefinitionDto dto)
    {
        Rater rater = WireIds.ParseOr(dto.Rater, Rater.Self);
        LicenceStatus licence = WireIds.ParseOr(dto.Licence, LicenceStatus.Undetermined);
        ScoringMethod method = WireIds.ParseOr(dto.Scoring, ScoringMethod.Sum);
        return new InstrumentSpec
        {
            Id = dto.Id!,
            Name = dto.Name!,
            Rater = rater,
            RulesVersion = string.IsNullOrWhiteSpace(dto.RulesVersion) ? "1" : dto.RulesVersion,
            Method = method,
            Items = [.. dto.Items!.Select(FromDto)],
            Domains = [.. (dto.Domains ?? []).Select(d => new ScoringDomain(
                d.Name ?? "domain",
                [.. d.Items ?? []],
                [.. (d.EitherOr ?? []).Select(g => g.ToImmutableArray())]))],
            RiskTiers = [.. (dto.RiskTiers ?? []).Select(t => new RiskTier(
                WireIds.TryParse(t.Level, out RiskLevel level) ? level : RiskLevel.None,
                [.. t.AnyOf ?? []],
                WireIds.TryParse(t.Priority, out FlagPriority p) ? p : null))],
            RiskProvenance = dto.RiskProvenance,
            BandSets = [.. (dto.BandSets ?? []).Select(s => new BandSetSpec(
                s.Id!,
                s.Citation!,
                [.. (s.Bands ?? []).Select(b => new SeverityBand(b.Id!, b.Label!, b.Min, b.Max))]))],
            SafetyRules = [.. (dto.SafetyItems ?? []).Select(r => new SafetyRule(r.Item, r.ReviewAt, r.UrgentAt, r.Basis!))],
            RemissionThreshold = dto.RemissionThreshold,
            RemissionSource = dto.RemissionSource,
            RelapseThreshold = dto.RelapseThreshold,
            RelapseSource = dto.RelapseSource,
            MinimalImportantDifference = dto.Mcid,
            MinimalImportantDifferenceSource = dto.McidSource,
            MaxMissingForProration = dto.MaxMissingForProration,
            CourseMode = dto.CourseMode is string mode && WireIds.TryParse(mode, out CourseMode parsed) ? parsed
                : dto.TracksTreatmentResponse ? CourseMode.Full : CourseMode.SessionRelative,
            ReliableChangePoints = dto.ReliableChangePoints,
            CaseCutoff = dto.CaseCutoff,
            ReliableChangeSource = dto.ReliableChangeSource,
            LoincPanel = dto.LoincPanel,
            LoincTotal = dto.LoincTotal,
            LoincRiskLevel = dto.LoincRiskLevel,
            Subscales = [.. (dto.Subscales ?? []).Select(x => new Subscale(x.Id!, [.. x.Items ?? []]))],
            ClusterRule = dto.ClusterRule is { } rule ? new ClusterRule(rule.EndorsedAt, [.. (rule.Require ?? []).Select(r => new KeyValuePair<string, int>(r.Subscale ?? "", r.Count))]) : null,
            ResponderAtMost = dto.ResponderAtMost,
            ResponderSource = dto.ResponderSource,
            ScaledScores = dto.ScaledScores is { } table ? new ScaledScoreTable(table.Metric!, table.Source!, table.FirstTotal, [.. (table.Table ?? []).Select(e => (e.Value, e.Se))]) : null,
            TotalFlag = dto.TotalFlag is { } flag ? new TotalFlagRule(flag.Id!, flag.At, WireIds.TryParse(flag.Priority, out FlagPriority fp) ? fp : FlagPriority.Review, flag.Source!) : null,
            Citation = dto.Citation!,
            Licence = licence,
            LicenceNote = dto.LicenceNote!,
        };
    }

    private static Item FromDto(ItemDto item)
    {
        ImmutableArray<int> scores = item.PositionScores is { } given
            ? [.. given]
            : [.. Enumerable.Range(item.Min, item.Max - item.Min + 1)];
        return new Item(
            item.Number,
            item.Name!,
            item.Min,
            item.Max,
            scores,
            item.OptionLabels is null ? default : [.. item.OptionLabels],
            item.NotAssessedValue,
            item.AskedWhen is { } c ? new ItemCondition(c.Item, c.Score) : null,
            item.Text,
            item.Loinc,
            item.NotAssessedIsMissing,
            item.NotAssessedLabel);
    }
}

/// <summary>One problem with an instrument definition.</summary>
public sealed class DefinitionError
{
    /// <summary>Creates an error.</summary>
    /// <param name="code">A stable code (<c>definition-invalid</c> or <c>malformed-document</c>).</param>
    /// <param name="message">What is wrong, naming the parts at fault.</param>
    public DefinitionError(string code, string message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentNullException.ThrowIfNull(message);
        Code = code;
        Message = message;
    }

    /// <summary>A stable code.</summary>
    public string Code { get; }

    /// <summary>What is wrong.</summary>
    public string Message { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Code}: {Message}";
}

/// <summary>The outcome of loading a definition: an instrument, or every problem.</summary>
public sealed class DefinitionLoadResult
{
    internal DefinitionLoadResult(Instrument? instrument, ImmutableArray<DefinitionError> errors)
    {
        Instrument = instrument;
        Errors = errors;
    }

    /// <summary>The instrument, or null.</summary>
    public Instrument? Instrument { get; }

    /// <summary>Every problem found; empty on success.</summary>
    public ImmutableArray<DefinitionError> Errors { get; }

    /// <summary>Whether the definition loaded.</summary>
    [MemberNotNullWhen(true, nameof(Instrument))]
    public bool IsSuccess => Instrument is not null;

    internal static DefinitionLoadResult Failed(ImmutableArray<DefinitionError> errors) => new(null, errors);
}
