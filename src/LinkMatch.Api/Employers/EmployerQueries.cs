using Dapper;
using LinkMatch.Api.Auth;
using LinkMatch.Api.Database;
using LinkMatch.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace LinkMatch.Api.Employers;

/// <summary>Reading employers: every caller, but an employer calling with its key sees only itself.</summary>
public static class EmployerQueries
{
    private static readonly SortMap Sorts = new("name", new Dictionary<string, string>
    {
        ["name"] = "name",
        ["regionCode"] = "region_code",
        ["kbliCode"] = "kbli_code",
        ["createdAt"] = "created_at",
    });

    // An employer's own id limits it to itself; everyone else reads all employers.
    private const string Scope = "(@ScopeEmployerId::bigint is null or id = @ScopeEmployerId)";

    public static async Task<Results<Ok<PagedList<Employer>>, ValidationProblem>> List(
        [AsParameters] EmployerFilter filter, [AsParameters] PageQuery page, Caller caller, NpgsqlDataSource db,
        CancellationToken ct)
    {
        if (Sorts.ToSql(page.Sort) is not { } order)
        {
            return Problems.Fields(Sorts.Error());
        }

        const string where = $"""
            where {Scope}
              and (@Q::text is null or name ilike '%' || @Q || '%')
              and (@KbliCode::text is null or kbli_code like @KbliCode || '%'
                   or exists (select from industries i where i.code = employers.kbli_code and i.section = @KbliCode))
              and (@RegionCode::text is null or region_code = @RegionCode)
              and (@OfficeId::bigint is null
                   or exists (select from mous m where m.employer_id = employers.id and m.office_id = @OfficeId))
            """;
        await using var conn = await db.OpenConnectionAsync(ct);
        return TypedResults.Ok(await conn.ReadPageAsync<Employer>(EmployersApi.Columns, "employers", where, order, new
        {
            ScopeEmployerId = ScopeOf(caller),
            ShowContacts = EmployersApi.ShowContacts(caller),
            filter.Q,
            filter.KbliCode,
            filter.RegionCode,
            filter.OfficeId,
        }, page, ct));
    }

    public static async Task<Results<Ok<Employer>, NotFound>> Get(long id, Caller caller, NpgsqlDataSource db,
        CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var employer = await conn.QuerySingleOrDefaultAsync<Employer>(new CommandDefinition(
            $"select {EmployersApi.Columns} from employers where id = @id and {Scope}",
            new { id, ScopeEmployerId = ScopeOf(caller), ShowContacts = EmployersApi.ShowContacts(caller) },
            cancellationToken: ct));
        return employer is null ? TypedResults.NotFound() : TypedResults.Ok(employer);
    }

    /// <summary>The employer an API-key caller is limited to; null for users. A key without an employer claim is
    /// limited to nothing (-1), never to everything.</summary>
    internal static long? ScopeOf(Caller caller) => caller.IsEmployer ? caller.EmployerId ?? -1 : null;
}
