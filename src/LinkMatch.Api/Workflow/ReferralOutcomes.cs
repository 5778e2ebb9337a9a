using Dapper;
using LinkMatch.Api.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace LinkMatch.Api.Workflow;

/// <summary>What became of a referral short of a hire: the employer (or staff on its behalf, as offices often
/// record it by phone) schedules an interview, or says the candidate was not hired and why.</summary>
internal static class ReferralOutcomes
{
    public static async Task<Results<Ok<WorkflowState>, NotFound, ProblemHttpResult>> Interview(long id,
        InterviewRequest request, Caller caller, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var action = await WorkflowAction.BeginAsync(db, caller, id, Transitions.Interview, ct);
        if (!action.Began)
        {
            return action.Conflict is { } conflict ? conflict : TypedResults.NotFound();
        }

        var (conn, tx, s) = (action.Conn, action.Tx, action.Suggestion);

        if (s.VacancyStatus != "open")
        {
            return Http.Problems.Conflict(ReviewSuggestion.VacancyNotOpen(s.VacancyStatus));
        }

        await conn.ExecuteAsync(new CommandDefinition("""
            update suggestions set status = @InterviewScheduled, interview_at = @InterviewAt where id = @id
            """, new { id, SuggestionStatuses.InterviewScheduled, request.InterviewAt }, tx, cancellationToken: ct));
        var state = await action.RecordAsync(new Transition(SuggestionStatuses.InterviewScheduled,
            Note: WorkflowNotes.Trimmed(request.Note), Details: new { request.InterviewAt }), ct);
        await action.CommitAsync(ct);
        return TypedResults.Ok(state);
    }

    public static async Task<Results<Ok<WorkflowState>, NotFound, ValidationProblem, ProblemHttpResult>> NotHired(
        long id, NotHiredRequest request, Caller caller, NpgsqlDataSource db, CancellationToken ct)
    {
        if (WorkflowNotes.Required(request.ReasonCode, request.Note) is { } invalid)
        {
            return invalid;
        }

        await using var action = await WorkflowAction.BeginAsync(db, caller, id, Transitions.NotHire, ct);
        if (!action.Began)
        {
            return action.Conflict is { } conflict ? conflict : TypedResults.NotFound();
        }

        var (conn, tx, s) = (action.Conn, action.Tx, action.Suggestion);

        await conn.ExecuteAsync(new CommandDefinition("""
            update suggestions set status = @NotHired, reason_code = @ReasonCode where id = @id
            """, new { id, SuggestionStatuses.NotHired, request.ReasonCode }, tx, cancellationToken: ct));
        var state = await action.RecordAsync(new Transition(SuggestionStatuses.NotHired, request.ReasonCode,
            WorkflowNotes.Trimmed(request.Note)), ct);
        await action.CommitAsync(ct);
        return TypedResults.Ok(state);
    }
}
