using Dapper;
using LinkMatch.Api.Audit;
using LinkMatch.Api.Auth;
using LinkMatch.Api.Database;
using LinkMatch.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace LinkMatch.Api.Placements;

/// <summary>Reading placements within the caller's scope. Every placement returned with a seeker's name writes an
/// audit row naming that seeker, in the same transaction as the read.</summary>
public static class PlacementQueries
{
    private const string Columns = """
        p.id, p.seeker_id, case when @ShowNames then s.full_name end as seeker_name, p.vacancy_id,
        v.title as vacancy_title, p.employer_id, e.name as employer_name, v.office_id, p.type, p.start_date, p.wage,
        p.source, p.created_at, p.updated_at
        """;

    private const string From = """
        from placements p
        join vacancies v on v.id = p.vacancy_id
        join employers e on e.id = p.employer_id
        join seekers s on s.id = p.seeker_id
        """;

    private static readonly SortMap Sorts = new("p.start_date desc", new Dictionary<string, string>
    {
        ["startDate"] = "p.start_date",
        ["createdAt"] = "p.created_at",
        ["wage"] = "p.wage",
    });

    public static async Task<Results<Ok<PagedList<Placement>>, ValidationProblem>> List(
        [AsParameters] PlacementFilter filter, [AsParameters] PageQuery page, Caller caller, NpgsqlDataSource db,
        CancellationToken ct)
    {
        if (Sorts.ToSql(page.Sort, "p.id") is not { } order)
        {
            return Problems.Fields(Sorts.Error());
        }

        const string where = $"""
            where {PlacementsApi.Scope}
              and (@OfficeId::bigint is null or v.office_id = @OfficeId)
              and (@EmployerId::bigint is null or p.employer_id = @EmployerId)
              and (@VacancyId::bigint is null or p.vacancy_id = @VacancyId)
              and (@SeekerId::bigint is null or p.seeker_id = @SeekerId)
              and (@Type::text is null or p.type = @Type)
              and (@Source::text is null or p.source = @Source)
              and (@StartFrom::date is null or p.start_date >= @StartFrom)
              and (@StartTo::date is null or p.start_date <= @StartTo)
            """;
        var (scopeOffice, scopeEmployer, showNames) = PlacementsApi.ScopeOf(caller);
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var list = await conn.ReadPageAsync<Placement>(tx, new ListSql(
            $"select count(*) from placements p join vacancies v on v.id = p.vacancy_id {where}",
            $"select {Columns} {From} {where} order by {order}"), new
            {
                ScopeOfficeId = scopeOffice,
                ScopeEmployerId = scopeEmployer,
                ShowNames = showNames,
                filter.OfficeId,
                filter.EmployerId,
                filter.VacancyId,
                filter.SeekerId,
                filter.Type,
                filter.Source,
                filter.StartFrom,
                filter.StartTo,
            }, page, ct);
        await AuditNamesAsync(conn, tx, caller, list.Items, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(list);
    }

    public static async Task<Results<Ok<Placement>, NotFound>> Get(long id, Caller caller, NpgsqlDataSource db,
        CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var placement = await FindAsync(conn, tx, id, caller, ct);
        if (placement is null)
        {
            return TypedResults.NotFound();
        }

        await AuditNamesAsync(conn, tx, caller, [placement], ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(placement);
    }

    /// <summary>One of the caller's placements, without auditing: callers that show it audit it.</summary>
    internal static Task<Placement?> FindAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long id, Caller caller,
        CancellationToken ct)
    {
        var (scopeOffice, scopeEmployer, showNames) = PlacementsApi.ScopeOf(caller);
        return conn.QuerySingleOrDefaultAsync<Placement?>(new CommandDefinition(
            $"select {Columns} {From} where p.id = @id and {PlacementsApi.Scope}",
            new { id, ScopeOfficeId = scopeOffice, ScopeEmployerId = scopeEmployer, ShowNames = showNames }, tx,
            cancellationToken: ct));
    }

    private static Task AuditNamesAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Caller caller,
        IEnumerable<Placement> shown, CancellationToken ct) =>
        AuditLog.WriteManyAsync(conn, tx, caller, shown
            .Where(p => p.SeekerName is not null)
            .Select(p => new AuditEntry("seeker.read.placement", "placement", p.Id, p.SeekerId,
                new { Fields = new[] { "fullName" } })), ct);
}
