using System.Collections.Immutable;

namespace Assessments;

public static partial class Instruments
{
    private static ImmutableArray<Item> CesdItems()
    {
        string[] names =
        [
            "bothered", "poor appetite", "could not shake off the blues", "felt as good as others", "trouble keeping mind on things",
            "depressed", "everything an effort", "hopeful about the future", "life a failure", "fearful", "restless sleep",
            "happy", "talked less", "lonely", "people unfriendly", "enjoyed life", "crying spells", "sad",
            "felt disliked", "could not get going",
        ];
        var items = ImmutableArray.CreateBuilder<Item>(20);
        for (int number = 1; number <= 20; number++)
            items.Add(Declare.Item(number, names[number - 1], 0, 3, reversed: number is 4 or 8 or 12 or 16));
        return items.MoveToImmutable();
    }

    /// <summary>CES-D, Center for Epidemiologic Studies Depression Scale: 20 items 0-3, total 0-60.</summary>
    /// <remarks>
    /// Radloff LS. The CES-D Scale: a self-report depression scale for research in the general population.
    /// Appl Psychol Meas 1977;1:385-401. By option position, items 4, 8, 12, 16 (positive affect) score 3-2-1-0,
    /// the others 0-1-2-3. Bands: 0-15 below threshold, 16-60 at risk (Radloff 1977). No suicide item.
    /// Remission at 15 or below: a convention without a validated source.
    /// </remarks>
    public static Instrument CesD { get; } = new(new InstrumentSpec
    {
        Id = "ces-d",
        Name = "Center for Epidemiologic Studies Depression Scale",
        Rater = Rater.Self,
        Items = CesdItems(),
        BandSets = Declare.Bands(
            "radloff-1977",
            "Radloff 1977, Appl Psychol Meas 1:385-401 (16 or more at risk)",
            Declare.Band("below-threshold", "Below threshold", 0, 15),
            Declare.Band("at-risk", "At risk", 16, 60)),
        RemissionThreshold = 15,
        RemissionSource = "convention without a validated source (below the at-risk cut-off)",
        MaxMissingForProration = 4,
        Citation = "Radloff LS. Appl Psychol Meas 1977;1:385-401",
        Licence = LicenceStatus.FreeNoPermission,
        LicenceNote = "Free to use without permission. Item names only in this version.",
    });
}
