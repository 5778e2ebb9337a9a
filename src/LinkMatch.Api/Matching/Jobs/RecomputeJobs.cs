using LinkMatch.Api.Matching.Suggestions;
using LinkMatch.Api.Telemetry;
using LinkMatch.Jobs;

namespace LinkMatch.Api.Matching.Jobs;

/// <summary><c>matching.vacancy</c>: recomputes one vacancy's suggestions; effect and completion commit together.</summary>
public sealed class RecomputeVacancyJob(VacancyRecompute recompute, LinkMatchMetrics metrics) : IJobHandler
{
    public async Task ExecuteAsync(JobContext context, CancellationToken cancellationToken)
    {
        var args = context.GetArgs<MatchingTriggers.VacancyArgs>();
        var stats = await recompute.RunAsync(args.VacancyId, context.CompleteWithinAsync, cancellationToken);
        metrics.SuggestionsWritten("vacancy", stats.Stored);
    }
}

/// <summary><c>matching.seeker</c>: recomputes one seeker's suggestions.</summary>
public sealed class RecomputeSeekerJob(SeekerRecompute recompute, LinkMatchMetrics metrics) : IJobHandler
{
    public async Task ExecuteAsync(JobContext context, CancellationToken cancellationToken)
    {
        var args = context.GetArgs<MatchingTriggers.SeekerArgs>();
        var stats = await recompute.RunAsync(args.SeekerId, context.CompleteWithinAsync, cancellationToken);
        metrics.SuggestionsWritten("seeker", stats.Stored);
    }
}

/// <summary><c>matching.refresh</c>: recomputes every suggestion (nightly, after a promotion, on demand).</summary>
public sealed class FullRefreshJob(FullRefresh refresh, LinkMatchMetrics metrics) : IJobHandler
{
    public async Task ExecuteAsync(JobContext context, CancellationToken cancellationToken)
    {
        var stats = await refresh.RunAsync(context.CompleteWithinAsync, cancellationToken);
        metrics.SuggestionsWritten("refresh", stats.Stored);
    }
}
