namespace Assessments;

public static partial class Instruments
{
    /// <summary>PHQ-9 and PHQ-8 severity bands: 0-4, 5-9, 10-14, 15-19, 20+.</summary>
    private static SeverityBand[] PhqBands(int max) =>
    [
        Declare.Band("minimal", "Minimal", 0, 4),
        Declare.Band("mild", "Mild", 5, 9),
        Declare.Band("moderate", "Moderate", 10, 14),
        Declare.Band("moderately-severe", "Moderately severe", 15, 19),
        Declare.Band("severe", "Severe", 20, max),
    ];

    /// <summary>LOINC item codes of PHQ-9 items 1-9 (answer list LL358-3).</summary>
    private static string[] Phq9Loinc =>
        ["44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2", "44252-5", "44253-3", "44260-8"];

    private static string[] PhqTexts =>
    [
        "Little interest or pleasure in doing things",
        "Feeling down, depressed, or hopeless",
        "Trouble falling or staying asleep, or sleeping too much",
        "Feeling tired or having little energy",
        "Poor appetite or overeating",
        "Feeling bad about yourself - or that you are a failure or have let yourself or your family down",
        "Trouble concentrating on things, such as reading the newspaper or watching television",
        "Moving or speaking so slowly that other people could have noticed? Or the opposite - being so fidgety or restless that you have been moving around a lot more than usual",
        "Thoughts that you would be better off dead or of hurting yourself in some way",
    ];

    private static string[] PhqNames =>
    [
        "anhedonia", "depressed mood", "sleep", "fatigue", "appetite",
        "worthlessness", "concentration", "psychomotor", "thoughts of death or self-harm",
    ];

    private const string PhqLicence = "Copyright Pfizer Inc.; no permission required to reproduce, translate, display or distribute.";
}
