using System.Globalization;
using System.Security.Claims;
using Dapper;
using LinkMatch.Api.Audit;
using LinkMatch.Api.Telemetry;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Npgsql;

namespace LinkMatch.Api.Auth;

/// <summary>The outcome of a password check.</summary>
public abstract record SignInOutcome
{
    public sealed record Success(UserAccount User) : SignInOutcome;

    public sealed record Invalid : SignInOutcome;

    public sealed record LockedOut(TimeSpan RetryAfter) : SignInOutcome;

    /// <summary>Whole seconds to wait, at least one (for Retry-After and messages).</summary>
    public static int Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
}

/// <summary>Checks passwords with lock-out after repeated failures, and builds the principal for tokens.</summary>
public sealed class PasswordSignIn(
    NpgsqlDataSource db,
    IPasswordHasher<UserAccount> hasher,
    IOptions<AuthOptions> options,
    TimeProvider time,
    LinkMatchMetrics metrics)
{
    private const string SelectUser = """
        select id, user_name, display_name, password_hash, role, office_id, training_centre_id, security_stamp,
               failed_logins, locked_until, disabled_at
        from users
        """;

    // Verifying against a real hash when the user does not exist keeps unknown and known names equally slow.
    private static readonly Lazy<string> DummyHash = new(() =>
        new PasswordHasher<UserAccount>().HashPassword(null!, "not-a-real-password"));

    public async Task<SignInOutcome> CheckAsync(string userName, string password, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var user = await conn.QuerySingleOrDefaultAsync<UserAccount>(new CommandDefinition(
            SelectUser + " where lower(user_name) = lower(@userName) for update", new { userName }, tx,
            cancellationToken: ct));
        var now = time.GetUtcNow();
        if (user is null || user.DisabledAt is not null)
        {
            hasher.VerifyHashedPassword(null!, DummyHash.Value, password);
            return new SignInOutcome.Invalid();
        }

        if (user.LockedUntil is { } until && until > now)
        {
            return new SignInOutcome.LockedOut(until - now);
        }

        var result = hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (result == PasswordVerificationResult.Failed)
        {
            var failed = user.FailedLogins + 1;
            var lockUntil = failed >= options.Value.MaxFailedLogins ? now + options.Value.LockoutDuration : (DateTimeOffset?)null;
            await conn.ExecuteAsync(new CommandDefinition("""
                update users set failed_logins = @failed, locked_until = @lockUntil where id = @Id
                """, new { failed = lockUntil is null ? failed : 0, lockUntil, user.Id }, tx, cancellationToken: ct));
            await tx.CommitAsync(ct);
            return lockUntil is { } l ? new SignInOutcome.LockedOut(l - now) : new SignInOutcome.Invalid();
        }

        var newHash = result == PasswordVerificationResult.SuccessRehashNeeded
            ? hasher.HashPassword(user, password)
            : user.PasswordHash;
        await conn.ExecuteAsync(new CommandDefinition("""
            update users set failed_logins = 0, locked_until = null, last_login_at = @now, password_hash = @newHash
            where id = @Id
            """, new { now, newHash, user.Id }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return new SignInOutcome.Success(user);
    }

    /// <summary>Writes the sign-in attempt to the audit log, whichever way it went (the API and the console
    /// alike).</summary>
    public async Task RecordAsync(Caller caller, string userName, SignInOutcome outcome, CancellationToken ct)
    {
        var name = userName.Length > 100 ? "?" : userName;
        var (entry, measured) = outcome switch
        {
            SignInOutcome.Success success => (new AuditEntry("auth.login", "user", success.User.Id), "success"),
            SignInOutcome.LockedOut => (new AuditEntry("auth.locked_out", "user", null, Details: new { userName = name }),
                "locked_out"),
            _ => (new AuditEntry("auth.login_failed", "user", null, Details: new { userName = name }), "invalid"),
        };
        metrics.SignIn(measured);
        caller = caller with { Name = name, UserId = (outcome as SignInOutcome.Success)?.User.Id ?? caller.UserId };
        await using var conn = await db.OpenConnectionAsync(ct);
        await AuditLog.WriteAsync(conn, null, caller, entry, ct);
    }

    public async Task<UserAccount?> FindActiveAsync(long id, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<UserAccount>(new CommandDefinition(
            SelectUser + " where id = @id and disabled_at is null", new { id }, cancellationToken: ct));
    }

    /// <summary>The principal of a signed-in user; <paramref name="scheme"/> names the credential it goes into
    /// (a bearer token, or the console's cookie).</summary>
    public static ClaimsPrincipal PrincipalFor(UserAccount user, string scheme = BearerTokenDefaults.AuthenticationScheme)
    {
        var claims = new List<Claim>
        {
            new(LinkMatchClaims.UserId, user.Id.ToString(CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, user.UserName),
            new(ClaimTypes.Role, user.Role),
            new(LinkMatchClaims.SecurityStamp, user.SecurityStamp.ToString()),
        };
        if (user.OfficeId is { } office)
        {
            claims.Add(new(LinkMatchClaims.OfficeId, office.ToString(CultureInfo.InvariantCulture)));
        }

        if (user.TrainingCentreId is { } centre)
        {
            claims.Add(new(LinkMatchClaims.TrainingCentreId, centre.ToString(CultureInfo.InvariantCulture)));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }
}
