using System.Linq;
using FsCheck;
using FsCheck.Fluent;

namespace Assessments.Tests.Properties;

/// <summary>A valid response: every asked item inside its range, skip logic respected.</summary>
public sealed record ValidResponse(Instrument Instrument, int?[] Values)
{
    public override string ToString() => $"{Instrument.Id} [{string.Join(",", Values.Select(v => v?.ToString() ?? "-"))}]";
}

/// <summary>A valid response with one item pushed outside its allowed values.</summary>
public sealed record OutOfRangeResponse(Instrument Instrument, int?[] Values, int ItemNumber)
{
    public override string ToString() => $"{Instrument.Id} item {ItemNumber} [{string.Join(",", Values.Select(v => v?.ToString() ?? "-"))}]";
}

/// <summary>A response of the wrong length.</summary>
public sealed record WrongLengthResponse(Instrument Instrument, int?[] Values)
{
    public override string ToString() => $"{Instrument.Id} x{Values.Length}";
}

/// <summary>A response given as option positions, valid for its instrument.</summary>
public sealed record PositionResponse(Instrument Instrument, int?[] Positions)
{
    public override string ToString() => $"{Instrument.Id} positions [{string.Join(",", Positions)}]";
}

/// <summary>Explicit generators over the whole catalogue.</summary>
public static class Generators
{
    public static readonly Instrument[] Catalogue = [.. Assessments.Instruments.All];

    public static Gen<int?[]> ValidValues(Instrument instrument)
    {
        if (instrument.Method == ScoringMethod.RiskTiers)
            return SkipLogicValues(instrument);
        return Gen.CollectToArray(instrument.Items, item => Gen.Choose(item.MinScore, item.MaxScore).Select(v => (int?)v));
    }

    /// <summary>Answers that respect an instrument's skip logic (the C-SSRS screener and Since Last Visit): an item with
    /// a condition is answered exactly when its parent was asked and scored the condition's value.</summary>
    public static Gen<int?[]> SkipLogicValues(Instrument instrument) =>
        from answers in Gen.CollectToArray(instrument.Items, item => Gen.Choose(item.MinScore, item.MaxScore))
        select Asked(instrument, answers);

    private static int?[] Asked(Instrument instrument, int[] answers)
    {
        var values = new int?[answers.Length];
        for (int i = 0; i < answers.Length; i++)
        {
            ItemCondition? when = instrument.Items[i].AskedWhen;
            values[i] = when is null || values[when.ItemNumber - 1] == when.Score ? answers[i] : null;
        }

        return values;
    }

    public static Arbitrary<ValidResponse> ValidResponse() =>
        (from instrument in Gen.Elements(Catalogue)
         from values in ValidValues(instrument)
         select new ValidResponse(instrument, values)).ToArbitrary();

    public static Arbitrary<OutOfRangeResponse> OutOfRangeResponse() =>
        (from instrument in Gen.Elements(Catalogue)
         from values in ValidValues(instrument)
         let asked = Enumerable.Range(0, values.Length).Where(i => values[i] is not null).ToArray()
         from index in Gen.Elements(asked)
         from bad in Gen.OneOf(Gen.Choose(-1000, -1), Gen.Choose(instrument.Items[index].MaxScore + 1, 1000))
         where bad != instrument.Items[index].NotAssessedValue
         select new OutOfRangeResponse(instrument, Replace(values, index, bad), index + 1)).ToArbitrary();

    public static Arbitrary<WrongLengthResponse> WrongLengthResponse() =>
        (from instrument in Gen.Elements(Catalogue)
         from length in Gen.Choose(0, 40)
         where length != instrument.Items.Length
         from values in Gen.ArrayOf(Gen.Choose(0, 3).Select(v => (int?)v), length)
         select new WrongLengthResponse(instrument, values)).ToArbitrary();

    public static Arbitrary<PositionResponse> PositionResponse() =>
        (from instrument in Gen.Elements(Catalogue.Where(i => i.Method != ScoringMethod.RiskTiers && !i.Items.Any(item => item.RefusesOptionPositions)).ToArray())
         from positions in Gen.CollectToArray(instrument.Items, item => Gen.Choose(0, item.PositionScores.Length - 1).Select(v => (int?)v))
         select new PositionResponse(instrument, positions)).ToArbitrary();

    /// <summary>Any response document: valid or not, with blanks, options and an id, for round-trips.</summary>
    public static Arbitrary<Response> Response() =>
        (from instrument in Gen.Elements(Catalogue)
         from length in Gen.Frequency((8, Gen.Constant(instrument.Items.Length)), (1, Gen.Choose(0, 30)))
         from values in Gen.ArrayOf(
             Gen.Frequency(
                 (12, Gen.Choose(0, 3).Select(v => (int?)v)),
                 (2, Gen.Choose(-5, 10).Select(v => (int?)v)),
                 (1, Gen.Constant<int?>(null))),
             length)
         from positions in Gen.Elements(false, true)
         from prorate in Gen.Elements(false, true)
         from id in Gen.Elements<string?>(null, "visit-0142", "ünïcødé \"quoted\"", "")
         select new Response(
             instrument.Id,
             values,
             new ScoringOptions { Prorate = prorate, Values = positions ? ResponseValueKind.OptionPositions : ResponseValueKind.ItemScores },
             id)).ToArbitrary();

    private static int?[] Replace(int?[] values, int index, int value)
    {
        var copy = (int?[])values.Clone();
        copy[index] = value;
        return copy;
    }
}
