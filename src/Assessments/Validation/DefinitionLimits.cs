using System;
using System.Collections.Generic;
using System.Globalization;
using Assessments.Reading;

namespace Assessments.Validation;

/// <summary>
/// The checks that run before the full definition validator: no null entries, and every count and range inside
/// <see cref="Limits"/>. A definition that fails them is refused at once, before anything is sized from its numbers
/// (a position table, a band table), so a hostile definition costs milliseconds.
/// </summary>
internal static class DefinitionLimits
{
    public const string Code = ErrorCodes.DefinitionLimit;

    public static List<string> Check(InstrumentDefinitionDto dto)
    {
        var problems = new List<string>();
        void Fail(string message) => problems.Add(message);
        static string S(FormattableString f) => f.ToString(CultureInfo.InvariantCulture);

        List<ItemDto?> items = dto.Items is null ? [] : [.. dto.Items];
        if (items.Count > Limits.MaxItems)
            Fail(S($"an instrument has at most {Limits.MaxItems} items."));
        for (int i = 0; i < items.Count && i < Limits.MaxItems; i++)
        {
            if (items[i] is not { } item)
            {
                Fail(S($"item at position {i + 1} is null."));
                continue;
            }

            if (item.Max > Limits.MaxItemScore || item.Min > Limits.MaxItemScore || item.Min < -Limits.MaxItemScore || item.Max < -Limits.MaxItemScore)
                Fail(S($"item {i + 1}: item scores lie in 0..{Limits.MaxItemScore}."));
            if (item.PositionScores?.Count > Limits.MaxOptions)
                Fail(S($"item {i + 1}: an item has at most {Limits.MaxOptions} options."));
            if (item.OptionLabels is { } labels && (labels.Count > Limits.MaxOptions || labels.Contains(null!)))
                Fail(S($"item {i + 1}: option labels must be at most {Limits.MaxOptions} strings, none null."));
            if (item.NotAssessedValue is int na && (na > Limits.MaxValueMagnitude || na < -Limits.MaxValueMagnitude))
                Fail(S($"item {i + 1}: \"notAssessedValue\" lies within -{Limits.MaxValueMagnitude}..{Limits.MaxValueMagnitude}."));
        }

        if (dto.BandSets is { } sets)
        {
            if (sets.Count > Limits.MaxBandSets)
                Fail(S($"an instrument has at most {Limits.MaxBandSets} band sets."));
            foreach (BandSetDto? set in sets)
            {
                if (set is null)
                    Fail("a band set is null.");
                else if (set.Bands is { } bands && (bands.Count > Limits.MaxBandsPerSet || bands.Contains(null!)))
                    Fail(S($"band set '{set.Id}': at most {Limits.MaxBandsPerSet} bands, none null."));
            }
        }

        if (dto.SafetyItems is { } safety && (safety.Count > Limits.MaxItems || safety.Contains(null!)))
            Fail(S($"\"safetyItems\" holds at most {Limits.MaxItems} entries, none null."));
        if (dto.RiskTiers is { } tiers && (tiers.Count > Limits.MaxRiskTiers || tiers.Contains(null!) || tiers.Exists(t => t?.AnyOf?.Count > Limits.MaxItems)))
            Fail(S($"\"riskTiers\" holds at most {Limits.MaxRiskTiers} tiers, none null, each naming at most {Limits.MaxItems} items."));
        if (dto.Domains is { } domains)
        {
            if (domains.Count > Limits.MaxItems || domains.Contains(null!))
                Fail(S($"\"domains\" holds at most {Limits.MaxItems} domains, none null."));
            foreach (DomainDto? domain in domains)
            {
                if (domain is null)
                    continue;
                if (domain.Items?.Count > Limits.MaxItems || domain.EitherOr?.Count > Limits.MaxItems || (domain.EitherOr?.Exists(g => g is null || g.Count > Limits.MaxItems) ?? false))
                    Fail(S($"domain '{domain.Name}': at most {Limits.MaxItems} items and either/or groups, none null."));
            }
        }

        if (dto.RemissionThreshold is int r && (r < 0 || r > Limits.MaxItems * Limits.MaxItemScore))
            Fail("\"remissionThreshold\" must be a total within the instrument's range.");
        if (dto.RelapseThreshold is int rt && (rt < 0 || rt > Limits.MaxItems * Limits.MaxItemScore))
            Fail("\"relapseThreshold\" must be a total within the instrument's range.");
        if (dto.Mcid is int m && (m < 1 || m > Limits.MaxItems * Limits.MaxItemScore))
            Fail("\"mcid\" must be a positive number of points within the instrument's range.");
        if (dto.MaxMissingForProration < 0 || dto.MaxMissingForProration > Limits.MaxItems)
            Fail(S($"\"maxMissingForProration\" lies in 0..{Limits.MaxItems}."));
        if (dto.Id?.Length > Limits.MaxIdLength)
            Fail(S($"\"id\" has at most {Limits.MaxIdLength} characters."));
        return problems;
    }
}
