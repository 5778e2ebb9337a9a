using System.ComponentModel.DataAnnotations;
using Dapper;
using LinkMatch.Api.Audit;
using LinkMatch.Api.Auth;
using LinkMatch.Api.Database;
using LinkMatch.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace LinkMatch.Api.Training;

/// <summary>BLK (Balai Latihan Kerja): a public vocational training centre, supervised by one office.</summary>
public sealed record TrainingCentre(long Id, string Code, string Name, long OfficeId, string RegionCode, string Address,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record TrainingCentreRequest(
    [property: Required, StringLength(40, MinimumLength = 2), RegularExpression("^[A-Z0-9][A-Z0-9.-]*$",
        ErrorMessage = "Use capital letters, digits, '.' and '-'.")] string Code,
    [property: Required, StringLength(200, MinimumLength = 3)] string Name,
    [property: Id] long OfficeId,
    [property: Required, StringLength(5)] string RegionCode,
    [property: Required, StringLength(500, MinimumLength = 5), FreeText] string Address);

/// <summary>Filters: the supervising office, a region ('64' a whole province, '64.71' one city), a name or code.</summary>
public sealed record TrainingCentreFilter([property: Id] long? OfficeId = null,
    [property: StringLength(5), RegularExpression(@"^[0-9]{2}(\.[0-9]{2})?$", ErrorMessage = "Use '64' or '64.71'.")] string? RegionCode = null,
    [property: StringLength(100)] string? Q = null);

/// <summary>Admins register BLKs; staff read those of their office, instructors their own.</summary>
internal static class TrainingCentresApi
{
    private const string Columns = """
        tc.id, tc.code, tc.name, tc.office_id, tc.region_code, tc.address, tc.created_at, tc.updated_at
        """;

    private static readonly SortMap Sorts = new("tc.name", new Dictionary<string, string>
    {
        ["name"] = "tc.name",
        ["code"] = "tc.code",
        ["createdAt"] = "tc.created_at",
    });

    public static void MapTrainingCentres(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/training-centres").WithTags("Training centres");
        var read = group.MapGroup("").RequireAuthorization(Policies.StaffOrInstructor);
        read.MapGet("/", List).WithSummary("Training centres (BLK), filtered by office and region.");
        read.MapGet("/{id:long}", Get).WithSummary("A training centre (BLK).");
        var write = group.MapGroup("").RequireAuthorization(Policies.Admin).ProducesProblem(StatusCodes.Status409Conflict);
        write.MapPost("/", Create).WithSummary("Add a training centre (BLK).");
        write.MapPut("/{id:long}", Update).WithSummary("Change a training centre's name, office, region or address.");
    }

    public static async Task<Results<Ok<PagedList<TrainingCentre>>, ValidationProblem>> List(
        [AsParameters] TrainingCentreFilter filter, [AsParameters] PageQuery page, Caller caller, NpgsqlDataSource db,
        CancellationToken ct)
    {
        if (Sorts.ToSql(page.Sort, "tc.id") is not { } order)
        {
            return Problems.Fields(Sorts.Error());
        }

        const string where = $"""
            where {TrainingScope.Filter}
              and (@OfficeId::bigint is null or tc.office_id = @OfficeId)
              and (@RegionCode::text is null or tc.region_code = @RegionCode or tc.region_code like @RegionCode || '.%')
              and (@Q::text is null or tc.name ilike '%' || @Q || '%' or tc.code ilike @Q || '%')
            """;
        var scope = TrainingScope.Of(caller);
        await using var conn = await db.OpenConnectionAsync(ct);
        return TypedResults.Ok(await conn.ReadPageAsync<TrainingCentre>(Columns, "training_centres tc", where, order, new
        {
            ScopeCentreId = scope.CentreId,
            ScopeOfficeId = scope.OfficeId,
            filter.OfficeId,
            filter.RegionCode,
            filter.Q,
        }, page, ct));
    }

    public static async Task<Results<Ok<TrainingCentre>, NotFound>> Get(long id, Caller caller, NpgsqlDataSource db,
        CancellationToken ct)
    {
        var scope = TrainingScope.Of(caller);
        await using var conn = await db.OpenConnectionAsync(ct);
        var centre = await conn.QuerySingleOrDefaultAsync<TrainingCentre>(new CommandDefinition($"""
            select {Columns} from training_centres tc where tc.id = @id and {TrainingScope.Filter}
            """, new { id, ScopeCentreId = scope.CentreId, ScopeOfficeId = scope.OfficeId }, cancellationToken: ct));
        return centre is null ? TypedResults.NotFound() : TypedResults.Ok(centre);
    }

    public static async Task<Results<Created<TrainingCentre>, ValidationProblem, ProblemHttpResult>> Create(
        TrainingCentreRequest request, Caller caller, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        try
        {
            var centre = await conn.QuerySingleAsync<TrainingCentre>(new CommandDefinition($"""
                insert into training_centres as tc (code, name, office_id, region_code, address)
                values (@Code, @Name, @OfficeId, @RegionCode, @Address)
                returning {Columns}
                """, request, tx, cancellationToken: ct));
            await AuditLog.WriteAsync(conn, tx, caller, new AuditEntry("training_centre.create", "training_centre",
                centre.Id, Details: new { centre.OfficeId }), ct);
            await tx.CommitAsync(ct);
            return TypedResults.Created($"/api/v1/training-centres/{centre.Id}", centre);
        }
        catch (PostgresException e) when (e.IsUniqueViolation("training_centres_code_key"))
        {
            return Problems.Conflict($"A training centre with code '{request.Code}' already exists.");
        }
        catch (PostgresException e) when (e.IsForeignKeyViolation())
        {
            return UnknownReference(e);
        }
    }

    public static async Task<Results<Ok<TrainingCentre>, NotFound, ValidationProblem, ProblemHttpResult>> Update(
        long id, TrainingCentreRequest request, Caller caller, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        try
        {
            var centre = await conn.QuerySingleOrDefaultAsync<TrainingCentre>(new CommandDefinition($"""
                update training_centres as tc
                set code = @Code, name = @Name, office_id = @OfficeId, region_code = @RegionCode, address = @Address
                where tc.id = @id
                returning {Columns}
                """, new { id, request.Code, request.Name, request.OfficeId, request.RegionCode, request.Address }, tx,
                cancellationToken: ct));
            if (centre is null)
            {
                return TypedResults.NotFound();
            }

            await AuditLog.WriteAsync(conn, tx, caller, new AuditEntry("training_centre.update", "training_centre", id,
                Details: new { centre.OfficeId }), ct);
            await tx.CommitAsync(ct);
            return TypedResults.Ok(centre);
        }
        catch (PostgresException e) when (e.IsUniqueViolation("training_centres_code_key"))
        {
            return Problems.Conflict($"A training centre with code '{request.Code}' already exists.");
        }
        catch (PostgresException e) when (e.IsForeignKeyViolation())
        {
            return UnknownReference(e);
        }
    }

    private static ValidationProblem UnknownReference(PostgresException e) =>
        e.ConstraintName?.Contains("office", StringComparison.Ordinal) == true
            ? Problems.Field("officeId", "Unknown office.")
            : Problems.Field("regionCode", "Unknown region code.");
}
