namespace Assessments;

/// <summary>
/// How to read every response document of an input that does not say so itself: the CLI's <c>--positions</c>,
/// <c>--prorate</c> and <c>--band-set</c> beside <c>--input</c>. A document that leaves a field out takes the default;
/// a document that sets it to another value is invalid (<see cref="ErrorCodes.OptionConflict"/>), never silently read
/// one way or the other (docs/wire-format.md, "Defaults for every document").
/// </summary>
public sealed class ResponseDefaults
{
    /// <summary>True: values are option positions; false: item scores; null: the document decides.</summary>
    public bool? Positions { get; init; }

    /// <summary>True or false: whether to prorate; null: the document decides.</summary>
    public bool? Prorate { get; init; }

    /// <summary>The band set id; null: the document decides.</summary>
    public string? BandSet { get; init; }

    /// <summary>True when no default is set.</summary>
    public bool IsEmpty => Positions is null && Prorate is null && BandSet is null;
}
