using System.Globalization;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace LinkMatch.Jobs;

/// <summary>Fires recurring schedules. Each due schedule is handled in one transaction that locks its row
/// (<c>FOR UPDATE SKIP LOCKED</c>), enqueues the job with unique key <c>schedule:{name}:{fire time}</c> and moves
/// <c>next_fire_at</c> on, so every fire time runs once however many instances run this.</summary>
internal sealed class RecurringScheduler
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly JobQueue _queue;
    private readonly IReadOnlyList<RecurringJob> _definitions;
    private readonly ILogger _logger;

    static RecurringScheduler() => Db.Configure();

    public RecurringScheduler(NpgsqlDataSource dataSource, JobQueue queue, IEnumerable<RecurringJob> definitions,
        ILogger logger)
    {
        _dataSource = dataSource;
        _queue = queue;
        _logger = logger;
        _definitions = definitions.ToList();
        foreach (var definition in _definitions)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(definition.Name);
            ArgumentException.ThrowIfNullOrWhiteSpace(definition.Kind);
            CronSchedule.Parse(definition.Cron, definition.TimeZone);
        }
        var duplicate = _definitions.GroupBy(d => d.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two recurring jobs are named '{duplicate.Key}'.");
        }
    }

    public static string UniqueKey(string name, DateTimeOffset fireTime) =>
        $"schedule:{name}:{fireTime.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}";

    /// <summary>Writes the definitions to <c>job_schedules</c>. A changed expression or time zone starts from the next
    /// fire time after now; <c>enabled</c> is left as staff set it.</summary>
    public async Task SyncAsync(CancellationToken cancellationToken)
    {
        const string sql = """
            insert into job_schedules (name, cron, time_zone, kind, queue, args, priority, max_attempts, next_fire_at)
            values (@name, @cron, @timeZone, @kind, @queue, @args::jsonb, @priority, @maxAttempts, @next)
            on conflict (name) do update
            set cron = excluded.cron, time_zone = excluded.time_zone, kind = excluded.kind, queue = excluded.queue,
                args = excluded.args, priority = excluded.priority, max_attempts = excluded.max_attempts,
                next_fire_at = case when job_schedules.cron <> excluded.cron
                                      or job_schedules.time_zone <> excluded.time_zone
                                      or job_schedules.next_fire_at is null
                                    then excluded.next_fire_at else job_schedules.next_fire_at end,
                updated_at = now()
            where (job_schedules.cron, job_schedules.time_zone, job_schedules.kind, job_schedules.queue,
                   job_schedules.args, job_schedules.priority, job_schedules.max_attempts)
                  is distinct from
                  (excluded.cron, excluded.time_zone, excluded.kind, excluded.queue,
                   excluded.args, excluded.priority, excluded.max_attempts)
               or job_schedules.next_fire_at is null
            """;
        if (_definitions.Count == 0)
        {
            return;
        }
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        var now = await connection.ExecuteScalarAsync<DateTime>(
            new CommandDefinition("select now()", cancellationToken: cancellationToken));
        foreach (var definition in _definitions)
        {
            var next = CronSchedule.Parse(definition.Cron, definition.TimeZone).NextAfter(Db.Utc(now));
            await connection.ExecuteAsync(new CommandDefinition(sql, new
            {
                name = definition.Name,
                cron = definition.Cron,
                timeZone = definition.TimeZone,
                kind = definition.Kind,
                queue = definition.Queue,
                args = JobJson.Serialize(definition.Args),
                priority = definition.Priority,
                maxAttempts = definition.MaxAttempts ?? _queue.DefaultMaxAttempts,
                next,
            }, cancellationToken: cancellationToken));
        }
    }

    /// <summary>Fires every schedule that is due and not being fired by another instance right now.</summary>
    public async Task<int> FireDueAsync(CancellationToken cancellationToken)
    {
        var fired = 0;
        // Bounded so one tick cannot run away; what is left is due at the next tick.
        while (fired < 100 && await FireNextAsync(cancellationToken))
        {
            fired++;
        }
        return fired;
    }

    private async Task<bool> FireNextAsync(CancellationToken cancellationToken)
    {
        const string dueSql = """
            select name, cron, time_zone, kind, queue, args::text as args, priority, max_attempts, next_fire_at,
                   now() as db_now
            from job_schedules
            where enabled and next_fire_at <= now()
            order by next_fire_at
            limit 1
            for update skip locked
            """;
        const string advanceSql = """
            update job_schedules
            set next_fire_at = @next, last_fire_at = @fireTime, last_job_id = @jobId, updated_at = now()
            where name = @name
            """;
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var due = await connection.QueryFirstOrDefaultAsync<DueSchedule>(
            new CommandDefinition(dueSql, transaction: transaction, cancellationToken: cancellationToken));
        if (due is null)
        {
            return false;
        }
        var fireTime = Db.Utc(due.NextFireAt);
        CronSchedule schedule;
        try
        {
            schedule = CronSchedule.Parse(due.Cron, due.TimeZone);
        }
        catch (ArgumentException e)
        {
            JobLog.ScheduleBroken(_logger, e, due.Name);
            await connection.ExecuteAsync(new CommandDefinition(
                "update job_schedules set next_fire_at = null, updated_at = now() where name = @name",
                new { name = due.Name }, transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        var request = new JobRequest(due.Kind)
        {
            Queue = due.Queue,
            Priority = due.Priority,
            MaxAttempts = due.MaxAttempts,
            UniqueKey = UniqueKey(due.Name, fireTime),
        };
        var job = await _queue.InsertAsync(connection, transaction, request, due.Args, cancellationToken);
        // Fire times missed while no instance ran collapse into this one run: the next is counted from now.
        var from = Db.Utc(due.DbNow) > fireTime ? Db.Utc(due.DbNow) : fireTime;
        var next = schedule.NextAfter(from);
        await connection.ExecuteAsync(new CommandDefinition(advanceSql,
            new { name = due.Name, next, fireTime, jobId = job.Id }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        JobLog.Fired(_logger, due.Name, fireTime, job.Id, next);
        return true;
    }

    private sealed record DueSchedule(string Name, string Cron, string TimeZone, string Kind, string Queue, string Args,
        short Priority, int MaxAttempts, DateTime NextFireAt, DateTime DbNow);
}
