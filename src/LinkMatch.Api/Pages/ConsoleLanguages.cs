using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace LinkMatch.Api.Pages;

/// <summary>The console speaks Bahasa Indonesia unless its user switched to English (a cookie); the API answers in
/// the language of <c>Accept-Language</c> (<c>id</c> or <c>en</c>), English when the header names neither.</summary>
public static class ConsoleLanguages
{
    public const string CookieName = "linkmatch.lang";
    public static readonly CultureInfo Indonesian = CultureInfo.GetCultureInfo("id");
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    public static IServiceCollection AddConsoleLanguages(this IServiceCollection services) =>
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(English);
            o.SupportedCultures = o.SupportedUICultures = [Indonesian, English];
            o.FallBackToParentCultures = o.FallBackToParentUICultures = true;
            o.RequestCultureProviders =
            [
                new ConsoleLanguageProvider(),
                new AcceptLanguageHeaderRequestCultureProvider { MaximumAcceptLanguageHeaderValuesToTry = 5 },
            ];
        });

    public static WebApplication UseConsoleLanguages(this WebApplication app)
    {
        app.UseRequestLocalization();
        return app;
    }

    /// <summary>"id" or "en" from a value a user chose; anything else is Indonesian.</summary>
    public static CultureInfo Parse(string? code) => code == "en" ? English : Indonesian;

    public static string CodeOf(CultureInfo culture) =>
        culture.TwoLetterISOLanguageName == "en" ? "en" : "id";

    private sealed class ConsoleLanguageProvider : RequestCultureProvider
    {
        public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
        {
            if (!ConsoleSetup.IsConsole(httpContext.Request))
            {
                return NullProviderCultureResult;
            }

            var culture = Parse(httpContext.Request.Cookies[CookieName]).Name;
            return Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult(culture, culture));
        }
    }
}
