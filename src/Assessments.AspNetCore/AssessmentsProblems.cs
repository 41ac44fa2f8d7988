using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Assessments.Serialization;
using Assessments.Trends;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Assessments.AspNetCore;

/// <summary>ProblemDetails (RFC 9457) for every way a request can fail to be read or scored. Each carries the coded
/// <c>errors</c> and every safety flag the readable parts give (<c>flags</c>, or a course's <c>safetyFlags</c>) as
/// extensions, in the library's wire format; none repeats a value the patient gave.</summary>
public static class AssessmentsProblems
{
    /// <summary>The document could not be read (400): malformed, truncated, a repeated key, an unknown instrument, an
    /// unreadable value.</summary>
    /// <param name="read">The failed read.</param>
    /// <returns>The problem.</returns>
    public static ProblemDetails Unreadable(ResponseReadResult read)
    {
        ArgumentNullException.ThrowIfNull(read);
        return From(StatusCodes.Status400BadRequest, "The response document could not be read", AssessmentsJson.WriteReadErrors(read));
    }

    /// <summary>The response was read but is not valid for its instrument (422): out of range, missing, not asked.</summary>
    /// <param name="result">The invalid result.</param>
    /// <returns>The problem.</returns>
    public static ProblemDetails Invalid(ScoringResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return From(StatusCodes.Status422UnprocessableEntity, "The response is not valid for its instrument", AssessmentsJson.WriteResult(result));
    }

    /// <summary>A course document that could not be summarised: 400 when it is asked for the wrong way, 422 when its
    /// data are invalid; <c>errors</c> with their positions and every dated flag (<c>safetyFlags</c>).</summary>
    /// <param name="read">The failed course.</param>
    /// <returns>The problem.</returns>
    public static ProblemDetails Course(CourseReadResult read)
    {
        ArgumentNullException.ThrowIfNull(read);
        return From(
            read.IsDocumentError ? StatusCodes.Status400BadRequest : StatusCodes.Status422UnprocessableEntity,
            read.IsDocumentError ? "The course document could not be used" : "The course could not be summarised",
            CourseJson.WriteErrors(read.InstrumentId, read.Errors, read.SafetyFlags));
    }

    /// <summary>A body over the limit (413), refused before it was read.</summary>
    /// <param name="limit">The limit in bytes.</param>
    /// <returns>The problem.</returns>
    public static ProblemDetails TooLarge(long limit)
    {
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status413PayloadTooLarge,
            Title = "The request body is larger than the limit",
            Detail = FormattableString.Invariant($"At most {limit} bytes."),
        };
        problem.Extensions["errors"] = new[] { new Dictionary<string, object?> { ["code"] = ErrorCodes.DocumentTooLarge, ["message"] = problem.Detail } };
        return problem;
    }

    /// <summary>A problem whose extensions are the members of the library's own error or result JSON (<c>instrument</c>,
    /// <c>errors</c>, <c>flags</c>, <c>safetyFlags</c>, ...), its detail the error codes.</summary>
    private static ProblemDetails From(int status, string title, string json)
    {
        var problem = new ProblemDetails { Status = status, Title = title };
        using JsonDocument document = JsonDocument.Parse(json);
        var codes = new List<string>();
        foreach (JsonProperty property in document.RootElement.EnumerateObject())
        {
            problem.Extensions[property.Name] = property.Value.Clone();
            if (property.NameEquals("errors"))
                codes.AddRange(property.Value.EnumerateArray().Select(e => e.GetProperty("code").GetString() ?? ""));
        }

        problem.Detail = "Error codes: " + string.Join(", ", codes.Distinct(StringComparer.Ordinal)) + ".";
        return problem;
    }
}

/// <summary>Results for minimal APIs: a score, or the problem that keeps its flags.</summary>
public static class AssessmentsResults
{
    /// <summary>Scores a bound response: 200 with the result, or 422 with its errors and flags.</summary>
    /// <param name="response">The response, bound by ASP.NET through the library's JSON metadata.</param>
    /// <returns>The result.</returns>
    public static IResult Score(Response response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return Score(Instruments.Score(response));
    }

    /// <summary>200 with a valid result, or 422 with its errors and flags.</summary>
    /// <param name="result">The result.</param>
    /// <returns>The result.</returns>
    public static IResult Score(ScoringResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.IsSuccess ? Results.Ok(result) : Problem(AssessmentsProblems.Invalid(result));
    }

    /// <summary>A course document read: 200 with the summary (or a record's courses), else its problem. A course that
    /// lists invalid assessments is summarised (200) and its JSON carries their positioned <c>errors</c>.</summary>
    /// <param name="read">The read course.</param>
    /// <returns>The result.</returns>
    public static IResult Course(CourseReadResult read)
    {
        ArgumentNullException.ThrowIfNull(read);
        if (read.IsRecord)
        {
            var buffer = new System.Buffers.ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer))
                CourseJson.WriteRecord(read, writer);
            return Results.Bytes(buffer.WrittenSpan.ToArray(), "application/json");
        }

        return read.IsSuccess ? Results.Text(CourseJson.Write(read.Summary), "application/json") : Problem(AssessmentsProblems.Course(read));
    }

    /// <summary>A ProblemDetails as <c>application/problem+json</c> with its status.</summary>
    /// <param name="problem">The problem.</param>
    /// <returns>The result.</returns>
    public static IResult Problem(ProblemDetails problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return Results.Problem(problem);
    }
}
