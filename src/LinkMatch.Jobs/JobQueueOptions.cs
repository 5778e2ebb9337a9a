using Microsoft.Extensions.Options;

namespace LinkMatch.Jobs;

/// <summary>Settings of the job queue, bound from the <c>Jobs</c> configuration section.</summary>
public sealed class JobQueueOptions
{
    public const string SectionName = "Jobs";
    public const string DefaultQueue = "default";

    /// <summary>Queues this process works; empty means <c>default</c> only.</summary>
    public string[] Queues { get; set; } = [];

    /// <summary>Jobs run at once by this process; 0 runs none (an API-only instance still enqueues, schedules
    /// and maintains).</summary>
    public int Workers { get; set; } = 10;

    /// <summary>Most jobs taken by one fetch.</summary>
    public int FetchBatchSize { get; set; } = 10;

    /// <summary>How often workers look for jobs when no notification woke them (the backstop of LISTEN/NOTIFY),
    /// and how often delayed jobs and retries whose time has come are made available.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A processing job whose heartbeat is older than this is presumed abandoned and rescued.</summary>
    public TimeSpan HeartbeatTimeout { get; set; } = TimeSpan.FromSeconds(60);

    public TimeSpan RescueInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a stop waits for running jobs before it cancels them and hands them back to the queue.
    /// Keep it below the host's own shutdown timeout.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(20);

    public int DefaultMaxAttempts { get; set; } = 10;

    /// <summary>The wait after the first failed attempt; it doubles with each attempt up to
    /// <see cref="RetryMaxDelay"/>, then <see cref="RetryJitter"/> spreads it.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Relative spread of a retry delay: 0.2 gives ±20 %.</summary>
    public double RetryJitter { get; set; } = 0.2;

    /// <summary>Runs recurring schedules in this process; every instance may, each fire time runs once.</summary>
    public bool RunScheduler { get; set; } = true;

    public TimeSpan SchedulerInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Runs rescue and retention in this process; safe on every instance.</summary>
    public bool RunMaintenance { get; set; } = true;

    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Succeeded jobs are deleted this long after they finished.</summary>
    public TimeSpan SucceededRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Discarded and cancelled jobs, with their errors, are deleted this long after they finished.</summary>
    public TimeSpan DiscardedRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Names this process in <c>jobs.owner</c>; host name and process id when unset.</summary>
    public string? ServerName { get; set; }

    internal string[] EffectiveQueues => Queues.Length == 0 ? [DefaultQueue] : Queues;
}

internal sealed class JobQueueOptionsValidator : IValidateOptions<JobQueueOptions>
{
    public ValidateOptionsResult Validate(string? name, JobQueueOptions options)
    {
        var errors = new List<string>();
        void Positive(TimeSpan value, string key)
        {
            if (value <= TimeSpan.Zero)
            {
                errors.Add($"Jobs:{key} must be positive.");
            }
        }

        if (options.Workers is < 0 or > 1000)
        {
            errors.Add("Jobs:Workers must be between 0 and 1000.");
        }
        if (options.FetchBatchSize is < 1 or > 1000)
        {
            errors.Add("Jobs:FetchBatchSize must be between 1 and 1000.");
        }
        if (options.DefaultMaxAttempts < 1)
        {
            errors.Add("Jobs:DefaultMaxAttempts must be at least 1.");
        }
        if (options.RetryJitter is < 0 or >= 1)
        {
            errors.Add("Jobs:RetryJitter must be at least 0 and below 1.");
        }
        if (options.Queues.Any(q => string.IsNullOrWhiteSpace(q) || q.Length > 100))
        {
            errors.Add("Jobs:Queues may not hold empty names or names longer than 100 characters.");
        }
        Positive(options.PollInterval, nameof(options.PollInterval));
        Positive(options.HeartbeatInterval, nameof(options.HeartbeatInterval));
        Positive(options.HeartbeatTimeout, nameof(options.HeartbeatTimeout));
        Positive(options.RescueInterval, nameof(options.RescueInterval));
        Positive(options.ShutdownTimeout, nameof(options.ShutdownTimeout));
        Positive(options.RetryBaseDelay, nameof(options.RetryBaseDelay));
        Positive(options.RetryMaxDelay, nameof(options.RetryMaxDelay));
        Positive(options.SchedulerInterval, nameof(options.SchedulerInterval));
        Positive(options.RetentionInterval, nameof(options.RetentionInterval));
        Positive(options.SucceededRetention, nameof(options.SucceededRetention));
        Positive(options.DiscardedRetention, nameof(options.DiscardedRetention));
        // Two missed heartbeats in a row must not be enough to rescue a live worker's job.
        if (options.HeartbeatTimeout < options.HeartbeatInterval * 3)
        {
            errors.Add("Jobs:HeartbeatTimeout must be at least three times Jobs:HeartbeatInterval.");
        }
        if (options.RetryMaxDelay < options.RetryBaseDelay)
        {
            errors.Add("Jobs:RetryMaxDelay must not be below Jobs:RetryBaseDelay.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
