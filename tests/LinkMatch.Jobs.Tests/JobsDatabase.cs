using Dapper;
using Npgsql;

namespace LinkMatch.Jobs.Tests;

/// <summary>A fresh database per test class (a class fixture) or per test (<see cref="CreateAsync"/>), migrated with
/// every <c>db/*.sql</c> as the owner; the queue itself runs as the service's runtime role, never as superuser.
/// Dropped afterwards.</summary>
public sealed class JobsDatabase : IAsyncLifetime, IAsyncDisposable
{
    private NpgsqlDataSource? _app;
    private NpgsqlDataSource? _owner;

    public string Name { get; } = $"lm_jobs_test_{Guid.NewGuid():N}"[..30];

    /// <summary>Connects as the runtime role (LINKMATCH_TEST_APP_USER).</summary>
    public NpgsqlDataSource App => _app ?? throw new InvalidOperationException("not initialised");

    /// <summary>Connects as the superuser, for arranging what the runtime role may not do.</summary>
    public NpgsqlDataSource Owner => _owner ?? throw new InvalidOperationException("not initialised");

    public string AppConnectionString { get; private set; } = "";

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable("LINKMATCH_TEST_ADMIN_CONNECTION")
        ?? throw new InvalidOperationException(
            "LINKMATCH_TEST_ADMIN_CONNECTION is not set: run the tests through scripts/test, which starts PostgreSQL.");

    public static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LinkMatch.sln")))
            {
                dir = dir.Parent;
            }
            return dir?.FullName ?? throw new InvalidOperationException("LinkMatch.sln not found above the test folder.");
        }
    }

    /// <summary>A database of one test's own, for tests that act on every row of a table (firing every due
    /// schedule, say), where another test's rows in a shared database would change the answer.</summary>
    public static async Task<JobsDatabase> CreateAsync()
    {
        var db = new JobsDatabase();
        await db.InitializeAsync();
        return db;
    }

    public async Task InitializeAsync()
    {
        await using (var admin = new NpgsqlConnection(AdminConnectionString))
        {
            await admin.OpenAsync();
            await admin.ExecuteAsync($"create database \"{Name}\"");
        }
        var ownerConnection = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = Name };
        _owner = NpgsqlDataSource.Create(ownerConnection.ConnectionString);
        // The service's migrator creates its bookkeeping table before the first file; the files may refer to it.
        await using (var connection = await _owner.OpenConnectionAsync())
        {
            await connection.ExecuteAsync("""
                create table schema_migrations (name text primary key, checksum text not null,
                                                applied_at timestamptz not null default now())
                """);
        }

        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryRoot, "db"), "*.sql").Order(StringComparer.Ordinal))
        {
            await using var connection = await _owner.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await connection.ExecuteAsync(await File.ReadAllTextAsync(file), transaction: transaction);
            await transaction.CommitAsync();
        }
        var appUser = Environment.GetEnvironmentVariable("LINKMATCH_TEST_APP_USER") ?? "linkmatch_app";
        AppConnectionString = new NpgsqlConnectionStringBuilder(ownerConnection.ConnectionString)
        {
            Username = appUser,
            Password = null,
            MaxPoolSize = 50,
        }.ConnectionString;
        _app = NpgsqlDataSource.Create(AppConnectionString);
    }

    /// <summary>A table for handler effects, with one row at most per job.</summary>
    public async Task CreateEffectsTableAsync()
    {
        await using var connection = await Owner.OpenConnectionAsync();
        await connection.ExecuteAsync("""
            create table if not exists job_effects (
                job_id bigint primary key, attempt int not null, worker text not null
            );
            grant select, insert, update, delete on job_effects to linkmatch_app;
            """);
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
        if (_owner is not null)
        {
            await _owner.DisposeAsync();
        }
        await using var admin = new NpgsqlConnection(AdminConnectionString);
        await admin.OpenAsync();
        await admin.ExecuteAsync($"drop database if exists \"{Name}\" with (force)");
    }
}
