using Npgsql;

namespace LinkMatch.Api.Tests.Infrastructure;

/// <summary>A fresh, empty database for one service instance or one test, dropped afterwards.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(string name) => Name = name;

    public string Name { get; }

    /// <summary>The owner's connection (migrations, and tests that inspect or tamper with rows).</summary>
    public string OwnerConnectionString => TestEnvironment.ConnectionString(Name);

    /// <summary>The service's runtime role.</summary>
    public string AppConnectionString => TestEnvironment.ConnectionString(Name, TestEnvironment.AppUser);

    public static async Task<TestDatabase> CreateAsync(string purpose)
    {
        var full = $"lmt_{purpose}_{Guid.NewGuid():N}".ToLowerInvariant();
        var name = full.Length <= 63 ? full : full[..63];
        await using var conn = new NpgsqlConnection(TestEnvironment.AdminConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"create database \"{name}\"", conn);
        await cmd.ExecuteNonQueryAsync();
        return new TestDatabase(name);
    }

    public NpgsqlConnection OpenOwnerConnection()
    {
        var conn = new NpgsqlConnection(OwnerConnectionString);
        conn.Open();
        return conn;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var conn = new NpgsqlConnection(TestEnvironment.AdminConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"drop database if exists \"{Name}\" with (force)", conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
