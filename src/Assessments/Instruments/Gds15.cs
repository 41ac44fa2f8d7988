using System.Collections.Immutable;

namespace Assessments;

public static partial class Instruments
{
    /// <summary>GDS-15, Geriatric Depression Scale, short form: 15 yes/no items scored 0/1, total 0-15.</summary>
    /// <remarks>
    /// Sheikh JI, Yesavage JA. Geriatric Depression Scale (GDS): recent evidence and development of a shorter version.
    /// In: Brink TL (ed.), Clinical Gerontology: A Guide to Assessment and Intervention. Haworth Press 1986:165-173.
    /// One point for "no" on items 1, 5, 7, 11 and 13 and for "yes" on the others (CamCOPS; MSD Manual). The printed
    /// options are yes (position 0) and no (position 1); item scores are already keyed (1 = the point). Bands from the
    /// LOINC 48545-8 description (secondary), whose overlapping 8 is resolved to mild: 0-4 normal, 5-8 mild, 9-11
    /// moderate, 12-15 severe; Sheikh &amp; Yesavage: above 5 suggests depression. No suicide item. Remission at 4 or
    /// below and relapse at 9 or above (conventions: the normal band and the lower bound of moderate). Never prorated.
    /// </remarks>
    public static Instrument Gds15 { get; } = new(new InstrumentSpec
    {
        Id = "gds-15",
        Name = "Geriatric Depression Scale, Short Form (15 items)",
        Rater = Rater.Self,
        Items = GdsItems(),
        BandSets = Declare.Bands(
            "loinc-48545-8",
            "LOINC 48545-8 description (secondary; its overlapping 8 resolved to mild); Sheikh & Yesavage 1986",
            Declare.Band("normal", "Normal", 0, 4),
            Declare.Band("mild", "Mild", 5, 8),
            Declare.Band("moderate", "Moderate", 9, 11),
            Declare.Band("severe", "Severe", 12, 15)),
        RemissionThreshold = 4,
        RemissionSource = "convention: the upper bound of the normal band",
        RelapseThreshold = 9,
        RelapseSource = "convention (docs/clinical-rules.md §6): the lower bound of the default moderate band",
        LoincPanel = "48543-3",
        LoincTotal = "48545-8",
        Citation = "Sheikh JI, Yesavage JA. In: Brink TL (ed.), Clinical Gerontology. Haworth Press 1986:165-173",
        Licence = LicenceStatus.PublicDomain,
        LicenceNote = "Public domain (Stanford GDS page: partly the result of federal support).",
    });

    /// <summary>The GDS-15 items: options yes, no; the point for "no" on 1, 5, 7, 11, 13, for "yes" on the others.</summary>
    private static ImmutableArray<Item> GdsItems()
    {
        string[] names =
        [
            "satisfied with life", "dropped activities and interests", "life feels empty", "often bored",
            "in good spirits most of the time", "afraid something bad will happen", "happy most of the time",
            "often feels helpless", "prefers to stay at home", "more problems with memory than most",
            "wonderful to be alive now", "feels worthless as they are now", "full of energy", "situation feels hopeless",
            "most people are better off",
        ];
        var items = ImmutableArray.CreateBuilder<Item>(15);
        for (int n = 1; n <= 15; n++)
        {
            bool pointForNo = n is 1 or 5 or 7 or 11 or 13;
            items.Add(new Item(n, names[n - 1], 0, 1, pointForNo ? [0, 1] : [1, 0], ["yes", "no"], null, null, null, null));
        }

        return items.MoveToImmutable();
    }
}
