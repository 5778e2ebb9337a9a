using LinkMatch.Api.Pages.Shared;
using Microsoft.AspNetCore.Mvc;

namespace LinkMatch.Api.Pages.Account;

/// <summary>The language switch: remembers "id" or "en" for a year and goes back to the page it came from.</summary>
public sealed class LanguageModel : ConsolePage
{
    public IActionResult OnGet() => LocalRedirect("/");

    public IActionResult OnPost([FromForm(Name = "lang")] string? lang, [FromForm(Name = "kembali")] string? returnUrl)
    {
        Response.Cookies.Append(ConsoleLanguages.CookieName, ConsoleLanguages.CodeOf(ConsoleLanguages.Parse(lang)),
            new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = Request.IsHttps,
                IsEssential = true,
                MaxAge = TimeSpan.FromDays(365),
            });
        return LocalRedirect(returnUrl is { Length: > 0 } && Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
