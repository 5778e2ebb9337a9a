using Microsoft.Extensions.Hosting;

namespace LinkMatch.Jobs;

/// <summary>Runs the <see cref="JobServer"/> for the lifetime of the host.</summary>
internal sealed class JobServerHostedService(JobServer server) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => server.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => server.StopAsync(cancellationToken);
}
