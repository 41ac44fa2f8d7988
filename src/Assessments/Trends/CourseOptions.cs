using System;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace Assessments.Trends;

/// <summary>Where the rapid-response window starts: the end of the first anchoring session (when recorded) or its start.</summary>
public enum RapidResponseAnchor
{
    /// <summary>The session's end when recorded, else its start (Murrough 2013: 24 h after a 40-minute infusion).</summary>
    End,

    /// <summary>The session's start (esketamine trials: 24 h from the first dose).</summary>
    Start,
}

/// <summary>After what relapse is looked for (docs/clinical-rules.md §6, the episode).</summary>
/// <remarks>No member is 0: <c>default(RelapseAnchor)</c> states nothing and is refused where it is set.</remarks>
public enum RelapseAnchor
{
    /// <summary>After sustained remission began (Frank 1991; the default).</summary>
    Remission = 1,

    /// <summary>After the first sustained response or sustained remission, whichever comes first (SUSTAIN-1 counted
    /// relapse the same way in stable responders and stable remitters: Daly 2019).</summary>
    Response = 2,
}

/// <summary>Every rule value of a treatment-course summary, with cited defaults (docs/clinical-rules.md §6, v3).</summary>
/// <remarks>Immutable; derive variants with <c>with</c>, or start from a preset (<see cref="CoursePresets"/>) and
/// override what you set explicitly. Every value is checked where it is set, so no negative, zero-where-positive,
/// non-finite or out-of-range option is representable (a document's option is the coded error
/// <c>option-out-of-range</c>).</remarks>
public sealed record CourseOptions
{
    private const int MaxDays = 3660;

    /// <summary>The defaults of docs/clinical-rules.md §6: the <c>ketamine-clinic</c> preset.</summary>
    public static CourseOptions Default { get; } = new();

    /// <summary>The preset these options started from, reported in the summary; <c>ketamine-clinic</c> by default.</summary>
    public string Preset { get; init => field = string.IsNullOrWhiteSpace(value) ? throw new ArgumentException("A preset id is required.", nameof(value)) : value; } = CoursePresets.KetamineClinicId;

    /// <summary>The session kind the course follows; null to take the only kind the sessions carry (several kinds
    /// without this are <c>treatment-kind-required</c>: no guessing).</summary>
    public string? TreatmentKind { get; init; }

    /// <summary>Summarise the course whose first anchoring session is the first at or after this instant; null for the
    /// latest course.</summary>
    public DateTimeOffset? CourseStart { get; init; }

    /// <summary>The instant of the assessment to use as baseline; null to take the pre-dose baseline rule.</summary>
    public DateTimeOffset? BaselineAt { get; init; }

    /// <summary>How long before t₀ an assessment may still be the baseline: 14 days (convention; trials use "Day 1,
    /// pre-dose").</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside 0 to 3660.</exception>
    public int BaselineMaxAgeDays { get; init => field = InRange(value, 0, MaxDays); } = 14;

    /// <summary>A gap between anchoring session starts of at least this many days begins a new course: 90
    /// (convention: longer than any maintenance interval in use).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside 1 to 3660.</exception>
    public int NewCourseAfterDays { get; init => field = InRange(value, 1, MaxDays); } = 90;

    /// <summary>Remission threshold (total at or below); null for the instrument's own.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative or over the largest possible total.</exception>
    public int? RemissionThreshold { get; init => field = value is null ? null : InRange(value.Value, 0, Limits.MaxItems * Limits.MaxItemScore); }

    /// <summary>The remission threshold a preset sets for MADRS courses only (12 in <c>sustain-1</c> and
    /// <c>transform-2</c>); used when <see cref="RemissionThreshold"/> is null.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside 0 to 60.</exception>
    public int? MadrsRemissionThreshold { get; init => field = value is null ? null : InRange(value.Value, 0, 60); }

    /// <summary>Relapse threshold (total at or above) for the episode; null for the instrument's own.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative or over the largest possible total.</exception>
    public int? RelapseThreshold { get; init => field = value is null ? null : InRange(value.Value, 0, Limits.MaxItems * Limits.MaxItemScore); }

