using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace LinkMatch.Jobs.Bench;

internal sealed record BenchSettings(int Jobs, int Workers, int BatchSize, int Rate, int Seconds, int Rounds);

internal sealed record Percentiles(int Count, double Median, double P95, double P99)
{
    public static Percentiles Of(IEnumerable<double> samples)
    {
        var sorted = samples.Order().ToArray();
        double At(double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        return new Percentiles(sorted.Length, At(0.50), At(0.95), At(0.99));
    }
}

internal sealed class Bench(NpgsqlDataSource dataSource, NpgsqlDataSource owner, BenchSettings settings)
{
    private const string Kind = "bench.noop";

    // The same statements the library runs, without the library around them.
    private const string FetchSql = """
        with next as (
            select id from jobs
            where state = 'available' and queue = any(@queues)
            order by priority desc, scheduled_at, id
            limit @limit
            for update skip locked
        )
        update jobs j
        set state = 'processing', attempt = j.attempt + 1, owner = @owner, attempted_at = now(), heartbeat_at = now()
        from next
        where j.id = next.id
        returning j.id, j.kind, j.queue, j.args::text as args, j.attempt, j.max_attempts, j.scheduled_at, j.created_at
        """;
    private const string CompleteSql = """
        update jobs set state = 'succeeded', finalized_at = now(), owner = null, heartbeat_at = null
        where id = @id and attempt = @attempt and state = 'processing'
        """;
    private const string RawEnqueueSql = """
        with ins as (insert into jobs (kind) values (@kind) returning id, queue)
        select id, pg_notify('bench_raw', queue) is null from ins
        """;
    private static readonly string[] Queues = ["default"];

    public async Task<double> QueueThroughputAsync()
    {
        await ResetAsync();
        var handled = 0;
        await using var provider = Services(settings.Workers, settings.BatchSize,
            (_, _) => { Interlocked.Increment(ref handled); return Task.CompletedTask; });
        var queue = provider.GetRequiredService<JobQueue>();
        for (var done = 0; done < settings.Jobs; done += 1000)
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            var count = Math.Min(1000, settings.Jobs - done);
            await queue.EnqueueManyAsync(connection, transaction, Enumerable.Repeat(new JobRequest(Kind), count).ToList());
            await transaction.CommitAsync();
        }
        var server = provider.GetRequiredService<JobServer>();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await server.StartAsync();
        // Counting in the process until the last handler ran keeps the polling off the database meanwhile; the
        // clock stops when the database shows every job succeeded.
        while (Volatile.Read(ref handled) < settings.Jobs)
        {
            await Task.Delay(5);
        }
        await WaitForSucceededAsync(settings.Jobs);
        var elapsed = clock.Elapsed;
        ReportCpu("queue", cpu);
        await server.StopAsync();
        return settings.Jobs / elapsed.TotalSeconds;
    }

