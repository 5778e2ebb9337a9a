using LinkMatch.Api.Auth;
using LinkMatch.Api.Pages.Shared;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace LinkMatch.Api.Pages.Account;

/// <summary>Keluar: ends the console session (POST only, with its antiforgery token).</summary>
public sealed class SignOutModel(IStringLocalizer<AccountText> text) : ConsolePage
{
    public IActionResult OnGet() => LocalRedirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(ConsoleCookie.Scheme);
        Flash(text["SignedOut"]);
        return LocalRedirect("/masuk");
    }
}
