using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace LinkMatch.Api.Database;

/// <summary>A forward-only SQL migration shipped inside the assembly from <c>db/</c>.</summary>
public sealed record Migration(string Name, string Sql)
{
    public string Checksum { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql)));
}

/// <summary>A migration failed; nothing of it was applied.</summary>
public sealed class MigrationFailedException(string name, string reason, Exception inner)
    : Exception($"Migration db/{name} failed and was rolled back: {reason}", inner)
{
    public string MigrationName { get; } = name;
}

/// <summary>Applies <c>db/NNNN_name.sql</c> files in name order, each in its own transaction, recorded in
/// <c>schema_migrations</c>, under an advisory lock so instances starting together do not race.</summary>
public sealed class Migrator(IOptions<DatabaseOptions> options, ILogger<Migrator> logger)
{
    // Any constant will do, as long as every instance uses the same one.
    private const long LockKey = 0x4C4D_4D49_4752;

    public static IReadOnlyList<Migration> Embedded { get; } = LoadEmbedded();

    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken ct) =>
        await MigrateAsync(DatabaseSetup.WithDefaults(options.Value.MigrationsConnectionString), Embedded, ct);

    public async Task<IReadOnlyList<string>> MigrateAsync(string connectionString, IReadOnlyList<Migration> migrations,
        CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("select pg_advisory_lock(@LockKey)", new { LockKey },
            cancellationToken: ct, commandTimeout: 0));
        try
        {
            // Only when missing: on a current database the app login (which may create nothing) can run the
            // commands that migrate first, such as create-admin.
            if (!await HistoryExistsAsync(conn, ct))
            {
                await conn.ExecuteAsync(new CommandDefinition("""
                    create table schema_migrations (
                        name text primary key,
                        checksum text not null,
                        applied_at timestamptz not null default now()
                    )
                    """, cancellationToken: ct));
            }

            var applied = (await conn.QueryAsync<(string Name, string Checksum)>(
                "select name, checksum from schema_migrations")).ToDictionary(r => r.Name, r => r.Checksum);

            var done = new List<string>();
            foreach (var migration in migrations.OrderBy(m => m.Name, StringComparer.Ordinal))
            {
                if (applied.TryGetValue(migration.Name, out var checksum))
                {
                    if (checksum != migration.Checksum)
                    {
                        throw new MigrationFailedException(migration.Name,
                            "the file changed after it was applied; migrations are never edited, add a new one",
                            new InvalidOperationException("checksum mismatch"));
                    }

                    continue;
                }

                await ApplyAsync(conn, migration, ct);
                done.Add(migration.Name);
                logger.LogInformation("Applied migration {Migration}", migration.Name);
            }

            return done;
        }
        finally
        {
            await conn.ExecuteAsync("select pg_advisory_unlock(@LockKey)", new { LockKey });
        }
    }

    /// <summary>The names of migrations this build ships that the database has not applied.</summary>
    public static async Task<IReadOnlyList<string>> PendingAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var applied = await HistoryExistsAsync(conn, ct)
            ? (await conn.QueryAsync<string>(new CommandDefinition("select name from schema_migrations",
                cancellationToken: ct))).ToHashSet()
            : [];
        return Embedded.Select(m => m.Name).Where(n => !applied.Contains(n)).ToList();
    }

    private static Task<bool> HistoryExistsAsync(NpgsqlConnection conn, CancellationToken ct) =>
        conn.ExecuteScalarAsync<bool>(new CommandDefinition(
            "select to_regclass('schema_migrations') is not null", cancellationToken: ct));

    private static async Task ApplyAsync(NpgsqlConnection conn, Migration migration, CancellationToken ct)
    {
        await using var tx = await conn.BeginTransactionAsync(ct);
        SqlStatement? current = null;
        try
        {
            foreach (var statement in SqlScript.Split(migration.Sql))
            {
                current = statement;
                await using var cmd = new NpgsqlCommand(statement.Text, conn, tx) { CommandTimeout = 0 };
                await cmd.ExecuteNonQueryAsync(ct);
            }

            await conn.ExecuteAsync(new CommandDefinition(
                "insert into schema_migrations (name, checksum) values (@Name, @Checksum)",
                new { migration.Name, migration.Checksum }, tx, cancellationToken: ct));
            await tx.CommitAsync(ct);
        }
        catch (PostgresException ex)
        {
            await tx.RollbackAsync(CancellationToken.None);
            var offset = (current?.Offset ?? 0) + Math.Max(0, ex.Position - 1);
            var where = current is null ? "" : $" (at line {SqlScript.LineOf(migration.Sql, offset)})";
            throw new MigrationFailedException(migration.Name, $"{ex.SqlState}: {ex.MessageText}{where}", ex);
        }
    }

    private static List<Migration> LoadEmbedded()
    {
        var assembly = typeof(Migrator).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("db/", StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => new Migration(n["db/".Length..], Read(assembly, n)))
            .OrderBy(m => m.Name, StringComparer.Ordinal)
            .ToList();
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