    /// <summary>Improvement in percent that meets response: 50 (Frank 1991; Nierenberg 2001; the TRANSFORM and SUSTAIN
    /// trials use the same).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside 1 to 100.</exception>
    public int ResponsePercent { get; init => field = InRange(value, 1, 100); } = 50;

    /// <summary>Improvement in percent that counts as partial response: 25 (Nierenberg and DeCecco 2001; exactly 25 %
    /// is partial, a project convention).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside 1 to 100.</exception>
    public int PartialResponsePercent { get; init => field = InRange(value, 1, 100); } = 25;

    /// <summary>The rapid-response window: 24 h (Murrough et al. 2013, Am J Psychiatry 170:1134, primary outcome at
    /// 24 h).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not positive, or longer than <see cref="MaxWindow"/>.</exception>
    public TimeSpan RapidResponseWindow
    {
        get;
        init => field = value > TimeSpan.Zero && value <= MaxWindow ? value : throw new ArgumentOutOfRangeException(nameof(value), "The window must be positive and at most 3660 days.");
    }

    = TimeSpan.FromHours(24);

    /// <summary>Where the rapid-response window starts; the end of the first anchoring session by default.</summary>
    public RapidResponseAnchor RapidResponseFrom { get; init => field = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(value)); }

    /// <summary>The fewest consecutive assessments meeting response that make response sustained: 2 (convention).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside 1 to <see cref="Limits.MaxCourseAssessments"/>.</exception>
    public int SustainedResponseCount { get; init => field = InRange(value, 1, Limits.MaxCourseAssessments); } = 2;

    /// <summary>The least spacing, in days, of a confirming assessment (sustained response, loss of response, relapse):
    /// 5 (convention after SUSTAIN-1's 5 to 15 days).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside 0 to 3660.</exception>
    public int ConfirmationMinDays { get; init => field = InRange(value, 0, MaxDays); } = 5;

    /// <summary>The most spacing, in days, of the assessment confirming a relapse or recurrence: 15 (SUSTAIN-1). Must
    /// not be less than <see cref="ConfirmationMinDays"/> (checked when the course is summarised).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside 0 to 3660.</exception>
    public int ConfirmationMaxDays { get; init => field = InRange(value, 0, MaxDays); } = 15;

    /// <summary>How long a run of remission must span to be sustained remission: 21 days (Rush et al. 2006, ACNP Task
    /// Force: "3 consecutive weeks").</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside 0 to 3660.</exception>
    public int SustainedRemissionDays { get; init => field = InRange(value, 0, MaxDays); } = 21;

    /// <summary>Days from the onset of sustained remission to recovery: 120 (Rush et al. 2006: "at least 4 months",
    /// 4 × 30 days by convention).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside 0 to 3660.</exception>
    public int RecoveryDays { get; init => field = InRange(value, 0, MaxDays); } = 120;

    /// <summary>How far past the rapid-response window a visit still counts: 12 h (v3, convention: the next-day visit is
    /// scheduled, not timed to the minute; TRANSFORM counts the day-2 visit).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative, or longer than <see cref="MaxWindow"/>.</exception>
    public TimeSpan VisitWindow
    {
        get;
        init => field = value >= TimeSpan.Zero && value <= MaxWindow ? value : throw new ArgumentOutOfRangeException(nameof(value), "The visit window must be 0 or more and at most 3660 days.");
    }

    = TimeSpan.FromHours(12);

    /// <summary>With no assessment in the baseline window, how old the latest pre-dose assessment may be and still be
    /// the baseline (with the warning <c>stale-baseline</c>): 90 days (v3, convention; TRANSFORM-2's screening phase ran
    /// up to 7 weeks).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside 0 to 3660.</exception>
    public int StaleBaselineMaxDays { get; init => field = InRange(value, 0, MaxDays); } = 90;

    /// <summary>How many anchoring sessions (counting the one after a long gap) must start within
    /// <see cref="ReinductionDays"/> for the gap to begin a new course: 2 (v3, convention: induction series are several
    /// infusions over one to four weeks, McInnes 2022; a lone booster stays in its course).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside 1 to <see cref="Limits.MaxCourseSessions"/>.</exception>
    public int ReinductionSessions { get; init => field = InRange(value, 1, Limits.MaxCourseSessions); } = 2;

    /// <summary>The span, in days from the session after a long gap, in which the re-induction's sessions start: 14
    /// (v3, convention).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside 0 to 3660.</exception>
    public int ReinductionDays { get; init => field = InRange(value, 0, MaxDays); } = 14;

    /// <summary>After what relapse is looked for: sustained remission by default; <c>sustain-1</c> sets
    /// <see cref="RelapseAnchor.Response"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a member of <see cref="RelapseAnchor"/>.</exception>
    public RelapseAnchor RelapseFrom { get; init => field = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(value)); } = RelapseAnchor.Remission;

    /// <summary>v2's rule: any invalid assessment makes the whole course invalid. False by default (v3): an invalid
    /// assessment is listed with its errors, takes part in no outcome, and the course carries the warning
    /// <c>invalid-assessments</c>.</summary>
    public bool Strict { get; init; }

    /// <summary>Caller-supplied Jacobson-Truax parameters; null to use the instrument's published point threshold.</summary>
    public ReliableChangeParameters? ReliableChange { get; init; }

    /// <summary>The longest window a course option may span: 3660 days (ten years), far beyond any course.</summary>
    public static TimeSpan MaxWindow { get; } = TimeSpan.FromDays(MaxDays);

    /// <summary>The remission threshold in force for <paramref name="instrument"/>.</summary>
    internal int? RemissionFor(Instrument instrument) =>
        RemissionThreshold ?? (instrument.Id == "madrs" ? MadrsRemissionThreshold : null) ?? instrument.RemissionThreshold;

    private static int InRange(int value, int min, int max) =>
        value >= min && value <= max ? value : throw new ArgumentOutOfRangeException(nameof(value), $"The value must lie in {min}..{max}.");
}

