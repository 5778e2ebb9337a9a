using System.Security.Claims;
using LinkMatch.Api.Auth;
using LinkMatch.Api.Pages.Shared;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace LinkMatch.Api.Pages.Account;

/// <summary>Masuk: the same password check, lock-out, rate limit and audit rows as <c>POST /api/v1/auth/login</c>;
/// success sets the console's cookie instead of returning a token.</summary>
[EnableRateLimiting(RateLimits.SignIn)]
public sealed class SignInModel(PasswordSignIn signIn, IOptions<ConsoleOptions> options,
    IStringLocalizer<AccountText> text) : ConsolePage
{
    [FromForm(Name = "userName")]
    public string? UserName { get; set; }

    [FromForm(Name = "password")]
    public string? Password { get; set; }

    [FromQuery(Name = "kembali")]
    public string? ReturnUrl { get; set; }

    public double IdleMinutes => options.Value.IdleTimeout.TotalMinutes;

    public IActionResult OnGet() =>
        User.Identity?.IsAuthenticated == true && Caller.Role != Roles.Employer ? LocalRedirect(Destination) : Page();

    public async Task<IActionResult> OnPostAsync([FromForm(Name = "kembali")] string? returnUrl)
    {
        ReturnUrl = returnUrl;
        var request = new LoginRequest(UserName ?? "", Password ?? "");
        AddErrors(await Handlers.ValidateAsync(request, HttpContext));
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var outcome = await signIn.CheckAsync(request.UserName, request.Password, HttpContext.RequestAborted);
        await signIn.RecordAsync(Caller, request.UserName, outcome, HttpContext.RequestAborted);
        switch (outcome)
        {
            case SignInOutcome.Success success:
                var principal = PasswordSignIn.PrincipalFor(success.User, ConsoleCookie.Scheme);
                ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(LinkMatchClaims.DisplayName,
                    success.User.DisplayName));
                await HttpContext.SignInAsync(ConsoleCookie.Scheme, principal);
                return LocalRedirect(Destination);
            case SignInOutcome.LockedOut locked:
                Response.Headers.RetryAfter = SignInOutcome.Seconds(locked.RetryAfter).ToString(
                    System.Globalization.CultureInfo.InvariantCulture);
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                Problem = string.Format(System.Globalization.CultureInfo.CurrentCulture, text["LockedOut"],
                    Math.Max(1, (int)Math.Ceiling(locked.RetryAfter.TotalMinutes)));
                return Page();
            default:
                Response.StatusCode = StatusCodes.Status401Unauthorized;
                Problem = text["Failed"];
                return Page();
        }
    }

    private string Destination => ReturnUrl is { Length: > 0 } url && Url.IsLocalUrl(url) ? url : "/";
}
