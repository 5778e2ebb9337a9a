using LinkMatch.Api.Audit;
using LinkMatch.Api.Http;
using LinkMatch.Api.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Npgsql;

namespace LinkMatch.Api.Pages.Admin.Audit;

/// <summary>Log audit: the record of processing through <c>GET /api/v1/audit</c>'s handler — who opened a job
/// seeker's data between two times, what an API key or a user did. Times are typed and shown in WITA. Each query is
/// itself recorded by the handler.</summary>
public sealed class IndexModel(NpgsqlDataSource db, IStringLocalizer<AdminText> text) : ConsolePage
{
    public AuditQuery Query { get; private set; } = new(null, null, null, null, null, null, null, null, null, null, null);

    public PagedList<AuditRecord>? Records { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery] AuditQuery query)
    {
        Query = query;
        if (!BindingSucceeded())
        {
            return Page();
        }

        if (!AdminTimes.TryParse(query.FromDate, query.FromTime, endOfDay: false, out var from))
        {
            Errors["from"] = [text["Audit.Error.Time"]];
        }

        if (!AdminTimes.TryParse(query.ToDate, query.ToTime, endOfDay: true, out var to))
        {
            Errors["to"] = [text["Audit.Error.Time"]];
        }

        var filter = new AuditFilter(query.SeekerId, Blank(query.ActorKind), query.ActorId, Blank(query.Action),
            Blank(query.Entity), query.EntityId, from, to);
        var page = new PageQuery(query.Page, 50, null);
        AddErrors(await Handlers.ValidateAsync(filter, HttpContext));
        AddErrors(await Handlers.ValidateAsync(page, HttpContext));
        if (Errors.Count > 0)
        {
            return Page();
        }

        var outcome = Handlers.Outcome<PagedList<AuditRecord>>(await AuditApi.List(filter, page, Caller, db,
            HttpContext.RequestAborted));
        if (outcome is HandlerOutcome<PagedList<AuditRecord>>.Success success)
        {
            Records = success.Value;
            return Page();
        }

        if (outcome is HandlerOutcome<PagedList<AuditRecord>>.Invalid { Errors: var errors } && errors.ContainsKey("to"))
        {
            errors["to"] = [text["Audit.Error.Order"]];
        }

        return Unsuccessful(outcome, Page);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>The form's fields: the API's filter with times split into a date and an optional time in WITA.</summary>
    public sealed record AuditQuery(int? Page, long? SeekerId, string? ActorKind, long? ActorId, string? Action,
        string? Entity, long? EntityId, string? FromDate, string? FromTime, string? ToDate, string? ToTime);
}