/// <summary>A named set of course options with its basis (docs/clinical-rules.md §6, presets).</summary>
public sealed class CoursePreset
{
    internal CoursePreset(string id, string basis, ImmutableArray<string> sets, CourseOptions options)
    {
        Id = id;
        Basis = basis;
        Sets = sets;
        Options = options;
    }

    /// <summary>The preset's id, such as <c>sustain-1</c>.</summary>
    public string Id { get; }

    /// <summary>The published basis of what it sets.</summary>
    public string Basis { get; }

    /// <summary>The names of the options it sets (every other option keeps its default).</summary>
    public ImmutableArray<string> Sets { get; }

    /// <summary>The options: the defaults with what the preset sets. Override what you set explicitly with <c>with</c>.</summary>
    public CourseOptions Options { get; }
}

/// <summary>The named presets, as data.</summary>
public static class CoursePresets
{
    /// <summary>The default preset's id.</summary>
    public const string KetamineClinicId = "ketamine-clinic";

    /// <summary>The defaults: conventions as marked in docs/clinical-rules.md §6.</summary>
    public static CoursePreset KetamineClinic { get; } = new(KetamineClinicId, "the defaults of docs/clinical-rules.md §6 (conventions as marked)", [], new CourseOptions());

    /// <summary>SUSTAIN-1: MADRS remission 12 or below; relapse twice, 5 to 15 days apart, at the relapse threshold,
    /// looked for after stable response as after stable remission.</summary>
    public static CoursePreset Sustain1 { get; } = new(
        "sustain-1",
        "Daly et al. 2019, JAMA Psychiatry 76:893, and the registry text",
        [nameof(CourseOptions.MadrsRemissionThreshold), nameof(CourseOptions.ConfirmationMinDays), nameof(CourseOptions.ConfirmationMaxDays), nameof(CourseOptions.RelapseFrom)],
        new CourseOptions { Preset = "sustain-1", MadrsRemissionThreshold = 12, ConfirmationMinDays = 5, ConfirmationMaxDays = 15, RelapseFrom = RelapseAnchor.Response });

