using LinkMatch.Api.Pages;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace LinkMatch.Api.Auth;

/// <summary>The console's sign-in: a cookie carrying the same claims as a bearer token (user, role, office or BLK,
/// security stamp). HttpOnly, SameSite=Strict, Secure whenever the request came over HTTPS, sliding expiry; a
/// changed security stamp (password, role, office, disabled) ends the session at its next request.</summary>
public static class ConsoleCookie
{
    public const string Scheme = "console";
    public const string CookieName = "linkmatch.session";

    public static AuthenticationBuilder AddConsoleCookie(this AuthenticationBuilder builder)
    {
        builder.Services.AddSingleton<IPostConfigureOptions<CookieAuthenticationOptions>, IdleTimeoutFromOptions>();
        return builder.AddCookie(Scheme, o =>
        {
            o.Cookie.Name = CookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.SlidingExpiration = true;
            o.LoginPath = "/masuk";
            o.LogoutPath = "/keluar";
            o.ReturnUrlParameter = "kembali";
            o.Events = new CookieAuthenticationEvents
            {
                OnValidatePrincipal = async ctx =>
                {
                    var stamps = ctx.HttpContext.RequestServices.GetRequiredService<SecurityStamps>();
                    if (ctx.Principal is null || !await stamps.IsCurrentAsync(ctx.Principal))
                    {
                        ctx.RejectPrincipal();
                        await ctx.HttpContext.SignOutAsync(Scheme);
                    }
                },
                // A signed-in user without the role sees the console's 403 page, not a redirect.
                OnRedirectToAccessDenied = ctx =>
                {
                    ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                },
            };
        });
    }

    private sealed class IdleTimeoutFromOptions(IOptions<ConsoleOptions> console)
        : IPostConfigureOptions<CookieAuthenticationOptions>
    {
        public void PostConfigure(string? name, CookieAuthenticationOptions options)
        {
            if (name == Scheme)
            {
                options.ExpireTimeSpan = console.Value.IdleTimeout;
            }
        }
    }
}
