namespace LinkMatch.Jobs;

/// <summary>Runs the jobs of one kind. Resolved in a dependency-injection scope of its own for each job.</summary>
/// <remarks>
/// A job runs at least once: a worker that dies mid-job, or loses its job to a rescue, leaves the job to run
/// again. To make the effect happen exactly once, write it in a transaction and call
/// <see cref="JobContext.CompleteWithinAsync"/> in that same transaction before committing: the job is then marked
/// succeeded together with the effect, or not at all. Returning normally marks the job succeeded; throwing counts a
/// failed attempt, retried with backoff (<see cref="PermanentJobFailureException"/> discards it at once).
/// </remarks>
public interface IJobHandler
{
    Task ExecuteAsync(JobContext context, CancellationToken cancellationToken);
}

/// <summary>Thrown by <see cref="JobContext.CompleteWithinAsync"/> when this worker no longer owns the job: it was
/// rescued (presumed dead), cancelled or handed back at shutdown. The caller's transaction has been rolled back.</summary>
public sealed class JobOwnershipLostException : Exception
{
    public JobOwnershipLostException()
    {
    }

    public JobOwnershipLostException(string message) : base(message)
    {
    }

    public JobOwnershipLostException(string message, Exception innerException) : base(message, innerException)
    {
    }
}

/// <summary>Thrown by a handler when trying again cannot help (bad arguments, a deleted record): the job is
/// discarded at once, with this error kept.</summary>
public class PermanentJobFailureException : Exception
{
    public PermanentJobFailureException()
    {
    }

    public PermanentJobFailureException(string message) : base(message)
    {
    }

    public PermanentJobFailureException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
