namespace LinkMatch.Api.Tests.Infrastructure;

/// <summary>What scripts/test provides: a PostgreSQL superuser connection and the service's runtime role.</summary>
public static class TestEnvironment
{
    public static string AdminConnectionString { get; } =
        Environment.GetEnvironmentVariable("LINKMATCH_TEST_ADMIN_CONNECTION")
        ?? throw new InvalidOperationException(
            "LINKMATCH_TEST_ADMIN_CONNECTION is not set: run the tests with scripts/test, which starts PostgreSQL.");

    public static string AppUser { get; } = Environment.GetEnvironmentVariable("LINKMATCH_TEST_APP_USER") ?? "linkmatch_app";

    /// <summary>The PostgreSQL server log, when the tests started the server themselves.</summary>
    public static string? DatabaseLogPath { get; } = Environment.GetEnvironmentVariable("LINKMATCH_TEST_PG_LOG");

    /// <summary>Where the service processes started by tests write their logs.</summary>
    public static string LogDirectory { get; } = CreateLogDirectory();

    private static string CreateLogDirectory()
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "service-logs");
        Directory.CreateDirectory(dir);
        return dir;
    }
}
