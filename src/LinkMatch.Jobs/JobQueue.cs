using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace LinkMatch.Jobs;

/// <summary>Enqueues jobs. The transactional overloads make the job part of the caller's business write: a
/// rollback leaves no job, and workers are notified only when the transaction commits.</summary>
public interface IJobQueue
{
    Task<EnqueueResult> EnqueueAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, JobRequest request,
        CancellationToken cancellationToken = default);

    /// <summary>Enqueues in a transaction of its own.</summary>
    Task<EnqueueResult> EnqueueAsync(JobRequest request, CancellationToken cancellationToken = default);

    /// <summary>Enqueues many jobs without unique keys in one statement; returns their ids in request order.</summary>
    Task<IReadOnlyList<long>> EnqueueManyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyList<JobRequest> requests, CancellationToken cancellationToken = default);
}

public sealed class JobQueue(NpgsqlDataSource dataSource, IOptions<JobQueueOptions> options) : IJobQueue
{
    /// <summary>The channel of NOTIFY; the payload is the queue name.</summary>
    public const string NotificationChannel = "linkmatch_jobs";

    // A conflicting pending job may leave the pending states between the insert and the look-up; the loop then
    // tries again. Each turn makes progress, so a handful of turns is plenty.
    private const int MaxUniqueTries = 10;

    private readonly int _defaultMaxAttempts = options.Value.DefaultMaxAttempts;

    internal int DefaultMaxAttempts => _defaultMaxAttempts;

    public async Task<EnqueueResult> EnqueueAsync(JobRequest request, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var result = await EnqueueAsync(connection, transaction, request, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    public Task<EnqueueResult> EnqueueAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        JobRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(transaction);
        Validate(request);
        return InsertAsync(connection, transaction, request, JobJson.Serialize(request.Args), cancellationToken);
    }

    public async Task<IReadOnlyList<long>> EnqueueManyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyList<JobRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        foreach (var request in requests)
        {
            Validate(request);
            if (request.UniqueKey is not null)
            {
                throw new ArgumentException("EnqueueManyAsync takes no unique keys; use EnqueueAsync for those.",
                    nameof(requests));
            }
        }
        if (requests.Count == 0)
        {
            return [];
        }

        // Identity values follow the order of the rows inserted, which the ORDER BY fixes, so the sorted ids
        // line up with the requests.
        const string sql = """
            with v as (
                select r.kind, r.queue, r.args::jsonb as args, r.priority, r.max_attempts,
                       coalesce(r.run_at, now() + make_interval(secs => r.delay_seconds)) as at, r.ord
                from unnest(@kinds, @queues, @args, @priorities, @maxAttempts, @runAts, @delays)
                     with ordinality as r(kind, queue, args, priority, max_attempts, run_at, delay_seconds, ord)
            ), ins as (
                insert into jobs (kind, queue, args, priority, state, max_attempts, scheduled_at)
                select kind, queue, args, priority, case when at > now() then 'scheduled' else 'available' end,
                       max_attempts, at
                from v order by ord
                returning id, state, queue
            ), woken as (
                select queue, (pg_notify(@channel, queue) is null) as notified
                from (select distinct queue from ins where state = 'available') q
            )
            select ins.id from ins
            left join woken w on w.queue = ins.queue and w.notified is not null
            order by ins.id
            """;
        var parameters = new
        {
            kinds = requests.Select(r => r.Kind).ToArray(),
            queues = requests.Select(r => r.Queue).ToArray(),
            args = requests.Select(r => JobJson.Serialize(r.Args)).ToArray(),
            priorities = requests.Select(r => r.Priority).ToArray(),
            maxAttempts = requests.Select(r => r.MaxAttempts ?? _defaultMaxAttempts).ToArray(),
            runAts = requests.Select(r => r.RunAt?.ToUniversalTime()).ToArray(),
            delays = requests.Select(r => (r.Delay ?? TimeSpan.Zero).TotalSeconds).ToArray(),
            channel = NotificationChannel,
        };
        var ids = await connection.QueryAsync<long>(
            new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken));
        return ids.AsList();
    }

    internal async Task<EnqueueResult> InsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        JobRequest request, string argsJson, CancellationToken cancellationToken)
    {
        // The notification is sent inside the transaction, so it is delivered at commit and never for a rollback.
        const string insertSql = """
            with v as (
                select coalesce(@runAt, now() + make_interval(secs => @delaySeconds)) as at
            ), ins as (
                insert into jobs (kind, queue, args, priority, state, max_attempts, scheduled_at, unique_key)
                select @kind, @queue, @args::jsonb, @priority,
                       case when v.at > now() then 'scheduled' else 'available' end, @maxAttempts, v.at, @uniqueKey
                from v
                on conflict (unique_key) where state in ('scheduled', 'available', 'retryable') do nothing
                returning id, state, queue
            )
            select id, (case when state = 'available' then pg_notify(@channel, queue) end) is null as notified
            from ins
            """;
        const string existingSql = """
            select id from jobs
            where unique_key = @uniqueKey and state in ('scheduled', 'available', 'retryable')
            """;
        var parameters = new
        {
            kind = request.Kind,
            queue = request.Queue,
            args = argsJson,
            priority = request.Priority,
            maxAttempts = request.MaxAttempts ?? _defaultMaxAttempts,
            runAt = request.RunAt?.ToUniversalTime(),
            delaySeconds = (request.Delay ?? TimeSpan.Zero).TotalSeconds,
            uniqueKey = request.UniqueKey,
            channel = NotificationChannel,
        };
        for (var turn = 0; turn < MaxUniqueTries; turn++)
        {
            var inserted = (await connection.QueryAsync<(long Id, bool Notified)>(
                new CommandDefinition(insertSql, parameters, transaction, cancellationToken: cancellationToken))).AsList();
            if (inserted.Count == 1)
            {
                return new EnqueueResult(inserted[0].Id, Created: true);
            }
            var existing = await connection.QueryFirstOrDefaultAsync<long?>(
                new CommandDefinition(existingSql, parameters, transaction, cancellationToken: cancellationToken));
            if (existing is { } id)
            {
                return new EnqueueResult(id, Created: false);
            }
        }
        throw new InvalidOperationException(
            $"Could not enqueue a job with unique key '{request.UniqueKey}': the pending job holding it kept changing.");
    }

    private static void Validate(JobRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Kind, nameof(request.Kind));
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Queue, nameof(request.Queue));
        if (request.MaxAttempts is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(request), "MaxAttempts must be at least 1.");
        }
        if (request.Delay is { } delay && delay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(request), "Delay must not be negative.");
        }
        if (request.UniqueKey is { Length: 0 or > 400 })
        {
            throw new ArgumentOutOfRangeException(nameof(request), "UniqueKey must have 1 to 400 characters.");
        }
    }
}
