using System.Text.Json;

namespace LinkMatch.Jobs;

/// <summary>Filters of a job list, newest first; page on with <see cref="BeforeId"/> = the last id seen.</summary>
public sealed record JobListQuery(
    string? Kind = null, JobState? State = null, string? Queue = null, long? BeforeId = null, int Limit = 50)
{
    public const int MaxLimit = 200;
}

public sealed record JobSummary(
    long Id, string Kind, string Queue, JobState State, short Priority, int Attempt, int MaxAttempts,
    DateTimeOffset CreatedAt, DateTimeOffset ScheduledAt, DateTimeOffset? AttemptedAt, DateTimeOffset? FinalizedAt,
    string? UniqueKey, string? Owner);

/// <summary>A page of jobs; <see cref="NextBeforeId"/> is null on the last page.</summary>
public sealed record JobPage(IReadOnlyList<JobSummary> Items, long? NextBeforeId);

/// <summary>The error of one failed attempt. <see cref="Details"/> holds the exception with its stack trace.</summary>
public sealed record JobError(int Attempt, DateTimeOffset OccurredAt, string Message, string ExceptionType, string? Details);

public sealed record JobDetail(
    JobSummary Job, JsonElement Args, DateTimeOffset? HeartbeatAt, string? CancelReason, IReadOnlyList<JobError> Errors);

/// <summary>The outcome of a staff command: the job as it now is, not found, or refused with a reason.</summary>
public abstract record JobCommandResult
{
    private JobCommandResult()
    {
    }

    public sealed record Ok(JobSummary Job) : JobCommandResult;

    public sealed record NotFound : JobCommandResult;

    public sealed record Conflict(string Reason) : JobCommandResult;
}

/// <summary>Figures of one queue and kind; <c>Kind</c> is null on the total of a queue. <c>Depth</c> counts jobs
/// ready to run now (state available); <c>OldestAvailableAge</c> is how long the oldest of them has waited since its
/// scheduled time; <c>Failed*</c> count failed attempts (errors recorded), including those retried since.</summary>
public sealed record QueueStats(
    string Queue, string? Kind, long Depth, long Scheduled, long Retryable, long Processing,
    TimeSpan? OldestAvailableAge, long SucceededLastMinute, long SucceededLastHour, long FailedLastMinute,
    long FailedLastHour, long DiscardedLastHour);

public sealed record JobStats(DateTimeOffset MeasuredAt, IReadOnlyList<QueueStats> Queues, IReadOnlyList<QueueStats> Kinds);

public sealed record ScheduleInfo(
    string Name, string Cron, string TimeZone, string Kind, string Queue, bool Enabled, DateTimeOffset? NextFireAt,
    DateTimeOffset? LastFireAt, long? LastJobId);

/// <summary>Filters of the failed jobs: a kind, and discarded or retryable (both when null); newest first.</summary>
public sealed record JobFailureQuery(string? Kind = null, JobState? State = null, long? BeforeId = null, int Limit = 20);

/// <summary>A failed job with the error of each failed attempt, oldest first.</summary>
public sealed record JobFailure(JobSummary Job, IReadOnlyList<JobError> Errors);

/// <summary>A page of failed jobs; <see cref="Total"/> counts every failed job the filters match.</summary>
public sealed record JobFailurePage(IReadOnlyList<JobFailure> Items, long Total, long? NextBeforeId);
