using System.Globalization;
using System.Security.Claims;
using Dapper;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.Extensions.Caching.Memory;
using Npgsql;

namespace LinkMatch.Api.Auth;

/// <summary>Bearer tokens and console cookies are self-contained; this makes those of a disabled user, or issued
/// before a password or role change, stop working (within <see cref="CacheFor"/> on other instances), by comparing
/// the credential's stamp with the user's current one.</summary>
public sealed class SecurityStamps(NpgsqlDataSource db, IMemoryCache cache)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(20);

    public async Task<bool> IsCurrentAsync(ClaimsPrincipal principal)
    {
        if (!long.TryParse(principal.FindFirstValue(LinkMatchClaims.UserId), NumberStyles.None,
                CultureInfo.InvariantCulture, out var userId))
        {
            return false;
        }

        var current = await cache.GetOrCreateAsync(Key(userId), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheFor;
            await using var conn = await db.OpenConnectionAsync();
            return await conn.QuerySingleOrDefaultAsync<Guid?>(
                "select security_stamp from users where id = @userId and disabled_at is null", new { userId });
        });
        return current is { } stamp && stamp.ToString() == principal.FindFirstValue(LinkMatchClaims.SecurityStamp);
    }

    /// <summary>Makes this instance see a changed stamp at once.</summary>
    public static void Forget(IMemoryCache cache, long userId) => cache.Remove(Key(userId));

    private static string Key(long userId) => $"stamp:{userId}";
}

/// <summary>A stale bearer token leaves the request anonymous, so it gets a 401. (Console cookies are checked by
/// the cookie scheme itself: <see cref="ConsoleCookie"/>.)</summary>
public sealed class TokenStampValidator(RequestDelegate next, SecurityStamps stamps)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var principal = context.User;
        if (principal.Identity is { IsAuthenticated: true, AuthenticationType: BearerTokenDefaults.AuthenticationScheme }
            && !await stamps.IsCurrentAsync(principal))
        {
            context.User = new ClaimsPrincipal(new ClaimsIdentity());
        }

        await next(context);
    }
}
