using System;

namespace Assessments.Trends;

/// <summary>Every threshold of a treatment-course summary, with cited defaults (docs/clinical-rules.md, treatment courses).</summary>
/// <remarks>Immutable; derive variants with <c>with</c>. Every value is checked where it is set, so no negative, zero
/// or out-of-range option is representable.</remarks>
public sealed record CourseOptions
{
    /// <summary>The defaults of docs/clinical-rules.md §6.</summary>
    public static CourseOptions Default { get; } = new();

    /// <summary>MADRS remission at 12 or below, the esketamine trials' definition (TRANSFORM/SUSTAIN programmes).</summary>
    public static CourseOptions EsketamineTrials { get; } = new() { RemissionThreshold = 12 };

    /// <summary>MADRS remission at 9 or below (Hawley et al. 2002, J Affect Disord, CGI-S anchor).</summary>
    public static CourseOptions Hawley2002 { get; } = new() { RemissionThreshold = 9 };

    /// <summary>Remission threshold (total at or below); null for the instrument's own (docs/clinical-rules.md, treatment courses).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative or over <see cref="Limits.MaxItems"/> × <see cref="Limits.MaxItemScore"/>.</exception>
    public int? RemissionThreshold
    {
        get;
        init => field = value is null ? null : InRange(value.Value, 0, Limits.MaxItems * Limits.MaxItemScore);
    }

    /// <summary>Improvement in percent that counts as response: 50 (Frank et al. 1991 concept; validated against
    /// CGI-I by Leucht 2013 and 2017).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside 1 to 100.</exception>
    public int ResponsePercent { get; init => field = InRange(value, 1, 100); } = 50;

    /// <summary>Improvement in percent that counts as partial response: 25 (Nierenberg and DeCecco 2001); exactly 25 %
    /// counts as partial, a project convention: the source leaves the boundary open.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside 1 to 100.</exception>
    public int PartialResponsePercent { get; init => field = InRange(value, 1, 100); } = 25;

    /// <summary>The rapid-response window after the first treatment session: 24 h (primary outcome of Murrough et al.
    /// 2013, Am J Psychiatry 170:1134, MADRS at 24 h).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not positive, or longer than <see cref="MaxWindow"/>.</exception>
    public TimeSpan RapidResponseWindow
    {
        get;
        init => field = value > TimeSpan.Zero && value <= MaxWindow ? value : throw new ArgumentOutOfRangeException(nameof(value), "The window must be positive and at most 3660 days.");
    }

    = TimeSpan.FromHours(24);

    /// <summary>Consecutive assessments meeting response that make response sustained: 2 (convention; no standard exists).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside 1 to <see cref="Limits.MaxCourseAssessments"/>.</exception>
    public int SustainedCount { get; init => field = InRange(value, 1, Limits.MaxCourseAssessments); } = 2;

    /// <summary>Consecutive assessments not meeting response, after a response, that make a loss of response: 2
    /// (convention: one dip is not a relapse).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside 1 to <see cref="Limits.MaxCourseAssessments"/>.</exception>
    public int LossOfResponseCount { get; init => field = InRange(value, 1, Limits.MaxCourseAssessments); } = 2;

    /// <summary>Caller-supplied Jacobson-Truax parameters; null to use the instrument's published point threshold.</summary>
    public ReliableChangeParameters? ReliableChange { get; init; }

    /// <summary>The instant of the assessment to use as baseline; null for the first assessment.</summary>
    public DateTimeOffset? BaselineAt { get; init; }

    /// <summary>The longest window a course option may span: 3660 days (ten years), far beyond any course.</summary>
    public static TimeSpan MaxWindow { get; } = TimeSpan.FromDays(3660);

    private static int InRange(int value, int min, int max) =>
        value >= min && value <= max ? value : throw new ArgumentOutOfRangeException(nameof(value), $"The value must lie in {min}..{max}.");
}

/// <summary>Jacobson and Truax (1991, J Consult Clin Psychol 59:12-19) parameters for reliable change.</summary>
public sealed class ReliableChangeParameters
{
    /// <summary>Creates the parameters.</summary>
    /// <param name="standardDeviation">SD of baseline totals in the reference population (greater than 0).</param>
    /// <param name="reliability">Test-retest reliability r, in [0, 1).</param>
    /// <param name="caseCutoff">Caseness cut-off (a total at or above it is a case) for <c>recovered</c>; null for none.</param>
    public ReliableChangeParameters(double standardDeviation, double reliability, int? caseCutoff = null)
    {
        if (!(standardDeviation > 0) || !double.IsFinite(standardDeviation))
            throw new ArgumentOutOfRangeException(nameof(standardDeviation), "The SD must be a positive number.");
        if (!(reliability >= 0 && reliability < 1))
            throw new ArgumentOutOfRangeException(nameof(reliability), "The reliability must be in [0, 1).");
        StandardDeviation = standardDeviation;
        Reliability = reliability;
        CaseCutoff = caseCutoff;
    }

    /// <summary>SD of baseline totals.</summary>
    public double StandardDeviation { get; }

    /// <summary>Test-retest reliability.</summary>
    public double Reliability { get; }

    /// <summary>Caseness cut-off, or null.</summary>
    public int? CaseCutoff { get; }

    /// <summary>S_diff = SD × √(2(1 − r)).</summary>
    public double StandardErrorOfDifference => StandardDeviation * Math.Sqrt(2 * (1 - Reliability));
}
