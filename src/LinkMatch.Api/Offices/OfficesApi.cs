using System.ComponentModel.DataAnnotations;
using Dapper;
using LinkMatch.Api.Audit;
using LinkMatch.Api.Auth;
using LinkMatch.Api.Database;
using LinkMatch.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace LinkMatch.Api.Offices;

/// <summary>A Disnaker (city or regency) or the Disnakertrans (province) office.</summary>
public sealed record Office(long Id, string Code, string Name, string Level, string RegionCode,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record OfficeRequest(
    [property: Required, StringLength(40, MinimumLength = 2), RegularExpression("^[A-Z0-9][A-Z0-9.-]*$",
        ErrorMessage = "Use capital letters, digits, '.' and '-'.")] string Code,
    [property: Required, StringLength(200, MinimumLength = 3)] string Name,
    [property: Required, OneOf("city_regency", "province")] string Level,
    [property: Required, StringLength(5)] string RegionCode);

public sealed record OfficeFilter([property: OneOf("city_regency", "province")] string? Level,
    [property: StringLength(5)] string? RegionCode);

/// <summary>Offices are managed by admins and readable by every caller.</summary>
public static class OfficesApi
{
    private const string Columns = "id, code, name, level, region_code, created_at, updated_at";

    private static readonly SortMap Sorts = new("name", new Dictionary<string, string>
    {
        ["name"] = "name",
        ["code"] = "code",
        ["createdAt"] = "created_at",
    });

    public static IEndpointRouteBuilder MapOfficesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/offices").WithTags("Offices");
        var read = group.MapGroup("").RequireAuthorization(Policies.AnyCaller);
        read.MapGet("/", List).WithSummary("Disnaker offices, filtered by level and region.");
        read.MapGet("/{id:long}", Get).WithSummary("An office.");
        var write = group.MapGroup("").RequireAuthorization(Policies.Admin).ProducesProblem(StatusCodes.Status409Conflict);
        write.MapPost("/", Create).WithSummary("Add an office.");
        write.MapPut("/{id:long}", Update).WithSummary("Change an office's name, level or region.");
        return app;
    }

    public static async Task<Results<Ok<PagedList<Office>>, ValidationProblem>> List([AsParameters] OfficeFilter filter,
        [AsParameters] PageQuery page, NpgsqlDataSource db, CancellationToken ct)
    {
        if (Sorts.ToSql(page.Sort) is not { } order)
        {
            return Problems.Fields(Sorts.Error());
        }

        var where = """
            where (@Level::text is null or level = @Level)
              and (@RegionCode::text is null or region_code = @RegionCode)
            """;
        await using var conn = await db.OpenConnectionAsync(ct);
        return TypedResults.Ok(await conn.ReadPageAsync<Office>(Columns, "offices", where, order,
            new { filter.Level, filter.RegionCode }, page, ct));
    }

    public static async Task<Results<Ok<Office>, NotFound>> Get(long id, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var office = await conn.QuerySingleOrDefaultAsync<Office>(new CommandDefinition(
            $"select {Columns} from offices where id = @id", new { id }, cancellationToken: ct));
        return office is null ? TypedResults.NotFound() : TypedResults.Ok(office);
    }

    public static async Task<Results<Created<Office>, ValidationProblem, ProblemHttpResult>> Create(
        OfficeRequest request, Caller caller, NpgsqlDataSource db, CancellationToken ct)
    {
        const string sql = $"""
            insert into offices (code, name, level, region_code)
            values (@Code, @Name, @Level, @RegionCode)
            returning {Columns}
            """;
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        try
        {
            var office = await conn.QuerySingleAsync<Office>(new CommandDefinition(sql, request, tx, cancellationToken: ct));
            await AuditLog.WriteAsync(conn, tx, caller, new AuditEntry("office.create", "office", office.Id), ct);
            await tx.CommitAsync(ct);
            return TypedResults.Created($"/api/v1/offices/{office.Id}", office);
        }
        catch (PostgresException e) when (e.IsUniqueViolation("offices_code_key"))
        {
            return Problems.Conflict($"An office with code '{request.Code}' already exists.");
        }
        catch (PostgresException e) when (e.IsForeignKeyViolation())
        {
            return Problems.Field("regionCode", "Unknown region code.");
        }
    }

    public static async Task<Results<Ok<Office>, NotFound, ValidationProblem, ProblemHttpResult>> Update(long id,
        OfficeRequest request, Caller caller, NpgsqlDataSource db, CancellationToken ct)
    {
        const string sql = $"""
            update offices set code = @Code, name = @Name, level = @Level, region_code = @RegionCode
            where id = @id
            returning {Columns}
            """;
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        try
        {
            var office = await conn.QuerySingleOrDefaultAsync<Office>(new CommandDefinition(sql,
                new { id, request.Code, request.Name, request.Level, request.RegionCode }, tx, cancellationToken: ct));
            if (office is null)
            {
                return TypedResults.NotFound();
            }

            await AuditLog.WriteAsync(conn, tx, caller, new AuditEntry("office.update", "office", id), ct);
            await tx.CommitAsync(ct);
            return TypedResults.Ok(office);
        }
        catch (PostgresException e) when (e.IsUniqueViolation("offices_code_key"))
        {
            return Problems.Conflict($"An office with code '{request.Code}' already exists.");
        }
        catch (PostgresException e) when (e.IsForeignKeyViolation())
        {
            return Problems.Field("regionCode", "Unknown region code.");
        }
    }
}
