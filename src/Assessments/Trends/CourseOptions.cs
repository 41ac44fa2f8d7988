using System;

namespace Assessments.Trends;

/// <summary>Every threshold of a treatment-course summary, with cited defaults (CLINICAL-REFERENCE.md §6).</summary>
/// <remarks>Immutable; derive variants with <c>with</c>. The defaults are the reference's.</remarks>
public sealed record CourseOptions
{
    /// <summary>The defaults of CLINICAL-REFERENCE.md §6.</summary>
    public static CourseOptions Default { get; } = new();

    /// <summary>MADRS remission at 12 or below, the esketamine trials' definition (TRANSFORM/SUSTAIN programmes).</summary>
    public static CourseOptions EsketamineTrials { get; } = new() { RemissionThreshold = 12 };

    /// <summary>MADRS remission at 9 or below (Hawley et al. 2002, J Affect Disord, CGI-S anchor).</summary>
    public static CourseOptions Hawley2002 { get; } = new() { RemissionThreshold = 9 };

    /// <summary>Remission threshold (total at or below); null for the instrument's own (CLINICAL-REFERENCE.md §6).</summary>
    public int? RemissionThreshold { get; init; }

    /// <summary>Improvement in percent that counts as response: 50 (Frank et al. 1991 concept; validated against
    /// CGI-I by Leucht 2013 and 2017).</summary>
    public int ResponsePercent { get; init; } = 50;

    /// <summary>Improvement in percent that counts as partial response: 25 (Nierenberg and DeCecco 2001); exactly 25 %
    /// counts as partial, a project convention: the source leaves the boundary open.</summary>
    public int PartialResponsePercent { get; init; } = 25;

    /// <summary>The rapid-response window after the first treatment session: 24 h (primary outcome of Murrough et al.
    /// 2013, Am J Psychiatry 170:1134, MADRS at 24 h).</summary>
    public TimeSpan RapidResponseWindow { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Consecutive assessments meeting response that make response sustained: 2 (convention; no standard exists).</summary>
    public int SustainedCount { get; init; } = 2;

    /// <summary>Consecutive assessments not meeting response, after a response, that make a loss of response: 2
    /// (convention: one dip is not a relapse).</summary>
    public int LossOfResponseCount { get; init; } = 2;

    /// <summary>Caller-supplied Jacobson-Truax parameters; null to use the instrument's published point threshold.</summary>
    public ReliableChangeParameters? ReliableChange { get; init; }

    /// <summary>The instant of the assessment to use as baseline; null for the first assessment.</summary>
    public DateTimeOffset? BaselineAt { get; init; }
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
        if (!(standardDeviation > 0) || double.IsInfinity(standardDeviation))
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
