using LinkMatch.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LinkMatch.Api.Workflow;

/// <summary>The free-text note people may give with a transition.</summary>
internal static class WorkflowNotes
{
    /// <summary>'other' says nothing by itself: a note must say what.</summary>
    public static ValidationProblem? Required(string reasonCode, string? note) =>
        reasonCode == RejectReasons.Other && string.IsNullOrWhiteSpace(note)
            ? Problems.Field("note", WorkflowText.Get("Note.Required"))
            : null;

    /// <summary>The note as it is kept: trimmed, and none when blank.</summary>
    public static string? Trimmed(string? note) => string.IsNullOrWhiteSpace(note) ? null : note.Trim();
}
