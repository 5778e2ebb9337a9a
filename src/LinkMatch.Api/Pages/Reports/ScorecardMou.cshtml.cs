using LinkMatch.Api.Mous;
using LinkMatch.Api.Pages.Shared;
using LinkMatch.Api.Reports.MouScorecard;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Npgsql;

namespace LinkMatch.Api.Pages.Reports;

/// <summary>One MoU's scorecard (<c>GET /api/v1/mous/{id}/scorecard</c>'s handler): its commitments with target,
/// realised, pace and last activity, and a form to record an activity (<c>POST …/commitments/{cid}/activities</c>'s
/// handler). Another office's MoU is the 404 page.</summary>
public sealed class ScorecardMouModel(NpgsqlDataSource db, TimeProvider time, MouScorecardRefresh refresh,
    IStringLocalizer<ScorecardText> text) : ConsolePage
{
    public MouScore? Score { get; private set; }

    /// <summary>What the activity form was last filled with, shown again when it was refused.</summary>
    public ActivityForm Form { get; private set; } = new(null, null, null, null, null);

    public DateOnly Today => Http.Wita.Today(time);

    public async Task<IActionResult> OnGetAsync(long id) => await ShowAsync(id);

    public async Task<IActionResult> OnPostActivityAsync(long id, [FromForm] ActivityForm form)
    {
        Form = form;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!DateOnly.TryParseExact(form.OccurredOn?.Trim(), "yyyy-MM-dd", out var day))
        {
            errors["occurredOn"] = [text["Error.Date"]];
        }

        if (!int.TryParse(form.Quantity?.Trim(), out var quantity))
        {
            errors["quantity"] = [text["Error.Quantity"]];
        }

        if (form.CommitmentId is not { } cid)
        {
            errors["commitmentId"] = [text["Error.Commitment"]];
            cid = 0;
        }

        if (errors.Count > 0)
        {
            AddErrors(errors);
            return await ShowAsync(id);
        }

        var request = new ActivityRequest(day, quantity, form.Note ?? "",
            string.IsNullOrWhiteSpace(form.Evidence) ? null : form.Evidence);
        AddErrors(await Handlers.ValidateAsync(request, HttpContext));
        if (Errors.Count > 0)
        {
            return await ShowAsync(id);
        }

        var outcome = Handlers.Outcome<Activity>(await SaveActivity.Create(id, cid, request, Caller, db, time,
            refresh, HttpContext.RequestAborted));
        if (outcome is HandlerOutcome<Activity>.NotFound)
        {
            return NotFound();
        }

        if (outcome is not HandlerOutcome<Activity>.Success)
        {
            var shown = await ShowAsync(id);
            return Score is null ? shown : Unsuccessful(outcome, () => shown);
        }

        Flash(text["Activity.Saved"]);
        return Redirect($"/laporan/kemitraan/{id}");
    }

    private async Task<IActionResult> ShowAsync(long id)
    {
        var outcome = Handlers.Outcome<MouScore>(await MouScorecardApi.GetOne(id, ReportCalls.Json, Caller,
            ReportCalls.ForRendering(HttpContext), db, time, HttpContext.RequestAborted));
        if (outcome is not HandlerOutcome<MouScore>.Success { Value: var score })
        {
            return Unsuccessful(outcome, Page);
        }

        Score = score;
        return Page();
    }

    /// <summary>The activity form's fields as typed, named as the API's (the commitment chosen from a list).</summary>
    public sealed record ActivityForm(long? CommitmentId, string? OccurredOn, string? Quantity, string? Note,
        string? Evidence);
}
