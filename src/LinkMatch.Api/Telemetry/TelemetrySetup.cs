using LinkMatch.Jobs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace LinkMatch.Api.Telemetry;

/// <summary>OpenTelemetry metrics and traces: ASP.NET Core, outgoing HTTP, Npgsql, the .NET runtime, the job queue
/// and LinkMatch's own instruments. Metrics go to a Prometheus scrape endpoint on a port of their own and/or an OTLP
/// collector; traces only to OTLP. With neither configured nothing is collected.</summary>
public static class TelemetrySetup
{
    // Npgsql reports its commands and connection pools under this name (meter and activity source alike).
    private const string Npgsql = "Npgsql";

    public static IHostApplicationBuilder AddTelemetry(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<TelemetryOptions>().BindConfiguration("Telemetry").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<QueueSampler>();
        services.AddSingleton<LinkMatchMetrics>();

        if (Configured(builder.Configuration) is not { ExportsMetrics: true } settings)
        {
            return builder;
        }

        var otlp = string.IsNullOrEmpty(settings.OtlpEndpoint) ? null : new Uri(settings.OtlpEndpoint);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("linkmatch", serviceInstanceId: $"{Environment.MachineName}:{Environment.ProcessId}"))
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddRuntimeInstrumentation()
                    .AddMeter(Npgsql, JobMetrics.Name, LinkMatchMetrics.MeterName);
                if (settings.MetricsPort > 0)
                {
                    metrics.AddPrometheusHttpListener(o =>
                    {
                        o.Host = settings.MetricsHost;
                        o.Port = settings.MetricsPort;
                        o.ScrapeEndpointPath = "/metrics";
                    });
                }

                if (otlp is not null)
                {
                    metrics.AddOtlpExporter(o => o.Endpoint = otlp);
                }
            });
        if (otlp is not null)
        {
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = ctx => !ctx.Request.Path.StartsWithSegments("/health"))
                .AddHttpClientInstrumentation()
                .AddSource(Npgsql, JobMetrics.Name)
                .AddOtlpExporter(o => o.Endpoint = otlp));
        }

        return builder;
    }

    /// <summary>The settings, or null when they cannot be read (start-up validation then stops with the reason).</summary>
    private static TelemetryOptions? Configured(IConfiguration configuration)
    {
        try
        {
            return configuration.GetSection("Telemetry").Get<TelemetryOptions>() ?? new TelemetryOptions();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>For a process that does not start the host (the <c>worker</c> command): builds the providers, which
    /// opens the scrape endpoint and starts the exporters. They stop when the service provider is disposed.</summary>
    public static void StartWithoutHost(IServiceProvider services)
    {
        _ = services.GetService<MeterProvider>();
        _ = services.GetService<TracerProvider>();
    }
}
