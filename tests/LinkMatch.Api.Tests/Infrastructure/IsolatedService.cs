using LinkMatch.Api.Tests.Intents;

namespace LinkMatch.Api.Tests.Infrastructure;

/// <summary>A service and database of one group of test classes' own (an xunit collection fixture), for tests that
/// depend on matching or the workflow: a full refresh (a CSV import, a promotion, an admin's refresh) replaces every
/// proposed suggestion of its database with new ids, so on the shared service another test's refresh would change
/// this test's suggestions under it. The tests of a group run one after another, each in a province of its own
/// (<see cref="Unique.Province"/>); the groups run in parallel with each other and with the shared service's tests.
/// One service per feature folder rather than per class: each costs a process, a database, the seed and a first
/// full refresh.</summary>
public sealed class IsolatedService : IAsyncLifetime
{
    /// <summary>The workflow's tests (review, referral, outcome, local time, languages, recomputes).</summary>
    public const string Workflow = "workflow service";

    /// <summary>The console pages that act on or show suggestions.</summary>
    public const string Console = "console service";

    /// <summary>The suggestion lists and explanations.</summary>
    public const string Matching = "matching service";

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

[CollectionDefinition(IsolatedService.Workflow)]
public sealed class WorkflowServiceCollection : ICollectionFixture<IsolatedService>;

[CollectionDefinition(IsolatedService.Console)]
public sealed class ConsoleServiceCollection : ICollectionFixture<IsolatedService>;

[CollectionDefinition(IsolatedService.Matching)]
public sealed class MatchingServiceCollection : ICollectionFixture<IsolatedService>;
