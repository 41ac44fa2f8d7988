using System.Collections.Immutable;
using System.Globalization;
using FluentValidation;
using FluentValidation.Results;

namespace Assessments.Validation;

/// <summary>
/// The validator of record for a response to one instrument: item count, skip logic, ranges and missing items,
/// each failure with a stable code (<see cref="ErrorCodes"/>) and the 1-based item as its state.
/// </summary>
/// <remarks>Built once per instrument (instruments are immutable). Messages name the item and the allowed
/// values, never the value given.</remarks>
internal sealed class ResponseValidator : AbstractValidator<ResponseAnalysis>
{
    public ResponseValidator(Instrument instrument)
    {
        int count = instrument.Items.Length;
        RuleFor(x => x.Values.Count)
            .Equal(count)
            .WithErrorCode(ErrorCodes.ItemCount)
            .WithMessage(x => string.Create(CultureInfo.InvariantCulture, $"{instrument.Id} expects {count} item values; {x.Values.Count} were given."));

        When(x => x.CountMatches, () =>
        {
            foreach (Item item in instrument.Items)
            {
                int index = item.Number - 1;
                int number = item.Number;
                if (item.AskedWhen is { } condition)
                {
                    RuleFor(x => x.Values[index])
                        .Must((x, _) => !x.IsAnsweredButNotAsked(index))
                        .WithErrorCode(ErrorCodes.ItemNotAsked)
                        .WithState(_ => number)
                        .WithMessage(Messages.NotAsked(item, condition));
                }

                RuleFor(x => x.Values[index])
                    .Must((x, _) => x.IsAnsweredButNotAsked(index) || !x.IsOutOfRange(index))
                    .WithErrorCode(ErrorCodes.ItemOutOfRange)
                    .WithState(_ => number)
                    .WithMessage(x => Messages.OutOfRange(item, x.Options.Values));
                RuleFor(x => x.Values[index])
                    .Must((x, _) => !x.IsMissing(index))
                    .WithErrorCode(ErrorCodes.ItemMissing)
                    .WithState(_ => number)
                    .WithMessage(x => Messages.Missing(instrument, item, x.MissingReason[index]));
            }
        });
    }

    /// <summary>Runs the validator and maps its failures to our error type, in item order.</summary>
    public ImmutableArray<ScoringError> Check(ResponseAnalysis analysis)
    {
        ValidationResult result = Validate(analysis);
        if (result.IsValid)
            return ImmutableArray<ScoringError>.Empty;
        var errors = ImmutableArray.CreateBuilder<ScoringError>(result.Errors.Count);
        foreach (ValidationFailure failure in result.Errors)
            errors.Add(new ScoringError(failure.ErrorCode, failure.CustomState as int?, failure.ErrorMessage));
        return errors.MoveToImmutable();
    }
}

/// <summary>
/// The engine's fast validation: the same checks as <see cref="ResponseValidator"/>, in the same order and with the
/// same codes and messages, without FluentValidation's per-call cost. An FsCheck property holds the two equal.
/// </summary>
internal static class FastValidation
{
    public static ImmutableArray<ScoringError> Check(ResponseAnalysis analysis)
    {
        Instrument instrument = analysis.Instrument;
        if (!analysis.CountMatches)
        {
            int count = instrument.Items.Length;
            return [new ScoringError(ErrorCodes.ItemCount, null, string.Create(CultureInfo.InvariantCulture, $"{instrument.Id} expects {count} item values; {analysis.Values.Count} were given."))];
        }

        ImmutableArray<ScoringError>.Builder? errors = null;
        foreach (Item item in instrument.Items)
        {
            int index = item.Number - 1;
            bool notAsked = analysis.IsAnsweredButNotAsked(index);
            if (notAsked && item.AskedWhen is { } condition)
                (errors ??= ImmutableArray.CreateBuilder<ScoringError>()).Add(new ScoringError(ErrorCodes.ItemNotAsked, item.Number, Messages.NotAsked(item, condition)));
            if (!notAsked && analysis.IsOutOfRange(index))
                (errors ??= ImmutableArray.CreateBuilder<ScoringError>()).Add(new ScoringError(ErrorCodes.ItemOutOfRange, item.Number, Messages.OutOfRange(item, analysis.Options.Values)));
            if (analysis.IsMissing(index))
                (errors ??= ImmutableArray.CreateBuilder<ScoringError>()).Add(new ScoringError(ErrorCodes.ItemMissing, item.Number, Messages.Missing(instrument, item, analysis.MissingReason[index])));
        }

        return errors?.ToImmutable() ?? ImmutableArray<ScoringError>.Empty;
    }
}

/// <summary>Error messages: they name the item and the allowed values, never the value given.</summary>
internal static class Messages
{
    public static string OutOfRange(Item item, ResponseValueKind kind)
    {
        string allowed = kind == ResponseValueKind.OptionPositions
            ? string.Create(CultureInfo.InvariantCulture, $"option positions 0 to {item.PositionScores.Length - 1}")
            : string.Create(CultureInfo.InvariantCulture, $"item scores {item.MinScore} to {item.MaxScore}");
        string notAssessed = item.NotAssessedValue is int na
            ? string.Create(CultureInfo.InvariantCulture, $", or {na} for not assessed")
            : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"Item {item.Number} ({item.Name}) accepts {allowed}{notAssessed}.");
    }

    public static string NotAsked(Item item, ItemCondition condition) =>
        string.Create(CultureInfo.InvariantCulture, $"Item {item.Number} ({item.Name}) is asked only when item {condition.ItemNumber} scores {condition.Score}; leave it unanswered ('-').");

    public static string Missing(Instrument instrument, Item item, MissingReason reason) => reason switch
    {
        MissingReason.SafetyItem => string.Create(CultureInfo.InvariantCulture, $"Item {item.Number} ({item.Name}) is a safety item and is unanswered; a safety item is never prorated."),
        MissingReason.SafetyItemBlocksProration => string.Create(CultureInfo.InvariantCulture, $"Item {item.Number} ({item.Name}) is unanswered; no proration while a safety item is unanswered."),
        MissingReason.TooManyToProrate => instrument.MaxMissingForProration == 0
            ? string.Create(CultureInfo.InvariantCulture, $"Item {item.Number} ({item.Name}) is unanswered; {instrument.Id} is never prorated.")
            : string.Create(CultureInfo.InvariantCulture, $"Item {item.Number} ({item.Name}) is unanswered; proration allows at most {instrument.MaxMissingForProration} missing item(s) on {instrument.Id}."),
        MissingReason.WholeDomain => string.Create(CultureInfo.InvariantCulture, $"Item {item.Number} ({item.Name}) is unanswered and its domain has no other answer."),
        _ => string.Create(CultureInfo.InvariantCulture, $"Item {item.Number} ({item.Name}) is unanswered."),
    };
}
