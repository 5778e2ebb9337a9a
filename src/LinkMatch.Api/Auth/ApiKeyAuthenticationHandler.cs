using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Dapper;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Npgsql;

namespace LinkMatch.Api.Auth;

/// <summary>Authenticates employers by the <c>X-Api-Key</c> header.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    NpgsqlDataSource db,
    TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    private sealed record KeyRow(long Id, long EmployerId, string Prefix, byte[] SecretHash, DateTimeOffset? ExpiresAt,
        DateTimeOffset? RevokedAt);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values))
        {
            return AuthenticateResult.NoResult();
        }

        var presented = values.ToString();
        if (!ApiKeys.TryParse(presented, out var prefix))
        {
            return AuthenticateResult.Fail("Malformed API key.");
        }

        const string sql = """
            select id, employer_id, prefix, secret_hash, expires_at, revoked_at
            from api_keys where prefix = @prefix
            """;
        await using var conn = await db.OpenConnectionAsync(Context.RequestAborted);
        var row = await conn.QuerySingleOrDefaultAsync<KeyRow>(sql, new { prefix });
        // Compare even when the prefix is unknown, so timing tells nothing about which prefixes exist.
        var expected = row?.SecretHash ?? new byte[32];
        var matches = CryptographicOperations.FixedTimeEquals(ApiKeys.Hash(presented), expected) && row is not null;
        if (!matches || row is null)
        {
            return AuthenticateResult.Fail("Unknown API key.");
        }

        var now = time.GetUtcNow();
        if (row.RevokedAt is not null || (row.ExpiresAt is { } exp && exp <= now))
        {
            return AuthenticateResult.Fail("The API key is revoked or expired.");
        }

        // Record use at most once a minute, so a busy key does not write on every request.
        await conn.ExecuteAsync("""
            update api_keys set last_used_at = @now
            where id = @Id and (last_used_at is null or last_used_at < @now - interval '1 minute')
            """, new { row.Id, now });

        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, $"api-key:{row.Prefix}"),
            new Claim(ClaimTypes.Role, Roles.Employer),
            new Claim(LinkMatchClaims.ApiKeyId, row.Id.ToString(CultureInfo.InvariantCulture)),
            new Claim(LinkMatchClaims.EmployerId, row.EmployerId.ToString(CultureInfo.InvariantCulture)),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = $"{SchemeName} header=\"{HeaderName}\"";
        return Task.CompletedTask;
    }
}

/// <summary>The shape of API keys: <c>lmk_</c> + 8-character prefix + <c>_</c> + 40-character secret.</summary>
public static class ApiKeys
{
    private const string Alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static (string Key, string Prefix) Generate()
    {
        var prefix = RandomNumberGenerator.GetString(Alphabet, 8);
        var secret = RandomNumberGenerator.GetString(Alphabet, 40);
        return ($"lmk_{prefix}_{secret}", prefix);
    }

    public static bool TryParse(string key, out string prefix)
    {
        prefix = "";
        if (key.Length != 53 || !key.StartsWith("lmk_", StringComparison.Ordinal) || key[12] != '_')
        {
            return false;
        }

        prefix = key[4..12];
        return true;
    }

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
