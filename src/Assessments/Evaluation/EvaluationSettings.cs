namespace Assessments.Evaluation;

/// <summary>The scoring options the kernel reads, as a small value.</summary>
internal readonly struct EvaluationSettings
{
    public EvaluationSettings(ResponseValueKind kind, bool prorate, bool noOnSkippedItemIsNotAsked = false)
    {
        Kind = kind;
        Prorate = prorate;
        NoOnSkippedItemIsNotAsked = noOnSkippedItemIsNotAsked;
    }

    public ResponseValueKind Kind { get; }

    public bool Prorate { get; }

    public bool NoOnSkippedItemIsNotAsked { get; }

    public static EvaluationSettings Of(ScoringOptions options) => new(options.Values, options.Prorate, options.NoOnSkippedItemIsNotAsked);
}
