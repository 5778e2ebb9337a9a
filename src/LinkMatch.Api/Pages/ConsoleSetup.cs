using LinkMatch.Api.Auth;
using LinkMatch.Api.Pages.Shared;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Razor;

namespace LinkMatch.Api.Pages;

/// <summary>The console: server-rendered Razor Pages for staff, instructors and admins, in Bahasa Indonesia (English
/// on request). Every page gets its data by calling the API's own handlers with the signed-in caller, so scoping,
/// validation and the audit log are the API's (docs/decisions/0001-console-razor-pages.md).</summary>
public static class ConsoleSetup
{
    public static IHostApplicationBuilder AddConsole(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ConsoleOptions>().BindConfiguration("Console").ValidateDataAnnotations().ValidateOnStart();
        services.AddLocalization();
        services.AddRazorPages(o =>
            {
                // Pages are denied unless a folder or page says who may see them, like the API's endpoints.
                o.Conventions.AuthorizeFolder("/", Policies.StaffOrInstructor);
                o.Conventions.AuthorizeFolder("/Vacancies", Policies.Staff);
                o.Conventions.AuthorizeFolder("/Workflow", Policies.Staff);
                o.Conventions.AuthorizeFolder("/Seekers", Policies.StaffOrInstructor);
                o.Conventions.AuthorizeFolder("/Admin", Policies.Admin);
                // The labour-market and equal-opportunity reports are staff-only in the API too.
                o.Conventions.AuthorizePage("/Reports/Ipk", Policies.Staff);
                o.Conventions.AuthorizePage("/Reports/EqualOpportunity", Policies.Staff);
                o.Conventions.AuthorizePage("/Reports/Scorecard", Policies.Staff);
                o.Conventions.AuthorizePage("/Reports/ScorecardMou", Policies.Staff);
                o.Conventions.AllowAnonymousToFolder("/Account");
                o.Conventions.AllowAnonymousToFolder("/Errors");
            })
            .AddMvcOptions(o => o.Filters.Add(new ResponseCacheAttribute { NoStore = true, Location = ResponseCacheLocation.None }))
            .AddViewLocalization(LanguageViewLocationExpanderFormat.Suffix);
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "linkmatch.af";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.FormFieldName = "__af";
            o.HeaderName = null;
        });
        services.AddConsoleLanguages();
        services.AddSingleton<ReferenceLabels>();
        return builder;
    }

    /// <summary>Before authentication: static assets need no sign-in.</summary>
    public static WebApplication UseConsole(this WebApplication app)
    {
        app.UseConsoleLanguages();
        app.UseMiddleware<InputGuard>();
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = ctx =>
            {
                // Asset URLs carry a version (asp-append-version), so a year of caching is safe.
                ctx.Context.Response.Headers.CacheControl = ctx.Context.Request.Query.ContainsKey("v")
                    ? "public, max-age=31536000, immutable"
                    : "public, max-age=3600";
            },
        });
        return app;
    }

    public static WebApplication MapConsole(this WebApplication app)
    {
        app.MapRazorPages();
        return app;
    }

    /// <summary>Paths the console answers (everything that is not the API, Swagger UI or a health check).</summary>
    public static bool IsConsole(HttpRequest request) =>
        !request.Path.StartsWithSegments("/api") && !request.Path.StartsWithSegments("/swagger")
        && !request.Path.StartsWithSegments("/health");

    /// <summary>Antiforgery failures answer 400 with the console's error page.</summary>
    internal static bool IsAntiforgeryFailure(HttpContext context) =>
        context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false };
}
