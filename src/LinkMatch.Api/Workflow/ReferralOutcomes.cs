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
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var s = await SuggestionLocks.LockAsync(conn, tx, caller, id, ct);
        if (s is null)
        {
            return TypedResults.NotFound();
        }

        if (Transitions.Refuse(Transitions.Interview, s) is { } refused)
        {
            return refused;
        }

        if (s.VacancyStatus != "open")
        {
            return Http.Problems.Conflict(ReviewSuggestion.VacancyNotOpen(s.VacancyStatus));
        }

        await conn.ExecuteAsync(new CommandDefinition("""
            update suggestions set status = 'interview_scheduled', interview_at = @InterviewAt where id = @id
            """, new { id, request.InterviewAt }, tx, cancellationToken: ct));
        var state = await Transitions.RecordAsync(conn, tx, caller, s, Transitions.Interview,
            SuggestionStatuses.InterviewScheduled, null, ReviewSuggestion.Trimmed(request.Note),
            new { request.InterviewAt }, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(state);
    }

    public static async Task<Results<Ok<WorkflowState>, NotFound, ValidationProblem, ProblemHttpResult>> NotHired(
        long id, NotHiredRequest request, Caller caller, NpgsqlDataSource db, CancellationToken ct)
    {
        if (ReviewSuggestion.NoteRequired(request.ReasonCode, request.Note) is { } invalid)
        {
            return invalid;
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var s = await SuggestionLocks.LockAsync(conn, tx, caller, id, ct);
        if (s is null)
        {
            return TypedResults.NotFound();
        }

        if (Transitions.Refuse(Transitions.NotHire, s) is { } refused)
        {
            return refused;
        }

        await conn.ExecuteAsync(new CommandDefinition("""
            update suggestions set status = 'not_hired', reason_code = @ReasonCode where id = @id
            """, new { id, request.ReasonCode }, tx, cancellationToken: ct));
        var state = await Transitions.RecordAsync(conn, tx, caller, s, Transitions.NotHire,
            SuggestionStatuses.NotHired, request.ReasonCode, ReviewSuggestion.Trimmed(request.Note), null, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(state);
    }
}
