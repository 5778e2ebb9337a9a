using LinkMatch.Api.Pages.Shared;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace LinkMatch.Api.Pages.Errors;

/// <summary>The console's error page, re-executed by the status-code and exception middleware with the original
/// status (404 for another office's record, 403, 400 for a form without its antiforgery token, 500, 503). It says
/// nothing about the cause beyond the status.</summary>
[IgnoreAntiforgeryToken]
public sealed class StatusModel(IStringLocalizer<SharedText> text) : ConsolePage
{
    public string Title { get; private set; } = "";

    public string Text { get; private set; } = "";

    public IActionResult OnGet(int code) => Show(code);

    public IActionResult OnPost(int code) => Show(code);

    private PageResult Show(int code)
    {
        // Reached directly (not re-executed), the page shows what it is asked for with that status.
        var reExecuted = HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null
            || HttpContext.Features.Get<IExceptionHandlerPathFeature>() is not null;
        var status = reExecuted ? Response.StatusCode : code is >= 400 and <= 599 ? code : 404;
        Response.StatusCode = status;
        var key = status is 400 or 403 or 404 or 410 or 429 or 500 or 503 ? status.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        Title = key is null ? text["Error.Other.Title"] : text[$"Error.{key}.Title"];
        Text = key is null ? "" : text[$"Error.{key}.Text"];
        if (status == StatusCodes.Status400BadRequest && HttpContext.Items[InputGuard.RefusedField] is string field)
        {
            Text = field == InputGuard.Unreadable
                ? text["Error.400.Unreadable"]
                : string.Format(System.Globalization.CultureInfo.CurrentCulture, text["Error.400.Control"], field);
        }
        return Page();
    }
}
