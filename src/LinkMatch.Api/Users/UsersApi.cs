using System.ComponentModel.DataAnnotations;
using Dapper;
using LinkMatch.Api.Audit;
using LinkMatch.Api.Auth;
using LinkMatch.Api.Database;
using LinkMatch.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Npgsql;

namespace LinkMatch.Api.Users;

/// <summary>A person who signs in: an admin, a staff member of one office or an instructor of one BLK.</summary>
public sealed record User(long Id, string UserName, string DisplayName, string Role, long? OfficeId,
    long? TrainingCentreId, bool Disabled, DateTimeOffset? LockedUntil, DateTimeOffset? LastLoginAt,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record CreateUserRequest(
    [property: Required, StringLength(100, MinimumLength = 3), RegularExpression(@"^[A-Za-z0-9._-]+$",
        ErrorMessage = "Use letters, digits, '.', '_' and '-'.")] string UserName,
    [property: Required, StringLength(200, MinimumLength = 2)] string DisplayName,
    [property: Required, OneOf(Roles.Admin, Roles.Staff, Roles.Instructor)] string Role,
    [property: Required, StringLength(200, MinimumLength = 12)] string Password,
    [property: Id] long? OfficeId = null,
    [property: Id] long? TrainingCentreId = null);

public sealed record UpdateUserRequest(
    [property: Required, StringLength(200, MinimumLength = 2)] string DisplayName,
    [property: Required, OneOf(Roles.Admin, Roles.Staff, Roles.Instructor)] string Role,
    [property: Id] long? OfficeId = null,
    [property: Id] long? TrainingCentreId = null,
    bool Disabled = false);

public sealed record SetPasswordRequest([property: Required, StringLength(200, MinimumLength = 12)] string Password);

public sealed record UserFilter([property: OneOf(Roles.Admin, Roles.Staff, Roles.Instructor)] string? Role = null,
    [property: Id] long? OfficeId = null, [property: Id] long? TrainingCentreId = null);

/// <summary>Admins manage users; there is no self-registration.</summary>
public static class UsersApi
{
    private const string Columns = """
        id, user_name, display_name, role, office_id, training_centre_id, disabled_at is not null as disabled,
        locked_until, last_login_at, created_at, updated_at
        """;

    private static readonly SortMap Sorts = new("user_name", new Dictionary<string, string>
    {
        ["userName"] = "user_name",
        ["createdAt"] = "created_at",
        ["lastLoginAt"] = "last_login_at",
    });

    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/users").WithTags("Users").RequireAuthorization(Policies.Admin);
        group.MapGet("/", List).WithSummary("User accounts, filtered by role, office, training centre and status.");
        group.MapGet("/{id:long}", Get).WithSummary("A user account.");
        group.MapPost("/", Create).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Create an account for an admin, staff member or instructor.");
        group.MapPut("/{id:long}", Update)
            .WithSummary("Change a user's name, role, office or BLK, or disable them; a change of role, office or "
                + "status ends their sessions.");
        group.MapPost("/{id:long}/password", SetPassword).WithSummary("Set a user's password; ends their sessions.");
        return app;
    }

    public static async Task<Results<Ok<PagedList<User>>, ValidationProblem>> List([AsParameters] UserFilter filter,
        [AsParameters] PageQuery page, NpgsqlDataSource db, CancellationToken ct)
    {
        if (Sorts.ToSql(page.Sort) is not { } order)
        {
            return Problems.Fields(Sorts.Error());
        }

        const string where = """
            where (@Role::text is null or role = @Role)
              and (@OfficeId::bigint is null or office_id = @OfficeId)
              and (@TrainingCentreId::bigint is null or training_centre_id = @TrainingCentreId)
            """;
        await using var conn = await db.OpenConnectionAsync(ct);
        return TypedResults.Ok(await conn.ReadPageAsync<User>(Columns, "users", where, order,
            new { filter.Role, filter.OfficeId, filter.TrainingCentreId }, page, ct));
    }

    public static async Task<Results<Ok<User>, NotFound>> Get(long id, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var user = await conn.QuerySingleOrDefaultAsync<User>(new CommandDefinition(
            $"select {Columns} from users where id = @id", new { id }, cancellationToken: ct));
        return user is null ? TypedResults.NotFound() : TypedResults.Ok(user);
    }

    public static async Task<Results<Created<User>, ValidationProblem, ProblemHttpResult>> Create(
        CreateUserRequest request, Caller caller, IPasswordHasher<UserAccount> hasher, NpgsqlDataSource db,
        CancellationToken ct)
    {
        if (Scope(request.Role, request.OfficeId, request.TrainingCentreId) is { } problem)
        {
            return problem;
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        try
        {
            var user = await conn.QuerySingleAsync<User>(new CommandDefinition($"""
                insert into users (user_name, display_name, password_hash, role, office_id, training_centre_id)
                values (@UserName, @DisplayName, @hash, @Role, @OfficeId, @TrainingCentreId)
                returning {Columns}
                """, new
            {
                request.UserName,
                request.DisplayName,
                hash = hasher.HashPassword(null!, request.Password),
                request.Role,
                request.OfficeId,
                request.TrainingCentreId,
            }, tx, cancellationToken: ct));
            await AuditLog.WriteAsync(conn, tx, caller, new AuditEntry("user.create", "user", user.Id,
                Details: new { user.Role }), ct);
            await tx.CommitAsync(ct);
            return TypedResults.Created($"/api/v1/users/{user.Id}", user);
        }
        catch (PostgresException e) when (e.IsUniqueViolation())
        {
            return Problems.Conflict($"A user named '{request.UserName}' already exists.");
        }
        catch (PostgresException e) when (e.IsForeignKeyViolation())
        {
            return UnknownScope(e);
        }
    }

    /// <summary>Changing role, scope or disabling signs the user out everywhere (a new security stamp).</summary>
    public static async Task<Results<Ok<User>, NotFound, ValidationProblem>> Update(long id,
        UpdateUserRequest request, Caller caller, NpgsqlDataSource db, IMemoryCache cache, CancellationToken ct)
    {
        if (Scope(request.Role, request.OfficeId, request.TrainingCentreId) is { } problem)
        {
            return problem;
        }

        if (id == caller.UserId && (request.Disabled || request.Role != Roles.Admin))
        {
            return Problems.Field("role", "Admins cannot demote or disable themselves.");
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        try
        {
            var user = await conn.QuerySingleOrDefaultAsync<User>(new CommandDefinition($"""
                update users set
                    display_name = @DisplayName, role = @Role, office_id = @OfficeId,
                    training_centre_id = @TrainingCentreId,
                    disabled_at = case when @Disabled then coalesce(disabled_at, now()) end,
                    security_stamp = case
                        when role is distinct from @Role or office_id is distinct from @OfficeId
                             or training_centre_id is distinct from @TrainingCentreId
                             or (disabled_at is not null) <> @Disabled
                        then gen_random_uuid() else security_stamp end
                where id = @id
                returning {Columns}
                """, new
            {
                id,
                request.DisplayName,
                request.Role,
                request.OfficeId,
                request.TrainingCentreId,
                request.Disabled
            }, tx, cancellationToken: ct));
            if (user is null)
            {
                return TypedResults.NotFound();
            }

            await AuditLog.WriteAsync(conn, tx, caller, new AuditEntry("user.update", "user", id,
                Details: new { user.Role, user.Disabled }), ct);
            await tx.CommitAsync(ct);
            SecurityStamps.Forget(cache, id);
            return TypedResults.Ok(user);
        }
        catch (PostgresException e) when (e.IsForeignKeyViolation())
        {
            return UnknownScope(e);
        }
    }

    /// <summary>Sets a new password, unlocks the account and revokes every token issued before.</summary>
    public static async Task<Results<NoContent, NotFound>> SetPassword(long id, SetPasswordRequest request,
        Caller caller, IPasswordHasher<UserAccount> hasher, NpgsqlDataSource db, IMemoryCache cache,
        CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var updated = await conn.ExecuteAsync(new CommandDefinition("""
            update users set password_hash = @hash, security_stamp = gen_random_uuid(), failed_logins = 0,
                             locked_until = null
            where id = @id
            """, new { id, hash = hasher.HashPassword(null!, request.Password) }, tx, cancellationToken: ct));
        if (updated == 0)
        {
            return TypedResults.NotFound();
        }

        await AuditLog.WriteAsync(conn, tx, caller, new AuditEntry("user.set_password", "user", id), ct);
        await tx.CommitAsync(ct);
        SecurityStamps.Forget(cache, id);
        return TypedResults.NoContent();
    }

    private static ValidationProblem? Scope(string role, long? officeId, long? trainingCentreId)
    {
        var errors = new FieldErrors()
            .AddIf(role == Roles.Staff && officeId is null, "officeId", "Staff belong to one office.")
            .AddIf(role != Roles.Staff && officeId is not null, "officeId", "Only staff belong to an office.")
            .AddIf(role == Roles.Instructor && trainingCentreId is null, "trainingCentreId",
                "Instructors belong to one training centre.")
            .AddIf(role != Roles.Instructor && trainingCentreId is not null, "trainingCentreId",
                "Only instructors belong to a training centre.");
        return errors.Any ? errors.ToProblem() : null;
    }

    private static ValidationProblem UnknownScope(PostgresException e) =>
        e.ConstraintName?.Contains("office", StringComparison.Ordinal) == true
            ? Problems.Field("officeId", "Unknown office.")
            : Problems.Field("trainingCentreId", "Unknown training centre.");
}
