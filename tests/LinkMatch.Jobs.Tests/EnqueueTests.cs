using Dapper;
using Npgsql;

namespace LinkMatch.Jobs.Tests;

public sealed class EnqueueTests(JobsDatabase db) : IClassFixture<JobsDatabase>, IAsyncLifetime
{
    private TestInstance _instance = null!;

    public async Task InitializeAsync()
    {
        await using var connection = await db.Owner.OpenConnectionAsync();
        await connection.ExecuteAsync("""
            create table if not exists enqueue_test_vacancies (id bigint primary key, title text not null);
            grant select, insert on enqueue_test_vacancies to linkmatch_app;
            """);
        // Not started: these tests look at what enqueuing leaves in the database.
        _instance = TestInstance.Create(db.App, null, _ => { });
    }

    public async Task DisposeAsync() => await _instance.DisposeAsync();

    [Fact]
    public async Task A_business_write_that_rolls_back_leaves_no_job_and_wakes_no_worker()
    {
        await using var listener = await ListenAsync();
        await using (var connection = await db.App.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await connection.ExecuteAsync("insert into enqueue_test_vacancies (id, title) values (1, 'Welder')", transaction: transaction);
            await _instance.Queue.EnqueueAsync(connection, transaction,
                new JobRequest("matching.recompute-vacancy") { Args = new { vacancyId = 1 } });
            await transaction.RollbackAsync();
        }

        await using var check = await db.App.OpenConnectionAsync();
        Assert.Equal(0, await check.ExecuteScalarAsync<int>("select count(*) from enqueue_test_vacancies where id = 1"));
        Assert.Equal(0, await check.ExecuteScalarAsync<int>(
            "select count(*) from jobs where kind = 'matching.recompute-vacancy' and args->>'vacancyId' = '1'"));
        Assert.False(await listener.WaitAsync(TimeSpan.FromMilliseconds(300)), "a rolled-back job sent a notification");
    }

    [Fact]
    public async Task A_committed_job_is_written_with_the_business_row_and_notifies_only_at_commit()
    {
        await using var listener = await ListenAsync();
        await using var connection = await db.App.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("insert into enqueue_test_vacancies (id, title) values (2, 'Driller')", transaction: transaction);
        var result = await _instance.Queue.EnqueueAsync(connection, transaction,
            new JobRequest("matching.recompute-vacancy") { Args = new { vacancyId = 2 }, Priority = 5 });
        Assert.False(await listener.WaitAsync(TimeSpan.FromMilliseconds(200)), "notified before the commit");
        await transaction.CommitAsync();

        Assert.True(await listener.WaitAsync(TimeSpan.FromSeconds(10)), "no notification after the commit");
        var job = await _instance.Admin.GetAsync(result.Id);
        Assert.NotNull(job);
        Assert.True(result.Created);
        Assert.Equal(JobState.Available, job.Job.State);
        Assert.Equal(5, job.Job.Priority);
        Assert.Equal(2, job.Args.GetProperty("vacancyId").GetInt32());
    }

    [Fact]
    public async Task Concurrent_enqueues_with_one_unique_key_give_one_job_without_errors()
    {
        const string key = "vacancy:concurrent";
        using var start = new ManualResetEventSlim();
        var tasks = Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            await using var connection = await db.App.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            start.Wait(TimeSpan.FromSeconds(10));
            var result = await _instance.Queue.EnqueueAsync(connection, transaction,
                new JobRequest("matching.recompute-vacancy") { UniqueKey = key });
            await transaction.CommitAsync();
            return result;
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Single(results.Select(r => r.Id).Distinct());
        Assert.Single(results, r => r.Created);
        await using var connection = await db.App.OpenConnectionAsync();
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>(
            "select count(*) from jobs where unique_key = @key", new { key }));
    }

    [Fact]
    public async Task A_delayed_job_waits_in_the_scheduled_state()
    {
        var later = await _instance.Queue.EnqueueAsync(new JobRequest("report.weekly") { Delay = TimeSpan.FromHours(1) });
        var past = await _instance.Queue.EnqueueAsync(
            new JobRequest("report.weekly") { RunAt = DateTimeOffset.UtcNow.AddMinutes(-5) });

        var laterJob = await _instance.Admin.GetAsync(later.Id);
        var pastJob = await _instance.Admin.GetAsync(past.Id);
        Assert.Equal(JobState.Scheduled, laterJob!.Job.State);
        Assert.True(laterJob.Job.ScheduledAt > DateTimeOffset.UtcNow.AddMinutes(50));
        Assert.Equal(JobState.Available, pastJob!.Job.State);
    }

    [Fact]
    public async Task Many_jobs_enqueue_in_one_statement_in_request_order()
    {
        var requests = Enumerable.Range(0, 50)
            .Select(i => new JobRequest("bulk.item") { Args = new { index = i } })
            .ToList();
        await using var connection = await db.App.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var ids = await _instance.Queue.EnqueueManyAsync(connection, transaction, requests);
        await transaction.CommitAsync();

        Assert.Equal(50, ids.Count);
        var indexes = await connection.QueryAsync<(long Id, int Index)>(
            "select id, (args->>'index')::int from jobs where id = any(@ids)", new { ids = ids.ToArray() });
        var byId = indexes.ToDictionary(r => r.Id, r => r.Index);
        Assert.Equal(Enumerable.Range(0, 50), ids.Select(id => byId[id]));
    }

    private async Task<NpgsqlConnection> ListenAsync()
    {
        var connection = await db.App.OpenConnectionAsync();
        await connection.ExecuteAsync($"listen {JobQueue.NotificationChannel}");
        return connection;
    }
}
