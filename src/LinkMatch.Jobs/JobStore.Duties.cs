using Dapper;

namespace LinkMatch.Jobs;

/// <summary>The SQL of the duties every instance shares: rescue, staging and retention.</summary>
internal sealed partial class JobStore
{
    public async Task<IReadOnlyList<(long Id, int Attempt, string? Owner)>> FindStaleAsync(TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        const string sql = """
            select id, attempt, owner from jobs
            where state = 'processing' and heartbeat_at < now() - make_interval(secs => @seconds)
            order by heartbeat_at
            limit 100
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long, int, string?)>(
            new CommandDefinition(sql, new { seconds = timeout.TotalSeconds }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>Makes delayed jobs and retries whose time has come available, and wakes the workers of their
    /// queues.</summary>
    public async Task<int> StageDueAsync(CancellationToken cancellationToken)
    {
        const string sql = """
            with due as (
                select id from jobs
                where state in ('scheduled', 'retryable') and scheduled_at <= now()
                order by scheduled_at
                limit 1000
                for update skip locked
            ), moved as (
                update jobs j set state = 'available' from due where j.id = due.id
                returning j.queue
            )
            select count(*)::int as staged, (pg_notify(@channel, queue) is null) as notified
            from moved group by queue
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(int Staged, bool Notified)>(
            new CommandDefinition(sql, new { channel = JobQueue.NotificationChannel }, cancellationToken: cancellationToken));
        return rows.Sum(r => r.Staged);
    }

    /// <summary>Deletes finished jobs past their retention, a bounded batch at a time.</summary>
    public async Task<int> DeleteExpiredAsync(TimeSpan succeededRetention, TimeSpan discardedRetention,
        CancellationToken cancellationToken)
    {
        const string sql = """
            with old as (
                select id from jobs
                where finalized_at is not null
                  and ((state = 'succeeded' and finalized_at < now() - make_interval(secs => @succeeded))
                       or (state in ('discarded', 'cancelled') and finalized_at < now() - make_interval(secs => @discarded)))
                limit 1000
                for update skip locked
            )
            delete from jobs j using old where j.id = old.id
            """;
        var total = 0;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        while (!cancellationToken.IsCancellationRequested)
        {
            var deleted = await connection.ExecuteAsync(new CommandDefinition(sql,
                new { succeeded = succeededRetention.TotalSeconds, discarded = discardedRetention.TotalSeconds },
                cancellationToken: cancellationToken));
            total += deleted;
            if (deleted < 1000)
            {
                break;
            }
        }
        return total;
    }
}
