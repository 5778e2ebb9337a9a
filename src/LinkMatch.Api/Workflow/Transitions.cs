using Dapper;
using LinkMatch.Api.Audit;
using LinkMatch.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace LinkMatch.Api.Workflow;

/// <summary>The state machine and what every transition writes besides the status: one suggestion_events row and
/// one audit row, in the transition's transaction.</summary>
internal static class Transitions
{
    public const string Approve = "approve";
    public const string Reject = "reject";
    public const string Interview = "interview";
    public const string Hire = "hire";
    public const string NotHire = "not_hire";
    public const string Ratify = "ratify";

    /// <summary>The statuses each action may start from.</summary>
    private static readonly Dictionary<string, string[]> From = new()
    {
        [Approve] = [SuggestionStatuses.Proposed],
        [Reject] = [SuggestionStatuses.Proposed],
        [Interview] = [SuggestionStatuses.Approved],
        [Hire] = [SuggestionStatuses.Approved, SuggestionStatuses.InterviewScheduled],
        [NotHire] = [SuggestionStatuses.Approved, SuggestionStatuses.InterviewScheduled],
        [Ratify] = [SuggestionStatuses.Hired],
    };

    /// <summary>409 when the action may not start from the suggestion's status; null when it may.</summary>
    public static ProblemHttpResult? Refuse(string action, LockedSuggestion s) =>
        From[action].Contains(s.Status)
            ? null
            : Problems.Conflict(s.Status == To(action)
                ? WorkflowText.Format("Refuse.Already", WorkflowText.Status(s.Status))
                : WorkflowText.Format("Refuse.From", WorkflowText.Status(s.Status), WorkflowText.Get("Past." + action),
                    string.Join(WorkflowText.Get("Or"), From[action].Select(WorkflowText.Status))));

    private static string? To(string action) => action switch
    {
        Approve => SuggestionStatuses.Approved,
        Reject => SuggestionStatuses.Rejected,
        Interview => SuggestionStatuses.InterviewScheduled,
        Hire => SuggestionStatuses.Hired,
        NotHire => SuggestionStatuses.NotHired,
        _ => null,
    };

    /// <summary>Writes the event and the audit row of a transition and reads the new state back.</summary>
    public static async Task<WorkflowState> RecordAsync(WorkflowAction action, Transition transition,
        CancellationToken ct)
    {
        var (conn, tx, caller, s) = (action.Conn, action.Tx, action.Caller, action.Suggestion!);
        var (kind, actorId) = caller.Actor;
        await conn.ExecuteAsync(new CommandDefinition("""
            insert into suggestion_events (suggestion_id, seeker_id, action, from_status, to_status, reason_code, note,
                                           actor_kind, actor_id, actor_name)
            values (@Id, @SeekerId, @Action, @Status, @ToStatus, @ReasonCode, @Note, @kind, @actorId, @Name)
            """, new
        {
            s.Id,
            s.SeekerId,
            Action = action.Name,
            s.Status,
            transition.ToStatus,
            transition.ReasonCode,
            transition.Note,
            kind = kind is "user" or "api_key" ? kind : "system",
            actorId,
            caller.Name,
        }, tx, cancellationToken: ct));
        // The note is free text about a person: it stays in suggestion_events (exported, erased with the person)
        // and out of the append-only audit log.
        await AuditLog.WriteAsync(conn, tx, caller, new AuditEntry($"suggestion.{action.Name}", "suggestion", s.Id,
            s.SeekerId, new
            {
                s.VacancyId,
                From = s.Status,
                To = transition.ToStatus,
                transition.ReasonCode,
                transition.Details,
            }), ct);
        return await StateAsync(conn, tx, s.Id, ct);
    }

    public static async Task<WorkflowState> StateAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long id,
        CancellationToken ct) =>
        (await conn.QuerySingleAsync<StateRow>(new CommandDefinition("""
            select g.id, g.kind, g.status, g.vacancy_id, g.seeker_id, g.referred_at, g.interview_at, g.reason_code,
                   g.placement_id, p.duration_months, p.wage as stipend, p.ratified_at, g.updated_at
            from suggestions g left join placements p on p.id = g.placement_id
            where g.id = @id
            """, new { id }, tx, cancellationToken: ct))).ToState();

    internal sealed class StateRow
    {
        public long Id { get; init; }
        public string Kind { get; init; } = "";
        public string Status { get; init; } = "";
        public long VacancyId { get; init; }
        public long SeekerId { get; init; }
        public DateTimeOffset? ReferredAt { get; init; }
        public DateTimeOffset? InterviewAt { get; init; }
        public string? ReasonCode { get; init; }
        public long? PlacementId { get; init; }
        public int? DurationMonths { get; init; }
        public long? Stipend { get; init; }
        public DateTimeOffset? RatifiedAt { get; init; }
        public DateTimeOffset UpdatedAt { get; init; }

        public WorkflowState ToState() => new(Id, Kind, Status, VacancyId, SeekerId, ReferredAt, InterviewAt,
            ReasonCode, PlacementId, Agreement(DurationMonths, Stipend, RatifiedAt), UpdatedAt);
    }

    public static ApprenticeshipAgreement? Agreement(int? months, long? stipend, DateTimeOffset? ratifiedAt) =>
        months is { } m ? new ApprenticeshipAgreement(m, stipend, ratifiedAt) : null;
}

/// <summary>What a transition records besides the suggestion's own change: the status it moved to, the reason and
/// the note people gave (<see cref="WorkflowNotes.Trimmed"/>), and details for the audit log.</summary>
internal sealed record Transition(string ToStatus, string? ReasonCode = null, string? Note = null,
    object? Details = null);
