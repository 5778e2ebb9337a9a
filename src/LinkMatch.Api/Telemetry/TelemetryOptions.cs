using System.ComponentModel.DataAnnotations;

namespace LinkMatch.Api.Telemetry;

/// <summary>Where metrics and traces go (section <c>Telemetry</c>). Everything is off until configured.</summary>
public sealed class TelemetryOptions
{
    /// <summary>The port of Prometheus's scrape endpoint (<c>/metrics</c>), served by its own listener beside the
    /// API's; 0 for none. It answers without credentials, so it belongs on the internal network only: publish the
    /// API's port through the reverse proxy, never this one (README, "Metrics and traces").</summary>
    [Range(0, 65535)]
    public int MetricsPort { get; set; }

    /// <summary>The host name the scrape endpoint binds to and answers to (the listener matches the request's Host
    /// header): <c>localhost</c> (the default) for this machine only; in a container network, the service's own name
    /// (<c>api-1</c>), which Prometheus then scrapes as <c>api-1:9464</c>.</summary>
    [Required(AllowEmptyStrings = false), RegularExpression(@"^[A-Za-z0-9][A-Za-z0-9.\-]{0,252}$")]
    public string MetricsHost { get; set; } = "localhost";

    /// <summary>An OpenTelemetry collector (<c>http://collector:4317</c>, gRPC) that receives traces and metrics;
    /// empty for none.</summary>
    [Url]
    public string? OtlpEndpoint { get; set; }

    /// <summary>How old the job-queue figures (a query of the jobs table) may be when a scrape reads them.</summary>
    [Range(1, 3600)]
    public int QueueSampleSeconds { get; set; } = 15;

    public bool ExportsMetrics => MetricsPort > 0 || !string.IsNullOrEmpty(OtlpEndpoint);
}
