using System.Collections.Concurrent;
using System.Diagnostics;
using Dapper;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Npgsql;

namespace LinkMatch.Jobs.Bench;

/// <summary>The no-op job Hangfire runs: a static method, counted and time-stamped in this process.</summary>
public static class HangfireNoop
{
    internal static readonly ConcurrentDictionary<long, long> Started = new();
    private static int _handled;

    internal static int Handled => Volatile.Read(ref _handled);

    public static void Run(long token)
    {
        Started[token] = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _handled);
    }

    internal static void Reset()
    {
        Started.Clear();
        Volatile.Write(ref _handled, 0);
    }
}

/// <summary>
/// Hangfire 1.8 with Hangfire.PostgreSql 1.21 on the same database, in schema "hangfire", doing what
/// <see cref="Bench"/> measures for LinkMatch.Jobs: draining pre-enqueued no-op jobs, and enqueue-to-start latency
/// at a fixed open-loop rate. The storage owns its schema, so it connects as the database owner.
/// </summary>
internal sealed class HangfireSide(NpgsqlDataSource owner, string ownerConnectionString, BenchSettings settings)
{
    public const string Schema = "hangfire";

    public string OwnerConnectionString => ownerConnectionString;

    /// <summary>QueuePollInterval is LinkMatch.Jobs' PollInterval (2 s) rather than Hangfire.PostgreSql's 15 s.</summary>
    public static PostgreSqlStorageOptions Options(bool longPolling = false) => new()
    {
        SchemaName = Schema,
        PrepareSchemaIfNecessary = true,
        QueuePollInterval = TimeSpan.FromSeconds(2),
        EnableLongPolling = longPolling,
    };

    public PostgreSqlStorage Storage(PostgreSqlStorageOptions options) =>
        new(new NpgsqlConnectionFactory(ownerConnectionString, options), options);

    public async Task<double> ThroughputAsync(bool longPolling = false, TimeSpan? deadline = null)
    {
        await ResetAsync();
        var storage = Storage(Options(longPolling));
        await EnqueueAsync(storage, settings.Jobs);
        var clock = Stopwatch.StartNew();
        // A Hangfire server starts working when it is constructed.
        using var server = Server(storage, settings.Workers);
        var limit = deadline ?? TimeSpan.FromMinutes(5);
        while (HangfireNoop.Handled < settings.Jobs)
        {
            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"{HangfireNoop.Handled} of {settings.Jobs} jobs ran within {limit.TotalSeconds:0} s");
            }
            await Task.Delay(5);
        }
        await WaitForSucceededAsync(settings.Jobs, limit - clock.Elapsed);
        var elapsed = clock.Elapsed;
        server.SendStop();
        return settings.Jobs / elapsed.TotalSeconds;
    }

    public async Task<Percentiles> LatencyAsync()
    {
        await ResetAsync();
        var storage = Storage(Options());
        var client = new BackgroundJobClient(storage);
        using var server = Server(storage, workers: 10);
        await Task.Delay(500);
        long token = 0;
        var enqueued = await Bench.OpenLoopAsync(settings, () =>
        {
            var id = Interlocked.Increment(ref token);
            client.Enqueue(() => HangfireNoop.Run(id));
            return Task.FromResult(id);
        });
        await WaitForSucceededAsync(enqueued.Count, TimeSpan.FromMinutes(5));
        server.SendStop();
        return Percentiles.Of(enqueued.Select(e => Stopwatch.GetElapsedTime(e.Value, HangfireNoop.Started[e.Key]).TotalMilliseconds));
    }

    public static BackgroundJobServer Server(JobStorage storage, int workers) =>
        new(new BackgroundJobServerOptions
        {
            WorkerCount = workers,
            Queues = ["default"],
            ServerName = $"bench-{Guid.NewGuid():N}",
            ShutdownTimeout = TimeSpan.FromSeconds(10),
        }, storage);

    /// <summary>Hangfire has no batch enqueue: four clients enqueue one job at a time (not timed).</summary>
    private static async Task EnqueueAsync(JobStorage storage, int count)
    {
        var client = new BackgroundJobClient(storage);
        long next = 0;
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            long id;
            while ((id = Interlocked.Increment(ref next)) <= count)
            {
                var token = id;
                client.Enqueue(() => HangfireNoop.Run(token));
            }
        })));
    }

    private async Task WaitForSucceededAsync(int count, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        await using var connection = await owner.OpenConnectionAsync();
        while (await connection.ExecuteScalarAsync<int>($"select count(*) from {Schema}.job where statename = 'Succeeded'") < count)
        {
            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"the Hangfire jobs did not all succeed within {limit.TotalSeconds:0} s");
            }
            await Task.Delay(2);
        }
    }

    public async Task ResetAsync()
    {
        HangfireNoop.Reset();
        // Installs the schema the first time.
        _ = Storage(Options());
        await using var connection = await owner.OpenConnectionAsync();
        var tables = (await connection.QueryAsync<string>(
            "select format('%I.%I', schemaname, tablename) from pg_tables where schemaname = @schema and tablename <> 'schema'",
            new { schema = Schema })).AsList();
        await connection.ExecuteAsync($"truncate {string.Join(", ", tables)} restart identity cascade");
        await connection.ExecuteAsync($"vacuum analyze {Schema}.job, {Schema}.jobqueue, {Schema}.state, {Schema}.jobparameter");
    }
}
