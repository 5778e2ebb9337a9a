using Dapper;
using Npgsql;

namespace LinkMatch.Jobs;

internal sealed record FetchedJob(
    long Id, string Kind, string Queue, string Args, int Attempt, int MaxAttempts, DateTime ScheduledAt, DateTime CreatedAt);

/// <summary>An error to record against an attempt.</summary>
internal sealed record AttemptError(string Message, string ExceptionType, string? Details)
{
    public static AttemptError From(Exception exception) =>
        new(exception.Message, exception.GetType().FullName ?? exception.GetType().Name, exception.ToString());
}

/// <summary>The SQL of a job's life in the hands of workers. Every statement that ends or hands back an attempt is
/// fenced by <c>id</c>, <c>attempt</c> and <c>state = 'processing'</c>.</summary>
internal sealed partial class JobStore(NpgsqlDataSource dataSource)
{
    static JobStore() => Db.Configure();

    private const string PendingStates = "('scheduled', 'available', 'retryable')";

    public NpgsqlDataSource DataSource => dataSource;

    public async Task<IReadOnlyList<FetchedJob>> FetchAsync(string[] queues, int limit, string owner,
        CancellationToken cancellationToken)
    {
        const string sql = """
            with next as (
                select id from jobs
                where state = 'available' and queue = any(@queues)
                order by priority desc, scheduled_at, id
                limit @limit
                for update skip locked
            )
            update jobs j
            set state = 'processing', attempt = j.attempt + 1, owner = @owner,
                attempted_at = now(), heartbeat_at = now()
            from next
            where j.id = next.id
            returning j.id, j.kind, j.queue, j.args::text as args, j.attempt, j.max_attempts, j.scheduled_at, j.created_at
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<FetchedJob>(
            new CommandDefinition(sql, new { queues, limit, owner }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    public async Task<bool> CompleteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, long id,
        int attempt, CancellationToken cancellationToken)
    {
        const string sql = """
            update jobs
            set state = 'succeeded', finalized_at = now(), owner = null, heartbeat_at = null
            where id = @id and attempt = @attempt and state = 'processing'
            """;
        var updated = await connection.ExecuteAsync(
            new CommandDefinition(sql, new { id, attempt }, transaction, cancellationToken: cancellationToken));
        return updated == 1;
    }

    /// <summary>Completes many attempts in one statement; returns the ids this worker still owned.</summary>
    public async Task<HashSet<long>> CompleteManyAsync(long[] ids, int[] attempts, CancellationToken cancellationToken)
    {
        const string sql = """
            update jobs j
            set state = 'succeeded', finalized_at = now(), owner = null, heartbeat_at = null
            from unnest(@ids, @attempts) as t(id, attempt)
            where j.id = t.id and j.attempt = t.attempt and j.state = 'processing'
            returning j.id
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var completed = await connection.QueryAsync<long>(
            new CommandDefinition(sql, new { ids, attempts }, cancellationToken: cancellationToken));
        return completed.ToHashSet();
    }

    private const string FailSql = $"""
        with target as (
            select j.id, j.attempt,
                   case when @discard or j.attempt >= j.max_attempts then 'discarded'
                        when exists (select from jobs o
                                     where o.unique_key = j.unique_key and o.id <> j.id and o.state in {PendingStates})
                            then 'cancelled'
                        else 'retryable' end as next_state
            from jobs j
            where j.id = @id and j.attempt = @attempt and j.state = 'processing'
              and (@staleSeconds::float8 is null or j.heartbeat_at < now() - make_interval(secs => @staleSeconds))
            for update
        ), upd as (
            update jobs j
            set state = t.next_state,
                scheduled_at = case when t.next_state = 'retryable'
                                    then now() + make_interval(secs => @delaySeconds) else j.scheduled_at end,
                owner = null, heartbeat_at = null,
                finalized_at = case when t.next_state = 'retryable' then null else now() end,
                cancel_reason = case when t.next_state = 'cancelled'
                                     then 'superseded by a pending job with the same unique key' end
            from target t
            where j.id = t.id
            returning j.id, j.attempt, j.state
        ), err as (
            insert into job_errors (job_id, attempt, message, exception_type, details)
            select id, attempt, @message, @exceptionType, @details from upd
        )
        select state from upd
        """;

