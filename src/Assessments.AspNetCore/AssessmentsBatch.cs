using System;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Assessments.Batches;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Assessments.AspNetCore;

/// <summary>Streamed NDJSON batches over HTTP that never lose a result silently: a body is read to its end whatever
/// its size (the server's request-body limit is lifted for it), or refused before the first result line; a body that
/// fails mid-stream (the client goes away, the connection breaks) ends the output with an error line, never with a
/// cut after a 200.</summary>
public static class AssessmentsBatch
{
    /// <summary>The code of the last line of a batch whose body could not be read to its end.</summary>
    public const string BodyIncompleteCode = "batch-body-incomplete";

    /// <summary>Scores an NDJSON request body into an NDJSON response, one result line per document, in order.</summary>
    /// <param name="context">The request's context.</param>
    /// <param name="maxBodyBytes">A limit of the caller's own: a body that states a larger <c>Content-Length</c> is refused
    /// with 413 before any result; one that turns out larger while streaming ends with an error line. Null for none.</param>
    /// <param name="resolve">Finds an instrument by id; null for the built-in catalogue.</param>
    /// <returns>The batch's counts; null when the body was refused before any result. A body that failed part way gives the
    /// counts of the lines scored before (their urgent flags too), with <see cref="BatchSummary.IsComplete"/> false.</returns>
    public static async Task<BatchSummary?> ScoreNdjsonAsync(HttpContext context, long? maxBodyBytes = null, Func<string, Instrument?>? resolve = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        CancellationToken cancellationToken = context.RequestAborted;
        if (maxBodyBytes is long max && context.Request.ContentLength > max)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await Results.Problem(AssessmentsProblems.TooLarge(max)).ExecuteAsync(context).ConfigureAwait(false);
            return null;
        }

        // The server's own limit (30 MB in Kestrel by default) would cut the body off after results were sent: lifted,
        // or the body refused now if it cannot be (the body is already being read).
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { } limit && limit.MaxRequestBodySize is long serverMax && serverMax < (maxBodyBytes ?? long.MaxValue))
        {
            if (!limit.IsReadOnly)
            {
                limit.MaxRequestBodySize = maxBodyBytes;
            }
            else if (context.Request.ContentLength is null or > 0 && (context.Request.ContentLength ?? long.MaxValue) > serverMax)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                await Results.Problem(AssessmentsProblems.TooLarge(serverMax)).ExecuteAsync(context).ConfigureAwait(false);
                return null;
            }
        }

        context.Response.ContentType = "application/x-ndjson";
        Stream body = maxBodyBytes is long cap ? new CappedStream(context.Request.Body, cap) : context.Request.Body;
        try
        {
            return await BatchScoring.ScoreNdjsonAsync(body, context.Response.Body, resolve, cancellationToken).ConfigureAwait(false);
        }
        catch (BatchIncompleteException e) when (!cancellationToken.IsCancellationRequested)
        {
            // Every line read so far has its result; the rest of the body could not be read: say so, on the stream.
            try
            {
                await WriteErrorLineAsync(context.Response.Body, e.InnerException is InvalidDataException
                    ? FormattableString.Invariant($"The body is larger than {maxBodyBytes} bytes; the documents after the last result were not read.")
                    : "The body could not be read to its end; the documents after the last result were not read.", cancellationToken).ConfigureAwait(false);
            }
            catch (IOException)
            {
                // The client is gone: there is no one left to tell.
            }

            return e.Summary;
        }
    }

    private static async Task WriteErrorLineAsync(Stream output, string message, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNull("instrument");
            writer.WriteStartArray("errors");
            writer.WriteStartObject();
            writer.WriteString("code", BodyIncompleteCode);
            writer.WriteString("message", message);
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteStartArray("flags");
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        await output.WriteAsync(buffer.ToArray(), cancellationToken).ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A read-only view of a body that hands out its first <c>cap</c> bytes (every whole line among them is
    /// scored) and then throws.</summary>
    private sealed class CappedStream(Stream inner, long cap) : Stream
    {
        private long _read;
        private bool _over;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => Count(_over ? 0 : inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(_over ? 0 : await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int read)
        {
            if (_over)
                throw new InvalidDataException("The body is larger than the limit.");
            if (_read + read <= cap)
            {
                _read += read;
                return read;
            }

            // The bytes up to the cap are handed out; the next read says the body was larger.
            int allowed = (int)(cap - _read);
            _read = cap;
            _over = true;
            return allowed > 0 ? allowed : throw new InvalidDataException("The body is larger than the limit.");
        }
    }
}
