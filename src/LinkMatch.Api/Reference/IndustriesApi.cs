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
    [property: Required, StringLength(5), RegularExpression(@"^[0-9]{5}$", ErrorMessage = "A KBLI code has five digits.")] string Code,
    [property: Required, StringLength(300, MinimumLength = 2)] string Title,
    [property: Required, StringLength(1), RegularExpression("^[A-U]$", ErrorMessage = "A KBLI section is a letter A–U.")] string Section);

public sealed record IndustryFilter(
    [property: StringLength(1), RegularExpression("^[A-U]$", ErrorMessage = "A KBLI section is a letter A–U.")] string? Section = null,
    [property: StringLength(100)] string? Q = null);

public sealed record IndustryUpdate([property: Required, StringLength(300, MinimumLength = 2)] string Title);

internal static class IndustriesApi
{
    private const string Columns = "code, title, section, parent_code";

    private static readonly SortMap Sorts = new("code", new Dictionary<string, string>
    {
        ["code"] = "code",
        ["title"] = "title",
    });

    public static void MapIndustries(this RouteGroupBuilder group)
    {
        var read = group.MapGroup("").RequireAuthorization(Policies.AnyCaller);
        read.MapGet("/industries", List).WithSummary("Industries (KBLI), filtered and paged.");
        read.MapGet("/industries/{code}", Get).WithSummary("An industry (KBLI).");
        var write = group.MapGroup("").RequireAuthorization(Policies.Admin);
        write.MapPost("/industries", Create).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Add an industry (KBLI).");
        write.MapPut("/industries/{code}", Update).WithSummary("Change the industry (KBLI).");
    }

    public static async Task<Results<Ok<PagedList<Industry>>, ValidationProblem>> List(
        [AsParameters] IndustryFilter filter, [AsParameters] PageQuery page, NpgsqlDataSource db, CancellationToken ct)
    {
        if (Sorts.ToSql(page.Sort, "code") is not { } order)
        {
            return Problems.Fields(Sorts.Error());
        }

        const string where = """
            where (@Section::text is null or section = @Section)
              and (@Q::text is null or title ilike '%' || @Q || '%' or code like @Q || '%')
            """;
        await using var conn = await db.OpenConnectionAsync(ct);
        return TypedResults.Ok(await conn.ReadPageAsync<Industry>(Columns, "industries", where, order, filter, page, ct));
    }

    public static async Task<Results<Ok<Industry>, NotFound>> Get([StringLength(5)] string code, NpgsqlDataSource db, CancellationToken ct)
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

    public static async Task<Results<Ok<Industry>, NotFound>> Update([StringLength(5)] string code, IndustryUpdate request, Caller caller,
        NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<Industry>(new CommandDefinition(
            $"update industries set title = @Title where code = @code returning {Columns}", new { code, request.Title },
            tx, cancellationToken: ct));
        if (row is null)
        {
            return TypedResults.NotFound();
        }

        await AuditLog.WriteAsync(conn, tx, caller, new AuditEntry("industry.update", "industry", null,
            Details: new { row.Code }), ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(row);
    }
}
