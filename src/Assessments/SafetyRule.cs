using System;
using System.Collections.Immutable;

namespace Assessments;

/// <summary>A suicide-safety item and the item scores at which it is flagged.</summary>
/// <remarks>A safety item is always surfaced, never hidden by a low total, and never prorated
/// (docs/clinical-rules.md §3).</remarks>
public sealed class SafetyRule
{
    /// <summary>Creates a safety rule.</summary>
    /// <param name="itemNumber">The 1-based safety item.</param>
    /// <param name="reviewAt">Item score at or above which the flag has priority <see cref="FlagPriority.Review"/>.</param>
    /// <param name="urgentAt">Item score at or above which the flag has priority <see cref="FlagPriority.Urgent"/>.</param>
    /// <param name="basis">The source or convention behind the thresholds.</param>
    public SafetyRule(int itemNumber, int reviewAt, int urgentAt, string basis)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(itemNumber, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(reviewAt, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(urgentAt, reviewAt);
        ArgumentException.ThrowIfNullOrWhiteSpace(basis);
        ItemNumber = itemNumber;
        ReviewAt = reviewAt;
        UrgentAt = urgentAt;
        Basis = basis;
    }

    /// <summary>The 1-based safety item.</summary>
    public int ItemNumber { get; }

    /// <summary>Item score at or above which the item is flagged for review.</summary>
    public int ReviewAt { get; }

    /// <summary>Item score at or above which the flag is urgent.</summary>
    public int UrgentAt { get; }

    /// <summary>The source or convention behind the thresholds.</summary>
    public string Basis { get; }

    /// <summary>The priority an item score earns, or null when it is below <see cref="ReviewAt"/>.</summary>
    /// <param name="itemScore">The safety item's score.</param>
    /// <returns>The priority, or null.</returns>
    public FlagPriority? PriorityFor(int itemScore) =>
        itemScore >= UrgentAt ? FlagPriority.Urgent : itemScore >= ReviewAt ? FlagPriority.Review : null;
}

/// <summary>One tier of a risk-level rule: the level applies when any of its items is endorsed (score 1).</summary>
/// <remarks>Tiers are tried from the highest level down; the first tier with an endorsed item wins.</remarks>
public sealed class RiskTier
{
    /// <summary>Creates a tier.</summary>
    /// <param name="level">The risk level of the tier.</param>
    /// <param name="anyOfItems">The 1-based items any one of which, endorsed, gives this level.</param>
    /// <param name="priority">The flag priority of this level, or null for no flag.</param>
    public RiskTier(RiskLevel level, ImmutableArray<int> anyOfItems, FlagPriority? priority)
    {
        if (anyOfItems.IsDefault)
            throw new ArgumentException("A tier needs its item list.", nameof(anyOfItems));
        Level = level;
        AnyOfItems = anyOfItems;
        Priority = priority;
    }

    /// <summary>The risk level of the tier.</summary>
    public RiskLevel Level { get; }

    /// <summary>The 1-based items any one of which, endorsed, gives this level.</summary>
    public ImmutableArray<int> AnyOfItems { get; }

    /// <summary>The flag priority of this level, or null for no flag.</summary>
    public FlagPriority? Priority { get; }
}

/// <summary>A scoring domain: a group of items of which only the highest score counts (QIDS-SR16).</summary>
public sealed class ScoringDomain
{
    /// <summary>Creates a domain.</summary>
    /// <param name="name">Domain name, such as <c>sleep</c>.</param>
    /// <param name="itemNumbers">The 1-based items of the domain.</param>
    /// <param name="eitherOrGroups">Groups of items of which the form asks for either one: a blank in a group
    /// with an answer is not missing (QIDS-SR16 items 6/7 and 8/9).</param>
    public ScoringDomain(string name, ImmutableArray<int> itemNumbers, ImmutableArray<ImmutableArray<int>> eitherOrGroups)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (itemNumbers.IsDefaultOrEmpty)
            throw new ArgumentException("A domain needs at least one item.", nameof(itemNumbers));
        Name = name;
        ItemNumbers = itemNumbers;
        EitherOrGroups = eitherOrGroups.IsDefault ? ImmutableArray<ImmutableArray<int>>.Empty : eitherOrGroups;
    }

    /// <summary>Domain name.</summary>
    public string Name { get; }

    /// <summary>The 1-based items of the domain.</summary>
    public ImmutableArray<int> ItemNumbers { get; }

    /// <summary>Groups of items of which the form asks for either one.</summary>
    public ImmutableArray<ImmutableArray<int>> EitherOrGroups { get; }
}
