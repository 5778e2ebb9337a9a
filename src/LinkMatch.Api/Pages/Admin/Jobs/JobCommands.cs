using System.Globalization;
using LinkMatch.Api.Jobs;
using LinkMatch.Api.Pages.Shared;
using LinkMatch.Jobs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Npgsql;

namespace LinkMatch.Api.Pages.Admin.Jobs;

/// <summary>Retry, cancel and run-now as both job pages do them: the jobs API's handlers, then a message and the
/// page again (post/redirect/get), or the handler's refusal on the page.</summary>
public abstract class JobCommandsPage(JobAdmin jobs, NpgsqlDataSource db, IStringLocalizer<AdminText> text) : ConsolePage
{
    protected JobAdmin Jobs => jobs;

    protected NpgsqlDataSource Db => db;

    protected IStringLocalizer<AdminText> Text => text;

    /// <summary>Loads what the page shows, for an answer that is the page itself (a refusal).</summary>
    protected abstract Task<IActionResult?> LoadAsync();

    public async Task<IActionResult> OnPostRetryAsync([FromForm(Name = "id")] long id,
        [FromForm(Name = "kembali")] string? back) =>
        await AnswerAsync(await JobsApi.Retry(id, Caller, jobs, db, HttpContext.RequestAborted), "Jobs.Retried", back);

    public async Task<IActionResult> OnPostCancelAsync([FromForm(Name = "id")] long id,
        [FromForm(Name = "reason")] string? reason, [FromForm(Name = "kembali")] string? back)
    {
        var request = new CancelJobRequest(string.IsNullOrWhiteSpace(reason) ? null : reason.Trim());
        AddErrors(await Handlers.ValidateAsync(request, HttpContext));
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await LoadAsync() ?? Page();
        }

        return await AnswerAsync(await JobsApi.Cancel(id, request, Caller, jobs, db, HttpContext.RequestAborted),
            "Jobs.Cancelled", back);
    }

    public async Task<IActionResult> OnPostRunAsync([FromForm(Name = "name")] string name,
        [FromForm(Name = "kembali")] string? back) =>
        await AnswerAsync(await JobsApi.RunNow(name, Caller, jobs, db, HttpContext.RequestAborted), "Jobs.RanNow", back);

    private async Task<IActionResult> AnswerAsync(IResult result, string done, string? back)
    {
        var outcome = Handlers.Outcome<JobSummary>(result);
        if (outcome is HandlerOutcome<JobSummary>.Success { Value: var job })
        {
            Flash(string.Format(CultureInfo.CurrentCulture, text[done], job.Id,
                AdminFormats.Kind(job.Kind, text)));
            return LocalRedirect(back is { Length: > 0 } && Url.IsLocalUrl(back) ? back : Request.Path.Value ?? "/admin/antrean");
        }

        if (await LoadAsync() is { } missing)
        {
            return missing;
        }

        return Unsuccessful(outcome, Page);
    }
}
