using LinkMatch.Api.Matching.Suggestions;
using LinkMatch.Jobs;

namespace LinkMatch.Api.Matching.Jobs;

/// <summary><c>matching.vacancy</c>: recomputes one vacancy's suggestions; effect and completion commit together.</summary>
public sealed class RecomputeVacancyJob(VacancyRecompute recompute) : IJobHandler
{
    public async Task ExecuteAsync(JobContext context, CancellationToken cancellationToken)
    {
        var args = context.GetArgs<MatchingTriggers.VacancyArgs>();
        await recompute.RunAsync(args.VacancyId, context.CompleteWithinAsync, cancellationToken);
    }
}

/// <summary><c>matching.seeker</c>: recomputes one seeker's suggestions.</summary>
public sealed class RecomputeSeekerJob(SeekerRecompute recompute) : IJobHandler
{
    public async Task ExecuteAsync(JobContext context, CancellationToken cancellationToken)
    {
        var args = context.GetArgs<MatchingTriggers.SeekerArgs>();
        await recompute.RunAsync(args.SeekerId, context.CompleteWithinAsync, cancellationToken);
    }
}

/// <summary><c>matching.refresh</c>: recomputes every suggestion (nightly, after a promotion, on demand).</summary>
public sealed class FullRefreshJob(FullRefresh refresh) : IJobHandler
{
    public async Task ExecuteAsync(JobContext context, CancellationToken cancellationToken) =>
        await refresh.RunAsync(context.CompleteWithinAsync, cancellationToken);
}
