using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace Assessments.Testing;

/// <summary>
/// Random instruments, as a clinic definition could declare them (up to the caller's item count: past the 64-bit masks
/// of any fast path), with nested skip logic, reverse and scrambled keys beside "not assessed" values, safety items,
/// max-of-domain groups with either/or pairs and risk tiers; and raw values that walk their skip logic. Shared by the
/// FsCheck properties and the fuzz harness.
/// </summary>
public static class RandomInstruments
{
    public static Raw[] Walk(Instrument instrument, ResponseValueKind kind, int length, int noisePercent, System.Random random)
    {
        var raws = new Raw[length];
        var scores = new int?[instrument.Items.Length];
        for (int i = 0; i < length; i++)
        {
            Item? item = i < instrument.Items.Length ? instrument.Items[i] : null;
            if (item is null)
            {
                raws[i] = Raw.Of(random.Next(0, 4));
                continue;
            }

            bool asked = item.AskedWhen is not { } c || scores[c.ItemNumber - 1] == c.Score;
            if (random.Next(100) < noisePercent)
            {
                raws[i] = random.Next(6) switch
                {
                    0 => Raw.Blank,
                    1 => Raw.Bad,
                    2 => Raw.Of(item.MaxScore + random.Next(1, 4)),
                    3 => Raw.Of(-random.Next(1, 4)),
                    4 when item.NotAssessedValue is int na => Raw.Of(na),
                    _ => Raw.Of(random.Next(item.MinScore, item.MaxScore + 1)),
                };
            }
            else if (!asked)
            {
                raws[i] = Raw.Blank;
            }
            else if (kind == ResponseValueKind.OptionPositions)
            {
                raws[i] = Raw.Of(random.Next(item.PositionScores.Length));
            }
            else
            {
                raws[i] = Raw.Of(random.Next(item.MinScore, item.MaxScore + 1));
            }

            if (raws[i].Value is int v && !raws[i].Unreadable)
            {
                int? keyed = kind == ResponseValueKind.OptionPositions
                    ? (v >= 0 && v < item.PositionScores.Length ? item.PositionScores[v] : null)
                    : (v >= item.MinScore && v <= item.MaxScore ? v : null);
                scores[i] = keyed;
            }
        }

        return raws;
    }
    private static int Lowest(Item item) => item.AskedWhen is null && item.NotAssessedValue is null ? item.MinScore : 0;

    public static Instrument Build(ScoringMethod method, int n, int seed)
    {
        var r = new System.Random(seed);
        bool tiers = method == ScoringMethod.RiskTiers;
        var items = new List<Item>();
        var safety = new List<SafetyRule>();
        int safetyWanted = tiers ? r.Next(0, 2) : r.Next(0, 4);
        bool plain = method == ScoringMethod.Sum && r.Next(3) == 0; // no skip logic: the simple-sum loop
        var safetyItems = Enumerable.Range(1, n).OrderBy(_ => r.Next()).Take(safetyWanted).ToHashSet();
        for (int number = 1; number <= n; number++)
        {
            int min = tiers ? 0 : r.Next(0, 3);
            int max = tiers ? 1 : min + r.Next(safetyItems.Contains(number) ? 1 : 0, 7);
            bool safe = safetyItems.Contains(number);
            ImmutableArray<int> positions = r.Next(4) switch
            {
                0 => [.. Enumerable.Range(min, max - min + 1).Reverse()],
                1 => [.. Enumerable.Range(0, r.Next(1, 9)).Select(_ => r.Next(min, max + 1))],
                _ => [.. Enumerable.Range(min, max - min + 1)],
            };
            int? notAssessed = !tiers && !safe && r.Next(7) == 0 ? (r.Next(2) == 0 ? max + r.Next(1, 3) : -1) : null;
            ItemCondition? condition = null;
            if (!plain && number > 1 && r.Next(100) < (tiers ? 45 : 20))
            {
                int parent = r.Next(1, number);
                Item p = items[parent - 1];
                condition = new ItemCondition(parent, r.Next(p.MinScore, p.MaxScore + 1));
            }

            items.Add(new Item(number, $"item {number}", min, max, positions, default, notAssessed, condition, null, null));
            if (safetyItems.Contains(number))
            {
                int review = r.Next(1, max + 1);
                safety.Add(new SafetyRule(number, review, r.Next(review, max + 1), "generated"));
            }
        }

        var domains = ImmutableArray.CreateBuilder<ScoringDomain>();
        if (method == ScoringMethod.DomainMaximumSum)
        {
            int at = 1;
            while (at <= n)
            {
                int size = System.Math.Min(n - at + 1, r.Next(1, 5));
                int[] members = [.. Enumerable.Range(at, size)];
                ImmutableArray<ImmutableArray<int>> either = size >= 2 && r.Next(2) == 0 ? [[members[0], members[1]]] : [];
                domains.Add(new ScoringDomain($"d{at}", [.. members], either));
                at += size;
            }
        }

        var riskTiers = ImmutableArray.CreateBuilder<RiskTier>();
        if (tiers)
        {
            RiskLevel[] levels = [RiskLevel.High, RiskLevel.Moderate, RiskLevel.Low];
            foreach (RiskLevel level in levels.Take(r.Next(1, 4)))
            {
                ImmutableArray<int> any = [.. Enumerable.Range(1, n).OrderBy(_ => r.Next()).Take(r.Next(1, System.Math.Min(n, 3) + 1))];
                FlagPriority? priority = r.Next(5) == 0 ? null : level == RiskLevel.High ? FlagPriority.Urgent : FlagPriority.Review;
                riskTiers.Add(new RiskTier(level, any, priority));
            }
        }

        (int minTotal, int maxTotal) = method switch
        {
            ScoringMethod.DomainMaximumSum => (domains.Sum(d => d.ItemNumbers.Min(m => Lowest(items[m - 1]))), domains.Sum(d => d.ItemNumbers.Max(m => items[m - 1].MaxScore))),
            ScoringMethod.RiskTiers => (0, 0),
            _ => (items.Sum(Lowest), items.Sum(i => i.MaxScore)),
        };
        ImmutableArray<BandSetSpec> bands = tiers ? [] : [new BandSetSpec("all", "generated", [new SeverityBand("all", "All", minTotal, maxTotal)])];
        return new Instrument(new InstrumentSpec
        {
            Id = $"generated-{method}-{n}-{seed}".ToLowerInvariant(),
            Name = "generated",
            Rater = Rater.Self,
            Items = [.. items],
            Method = method,
            Domains = domains.ToImmutable(),
            RiskTiers = riskTiers.ToImmutable(),
            SafetyRules = [.. safety],
            BandSets = bands,
            MaxMissingForProration = r.Next(0, System.Math.Min(3, n)),
            Citation = "generated",
            Licence = LicenceStatus.Undetermined,
            LicenceNote = "generated",
        });
    }
}
