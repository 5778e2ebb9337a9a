using System.ComponentModel.DataAnnotations;
using Dapper;
using LinkMatch.Api.Audit;
using LinkMatch.Api.Auth;
using LinkMatch.Api.Database;
using LinkMatch.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace LinkMatch.Api.Reference;

/// <summary>A KBJI 2014 occupation group: 1-digit major group down to 4-digit unit group ('7212').</summary>
public sealed record Occupation(string Code, string Title, string? ParentCode, short Level);

public sealed record OccupationRequest(
    [property: Required, StringLength(7), RegularExpression(@"^[0-9]{1,4}(\.[0-9]{2})?$",
        ErrorMessage = "A KBJI code has 1 to 4 digits, optionally '.NN' for an occupation.")] string Code,
    [property: Required, StringLength(300, MinimumLength = 2)] string Title);

public sealed record OccupationFilter([property: StringLength(7)] string? Parent = null,
    [property: Range(1, 5)] short? Level = null, [property: StringLength(100)] string? Q = null);

public sealed record OccupationUpdate([property: Required, StringLength(300, MinimumLength = 2)] string Title);

internal static class OccupationsApi
{
    private const string Columns = "code, title, parent_code, level";

    private static readonly SortMap Sorts = new("code", new Dictionary<string, string>
    {
        ["code"] = "code",
        ["title"] = "title",
        ["level"] = "level",
    });

    public static void MapOccupations(this RouteGroupBuilder group)
    {
        var read = group.MapGroup("").RequireAuthorization(Policies.AnyCaller);
        read.MapGet("/occupations", List).WithSummary("Occupations (KBJI), filtered and paged.");
        read.MapGet("/occupations/{code}", Get).WithSummary("An occupation (KBJI).");
        var write = group.MapGroup("").RequireAuthorization(Policies.Admin);
        write.MapPost("/occupations", Create).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Add an occupation (KBJI).");
        write.MapPut("/occupations/{code}", Update).WithSummary("Change the occupation (KBJI).");
    }

    public static async Task<Results<Ok<PagedList<Occupation>>, ValidationProblem>> List(
        [AsParameters] OccupationFilter filter, [AsParameters] PageQuery page, NpgsqlDataSource db, CancellationToken ct)
    {
        if (Sorts.ToSql(page.Sort, "code") is not { } order)
        {
            return Problems.Fields(Sorts.Error());
        }

        const string where = """
            where (@Parent::text is null or parent_code = @Parent)
              and (@Level::smallint is null or level = @Level)
              and (@Q::text is null or title ilike '%' || @Q || '%' or code like @Q || '%')
            """;
        await using var conn = await db.OpenConnectionAsync(ct);
        return TypedResults.Ok(await conn.ReadPageAsync<Occupation>(Columns, "occupations", where, order, filter, page, ct));
    }

    public static async Task<Results<Ok<Occupation>, NotFound>> Get([StringLength(7)] string code, NpgsqlDataSource db,
        CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<Occupation>(new CommandDefinition(
            $"select {Columns} from occupations where code = @code", new { code }, cancellationToken: ct));
        return row is null ? TypedResults.NotFound() : TypedResults.Ok(row);
    }

    /// <summary>The parent follows from the code: '7212' belongs to '721', '7212.01' to '7212'.</summary>
    public static async Task<Results<Created<Occupation>, ValidationProblem, ProblemHttpResult>> Create(
        OccupationRequest request, Caller caller, NpgsqlDataSource db, CancellationToken ct)
    {
        var (parent, level) = request.Code.Contains('.', StringComparison.Ordinal)
            ? (request.Code[..4], (short)5)
            : (request.Code.Length == 1 ? null : request.Code[..^1], (short)request.Code.Length);
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        try
        {
            var row = await conn.QuerySingleAsync<Occupation>(new CommandDefinition($"""
                insert into occupations (code, title, parent_code, level) values (@Code, @Title, @parent, @level)
                returning {Columns}
                """, new { request.Code, request.Title, parent, level }, tx, cancellationToken: ct));
            await AuditLog.WriteAsync(conn, tx, caller, new AuditEntry("occupation.create", "occupation", null,
                Details: new { row.Code }), ct);
            await tx.CommitAsync(ct);
            return TypedResults.Created($"/api/v1/reference/occupations/{row.Code}", row);
        }
        catch (PostgresException e) when (e.IsUniqueViolation())
        {
            return Problems.Conflict($"Occupation '{request.Code}' already exists.");
        }
        catch (PostgresException e) when (e.IsForeignKeyViolation())
        {
            return Problems.Field("code", $"The parent group '{parent}' does not exist; add it first.");
        }
    }

    /// <summary>A KBJI code is its identity and fixes its place in the hierarchy; only its title changes.</summary>
    public static async Task<Results<Ok<Occupation>, NotFound>> Update([StringLength(7)] string code, OccupationUpdate request,
        Caller caller, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<Occupation>(new CommandDefinition(
            $"update occupations set title = @Title where code = @code returning {Columns}", new { code, request.Title },
            tx, cancellationToken: ct));
        if (row is null)
        {
            return TypedResults.NotFound();
        }

        await AuditLog.WriteAsync(conn, tx, caller, new AuditEntry("occupation.update", "occupation", null,
            Details: new { row.Code }), ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(row);
    }
}
