using System;
using System.Collections.Generic;
using System.Linq;
using Assessments.Serialization;

namespace Assessments.Cli;

/// <summary>Resolves instrument ids: the built-in catalogue, plus a clinic-defined instrument when given. Ids match
/// case-insensitively (<c>PHQ-9</c> is <c>phq-9</c>) and are printed in their canonical form.</summary>
internal static class Catalogue
{
    public static Func<string, Instrument?> Resolver(string? definitionFile)
    {
        if (definitionFile is null)
            return BuiltIn;

        string json = Files.ReadAllText(definitionFile);

        DefinitionLoadResult loaded = InstrumentDefinitions.Load(json);
        if (!loaded.IsSuccess)
            throw new UsageException($"definition '{Text.Escape(definitionFile)}' is invalid: " + string.Join("; ", loaded.Errors.Select(e => $"{e.Code}: {Text.Escape(e.Message)}")), ErrorCodes.DefinitionInvalid);
        Instrument defined = loaded.Instrument;
        if (BuiltIn(defined.Id) is not null)
            throw new UsageException($"definition id '{Text.Escape(defined.Id)}' is a built-in instrument; give a local variant its own id (such as '{defined.Id}-local').", ErrorCodes.DefinitionInvalid);
        return id => string.Equals(id, defined.Id, StringComparison.OrdinalIgnoreCase) ? defined : BuiltIn(id);
    }

    /// <summary>The instrument of that id, or a usage error that names the nearest known id.</summary>
    public static Instrument Require(Func<string, Instrument?> resolve, string id)
    {
        if (resolve(id) is Instrument found)
            return found;
        IEnumerable<string> known = Instruments.All.Select(i => i.Id);
        throw new UsageException($"unknown instrument '{Text.Escape(id)}'{Suggest.DidYouMean(Suggest.Nearest(id, known))}; 'assess instruments' lists them.", ErrorCodes.UnknownInstrument);
    }

    private static Instrument? BuiltIn(string id) => Instruments.TryFind(id, out Instrument? instrument) ? instrument : null;
}
