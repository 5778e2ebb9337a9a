using Dapper;

namespace LinkMatch.Jobs;

public sealed partial class JobAdmin
{
    /// <summary>Figures per queue and kind, and per queue: depth, age of the oldest ready job, and throughput over
    /// the last minute and hour (as far back as retention keeps finished jobs).</summary>
    public async Task<JobStats> GetStatsAsync(CancellationToken cancellationToken = default)
    {
        const string sql = """
            with live as (
                select queue, kind,
                       count(*) filter (where state = 'available') as depth,
                       count(*) filter (where state = 'scheduled') as scheduled,
                       count(*) filter (where state = 'retryable') as retryable,
                       count(*) filter (where state = 'processing') as processing,
                       min(scheduled_at) filter (where state = 'available') as oldest_available_at
                from jobs
                where state in ('scheduled', 'available', 'processing', 'retryable')
                group by queue, kind
            ), done as (
                select queue, kind,
                       count(*) filter (where state = 'succeeded' and finalized_at >= now() - interval '1 minute')
                           as succeeded_last_minute,
                       count(*) filter (where state = 'succeeded') as succeeded_last_hour,
                       count(*) filter (where state = 'discarded') as discarded_last_hour
                from jobs
                where finalized_at >= now() - interval '1 hour'
                group by queue, kind
            ), failed as (
                select j.queue, j.kind,
                       count(*) filter (where e.occurred_at >= now() - interval '1 minute') as failed_last_minute,
                       count(*) as failed_last_hour
                from job_errors e join jobs j on j.id = e.job_id
                where e.occurred_at >= now() - interval '1 hour'
                group by j.queue, j.kind
            )
            select queue, kind,
                   coalesce(depth, 0) as depth, coalesce(scheduled, 0) as scheduled,
                   coalesce(retryable, 0) as retryable, coalesce(processing, 0) as processing,
                   extract(epoch from now() - oldest_available_at)::float8 as oldest_available_seconds,
                   coalesce(succeeded_last_minute, 0) as succeeded_last_minute,
                   coalesce(succeeded_last_hour, 0) as succeeded_last_hour,
                   coalesce(failed_last_minute, 0) as failed_last_minute,
                   coalesce(failed_last_hour, 0) as failed_last_hour,
                   coalesce(discarded_last_hour, 0) as discarded_last_hour,
                   now() as measured_at
            from live full join done using (queue, kind) full join failed using (queue, kind)
            order by queue, kind
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<StatsRow>(
            new CommandDefinition(sql, cancellationToken: cancellationToken))).AsList();
        var measuredAt = rows.Count > 0
            ? Db.Utc(rows[0].MeasuredAt)
            : Db.Utc(await connection.ExecuteScalarAsync<DateTime>("select now()"));
        var kinds = rows.Select(r => new QueueStats(r.Queue, r.Kind, r.Depth, r.Scheduled, r.Retryable, r.Processing,
            Age(r.OldestAvailableSeconds), r.SucceededLastMinute, r.SucceededLastHour, r.FailedLastMinute,
            r.FailedLastHour, r.DiscardedLastHour)).ToList();
        var queues = kinds.GroupBy(k => k.Queue).Select(g => new QueueStats(g.Key, null,
            g.Sum(k => k.Depth), g.Sum(k => k.Scheduled), g.Sum(k => k.Retryable), g.Sum(k => k.Processing),
            g.Max(k => k.OldestAvailableAge), g.Sum(k => k.SucceededLastMinute), g.Sum(k => k.SucceededLastHour),
            g.Sum(k => k.FailedLastMinute), g.Sum(k => k.FailedLastHour), g.Sum(k => k.DiscardedLastHour))).ToList();
        return new JobStats(measuredAt, queues, kinds);
    }

    public async Task<IReadOnlyList<ScheduleInfo>> ListSchedulesAsync(CancellationToken cancellationToken = default)
    {
        const string sql = """
            select name, cron, time_zone, kind, queue, enabled, next_fire_at, last_fire_at, last_job_id
            from job_schedules order by name
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<ScheduleRow>(new CommandDefinition(sql, cancellationToken: cancellationToken));
        return rows.Select(r => new ScheduleInfo(r.Name, r.Cron, r.TimeZone, r.Kind, r.Queue, r.Enabled,
            Db.Utc(r.NextFireAt), Db.Utc(r.LastFireAt), r.LastJobId)).ToList();
    }

    /// <summary>Pauses or resumes a schedule. Resuming starts from the next fire time after now, so the fire times
    /// missed while paused do not run.</summary>
    public async Task<bool> SetScheduleEnabledAsync(string name, bool enabled, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<(string Cron, string TimeZone, DateTime Now)>(new CommandDefinition(
            "select cron, time_zone, now() from job_schedules where name = @name for update", new { name }, transaction,
            cancellationToken: cancellationToken))).AsList();
        if (rows.Count == 0)
        {
            return false;
        }
        var next = enabled ? CronSchedule.Parse(rows[0].Cron, rows[0].TimeZone).NextAfter(Db.Utc(rows[0].Now)) : null;
        await connection.ExecuteAsync(new CommandDefinition("""
            update job_schedules
            set enabled = @enabled, next_fire_at = coalesce(@next, next_fire_at), updated_at = now()
            where name = @name
            """, new { name, enabled, next }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static TimeSpan? Age(double? seconds) =>
        seconds is { } s ? TimeSpan.FromSeconds(Math.Max(0, s)) : null;

    private sealed record StatsRow(
        string Queue, string Kind, long Depth, long Scheduled, long Retryable, long Processing,
        double? OldestAvailableSeconds, long SucceededLastMinute, long SucceededLastHour, long FailedLastMinute,
        long FailedLastHour, long DiscardedLastHour, DateTime MeasuredAt);

    private sealed record ScheduleRow(
        string Name, string Cron, string TimeZone, string Kind, string Queue, bool Enabled, DateTime? NextFireAt,
        DateTime? LastFireAt, long? LastJobId);
}
