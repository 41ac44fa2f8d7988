namespace Assessments.Cli;

/// <summary><c>assess course</c>: a treatment course summary.</summary>
internal static class CourseCommand
{
    public static int Run(Options options, System.IO.TextReader stdin, System.IO.TextWriter stdout) =>
        throw new UsageException("course is not available yet (issue 4).");
}
