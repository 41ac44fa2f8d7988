using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Assessments.Tests.Properties;

/// <summary>A complete response (every item answered) with values around and outside each item's range.</summary>
public sealed record CompleteResponse(Instrument Instrument, int[] Values, ResponseValueKind Kind)
{
    public override string ToString() => $"{Instrument.Id} {Kind} [{string.Join(",", Values)}]";
}

public static class FastPathGenerators
{
    public static Arbitrary<CompleteResponse> CompleteResponse() =>
        (from instrument in Gen.Elements(Generators.Catalogue)
         from kind in Gen.Elements(ResponseValueKind.ItemScores, ResponseValueKind.OptionPositions)
         from length in Gen.Frequency((9, Gen.Constant(instrument.Items.Length)), (1, Gen.Choose(0, 30)))
         from values in Gen.ArrayOf(Gen.Frequency((8, Gen.Choose(0, 3)), (2, Gen.Choose(-2, 8))), length)
         select new CompleteResponse(instrument, values, kind)).ToArbitrary();
}

/// <summary>Every route into the kernel (int arrays, nullable lists, the quick struct) gives the same decisions.</summary>
[Properties(Arbitrary = [typeof(Generators), typeof(FastPathGenerators)], MaxTest = 1000)]
public sealed class FastPathProperties
{
    [Property]
    public bool ConvenienceFastRoute_GivesExactlyTheFullPathsResult(CompleteResponse response)
    {
        var options = new ScoringOptions { Values = response.Kind };
        int?[] values = response.Values.Select(v => (int?)v).ToArray();
        ScoringResult routed = response.Instrument.Score(values, options, "r-1");
        ScoringResult full = response.Instrument.Evaluate([.. response.Values.Select(RawItem.Answer)], options, "r-1");
        ScoringResult viaInts = response.Kind == ResponseValueKind.ItemScores ? response.Instrument.Score(response.Values) : full;
        return Assessments.Serialization.AssessmentsJson.WriteResult(routed) == Assessments.Serialization.AssessmentsJson.WriteResult(full)
            && routed.Errors.SequenceEqual(full.Errors)
            && routed.Flags.SequenceEqual(full.Flags)
            && viaInts.IsSuccess == full.IsSuccess
            && (!full.IsSuccess || viaInts.ScoreOrThrow().ItemScores.SequenceEqual(full.ScoreOrThrow().ItemScores));
    }

    [Property]
    public bool ScoreQuick_TakesTheDecisionsOfTheFullEngine(CompleteResponse response)
    {
        var options = new ScoringOptions { Values = response.Kind };
        QuickScore quick = response.Instrument.ScoreQuick(response.Values, options);
        ScoringResult full = response.Instrument.Score(response.Values.Select(v => (int?)v).ToArray(), options);
        FlagPriority? highest = full.Flags.Where(f => f.Priority is not null).Select(f => f.Priority).Max();
        if (quick.IsSuccess != full.IsSuccess || quick.SafetyPriority != highest || quick.FlagCount != full.Flags.Length)
            return false;
        if (full.Score is { } score)
            return quick.Total == score.Total && Equals(quick.Band, score.Band) && quick.RiskLevel == score.RiskLevel && quick.HasNotes == !score.Notes.IsEmpty && quick.ErrorCount == 0;
        return quick.ErrorCount == full.Errors.Length
            && quick.FirstErrorCode == full.Errors[0].Code
            && quick.FirstErrorItem == full.Errors[0].ItemNumber;
    }
}
