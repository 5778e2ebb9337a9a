using System.Runtime.InteropServices;
using LinkMatch.Api.Commands;
using LinkMatch.Api.Database;
using LinkMatch.Api.Telemetry;
using LinkMatch.Jobs;

namespace LinkMatch.Api.Jobs;

/// <summary>The durable job queue (LinkMatch.Jobs). Workers run inside the API process by default
/// (<c>Jobs:Workers</c>, 0 for an API-only instance), or in a separate process of the same binary:
/// <c>LinkMatch.Api worker</c>. Any number of API and worker instances can share one database.</summary>
public static class JobsSetup
{
    public static IHostApplicationBuilder AddJobs(this IHostApplicationBuilder builder)
    {
        builder.Services.AddJobQueue();
        CommandLine.Register("worker", "run background job workers only, without serving HTTP (Ctrl+C or SIGTERM stops)",
            RunWorkerAsync);
        return builder;
    }

    private static async Task<int> RunWorkerAsync(WebApplication app, string[] args)
    {
        if (!await app.MigrateDatabaseAsync())
        {
            return 1;
        }

        using var stop = new CancellationTokenSource();
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
        TelemetrySetup.StartWithoutHost(app.Services);
        var server = app.Services.GetRequiredService<JobServer>();
        await server.StartAsync(stop.Token);
        app.Logger.LogInformation("Job worker {Name} started; SIGTERM or Ctrl+C stops it", server.Name);
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
            // Asked to stop.
        }

        await server.StopAsync(CancellationToken.None);
        app.Logger.LogInformation("Job worker {Name} stopped", server.Name);
        return 0;
    }
}
