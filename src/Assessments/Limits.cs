using System;
using System.Threading;

namespace Assessments;

/// <summary>Documented limits that every instrument, definition and reader enforces, so that no total, key table or
/// band table can overflow or exhaust memory, and a hostile input is refused quickly with a coded error.</summary>
/// <remarks>
/// Values, not constants: a caller reads them at run time, so a later version can move them without recompiling its
/// callers. The sizes of the engine (items, scores, bands, tiers, ids) are fixed; the sizes of inputs (document bytes,
/// course length) are the host's to set once at start-up with <see cref="SetInputLimits"/>. Built-in instruments sit
/// far inside them (the largest has 23 items scored 0 to 6).
/// </remarks>
public static class Limits
{
    private static InputLimits s_input = InputLimits.Default;

    /// <summary>The most items an instrument may have (256).</summary>
    public static int MaxItems => 256;

    /// <summary>The highest item score (item scores run from 0 up to this; 1000).</summary>
    public static int MaxItemScore => 1000;

    /// <summary>The most printed options (option positions) an item may have.</summary>
    public static int MaxOptions => MaxItemScore + 1;

    /// <summary>The largest magnitude of a "not assessed" value or a skip-condition score (10,000).</summary>
    public static int MaxValueMagnitude => 10_000;

    /// <summary>The most band sets an instrument may have (16).</summary>
    public static int MaxBandSets => 16;

    /// <summary>The most bands in one band set (64).</summary>
    public static int MaxBandsPerSet => 64;

    /// <summary>The most risk tiers an instrument may have (8).</summary>
    public static int MaxRiskTiers => 8;

    /// <summary>The most characters in a caller's id (a response id, an instrument id, a session kind; 256).</summary>
    public static int MaxIdLength => 256;

    /// <summary>The most bytes in one response document or batch line (1 MiB unless the host set another).</summary>
    public static int MaxDocumentBytes => Volatile.Read(ref s_input).MaxDocumentBytes;

    /// <summary>The most bytes in one instrument definition document (4 MiB unless the host set another).</summary>
    public static int MaxDefinitionBytes => Volatile.Read(ref s_input).MaxDefinitionBytes;

    /// <summary>The most assessments in one treatment course (2,000,000 unless the host set another).</summary>
    public static int MaxCourseAssessments => Volatile.Read(ref s_input).MaxCourseAssessments;

    /// <summary>The most treatment sessions in one treatment course (100,000 unless the host set another).</summary>
    public static int MaxCourseSessions => Volatile.Read(ref s_input).MaxCourseSessions;

    /// <summary>The input limits in force.</summary>
    public static InputLimits Input => Volatile.Read(ref s_input);

    /// <summary>Sets the input limits for the whole process: a host's start-up setting (a clinic API that takes 64 KB
    /// bodies lowers <see cref="InputLimits.MaxDocumentBytes"/>). Readers started afterwards use them.</summary>
    /// <param name="limits">The limits; <see cref="InputLimits.Default"/> restores the documented ones.</param>
    public static void SetInputLimits(InputLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        Volatile.Write(ref s_input, limits);
    }
}

/// <summary>The sizes of inputs a host accepts (<see cref="Limits.SetInputLimits"/>); each is checked where it is set.</summary>
public sealed class InputLimits
{
    private readonly int _maxDocumentBytes = 1 << 20;
    private readonly int _maxDefinitionBytes = 4 << 20;
    private readonly int _maxCourseAssessments = 2_000_000;
    private readonly int _maxCourseSessions = 100_000;

    /// <summary>The documented limits: 1 MiB per document, 4 MiB per definition, 2,000,000 assessments and 100,000
    /// sessions per course.</summary>
    public static InputLimits Default { get; } = new();

    /// <summary>The most bytes in one response document or batch line: 64 bytes to 64 MiB.</summary>
    public int MaxDocumentBytes { get => _maxDocumentBytes; init => _maxDocumentBytes = InRange(value, 64, 64 << 20); }

    /// <summary>The most bytes in one instrument definition document: 1 KiB to 64 MiB.</summary>
    public int MaxDefinitionBytes { get => _maxDefinitionBytes; init => _maxDefinitionBytes = InRange(value, 1 << 10, 64 << 20); }

    /// <summary>The most assessments in one treatment course: 1 to 20,000,000.</summary>
    public int MaxCourseAssessments { get => _maxCourseAssessments; init => _maxCourseAssessments = InRange(value, 1, 20_000_000); }

    /// <summary>The most treatment sessions in one treatment course: 1 to 1,000,000.</summary>
    public int MaxCourseSessions { get => _maxCourseSessions; init => _maxCourseSessions = InRange(value, 1, 1_000_000); }

    private static int InRange(int value, int min, int max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, min);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, max);
        return value;
    }
}
