using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace LinkMatch.Jobs;

/// <summary>What the queue's workers did, for OpenTelemetry or any <see cref="MeterListener"/>: attempts finished per
/// kind and outcome, and how long they ran; one activity (span) per attempt, so that the database calls a handler makes
/// are traced under the job that made them. Queue depth and age are the database's to tell
/// (<see cref="JobAdmin.GetStatsAsync"/>): every instance sees the same queue.</summary>
public static class JobMetrics
{
    /// <summary>The name of the meter and of the activity source.</summary>
    public const string Name = "LinkMatch.Jobs";

    private static readonly Meter Meter = new(Name);
    internal static readonly ActivitySource Activities = new(Name);

    private static readonly Counter<long> Attempts = Meter.CreateCounter<long>("linkmatch.jobs.attempts", "{attempt}",
        "Job attempts finished, by kind and outcome: succeeded, retried (failed, another attempt is scheduled) or " +
        "failed (failed for good: discarded).");

    private static readonly Histogram<double> Duration = Meter.CreateHistogram("linkmatch.jobs.duration", "s",
        "How long a job attempt ran, from its start on a worker to its outcome being written, by kind and outcome.",
        tags: null, advice: new InstrumentAdvice<double>
        {
            // From a recompute (tens of milliseconds) to a province's nightly refresh or a retraining (minutes).
            HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800],
        });

    internal static Activity? StartAttempt(FetchedJob job)
    {
        var activity = Activities.StartActivity($"job {job.Kind}", ActivityKind.Consumer);
        activity?.SetTag("linkmatch.job.kind", job.Kind);
        activity?.SetTag("linkmatch.job.id", job.Id);
        activity?.SetTag("linkmatch.job.attempt", job.Attempt);
        return activity;
    }

    internal static void Finished(FetchedJob job, string outcome, TimeSpan elapsed, Activity? activity)
    {
        var tags = new TagList { { "kind", job.Kind }, { "outcome", outcome } };
        Attempts.Add(1, tags);
        Duration.Record(elapsed.TotalSeconds, tags);
        if (activity is not null)
        {
            activity.SetTag("linkmatch.job.outcome", outcome);
            activity.SetStatus(outcome == Outcomes.Succeeded ? ActivityStatusCode.Ok : ActivityStatusCode.Error);
        }
    }

    /// <summary>The values of the <c>outcome</c> tag.</summary>
    public static class Outcomes
    {
        public const string Succeeded = "succeeded";
        public const string Retried = "retried";
        public const string Failed = "failed";
    }
}
