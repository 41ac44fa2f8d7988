namespace Assessments;

public static partial class Instruments
{
    /// <summary>CGI-S, Clinical Global Impression - Severity of Illness: one clinician rating 1-7.</summary>
    /// <remarks>
    /// Guy W. ECDEU Assessment Manual for Psychopharmacology, revised. US DHEW/NIMH 1976 (CamCOPS; Busner &amp; Targum
    /// 2007, PMC2880930). 1 normal, not at all ill; 2 borderline; 3 mildly; 4 moderately; 5 markedly; 6 severely;
    /// 7 among the most extremely ill. 0 is "not assessed" in the original form (unverified: convention) and is
    /// missing: a one-item rating without its rating has no score; it is given as an item score (option positions are refused:
    /// whether a form prints "not assessed" as its first option is not settled). No suicide item. In a course: totals,
    /// bands and change only. Public domain (a work of the US federal government).
    /// </remarks>
    public static Instrument CgiS { get; } = new(new InstrumentSpec
    {
        Id = "cgi-s",
        Name = "Clinical Global Impression - Severity of Illness",
        Rater = Rater.Clinician,
        Items = [Declare.Item(1, "severity of illness", 1, 7, notAssessed: 0, notAssessedIsMissing: true)],
        BandSets = Declare.Bands(
            "guy-1976",
            "Guy 1976, ECDEU Assessment Manual (the rating's anchors)",
            Declare.Band("normal", "Normal, not at all ill", 1, 1),
            Declare.Band("borderline", "Borderline mentally ill", 2, 2),
            Declare.Band("mildly-ill", "Mildly ill", 3, 3),
            Declare.Band("moderately-ill", "Moderately ill", 4, 4),
            Declare.Band("markedly-ill", "Markedly ill", 5, 5),
            Declare.Band("severely-ill", "Severely ill", 6, 6),
            Declare.Band("extremely-ill", "Among the most extremely ill", 7, 7)),
        CourseMode = CourseMode.TotalsOnly,
        Citation = "Guy W. ECDEU Assessment Manual for Psychopharmacology, revised. US DHEW Publ No ADM 76-338, 1976:218-222",
        Licence = LicenceStatus.PublicDomain,
        LicenceNote = "Public domain (a work of the US federal government).",
    });

    /// <summary>CGI-I, Clinical Global Impression - Global Improvement: one clinician rating 1-7 against baseline.</summary>
    /// <remarks>
    /// Guy 1976. 1 very much improved; 2 much improved; 3 minimally improved; 4 no change; 5 minimally worse; 6 much
    /// worse; 7 very much worse. Rated against the baseline state, never computed from CGI-S. A rating of 1 or 2 is the
    /// conventional responder definition (e.g. PMC3583769): the result carries <c>responder</c>. 0 is "not assessed"
    /// (convention) and is missing; option positions are refused, as CGI-S. No treatment course (it is already a rating of
    /// change). Public domain.
    /// </remarks>
    public static Instrument CgiI { get; } = new(new InstrumentSpec
    {
        Id = "cgi-i",
        Name = "Clinical Global Impression - Global Improvement",
        Rater = Rater.Clinician,
        Items = [Declare.Item(1, "global improvement", 1, 7, notAssessed: 0, notAssessedIsMissing: true)],
        BandSets = Declare.Bands(
            "guy-1976",
            "Guy 1976, ECDEU Assessment Manual (the rating's anchors)",
            Declare.Band("very-much-improved", "Very much improved", 1, 1),
            Declare.Band("much-improved", "Much improved", 2, 2),
            Declare.Band("minimally-improved", "Minimally improved", 3, 3),
            Declare.Band("no-change", "No change", 4, 4),
            Declare.Band("minimally-worse", "Minimally worse", 5, 5),
            Declare.Band("much-worse", "Much worse", 6, 6),
            Declare.Band("very-much-worse", "Very much worse", 7, 7)),
        ResponderAtMost = 2,
        ResponderSource = "convention: CGI-I 1 or 2 (much or very much improved), e.g. PMC3583769",
        CourseMode = CourseMode.None,
        Citation = "Guy W. ECDEU Assessment Manual for Psychopharmacology, revised. US DHEW Publ No ADM 76-338, 1976:218-222",
        Licence = LicenceStatus.PublicDomain,
        LicenceNote = "Public domain (a work of the US federal government).",
    });
}
