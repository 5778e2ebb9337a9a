using LinkMatch.Api.Pages;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace LinkMatch.Api.Auth;

/// <summary>Options for sign-in: token lifetimes and lock-out.</summary>
public sealed class AuthOptions
{
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Failed passwords in a row before the account locks.</summary>
    public int MaxFailedLogins { get; set; } = 5;

    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);
}

public static class AuthSetup
{
    /// <summary>Chooses the API-key scheme when the header is present, the console's cookie for console pages,
    /// bearer tokens otherwise.</summary>
    public const string Scheme = "LinkMatch";

    public static IHostApplicationBuilder AddAccessControl(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AuthOptions>().BindConfiguration("Auth");
        var auth = builder.Configuration.GetSection("Auth").Get<AuthOptions>() ?? new AuthOptions();

        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, Scheme, o => o.ForwardDefaultSelector = ctx =>
                ctx.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName)
                    ? ApiKeyAuthenticationHandler.SchemeName
                    : ConsoleSetup.IsConsole(ctx.Request) ? ConsoleCookie.Scheme
                    : BearerTokenDefaults.AuthenticationScheme)
            .AddBearerToken(o =>
            {
                o.BearerTokenExpiration = auth.AccessTokenLifetime;
                o.RefreshTokenExpiration = auth.RefreshTokenLifetime;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName,
                null)
            .AddConsoleCookie();

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddRolePolicies();

        services.AddSharedDataProtection();
        services.AddRequestBudgets(builder.Configuration);
        services.AddMemoryCache();
        services.AddSingleton<IPasswordHasher<UserAccount>, PasswordHasher<UserAccount>>();
        services.AddScoped<PasswordSignIn>();
        services.AddSingleton<SecurityStamps>();
        return builder;
    }

    public static WebApplication UseAccessControl(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseMiddleware<TokenStampValidator>();
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }

    private static AuthorizationBuilder AddRolePolicies(this AuthorizationBuilder builder)
    {
        foreach (var (name, roles) in Policies.RolesOf)
        {
            builder.AddPolicy(name, p => p.RequireAuthenticatedUser().RequireRole(roles));
        }

        return builder;
    }
}
