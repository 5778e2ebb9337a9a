using Dapper;
using Npgsql;

namespace LinkMatch.Jobs;

/// <summary>What staff and admins see and do: lists, a job with its errors, retry, cancel, run a schedule now, and
/// the queue figures. Expected outcomes are results, not exceptions.</summary>
public sealed partial class JobAdmin(NpgsqlDataSource dataSource, JobQueue queue)
{
    private const string SummaryColumns = """
        id, kind, queue, state, priority, attempt, max_attempts, created_at, scheduled_at, attempted_at, finalized_at,
        unique_key, owner
        """;

    static JobAdmin() => Db.Configure();

    public async Task<JobPage> ListAsync(JobListQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        const string sql = $"""
            select {SummaryColumns}
            from jobs
            where (@kind::text is null or kind = @kind)
              and (@state::text is null or state = @state)
              and (@queue::text is null or queue = @queue)
              and (@beforeId::bigint is null or id < @beforeId)
            order by id desc
            limit @limit
            """;
        var limit = Math.Clamp(query.Limit, 1, JobListQuery.MaxLimit);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<JobRow>(new CommandDefinition(sql, new
        {
            kind = query.Kind,
            state = query.State?.ToDb(),
            queue = query.Queue,
            beforeId = query.BeforeId,
            limit = limit + 1,
        }, cancellationToken: cancellationToken))).AsList();
        var items = rows.Take(limit).Select(r => r.ToSummary()).ToList();
        return new JobPage(items, rows.Count > limit ? items[^1].Id : null);
    }

    /// <summary>The job with its arguments and every error, oldest first; null when there is no such job.</summary>
    public async Task<JobDetail?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        const string jobSql = $"""
            select {SummaryColumns}, args::text as args, heartbeat_at, cancel_reason
            from jobs where id = @id
            """;
        const string errorsSql = """
            select attempt, occurred_at, message, exception_type, details
            from job_errors where job_id = @id
            order by attempt, id
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QueryFirstOrDefaultAsync<JobDetailRow>(
            new CommandDefinition(jobSql, new { id }, cancellationToken: cancellationToken));
        if (row is null)
        {
            return null;
        }
        var errors = await connection.QueryAsync<ErrorRow>(
            new CommandDefinition(errorsSql, new { id }, cancellationToken: cancellationToken));
        return new JobDetail(row.ToSummary(), JobJson.Parse(row.Args), Db.Utc(row.HeartbeatAt), row.CancelReason,
            errors.Select(e => new JobError(e.Attempt, Db.Utc(e.OccurredAt), e.Message, e.ExceptionType, e.Details))
                .ToList());
    }

    /// <summary>Runs a retryable, discarded or cancelled job again now. A job with no attempts left gets one more;
    /// the attempt number is never lowered (it fences completions).</summary>
    public async Task<JobCommandResult> RetryAsync(long id, CancellationToken cancellationToken = default)
    {
        const string sql = $"""
            update jobs
            set state = 'available', scheduled_at = now(), finalized_at = null, cancel_reason = null,
                max_attempts = greatest(max_attempts, attempt + 1)
            where id = @id
            returning {SummaryColumns}
            """;
        return await CommandAsync(id, [JobState.Retryable, JobState.Discarded, JobState.Cancelled], sql,
            new { id }, notify: true, cancellationToken);
    }

    /// <summary>Cancels a job that has not started: scheduled, available or retryable. A running job is refused.</summary>
    public async Task<JobCommandResult> CancelAsync(long id, string? reason = null,
        CancellationToken cancellationToken = default)
    {
        const string sql = $"""
            update jobs
            set state = 'cancelled', finalized_at = now(), cancel_reason = @reason
            where id = @id
            returning {SummaryColumns}
            """;
        return await CommandAsync(id, [JobState.Scheduled, JobState.Available, JobState.Retryable], sql,
            new { id, reason = reason ?? "cancelled by staff" }, notify: false, cancellationToken);
    }

    /// <summary>Enqueues the job of a recurring schedule now, apart from its fire times. Asking twice while the first
    /// is still pending gives the same job.</summary>
    public async Task<JobCommandResult> TriggerScheduleAsync(string name, CancellationToken cancellationToken = default)
    {
        const string sql = """
            select kind, queue, args::text as args, priority, max_attempts
            from job_schedules where name = @name
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var schedules = (await connection.QueryAsync<(string Kind, string Queue, string Args, short Priority, int MaxAttempts)>(
            new CommandDefinition(sql, new { name }, transaction, cancellationToken: cancellationToken))).AsList();
        if (schedules.Count == 0)
        {
            return new JobCommandResult.NotFound();
        }
        var s = schedules[0];
        var request = new JobRequest(s.Kind)
        {
            Queue = s.Queue,
            Priority = s.Priority,
            MaxAttempts = s.MaxAttempts,
            UniqueKey = $"schedule:{name}:manual",
        };
        var job = await queue.InsertAsync(connection, transaction, request, s.Args, cancellationToken);
        var row = await connection.QuerySingleAsync<JobRow>(new CommandDefinition(
            $"select {SummaryColumns} from jobs where id = @id", new { id = job.Id }, transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return new JobCommandResult.Ok(row.ToSummary());
    }

    private async Task<JobCommandResult> CommandAsync(long id, JobState[] allowed, string sql, object parameters,
        bool notify, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var current = (await connection.QueryAsync<(string State, string? UniqueKey)>(new CommandDefinition(
            "select state, unique_key from jobs where id = @id for update", new { id }, transaction,
            cancellationToken: cancellationToken))).AsList();
        if (current.Count == 0)
        {
            return new JobCommandResult.NotFound();
        }
        var job = current[0];
        var state = JobStates.FromDb(job.State);
        if (!allowed.Contains(state))
        {
            return new JobCommandResult.Conflict(
                $"The job is {job.State}; this applies only to {string.Join(", ", allowed.Select(a => a.ToDb()))} jobs.");
        }
        try
        {
            var row = await connection.QuerySingleAsync<JobRow>(
                new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken));
            if (notify)
            {
                await connection.ExecuteAsync(new CommandDefinition("select pg_notify(@channel, @queue)",
                    new { channel = JobQueue.NotificationChannel, queue = row.Queue }, transaction,
                    cancellationToken: cancellationToken));
            }
            await transaction.CommitAsync(cancellationToken);
            return new JobCommandResult.Ok(row.ToSummary());
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return new JobCommandResult.Conflict(
                $"Another pending job holds the unique key '{job.UniqueKey}'.");
        }
    }

    private record JobRow(
        long Id, string Kind, string Queue, string State, short Priority, int Attempt, int MaxAttempts,
        DateTime CreatedAt, DateTime ScheduledAt, DateTime? AttemptedAt, DateTime? FinalizedAt, string? UniqueKey,
        string? Owner)
    {
        public JobSummary ToSummary() => new(Id, Kind, Queue, JobStates.FromDb(State), Priority, Attempt, MaxAttempts,
            Db.Utc(CreatedAt), Db.Utc(ScheduledAt), Db.Utc(AttemptedAt), Db.Utc(FinalizedAt), UniqueKey, Owner);
    }

    private sealed record JobDetailRow(
        long Id, string Kind, string Queue, string State, short Priority, int Attempt, int MaxAttempts,
        DateTime CreatedAt, DateTime ScheduledAt, DateTime? AttemptedAt, DateTime? FinalizedAt, string? UniqueKey,
        string? Owner, string Args, DateTime? HeartbeatAt, string? CancelReason)
        : JobRow(Id, Kind, Queue, State, Priority, Attempt, MaxAttempts, CreatedAt, ScheduledAt, AttemptedAt,
            FinalizedAt, UniqueKey, Owner);

    private sealed record ErrorRow(int Attempt, DateTime OccurredAt, string Message, string ExceptionType, string? Details);
}
