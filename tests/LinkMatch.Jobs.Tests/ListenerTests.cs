using Dapper;
using Xunit.Abstractions;

namespace LinkMatch.Jobs.Tests;

public sealed class ListenerTests(JobsDatabase db, ITestOutputHelper output) : IClassFixture<JobsDatabase>
{
    [Fact]
    public async Task A_notification_wakes_the_workers_without_polling()
    {
        var ran = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var instance = await TestInstance.Create(db.App, output,
            s => s.AddJobHandler("test.woken", (context, ct) =>
            {
                ran.TrySetResult();
                return Task.CompletedTask;
            }), o => o.PollInterval = TimeSpan.FromHours(1)).StartedAsync();
        await Wait.UntilAsync(async () => await ListenerCountAsync() == 1, TimeSpan.FromSeconds(20), "the listener");

        await instance.Queue.EnqueueAsync(new JobRequest("test.woken"));

        await ran.Task.WaitAsync(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Polling_drains_the_queue_while_the_listener_connection_is_being_killed()
    {
        const int jobCount = 60;
        await using var instance = await TestInstance.Create(db.App, output,
            s => s.AddJobHandler("test.polled", (context, ct) => Task.CompletedTask),
            o => o.PollInterval = TimeSpan.FromMilliseconds(100)).StartedAsync();
        await Wait.UntilAsync(async () => await ListenerCountAsync() == 1, TimeSpan.FromSeconds(20), "the listener");

        using var stopKilling = new CancellationTokenSource();
        var killed = 0;
        var killer = Task.Run(async () =>
        {
            await using var admin = await db.Owner.OpenConnectionAsync();
            while (!stopKilling.IsCancellationRequested)
            {
                killed += await admin.ExecuteScalarAsync<int>("""
                    select count(*) filter (where pg_terminate_backend(pid)) from pg_stat_activity
                    where datname = current_database() and application_name = @name
                    """, new { name = NotificationListener.ApplicationName });
                await Task.Delay(20);
            }
        });
        for (var i = 0; i < jobCount; i++)
        {
            await instance.Queue.EnqueueAsync(new JobRequest("test.polled"));
            await Task.Delay(10);
        }
        await Wait.UntilAsync(async () => await CountAsync("select count(*) from jobs where kind = 'test.polled' and state = 'succeeded'") == jobCount,
            TimeSpan.FromSeconds(30), "every job to succeed");
        await stopKilling.CancelAsync();
        await killer.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(killed > 0, "the listener was never killed");
        output.WriteLine($"listener connections killed: {killed}");
        // It reconnects by itself.
        await Wait.UntilAsync(async () => await ListenerCountAsync() == 1, TimeSpan.FromSeconds(20), "the listener to reconnect");
    }

    private Task<long> ListenerCountAsync() => CountAsync(
        $"select count(*) from pg_stat_activity where datname = current_database() and application_name = '{NotificationListener.ApplicationName}'");

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = await db.Owner.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>(sql);
    }
}
