using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using Assessments.Trends;

namespace Assessments.Cohorts;

/// <summary>Reads course documents (the <c>course</c> input with a required <c>"id"</c>) one at a time into a cohort's
/// state under the cohort's one rule set (docs/cohorts.md, "Input and rules"). A repeated id is
/// <c>duplicate-course-id</c>; a course stating a rule option other than its own treatment kind, course start and baseline
/// that differs from the cohort's is <c>option-conflict</c>; a course that cannot be summarised is counted and listed by
/// its codes, its flags kept.</summary>
public sealed class CohortBuilder
{
    /// <summary>The code of a course whose id repeats one seen before in the same input.</summary>
    public const string DuplicateCourseId = "duplicate-course-id";

    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly Func<string, Instrument?>? _resolve;
    private long _documents;

    /// <summary>A builder under a rule set.</summary>
    /// <param name="options">The rule set; null for the defaults.</param>
    /// <param name="resolve">Finds an instrument by id; null for the built-in catalogue.</param>
    public CohortBuilder(CohortOptions? options = null, Func<string, Instrument?>? resolve = null)
    {
        State = new CohortState(options);
        _resolve = resolve;
    }

    /// <summary>The state so far.</summary>
    public CohortState State { get; }

    /// <summary>Adds one course document.</summary>
    /// <param name="utf8Json">The document.</param>
    public void Add(ReadOnlySpan<byte> utf8Json)
    {
        _documents++;
        string id = IdOf(utf8Json) ?? string.Create(CultureInfo.InvariantCulture, $"#{_documents}");
        CourseReadResult read = TreatmentCourse.SummarizeDocument(utf8Json, _resolve, null, false, State.Options.Course);
        if (!_ids.Add(id))
        {
            State.AddInvalid(id, [new CourseError(DuplicateCourseId, null, null, "The id repeats one seen before in this input.")], read.SafetyFlags);
            return;
        }

        if (read.IsRecord)
        {
            if (read.Errors.Any(e => e.Code == ErrorCodes.OptionConflict))
            {
                State.AddInvalid(id, read.Errors, read.SafetyFlags);
                return;
            }

            foreach (CourseReadResult course in read.Courses)
                AddOne(id, course);
            return;
        }

        AddOne(id, read);
    }

    private void AddOne(string id, CourseReadResult read)
    {
        if (read.Summary is { } summary)
            State.Add(id, summary);
        else
            State.AddInvalid(id, read.Errors, read.SafetyFlags);
    }

    /// <summary>The top-level <c>"id"</c> string, or null.</summary>
    private static string? IdOf(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 256 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                return null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isId = reader.ValueTextEquals("id"u8);
                reader.Read();
                if (isId && reader.TokenType == JsonTokenType.String)
                    return reader.GetString();
                reader.Skip();
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;
        }

        return null;
    }
}
