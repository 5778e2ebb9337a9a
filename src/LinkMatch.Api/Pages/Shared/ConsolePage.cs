using System.Text.Encodings.Web;
using LinkMatch.Api.Auth;
using LinkMatch.Api.Reports;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LinkMatch.Api.Pages.Shared;

/// <summary>What every console page shares: the signed-in caller (as the API's handlers take it), field errors to
/// show beside their inputs, and a message for the next page (after a redirect).</summary>
public abstract class ConsolePage : PageModel
{
    /// <summary>Field errors by the API's field names ('reasonCode', 'items[0].level').</summary>
    public Dictionary<string, string[]> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>A refusal to show above the page (409 and the like), in the handler's words.</summary>
    public string? Problem { get; set; }

    protected Caller Caller => Caller.From(HttpContext);

    public IEnumerable<string> ErrorsFor(string field) =>
        Errors.TryGetValue(field, out var messages) ? messages : [];

    public bool HasError(string field) => Errors.ContainsKey(field);

    /// <summary>The messages for a field, beside its input (id <c>err-{field}</c>, for aria-describedby).</summary>
    public IHtmlContent FieldErrors(string field)
    {
        var html = new HtmlContentBuilder();
        foreach (var message in ErrorsFor(field))
        {
            html.AppendHtml($"<span class=\"field-error\" id=\"err-{HtmlEncoder.Default.Encode(field)}\">")
                .Append(message).AppendHtml("</span>");
        }

        return html;
    }

    protected void Flash(string message, string kind = "ok")
    {
        TempData["Flash"] = message;
        TempData["FlashKind"] = kind;
    }

    /// <summary>The answer to a report's Hitung ulang (<c>POST /api/v1/reports/{kind}/refresh</c>'s handler): the 404
    /// page for a scope the caller may not see, else back to the report with a message that the recompute started or
    /// could not be started.</summary>
    protected IActionResult Refreshed(IResult result, string started, string failed, string back)
    {
        switch (Handlers.Outcome<ReportRefreshAccepted>(result))
        {
            case HandlerOutcome<ReportRefreshAccepted>.Success:
                Flash(started);
                break;
            case HandlerOutcome<ReportRefreshAccepted>.NotFound:
                return NotFound();
            default:
                Flash(failed, "bad");
                break;
        }

        return Redirect(back);
    }

    /// <summary>Answers with an API handler's own result as it is (a CSV or JSON download, say): the same bytes,
    /// headers and file name the API sends.</summary>
    protected static IActionResult Send(IResult result) => new HandlerResult(result);

    /// <summary>Binding failures (text where a number belongs) as field errors; true when there were none.</summary>
    protected bool BindingSucceeded()
    {
        AddErrors(ModelState.Where(e => e.Value is { Errors.Count: > 0 }).ToDictionary(
            e => Http.FieldNames.ToJsonName(e.Key[(e.Key.IndexOf('.', StringComparison.Ordinal) + 1)..]),
            e => e.Value!.Errors.Select(x => string.IsNullOrEmpty(x.ErrorMessage) ? "The value '' is not valid." : x.ErrorMessage)
                .ToArray()));
        return Errors.Count == 0;
    }

    /// <summary>Field errors to show beside their inputs, the standard ones in the console's words.</summary>
    protected void AddErrors(IDictionary<string, string[]> errors)
    {
        foreach (var (field, messages) in errors)
        {
            var shown = messages.Select(ValidationMessages.Localize).ToArray();
            Errors[field] = Errors.TryGetValue(field, out var existing) ? [.. existing, .. shown] : shown;
        }
    }

    /// <summary>The answer to a handler's outcome that is not a success: the 404 page, field errors shown on
    /// the page, or the handler's refusal above it.</summary>
    protected IActionResult Unsuccessful<T>(HandlerOutcome<T> outcome, Func<IActionResult> showPage)
    {
        switch (outcome)
        {
            case HandlerOutcome<T>.NotFound:
                return NotFound();
            case HandlerOutcome<T>.Invalid invalid:
                AddErrors(invalid.Errors);
                return showPage();
            case HandlerOutcome<T>.Refused { Status: StatusCodes.Status410Gone }:
                return StatusCode(StatusCodes.Status410Gone);
            case HandlerOutcome<T>.Refused refused:
                Problem = refused.Detail ?? refused.Title;
                Response.StatusCode = refused.Status;
                return showPage();
            default:
                throw new InvalidOperationException("A successful outcome is not a failure.");
        }
    }
}

/// <summary>Runs an <see cref="IResult"/> (what minimal-API handlers return) as a page's answer.</summary>
internal sealed class HandlerResult(IResult result) : IActionResult
{
    public Task ExecuteResultAsync(ActionContext context) =>
        (result is INestedHttpResult nested ? nested.Result : result).ExecuteAsync(context.HttpContext);
}
