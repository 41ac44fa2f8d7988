using System;

namespace Assessments.Cli;

/// <summary>Resolves instrument ids: the built-in catalogue, plus a clinic-defined instrument when given.</summary>
internal static class Catalogue
{
    public static Func<string, Instrument?> Resolver(string? definitionFile)
    {
        if (definitionFile is not null)
            throw new UsageException("--definition is not supported yet.");
        return id => Instruments.TryGet(id, out Instrument? instrument) ? instrument : null;
    }
}
