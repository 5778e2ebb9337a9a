using LinkMatch.Api.Matching.Suggestions;
using LinkMatch.Api.Reports;
using LinkMatch.Api.Telemetry;
using LinkMatch.Jobs;
using Npgsql;

namespace LinkMatch.Api.Matching.Jobs;

/// <summary><c>matching.vacancy</c>: recomputes one vacancy's suggestions; effect and completion commit together.</summary>
public sealed class RecomputeVacancyJob(VacancyRecompute recompute, ReportTriggers reports, LinkMatchMetrics metrics) : IJobHandler
{
    public async Task ExecuteAsync(JobContext context, CancellationToken cancellationToken)
    {
        var args = context.GetArgs<MatchingTriggers.VacancyArgs>();
        var stats = await recompute.RunAsync(args.VacancyId, reports.CompletingWith(context), cancellationToken);
        metrics.SuggestionsWritten("vacancy", stats.Stored);
    }
}

/// <summary><c>matching.seeker</c>: recomputes one seeker's suggestions.</summary>
public sealed class RecomputeSeekerJob(SeekerRecompute recompute, ReportTriggers reports, LinkMatchMetrics metrics) : IJobHandler
{
    public async Task ExecuteAsync(JobContext context, CancellationToken cancellationToken)
    {
        var args = context.GetArgs<MatchingTriggers.SeekerArgs>();
        var stats = await recompute.RunAsync(args.SeekerId, reports.CompletingWith(context), cancellationToken);
        metrics.SuggestionsWritten("seeker", stats.Stored);
    }
}

internal static class SuggestionReports
{
    /// <summary>The job completes in the transaction that stores its suggestions, and in it the equal-opportunity
    /// reports counting today's suggested people are queued for a recompute.</summary>
    public static Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task> CompletingWith(
        this ReportTriggers reports, JobContext context) =>
        async (conn, tx, ct) =>
        {
            await reports.SuggestionsStoredAsync(conn, tx, ct);
            await context.CompleteWithinAsync(conn, tx, ct);
        };
}