    public async Task<double> RawThroughputAsync()
    {
        await ResetAsync();
        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            await connection.ExecuteAsync(
                "insert into jobs (kind) select @kind from generate_series(1, @n)", new { kind = Kind, n = settings.Jobs });
        }
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, settings.Workers).Select(w => Task.Run(async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            while (true)
            {
                var jobs = (await connection.QueryAsync<(long Id, string Kind, string Queue, string Args, int Attempt, int MaxAttempts, DateTime ScheduledAt, DateTime CreatedAt)>(
                    FetchSql, new { queues = Queues, limit = settings.BatchSize, owner = $"raw-{w}" })).AsList();
                if (jobs.Count == 0)
                {
                    return;
                }
                foreach (var job in jobs)
                {
                    await connection.ExecuteAsync(CompleteSql, new { id = job.Id, attempt = job.Attempt });
                }
            }
        })));
        await WaitForSucceededAsync(settings.Jobs);
        var elapsed = clock.Elapsed;
        ReportCpu("raw loop", cpu);
        return settings.Jobs / elapsed.TotalSeconds;
    }

    public async Task<Percentiles> QueueLatencyAsync()
    {
        await ResetAsync();
        var started = new ConcurrentDictionary<long, long>();
        // Default settings apart from the scheduler: notifications wake the workers, polling stays at 2 s.
        await using var provider = Services(workers: 10, batchSize: 10, (context, _) =>
        {
            started[context.Id] = Stopwatch.GetTimestamp();
            return Task.CompletedTask;
        });
        var server = provider.GetRequiredService<JobServer>();
        var queue = provider.GetRequiredService<JobQueue>();
        await server.StartAsync();
        await Task.Delay(500);
        var enqueued = await OpenLoopAsync(settings, async () => (await queue.EnqueueAsync(new JobRequest(Kind))).Id);
        await WaitForSucceededAsync(enqueued.Count);
        await server.StopAsync();
        return Latencies(enqueued, started);
    }

    public async Task<Percentiles> RawLatencyAsync()
    {
        await ResetAsync();
        var started = new ConcurrentDictionary<long, long>();
        var wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        using var stop = new CancellationTokenSource();
        var listener = Task.Run(async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            connection.Notification += (_, _) => wake.Writer.TryWrite(true);
            await connection.ExecuteAsync("listen bench_raw");
            try
            {
                while (true)
                {
                    await connection.WaitAsync(stop.Token);
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
        var workers = Enumerable.Range(0, 10).Select(w => Task.Run(async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            while (!stop.IsCancellationRequested)
            {
                var jobs = (await connection.QueryAsync<(long Id, string Kind, string Queue, string Args, int Attempt, int MaxAttempts, DateTime ScheduledAt, DateTime CreatedAt)>(
                    FetchSql, new { queues = Queues, limit = 1, owner = $"raw-{w}" })).AsList();
                foreach (var job in jobs)
                {
                    started[job.Id] = Stopwatch.GetTimestamp();
                    await connection.ExecuteAsync(CompleteSql, new { id = job.Id, attempt = job.Attempt });
                }
                if (jobs.Count == 0)
                {
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
                    timeout.CancelAfter(TimeSpan.FromSeconds(2));
                    try
                    {
                        await wake.Reader.ReadAsync(timeout.Token);
                    }
                    catch (OperationCanceledException)
                    {
                    }
                }
            }
        })).ToList();
        await Task.Delay(500);
        var enqueued = await OpenLoopAsync(settings, async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            var id = await connection.QuerySingleAsync<(long Id, bool Notified)>(RawEnqueueSql, new { kind = Kind }, transaction);
            await transaction.CommitAsync();
            return id.Id;
        });
        await WaitForSucceededAsync(enqueued.Count);
        await stop.CancelAsync();
        await Task.WhenAll(workers.Append(listener));
        return Latencies(enqueued, started);
    }

    /// <summary>Enqueues at fixed intended times whatever the previous enqueue took (open loop).</summary>
    public static async Task<Dictionary<long, long>> OpenLoopAsync(BenchSettings settings, Func<Task<long>> enqueue)
    {
        var total = settings.Rate * settings.Seconds;
        var interval = TimeSpan.FromSeconds(1.0 / settings.Rate);
        var enqueued = new Dictionary<long, long>(total);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < total; i++)
        {
            var wait = (interval * i) - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }
            var before = Stopwatch.GetTimestamp();
            enqueued[await enqueue()] = before;
        }
        return enqueued;
    }

    private static Percentiles Latencies(Dictionary<long, long> enqueued, ConcurrentDictionary<long, long> started) =>
        Percentiles.Of(enqueued.Select(e => Stopwatch.GetElapsedTime(e.Value, started[e.Key]).TotalMilliseconds));

    private ServiceProvider Services(int workers, int batchSize, Func<JobContext, CancellationToken, Task> handler)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddLogging();
        services.AddSingleton(dataSource);
        services.AddJobQueue(o =>
        {
            o.Workers = workers;
            o.FetchBatchSize = batchSize;
            o.RunScheduler = false;
        });
        services.AddJobHandler(Kind, handler);
        return services.BuildServiceProvider();
    }

    private async Task WaitForSucceededAsync(int count)
    {
        var deadline = Stopwatch.StartNew();
        await using var connection = await dataSource.OpenConnectionAsync();
        while (await connection.ExecuteScalarAsync<int>("select count(*) from jobs where state = 'succeeded'") < count)
        {
            if (deadline.Elapsed > TimeSpan.FromMinutes(5))
            {
                throw new TimeoutException("the jobs did not all succeed within 5 minutes");
            }
            await Task.Delay(2);
        }
    }

    private void ReportCpu(string what, TimeSpan before)
    {
        var used = Process.GetCurrentProcess().TotalProcessorTime - before;
        Console.WriteLine($"  {what}: {used.TotalMilliseconds / settings.Jobs * 1000:0} ms of client CPU per 1000 jobs");
    }

    private async Task ResetAsync()
    {
        // As the owner: the runtime role may neither truncate nor vacuum.
        await using var connection = await owner.OpenConnectionAsync();
        await connection.ExecuteAsync("truncate jobs, job_errors");
        await connection.ExecuteAsync("vacuum analyze jobs");
    }
}
