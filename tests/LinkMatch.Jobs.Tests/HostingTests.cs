using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LinkMatch.Jobs.Tests;

/// <summary>The queue wired the way the web project wires it: Generic Host, the <c>Jobs</c> section, typed handlers.</summary>
public sealed class HostingTests(JobsDatabase db) : IClassFixture<JobsDatabase>
{
    [Fact]
    public async Task A_host_binds_the_jobs_section_and_runs_typed_handlers_in_a_scope_per_job()
    {
        using var host = BuildHost(new Dictionary<string, string?>
        {
            ["Jobs:Workers"] = "2",
            ["Jobs:Queues:0"] = "matching",
            ["Jobs:PollInterval"] = "00:00:00.100",
        });
        Assert.Equal(2, host.Services.GetRequiredService<IOptions<JobQueueOptions>>().Value.Workers);
        await host.StartAsync();
        try
        {
            var queue = host.Services.GetRequiredService<IJobQueue>();
            var ids = new List<long>();
            for (var i = 0; i < 3; i++)
            {
                ids.Add((await queue.EnqueueAsync(new JobRequest(ScopedHandler.Kind) { Queue = "matching", Args = new { vacancyId = i } })).Id);
            }
            await Wait.UntilAsync(async () =>
            {
                await using var connection = await db.App.OpenConnectionAsync();
                return await connection.ExecuteScalarAsync<int>(
                    "select count(*) from jobs where id = any(@ids) and state = 'succeeded'", new { ids = ids.ToArray() }) == 3;
            }, TimeSpan.FromSeconds(20), "the jobs to succeed");
        }
        finally
        {
            await host.StopAsync();
        }
        Assert.Equal(3, ScopedHandler.Scopes.Distinct().Count());
    }

    [Fact]
    public async Task Invalid_settings_stop_the_host_from_starting()
    {
        using var host = BuildHost(new Dictionary<string, string?>
        {
            ["Jobs:Workers"] = "-1",
            ["Jobs:HeartbeatInterval"] = "00:00:30",
            ["Jobs:HeartbeatTimeout"] = "00:00:40",
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(error.Failures, f => f.Contains("Jobs:Workers", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Jobs:HeartbeatTimeout", StringComparison.Ordinal));
    }

    private IHost BuildHost(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(db.App);
        builder.Services.AddScoped<ScopeMarker>();
        builder.Services.AddJobQueue();
        builder.Services.AddJobHandler<ScopedHandler>(ScopedHandler.Kind);
        return builder.Build();
    }

    private sealed class ScopeMarker
    {
        public Guid Id { get; } = Guid.NewGuid();
    }

    private sealed class ScopedHandler(ScopeMarker scope) : IJobHandler
    {
        public const string Kind = "matching.recompute-vacancy";

        public static readonly System.Collections.Concurrent.ConcurrentBag<Guid> Scopes = [];

        public Task ExecuteAsync(JobContext context, CancellationToken cancellationToken)
        {
            _ = context.GetArgs<Args>();
            Scopes.Add(scope.Id);
            return Task.CompletedTask;
        }

        private sealed record Args(long VacancyId);
    }
}
