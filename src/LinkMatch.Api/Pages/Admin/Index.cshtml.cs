using LinkMatch.Api.Http;
using LinkMatch.Api.Jobs;
using LinkMatch.Api.Matching.Models;
using LinkMatch.Api.Pages.Shared;
using LinkMatch.Jobs;
using Npgsql;

namespace LinkMatch.Api.Pages.Admin;

/// <summary>Admin: the serving ranking model and the state of the background job queue at a glance, with links to
/// the admin pages.</summary>
public sealed class IndexModel(NpgsqlDataSource db, JobAdmin jobs) : ConsolePage
{
    public RankingModelSummary? Serving { get; private set; }

    public JobStats Stats { get; private set; } = null!;

    public long Failed { get; private set; }

    public long Depth => Stats.Queues.Sum(q => q.Depth);

    public TimeSpan? OldestWaiting => Stats.Queues.Max(q => q.OldestAvailableAge);

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        Serving = Handlers.Outcome<PagedList<RankingModelSummary>>(await ModelsApi.List(new ModelFilter("serving"),
            new PageQuery(1, 1, null), db, ct)).ValueOrDefault?.Items is [var serving, ..] ? serving : null;
        Stats = (await JobsApi.Stats(jobs, ct)).Value!;
        Failed = (await JobsApi.Failures(new JobFailureFilter(Limit: 1), jobs, ct)).Value!.Total;
    }
}
