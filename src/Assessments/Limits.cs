namespace Assessments;

/// <summary>Documented limits that every instrument, definition and reader enforces, so that no total, key table or
/// band table can overflow or exhaust memory, and a hostile input is refused quickly with a coded error.</summary>
/// <remarks>Built-in instruments sit far inside them (the largest has 23 items scored 0 to 6).</remarks>
public static class Limits
{
    /// <summary>The most items an instrument may have.</summary>
    public const int MaxItems = 256;

    /// <summary>The highest item score (item scores run from 0 up to this).</summary>
    public const int MaxItemScore = 1000;

    /// <summary>The most printed options (option positions) an item may have.</summary>
    public const int MaxOptions = MaxItemScore + 1;

    /// <summary>The largest magnitude of a "not assessed" value or a skip-condition score.</summary>
    public const int MaxValueMagnitude = 10_000;

    /// <summary>The most band sets an instrument may have.</summary>
    public const int MaxBandSets = 16;

    /// <summary>The most bands in one band set.</summary>
    public const int MaxBandsPerSet = 64;

    /// <summary>The most risk tiers an instrument may have.</summary>
    public const int MaxRiskTiers = 8;

    /// <summary>The most bytes in one response document or batch line (1 MiB).</summary>
    public const int MaxDocumentBytes = 1 << 20;

    /// <summary>The most bytes in one instrument definition document (4 MiB).</summary>
    public const int MaxDefinitionBytes = 4 << 20;

    /// <summary>The most assessments in one treatment course.</summary>
    public const int MaxCourseAssessments = 2_000_000;

    /// <summary>The most treatment sessions in one treatment course.</summary>
    public const int MaxCourseSessions = 100_000;

    /// <summary>The most characters in a caller's id (a response id, an instrument id, a session kind).</summary>
    public const int MaxIdLength = 256;
}
