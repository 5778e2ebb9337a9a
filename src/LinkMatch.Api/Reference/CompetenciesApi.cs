using System.ComponentModel.DataAnnotations;
using Dapper;
using LinkMatch.Api.Audit;
using LinkMatch.Api.Auth;
using LinkMatch.Api.Database;
using LinkMatch.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace LinkMatch.Api.Reference;

/// <summary>A unit of competency. The code is opaque: SKKNI ('C.251000.010.01'), an older scheme
/// ('TIK.SM01.001.01') or a skill tag.</summary>
public sealed record Competency(long Id, string Code, string Title, string Framework);

public sealed record CompetencyRequest(
    [property: Required, StringLength(64, MinimumLength = 1)] string Code,
    [property: Required, StringLength(300, MinimumLength = 2)] string Title,
    [property: Required, OneOf("skkni", "other", "skill_tag")] string Framework);

public sealed record CompetencyFilter([property: OneOf("skkni", "other", "skill_tag")] string? Framework,
    [property: StringLength(100)] string? Q);

internal static class CompetenciesApi
{
    private const string Columns = "id, code, title, framework";

    private static readonly SortMap Sorts = new("code", new Dictionary<string, string>
    {
        ["code"] = "code",
        ["title"] = "title",
    });

    public static void MapCompetencies(this RouteGroupBuilder group)
    {
        var read = group.MapGroup("").RequireAuthorization(Policies.AnyCaller);
        read.MapGet("/competencies", List).WithSummary("Units of competency, filtered and paged.");
        read.MapGet("/competencies/{id:long}", Get).WithSummary("A unit of competency (SKKNI or other).");
        var write = group.MapGroup("").RequireAuthorization(Policies.Admin);
        write.MapPost("/competencies", Create).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Add a unit of competency (SKKNI or other).");
        write.MapPut("/competencies/{id:long}", Update).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Change the unit of competency (SKKNI or other).");
    }

    public static async Task<Results<Ok<PagedList<Competency>>, ValidationProblem>> List(
        [AsParameters] CompetencyFilter filter, [AsParameters] PageQuery page, NpgsqlDataSource db, CancellationToken ct)
    {
        if (Sorts.ToSql(page.Sort) is not { } order)
        {
            return Problems.Fields(Sorts.Error());
        }

        const string where = """
            where (@Framework::text is null or framework = @Framework)
              and (@Q::text is null or title ilike '%' || @Q || '%' or code ilike @Q || '%')
            """;
        await using var conn = await db.OpenConnectionAsync(ct);
        return TypedResults.Ok(await conn.ReadPageAsync<Competency>(Columns, "competencies", where, order, new { filter.Framework, filter.Q }, page, ct));
    }

    public static async Task<Results<Ok<Competency>, NotFound>> Get(long id, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<Competency>(new CommandDefinition(
            $"select {Columns} from competencies where id = @id", new { id }, cancellationToken: ct));
        return row is null ? TypedResults.NotFound() : TypedResults.Ok(row);
    }

    public static async Task<Results<Created<Competency>, ProblemHttpResult>> Create(CompetencyRequest request,
        Caller caller, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        try
        {
            var row = await conn.QuerySingleAsync<Competency>(new CommandDefinition($"""
                insert into competencies (code, title, framework) values (@Code, @Title, @Framework)
                returning {Columns}
                """, request, tx, cancellationToken: ct));
            await AuditLog.WriteAsync(conn, tx, caller, new AuditEntry("competency.create", "competency", row.Id), ct);
            await tx.CommitAsync(ct);
            return TypedResults.Created($"/api/v1/reference/competencies/{row.Id}", row);
        }
        catch (PostgresException e) when (e.IsUniqueViolation())
        {
            return Problems.Conflict($"A competency with code '{request.Code}' already exists.");
        }
    }

    public static async Task<Results<Ok<Competency>, NotFound, ProblemHttpResult>> Update(long id,
        CompetencyRequest request, Caller caller, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        try
        {
            var row = await conn.QuerySingleOrDefaultAsync<Competency>(new CommandDefinition($"""
                update competencies set code = @Code, title = @Title, framework = @Framework where id = @id
                returning {Columns}
                """, new { id, request.Code, request.Title, request.Framework }, tx, cancellationToken: ct));
            if (row is null)
            {
                return TypedResults.NotFound();
            }

            await AuditLog.WriteAsync(conn, tx, caller, new AuditEntry("competency.update", "competency", id), ct);
            await tx.CommitAsync(ct);
            return TypedResults.Ok(row);
        }
        catch (PostgresException e) when (e.IsUniqueViolation())
        {
            return Problems.Conflict($"A competency with code '{request.Code}' already exists.");
        }
    }
}
