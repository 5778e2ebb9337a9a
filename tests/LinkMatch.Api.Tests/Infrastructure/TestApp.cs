using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace LinkMatch.Api.Tests.Infrastructure;

/// <summary>The service most tests share: one process and one database for the whole test run. Tests stay
/// independent by creating their own data with unique values (<see cref="Unique"/> and the intent methods in
/// Intents/); tests that depend on matching or the workflow, whose full refresh rewrites the whole database's
/// suggestions, run on a service of their class's own (<see cref="IsolatedService"/>).</summary>
public sealed class TestApp
{
    public const string AdminUser = "test-admin";
    public const string AdminPassword = "test-admin-password-1";

    private static readonly Lazy<Task<TestApp>> SharedInstance = new(StartSharedAsync);

    private TestApp(ServiceProcess service, TestDatabase database, Dictionary<string, string> environment,
        long databaseLogStart)
    {
        Service = service;
        Database = database;
        Environment = environment;
        DatabaseLogStart = databaseLogStart;
    }

    public ServiceProcess Service { get; }

    public TestDatabase Database { get; }

    /// <summary>The environment the service was started with (connection strings, keys).</summary>
    public Dictionary<string, string> Environment { get; }

    /// <summary>Where the PostgreSQL log (<see cref="TestEnvironment.DatabaseLogPath"/>) stood when this service's
    /// database was created: what this service caused is after it.</summary>
    public long DatabaseLogStart { get; }

    public static Task<TestApp> SharedAsync() => SharedInstance.Value;

    /// <summary>The shared service if a test has started it (null otherwise: nothing is started).</summary>
    public static async Task<TestApp?> SharedIfStartedAsync() =>
        SharedInstance.IsValueCreated ? await SharedInstance.Value : null;

    /// <summary>A separate service and database, for tests that need their own configuration or kill processes. The
    /// database is in the shared test cluster unless <paramref name="adminConnectionString"/> names another.</summary>
    public static async Task<TestApp> StartIsolatedAsync(string purpose, IDictionary<string, string>? settings = null,
        string? adminConnectionString = null)
    {
        var logStart = TestEnvironment.DatabaseLogPath is { } log && File.Exists(log) ? new FileInfo(log).Length : 0;
        var database = await TestDatabase.CreateAsync(purpose, adminConnectionString);
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
        var app = new TestApp(service, database, environment, logStart);
        try
        {
            await app.SeedCanaryAsync();
        }
        catch
        {
            // A service that cannot take the canary is of no use, and must not outlive the test run.
            await app.StopAsync();
            throw;
        }

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

    /// <summary>The canary seeker's id (see <see cref="Canary"/>).</summary>
    public long CanarySeekerId { get; private set; }

    /// <summary>The canary's office. Its only user is the one that registered the canary, so no test can
    /// legitimately see the canary's whole NIK.</summary>
    public long CanaryOfficeId { get; private set; }

    /// <summary>The canary seeker exists in every service tests talk to, so every response is a chance to leak it.
    /// It is registered through the API by a staff member of an office of its own, with a competency and consent,
    /// and never read back: the answers carry only masked values.</summary>
    private async Task SeedCanaryAsync()
    {
        using var admin = await AdminAsync();
        var code = $"CANARY-{Guid.NewGuid().ToString("N")[..8].ToUpperInvariant()}";
        var office = await Created(await admin.PostAsJsonAsync("/api/v1/offices",
            new { code, name = "Disnaker Canary", level = "city_regency", regionCode = "64.71" }));
        var userName = $"canary-staff-{code[7..].ToLowerInvariant()}";
        const string password = "canary-staff-password";
        await Created(await admin.PostAsJsonAsync("/api/v1/users", new
        {
            userName,
            displayName = "Canary staff",
            role = "staff",
            officeId = office.GetProperty("id").GetInt64(),
            password,
        }));

        using var staff = await SignInAsync(userName, password);
        var seeker = await Created(await staff.PostAsJsonAsync("/api/v1/seekers", new
        {
            nik = Canary.Nik,
            fullName = "Canary Seeker",
            birthDate = "1999-03-12",
            sex = "female",
            educationLevel = "smk",
            educationMajor = "Teknik Pengelasan",
            regionCode = "64.71",
            phone = Canary.Phone,
            email = Canary.Email,
            preferredOccupations = new[] { "7212" },
        }));
        if (seeker.GetProperty("nik").GetString() != "647101**********")
        {
            throw new InvalidOperationException("Registering the canary did not answer with the masked NIK.");
        }

        var id = seeker.GetProperty("id").GetInt64();
        var competencies = await staff.GetFromJsonAsync<JsonElement>(
            "/api/v1/reference/competencies?q=C.251000.010.01");
        var competencyId = competencies.GetProperty("items")[0].GetProperty("id").GetInt64();
        (await staff.PutAsJsonAsync($"/api/v1/seekers/{id}/competencies", new
        {
            items = new[] { new { competencyId, level = 3, evidence = "certified", years = 2.0, source = "LSP Las" } },
        })).EnsureSuccessStatusCode();
        await Created(await staff.PostAsJsonAsync($"/api/v1/seekers/{id}/consent",
            new { channel = "paper_form", evidence = "Formulir AK/1 canary" }));
        CanarySeekerId = id;
        CanaryOfficeId = office.GetProperty("id").GetInt64();
    }

    private static async Task<JsonElement> Created(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException(
                $"Seeding the canary: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<TestApp> StartSharedAsync()
    {
        var app = await StartIsolatedAsync("shared");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => app.StopAsync().GetAwaiter().GetResult();
        return app;
    }

    public sealed record TokenResponse(string TokenType, string AccessToken, long ExpiresIn, string RefreshToken);
}
