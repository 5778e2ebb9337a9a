using System.Globalization;
using LinkMatch.Api.Employers;
using LinkMatch.Api.Http;
using LinkMatch.Api.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Npgsql;

namespace LinkMatch.Api.Pages.Admin.ApiKeys;

/// <summary>Kunci API: an employer's keys for its HR system, issued and revoked through the employers API's key
/// handlers. A new key is shown once, in the answer to the form that issued it (never in a cookie, a URL or
/// TempData): only its SHA-256 is stored.</summary>
public sealed class IndexModel(NpgsqlDataSource db, TimeProvider time, IStringLocalizer<AdminText> text) : ConsolePage
{
    public string? Q { get; private set; }

    public PagedList<Employer>? Employers { get; private set; }

    public Employer? Employer { get; private set; }

    public IReadOnlyList<ApiKey> Keys { get; private set; } = [];

    /// <summary>The key just issued: shown in this answer only.</summary>
    public IssuedApiKey? Issued { get; private set; }

    public string? KeyName { get; private set; }

    public string? ExpiresOn { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "q")] string? q,
        [FromQuery(Name = "employerId")] long? employerId, [FromQuery(Name = "page")] int? page)
    {
        Q = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        if (!BindingSucceeded())
        {
            return Page();
        }

        if (employerId is { } id)
        {
            return await LoadEmployerAsync(id) ?? Page();
        }

        var filter = new EmployerFilter(Q: Q);
        var paging = new PageQuery(page, 25, "name");
        AddErrors(await Handlers.ValidateAsync(filter, HttpContext));
        AddErrors(await Handlers.ValidateAsync(paging, HttpContext));
        if (Errors.Count > 0)
        {
            return Page();
        }

        var outcome = Handlers.Outcome<PagedList<Employer>>(await EmployerQueries.List(filter, paging, Caller, db,
            HttpContext.RequestAborted));
        if (outcome is HandlerOutcome<PagedList<Employer>>.Success success)
        {
            Employers = success.Value;
            return Page();
        }

        return Unsuccessful(outcome, Page);
    }

    /// <summary>Issues a key and shows it in this answer (no redirect: the key must not travel anywhere else).</summary>
    public async Task<IActionResult> OnPostIssueAsync([FromForm(Name = "employerId")] long employerId,
        [FromForm(Name = "name")] string? name, [FromForm(Name = "expiresOn")] string? expiresOn)
    {
        KeyName = name;
        ExpiresOn = expiresOn;
        if (await LoadEmployerAsync(employerId) is { } missing)
        {
            return missing;
        }

        DateTimeOffset? expires = null;
        if (!string.IsNullOrWhiteSpace(expiresOn))
        {
            if (DateOnly.TryParseExact(expiresOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None,
                    out var day))
            {
                // To the end of that day in Balikpapan.
                expires = AdminTimes.StartOfDayInWita(day.AddDays(1));
            }
            else
            {
                Errors["expiresAt"] = [text["Keys.Error.Date"]];
            }
        }

        var request = new IssueApiKeyRequest(name?.Trim() ?? "", expires);
        AddErrors(await Handlers.ValidateAsync(request, HttpContext));
        if (Errors.Count > 0)
        {
            return Invalid();
        }

        var outcome = Handlers.Outcome<IssuedApiKey>(await EmployerApiKeys.Issue(employerId, request, Caller, db, time,
            HttpContext.RequestAborted));
        switch (outcome)
        {
            case HandlerOutcome<IssuedApiKey>.Success { Value: var issued }:
                Issued = issued;
                KeyName = null;
                ExpiresOn = null;
                // The list again, now with the new key in it.
                return await LoadEmployerAsync(employerId) ?? Page();
            case HandlerOutcome<IssuedApiKey>.Invalid invalid:
                AddErrors(invalid.Errors);
                return Invalid();
            default:
                return Unsuccessful(outcome, Page);
        }
    }

    public async Task<IActionResult> OnPostRevokeAsync([FromForm(Name = "employerId")] long employerId,
        [FromForm(Name = "keyId")] long keyId)
    {
        var outcome = Handlers.Outcome<ApiKey>(await EmployerApiKeys.Revoke(employerId, keyId, Caller, db,
            HttpContext.RequestAborted));
        if (outcome is HandlerOutcome<ApiKey>.Success { Value: var key })
        {
            Flash(string.Format(CultureInfo.CurrentCulture, text["Keys.Revoked"], key.Name, key.Prefix));
            return Redirect($"/admin/kunci-api?employerId={employerId}");
        }

        if (await LoadEmployerAsync(employerId) is { } missing)
        {
            return missing;
        }

        return Unsuccessful(outcome, Page);
    }

    private IActionResult Invalid()
    {
        if (Errors.ContainsKey("name"))
        {
            Errors["name"] = [text["Keys.Error.Name"]];
        }

        if (Errors.ContainsKey("expiresAt"))
        {
            Errors["expiresAt"] = [text["Keys.Error.Date"]];
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>The employer and its keys, or the 404 page.</summary>
    private async Task<IActionResult?> LoadEmployerAsync(long id)
    {
        var ct = HttpContext.RequestAborted;
        if (Handlers.Outcome<Employer>(await EmployerQueries.Get(id, Caller, db, ct)) is not
            HandlerOutcome<Employer>.Success { Value: var employer })
        {
            return NotFound();
        }

        Employer = employer;
        var keys = Handlers.Outcome<IReadOnlyList<ApiKey>>(await EmployerApiKeys.List(id, Caller, db, ct));
        if (keys is not HandlerOutcome<IReadOnlyList<ApiKey>>.Success { Value: var list })
        {
            return NotFound();
        }

        Keys = list;
        return null;
    }
}
