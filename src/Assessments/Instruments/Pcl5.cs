namespace Assessments;

public static partial class Instruments
{
    /// <summary>PCL-5, PTSD Checklist for DSM-5: 20 items 0-4, total 0-80, with the DSM-5 cluster sums and rule.</summary>
    /// <remarks>
    /// Weathers FW, Litz BT, Keane TM, Palmieri PA, Marx BP, Schnurr PP. The PTSD Checklist for DSM-5 (PCL-5). National
    /// Center for PTSD, 2013; Blevins CA et al. J Trauma Stress 2015;28:489-498. Clusters B (intrusion) 1-5, C
    /// (avoidance) 6-7, D (negative cognition and mood) 8-14, E (arousal and reactivity) 15-20, reported as sub-scores.
    /// Provisional PTSD: a total at the VA cut-point (31-33; 33 by default, a <c>va-31</c> band set puts it at 31), or
    /// the DSM-5 rule (an item counts at 2 or more; at least 1 B, 1 C, 2 D and 2 E), reported as <c>dsm5ClusterRule</c>:
    /// screening facts, never a diagnosis. No empirically derived severity bands exist. No suicide item. No remission
    /// threshold; MCID 10 (VA National Center for PTSD); reliable change 5 (secondary). All 20 items required (no
    /// published rule). Public domain (VA).
    /// </remarks>
    public static Instrument Pcl5 { get; } = new(new InstrumentSpec
    {
        Id = "pcl-5",
        Name = "PTSD Checklist for DSM-5",
        Rater = Rater.Self,
        Items = Declare.Items(
            0,
            4,
            "intrusive memories", "disturbing dreams", "flashbacks", "upset at reminders", "physical reactions to reminders",
            "avoiding memories, thoughts or feelings", "avoiding external reminders", "trouble remembering",
            "strong negative beliefs", "blaming", "strong negative feelings", "loss of interest", "feeling distant",
            "trouble experiencing positive feelings", "irritable or aggressive behaviour", "risky or self-destructive behaviour",
            "being superalert", "easily startled", "difficulty concentrating", "trouble sleeping"),
        Subscales = Declare.Subscales(("B", [1, 2, 3, 4, 5]), ("C", [6, 7]), ("D", [8, 9, 10, 11, 12, 13, 14]), ("E", [15, 16, 17, 18, 19, 20])),
        ClusterRule = new ClusterRule(2, [new("B", 1), new("C", 1), new("D", 2), new("E", 2)]),
        BandSets =
        [
            new BandSetSpec("va-33", "VA National Center for PTSD: cut-point 31-33, 33 by default", [Declare.Band("below-cutoff", "Below the cut-point", 0, 32), Declare.Band("probable-ptsd", "Probable PTSD", 33, 80)]),
            new BandSetSpec("va-31", "VA National Center for PTSD: cut-point 31-33, the lower end", [Declare.Band("below-cutoff", "Below the cut-point", 0, 30), Declare.Band("probable-ptsd", "Probable PTSD", 31, 80)]),
        ],
        MinimalImportantDifference = 10,
        MinimalImportantDifferenceSource = "VA National Center for PTSD (10 points clinically meaningful; secondary source)",
        ReliableChangePoints = 5,
        ReliableChangeSource = "VA National Center for PTSD (5 points, secondary source; Marx 2022 gives 15-18 by sample)",
        LoincPanel = "101697-1",
        LoincTotal = "101698-9",
        Citation = "Weathers FW, Litz BT, Keane TM, et al. The PTSD Checklist for DSM-5 (PCL-5). National Center for PTSD, 2013; Blevins CA et al. J Trauma Stress 2015;28:489-498",
        Licence = LicenceStatus.PublicDomain,
        LicenceNote = "Public domain (US Government work, VA National Center for PTSD); item names shipped.",
    });
}
