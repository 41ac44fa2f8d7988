using Assessments;
using Assessments.Serialization;

// The app's own FluentValidation 11 validator, beside the library's definition validator (which runs on 11 too).
var major = typeof(FluentValidation.AbstractValidator<>).Assembly.GetName().Version!.Major;
if (major != 11)
{
    Console.Error.WriteLine($"expected FluentValidation 11, loaded {major}");
    return 1;
}

ScoringResult result = Instruments.Phq9.Score(1, 2, 3, 1, 2, 3, 0, 1, 2);
DefinitionLoadResult loaded = InstrumentDefinitions.Load(InstrumentDefinitions.Export(Instruments.Gad7).Replace("\"gad-7\"", "\"clinic-gad\"", StringComparison.Ordinal));
DefinitionLoadResult refused = InstrumentDefinitions.Load("""{"id":"Bad Id"}""");
Console.WriteLine($"FluentValidation {major}: phq-9 total {result.Score?.Total}, definition loaded {loaded.IsSuccess}, bad definition refused with {refused.Errors.Length} errors");
return result.Score?.Total == 15 && !refused.IsSuccess ? 0 : 1;
