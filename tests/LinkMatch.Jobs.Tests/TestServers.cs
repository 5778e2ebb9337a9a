using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Xunit.Abstractions;

namespace LinkMatch.Jobs.Tests;

/// <summary>One queue instance as a process would have it (its own container, server, queue and admin), with short
/// intervals so that tests run fast. Several may share one database.</summary>
public sealed class TestInstance : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private TestInstance(ServiceProvider services)
    {
        _services = services;
        Server = services.GetRequiredService<JobServer>();
        Queue = services.GetRequiredService<JobQueue>();
        Admin = services.GetRequiredService<JobAdmin>();
    }

    public JobServer Server { get; }

    public JobQueue Queue { get; }

    public JobAdmin Admin { get; }

    public static TestInstance Create(NpgsqlDataSource dataSource, ITestOutputHelper? output,
        Action<IServiceCollection> register, Action<JobQueueOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Warning);
            if (output is not null)
            {
                logging.AddProvider(new TestOutputLoggerProvider(output));
            }
        });
        services.AddSingleton(dataSource);
        services.AddJobQueue(options =>
        {
            options.Workers = 4;
            options.PollInterval = TimeSpan.FromMilliseconds(100);
            // A live worker on a loaded machine can stall for seconds; a shorter timeout would rescue its jobs.
            options.HeartbeatInterval = TimeSpan.FromMilliseconds(500);
            options.HeartbeatTimeout = TimeSpan.FromSeconds(10);
            options.RescueInterval = TimeSpan.FromMilliseconds(200);
            options.RetryBaseDelay = TimeSpan.FromMilliseconds(10);
            options.RetryMaxDelay = TimeSpan.FromMilliseconds(100);
            options.ShutdownTimeout = TimeSpan.FromSeconds(5);
            options.SchedulerInterval = TimeSpan.FromMilliseconds(100);
            configure?.Invoke(options);
        });
        register(services);
        return new TestInstance(services.BuildServiceProvider(validateScopes: true));
    }

    public async Task<TestInstance> StartedAsync()
    {
        await Server.StartAsync();
        return this;
    }

    public async ValueTask DisposeAsync()
    {
        await Server.StopAsync();
        await _services.DisposeAsync();
    }
}

internal sealed class TestOutputLoggerProvider(ITestOutputHelper output) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new OutputLogger(output);

    public void Dispose()
    {
    }

    private sealed class OutputLogger(ITestOutputHelper output) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            try
            {
                output.WriteLine($"[{DateTime.UtcNow:HH:mm:ss.fff} {logLevel}] {formatter(state, exception)}"
                    + (exception is null ? "" : $" ({exception.GetType().Name}: {exception.Message})"));
            }
            catch (InvalidOperationException)
            {
                // The test has finished; its output is closed.
            }
        }
    }
}

internal static class Wait
{
    /// <summary>Polls <paramref name="condition"/> until it holds; fails the test after <paramref name="timeout"/>,
    /// with what <paramref name="state"/> reads at that moment when given.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what,
        Func<Task<string>>? state = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                var seen = state is null ? "" : $" State then: {await state()}";
                Assert.Fail($"Timed out after {timeout.TotalSeconds:0.#} s waiting for {what}.{seen}");
            }
            await Task.Delay(50);
        }
    }
}
