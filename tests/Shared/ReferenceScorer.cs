using System;
using System.Collections.Generic;
using System.Linq;

namespace Assessments.Testing;

/// <summary>One raw value as a reader sees it: an integer, a blank, or something unreadable.</summary>
public readonly record struct Raw(int? Value, bool Unreadable)
{
    public static Raw Blank => new(null, false);

    public static Raw Bad => new(null, true);

    public static Raw Of(int value) => new(value, false);

    public override string ToString() => Unreadable ? "x" : Value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-";
}

/// <summary>What the specification says a response gives: errors (code, item), flags in wire order, total, risk.</summary>
public sealed record Expected(bool Valid, List<(string Code, int? Item)> Errors, List<(string Id, int? Item, int? Value, RiskLevel? Risk, FlagPriority? Priority)> Flags, int? Total, RiskLevel? Risk, bool Prorated);

/// <summary>
/// The test oracle: the clinical rules (docs/clinical-rules.md) written out naively, item by item, sharing no code with
/// the scoring kernel. Properties hold the kernel, every projection and every reader equal to it.
/// </summary>
public static class ReferenceScorer
{
    private enum Ask
    {
        Asked,
        NotAsked,
        Unknown,
    }

    public static Expected Score(Instrument instrument, IReadOnlyList<Raw> raws, ResponseValueKind kind, bool prorate, bool noOnSkipped = false)
    {
        var flags = new List<(string, int?, int?, RiskLevel?, FlagPriority?)>();
        int n = instrument.Items.Length;
        bool riskTiers = instrument.Method == ScoringMethod.RiskTiers;
        if (raws.Count != n)
        {
            foreach (SafetyRule rule in instrument.SafetyRules)
                flags.Add((FlagIds.SafetyItemUnanswered, rule.ItemNumber, null, null, null));
            if (riskTiers)
            {
                foreach (Item item in instrument.Items)
                {
                    if (item.AskedWhen is null && instrument.SafetyRules.All(r => r.ItemNumber != item.Number))
                        flags.Add((FlagIds.SafetyItemUnanswered, item.Number, null, null, null));
                }
            }

            return new Expected(false, [(ErrorCodes.ItemCount, null)], flags, null, null, false);
        }

        // Keyed score of a readable value, ignoring skip logic; null when outside the item's values.
        int? KeyOf(int i)
        {
            Item item = instrument.Items[i];
            if (raws[i].Unreadable || raws[i].Value is not int v)
                return null;
            if (kind == ResponseValueKind.OptionPositions && item.NotAssessedIsMissing && item.NotAssessedValue is int na && na >= 0 && na < item.PositionScores.Length)
                return null; // CGI: positions are refused (is position 0 the first rating or "not assessed"?)
            if (IsNotAssessed(i))
                return item.NotAssessedIsMissing ? null : 0;
            if (kind == ResponseValueKind.OptionPositions)
                return v >= 0 && v < item.PositionScores.Length ? item.PositionScores[v] : null;
            return v >= item.MinScore && v <= item.MaxScore ? v : null;
        }

        // The not-assessed value, unless it is an option position being given (CGI: position 0 is the first option).
        bool IsNotAssessed(int i) => !raws[i].Unreadable && raws[i].Value is int v && instrument.Items[i].NotAssessedValue == v
            && (kind == ResponseValueKind.ItemScores || (v < 0 || v >= instrument.Items[i].PositionScores.Length) && !instrument.Items[i].NotAssessedIsMissing);

        var ask = new Ask[n];
        var valid = new int?[n]; // the valid score of an asked, readable, in-range value
        for (int i = 0; i < n; i++)
        {
            ItemCondition? c = instrument.Items[i].AskedWhen;
            if (c is null)
                ask[i] = Ask.Asked;
            else if (ask[c.ItemNumber - 1] == Ask.NotAsked)
                ask[i] = Ask.NotAsked;
            else if (valid[c.ItemNumber - 1] is int p)
                ask[i] = p == c.Score ? Ask.Asked : Ask.NotAsked;
            else
                ask[i] = Ask.Unknown;
            if (ask[i] != Ask.NotAsked)
                valid[i] = KeyOf(i);
        }

        // The import rule, when asked for: the item's lowest score where the skip logic did not ask the item is read
        // as not asked (a "No" stored for a skipped question), neither an error nor a value.
        bool SkippedNo(int i) => noOnSkipped && ask[i] == Ask.NotAsked && !IsNotAssessed(i) && KeyOf(i) is int k && k == instrument.Items[i].MinScore;

        bool IsSafety(int i) => riskTiers || instrument.SafetyRules.Any(r => r.ItemNumber == i + 1);

        // Blanks that are asked: either/or partners, then proration.
        // A "not assessed" that means missing (CGI) is a blank.
        bool IsMissingMarker(int i) => IsNotAssessed(i) && instrument.Items[i].NotAssessedIsMissing;
        var blank = Enumerable.Range(0, n).Where(i => !raws[i].Unreadable && (raws[i].Value is null || IsMissingMarker(i)) && ask[i] == Ask.Asked).ToHashSet();
        foreach (ScoringDomain domain in instrument.Domains)
        {
            foreach (var group in domain.EitherOrGroups)
            {
                if (group.Any(m => valid[m - 1] is not null))
                    blank.ExceptWith(group.Select(m => m - 1));
            }
        }

        bool IsParent(int i) => instrument.Items.Any(item => item.AskedWhen?.ItemNumber == i + 1);
        bool prorated = false;
        if (prorate && blank.Count > 0 && !blank.Any(IsSafety) && !blank.Any(IsParent))
        {
            if (instrument.Method == ScoringMethod.DomainMaximumSum)
            {
                foreach (int i in blank.ToList())
                {
                    ScoringDomain d = instrument.Domains.First(x => x.ItemNumbers.Contains(i + 1));
                    if (d.ItemNumbers.Length > 1 && d.ItemNumbers.Any(m => valid[m - 1] is not null))
                    {
                        blank.Remove(i);
                        prorated = true;
                    }
                }
            }
            else if (blank.Count <= instrument.MaxMissingForProration)
            {
                blank.Clear();
                prorated = true;
            }
        }

        var errors = new List<(string, int?)>();
        for (int i = 0; i < n; i++)
        {
            if (raws[i].Unreadable)
                errors.Add((ErrorCodes.ItemNotANumber, i + 1));
            else if (raws[i].Value is not null && ask[i] == Ask.NotAsked && !SkippedNo(i))
                errors.Add((ErrorCodes.ItemNotAsked, i + 1));
            else if (SkippedNo(i))
                continue;
            else if (blank.Contains(i))
                errors.Add((ErrorCodes.ItemMissing, i + 1));
            else if (raws[i].Value is not null && KeyOf(i) is null && !(IsMissingMarker(i) && ask[i] == Ask.Asked))
                errors.Add((ErrorCodes.ItemOutOfRange, i + 1));
        }

        bool ok = errors.Count == 0;

        // A readable in-range value, whatever the skip logic said (a "yes" is never silent).
        int? Readable(int i) => IsNotAssessed(i) || SkippedNo(i) ? null : KeyOf(i);
        // Something given that cannot be read (unreadable, out of range; a "not assessed" value is not a reading) is
        // asked again even where the skip logic says the question was not asked: it could be a "yes".
        bool GivenButInvalid(int i) => raws[i].Unreadable || (raws[i].Value is not null && !IsNotAssessed(i) && KeyOf(i) is null);
        bool MustAskAgain(int i) => Readable(i) is null && (ask[i] != Ask.NotAsked || GivenButInvalid(i));

        foreach (SafetyRule rule in instrument.SafetyRules)
        {
            int i = rule.ItemNumber - 1;
            if (Readable(i) is int v)
            {
                if (v >= rule.UrgentAt)
                    flags.Add((FlagIds.SuicideRisk, rule.ItemNumber, v, null, FlagPriority.Urgent));
                else if (v >= rule.ReviewAt)
                    flags.Add((FlagIds.SuicideRisk, rule.ItemNumber, v, null, FlagPriority.Review));
            }
            else if (MustAskAgain(i))
            {
                flags.Add((FlagIds.SafetyItemUnanswered, rule.ItemNumber, null, null, null));
            }
        }

        RiskLevel? risk = null;
        if (riskTiers)
        {
            for (int i = 0; i < n; i++)
            {
                if (instrument.SafetyRules.All(r => r.ItemNumber != i + 1) && MustAskAgain(i))
                    flags.Add((FlagIds.SafetyItemUnanswered, i + 1, null, null, null));
            }

            RiskTier? tier = instrument.RiskTiers.FirstOrDefault(t => t.AnyOfItems.Any(m => (ok ? valid[m - 1] : Readable(m - 1)) == 1 && !IsNotAssessed(m - 1)));
            if (tier?.Priority is FlagPriority p)
                flags.Add((FlagIds.SuicideRisk, null, null, tier.Level, p));
            if (ok)
                risk = tier?.Level ?? RiskLevel.None;
        }

        // A flag on the total (YMRS mania-signal): the total, or on an invalid response the sum of the readable items.
        if (!ok)
        {
            if (instrument.TotalFlag is { } invalidFlag && Enumerable.Range(0, n).Sum(i => Readable(i) ?? 0) is int bound && bound >= invalidFlag.At)
                flags.Add((invalidFlag.FlagId, null, bound, null, invalidFlag.Priority));
            return new Expected(false, errors, flags, null, null, false);
        }

        int? total = null;
        if (instrument.Method == ScoringMethod.DomainMaximumSum)
        {
            total = instrument.Domains.Sum(d => d.ItemNumbers.Select(m => valid[m - 1] ?? 0).Max());
        }
        else if (instrument.Method == ScoringMethod.Sum)
        {
            int answered = Enumerable.Range(0, n).Count(i => valid[i] is not null);
            int sum = Enumerable.Range(0, n).Sum(i => valid[i] ?? 0);
            if (prorated && answered > 0)
            {
                decimal exact = (decimal)sum * n / answered;
                total = (int)Math.Clamp(Math.Round(exact, MidpointRounding.AwayFromZero), instrument.MinTotal, instrument.MaxTotal);
            }
            else
            {
                total = sum;
            }
        }

        if (instrument.TotalFlag is { } totalFlag && total >= totalFlag.At)
            flags.Add((totalFlag.FlagId, null, total, null, totalFlag.Priority));
        return new Expected(true, errors, flags, total, risk, prorated);
    }
}
