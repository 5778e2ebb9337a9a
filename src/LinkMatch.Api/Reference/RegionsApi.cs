using System.ComponentModel.DataAnnotations;
using Dapper;
using LinkMatch.Api.Audit;
using LinkMatch.Api.Auth;
using LinkMatch.Api.Database;
using LinkMatch.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace LinkMatch.Api.Reference;

/// <summary>A province ('64') or a kabupaten/kota ('64.71') by its Kemendagri code.</summary>
public sealed record Region(string Code, string Name, string Level, string? ProvinceCode);

public sealed record RegionRequest(
    [property: Required, StringLength(5), RegularExpression(@"^[0-9]{2}(\.[0-9]{2})?$",
        ErrorMessage = "Use '64' for a province or '64.71' for a regency or city.")] string Code,
    [property: Required, StringLength(200, MinimumLength = 2)] string Name,
    [property: Required, OneOf("province", "regency", "city")] string Level,
    [property: StringLength(2), RegularExpression("^[0-9]{2}$", ErrorMessage = "Use a two-digit province code such as '64'.")]
    string? ProvinceCode = null);

public sealed record RegionFilter(
    [property: OneOf("province", "regency", "city")] string? Level = null,
    [property: StringLength(2)] string? ProvinceCode = null,
    [property: StringLength(100)] string? Q = null);

public sealed record RegionUpdate([property: Required, StringLength(200, MinimumLength = 2)] string Name);

internal static class RegionsApi
{
    private const string Columns = "code, name, level, province_code";

    private static readonly SortMap Sorts = new("code", new Dictionary<string, string>
    {
        ["code"] = "code",
        ["name"] = "name",
    });

    public static void MapRegions(this RouteGroupBuilder group)
    {
        var read = group.MapGroup("").RequireAuthorization(Policies.AnyCaller);
        read.MapGet("/regions", List).WithSummary("Regions (BPS codes), filtered and paged.");
        read.MapGet("/regions/{code}", Get).WithSummary("A region (province or city/regency).");
        var write = group.MapGroup("").RequireAuthorization(Policies.Admin);
        write.MapPost("/regions", Create).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Add a region (province or city/regency).");
        write.MapPut("/regions/{code}", Update).WithSummary("Change the region (province or city/regency).");
    }

    public static async Task<Results<Ok<PagedList<Region>>, ValidationProblem>> List([AsParameters] RegionFilter filter,
        [AsParameters] PageQuery page, NpgsqlDataSource db, CancellationToken ct)
    {
        if (Sorts.ToSql(page.Sort, "code") is not { } order)
        {
            return Problems.Fields(Sorts.Error());
        }

        const string where = """
            where (@Level::text is null or level = @Level)
              and (@ProvinceCode::text is null or province_code = @ProvinceCode)
              and (@Q::text is null or name ilike '%' || @Q || '%' or code like @Q || '%')
            """;
        await using var conn = await db.OpenConnectionAsync(ct);
        return TypedResults.Ok(await conn.ReadPageAsync<Region>(Columns, "regions", where, order, filter, page, ct));
    }

    public static async Task<Results<Ok<Region>, NotFound>> Get([StringLength(5)] string code, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var region = await conn.QuerySingleOrDefaultAsync<Region>(new CommandDefinition(
            $"select {Columns} from regions where code = @code", new { code }, cancellationToken: ct));
        return region is null ? TypedResults.NotFound() : TypedResults.Ok(region);
    }

    public static async Task<Results<Created<Region>, ValidationProblem, ProblemHttpResult>> Create(
        RegionRequest request, Caller caller, NpgsqlDataSource db, CancellationToken ct)
    {
        var errors = new FieldErrors()
            .AddIf(request.Level == "province" && request.ProvinceCode is not null, "provinceCode",
                "A province has no province code.")
            .AddIf(request.Level == "province" && request.Code.Length != 2, "code", "A province code has two digits.")
            .AddIf(request.Level != "province" && request.Code.Length != 5, "code",
                "A regency or city code looks like '64.71'.")
            .AddIf(request.Level != "province" && request.ProvinceCode != request.Code[..2], "provinceCode",
                "A regency or city belongs to the province its code starts with.");
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        try
        {
            var region = await conn.QuerySingleAsync<Region>(new CommandDefinition($"""
                insert into regions (code, name, level, province_code) values (@Code, @Name, @Level, @ProvinceCode)
                returning {Columns}
                """, request, tx, cancellationToken: ct));
            await AuditLog.WriteAsync(conn, tx, caller, new AuditEntry("region.create", "region", null,
                Details: new { region.Code }), ct);
            await tx.CommitAsync(ct);
            return TypedResults.Created($"/api/v1/reference/regions/{region.Code}", region);
        }
        catch (PostgresException e) when (e.IsUniqueViolation())
        {
            return Problems.Conflict($"Region '{request.Code}' already exists.");
        }
        catch (PostgresException e) when (e.IsForeignKeyViolation())
        {
            return Problems.Field("provinceCode", "Unknown province.");
        }
    }

    /// <summary>A region's code, level and province are its identity; only its name changes.</summary>
    public static async Task<Results<Ok<Region>, NotFound>> Update([StringLength(5)] string code, RegionUpdate request, Caller caller,
        NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var region = await conn.QuerySingleOrDefaultAsync<Region>(new CommandDefinition(
            $"update regions set name = @Name where code = @code returning {Columns}", new { code, request.Name }, tx,
            cancellationToken: ct));
        if (region is null)
        {
            return TypedResults.NotFound();
        }

        await AuditLog.WriteAsync(conn, tx, caller, new AuditEntry("region.update", "region", null,
            Details: new { region.Code }), ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(region);
    }
}
