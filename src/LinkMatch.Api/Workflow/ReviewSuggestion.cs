using Dapper;
using LinkMatch.Api.Auth;
using LinkMatch.Api.Http;
using LinkMatch.Api.Matching.Jobs;
using LinkMatch.Api.Matching.Suggestions;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace LinkMatch.Api.Workflow;

/// <summary>Staff review of a proposed suggestion: approving it refers the candidate to the employer; rejecting it
/// records why. Both only from 'proposed' (a repeated approve answers 409 "already approved" and changes
/// nothing). The suggestion then leaves the proposed lists (which are renumbered and then refilled by recomputes);
/// matching never proposes the pair again.</summary>
internal static class ReviewSuggestion
{
    public static async Task<Results<Ok<WorkflowState>, NotFound, ProblemHttpResult>> Approve(long id, Caller caller,
        NpgsqlDataSource db, MatchingTriggers matching, TimeProvider time, CancellationToken ct)
    {
        await using var action = await WorkflowAction.BeginAsync(db, caller, id, Transitions.Approve, ct);
        if (!action.Began)
        {
            return action.Conflict is { } conflict ? conflict : TypedResults.NotFound();
        }

        var (conn, tx, s) = (action.Conn, action.Tx, action.Suggestion);

        // A person is referred only while they may be matched, and only to a vacancy still taking people.
        var today = Http.Wita.Today(time);
        var why = s.SeekerStatus switch
        {
            "placed" => WorkflowText.Get("Seeker.Placed"),
            "inactive" => WorkflowText.Get("Seeker.Inactive"),
            "erased" => WorkflowText.Get("Seeker.Erased"),
            _ when !s.ConsentOpen => WorkflowText.Get("Seeker.NoConsent"),
            _ when s.VacancyStatus != "open" => VacancyNotOpen(s.VacancyStatus),
            _ when s.Filled >= s.Openings => WorkflowText.Get("Vacancy.Full"),
            _ when s.ClosesOn < today => WorkflowText.Format("Vacancy.ClosedOn", s.ClosesOn),
            _ => null,
        };
        if (why is not null)
        {
            return Problems.Conflict(why);
        }

        await conn.ExecuteAsync(new CommandDefinition("""
            update suggestions set status = @Approved, referred_at = now(), seeker_rank = null where id = @id
            """, new { id, SuggestionStatuses.Approved }, tx, cancellationToken: ct));
        await SuggestionStore.RenumberAsync(conn, tx, [s.VacancyId], [s.SeekerId], ct);
        var state = await action.RecordAsync(new Transition(SuggestionStatuses.Approved), ct);
        await RefillAsync(matching, conn, tx, s, ct);
        await action.CommitAsync(ct);
        return TypedResults.Ok(state);
    }

    public static async Task<Results<Ok<WorkflowState>, NotFound, ValidationProblem, ProblemHttpResult>> Reject(
        long id, RejectRequest request, Caller caller, NpgsqlDataSource db, MatchingTriggers matching,
        CancellationToken ct)
    {
        if (WorkflowNotes.Required(request.ReasonCode, request.Note) is { } invalid)
        {
            return invalid;
        }

        await using var action = await WorkflowAction.BeginAsync(db, caller, id, Transitions.Reject, ct);
        if (!action.Began)
        {
            return action.Conflict is { } conflict ? conflict : TypedResults.NotFound();
        }

        var (conn, tx, s) = (action.Conn, action.Tx, action.Suggestion);

        await conn.ExecuteAsync(new CommandDefinition("""
            update suggestions set status = @Rejected, reason_code = @ReasonCode, seeker_rank = null where id = @id
            """, new { id, SuggestionStatuses.Rejected, request.ReasonCode }, tx, cancellationToken: ct));
        await SuggestionStore.RenumberAsync(conn, tx, [s.VacancyId], [s.SeekerId], ct);
        var state = await action.RecordAsync(new Transition(SuggestionStatuses.Rejected, request.ReasonCode,
            WorkflowNotes.Trimmed(request.Note)), ct);
        await RefillAsync(matching, conn, tx, s, ct);
        await action.CommitAsync(ct);
        return TypedResults.Ok(state);
    }

    /// <summary>The reviewed pair left both proposed lists: recomputes of the vacancy and the seeker refill them once
    /// this commits. A recompute keeps the ids of the pairs it proposes again, so the rest of the list a staff member
    /// is looking at stays valid.</summary>
    private static async Task RefillAsync(MatchingTriggers matching, NpgsqlConnection conn, NpgsqlTransaction tx,
        LockedSuggestion s, CancellationToken ct)
    {
        await matching.VacancyChangedAsync(conn, tx, s.VacancyId, ct);
        await matching.SeekerChangedAsync(conn, tx, s.SeekerId, ct);
    }

    /// <summary>"The vacancy is closed."</summary>
    public static string VacancyNotOpen(string status) =>
        WorkflowText.Format("Vacancy.Status", WorkflowText.VacancyStatus(status));
}
