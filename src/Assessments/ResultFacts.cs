using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace Assessments;

/// <summary>A named sum of some items reported beside the total: the PCL-5's DSM-5 clusters (B, C, D, E), the HAM-A's
/// psychic and somatic sub-scores. A view of the item scores, never a second total.</summary>
public sealed class Subscale
{
    /// <summary>A subscale.</summary>
    /// <param name="id">Its wire id (<c>B</c>, <c>psychic</c>).</param>
    /// <param name="itemNumbers">Its 1-based items.</param>
    public Subscale(string id, ImmutableArray<int> itemNumbers)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        if (itemNumbers.IsDefaultOrEmpty)
            throw new ArgumentException("A subscale needs at least one item.", nameof(itemNumbers));
        Id = id;
        ItemNumbers = itemNumbers;
    }

    /// <summary>The wire id.</summary>
    public string Id { get; }

    /// <summary>The 1-based items summed.</summary>
    public ImmutableArray<int> ItemNumbers { get; }
}

/// <summary>A diagnostic rule over subscales (the PCL-5's DSM-5 rule: an item counts as endorsed at 2 or more; at
/// least one B, one C, two D and two E items endorsed). Reported beside the total as <c>dsm5ClusterRule</c>, never as a
/// diagnosis.</summary>
public sealed class ClusterRule
{
    /// <summary>A cluster rule.</summary>
    /// <param name="endorsedAt">The item score at or above which an item counts as endorsed.</param>
    /// <param name="required">For each subscale id, how many of its items must be endorsed.</param>
    public ClusterRule(int endorsedAt, ImmutableArray<KeyValuePair<string, int>> required)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(endorsedAt);
        if (required.IsDefaultOrEmpty)
            throw new ArgumentException("A cluster rule needs at least one requirement.", nameof(required));
        EndorsedAt = endorsedAt;
        Required = required;
    }

    /// <summary>The item score at or above which an item counts as endorsed.</summary>
    public int EndorsedAt { get; }

    /// <summary>For each subscale id, how many of its items must be endorsed.</summary>
    public ImmutableArray<KeyValuePair<string, int>> Required { get; }
}

/// <summary>A scaled score looked up from the total (the PROMIS T-score and its standard error).</summary>
/// <param name="Metric">The metric (<c>promis-t</c>).</param>
/// <param name="Value">The scaled score.</param>
/// <param name="StandardError">Its standard error.</param>
public sealed record ScaledScore(string Metric, decimal Value, decimal StandardError);

/// <summary>A table from every total of an instrument to its scaled score (HealthMeasures' raw-to-T tables).</summary>
public sealed class ScaledScoreTable
{
    /// <summary>A table.</summary>
    /// <param name="metric">The metric id (<c>promis-t</c>).</param>
    /// <param name="source">Where the table comes from.</param>
    /// <param name="firstTotal">The total of the first entry.</param>
    /// <param name="entries">The (value, standard error) of each total from <paramref name="firstTotal"/> up, one per
    /// total.</param>
    public ScaledScoreTable(string metric, string source, int firstTotal, ImmutableArray<(decimal Value, decimal StandardError)> entries)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(metric);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        if (entries.IsDefaultOrEmpty)
            throw new ArgumentException("A table needs entries.", nameof(entries));
        Metric = metric;
        Source = source;
        FirstTotal = firstTotal;
        Scores = [.. entries.Select(e => new ScaledScore(metric, e.Value, e.StandardError))];
    }

    /// <summary>The metric id.</summary>
    public string Metric { get; }

    /// <summary>Where the table comes from.</summary>
    public string Source { get; }

    /// <summary>The total of the first entry.</summary>
    public int FirstTotal { get; }

    /// <summary>The scaled score of each total from <see cref="FirstTotal"/> up.</summary>
    public ImmutableArray<ScaledScore> Scores { get; }

    /// <summary>The scaled score of a total, or null outside the table.</summary>
    /// <param name="total">The total.</param>
    /// <returns>The scaled score.</returns>
    public ScaledScore? Of(int total) => total >= FirstTotal && total - FirstTotal < Scores.Length ? Scores[total - FirstTotal] : null;
}

/// <summary>A flag raised on the total (the YMRS <c>mania-signal</c> at 13 or more): raised like a safety flag and never
/// hidden. On an invalid response it is raised when the items that could be read already reach the threshold (a lower
/// bound of the total), with that sum as its value.</summary>
public sealed class TotalFlagRule
{
    /// <summary>A rule.</summary>
    /// <param name="flagId">The flag's id (<c>mania-signal</c>).</param>
    /// <param name="at">The total at or above which it is raised.</param>
    /// <param name="priority">Its priority.</param>
    /// <param name="source">Why this threshold.</param>
    public TotalFlagRule(string flagId, int at, FlagPriority priority, string source)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(flagId);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        if (!Enum.IsDefined(priority))
            throw new ArgumentOutOfRangeException(nameof(priority));
        FlagId = flagId;
        At = at;
        Priority = priority;
        Source = source;
    }

    /// <summary>The flag's id.</summary>
    public string FlagId { get; }

    /// <summary>The total at or above which it is raised.</summary>
    public int At { get; }

    /// <summary>Its priority.</summary>
    public FlagPriority Priority { get; }

    /// <summary>Why this threshold.</summary>
    public string Source { get; }
}

/// <summary>The facts of a valid result beside its total, from its item scores: the one computation every view uses.</summary>
internal static class ResultFacts
{
    /// <summary>Whether the instrument reports any fact beside its total.</summary>
    public static bool Any(Instrument instrument) =>
        !instrument.Subscales.IsEmpty || instrument.ClusterRule is not null || instrument.ResponderAtMost is not null || instrument.ScaledScores is not null;

    /// <summary>A subscale's sum over keyed item scores (-1 for an item without one, which counts 0).</summary>
    public static int Subscore(Subscale subscale, ReadOnlySpan<int> scores)
    {
        int sum = 0;
        foreach (int n in subscale.ItemNumbers)
            sum += Math.Max(0, scores[n - 1]);
        return sum;
    }

    /// <summary>Whether the cluster rule is met over keyed item scores (-1 for an item without one).</summary>
    public static bool MeetsClusterRule(Instrument instrument, ClusterRule rule, ReadOnlySpan<int> scores)
    {
        foreach ((string id, int required) in rule.Required)
        {
            int endorsed = 0;
            foreach (Subscale subscale in instrument.Subscales)
            {
                if (subscale.Id != id)
                    continue;
                foreach (int n in subscale.ItemNumbers)
                {
                    if (scores[n - 1] >= rule.EndorsedAt)
                        endorsed++;
                }
            }

            if (endorsed < required)
                return false;
        }

        return true;
    }

    /// <summary>Whether a rating is a response (at or below <see cref="Instrument.ResponderAtMost"/>).</summary>
    public static bool? Responder(Instrument instrument, int total) => instrument.ResponderAtMost is int at ? total <= at : null;
}
