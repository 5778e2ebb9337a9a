using LinkMatch.Api.Http;
using LinkMatch.Api.Matching.Jobs;
using LinkMatch.Api.Matching.Suggestions;
using LinkMatch.Api.Pages.Shared;
using LinkMatch.Api.PersonalData;
using LinkMatch.Api.Vacancies;
using LinkMatch.Api.Workflow;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Npgsql;

namespace LinkMatch.Api.Pages.Workflow;

/// <summary>Saran: one suggestion — the candidate, the vacancy, the score and its explanation, the status, every
/// act the workflow allows now (approve, reject, interview, hire, not hired, ratify) and the history of acts, from
/// <c>GET /api/v1/suggestions/{id}</c> and the workflow's own handlers.</summary>
public sealed class DetailModel(NpgsqlDataSource db, ReferenceLabels reference, PersonalDataProtector protector,
    MatchingTriggers matching, TimeProvider time,
    IStringLocalizer<SuggestionText> text) : ConsolePage
{
    private readonly WorkflowActions actions = new(db, matching, time);

    public SuggestionDetail Suggestion { get; private set; } = null!;

    /// <summary>The vacancy, when it is of the caller's office (a seeker may be suggested for another office's).</summary>
    public Vacancy? Vacancy { get; private set; }

    /// <summary>The stored explanation, found in the seeker's suggestions (the workflow's read carries the summary).</summary>
    public SuggestionExplanation? Explanation { get; private set; }

    public Labels Labels { get; private set; } = null!;

    /// <summary>The action whose form failed, shown open with what was typed.</summary>
    public string? Failed { get; private set; }

    public IReadOnlyDictionary<string, string?> Posted { get; private set; } = new Dictionary<string, string?>();

    public DateOnly Today => actions.Today;

    /// <summary>Tomorrow at 09.00 WITA: where the interview field starts.</summary>
    public string DefaultInterviewAt => Formats.InputDate(Today.AddDays(1)) + "T09:00";

    public async Task<IActionResult> OnGetAsync(long id) => await LoadAsync(id) ?? Page();

    public async Task<IActionResult> OnPostApproveAsync(long id) =>
        await AfterAsync(id, "approve", await actions.ApproveAsync(id, Caller, HttpContext.RequestAborted));

    public async Task<IActionResult> OnPostRejectAsync(long id, [FromForm] string? reasonCode, [FromForm] string? note)
    {
        Remember(("reasonCode", reasonCode), ("note", note));
        return await AfterAsync(id, "reject",
            await actions.RejectAsync(id, new RejectRequest(reasonCode ?? "", note), Caller, HttpContext));
    }

    public async Task<IActionResult> OnPostInterviewAsync(long id, [FromForm] string? interviewAt,
        [FromForm] string? note)
    {
        Remember(("interviewAt", interviewAt), ("note", note));
        if (Formats.FromInputDateTime(interviewAt) is not { } at)
        {
            return await AfterAsync(id, "interview", Invalid(("interviewAt", text["Error.InterviewAt"])));
        }

        return await AfterAsync(id, "interview",
            await actions.InterviewAsync(id, new InterviewRequest(at, note), Caller, HttpContext));
    }

    public async Task<IActionResult> OnPostHireAsync(long id, [FromForm] string? startDate,
        [FromForm] string? monthlyWage, [FromForm] string? durationMonths, [FromForm] string? monthlyStipend,
        [FromForm] string? note)
    {
        Remember(("startDate", startDate), ("monthlyWage", monthlyWage), ("durationMonths", durationMonths),
            ("monthlyStipend", monthlyStipend), ("note", note));
        var errors = new List<(string Field, string Message)>();
        DateOnly? start = null;
        if (!string.IsNullOrWhiteSpace(startDate))
        {
            if (DateOnly.TryParseExact(startDate.Trim(), "yyyy-MM-dd", out var day))
            {
                start = day;
            }
            else
            {
                errors.Add(("startDate", text["Error.Date"]));
            }
        }

        if (!WorkflowActions.TryParseRupiah(monthlyWage, out var wage))
        {
            errors.Add(("monthlyWage", text["Error.Rupiah"]));
        }

        if (!WorkflowActions.TryParseRupiah(monthlyStipend, out var stipend))
        {
            errors.Add(("monthlyStipend", text["Error.Rupiah"]));
        }

        int? months = null;
        if (!string.IsNullOrWhiteSpace(durationMonths))
        {
            if (int.TryParse(durationMonths.Trim(), System.Globalization.NumberStyles.None,
                    System.Globalization.CultureInfo.InvariantCulture, out var m)
                && m is >= 1 and <= WorkflowLimits.MaxApprenticeshipMonths)
            {
                months = m;
            }
            else
            {
                errors.Add(("durationMonths", text["Error.Months", WorkflowLimits.MaxApprenticeshipMonths]));
            }
        }

        if (errors.Count > 0)
        {
            return await AfterAsync(id, "hire", Invalid([.. errors]));
        }

        return await AfterAsync(id, "hire", await actions.HireAsync(id,
            new HireRequest(start, wage, months, stipend, note), Caller, HttpContext));
    }

    public async Task<IActionResult> OnPostNotHiredAsync(long id, [FromForm] string? reasonCode,
        [FromForm] string? note)
    {
        Remember(("reasonCode", reasonCode), ("note", note));
        return await AfterAsync(id, "not_hire",
            await actions.NotHiredAsync(id, new NotHiredRequest(reasonCode ?? "", note), Caller, HttpContext));
    }

    public async Task<IActionResult> OnPostRatifyAsync(long id) =>
        await AfterAsync(id, "ratify", await actions.RatifyAsync(id, Caller, HttpContext.RequestAborted));

    /// <summary>What the workflow allows now, by status (README of the workflow): the caller reached the
    /// suggestion, so it is theirs to act on.</summary>
    public bool Allows(string action) => (Suggestion.Status, action) switch
    {
        (SuggestionStatuses.Proposed, "approve") => Suggestion.VacancyStatus == "open",
        (SuggestionStatuses.Proposed, "reject") => true,
        (SuggestionStatuses.Approved, "interview") => Suggestion.VacancyStatus == "open",
        (SuggestionStatuses.Approved or SuggestionStatuses.InterviewScheduled, "hire") =>
            Suggestion.VacancyStatus == "open",
        (SuggestionStatuses.Approved or SuggestionStatuses.InterviewScheduled, "not_hire") => true,
        (SuggestionStatuses.Hired, "ratify") => Suggestion.Agreement is { RatifiedAt: null },
        _ => false,
    };

    public bool IsFailed(string action) => Failed == action;

    /// <summary>What was typed into the failed form, or the default.</summary>
    public string? Value(string action, string field, string? fallback = null) =>
        Failed == action && Posted.TryGetValue(field, out var value) ? value : fallback;

    /// <summary>Input the page itself could not read (a date, an amount), as the API reports a bad field.</summary>
    private static HandlerOutcome<WorkflowState> Invalid(params (string Field, string Message)[] errors) =>
        new HandlerOutcome<WorkflowState>.Invalid(errors.ToDictionary(e => e.Field, e => new[] { e.Message },
            StringComparer.Ordinal));

    private void Remember(params (string Field, string? Value)[] values) =>
        Posted = values.ToDictionary(v => v.Field, v => v.Value, StringComparer.Ordinal);

    private async Task<IActionResult> AfterAsync(long id, string action, HandlerOutcome<WorkflowState> outcome)
    {
        switch (outcome)
        {
            case HandlerOutcome<WorkflowState>.Success success:
                Flash(FlashFor(action, success.Value));
                return Redirect($"/saran/{id}");
            case HandlerOutcome<WorkflowState>.NotFound:
                return NotFound();
            default:
                Failed = action;
                return await LoadAsync(id) ?? Unsuccessful(outcome, Page);
        }
    }

    private string FlashFor(string action, WorkflowState state) => action switch
    {
        "approve" => text["Flash.approve"],
        "reject" => text["Flash.reject"],
        "interview" => text["Flash.interview", state.InterviewAt is { } at ? Formats.DateTime(at) : ""],
        "hire" => text["Flash.hire"],
        "not_hire" => text["Flash.not_hire"],
        _ => text["Flash.ratify"],
    };

    /// <summary>The suggestion with its history, its vacancy (when the caller's office holds it) and its stored
    /// explanation; the 404 page when the suggestion is not the caller's.</summary>
    private async Task<IActionResult?> LoadAsync(long id)
    {
        var ct = HttpContext.RequestAborted;
        if (Handlers.Outcome<SuggestionDetail>(await WorkflowQueries.Get(id, Caller, db, protector, time, ct)) is not
            HandlerOutcome<SuggestionDetail>.Success found)
        {
            return NotFound();
        }

        Suggestion = found.Value;
        Labels = await reference.LoadAsync(ct);
        Vacancy = Handlers.Outcome<Vacancy>(await VacancyQueries.Get(Suggestion.VacancyId, Caller, db, ct))
            .ValueOrDefault;
        // A seeker has few suggestions of one status and kind (at most a handful proposed, a few referred), so the
        // first page of that list holds this one.
        var seekers = Handlers.Outcome<PagedList<SeekerSuggestion>>(await SuggestionQueries.ListForSeeker(
            Suggestion.Candidate.SeekerId, new SuggestionFilter(Suggestion.Status, Suggestion.Kind),
            new PageQuery(1, PageQuery.MaxPageSize, null), Caller, db, ct)).ValueOrDefault;
        Explanation = seekers?.Items.FirstOrDefault(s => s.Id == id)?.Explanation;
        return null;
    }
}
