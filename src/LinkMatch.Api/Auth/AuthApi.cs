using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace LinkMatch.Api.Auth;

public sealed record LoginRequest([property: Required, StringLength(100)] string UserName,
    [property: Required, StringLength(200)] string Password);

public sealed record RefreshRequest([property: Required, StringLength(4096)] string RefreshToken);

/// <summary>The signed-in caller as the API sees them.</summary>
public sealed record CallerInfo(string Role, string Name, long? UserId, long? OfficeId, long? TrainingCentreId,
    long? EmployerId);

/// <summary>Sign-in for admins, staff and instructors: a password for a bearer token, refreshable.</summary>
public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/auth").WithTags("Sign-in");
        group.MapPost("/login", Login).AllowAnonymous().RequireRateLimiting(RateLimits.SignIn)
            .Produces<AccessTokenResponse>()
            .WithSummary("Exchange a user name and password for a bearer token and a refresh token.");
        group.MapPost("/refresh", Refresh).AllowAnonymous().RequireRateLimiting(RateLimits.SignIn)
            .Produces<AccessTokenResponse>()
            .WithSummary("Exchange a refresh token for new tokens.");
        group.MapGet("/me", Me).RequireAuthorization(Policies.AnyCaller)
            .WithSummary("Who the presented credentials belong to.");
        return app;
    }

    public static async Task<Results<SignInHttpResult, ProblemHttpResult>> Login(LoginRequest request,
        PasswordSignIn signIn, HttpContext http, CancellationToken ct)
    {
        var outcome = await signIn.CheckAsync(request.UserName, request.Password, ct);
        await signIn.RecordAsync(Caller.From(http), request.UserName, outcome, ct);
        switch (outcome)
        {
            case SignInOutcome.Success success:
                return TypedResults.SignIn(PasswordSignIn.PrincipalFor(success.User),
                    authenticationScheme: BearerTokenDefaults.AuthenticationScheme);
            case SignInOutcome.LockedOut locked:
                var seconds = SignInOutcome.Seconds(locked.RetryAfter);
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many attempts",
                    detail: $"Too many failed sign-ins; the account is locked for {seconds} seconds.");
            default:
                return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed",
                    detail: "The user name or password is wrong.");
        }
    }

    public static async Task<Results<SignInHttpResult, ProblemHttpResult>> Refresh(RefreshRequest request,
        IOptionsMonitor<BearerTokenOptions> bearer, PasswordSignIn signIn, TimeProvider time, CancellationToken ct)
    {
        var protector = bearer.Get(BearerTokenDefaults.AuthenticationScheme).RefreshTokenProtector;
        var ticket = protector.Unprotect(request.RefreshToken);
        var rejected = TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Refresh refused",
            detail: "The refresh token is invalid, expired or revoked.");
        if (ticket?.Properties.ExpiresUtc is not { } expires || time.GetUtcNow() >= expires)
        {
            return rejected;
        }

        var principal = ticket.Principal;
        if (!long.TryParse(principal.FindFirst(LinkMatchClaims.UserId)?.Value, NumberStyles.None,
                CultureInfo.InvariantCulture, out var userId))
        {
            return rejected;
        }

        var user = await signIn.FindActiveAsync(userId, ct);
        if (user is null || user.SecurityStamp.ToString() != principal.FindFirst(LinkMatchClaims.SecurityStamp)?.Value)
        {
            return rejected;
        }

        return TypedResults.SignIn(PasswordSignIn.PrincipalFor(user),
            authenticationScheme: BearerTokenDefaults.AuthenticationScheme);
    }

    public static Ok<CallerInfo> Me(Caller caller) => TypedResults.Ok(new CallerInfo(caller.Role, caller.Name,
        caller.UserId, caller.OfficeId, caller.TrainingCentreId, caller.EmployerId));

}
