using Dapper;
using LinkMatch.Api.Auth;
using LinkMatch.Api.Database;
using LinkMatch.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace LinkMatch.Api.Mous;

/// <summary>Reading MoUs, limited in SQL to the ones the caller is party to.</summary>
public static class MouQueries
{
    private static readonly SortMap Sorts = new("m.signed_on desc", new Dictionary<string, string>
    {
        ["number"] = "m.number",
        ["signedOn"] = "m.signed_on",
        ["validUntil"] = "m.valid_until",
        ["createdAt"] = "m.created_at",
    });

    public static async Task<Results<Ok<PagedList<Mou>>, ValidationProblem>> List([AsParameters] MouFilter filter,
        [AsParameters] PageQuery page, Caller caller, NpgsqlDataSource db, CancellationToken ct)
    {
        if (Sorts.ToSql(page.Sort, "m.id") is not { } order)
        {
            return Problems.Fields(Sorts.Error());
        }

        const string where = $"""
            where {MousApi.Scope}
              and (@OfficeId::bigint is null or m.office_id = @OfficeId)
              and (@EmployerId::bigint is null or m.employer_id = @EmployerId)
              and (@TrainingCentreId::bigint is null or m.training_centre_id = @TrainingCentreId)
              and (@Status::text is null or mou_status(m.valid_until, m.terminated_on) = @Status)
              and (@Scope::text is null or @Scope = any(m.scopes))
              and (@PartnerKind::text is null or {MousApi.PartnerKindSql} = @PartnerKind)
              and (@SignedFrom::date is null or m.signed_on >= @SignedFrom)
              and (@SignedTo::date is null or m.signed_on <= @SignedTo)
            """;
        var (scopeOffice, scopeEmployer, scopeCentre) = MousApi.ScopeOf(caller);
        await using var conn = await db.OpenConnectionAsync(ct);
        return TypedResults.Ok(await conn.ReadPageAsync<Mou>(MousApi.Columns, $"{MousApi.From} {where}", order, new
        {
            ScopeOfficeId = scopeOffice,
            ScopeEmployerId = scopeEmployer,
            ScopeTrainingCentreId = scopeCentre,
            filter.OfficeId,
            filter.EmployerId,
            filter.TrainingCentreId,
            filter.Status,
            filter.Scope,
            filter.PartnerKind,
            filter.SignedFrom,
            filter.SignedTo,
        }, page, ct));
    }

    public static async Task<Results<Ok<Mou>, NotFound>> Get(long id, Caller caller, NpgsqlDataSource db,
        CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var mou = await FindAsync(conn, null, id, caller, ct);
        return mou is null ? TypedResults.NotFound() : TypedResults.Ok(mou);
    }

    internal static Task<Mou?> FindAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, long id, Caller caller,
        CancellationToken ct)
    {
        var (scopeOffice, scopeEmployer, scopeCentre) = MousApi.ScopeOf(caller);
        return conn.QuerySingleOrDefaultAsync<Mou?>(new CommandDefinition(
            $"select {MousApi.Columns} {MousApi.From} where m.id = @id and {MousApi.Scope}",
            new
            {
                id,
                ScopeOfficeId = scopeOffice,
                ScopeEmployerId = scopeEmployer,
                ScopeTrainingCentreId = scopeCentre,
            }, tx, cancellationToken: ct));
    }
}
