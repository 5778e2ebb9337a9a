using System.Text.Json;
using LinkMatch.Api.Database;
using LinkMatch.Jobs;
using Npgsql;

namespace LinkMatch.Api.Reports;

/// <summary>The arguments of a recompute: the report kind and its scope's parameters.</summary>
internal sealed record ComputeReportArgs(string Kind, JsonElement Parameters)
{
    public static JobRequest Request(IReportScope scope, TimeSpan? delay = null) => new(ComputeReportJob.Kind)
    {
        Args = new ComputeReportArgs(scope.Kind, JsonSerializer.SerializeToElement(scope, scope.GetType(),
            ReportJson.Options)),
        UniqueKey = UniqueKey(scope.Kind, scope.ScopeKey),
        Delay = delay,
    };

    public static JobRequest Request(StoredScope stored)
    {
        using var parameters = JsonDocument.Parse(stored.Parameters);
        return new JobRequest(ComputeReportJob.Kind)
        {
            Args = new ComputeReportArgs(stored.Kind, parameters.RootElement.Clone()),
            UniqueKey = UniqueKey(stored.Kind, stored.ScopeKey),
        };
    }

    /// <summary>One pending recompute per report and scope.</summary>
    private static string UniqueKey(string kind, string scopeKey) => $"report:{kind}:{scopeKey}";
}

/// <summary>Recomputes one report for one scope and stores it; the snapshot and the job's completion commit in one
/// transaction, so a job whose worker was presumed dead never overwrites the result of its successor.</summary>
internal sealed class ComputeReportJob([FromKeyedServices(DataSources.Background)] NpgsqlDataSource db, TimeProvider time) : IJobHandler
{
    public const string Kind = "reports.compute";

    public async Task ExecuteAsync(JobContext context, CancellationToken cancellationToken)
    {
        var args = context.GetArgs<ComputeReportArgs>();
        var scope = ReportKinds.Parse(args.Kind, args.Parameters);
        var computed = await ComputedReport.RunAsync(db, scope, ReportStamp.Now(time, context.Id), cancellationToken);
        await using var conn = await db.OpenConnectionAsync(cancellationToken);
        await using var tx = await conn.BeginTransactionAsync(cancellationToken);
        await ReportStore.SaveAsync(conn, tx, scope, computed, cancellationToken);
        await context.CompleteWithinAsync(conn, tx, cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }
}

/// <summary>The nightly refresh: one recompute job for every scope that has a snapshot (every scope somebody asked
/// for at least once), enqueued together with this job's completion.</summary>
internal sealed class RefreshAllReportsJob([FromKeyedServices(DataSources.Background)] NpgsqlDataSource db, IJobQueue queue) : IJobHandler
{
    public const string Kind = "reports.refresh-all";
    public const string Schedule = "reports-nightly";

    public async Task ExecuteAsync(JobContext context, CancellationToken cancellationToken)
    {
        await using var conn = await db.OpenConnectionAsync(cancellationToken);
        await using var tx = await conn.BeginTransactionAsync(cancellationToken);
        foreach (var scope in await ReportStore.ScopesAsync(conn, tx, cancellationToken))
        {
            await queue.EnqueueAsync(conn, tx, ComputeReportArgs.Request(scope), cancellationToken);
        }

        await context.CompleteWithinAsync(conn, tx, cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }
}
