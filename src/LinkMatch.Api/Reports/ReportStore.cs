using System.Data;
using System.Diagnostics;
using System.Text.Json;
using Dapper;
using Npgsql;

namespace LinkMatch.Api.Reports;

/// <summary>A stored result with the time it was computed, and whether its recompute is queued or running.</summary>
internal sealed record StoredReport(long Id, string Result, DateTimeOffset ComputedAt, long? JobId, bool RefreshPending);

/// <summary>A scope that has a snapshot: what the nightly refresh recomputes.</summary>
internal sealed record StoredScope(string Kind, string ScopeKey, string Parameters);

/// <summary>Reads and writes <c>report_snapshots</c>: one row per kind and scope, replaced by each recompute.</summary>
internal static class ReportStore
{
    /// <summary>The stored results of scopes of one kind, by scope key; a scope without a result of its current
    /// shape is missing.</summary>
    public static async Task<Dictionary<string, StoredReport>> LatestAsync(NpgsqlConnection conn,
        IReadOnlyCollection<IReportScope> scopes, CancellationToken ct)
    {
        if (scopes.Count == 0)
        {
            return new Dictionary<string, StoredReport>(StringComparer.Ordinal);
        }

        var first = scopes.First();
        if (scopes.Any(s => s.Kind != first.Kind || s.Version != first.Version))
        {
            throw new ArgumentException("Scopes of one kind (and shape) are read together.", nameof(scopes));
        }

        var rows = await conn.QueryAsync<StoredRow>(new CommandDefinition("""
            select r.scope_key, r.id, r.result::text as result, r.computed_at, r.job_id,
                   exists (select 1 from jobs j
                           where j.unique_key = k.unique_key and j.state in ('scheduled', 'available', 'retryable'))
                   or exists (select 1 from jobs j
                              where j.state = 'processing' and j.kind = @Job and j.unique_key = k.unique_key)
                       as refresh_pending
            from report_snapshots r
            -- The recompute job's unique key (ComputeReportArgs).
            cross join lateral (select 'report:' || r.kind || ':' || r.scope_key as unique_key) k
            where r.kind = @Kind and r.version = @Version and r.scope_key = any(@Keys)
            """, new { first.Kind, first.Version, Keys = scopes.Select(s => s.ScopeKey).ToArray(), Job = ComputeReportJob.Kind },
            cancellationToken: ct));
        return rows.ToDictionary(r => r.ScopeKey,
            r => new StoredReport(r.Id, r.Result, r.ComputedAt, r.JobId, r.RefreshPending), StringComparer.Ordinal);
    }

    private sealed record StoredRow(string ScopeKey, long Id, string Result, DateTimeOffset ComputedAt, long? JobId,
        bool RefreshPending);

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