    // The rescue does not wait for a row that someone holds (a completion committing): it looks again next time.
    private static readonly string RescueSql = FailSql.Replace("for update", "for update skip locked", StringComparison.Ordinal);

    /// <summary>Ends a failed attempt: the error is kept, then the job waits <paramref name="retryDelay"/> for its
    /// next attempt, or is discarded when it has none left (or <paramref name="discard"/>). When another pending
    /// job already holds the unique key, this one is cancelled as superseded instead of retried.
    /// <paramref name="staleAfter"/> limits it to a job whose heartbeat is at least that old (the rescue).</summary>
    public async Task<JobState?> FailAsync(long id, int attempt, AttemptError error, TimeSpan retryDelay, bool discard,
        TimeSpan? staleAfter, CancellationToken cancellationToken)
    {
        var parameters = new
        {
            id,
            attempt,
            discard,
            delaySeconds = retryDelay.TotalSeconds,
            staleSeconds = staleAfter?.TotalSeconds,
            message = error.Message,
            exceptionType = error.ExceptionType,
            details = error.Details,
        };
        var state = await WithUniqueRetryAsync(staleAfter is null ? FailSql : RescueSql, parameters, cancellationToken);
        return state is null ? null : JobStates.FromDb(state);
    }

    /// <summary>Hands a job back to the queue at shutdown without counting the attempt against it.</summary>
    public async Task<JobState?> ReleaseAsync(long id, int attempt, CancellationToken cancellationToken)
    {
        const string sql = $"""
            with target as (
                select j.id,
                       case when exists (select from jobs o
                                         where o.unique_key = j.unique_key and o.id <> j.id and o.state in {PendingStates})
                            then 'cancelled' else 'available' end as next_state
                from jobs j
                where j.id = @id and j.attempt = @attempt and j.state = 'processing'
                for update
            ), upd as (
                update jobs j
                set state = t.next_state, owner = null, heartbeat_at = null,
                    max_attempts = j.max_attempts + 1,
                    finalized_at = case when t.next_state = 'cancelled' then now() end,
                    cancel_reason = case when t.next_state = 'cancelled'
                                         then 'superseded by a pending job with the same unique key' end
                from target t
                where j.id = t.id
                returning j.state, j.queue
            )
            select state from upd
            where (case when state = 'available' then pg_notify(@channel, queue) end) is null
            """;
        var state = await WithUniqueRetryAsync(sql, new { id, attempt, channel = JobQueue.NotificationChannel },
            cancellationToken);
        return state is null ? null : JobStates.FromDb(state);
    }

    /// <summary>Refreshes the heartbeat of the jobs this process runs; returns the ids it still owns. A job whose
    /// row is locked (its completion is committing) counts as owned and is not waited for.</summary>
    public async Task<HashSet<long>> HeartbeatAsync(long[] ids, int[] attempts, CancellationToken cancellationToken)
    {
        const string sql = """
            with mine as (
                select j.id from jobs j
                join unnest(@ids, @attempts) as t(id, attempt) on t.id = j.id and t.attempt = j.attempt
                where j.state = 'processing'
            ), locked as (
                select id from jobs
                where id in (select id from mine) and state = 'processing'
                for update skip locked
            ), beat as (
                update jobs set heartbeat_at = now() from locked where jobs.id = locked.id
            )
            select id from mine
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var owned = await connection.QueryAsync<long>(
            new CommandDefinition(sql, new { ids, attempts }, cancellationToken: cancellationToken));
        return owned.ToHashSet();
    }

    // Moving a job back into the pending states can collide with an enqueue of the same unique key that commits
    // meanwhile; the next turn sees that job and supersedes this one.
    private async Task<string?> WithUniqueRetryAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        for (var turn = 0; ; turn++)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
                return await connection.QueryFirstOrDefaultAsync<string?>(
                    new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && turn < 5)
            {
            }
        }
    }
}
