using System.Collections.Immutable;

namespace Assessments;

public static partial class Instruments
{
    private static ImmutableArray<Item> BdiItems()
    {
        string[] names =
        [
            "sadness", "pessimism", "past failure", "loss of pleasure", "guilty feelings", "punishment feelings",
            "self-dislike", "self-criticalness", "suicidal thoughts or wishes", "crying", "agitation",
            "loss of interest", "indecisiveness", "worthlessness", "loss of energy", "changes in sleeping pattern",
            "irritability", "changes in appetite", "concentration difficulty", "tiredness or fatigue",
            "loss of interest in sex",
        ];
        var items = ImmutableArray.CreateBuilder<Item>(21);
        for (int number = 1; number <= 21; number++)
        {
            items.Add(number is 16 or 18
                ? new Item(number, names[number - 1], 0, 3, [0, 1, 1, 2, 2, 3, 3], ["0", "1a", "1b", "2a", "2b", "3a", "3b"], null, null, null, null)
                : Declare.Item(number, names[number - 1], 0, 3));
        }

        return items.MoveToImmutable();
    }

    /// <summary>BDI-II, Beck Depression Inventory-II (scoring and bands only): 21 items 0-3, total 0-63.</summary>
    /// <remarks>
    /// Beck AT, Steer RA, Brown GK. Manual for the Beck Depression Inventory-II. San Antonio: Psychological
    /// Corporation; 1996. Items 16 and 18 have seven printed options (0, 1a, 1b, 2a, 2b, 3a, 3b) scoring
    /// 0, 1, 1, 2, 2, 3, 3; item scores may be written with their letter. Bands (Beck 1996): 0-13 minimal,
    /// 14-19 mild, 20-28 moderate, 29-63 severe. Safety item 9 (suicidal thoughts or wishes): review at 1 or more,
    /// urgent at 2 or more (convention). Remission at 13 or below: a convention without a validated source.
    /// Licence: Pearson, commercial: no item text.
    /// </remarks>
    public static Instrument BdiII { get; } = new(new InstrumentSpec
    {
        Id = "bdi-ii",
        Name = "Beck Depression Inventory-II",
        Rater = Rater.Self,
        Items = BdiItems(),
        BandSets = Declare.Bands(
            "beck-1996",
            "Beck, Steer & Brown 1996, BDI-II Manual",
            Declare.Band("minimal", "Minimal", 0, 13),
            Declare.Band("mild", "Mild", 14, 19),
            Declare.Band("moderate", "Moderate", 20, 28),
            Declare.Band("severe", "Severe", 29, 63)),
        SafetyRules = [new SafetyRule(9, 1, 2, "convention")],
        RemissionThreshold = 13,
        RemissionSource = "convention without a validated source (top of the minimal band)",
        RelapseThreshold = 20,
        RelapseSource = "convention (docs/clinical-rules.md §6): the lower bound of the default moderate band",
        MaxMissingForProration = 2,
        LoincTotal = "89209-1",
        Citation = "Beck AT, Steer RA, Brown GK. BDI-II Manual. Psychological Corporation; 1996",
        Licence = LicenceStatus.Proprietary,
        LicenceNote = "Copyright Pearson; commercial. Scoring only, no item text.",
    });
}
