using System;
using Assessments;
using Assessments.Serialization;

// The README's and the package's quick start are copied from this file, so they always compile.
ScoringResult result = Instruments.Phq9.Score(1, 2, 3, 1, 2, 3, 0, 1, 2);
if (result.IsSuccess)
{
    AssessmentScore score = result.Score;           // no "!" needed after IsSuccess
    Console.WriteLine($"{score.Total}/{score.MaxTotal}: {score.Band?.Label}"); // 15/27: Moderately severe
    foreach (SafetyFlag flag in score.Flags)
        Console.WriteLine($"{flag.Id} item {flag.ItemNumber}: {flag.Priority}"); // suicide-risk item 9: Urgent
}
else
{
    foreach (ScoringError error in result.Errors)    // coded, naming the item and the allowed values
        Console.WriteLine(error);
}

Console.WriteLine(AssessmentsJson.WriteResult(result)); // the stable wire format
