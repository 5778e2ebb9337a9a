using System.Globalization;
using System.Security.Claims;

namespace LinkMatch.Api.Auth;

/// <summary>Who is calling, bound into every handler. Scoping happens in SQL with these ids.</summary>
public sealed record Caller(
    string Role,
    long? UserId,
    long? ApiKeyId,
    long? OfficeId,
    long? TrainingCentreId,
    long? EmployerId,
    string Name,
    string? RemoteAddress,
    string RequestId)
{
    public bool IsAdmin => Role == Roles.Admin;

    public bool IsStaff => Role == Roles.Staff;

    public bool IsInstructor => Role == Roles.Instructor;

    public bool IsEmployer => Role == Roles.Employer;

    /// <summary>The office a staff member is limited to; null for admins (everything).</summary>
    public long? ScopeOfficeId => IsAdmin ? null : OfficeId;

    /// <summary>What the audit log records as the actor.</summary>
    public (string Kind, long? Id) Actor => ApiKeyId is { } key ? ("api_key", key)
        : UserId is { } user ? ("user", user) : ("anonymous", null);

    public static ValueTask<Caller?> BindAsync(HttpContext context) => ValueTask.FromResult<Caller?>(From(context));

    public static Caller From(HttpContext context)
    {
        var user = context.User;
        return new Caller(
            user.FindFirstValue(ClaimTypes.Role) ?? "anonymous",
            Id(user, LinkMatchClaims.UserId),
            Id(user, LinkMatchClaims.ApiKeyId),
            Id(user, LinkMatchClaims.OfficeId),
            Id(user, LinkMatchClaims.TrainingCentreId),
            Id(user, LinkMatchClaims.EmployerId),
            user.Identity?.Name ?? "anonymous",
            context.Connection.RemoteIpAddress?.ToString(),
            context.TraceIdentifier);
    }

    /// <summary>For background work and commands.</summary>
    public static Caller System(string name) => new(Roles.Admin, null, null, null, null, null, name, null, name);

    private static long? Id(ClaimsPrincipal user, string type) =>
        long.TryParse(user.FindFirstValue(type), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
}
