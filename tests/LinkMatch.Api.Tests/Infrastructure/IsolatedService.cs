using LinkMatch.Api.Tests.Intents;

namespace LinkMatch.Api.Tests.Infrastructure;

/// <summary>A service and database of one test class's own (an xunit class fixture), for tests that depend on
/// matching or the workflow: a full refresh (a CSV import, a promotion, an admin's refresh) replaces every proposed
/// suggestion of its database with new ids, so on the shared service another test's refresh would change this
/// test's suggestions under it. The tests of a class run one after another, each in a province of its own
/// (<see cref="Unique.Province"/>); the classes run in parallel, one service each.</summary>
public sealed class IsolatedService : IAsyncLifetime
{
    public TestApp App { get; private set; } = null!;

    /// <summary>Starts the service and waits out the first full refresh it asks for on a new database, so that no
    /// test's suggestions are replaced by it.</summary>
    public async Task InitializeAsync()
    {
        App = await TestApp.StartIsolatedAsync("isolated");
        using var admin = await App.AdminAsync();
        await App.WaitForJobAsync((await admin.RefreshAsync()).JobId);
    }

    public Task DisposeAsync() => App.StopAsync();
}
