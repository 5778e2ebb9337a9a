using LinkMatch.Api.Jobs;
using LinkMatch.Api.Pages.Shared;
using LinkMatch.Jobs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Npgsql;

namespace LinkMatch.Api.Pages.Admin.Jobs;

/// <summary>One background job: its arguments, state, and the error of every failed attempt; retry or cancel.</summary>
public sealed class DetailModel(JobAdmin jobs, NpgsqlDataSource db, IStringLocalizer<AdminText> text)
    : JobCommandsPage(jobs, db, text)
{
    public JobDetail Job { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ?? Page();

    protected override async Task<IActionResult?> LoadAsync()
    {
        if (!long.TryParse(RouteData.Values["id"]?.ToString(), out var id))
        {
            return NotFound();
        }

        var outcome = Handlers.Outcome<JobDetail>(await JobsApi.Get(id, Jobs, HttpContext.RequestAborted));
        if (outcome is HandlerOutcome<JobDetail>.Success { Value: var job })
        {
            Job = job;
            return null;
        }

        return NotFound();
    }
}
