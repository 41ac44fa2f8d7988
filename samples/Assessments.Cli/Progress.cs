using System;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Spectre.Console;

namespace Assessments.Cli;

/// <summary>
/// A progress display for long work, on standard error and only when standard error is a terminal: never in the data
/// stream, never in a pipe or a log. It appears only when the work is still running after about a second.
/// </summary>
internal static class Progress
{
    /// <summary>How long work runs before a progress display appears.</summary>
    public static TimeSpan Delay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Runs <paramref name="work"/>; <paramref name="poll"/> says how many bytes are done of how many (0: unknown).</summary>
    public static T Run<T>(Io io, string label, Func<T> work, Func<(long Done, long Total)> poll, Func<string>? detail = null)
    {
        if (!io.Terminal.Error)
            return work();

        Task<T> running = Task.Run(work);
        if (running.Wait(Delay))
            return running.GetAwaiter().GetResult();

        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(io.Error),
            Ansi = AnsiSupport.Yes, // a terminal: cursor movement works; NO_COLOR only takes the colour away
            ColorSystem = io.Terminal.Color ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.Yes,
        });
        console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                ProgressTask task = context.AddTask(label);
                while (!running.Wait(TimeSpan.FromMilliseconds(100)))
                {
                    (long done, long total) = poll();
                    if (detail is not null)
                        task.Description = $"{label} ({detail()})";
                    if (total > 0)
                    {
                        task.MaxValue = total;
                        task.Value = Math.Min(done, total);
                    }
                    else
                    {
                        // Unknown size (a pipe), or work that cannot say how far it is (a course being summarised).
                        task.IsIndeterminate = true;
                        if (done > 0 && detail is null)
                            task.Description = $"{label} ({(done / 1_000_000.0).ToString("0.0", CultureInfo.InvariantCulture)} MB read)";
                    }
                }

                task.Value = task.MaxValue;
            });
        return running.GetAwaiter().GetResult();
    }
}

/// <summary>A read-only stream that counts the bytes read through it, for a progress display on another thread.</summary>
internal sealed class CountingStream(Stream inner) : Stream
{
    private long _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    /// <summary>How many bytes have been read.</summary>
    public override long Position
    {
        get => Interlocked.Read(ref _read);
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Count(int read)
    {
        Interlocked.Add(ref _read, read);
        return read;
    }
}

/// <summary>A write-only stream over the batch's NDJSON results: counts result lines (documents done, for the progress
/// display) and, for <c>--format text</c>, turns each result line into one readable line.</summary>
internal sealed class ResultLines(Stream? raw, TextWriter? text) : Stream
{
    private readonly MemoryStream _partial = new();
    private long _lines;

    /// <summary>How many result lines have passed.</summary>
    public long Lines => Interlocked.Read(ref _lines);

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush()
    {
        raw?.Flush();
        text?.Flush();
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        raw?.Write(buffer);
        int newlines = buffer.Count((byte)'\n');
        if (text is null)
        {
            Interlocked.Add(ref _lines, newlines);
            return;
        }

        while (!buffer.IsEmpty)
        {
            int end = buffer.IndexOf((byte)'\n');
            if (end < 0)
            {
                _partial.Write(buffer);
                return;
            }

            _partial.Write(buffer[..end]);
            text.WriteLine(Output.ResultLine(_partial.GetBuffer().AsSpan(0, (int)_partial.Length), Lines + 1));
            _partial.SetLength(0);
            Interlocked.Increment(ref _lines);
            buffer = buffer[(end + 1)..];
        }
    }
}
