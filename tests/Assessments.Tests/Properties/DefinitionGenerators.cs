using System.Linq;
using Assessments.Testing;
using FsCheck;
using FsCheck.Fluent;

namespace Assessments.Tests.Properties;

/// <summary>A response of raw values (integers, blanks, unreadable tokens) to a built-in or generated instrument.</summary>
public sealed record RawCase(Instrument Instrument, Raw[] Values, ResponseValueKind Kind, bool Prorate, bool NoOnSkipped = false)
{
    public ScoringOptions Options => new() { Values = Kind, Prorate = Prorate, NoOnSkippedItemIsNotAsked = NoOnSkipped };

    public override string ToString() => $"{Instrument.Id} ({Instrument.Items.Length} items, {Instrument.Method}) {Kind}{(Prorate ? " prorate" : "")}{(NoOnSkipped ? " no-on-skipped" : "")} [{string.Join(",", Values)}]";
}

/// <summary>
/// Random instruments, as a clinic definition could declare them: up to 120 items (past the 64-bit masks of any fast
/// path), nested skip logic, reverse and scrambled keys beside "not assessed" values, safety items, max-of-domain
/// groups with either/or pairs, and risk tiers. Built through the same constructor as the catalogue.
/// </summary>
public static class DefinitionGenerators
{
    public static Gen<Instrument> Instrument() =>
        from method in Gen.Frequency((6, Gen.Constant(ScoringMethod.Sum)), (2, Gen.Constant(ScoringMethod.DomainMaximumSum)), (2, Gen.Constant(ScoringMethod.RiskTiers)))
        from n in Gen.Frequency((6, Gen.Choose(1, 12)), (3, Gen.Choose(13, 70)), (1, Gen.Choose(71, 120)))
        from seed in Gen.Choose(0, int.MaxValue - 1)
        select RandomInstruments.Build(method, n, seed);

    /// <summary>The catalogue half the time, a generated instrument the other half.</summary>
    public static Gen<Instrument> AnyInstrument() => Gen.OneOf(Gen.Elements(Generators.Catalogue), Instrument());

    /// <summary>Raw values that walk the skip logic most of the time (so that valid C-SSRS-like responses are common),
    /// with blanks, out-of-range values, unreadable tokens and "not assessed" values mixed in.</summary>
    public static Gen<Raw[]> RawValues(Instrument instrument, ResponseValueKind kind) =>
        from seed in Gen.Choose(0, int.MaxValue - 1)
        from noise in Gen.Frequency((3, Gen.Constant(0)), (3, Gen.Constant(5)), (2, Gen.Constant(20)), (1, Gen.Constant(60)))
        from length in Gen.Frequency((12, Gen.Constant(instrument.Items.Length)), (1, Gen.Choose(0, instrument.Items.Length + 3)))
        select RandomInstruments.Walk(instrument, kind, length, noise, new System.Random(seed));

    public static Arbitrary<RawCase> RawCase() =>
        (from instrument in AnyInstrument()
         from kind in Gen.Frequency((3, Gen.Constant(ResponseValueKind.ItemScores)), (1, Gen.Constant(ResponseValueKind.OptionPositions)))
         from values in RawValues(instrument, kind)
         from prorate in Gen.Elements(false, true)
         from noOnSkipped in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
         select new RawCase(instrument, values, kind, prorate, noOnSkipped)).ToArbitrary();

}
