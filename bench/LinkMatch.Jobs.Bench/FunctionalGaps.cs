using System.Collections.Concurrent;
using System.Diagnostics;
using System.Transactions;
using Dapper;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace LinkMatch.Jobs.Bench;

/// <summary>A job that outlives Hangfire.PostgreSql's invisibility timeout, counting its runs.</summary>
public static class HangfireSlow
{
    internal static readonly ConcurrentQueue<string> Runs = new();

    public static void Run(long token)
    {
        Runs.Enqueue($"start {token} at {DateTime.UtcNow:HH:mm:ss.f}");
        Thread.Sleep(TimeSpan.FromSeconds(6));
        Runs.Enqueue($"end {token} at {DateTime.UtcNow:HH:mm:ss.f}");
    }
}

/// <summary>
/// What LinkMatch.Jobs does that Hangfire.PostgreSql does not, shown on the same database: each check prints what
/// happened on each side. LinkMatch.Jobs' side of the fence is proven by its tests
/// (WorkerTests.A_worker_presumed_dead_cannot_complete_a_job_that_was_rescued_and_run_again).
/// </summary>
internal sealed class FunctionalGaps(NpgsqlDataSource dataSource, NpgsqlDataSource owner, HangfireSide hangfire)
{
    public async Task RunAsync()
    {
        await using (var connection = await owner.OpenConnectionAsync())
        {
            await connection.ExecuteAsync("create table if not exists bench_effects (note text not null)");
            await connection.ExecuteAsync("grant insert, select on bench_effects to linkmatch_app");
        }

        await EnqueueInsideTransactionAsync();
        await UniqueKeysAsync();
        await FencedCompletionAsync();
    }

    private async Task EnqueueInsideTransactionAsync()
    {
        Console.WriteLine("gap: enqueue inside the caller's open NpgsqlTransaction, then roll back");
        await hangfire.ResetAsync();
        await using var provider = LinkMatchServices();
        var queue = provider.GetRequiredService<JobQueue>();
        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await connection.ExecuteAsync("insert into bench_effects (note) values ('linkmatch rollback')", transaction: transaction);
            await queue.EnqueueAsync(connection, transaction, new JobRequest("bench.gap.tx"));
            await transaction.RollbackAsync();
        }
        Console.WriteLine($"  LinkMatch.Jobs: EnqueueAsync(connection, transaction, ...) then rollback: {await CountAsync("select count(*) from jobs where kind = 'bench.gap.tx'")} job(s) left");

