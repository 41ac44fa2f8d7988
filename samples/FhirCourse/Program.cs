using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Assessments;
using Assessments.Fhir;
using Assessments.Serialization;
using Assessments.Trends;

// A folder of FHIR QuestionnaireResponses (JSON or XML) becomes a treatment course: each response is scored (the fast
// path for JSON), dated by its `authored`, and the course is summarised with the sessions of an optional
// treatments.json ([{ "at": "...", "kind": "..." }]) in the same folder.
// Run: dotnet run --project samples/FhirCourse -- samples/fhir/phq9-weekly
if (args.Length != 1 || !Directory.Exists(args[0]))
{
    Console.Error.WriteLine("usage: FhirCourse <folder of QuestionnaireResponses>");
    return 2;
}

var assessments = new List<CourseAssessment>();
Instrument? instrument = null;
int invalid = 0;
foreach (string file in Directory.EnumerateFiles(args[0]).Where(f => f.EndsWith(".xml", StringComparison.Ordinal) || (f.EndsWith(".json", StringComparison.Ordinal) && Path.GetFileName(f) != "treatments.json")).Order(StringComparer.Ordinal))
{
    FhirScoringResult result = file.EndsWith(".json", StringComparison.Ordinal)
        ? QuestionnaireResponseImporter.ScoreUtf8(File.ReadAllBytes(file))
        : QuestionnaireResponseImporter.ScoreText(File.ReadAllText(file));
    // Every flag first, also for a response that cannot be scored.
    foreach (SafetyFlag flag in result.Flags)
        Console.WriteLine($"SAFETY {Path.GetFileName(file)}: {flag.Id} item {flag.ItemNumber} = {flag.Value} ({flag.Priority})");
    if (!result.IsSuccess)
    {
        invalid++;
        Console.WriteLine($"{Path.GetFileName(file)}: not scored: {string.Join("; ", result.Errors.Select(e => e.Code))}");
        continue;
    }

    if (result.AuthoredAt is not DateTimeOffset at)
    {
        invalid++;
        Console.WriteLine($"{Path.GetFileName(file)}: no authored time; a course needs one");
        continue;
    }

    if (instrument is not null && instrument != result.Instrument)
    {
        invalid++;
        Console.WriteLine($"{Path.GetFileName(file)}: {result.Instrument.Id}, not {instrument.Id}; a course has one instrument");
        continue;
    }

    instrument = result.Instrument;
    Console.WriteLine($"{Path.GetFileName(file)}: {instrument.Id} {result.Score.Total} ({result.Score.Band?.Label}) at {at:yyyy-MM-dd HH:mm}Z{(result.EmbeddedTotalAgrees == false ? $", stated total {result.EmbeddedTotal} disagrees" : "")}");
    assessments.Add(CourseAssessment.FromScore(at, result.Score));
}

if (instrument is null)
{
    Console.Error.WriteLine("no response in the folder could be scored");
    return 1;
}

var sessions = new List<TreatmentSession>();
string treatments = Path.Combine(args[0], "treatments.json");
if (File.Exists(treatments))
{
    using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(treatments));
    foreach (JsonElement session in doc.RootElement.EnumerateArray())
        sessions.Add(new TreatmentSession(session.GetProperty("at").GetDateTimeOffset(), session.TryGetProperty("kind", out JsonElement kind) ? kind.GetString() : null));
}

CourseResult course = TreatmentCourse.Summarize(instrument, assessments, sessions);
if (!course.IsSuccess)
{
    Console.WriteLine($"course: {string.Join("; ", course.Errors.Select(e => e.Code))}");
    return 1;
}

CourseSummary s = course.Summary;
Console.WriteLine();
Console.WriteLine($"{instrument.Id} course: baseline {s.Baseline.Total}, latest {s.Latest.Total}, {s.PercentImprovement:0.0} % improvement, status {(s.Status is CourseStatus st ? WireIds.ToWireId(st) : "none")}; {s.SafetyFlags.Length} safety flag(s)");
Console.WriteLine(CourseJson.Write(s));
return invalid == 0 ? 0 : 1;
