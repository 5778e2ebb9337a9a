using Dapper;
using Npgsql;
using Xunit.Abstractions;

namespace LinkMatch.Jobs.Tests;

public sealed class WorkerTests(JobsDatabase db, ITestOutputHelper output) : IClassFixture<JobsDatabase>, IAsyncLifetime
{
    public Task InitializeAsync() => db.CreateEffectsTableAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Many_workers_in_several_instances_run_every_job_with_one_effect_each()
    {
        const string kind = "test.many";
        const int jobCount = 300;
        var instances = new List<TestInstance>();
        try
        {
            foreach (var name in new[] { "a", "b", "c" })
            {
                instances.Add(await TestInstance.Create(db.App, output,
                    s => s.AddJobHandler(kind, (context, ct) => WriteEffectAsync(db.App, context, name, ct))).StartedAsync());
            }
            await using (var connection = await db.App.OpenConnectionAsync())
            await using (var transaction = await connection.BeginTransactionAsync())
            {
                await instances[0].Queue.EnqueueManyAsync(connection, transaction,
                    Enumerable.Range(0, jobCount / 2).Select(n => new JobRequest(kind) { Args = new { n } }).ToList());
                for (var n = jobCount / 2; n < jobCount; n++)
                {
                    await instances[0].Queue.EnqueueAsync(connection, transaction, new JobRequest(kind) { Args = new { n } });
                }
                await transaction.CommitAsync();
            }

            await Wait.UntilAsync(async () => await CountAsync($"select count(*) from jobs where kind = '{kind}' and state = 'succeeded'") == jobCount,
                TimeSpan.FromSeconds(40), $"{jobCount} jobs to succeed");
        }
        finally
        {
            foreach (var instance in instances)
            {
                await instance.DisposeAsync();
            }
        }

        Assert.Equal(jobCount, await CountAsync(
            $"select count(*) from job_effects e join jobs j on j.id = e.job_id where j.kind = '{kind}'"));
        Assert.Equal(0, await CountAsync($"select count(*) from job_errors e join jobs j on j.id = e.job_id where j.kind = '{kind}'"));
        Assert.Equal(jobCount, await CountAsync($"select count(*) from jobs where kind = '{kind}' and attempt = 1"));
    }

    [Fact]
    public async Task A_worker_presumed_dead_cannot_complete_a_job_that_was_rescued_and_run_again()
    {
        const string kind = "test.fence";
        var firstStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseFirst = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Exception? firstOutcome = null;

        // A heartbeats so rarely that its job looks abandoned; it never rescues anything itself.
        await using var a = await TestInstance.Create(db.App, output, s => s.AddJobHandler(kind, async (context, ct) =>
        {
            await using var connection = await db.App.OpenConnectionAsync(CancellationToken.None);
            await using var transaction = await connection.BeginTransactionAsync(CancellationToken.None);
            await connection.ExecuteAsync("insert into job_effects (job_id, attempt, worker) values (@id, @attempt, 'a')",
                new { id = context.Id, attempt = context.Attempt }, transaction);
            firstStarted.TrySetResult();
            await releaseFirst.Task;
            try
            {
                await context.CompleteWithinAsync(connection, transaction, CancellationToken.None);
                await transaction.CommitAsync(CancellationToken.None);
            }
            catch (JobOwnershipLostException e)
            {
                firstOutcome = e;
                throw;
            }
        }), o =>
        {
            o.Workers = 1;
            o.HeartbeatInterval = TimeSpan.FromHours(1);
            o.HeartbeatTimeout = TimeSpan.FromHours(3);
            o.RunMaintenance = false;
        }).StartedAsync();

        var job = await a.Queue.EnqueueAsync(new JobRequest(kind));
        await firstStarted.Task.WaitAsync(TimeSpan.FromSeconds(20));

        // B rescues the job after A's missed heartbeats and runs attempt 2, whose effect waits on A's row lock.
        await using var b = await TestInstance.Create(db.App, output, s => s.AddJobHandler(kind,
            (context, ct) => WriteEffectAsync(db.App, context, "b", ct))).StartedAsync();
        await Wait.UntilAsync(async () => await CountAsync($"select count(*) from jobs where id = {job.Id} and attempt = 2 and state = 'processing'") == 1,
            TimeSpan.FromSeconds(20), "the rescued job to run again");

        releaseFirst.SetResult();
        await Wait.UntilAsync(async () => await CountAsync($"select count(*) from jobs where id = {job.Id} and state = 'succeeded'") == 1,
            TimeSpan.FromSeconds(20), "the second attempt to succeed");

        Assert.IsType<JobOwnershipLostException>(firstOutcome);
        await using var connection = await db.App.OpenConnectionAsync();
        var effects = (await connection.QueryAsync<(int Attempt, string Worker)>(
            "select attempt, worker from job_effects where job_id = @id", new { id = job.Id })).ToList();
        Assert.Equal([(2, "b")], effects);
        var detail = await b.Admin.GetAsync(job.Id);
        Assert.Equal(2, detail!.Job.Attempt);
        Assert.Equal("LinkMatch.Jobs.WorkerLost", Assert.Single(detail.Errors).ExceptionType);
    }

