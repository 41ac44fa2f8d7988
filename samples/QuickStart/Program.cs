using System;
using Assessments;
using Assessments.Serialization;

// The README's quick start is copied from this file, so it always compiles.
ScoringResult result = Instruments.Phq9.Score(1, 2, 3, 1, 2, 3, 0, 1, 2);
if (result.TryGetScore(out AssessmentScore? score))
{
    Console.WriteLine($"{score.InstrumentId} {score.Total}/{score.MaxTotal}: {score.Band?.Label}"); // phq-9 15/27: Moderately severe
    foreach (SafetyFlag flag in score.Flags)
        Console.WriteLine($"{flag.Id} item {flag.ItemNumber}: {flag.Priority}"); // suicide-risk item 9: Urgent
}
else
{
    foreach (ScoringError error in result.Errors)
        Console.WriteLine($"{error.Code} item {error.ItemNumber}: {error.Message}");
}

Console.WriteLine(AssessmentsJson.WriteResult(result)); // the stable wire format
