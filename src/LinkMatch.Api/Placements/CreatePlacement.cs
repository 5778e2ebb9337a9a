using Dapper;
using LinkMatch.Api.Audit;
using LinkMatch.Api.Auth;
using LinkMatch.Api.Database;
using LinkMatch.Api.Http;
using LinkMatch.Api.Matching.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace LinkMatch.Api.Placements;

/// <summary>Recording a placement, all in one transaction: the placement, one more filled opening on the vacancy
/// (marked 'filled', with the fill reported, when it is full) and the seeker's status 'placed'. The vacancy row is
/// locked first, so concurrent placements into one vacancy queue and never exceed its openings.</summary>
public static class CreatePlacement
{
    private sealed record LockedVacancy(long EmployerId, long OfficeId, string Type, string Status, int Openings,
        int Filled);

    public static async Task<Results<Created<Placement>, ValidationProblem, ProblemHttpResult>> Create(
        CreatePlacementRequest request, Caller caller, NpgsqlDataSource db, MatchingTriggers matching,
        CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var outcome = await PlaceAsync(conn, tx, caller, request, caller.ScopeOfficeId, matching, null, ct);
        if (outcome.Invalid is { } invalid)
        {
            return invalid;
        }

        if (outcome.Conflict is { } conflict)
        {
            return conflict;
        }

        var placement = (await PlacementQueries.FindAsync(conn, tx, outcome.Id, caller, ct))!;
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/v1/placements/{outcome.Id}", placement);
    }

    /// <summary>The hire itself, inside the caller's transaction: locks the vacancy, then the seeker (both within
    /// <paramref name="scopeOfficeId"/> when given; the staff workflow has scoped them already), inserts the placement,
    /// fills one opening, marks the seeker placed, audits, and removes the seeker's proposed suggestions (under the
    /// suggestions' lock, after the row locks) and enqueues the recomputes. Nothing is written when it answers
    /// invalid or conflict; the caller then rolls back.</summary>
    internal static async Task<PlacementOutcome> PlaceAsync(NpgsqlConnection conn, NpgsqlTransaction tx,
        Caller caller, CreatePlacementRequest request, long? scopeOfficeId, MatchingTriggers matching,
        PlacementVia? via, CancellationToken ct)
    {
        var vacancy = await conn.QuerySingleOrDefaultAsync<LockedVacancy>(new CommandDefinition("""
            select employer_id, office_id, type, status, openings, filled from vacancies
            where id = @VacancyId and (@scopeOfficeId::bigint is null or office_id = @scopeOfficeId)
            for update
            """, new { request.VacancyId, scopeOfficeId }, tx, cancellationToken: ct));
        // Staff place only their office's seekers; an erased seeker is a tombstone that cannot be placed.
        var seeker = await conn.ExecuteScalarAsync<long?>(new CommandDefinition("""
            select id from seekers
            where id = @SeekerId and status <> 'erased'
              and (@scopeOfficeId::bigint is null or office_id = @scopeOfficeId)
            for update
            """, new { request.SeekerId, scopeOfficeId }, tx, cancellationToken: ct));
        var errors = new FieldErrors()
            .AddIf(vacancy is null, "vacancyId", "Unknown vacancy.")
            .AddIf(seeker is null, "seekerId", "Unknown job seeker.");
        if (errors.Any)
        {
            return new PlacementOutcome(0, null, errors.ToProblem(), null);
        }

        // Placements into one vacancy are serialised by its row lock, so this check cannot race.
        if (await conn.ExecuteScalarAsync<bool>(new CommandDefinition("""
                select exists (select from placements where seeker_id = @SeekerId and vacancy_id = @VacancyId)
                """, new { request.SeekerId, request.VacancyId }, tx, cancellationToken: ct)))
        {
            return PlacementOutcome.Conflicting("The seeker is already placed in this vacancy.");
        }

        if (vacancy!.Status != "open" || vacancy.Filled >= vacancy.Openings)
        {
            return PlacementOutcome.Conflicting(vacancy.Status == "closed"
                ? "The vacancy is closed."
                : $"All {vacancy.Openings} openings of the vacancy are filled.");
        }

        long id;
        try
        {
            id = await conn.ExecuteScalarAsync<long>(new CommandDefinition("""
                insert into placements (seeker_id, vacancy_id, employer_id, type, start_date, wage, source,
                                        duration_months)
                values (@SeekerId, @VacancyId, @EmployerId, @Type, @StartDate, @Wage, @Source, @DurationMonths)
                returning id
                """, new
            {
                request.SeekerId,
                request.VacancyId,
                vacancy.EmployerId,
                vacancy.Type,
                request.StartDate,
                request.Wage,
                request.Source,
                DurationMonths = vacancy.Type == "apprenticeship" ? via?.DurationMonths : null,
            }, tx, cancellationToken: ct));
        }
        catch (PostgresException e) when (e.IsUniqueViolation("placements_seeker_id_vacancy_id_key"))
        {
            return PlacementOutcome.Conflicting("The seeker is already placed in this vacancy.");
        }

        var vacancyStatus = await conn.ExecuteScalarAsync<string>(new CommandDefinition("""
            update vacancies set
                filled = filled + 1,
                status = case when filled + 1 = openings then 'filled' else status end,
                filled_reported_at = case when filled + 1 = openings then now() else filled_reported_at end
            where id = @VacancyId
            returning status
            """, new { request.VacancyId }, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition(
            "update seekers set status = 'placed' where id = @SeekerId and status <> 'placed'",
            new { request.SeekerId }, tx, cancellationToken: ct));

        await AuditLog.WriteAsync(conn, tx, caller, new AuditEntry("placement.create", "placement", id,
            request.SeekerId, via is null
                ? (object)new { request.VacancyId, VacancyStatus = vacancyStatus, SeekerStatus = "placed" }
                : new { request.VacancyId, VacancyStatus = vacancyStatus, SeekerStatus = "placed", via.SuggestionId }),
            ct);
        // A placed seeker's proposed suggestions go at once; the vacancy's list follows its new count.
        await matching.SeekerLeftAsync(conn, tx, request.SeekerId, ct);
        await matching.VacancyChangedAsync(conn, tx, request.VacancyId, ct);
        return new PlacementOutcome(id, vacancyStatus, null, null);
    }
}

/// <summary>A placement made through the staff workflow: the suggestion it followed and, for an apprenticeship, the
/// agreement's duration in months.</summary>
internal sealed record PlacementVia(long SuggestionId, int? DurationMonths);

/// <summary>What <see cref="CreatePlacement.PlaceAsync"/> did: the placement's id and the vacancy's status after
/// it, or why it did nothing.</summary>
internal sealed record PlacementOutcome(long Id, string? VacancyStatus, ValidationProblem? Invalid,
    ProblemHttpResult? Conflict)
{
    public static PlacementOutcome Conflicting(string detail) => new(0, null, null, Problems.Conflict(detail));
}
