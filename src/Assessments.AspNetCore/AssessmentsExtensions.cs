using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Assessments.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Assessments.AspNetCore;

/// <summary>Registers the library with an ASP.NET Core app.</summary>
public static class AssessmentsServiceCollectionExtensions
{
    /// <summary>The library's JSON metadata for typed binding and results, ProblemDetails, and the handler that turns a
    /// request body ASP.NET could not bind into a ProblemDetails with its errors and flags (with
    /// <see cref="AssessmentsApplicationBuilderExtensions.UseAssessments"/>).</summary>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddAssessments(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, AssessmentsJson.TypeInfoResolver));
        services.AddProblemDetails();
        services.AddExceptionHandler<UnreadableBodyHandler>();
        // A binding failure is an exception the handler sees (with the document's own read attached), not an empty 400.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return services;
    }
}

/// <summary>Adds the library's request handling to the pipeline.</summary>
public static class AssessmentsApplicationBuilderExtensions
{
    /// <summary>Every failure to read a request body becomes <c>application/problem+json</c> whose extensions carry the
    /// coded errors and every safety flag the readable parts give: a truncated document, a repeated key, an unreadable
    /// item, an unknown instrument. Bodies bound as a <see cref="Response"/> are kept (up to
    /// <see cref="Limits.MaxDocumentBytes"/>) so that even JSON too broken to bind is read for its flags.</summary>
    /// <param name="app">The app.</param>
    /// <returns>The app.</returns>
    public static IApplicationBuilder UseAssessments(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(static (context, next) =>
        {
            if (UnreadableBodyHandler.BindsResponse(context))
            {
                context.Request.EnableBuffering(bufferThreshold: 64 * 1024);
                context.Items[UnreadableBodyHandler.KeptBody] = true; // the exception handler runs without the endpoint
            }
            return next(context);
        });
        app.UseExceptionHandler();
        return app;
    }
}

/// <summary>Turns a request body ASP.NET could not bind into a ProblemDetails that keeps the flags: the library's own
/// read of the body (attached to the binding failure, or made here from the kept body when the JSON was too broken
/// to reach the library's converter).</summary>
internal sealed class UnreadableBodyHandler(IProblemDetailsService problems) : IExceptionHandler
{
    /// <summary>Marks a request whose body is kept for the handler.</summary>
    public static readonly object KeptBody = new();

    public static bool BindsResponse(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>() is { RequestType: Type type } && type == typeof(Response);

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
            return false;
        ProblemDetails problem;
        if (Find<ResponseDocumentException>(bad) is { } unreadable)
        {
            problem = AssessmentsProblems.Unreadable(unreadable.Read);
        }
        else if (httpContext.Items.ContainsKey(KeptBody) && await ReadKeptBodyAsync(httpContext.Request, cancellationToken).ConfigureAwait(false) is byte[] body)
        {
            ResponseReadResult read = AssessmentsJson.ReadResponse(body, null);
            problem = read.IsSuccess
                ? new ProblemDetails { Status = bad.StatusCode, Title = "The request could not be read" } // readable to the library: not a document fault
                : AssessmentsProblems.Unreadable(read);
        }
        else
        {
            problem = new ProblemDetails { Status = bad.StatusCode, Title = "The request could not be read" };
        }

        httpContext.Response.StatusCode = problem.Status ?? bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception }).ConfigureAwait(false);
    }

    private static T? Find<T>(Exception exception)
        where T : Exception
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is T found)
                return found;
        }

        return null;
    }

    private static async Task<byte[]?> ReadKeptBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.Body.CanSeek)
            return null;
        request.Body.Position = 0;
        using var buffer = new MemoryStream();
        byte[] chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > Limits.MaxDocumentBytes)
                return null;
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
