using LinkMatch.Api.Http;
using LinkMatch.Api.Pages.Shared;
using LinkMatch.Api.PersonalData;
using LinkMatch.Api.Workflow;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace LinkMatch.Api.Pages.Workflow;

/// <summary>Daftar saran: the staff worklist of their office's suggestions by status — by default the referrals
/// still waiting for an outcome (approved and interview scheduled) — through <c>GET /api/v1/suggestions</c>.</summary>
public sealed class IndexModel(NpgsqlDataSource db, ReferenceLabels reference, PersonalDataProtector protector,
    TimeProvider time) : ConsolePage
{
    public const string Waiting = "menunggu";
    public const string Referred = "dirujuk";
    public const string All = "semua";

    /// <summary>The views of the list, in the order the filter offers them, with the statuses each shows.</summary>
    public static readonly (string Key, string[]? Statuses)[] Views =
    [
        (Waiting, [SuggestionStatuses.Approved, SuggestionStatuses.InterviewScheduled]),
        (SuggestionStatuses.Proposed, [SuggestionStatuses.Proposed]),
        (SuggestionStatuses.Approved, [SuggestionStatuses.Approved]),
        (SuggestionStatuses.InterviewScheduled, [SuggestionStatuses.InterviewScheduled]),
        (SuggestionStatuses.Hired, [SuggestionStatuses.Hired]),
        (SuggestionStatuses.NotHired, [SuggestionStatuses.NotHired]),
        (SuggestionStatuses.Rejected, [SuggestionStatuses.Rejected]),
        (SuggestionStatuses.Expired, [SuggestionStatuses.Expired]),
        (Referred, SuggestionStatuses.Referred),
        (All, null),
    ];

    public static readonly string[] Sorts = ["-updatedAt", "referredAt", "interviewAt", "-score"];

    public string View { get; private set; } = Waiting;

    public string? Kind { get; private set; }

    public long? VacancyId { get; private set; }

    public string Sort { get; private set; } = Sorts[0];

    public PagedList<SuggestionListItem>? Suggestions { get; private set; }

    public Labels Labels { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync([FromQuery] ListQuery query)
    {
        var ct = HttpContext.RequestAborted;
        Labels = await reference.LoadAsync(ct);
        View = Views.Any(v => v.Key == query.Status) ? query.Status! : Waiting;
        Kind = query.Kind is "job" or "apprenticeship" ? query.Kind : null;
        VacancyId = query.VacancyId;
        Sort = Sorts.Contains(query.Sort) ? query.Sort! : Sorts[0];
        if (!BindingSucceeded())
        {
            return Page();
        }

        var filter = new SuggestionListFilter(VacancyId: VacancyId, Status: Views.Single(v => v.Key == View).Statuses,
            Kind: Kind);
        var page = new PageQuery(query.Page, 25, Sort);
        AddErrors(await Handlers.ValidateAsync(page, HttpContext));
        if (Errors.Count > 0)
        {
            return Page();
        }

        var outcome = Handlers.Outcome<PagedList<SuggestionListItem>>(
            await WorkflowQueries.List(filter, page, Caller, db, protector, time, ct));
        if (outcome is HandlerOutcome<PagedList<SuggestionListItem>>.Success success)
        {
            Suggestions = success.Value;
            return Page();
        }

        return Unsuccessful(outcome, Page);
    }

    /// <summary>The list's query string as its filter form sends it.</summary>
    public sealed record ListQuery(int? Page, string? Status, string? Kind, long? VacancyId, string? Sort);
}
