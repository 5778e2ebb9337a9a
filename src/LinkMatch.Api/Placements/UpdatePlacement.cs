using Dapper;
using LinkMatch.Api.Audit;
using LinkMatch.Api.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace LinkMatch.Api.Placements;

/// <summary>Correcting a placement's start date or wage. Seeker, vacancy, type and source are facts of the hire and
/// do not change.</summary>
public static class UpdatePlacement
{
    public static async Task<Results<Ok<Placement>, NotFound>> Update(long id, UpdatePlacementRequest request,
        Caller caller, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var seekerId = await conn.ExecuteScalarAsync<long?>(new CommandDefinition("""
            update placements p set start_date = @StartDate, wage = @Wage
            from vacancies v
            where p.id = @id and v.id = p.vacancy_id
              and (@ScopeOfficeId::bigint is null or v.office_id = @ScopeOfficeId)
            returning p.seeker_id
            """, new { id, request.StartDate, request.Wage, caller.ScopeOfficeId }, tx, cancellationToken: ct));
        if (seekerId is null)
        {
            return TypedResults.NotFound();
        }

        var placement = (await PlacementQueries.FindAsync(conn, tx, id, caller, ct))!;
        await AuditLog.WriteAsync(conn, tx, caller, new AuditEntry("placement.update", "placement", id, seekerId,
            new { request.StartDate, request.Wage }), ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(placement);
    }
}
