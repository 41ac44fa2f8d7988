using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Assessments;
using Assessments.ClinicApi;
using Assessments.Fhir;
using Assessments.Serialization;
using Assessments.Trends;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Assessments.Batches;

// A clinic's scoring service in one file: score a response, stream a batch, summarise a course, serve definitions.
// Invalid input is a ProblemDetails (RFC 9457) that still carries every safety flag the input gives.
WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, AssessmentsJson.TypeInfoResolver));
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<BadRequestProblems>();
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.AddOpenApi();

WebApplication app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapOpenApi();

// The never-lost route: the body is read by the library's own reader, so even a truncated or broken document
// reports the safety flags of the items it could read.
app.MapPost("/score", async (HttpRequest request, CancellationToken cancellationToken) =>
    {
        byte[]? body = await Body.ReadAsync(request.Body, Limits.MaxDocumentBytes, cancellationToken);
        if (body is null)
            return Problems.TooLarge();
        ResponseReadResult read = AssessmentsJson.ReadResponse(body, null);
        if (!read.IsSuccess)
            return Problems.Unreadable(read);
        ScoringResult result = read.Instrument.Score(read.Response);
        return result.IsSuccess ? Results.Ok(result) : Problems.Invalid(result);
    })
    .Accepts<Response>("application/json")
    .Produces<ScoringResult>()
    .ProducesProblem(StatusCodes.Status400BadRequest)
    .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
    .WithSummary("Score one response document");

// The typed route: ASP.NET binds the Response through the library's converter. A document the library cannot read
// becomes a 400 problem with its flags (BadRequestProblems); JSON that is not even well formed never reaches the
// converter, so clinical callers should prefer /score.
app.MapPost("/score/typed", (Response response) =>
    {
        ScoringResult result = Instruments.Score(response);
        return result.IsSuccess ? Results.Ok(result) : Problems.Invalid(result);
    })
    .Produces<ScoringResult>()
    .ProducesProblem(StatusCodes.Status400BadRequest)
    .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
    .WithSummary("Score one response document bound as a Response");

// NDJSON in, NDJSON out, streamed: one result line per document line, in order.
app.MapPost("/score/batch", async (HttpRequest request, HttpResponse response, CancellationToken cancellationToken) =>
    {
        response.ContentType = "application/x-ndjson";
        await BatchScoring.ScoreNdjsonAsync(request.Body, response.Body, null, cancellationToken);
    })
    .Accepts<string>("application/x-ndjson")
    .Produces<string>(StatusCodes.Status200OK, "application/x-ndjson")
    .WithSummary("Score NDJSON response documents, one result line per line");

app.MapPost("/course", async (HttpRequest request, CancellationToken cancellationToken) =>
    {
        byte[]? body = await Body.ReadAsync(request.Body, 64 << 20, cancellationToken);
        if (body is null)
            return Problems.TooLarge();
        CourseReadResult read = TreatmentCourse.SummarizeDocument(System.Text.Encoding.UTF8.GetString(body));
        if (read.IsRecord)
        {
            // A record (several instruments): one course per instrument and every flag with its instrument.
            var buffer = new System.Buffers.ArrayBufferWriter<byte>();
            using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
                CourseJson.WriteRecord(read, writer);
            return Results.Bytes(buffer.WrittenSpan.ToArray(), "application/json");
        }

        // v3: a course listing invalid assessments is summarised (200); its JSON carries their positioned "errors".
        return read.IsSuccess ? Results.Ok(read.Summary) : Problems.Course(read);
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
            return Problems.TooLarge();
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

    /// <summary>ProblemDetails for every way input can be wrong. Each carries the library's own JSON (codes, items, and
    /// the safety flags) as the <c>result</c> or <c>course</c> extension; none repeats a value the patient gave.</summary>
    internal static class Problems
    {
        public static IResult Unreadable(ResponseReadResult read) => Results.Problem(
            statusCode: StatusCodes.Status400BadRequest,
            title: "The response document could not be read",
            detail: Codes(read.Errors.Select(e => e.Code)),
            extensions: new System.Collections.Generic.Dictionary<string, object?> { ["result"] = Json(AssessmentsJson.WriteReadErrors(read)) });

        public static IResult Invalid(ScoringResult result) => Results.Problem(
            statusCode: StatusCodes.Status422UnprocessableEntity,
            title: "The response is not valid for its instrument",
            detail: Codes(result.Errors.Select(e => e.Code)),
            extensions: new System.Collections.Generic.Dictionary<string, object?> { ["result"] = result });

        public static IResult Course(CourseReadResult read) => Results.Problem(
            statusCode: read.IsDocumentError ? StatusCodes.Status400BadRequest : StatusCodes.Status422UnprocessableEntity,
            title: read.IsDocumentError ? "The course document could not be read" : "The course has invalid assessments",
            detail: Codes(read.Errors.Select(e => e.Code)),
            extensions: new System.Collections.Generic.Dictionary<string, object?> { ["course"] = Json(CourseJson.WriteErrors(read.InstrumentId, read.Errors, read.SafetyFlags)) });

        public static IResult Fhir(FhirScoringResult result) => Results.Problem(
            statusCode: result.Errors.Any(e => e.Code == FhirErrorCodes.NotAQuestionnaireResponse) ? StatusCodes.Status400BadRequest : StatusCodes.Status422UnprocessableEntity,
            title: "The QuestionnaireResponse could not be scored",
            detail: Codes(result.Errors.Select(e => e.Code)),
            extensions: new System.Collections.Generic.Dictionary<string, object?> { ["result"] = Json(FhirJson.Write(result)) });

        public static IResult TooLarge() => Results.Problem(
            statusCode: StatusCodes.Status413PayloadTooLarge,
            title: "The document is larger than the limit",
            extensions: new System.Collections.Generic.Dictionary<string, object?> { ["code"] = ErrorCodes.DocumentTooLarge });

        public static string Codes(System.Collections.Generic.IEnumerable<string> codes) => "Error codes: " + string.Join(", ", codes.Distinct()) + ".";

        private static JsonElement Json(string json)
        {
            using JsonDocument document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
    }

    /// <summary>Turns a request ASP.NET could not bind into a 400 problem; a response document the library could not
    /// read keeps its codes and safety flags.</summary>
    internal sealed class BadRequestProblems(IProblemDetailsService problems) : Microsoft.AspNetCore.Diagnostics.IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            if (exception is not BadHttpRequestException bad)
                return false;
            var details = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = bad.StatusCode, Title = "The request could not be read" };
            if (bad.InnerException is ResponseDocumentException unreadable)
            {
                details.Title = "The response document could not be read";
                details.Detail = Problems.Codes(unreadable.Read.Errors.Select(e => e.Code));
                using JsonDocument json = JsonDocument.Parse(AssessmentsJson.WriteReadErrors(unreadable.Read));
                details.Extensions["result"] = json.RootElement.Clone();
            }

            httpContext.Response.StatusCode = bad.StatusCode;
            return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = details, Exception = exception });
        }
    }
}
