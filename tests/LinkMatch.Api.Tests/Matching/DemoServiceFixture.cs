using LinkMatch.Api.Tests.Infrastructure;

namespace LinkMatch.Api.Tests.Matching;

/// <summary>A service of its own with a small demo world (so there are outcomes to train on) and its own database.</summary>
public abstract class DemoServiceFixture(string purpose, int workers) : IAsyncLifetime
{
    public TestApp App { get; private set; } = null!;

    public async Task InitializeAsync() => App = await TestApp.StartIsolatedAsync(purpose, new Dictionary<string, string>
    {
        ["Demo__Enabled"] = "true",
        ["Demo__Seekers"] = "1200",
        ["Demo__Employers"] = "30",
        ["Demo__Vacancies"] = "240",
        ["Jobs__Workers"] = workers.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    public Task DisposeAsync() => App.StopAsync();
}

/// <summary>Workers in the service: jobs run as in production.</summary>
public sealed class WorkingDemoService() : DemoServiceFixture("matching_models", 10);

/// <summary>No workers in the service: jobs stay pending until a test starts a worker process.</summary>
public sealed class IdleDemoService() : DemoServiceFixture("matching_jobs", 0);
