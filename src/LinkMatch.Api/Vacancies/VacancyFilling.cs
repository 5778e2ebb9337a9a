using Dapper;
using LinkMatch.Api.Audit;
using LinkMatch.Api.Auth;
using LinkMatch.Api.Http;
using LinkMatch.Api.Matching.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace LinkMatch.Api.Vacancies;

/// <summary>The ends of a vacancy: the employer's report that it is filled (Perpres 57/2023), with how many were
/// hired, or closing it unfilled. Both apply to open vacancies only.</summary>
public static class VacancyFilling
{
    public static async Task<Results<Ok<Vacancy>, NotFound, ValidationProblem, ProblemHttpResult>> Fill(long id,
        FillVacancyRequest request, Caller caller, NpgsqlDataSource db, MatchingTriggers matching, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var current = await LockedVacancy.LockAsync(conn, tx, id, caller, ct);
        if (current is null)
        {
            return TypedResults.NotFound();
        }

        if (current.Status != VacancyStatuses.Open)
        {
            return Problems.Conflict($"The vacancy is already {current.Status}.");
        }

        var errors = new FieldErrors()
            .AddIf(request.Filled > current.Openings, "filled",
                $"The vacancy has {current.Openings} openings; it cannot be filled by more.")
            .AddIf(request.Filled < current.Filled, "filled",
                $"{current.Filled} placements are already recorded against this vacancy.");
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        await conn.ExecuteAsync(new CommandDefinition("""
            update vacancies set status = 'filled', filled = @Filled, filled_reported_at = now() where id = @id
            """, new { id, request.Filled }, tx, cancellationToken: ct));
        return TypedResults.Ok(await FinishAsync(conn, tx, id, caller, matching, "vacancy.fill", new { request.Filled },
            ct));
    }

    public static async Task<Results<Ok<Vacancy>, NotFound, ProblemHttpResult>> Close(long id,
        Caller caller, NpgsqlDataSource db, MatchingTriggers matching, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var current = await LockedVacancy.LockAsync(conn, tx, id, caller, ct);
        if (current is null)
        {
            return TypedResults.NotFound();
        }

        if (current.Status != VacancyStatuses.Open)
        {
            return Problems.Conflict($"The vacancy is already {current.Status}.");
        }

        await conn.ExecuteAsync(new CommandDefinition(
            "update vacancies set status = 'closed', closed_at = now() where id = @id", new { id }, tx,
            cancellationToken: ct));
        return TypedResults.Ok(await FinishAsync(conn, tx, id, caller, matching, "vacancy.close", null, ct));
    }

    private static async Task<Vacancy> FinishAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long id,
        Caller caller, MatchingTriggers matching, string action, object? details, CancellationToken ct)
    {
        var vacancy = (await VacancyQueries.FindAsync(conn, tx, id, caller, ct))!;
        await AuditLog.WriteAsync(conn, tx, caller, new AuditEntry(action, "vacancy", id, Details: details), ct);
        await matching.VacancyChangedAsync(conn, tx, id, ct);
        await tx.CommitAsync(ct);
        return vacancy;
    }
}
