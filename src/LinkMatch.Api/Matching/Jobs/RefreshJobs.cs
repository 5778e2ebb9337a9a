using LinkMatch.Api.Matching.Models;
using LinkMatch.Api.Matching.Refresh;
using LinkMatch.Api.Matching.Suggestions;
using LinkMatch.Api.Reports;
using LinkMatch.Api.Telemetry;
using LinkMatch.Jobs;
using Microsoft.Extensions.Options;
using Npgsql;

namespace LinkMatch.Api.Matching.Jobs;

/// <summary><c>matching.refresh</c>: recomputes every suggestion (nightly, after a promotion, on demand). When the
/// open vacancies make more than one part (<see cref="MatchingOptions.RefreshPartVacancies"/>), it plans the parts
/// and queues a job for each, completing with the plan; otherwise it runs the whole refresh itself.</summary>
public sealed class FullRefreshJob(FullRefresh refresh, ServingModels models, IJobQueue jobs,
    [FromKeyedServices(Database.DataSources.Background)] NpgsqlDataSource db, ReportTriggers reports,
    IOptions<MatchingOptions> options, TimeProvider time, LinkMatchMetrics metrics, ILogger<FullRefreshJob> logger)
    : IJobHandler
{
    public async Task ExecuteAsync(JobContext context, CancellationToken cancellationToken)
    {
        var model = await models.GetAsync(cancellationToken);
        await using (var conn = await db.OpenConnectionAsync(cancellationToken))
        await using (var tx = await conn.BeginTransactionAsync(cancellationToken))
        {
            var plan = await RefreshPlan.MakeAsync(conn, tx, Http.Wita.Today(time), options.Value.RefreshPartVacancies,
                cancellationToken);
            if (plan.Count > 1)
            {
                var id = await RefreshStore.PlanAsync(conn, tx, jobs, model.Version, plan, cancellationToken);
                await context.CompleteWithinAsync(conn, tx, cancellationToken);
                await tx.CommitAsync(cancellationToken);
                logger.LogInformation("Refresh {Refresh} planned in {Parts} parts of {Sizes} vacancies", id, plan.Count,
                    string.Join("/", plan.Select(p => p.VacancyIds.Length)));
                return;
            }
        }

        var stats = await refresh.RunAsync(reports.CompletingWith(context), cancellationToken);
        metrics.SuggestionsWritten("refresh", stats.Stored);
    }
}

/// <summary><c>matching.refresh-part</c>: one part of a refresh (<see cref="RefreshPart"/>).</summary>
public sealed class RefreshPartJob(RefreshPart part) : IJobHandler
{
    public Task ExecuteAsync(JobContext context, CancellationToken cancellationToken)
    {
        var args = context.GetArgs<RefreshStore.PartArgs>();
        return part.RunAsync(args.RefreshId, args.Part, context.CompleteWithinAsync, cancellationToken);
    }
}

/// <summary><c>matching.refresh-finish</c>: joins and writes a refresh whose parts have all run
/// (<see cref="RefreshFinish"/>).</summary>
public sealed class RefreshFinishJob(RefreshFinish finish, ReportTriggers reports) : IJobHandler
{
    public Task ExecuteAsync(JobContext context, CancellationToken cancellationToken)
    {
        var args = context.GetArgs<RefreshStore.FinishArgs>();
        return finish.RunAsync(args.RefreshId, reports.CompletingWith(context), cancellationToken);
    }
}
