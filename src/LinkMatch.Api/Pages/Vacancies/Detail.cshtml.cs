using LinkMatch.Api.Http;
using LinkMatch.Api.Matching.Jobs;
using LinkMatch.Api.Matching.Suggestions;
using LinkMatch.Api.Pages.Shared;
using LinkMatch.Api.Pages.Workflow;
using LinkMatch.Api.PersonalData;
using LinkMatch.Api.Vacancies;
using LinkMatch.Api.Workflow;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Npgsql;

namespace LinkMatch.Api.Pages.Vacancies;

/// <summary>Lowongan: one vacancy as Perpres 57/2023 reports it, its ranked suggestions (saran) with their
/// explanations and the review the workflow allows (setujui/rujuk, tolak), and the candidates already referred.
/// Everything through the API's handlers: <c>GET /api/v1/vacancies/{id}</c>, <c>…/suggestions</c>,
/// <c>GET /api/v1/suggestions?vacancyId=</c> and the approve and reject actions.</summary>
public sealed class DetailModel(NpgsqlDataSource db, ReferenceLabels reference, PersonalDataProtector protector,
    MatchingTriggers matching, TimeProvider time,
    IStringLocalizer<VacancyText> text) : ConsolePage
{
    public const int SuggestionsPerPage = 20;
    public const int ReferredShown = 50;

    private readonly WorkflowActions actions = new(db, matching, time);

    public Vacancy Vacancy { get; private set; } = null!;

    public PagedList<VacancySuggestion>? Suggestions { get; private set; }

    public PagedList<SuggestionListItem>? Referred { get; private set; }

    public Labels Labels { get; private set; } = null!;

    /// <summary>The suggestion and action whose form failed, to show it open with what was typed.</summary>
    public (long SuggestionId, string Action)? Failed { get; private set; }

    public string? PostedReasonCode { get; private set; }

    public string? PostedNote { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, int? page) => await LoadAsync(id, page) ?? Page();

    public async Task<IActionResult> OnPostApproveAsync(long id, [FromForm] long suggestionId)
    {
        var outcome = await actions.ApproveAsync(suggestionId, Caller, HttpContext.RequestAborted);
        return await AfterAsync(id, suggestionId, "approve", outcome);
    }

    public async Task<IActionResult> OnPostRejectAsync(long id, [FromForm] long suggestionId,
        [FromForm] string? reasonCode, [FromForm] string? note)
    {
        PostedReasonCode = reasonCode;
        PostedNote = note;
        var outcome = await actions.RejectAsync(suggestionId, new RejectRequest(reasonCode ?? "", note), Caller,
            HttpContext);
        return await AfterAsync(id, suggestionId, "reject", outcome);
    }

    /// <summary>Where the seeker belongs to the caller's office (or the caller is an admin), the workflow lets the
    /// caller review the suggestion; another office's seekers are reviewed by their own office.</summary>
    public bool MayReview(SuggestedSeeker seeker) => Caller.IsAdmin || (Caller.IsStaff && seeker.OfficeId == Caller.OfficeId);

    public bool IsFailed(long suggestionId, string action) => Failed == (suggestionId, action);

    public int OpeningsLeft => Math.Max(0, Vacancy.Openings - Vacancy.Filled);

    private async Task<IActionResult> AfterAsync(long id, long suggestionId, string action,
        HandlerOutcome<WorkflowState> outcome)
    {
        switch (outcome)
        {
            case HandlerOutcome<WorkflowState>.Success:
                var ct = HttpContext.RequestAborted;
                var employer = Handlers.Outcome<Vacancy>(await VacancyQueries.Get(id, Caller, db, ct)).ValueOrDefault
                    ?.EmployerName ?? "";
                Flash(action == "approve" ? text["Flash.Approved", employer] : text["Flash.Rejected"]);
                return Redirect(action == "approve" ? $"/lowongan/{id}#dirujuk" : $"/lowongan/{id}#saran");
            case HandlerOutcome<WorkflowState>.NotFound:
                return NotFound();
            default:
                Failed = (suggestionId, action);
                return await LoadAsync(id, null) ?? Unsuccessful(outcome, Page);
        }
    }

    /// <summary>The vacancy, its proposed suggestions (one page, in rank order) and its referred candidates; the
    /// 404 page when the vacancy is not the caller's.</summary>
    private async Task<IActionResult?> LoadAsync(long id, int? page)
    {
        var ct = HttpContext.RequestAborted;
        if (Handlers.Outcome<Vacancy>(await VacancyQueries.Get(id, Caller, db, ct)) is not
            HandlerOutcome<Vacancy>.Success found)
        {
            return NotFound();
        }

        Vacancy = found.Value;
        Labels = await reference.LoadAsync(ct);
        var number = page is >= 1 and <= 10_000 ? page : null;
        Suggestions = Handlers.Outcome<PagedList<VacancySuggestion>>(await SuggestionQueries.ListForVacancy(id,
            new SuggestionFilter(SuggestionStatuses.Proposed), new PageQuery(number, SuggestionsPerPage, "rank"), Caller,
            db, protector, ct)).ValueOrDefault;
        Referred = Handlers.Outcome<PagedList<SuggestionListItem>>(await WorkflowQueries.List(
            new SuggestionListFilter(VacancyId: id, Status: SuggestionStatuses.Referred),
            new PageQuery(1, ReferredShown, "-updatedAt"), Caller, db, protector, time, ct)).ValueOrDefault;
        return null;
    }
}