    /// <summary>TRANSFORM-2: MADRS remission 12 or below; response at 50 %; rapid response counted from the dose's start.</summary>
    public static CoursePreset Transform2 { get; } = new(
        "transform-2",
        "Popova et al. 2019 and pooled TRANSFORM analyses",
        [nameof(CourseOptions.MadrsRemissionThreshold), nameof(CourseOptions.ResponsePercent), nameof(CourseOptions.RapidResponseFrom)],
        new CourseOptions { Preset = "transform-2", MadrsRemissionThreshold = 12, ResponsePercent = 50, RapidResponseFrom = RapidResponseAnchor.Start });

    /// <summary>ACNP Task Force 2006: sustained remission 21 days, recovery 120 days.</summary>
    public static CoursePreset Acnp2006 { get; } = new(
        "acnp-2006",
        "Rush et al. 2006, Neuropsychopharmacology 31:1841",
        [nameof(CourseOptions.SustainedRemissionDays), nameof(CourseOptions.RecoveryDays)],
        new CourseOptions { Preset = "acnp-2006", SustainedRemissionDays = 21, RecoveryDays = 120 });

    /// <summary>Every preset.</summary>
    public static ImmutableArray<CoursePreset> All { get; } = [KetamineClinic, Sustain1, Transform2, Acnp2006];

    /// <summary>Finds a preset by id (case-insensitive).</summary>
    /// <param name="id">The id.</param>
    /// <param name="preset">The preset, or null.</param>
    /// <returns>Whether it exists.</returns>
    public static bool TryGet(string? id, [NotNullWhen(true)] out CoursePreset? preset)
    {
        foreach (CoursePreset p in All)
        {
            if (string.Equals(p.Id, id, StringComparison.OrdinalIgnoreCase))
            {
                preset = p;
                return true;
            }
        }

        preset = null;
        return false;
    }
}

/// <summary>Jacobson and Truax (1991, J Consult Clin Psychol 59:12-19) parameters for reliable change.</summary>
public sealed class ReliableChangeParameters : IEquatable<ReliableChangeParameters>
{
    /// <summary>Creates the parameters.</summary>
    /// <param name="standardDeviation">SD of baseline totals in the reference population (greater than 0).</param>
    /// <param name="reliability">Test-retest reliability r, in [0, 1).</param>
    /// <param name="caseCutoff">Caseness cut-off (a total at or above it is a case) for <c>recovered</c>; null for none
    /// (then a reliable improvement is <c>improved</c>, never <c>recovered</c> by a cut-off the caller did not choose).</param>
    public ReliableChangeParameters(double standardDeviation, double reliability, int? caseCutoff = null)
    {
        if (!(standardDeviation > 0) || !double.IsFinite(standardDeviation))
            throw new ArgumentOutOfRangeException(nameof(standardDeviation), "The SD must be a positive number.");
        if (!(reliability >= 0 && reliability < 1))
            throw new ArgumentOutOfRangeException(nameof(reliability), "The reliability must be in [0, 1).");
        if (caseCutoff is < 0)
            throw new ArgumentOutOfRangeException(nameof(caseCutoff), "The caseness cut-off must not be negative.");
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

    /// <summary>The same parameters: two rule sets that state the same SD, r and cut-off are the same rules (a cohort's
    /// course restating them is no conflict).</summary>
    /// <param name="other">The other parameters.</param>
    /// <returns>Whether they are equal.</returns>
    public bool Equals(ReliableChangeParameters? other) =>
        other is not null && StandardDeviation.Equals(other.StandardDeviation) && Reliability.Equals(other.Reliability) && CaseCutoff == other.CaseCutoff;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ReliableChangeParameters);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(StandardDeviation, Reliability, CaseCutoff);
}
