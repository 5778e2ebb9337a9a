using System.Diagnostics.Metrics;

namespace LinkMatch.Api.Telemetry;

/// <summary>LinkMatch's own instruments (meter <c>LinkMatch</c>), beside ASP.NET Core's, Npgsql's and the job
/// queue's (<see cref="LinkMatch.Jobs.JobMetrics"/>). The names and what to alert on: Telemetry/README.md.</summary>
public sealed class LinkMatchMetrics
{
    public const string MeterName = "LinkMatch";

    private readonly Counter<long> _signIns;
    private readonly Counter<long> _suggestionsWritten;

    public LinkMatchMetrics(IMeterFactory meters, QueueSampler queue)
    {
        var meter = meters.Create(MeterName);
        _signIns = meter.CreateCounter<long>("linkmatch.auth.sign_ins", "{attempt}",
            "Password sign-ins (API and console), by outcome: success, invalid (wrong or unknown name or password) or " +
            "locked_out (refused while the account is locked, or the attempt that locked it).");
        _suggestionsWritten = meter.CreateCounter<long>("linkmatch.matching.suggestions_written", "{suggestion}",
            "Proposed suggestions stored, by trigger: refresh (every suggestion), vacancy or seeker (a recompute).");
        meter.CreateObservableGauge("linkmatch.jobs.queue.depth", () => queue.Depth(), "{job}",
            "Jobs not finished, by queue and state: available (waiting for a worker), scheduled, retryable, processing.");
        meter.CreateObservableGauge("linkmatch.jobs.queue.oldest_age", () => queue.OldestAge(), "s",
            "How long the oldest available job of each queue has waited for a worker.");
        meter.CreateObservableGauge("linkmatch.model.serving_version", () => queue.ServingModel(), "{version}",
            "The version of the ranking model that serves suggestions (the registry's, shared by every instance).");
    }

    public void SignIn(string outcome) => _signIns.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void SuggestionsWritten(string trigger, int count) =>
        _suggestionsWritten.Add(count, new KeyValuePair<string, object?>("trigger", trigger));
}