    [Fact]
    public async Task A_heartbeat_after_the_handler_committed_its_own_completion_does_not_take_the_job_away()
    {
        const string kind = "test.completing";
        var committed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var heartbeatDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelledAfterCommit = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var instance = await TestInstance.Create(db.App, output, s => s.AddJobHandler(kind, async (context, ct) =>
        {
            await using var connection = await db.App.OpenConnectionAsync(ct);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await context.CompleteWithinAsync(connection, transaction, ct);
            await transaction.CommitAsync(ct);
            committed.SetResult();
            await heartbeatDone.Task;
            cancelledAfterCommit.SetResult(ct.IsCancellationRequested);
        }), o =>
        {
            o.HeartbeatInterval = TimeSpan.FromHours(1);
            o.HeartbeatTimeout = TimeSpan.FromHours(3);
        }).StartedAsync();

        var job = await instance.Queue.EnqueueAsync(new JobRequest(kind));
        await committed.Task.WaitAsync(TimeSpan.FromSeconds(20));
        // The handler has not returned, so the job is still among those this process heartbeats, and its row
        // already says succeeded: the heartbeat must read that as the handler's own doing, not as a rescue.
        await instance.Server.HeartbeatOnceAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));
        heartbeatDone.SetResult();

        Assert.False(await cancelledAfterCommit.Task.WaitAsync(TimeSpan.FromSeconds(20)),
            "the heartbeat took away a job whose handler had completed it");
        Assert.Equal(JobState.Succeeded, (await instance.Admin.GetAsync(job.Id))!.Job.State);
    }

    [Fact]
    public async Task Failing_attempts_are_retried_then_discarded_with_every_error_kept()
    {
        const string kind = "test.always-fails";
        await using var instance = await TestInstance.Create(db.App, output, s => s.AddJobHandler(kind,
            (context, ct) => throw new InvalidOperationException($"failure on attempt {context.Attempt}"))).StartedAsync();

        var job = await instance.Queue.EnqueueAsync(new JobRequest(kind) { MaxAttempts = 3 });
        await Wait.UntilAsync(async () => (await instance.Admin.GetAsync(job.Id))!.Job.State == JobState.Discarded,
            TimeSpan.FromSeconds(20), "the job to be discarded");

        var detail = await instance.Admin.GetAsync(job.Id);
        Assert.Equal(3, detail!.Job.Attempt);
        Assert.NotNull(detail.Job.FinalizedAt);
        Assert.Equal([1, 2, 3], detail.Errors.Select(e => e.Attempt));
        Assert.All(detail.Errors, e => Assert.Equal(typeof(InvalidOperationException).FullName, e.ExceptionType));
        Assert.Equal(["failure on attempt 1", "failure on attempt 2", "failure on attempt 3"], detail.Errors.Select(e => e.Message));
        Assert.All(detail.Errors, e => Assert.Contains("at ", e.Details, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_permanent_failure_discards_the_job_at_once()
    {
        const string kind = "test.permanent";
        await using var instance = await TestInstance.Create(db.App, output, s => s.AddJobHandler(kind,
            (context, ct) => throw new PermanentJobFailureException("the vacancy was deleted"))).StartedAsync();

        var job = await instance.Queue.EnqueueAsync(new JobRequest(kind) { MaxAttempts = 5 });
        await Wait.UntilAsync(async () => (await instance.Admin.GetAsync(job.Id))!.Job.State == JobState.Discarded,
            TimeSpan.FromSeconds(20), "the job to be discarded");
        var detail = await instance.Admin.GetAsync(job.Id);
        Assert.Equal(1, detail!.Job.Attempt);
        Assert.Equal("the vacancy was deleted", Assert.Single(detail.Errors).Message);
    }

    [Fact]
    public async Task The_unique_key_is_held_while_pending_and_released_once_the_job_starts_and_finishes()
    {
        const string kind = "test.unique";
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finish = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var instance = TestInstance.Create(db.App, output, s => s.AddJobHandler(kind, async (context, ct) =>
        {
            started.TrySetResult();
            await finish.Task.WaitAsync(ct);
        }), o => o.Workers = 1);
        var request = new JobRequest(kind) { UniqueKey = "seeker:42" };

        var first = await instance.Queue.EnqueueAsync(request);
        var again = await instance.Queue.EnqueueAsync(request);
        Assert.True(first.Created);
        Assert.Equal(new EnqueueResult(first.Id, Created: false), again);

        await instance.Server.StartAsync();
        await started.Task.WaitAsync(TimeSpan.FromSeconds(20));
        // A change made while the job runs needs a run of its own.
        var whileRunning = await instance.Queue.EnqueueAsync(request);
        Assert.True(whileRunning.Created);
        Assert.NotEqual(first.Id, whileRunning.Id);
        finish.SetResult();

        await Wait.UntilAsync(async () => await CountAsync($"select count(*) from jobs where unique_key = 'seeker:42' and state = 'succeeded'") == 2,
            TimeSpan.FromSeconds(20), "both jobs to succeed");
        var afterwards = await instance.Queue.EnqueueAsync(request);
        Assert.True(afterwards.Created);
    }

    [Fact]
    public async Task A_stop_lets_running_jobs_finish_then_hands_back_those_that_overrun()
    {
        var quickStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slowStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slowCancelled = false;
        var instance = await TestInstance.Create(db.App, output, s => s
            .AddJobHandler("test.quick", async (context, ct) =>
            {
                quickStarted.TrySetResult();
                await Task.Delay(300, CancellationToken.None);
            })
            .AddJobHandler("test.slow", async (context, ct) =>
            {
                slowStarted.TrySetResult();
                try
                {
                    await Task.Delay(Timeout.Infinite, ct);
                }
                finally
                {
                    slowCancelled = ct.IsCancellationRequested;
                }
            }), o => o.ShutdownTimeout = TimeSpan.FromSeconds(1)).StartedAsync();
        var quick = await instance.Queue.EnqueueAsync(new JobRequest("test.quick"));
        var slow = await instance.Queue.EnqueueAsync(new JobRequest("test.slow") { MaxAttempts = 1 });
        await Task.WhenAll(quickStarted.Task, slowStarted.Task).WaitAsync(TimeSpan.FromSeconds(20));

        await instance.Server.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(slowCancelled);
        var quickJob = await instance.Admin.GetAsync(quick.Id);
        var slowJob = await instance.Admin.GetAsync(slow.Id);
        Assert.Equal(JobState.Succeeded, quickJob!.Job.State);
        Assert.Equal(JobState.Available, slowJob!.Job.State);
        Assert.Null(slowJob.Job.Owner);
        // Handed back without using up an attempt: one attempt made, one still to come.
        Assert.Equal(1, slowJob.Job.Attempt);
        Assert.Equal(2, slowJob.Job.MaxAttempts);
        Assert.Empty(slowJob.Errors);
        await instance.DisposeAsync();
    }

    internal static async Task WriteEffectAsync(NpgsqlDataSource dataSource, JobContext context, string worker,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "insert into job_effects (job_id, attempt, worker) values (@id, @attempt, @worker)",
            new { id = context.Id, attempt = context.Attempt, worker }, transaction, cancellationToken: cancellationToken));
        await context.CompleteWithinAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = await db.App.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>(sql);
    }
}
