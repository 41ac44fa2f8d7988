using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Assessments;
using Assessments.ClinicApi;
using Assessments.Fhir;
using Assessments.Trends;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Assessments.AspNetCore;
using Microsoft.Extensions.DependencyInjection;

// A clinic's scoring service in one file: score a response, stream a batch, summarise a course, serve definitions.
// Two lines from Assessments.AspNetCore make every unreadable or invalid body an RFC 9457 ProblemDetails that still
// carries every safety flag the body gives (truncated JSON, repeated keys, unreadable items, unknown instruments).
WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
builder.Services.AddAssessments();
builder.Services.AddOpenApi(o => o.AddAssessmentsSchemas());

WebApplication app = builder.Build();
app.UseAssessments();
app.MapOpenApi();

// Typed binding through the library's converter; a body the library cannot read is a 400 problem with its flags.
app.MapPost("/score", (Response response) => AssessmentsResults.Score(response))
    .Produces<ScoringResult>()
    .ProducesProblem(StatusCodes.Status400BadRequest)
    .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
    .WithSummary("Score one response document");

// NDJSON in, NDJSON out, streamed: one result line per document line, in order. A body of any size is read to its
// end (the server's body limit is lifted for it), and a body that breaks mid-stream ends with an error line.
app.MapPost("/score/batch", async (HttpContext context, CancellationToken _) => { await AssessmentsBatch.ScoreNdjsonAsync(context); })
    .Accepts<string>("application/x-ndjson")
    .Produces<string>(StatusCodes.Status200OK, "application/x-ndjson")
    .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
    .WithSummary("Score NDJSON response documents, one result line per line");

app.MapPost("/course", async (HttpRequest request, CancellationToken cancellationToken) =>
    {
        byte[]? body = await Body.ReadAsync(request.Body, 64 << 20, cancellationToken);
        if (body is null)
            return AssessmentsResults.Problem(AssessmentsProblems.TooLarge(64 << 20));

        // A course (200 with the summary; a course listing invalid assessments carries their positioned "errors"), a
        // record of several instruments (one course each, every flag with its instrument), or a problem with the flags.
        return AssessmentsResults.Course(TreatmentCourse.SummarizeDocument(System.Text.Encoding.UTF8.GetString(body)));
    })
    .Accepts<string>("application/json")
    .Produces<CourseSummary>()
    .ProducesProblem(StatusCodes.Status400BadRequest)
    .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
    .WithSummary("Summarise a treatment course document");

app.MapGet("/instruments", () => Instruments.All.Select(i => new InstrumentEntry(i.Id, i.Name)).ToArray())
    .WithSummary("The built-in instruments");

app.MapGet("/instruments/{id}", (string id) =>
        Instruments.TryGet(id, out Instrument? instrument)
            ? Results.Ok(instrument)
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown instrument", extensions: new System.Collections.Generic.Dictionary<string, object?> { ["code"] = ErrorCodes.UnknownInstrument }))
    .Produces<Instrument>()
    .ProducesProblem(StatusCodes.Status404NotFound)
    .WithSummary("An instrument's definition");

// FHIR R4: a QuestionnaireResponse (JSON) scored on the fast path; the answer is the library's result JSON with its
// source, or, with ?format=fhir, an Observation. Invalid input is a problem that keeps every flag.
app.MapPost("/fhir/QuestionnaireResponse/$score", async (HttpRequest request, string? format, CancellationToken cancellationToken) =>
    {
        byte[]? body = await Body.ReadAsync(request.Body, Limits.MaxDocumentBytes, cancellationToken);
        if (body is null)
            return AssessmentsResults.Problem(AssessmentsProblems.TooLarge(Limits.MaxDocumentBytes));
        FhirScoringResult result = QuestionnaireResponseImporter.ScoreUtf8(body);
        if (!result.IsSuccess)
            return Problems.Fhir(result);
        if (format == "fhir")
        {
            Hl7.Fhir.Model.Observation observation = FhirExport.ToObservation(
                result.Result,
                result.Subject is string subject ? new Hl7.Fhir.Model.ResourceReference(subject) : null,
                result.AuthoredAt,
                result.ResourceId is string id ? new Hl7.Fhir.Model.ResourceReference($"QuestionnaireResponse/{id}") : null);
            return Results.Text(FhirJson.Serialize(observation, pretty: false), "application/fhir+json");
        }

        return Results.Text(FhirJson.Write(result), "application/json");
    })
    .Accepts<JsonElement>("application/fhir+json", "application/json")
    .ProducesProblem(StatusCodes.Status400BadRequest)
    .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
    .WithSummary("Score a FHIR R4 QuestionnaireResponse");

app.MapGet("/fhir/Questionnaire/{id}", (string id) =>
        Instruments.TryGet(id, out Instrument? instrument)
            ? Results.Text(FhirJson.Serialize(FhirExport.ToQuestionnaire(instrument), pretty: false), "application/fhir+json")
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown instrument", extensions: new System.Collections.Generic.Dictionary<string, object?> { ["code"] = ErrorCodes.UnknownInstrument }))
    .ProducesProblem(StatusCodes.Status404NotFound)
    .WithSummary("An instrument as a FHIR R4 SDC Questionnaire");

app.Run();

/// <summary>The entry point, visible to <c>WebApplicationFactory</c> in the tests.</summary>
public partial class Program;

namespace Assessments.ClinicApi
{
    /// <summary>An entry of the instrument list.</summary>
    /// <param name="Id">The stable id.</param>
    /// <param name="Name">The name.</param>
    internal sealed record InstrumentEntry(string Id, string Name);

    /// <summary>Reads a request body up to a limit.</summary>
    internal static class Body
    {
        /// <summary>The body, or null when it is longer than <paramref name="limit"/> bytes.</summary>
        public static async Task<byte[]?> ReadAsync(Stream body, int limit, CancellationToken cancellationToken)
        {
            using var buffer = new MemoryStream();
            byte[] chunk = new byte[16 * 1024];
            int read;
            while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > limit)
                    return null;
                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
    }

    /// <summary>The FHIR route's problem (the ASP.NET package knows no FHIR): the import's own result JSON, with every
    /// flag, as the <c>result</c> extension.</summary>
    internal static class Problems
    {
        public static IResult Fhir(FhirScoringResult result) => Results.Problem(
            statusCode: result.Errors.Any(e => e.Code == FhirErrorCodes.NotAQuestionnaireResponse) ? StatusCodes.Status400BadRequest : StatusCodes.Status422UnprocessableEntity,
            title: "The QuestionnaireResponse could not be scored",
            detail: Codes(result.Errors.Select(e => e.Code)),
            extensions: new System.Collections.Generic.Dictionary<string, object?> { ["result"] = Json(FhirJson.Write(result)) });

        public static string Codes(System.Collections.Generic.IEnumerable<string> codes) => "Error codes: " + string.Join(", ", codes.Distinct()) + ".";

        private static JsonElement Json(string json)
        {
            using JsonDocument document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
    }
}
