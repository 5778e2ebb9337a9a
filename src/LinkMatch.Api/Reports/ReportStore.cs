using System.Data;
using System.Diagnostics;
using System.Text.Json;
using Dapper;
using Npgsql;

namespace LinkMatch.Api.Reports;

/// <summary>A stored result with the time it was computed.</summary>
internal sealed record StoredReport(long Id, string Result, DateTimeOffset ComputedAt, long? JobId);

/// <summary>A scope that has a snapshot: what the nightly refresh recomputes.</summary>
internal sealed record StoredScope(string Kind, string ScopeKey, string Parameters);

/// <summary>Reads and writes <c>report_snapshots</c>: one row per kind and scope, replaced by each recompute.</summary>
internal static class ReportStore
{
    public static Task<StoredReport?> LatestAsync(NpgsqlConnection conn, IReportScope scope, CancellationToken ct) =>
        conn.QuerySingleOrDefaultAsync<StoredReport>(new CommandDefinition("""
            select id, result::text as result, computed_at, job_id from report_snapshots
            where kind = @Kind and scope_key = @ScopeKey and version = @Version
            """, new { scope.Kind, scope.ScopeKey, scope.Version }, cancellationToken: ct));

    /// <summary>Stores a result unless a newer one is already stored (a recompute that started earlier and
    /// finished later does not replace a fresher result).</summary>
    public static Task SaveAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, IReportScope scope, ComputedReport report,
        CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition("""
            insert into report_snapshots as r (kind, scope_key, version, parameters, result, computed_at, job_id,
                                               compute_ms)
            values (@Kind, @ScopeKey, @Version, @Parameters::jsonb, @Result::jsonb, @ComputedAt, @JobId, @ComputeMs)
            on conflict (kind, scope_key) do update set
                version = excluded.version, parameters = excluded.parameters, result = excluded.result,
                computed_at = excluded.computed_at, job_id = excluded.job_id, compute_ms = excluded.compute_ms
            where r.computed_at <= excluded.computed_at or r.version <> excluded.version
            """, new
        {
            scope.Kind,
            scope.ScopeKey,
            scope.Version,
            Parameters = JsonSerializer.Serialize(scope, scope.GetType(), ReportJson.Options),
            report.Result,
            report.Stamp.ComputedAt,
            report.Stamp.JobId,
            report.ComputeMs,
        }, tx, cancellationToken: ct));

    public static async Task<IReadOnlyList<StoredScope>> ScopesAsync(NpgsqlConnection conn, NpgsqlTransaction tx,
        CancellationToken ct) =>
        (await conn.QueryAsync<StoredScope>(new CommandDefinition("""
            select kind, scope_key, parameters::text as parameters from report_snapshots order by kind, scope_key
            """, transaction: tx, cancellationToken: ct))).AsList();
}

/// <summary>A freshly computed result, serialised, with how long it took.</summary>
internal sealed record ComputedReport(string Result, ReportStamp Stamp, int ComputeMs)
{
    /// <summary>Computes the report in a read-only, repeatable-read transaction of its own, so that all its
    /// queries see one state of the database.</summary>
    public static async Task<ComputedReport> RunAsync(NpgsqlDataSource db, IReportScope scope, ReportStamp stamp,
        CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        await conn.ExecuteAsync(new CommandDefinition("set transaction read only", transaction: tx,
            cancellationToken: ct));
        var result = await scope.ComputeAsync(conn, tx, stamp, ct);
        await tx.CommitAsync(ct);
        return new ComputedReport(JsonSerializer.Serialize(result, result.GetType(), ReportJson.Options), stamp,
            (int)watch.ElapsedMilliseconds);
    }
}