        var storage = hangfire.Storage(HangfireSide.Options());
        var client = new BackgroundJobClient(storage);
        await using (var connection = await owner.OpenConnectionAsync())
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await connection.ExecuteAsync("insert into bench_effects (note) values ('hangfire rollback')", transaction: transaction);
            client.Enqueue(() => HangfireNoop.Run(-1));
            await transaction.RollbackAsync();
        }
        Console.WriteLine($"  Hangfire, client beside the open transaction, then rollback: {await HangfireJobsAsync()} job(s) left (the business row was rolled back, the job was not)");

        await hangfire.ResetAsync();
        await using (var connection = await owner.OpenConnectionAsync())
        {
            await using var transaction = await connection.BeginTransactionAsync();
            try
            {
                var options = HangfireSide.Options();
                var onConnection = new PostgreSqlStorage(new ExistingNpgsqlConnectionFactory(connection, options), options);
                new BackgroundJobClient(onConnection).Enqueue(() => HangfireNoop.Run(-2));
                Console.WriteLine("  Hangfire, storage on the caller's connection: enqueued");
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                Console.WriteLine($"  Hangfire, storage on the caller's connection with its transaction open: {Describe(e)}");
            }
            await transaction.RollbackAsync();
        }

        foreach (var closeFirst in new[] { false, true })
        {
            foreach (var complete in new[] { true, false })
            {
                await TransactionScopeCaseAsync(client, closeFirst, complete, hangfireString: false);
            }
        }
        // Npgsql hands a closed, enlisted connection back to a later open in the same scope only from the same pool:
        // the caller's connection string must be Hangfire's, as its factory rewrites it.
        await TransactionScopeCaseAsync(client, closeFirst: true, complete: true, hangfireString: true);
        await TransactionScopeCaseAsync(client, closeFirst: true, complete: false, hangfireString: true);
    }

    /// <summary>Hangfire.PostgreSql enlists in an ambient TransactionScope: a business write and an enqueue in one
    /// scope, the caller's connection kept open or closed before the enqueue, the scope completed or not.</summary>
    private async Task TransactionScopeCaseAsync(BackgroundJobClient client, bool closeFirst, bool complete, bool hangfireString)
    {
        await hangfire.ResetAsync();
        var note = $"scope {(closeFirst ? "closed" : "open")} {(complete ? "commit" : "rollback")} {hangfireString}";
        var outcome = await Task.Run(async () =>
        {
            try
            {
                using var scope = new TransactionScope(TransactionScopeAsyncFlowOption.Enabled);
                var connection = hangfireString
                    ? new NpgsqlConnectionFactory(hangfire.OwnerConnectionString, HangfireSide.Options()).GetOrCreateConnection()
                    : owner.CreateConnection();
                await connection.OpenAsync();
                await connection.ExecuteAsync("insert into bench_effects (note) values (@note)", new { note });
                if (closeFirst)
                {
                    await connection.DisposeAsync();
                }
                client.Enqueue(() => HangfireNoop.Run(-3));
                if (complete)
                {
                    scope.Complete();
                }
                if (!closeFirst)
                {
                    await connection.DisposeAsync();
                }
                return "no error";
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                return Describe(e);
            }
        }).WaitAsync(TimeSpan.FromSeconds(30));
        var effects = await CountAsync($"select count(*) from bench_effects where note = '{note}'");
        var source = hangfireString ? "Hangfire's connection string" : "the service's NpgsqlDataSource";
        Console.WriteLine($"  Hangfire, TransactionScope, caller's connection ({source}) {(closeFirst ? "closed before" : "open during")} the enqueue, scope {(complete ? "completed" : "not completed")}: {outcome}; business rows {effects}, jobs {await HangfireJobsAsync()}");
    }

    private async Task UniqueKeysAsync()
    {
        Console.WriteLine("gap: unique keys (the same logical job enqueued twice)");
        await using var provider = LinkMatchServices();
        var queue = provider.GetRequiredService<JobQueue>();
        var first = await queue.EnqueueAsync(new JobRequest("bench.gap.unique") { UniqueKey = "vacancy:42", Delay = TimeSpan.FromHours(1) });
        var second = await queue.EnqueueAsync(new JobRequest("bench.gap.unique") { UniqueKey = "vacancy:42", Delay = TimeSpan.FromHours(1) });
        Console.WriteLine($"  LinkMatch.Jobs, UniqueKey twice: ids {first.Id} and {second.Id}, second created: {second.Created}; {await CountAsync("select count(*) from jobs where kind = 'bench.gap.unique'")} job(s)");

        await hangfire.ResetAsync();
        var client = new BackgroundJobClient(hangfire.Storage(HangfireSide.Options()));
        var a = client.Schedule(() => HangfireNoop.Run(42), TimeSpan.FromHours(1));
        var b = client.Schedule(() => HangfireNoop.Run(42), TimeSpan.FromHours(1));
        Console.WriteLine($"  Hangfire, the same job and arguments twice (no key in its API): ids {a} and {b}; {await HangfireJobsAsync()} job(s)");
    }

    private async Task FencedCompletionAsync()
    {
        Console.WriteLine("gap: fenced completion (a job outliving the fetch's invisibility timeout, 3 s; the job takes 6 s; 2 workers)");
        await hangfire.ResetAsync();
        var options = HangfireSide.Options();
        options.InvisibilityTimeout = TimeSpan.FromSeconds(3);
        var storage = hangfire.Storage(options);
        var id = new BackgroundJobClient(storage).Enqueue(() => HangfireSlow.Run(7));
        var clock = Stopwatch.StartNew();
        using (var server = HangfireSide.Server(storage, workers: 2))
        {
            while (clock.Elapsed < TimeSpan.FromSeconds(20) && HangfireSlow.Runs.Count(r => r.StartsWith("end", StringComparison.Ordinal)) < 2)
            {
                await Task.Delay(100);
            }
            await Task.Delay(1000);
            server.SendStop();
        }
        await using var connection = await owner.OpenConnectionAsync();
        var states = await connection.QueryAsync<string>(
            $"select name from {HangfireSide.Schema}.state where jobid = @id order by id", new { id = long.Parse(id, System.Globalization.CultureInfo.InvariantCulture) });
        Console.WriteLine($"  Hangfire: runs {string.Join(", ", HangfireSlow.Runs)}; state history {string.Join(" → ", states)}");
        Console.WriteLine("  LinkMatch.Jobs: a running job keeps its claim by heartbeat; a worker presumed dead whose job was rescued cannot complete it (completion is fenced on the attempt: WorkerTests)");
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = await owner.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    private Task<long> HangfireJobsAsync() => CountAsync($"select count(*) from {HangfireSide.Schema}.job");

    private ServiceProvider LinkMatchServices()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddLogging();
        services.AddSingleton(dataSource);
        services.AddJobQueue(o => o.RunScheduler = false);
        return services.BuildServiceProvider();
    }

    private static string Describe(Exception e)
    {
        var inner = e;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }
        return $"{inner.GetType().Name}: {inner.Message.Split('\n')[0]}";
    }
}
