using Dapper;
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
        await using var change = await VacancyChange.BeginAsync(db, caller, id, ct);
        if (change.Vacancy is not { } current)
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

        await change.Conn.ExecuteAsync(new CommandDefinition("""
            update vacancies set status = @Filled, filled = @Count, filled_reported_at = now() where id = @id
            """, new { id, Filled = VacancyStatuses.Filled, Count = request.Filled }, change.Tx, cancellationToken: ct));
        return TypedResults.Ok(await change.FinishAsync(matching, "vacancy.fill", new { request.Filled }, ct));
    }

    public static async Task<Results<Ok<Vacancy>, NotFound, ProblemHttpResult>> Close(long id,
        Caller caller, NpgsqlDataSource db, MatchingTriggers matching, CancellationToken ct)
    {
        await using var change = await VacancyChange.BeginAsync(db, caller, id, ct);
        if (change.Vacancy is not { } current)
        {
            return TypedResults.NotFound();
        }

        if (current.Status != VacancyStatuses.Open)
        {
            return Problems.Conflict($"The vacancy is already {current.Status}.");
        }

        await change.Conn.ExecuteAsync(new CommandDefinition(
            "update vacancies set status = @Closed, closed_at = now() where id = @id",
            new { id, Closed = VacancyStatuses.Closed }, change.Tx, cancellationToken: ct));
        return TypedResults.Ok(await change.FinishAsync(matching, "vacancy.close", null, ct));
    }
}
