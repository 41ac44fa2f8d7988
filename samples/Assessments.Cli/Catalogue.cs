using System;
using System.Linq;
using Assessments.Serialization;

namespace Assessments.Cli;

/// <summary>Resolves instrument ids: the built-in catalogue, plus a clinic-defined instrument when given.</summary>
internal static class Catalogue
{
    public static Func<string, Instrument?> Resolver(string? definitionFile)
    {
        if (definitionFile is null)
            return BuiltIn;

        string json = Files.ReadAllText(definitionFile);

        DefinitionLoadResult loaded = InstrumentDefinitions.Load(json);
        if (!loaded.IsSuccess)
            throw new UsageException($"definition '{Text.Escape(definitionFile)}' is invalid:{Environment.NewLine}" + string.Join(Environment.NewLine, loaded.Errors.Select(e => $"  {e.Code}: {Text.Escape(e.Message)}")));
        Instrument defined = loaded.Instrument;
        if (BuiltIn(defined.Id) is not null)
            throw new UsageException($"definition id '{Text.Escape(defined.Id)}' is a built-in instrument; give a local variant its own id (such as '{defined.Id}-local').");
        return id => id == defined.Id ? defined : BuiltIn(id);
    }

    private static Instrument? BuiltIn(string id) => Instruments.TryGet(id, out Instrument? instrument) ? instrument : null;
}
