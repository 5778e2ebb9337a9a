using System.Text.Json;
using Npgsql;

namespace LinkMatch.Jobs;

/// <summary>What a handler knows about the job it runs.</summary>
public sealed class JobContext
{
    private readonly JobStore _store;
    private readonly Action _completing;
    private int _completedWithin;

    // completing: called once the completion is written in the handler's transaction, before it commits; from
    // then on the job no longer being processing is this worker's own doing.
    internal JobContext(FetchedJob job, JobStore store, Action completing, CancellationToken cancellationToken)
    {
        Id = job.Id;
        Kind = job.Kind;
        Queue = job.Queue;
        Attempt = job.Attempt;
        MaxAttempts = job.MaxAttempts;
        ScheduledAt = Db.Utc(job.ScheduledAt);
        CreatedAt = Db.Utc(job.CreatedAt);
        Args = JobJson.Parse(job.Args);
        CancellationToken = cancellationToken;
        _store = store;
        _completing = completing;
    }

    public long Id { get; }

    public string Kind { get; }

    public string Queue { get; }

    public JsonElement Args { get; }

    /// <summary>1 for the first attempt.</summary>
    public int Attempt { get; }

    public int MaxAttempts { get; }

    public DateTimeOffset ScheduledAt { get; }

    public DateTimeOffset CreatedAt { get; }

    /// <summary>Fires when the process shuts down past its grace period, or when the job is no longer this
    /// worker's (rescued after missed heartbeats).</summary>
    public CancellationToken CancellationToken { get; }

    internal bool CompletedWithin => Volatile.Read(ref _completedWithin) == 1;

    /// <summary>The arguments as <typeparamref name="T"/> (System.Text.Json web defaults).</summary>
    /// <exception cref="PermanentJobFailureException">The arguments do not fit <typeparamref name="T"/>.</exception>
    public T GetArgs<T>()
    {
        try
        {
            return Args.Deserialize<T>(JobJson.Options)
                ?? throw new PermanentJobFailureException($"Job {Id} has null arguments.");
        }
        catch (JsonException e)
        {
            throw new PermanentJobFailureException($"Job {Id} has arguments that do not fit {typeof(T).Name}.", e);
        }
    }

    /// <summary>Marks the job succeeded inside the caller's transaction, so that the handler's effect and the
    /// completion commit together. Call it last, just before committing.</summary>
    /// <exception cref="JobOwnershipLostException">This worker no longer owns the job; the transaction has been
    /// rolled back, so the effect is not written.</exception>
    public async Task CompleteWithinAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(transaction);
        if (!await _store.CompleteAsync(connection, transaction, Id, Attempt, cancellationToken))
        {
            await transaction.RollbackAsync(CancellationToken.None);
            throw new JobOwnershipLostException(
                $"Job {Id} attempt {Attempt} is no longer owned by this worker; its transaction was rolled back.");
        }
        Volatile.Write(ref _completedWithin, 1);
        _completing();
    }
}
