using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace LinkMatch.Api.Tests.Infrastructure;

/// <summary>The service most tests share: one process and one database for the whole test run. Tests stay
/// independent by creating their own data with unique names (see the intent methods in Intents/).</summary>
public sealed class TestApp
{
    public const string AdminUser = "test-admin";
    public const string AdminPassword = "test-admin-password-1";

    private static readonly Lazy<Task<TestApp>> SharedInstance = new(StartSharedAsync);

    private TestApp(ServiceProcess service, TestDatabase database, Dictionary<string, string> environment)
    {
        Service = service;
        Database = database;
        Environment = environment;
    }

    public ServiceProcess Service { get; }

    public TestDatabase Database { get; }

    /// <summary>The environment the service was started with (connection strings, keys).</summary>
    public Dictionary<string, string> Environment { get; }

    public static Task<TestApp> SharedAsync() => SharedInstance.Value;

    /// <summary>A separate service and database, for tests that need their own configuration or kill processes.</summary>
    public static async Task<TestApp> StartIsolatedAsync(string purpose, IDictionary<string, string>? settings = null)
    {
        var database = await TestDatabase.CreateAsync(purpose);
        var environment = ServiceProcess.EnvironmentFor(database, ServiceProcess.NewKeys());
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        var (code, output) = await ServiceProcess.RunCommandAsync(
            new Dictionary<string, string>(environment) { ["LINKMATCH_ADMIN_PASSWORD"] = AdminPassword },
            "create-admin", "--user", AdminUser);
        if (code != 0)
        {
            throw new InvalidOperationException($"create-admin failed ({code}):\n{output}");
        }

        var service = await ServiceProcess.StartAsync(environment);
        var app = new TestApp(service, database, environment);
        await app.SeedCanaryAsync();
        return app;
    }

    public async Task StopAsync()
    {
        await Service.DisposeAsync();
        await Database.DisposeAsync();
    }

    public HttpClient Anonymous() => Service.CreateClient();

    private string? adminToken;

    /// <summary>A client signed in as the first admin (the token is obtained once and reused).</summary>
    public async Task<HttpClient> AdminAsync()
    {
        if (adminToken is null)
        {
            using var signedIn = await SignInAsync(AdminUser, AdminPassword);
            adminToken = signedIn.DefaultRequestHeaders.Authorization!.Parameter;
        }

        var client = Service.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        return client;
    }

    public async Task<HttpClient> SignInAsync(string userName, string password)
    {
        var client = Service.CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName, password });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenResponse>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    public HttpClient WithApiKey(string apiKey)
    {
        var client = Service.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    /// <summary>The canary seeker exists in every service tests talk to, so every response is a chance to leak it.
    /// Seeding it needs the seekers feature; until then this does nothing.</summary>
    private Task SeedCanaryAsync() => Task.CompletedTask;

    private static async Task<TestApp> StartSharedAsync()
    {
        var app = await StartIsolatedAsync("shared");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => app.StopAsync().GetAwaiter().GetResult();
        return app;
    }

    public sealed record TokenResponse(string TokenType, string AccessToken, long ExpiresIn, string RefreshToken);
}
