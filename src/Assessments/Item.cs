using System;
using System.Collections.Immutable;

namespace Assessments;

/// <summary>One scored item of an instrument.</summary>
/// <remarks>Immutable and thread-safe. Item numbers are 1-based, as clinicians say "item 9".</remarks>
public sealed class Item
{
    internal Item(
        int number,
        string name,
        int minScore,
        int maxScore,
        ImmutableArray<int> positionScores,
        ImmutableArray<string> optionLabels,
        int? notAssessedValue,
        ItemCondition? askedWhen,
        string? text,
        string? loincCode,
        bool notAssessedIsMissing = false,
        string? notAssessedLabel = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfNegative(minScore);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxScore, minScore);
        if (positionScores.IsDefaultOrEmpty)
            throw new ArgumentException("An item needs at least one option.", nameof(positionScores));
        foreach (int score in positionScores)
        {
            if (score < minScore || score > maxScore)
                throw new ArgumentException($"Item {number}: an option scores outside {minScore}..{maxScore}.", nameof(positionScores));
        }

        if (!optionLabels.IsDefaultOrEmpty && optionLabels.Length != positionScores.Length)
            throw new ArgumentException($"Item {number}: one label per option is needed.", nameof(optionLabels));
        if (notAssessedValue is int na && na >= minScore && na <= maxScore)
            throw new ArgumentException($"Item {number}: the not-assessed value must lie outside the score range.", nameof(notAssessedValue));

        Number = number;
        Name = name;
        MinScore = minScore;
        MaxScore = maxScore;
        PositionScores = positionScores;
        OptionLabels = optionLabels.IsDefault ? ImmutableArray<string>.Empty : optionLabels;
        NotAssessedValue = notAssessedValue;
        NotAssessedIsMissing = notAssessedIsMissing && notAssessedValue is not null;
        NotAssessedLabel = notAssessedValue is null ? null : notAssessedLabel;
        AskedWhen = askedWhen;
        Text = text;
        LoincCode = loincCode;
    }

    /// <summary>The 1-based item number.</summary>
    public int Number { get; }

    /// <summary>A short name for the item (a domain label, never copyrighted wording).</summary>
    public string Name { get; }

    /// <summary>The item wording, only where the instrument's licence allows shipping it; otherwise null.</summary>
    public string? Text { get; }

    /// <summary>The lowest item score.</summary>
    public int MinScore { get; }

    /// <summary>The highest item score.</summary>
    public int MaxScore { get; }

    /// <summary>The item score of each printed option, by option position (0 = first option).</summary>
    /// <remarks>Reverse keying lives here: EPDS item 3 has <c>[3, 2, 1, 0]</c>. Reverse keying applies only
    /// to option positions, never to item scores.</remarks>
    public ImmutableArray<int> PositionScores { get; }

    /// <summary>Labels of the printed options where they are not plain numbers (BDI-II items 16 and 18:
    /// <c>0, 1a, 1b, 2a, 2b, 3a, 3b</c>); empty otherwise.</summary>
    public ImmutableArray<string> OptionLabels { get; }

    /// <summary>A value outside the score range that means "not assessed": it contributes 0 and is noted
    /// (HAM-D item 16, ECDEU convention); null when the item has none.</summary>
    public int? NotAssessedValue { get; }

    /// <summary>Whether <see cref="NotAssessedValue"/> makes the item missing rather than contributing 0 (CGI-S and CGI-I:
    /// 0 is "not assessed", and a one-item rating without its rating has no score).</summary>
    public bool NotAssessedIsMissing { get; }

    /// <summary>Whether option positions are refused for this item: its "not assessed" means missing and is also a valid
    /// option position (CGI's 0), so a position could be the first rating or "not assessed": never guessed.</summary>
    public bool RefusesOptionPositions => NotAssessedIsMissing && NotAssessedValue is int na && na >= 0 && na < PositionScores.Length;

    /// <summary>The option label that stands for <see cref="NotAssessedValue"/> (WSAS item 1: <c>not-applicable</c>),
    /// accepted as a value and named in the note (<c>item-1-not-applicable</c>); null for none.</summary>
    public string? NotAssessedLabel { get; }

    /// <summary>The skip-logic condition under which the item is asked; null when it is always asked.</summary>
    public ItemCondition? AskedWhen { get; }

    /// <summary>The LOINC code of the item, where one exists.</summary>
    public string? LoincCode { get; }

    /// <summary>Whether the item's printed options descend (its first option scores highest). A property of the form's
    /// option order, not of the construct: GDS-15 prints yes before no, so its items that score on "yes" descend.</summary>
    public bool IsReverseKeyed => PositionScores.Length > 1 && PositionScores[0] > PositionScores[^1];

    /// <summary>Parses one value token as given on a form, in a file or on a command line.</summary>
    /// <remarks><c>-</c> (or an empty token) is unanswered. An integer is taken as it is (range checks come at
    /// validation). An option label (<c>1a</c>, <c>yes</c>) stands for its option: its position when
    /// <paramref name="kind"/> is <see cref="ResponseValueKind.OptionPositions"/>, else its item score.</remarks>
    /// <param name="token">The token.</param>
    /// <param name="kind">What the values are.</param>
    /// <param name="value">The value, or null for unanswered.</param>
    /// <returns>False when the token is neither a number, <c>-</c>, nor one of the item's option labels.</returns>
    public bool TryParseValue(string token, ResponseValueKind kind, out int? value)
    {
        ArgumentNullException.ThrowIfNull(token);
        token = token.Trim();
        value = null;
        if (token.Length == 0 || token == "-")
            return true;
        if (int.TryParse(token, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out int number))
        {
            value = number;
            return true;
        }

        if (NotAssessedLabel is not null && string.Equals(NotAssessedLabel, token, StringComparison.OrdinalIgnoreCase))
        {
            value = NotAssessedValue;
            return true;
        }

        for (int i = 0; i < OptionLabels.Length; i++)
        {
            if (string.Equals(OptionLabels[i], token, StringComparison.OrdinalIgnoreCase))
            {
                value = kind == ResponseValueKind.OptionPositions ? i : PositionScores[i];
                return true;
            }
        }

        return false;
    }
}

/// <summary>A skip-logic condition: the item is asked only when another item has a given item score.</summary>
public sealed class ItemCondition
{
    /// <summary>Creates a condition.</summary>
    /// <param name="itemNumber">The 1-based number of the item the condition reads.</param>
    /// <param name="score">The item score that item must have.</param>
    public ItemCondition(int itemNumber, int score)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(itemNumber, 1);
        ItemNumber = itemNumber;
        Score = score;
    }

    /// <summary>The 1-based number of the item the condition reads.</summary>
    public int ItemNumber { get; }

    /// <summary>The item score that item must have for the dependent item to be asked.</summary>
    public int Score { get; }
}
