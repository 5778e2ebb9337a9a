using System.ComponentModel.DataAnnotations;
using Dapper;
using LinkMatch.Api.Audit;
using LinkMatch.Api.Auth;
using LinkMatch.Api.Database;
using LinkMatch.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace LinkMatch.Api.Reference;

/// <summary>A KBLI 2020 industry: a section letter ('B') or a 5-digit code ('05100') within a section.</summary>
public sealed record Industry(string Code, string Title, string Section, string? ParentCode);

public sealed record IndustryRequest(
    [property: Required, RegularExpression(@"^[0-9]{5}$", ErrorMessage = "A KBLI code has five digits.")] string Code,
    [property: Required, StringLength(300, MinimumLength = 2)] string Title,
    [property: Required, RegularExpression("^[A-U]$", ErrorMessage = "A KBLI section is a letter A–U.")] string Section);

internal static class IndustriesApi
{
    private const string Columns = "code, title, section, parent_code";

    public static void MapIndustries(this RouteGroupBuilder group)
    {
        group.MapGet("/industries", List).RequireAuthorization(Policies.AnyCaller);
        group.MapGet("/industries/{code}", Get).RequireAuthorization(Policies.AnyCaller);
        group.MapPost("/industries", Create).RequireAuthorization(Policies.Admin).ProducesProblem(StatusCodes.Status409Conflict);
    }

    public static async Task<Ok<IReadOnlyList<Industry>>> List([StringLength(1)] string? section, NpgsqlDataSource db,
        CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<Industry>(new CommandDefinition($"""
            select {Columns} from industries where (@section::text is null or section = @section) order by code
            """, new { section }, cancellationToken: ct));
        return TypedResults.Ok<IReadOnlyList<Industry>>(rows.AsList());
    }

    public static async Task<Results<Ok<Industry>, NotFound>> Get(string code, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<Industry>(new CommandDefinition(
            $"select {Columns} from industries where code = @code", new { code }, cancellationToken: ct));
        return row is null ? TypedResults.NotFound() : TypedResults.Ok(row);
    }

    public static async Task<Results<Created<Industry>, ValidationProblem, ProblemHttpResult>> Create(
        IndustryRequest request, Caller caller, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        try
        {
            var row = await conn.QuerySingleAsync<Industry>(new CommandDefinition($"""
                insert into industries (code, title, section, parent_code) values (@Code, @Title, @Section, @Section)
                returning {Columns}
                """, request, tx, cancellationToken: ct));
            await AuditLog.WriteAsync(conn, tx, caller, new AuditEntry("industry.create", "industry", null,
                Details: new { row.Code }), ct);
            await tx.CommitAsync(ct);
            return TypedResults.Created($"/api/v1/reference/industries/{row.Code}", row);
        }
        catch (PostgresException e) when (e.IsUniqueViolation())
        {
            return Problems.Conflict($"Industry '{request.Code}' already exists.");
        }
    }
}
