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
    public static T Run<T>(Io io, string label, Func<T> work, Func<(long Done, long Total)> poll)
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
                    if (total > 0)
                    {
                        task.MaxValue = total;
                        task.Value = Math.Min(done, total);
                    }
                    else
                    {
                        // Unknown size (a pipe), or work that cannot say how far it is (a course being summarised).
                        task.IsIndeterminate = true;
                        if (done > 0)
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
