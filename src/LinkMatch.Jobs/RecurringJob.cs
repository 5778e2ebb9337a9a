namespace LinkMatch.Jobs;

/// <summary>A schedule defined in code: at every fire time of <see cref="Cron"/> (in <see cref="TimeZone"/>) one job
/// of <see cref="Kind"/> is enqueued, whatever the number of instances running.</summary>
/// <param name="Name">Stable name; the row in <c>job_schedules</c> and the unique keys of its jobs derive from it.</param>
/// <param name="Cron">Quartz syntax with seconds (<c>0 0 3 * * ?</c>), or five Unix fields (<c>0 3 * * *</c>)
/// when the day-of-week field is <c>*</c> or uses names (<c>MON-FRI</c>).</param>
/// <param name="Kind">The job kind to enqueue.</param>
public sealed record RecurringJob(string Name, string Cron, string Kind)
{
    /// <summary>An IANA time zone, e.g. <c>Asia/Makassar</c> for Balikpapan (WITA, UTC+8).</summary>
    public string TimeZone { get; init; } = "UTC";

    public object? Args { get; init; }

    public string Queue { get; init; } = JobQueueOptions.DefaultQueue;

    public short Priority { get; init; }

    public int? MaxAttempts { get; init; }
}
