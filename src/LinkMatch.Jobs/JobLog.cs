using Microsoft.Extensions.Logging;

namespace LinkMatch.Jobs;

internal static partial class JobLog
{
    [LoggerMessage(1, LogLevel.Information, "Job server {Server} started: {Workers} workers on queues {Queues}")]
    public static partial void Started(ILogger logger, string server, int workers, string queues);

    [LoggerMessage(2, LogLevel.Information, "Job server {Server} stopped")]
    public static partial void Stopped(ILogger logger, string server);

    [LoggerMessage(3, LogLevel.Debug, "Listening for job notifications")]
    public static partial void Listening(ILogger logger);

    [LoggerMessage(4, LogLevel.Warning, "The job notification listener failed; reconnecting in {Delay}")]
    public static partial void ListenerFailed(ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(5, LogLevel.Warning, "Fetching jobs failed; trying again in {Delay}")]
    public static partial void FetchFailed(ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(6, LogLevel.Warning, "Job {JobId} ({Kind}) attempt {Attempt} failed; now {State}")]
    public static partial void AttemptFailed(ILogger logger, Exception exception, long jobId, string kind, int attempt,
        JobState? state);

    [LoggerMessage(7, LogLevel.Warning, "Job {JobId} attempt {Attempt} is no longer owned by this worker; its outcome is dropped")]
    public static partial void OwnershipLost(ILogger logger, long jobId, int attempt);

    [LoggerMessage(8, LogLevel.Information, "Job {JobId} attempt {Attempt} handed back at shutdown; now {State}")]
    public static partial void Released(ILogger logger, long jobId, int attempt, JobState? state);

    [LoggerMessage(9, LogLevel.Error, "Recording the outcome of job {JobId} attempt {Attempt} failed; it will be rescued")]
    public static partial void BookkeepingFailed(ILogger logger, Exception exception, long jobId, int attempt);

    [LoggerMessage(10, LogLevel.Warning, "The job loop {Loop} failed")]
    public static partial void LoopFailed(ILogger logger, Exception exception, string loop);

    [LoggerMessage(11, LogLevel.Warning, "Rescued job {JobId} attempt {Attempt} from {Owner}, which stopped heartbeating; now {State}")]
    public static partial void Rescued(ILogger logger, long jobId, int attempt, string? owner, JobState? state);

    [LoggerMessage(12, LogLevel.Information, "Deleted {Count} finished jobs past their retention")]
    public static partial void Deleted(ILogger logger, int count);

    [LoggerMessage(13, LogLevel.Information, "Schedule {Schedule} fired for {FireTime:o}: job {JobId}; next at {Next:o}")]
    public static partial void Fired(ILogger logger, string schedule, DateTimeOffset fireTime, long jobId, DateTimeOffset? next);

    [LoggerMessage(14, LogLevel.Error, "Schedule {Schedule} has an expression that no longer parses; it is paused")]
    public static partial void ScheduleBroken(ILogger logger, Exception exception, string schedule);

    [LoggerMessage(15, LogLevel.Warning, "Stopping with {Count} jobs still running after the grace period; cancelling them")]
    public static partial void Aborting(ILogger logger, int count);

    [LoggerMessage(16, LogLevel.Error, "The job dispatcher failed; fetching again in {Delay}")]
    public static partial void DispatchFailed(ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(17, LogLevel.Error, "The job loop {Loop} failed unexpectedly; it runs again at its next interval")]
    public static partial void LoopBroken(ILogger logger, Exception exception, string loop);
}
