using Npgsql;

namespace LinkMatch.Api.Tests.Infrastructure;

/// <summary>A fresh, empty database for one service instance or one test, dropped afterwards.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string adminConnectionString;

    private TestDatabase(string name, string adminConnectionString)
    {
        Name = name;
        this.adminConnectionString = adminConnectionString;
    }

    public string Name { get; }

    /// <summary>The owner's connection (migrations, and tests that inspect or tamper with rows).</summary>
    public string OwnerConnectionString => ConnectionString(null);

    /// <summary>The service's runtime role.</summary>
    public string AppConnectionString => ConnectionString(TestEnvironment.AppUser);

    /// <summary>A new database in the shared test cluster, or in the cluster of <paramref name="adminConnectionString"/>
    /// (a private cluster that a fault test may crash).</summary>
    public static async Task<TestDatabase> CreateAsync(string purpose, string? adminConnectionString = null)
    {
        var admin = adminConnectionString ?? TestEnvironment.AdminConnectionString;
        var full = $"lmt_{purpose}_{Guid.NewGuid():N}".ToLowerInvariant();
        var name = full.Length <= 63 ? full : full[..63];
        await using var conn = new NpgsqlConnection(admin);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"create database \"{name}\"", conn);
        await cmd.ExecuteNonQueryAsync();
        return new TestDatabase(name, admin);
    }

    private string ConnectionString(string? user) =>
        new NpgsqlConnectionStringBuilder(adminConnectionString)
        {
            Database = Name,
            Username = user ?? new NpgsqlConnectionStringBuilder(adminConnectionString).Username,
            Pooling = true,
        }.ConnectionString;

    public NpgsqlConnection OpenOwnerConnection()
    {
        var conn = new NpgsqlConnection(OwnerConnectionString);
        conn.Open();
        return conn;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var conn = new NpgsqlConnection(adminConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"drop database if exists \"{Name}\" with (force)", conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
