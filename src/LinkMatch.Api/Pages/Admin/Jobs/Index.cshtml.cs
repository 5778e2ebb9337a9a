using LinkMatch.Api.Jobs;
using LinkMatch.Api.Pages.Shared;
using LinkMatch.Jobs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using Npgsql;

namespace LinkMatch.Api.Pages.Admin.Jobs;

/// <summary>Antrean tugas latar: the queue's figures, the failed jobs with each attempt's error, every job by kind
/// and state, and the schedules with their next fire time, through the jobs API's handlers.</summary>
public sealed class IndexModel(JobAdmin jobs, NpgsqlDataSource db, IStringLocalizer<AdminText> text)
    : JobCommandsPage(jobs, db, text)
{
    public const int FailuresShown = 20;

    public JobFilter Filter { get; private set; } = new();

    public JobStats Stats { get; private set; } = null!;

    public JobFailurePage Failures { get; private set; } = null!;

    public JobPage? List { get; private set; }

    public IReadOnlyList<ScheduleInfo> Schedules { get; private set; } = [];

    /// <summary>Kinds seen in the figures and the schedules, for the kind filter's suggestions.</summary>
    public IEnumerable<string> KnownKinds => Stats.Kinds.Select(k => k.Kind!).Concat(Schedules.Select(s => s.Kind))
        .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

    public async Task<IActionResult> OnGetAsync([FromQuery] JobQuery query)
    {
        Filter = new JobFilter(Blank(query.Kind), Blank(query.State), Blank(query.Queue), query.BeforeId, 50);
        return await LoadAsync() ?? Page();
    }

    protected override async Task<IActionResult?> LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        Stats = (await JobsApi.Stats(Jobs, ct)).Value!;
        Failures = (await JobsApi.Failures(new JobFailureFilter(Limit: FailuresShown), Jobs, ct)).Value!;
        Schedules = (await JobsApi.Schedules(Jobs, ct)).Value!;
        if (!BindingSucceeded())
        {
            return null;
        }

        AddErrors(await Handlers.ValidateAsync(Filter, HttpContext));
        if (Errors.Count == 0)
        {
            List = (await JobsApi.List(Filter, Jobs, ct)).Value;
        }

        return null;
    }

    /// <summary>This page's address with its filters, for the forms to come back to.</summary>
    public string Back => QueryHelpers.AddQueryString(Request.Path.Value ?? "/admin/antrean",
        Request.Query.Where(q => q.Key != "handler").Select(q => new KeyValuePair<string, string?>(q.Key, q.Value.ToString())));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public sealed record JobQuery(string? Kind, string? State, string? Queue, long? BeforeId);
}
