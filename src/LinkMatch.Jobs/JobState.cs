namespace LinkMatch.Jobs;

/// <summary>Where a job is in its life; stored as lower-case text in <c>jobs.state</c>.</summary>
public enum JobState
{
    /// <summary>Waits for its scheduled time (a delayed enqueue).</summary>
    Scheduled,
    /// <summary>Ready to be taken by a worker.</summary>
    Available,
    /// <summary>Owned by a worker, which heartbeats it.</summary>
    Processing,
    /// <summary>An attempt failed; waits for its backoff before the next attempt.</summary>
    Retryable,
    Succeeded,
    /// <summary>Gave up: every attempt failed, or the handler reported a permanent failure.</summary>
    Discarded,
    /// <summary>Cancelled by staff, or superseded by a newer pending job with the same unique key.</summary>
    Cancelled,
}

internal static class JobStates
{
    public static string ToDb(this JobState state) => state switch
    {
        JobState.Scheduled => "scheduled",
        JobState.Available => "available",
        JobState.Processing => "processing",
        JobState.Retryable => "retryable",
        JobState.Succeeded => "succeeded",
        JobState.Discarded => "discarded",
        JobState.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static JobState FromDb(string state) => state switch
    {
        "scheduled" => JobState.Scheduled,
        "available" => JobState.Available,
        "processing" => JobState.Processing,
        "retryable" => JobState.Retryable,
        "succeeded" => JobState.Succeeded,
        "discarded" => JobState.Discarded,
        "cancelled" => JobState.Cancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "unknown job state"),
    };
}
