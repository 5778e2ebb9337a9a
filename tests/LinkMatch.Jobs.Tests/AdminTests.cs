using Dapper;

namespace LinkMatch.Jobs.Tests;

/// <summary>The staff operations, on jobs arranged directly in the database.</summary>
public sealed class AdminTests(JobsDatabase db) : IClassFixture<JobsDatabase>, IAsyncLifetime
{
    private TestInstance _instance = null!;

    private JobAdmin Admin => _instance.Admin;

    public Task InitializeAsync()
    {
        _instance = TestInstance.Create(db.App, null, _ => { });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _instance.DisposeAsync();

    [Fact]
    public async Task Lists_filter_by_kind_and_state_and_page_newest_first()
    {
        var kind = $"list.{Guid.NewGuid():N}";
        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await InsertAsync(kind, "available"));
        }
        var done = await InsertAsync(kind, "succeeded");

        var first = await Admin.ListAsync(new JobListQuery(Kind: kind, State: JobState.Available, Limit: 3));
        var second = await Admin.ListAsync(new JobListQuery(Kind: kind, State: JobState.Available, BeforeId: first.NextBeforeId, Limit: 3));
        var succeeded = await Admin.ListAsync(new JobListQuery(Kind: kind, State: JobState.Succeeded));

        Assert.Equal(ids.AsEnumerable().Reverse().Take(3), first.Items.Select(j => j.Id));
        Assert.Equal(ids.AsEnumerable().Reverse().Skip(3), second.Items.Select(j => j.Id));
        Assert.Null(second.NextBeforeId);
        Assert.Equal([done], succeeded.Items.Select(j => j.Id));
        Assert.All(first.Items, j => Assert.Equal(JobState.Available, j.State));
    }

    [Fact]
    public async Task A_job_detail_has_every_error_with_its_attempt_time_message_and_type()
    {
        var id = await InsertAsync("detail.kind", "discarded", attempt: 2, maxAttempts: 2);
        await ExecuteAsync("""
            insert into job_errors (job_id, attempt, occurred_at, message, exception_type, details) values
                (@id, 1, now() - interval '2 minutes', 'timeout', 'System.TimeoutException', 'stack 1'),
                (@id, 2, now() - interval '1 minute', 'refused', 'System.IO.IOException', 'stack 2')
            """, new { id });

        var detail = await Admin.GetAsync(id);

        Assert.NotNull(detail);
        Assert.Equal(JobState.Discarded, detail.Job.State);
        Assert.Equal(
            [(1, "timeout", "System.TimeoutException"), (2, "refused", "System.IO.IOException")],
            detail.Errors.Select(e => (e.Attempt, e.Message, e.ExceptionType)));
        Assert.True(detail.Errors[0].OccurredAt < detail.Errors[1].OccurredAt);
        Assert.Null(await Admin.GetAsync(long.MaxValue));
    }

    [Fact]
    public async Task Retry_runs_a_discarded_job_again_with_one_more_attempt_and_keeps_its_errors()
    {
        var id = await InsertAsync("retry.kind", "discarded", attempt: 3, maxAttempts: 3);

        var result = await Admin.RetryAsync(id);

        var ok = Assert.IsType<JobCommandResult.Ok>(result);
        Assert.Equal(JobState.Available, ok.Job.State);
        Assert.Equal(3, ok.Job.Attempt);
        Assert.Equal(4, ok.Job.MaxAttempts);
        Assert.Null(ok.Job.FinalizedAt);
    }

    [Fact]
    public async Task Retry_refuses_jobs_that_are_not_failed_or_cancelled_and_reports_missing_ones()
    {
        var processing = await InsertAsync("retry.kind", "processing", attempt: 1);
        var succeeded = await InsertAsync("retry.kind", "succeeded", attempt: 1);

        Assert.IsType<JobCommandResult.Conflict>(await Admin.RetryAsync(processing));
        Assert.IsType<JobCommandResult.Conflict>(await Admin.RetryAsync(succeeded));
        Assert.IsType<JobCommandResult.NotFound>(await Admin.RetryAsync(long.MaxValue));
    }

    [Fact]
    public async Task Retry_refuses_when_another_pending_job_holds_the_unique_key()
    {
        var key = $"vacancy:{Guid.NewGuid():N}";
        var cancelled = await InsertAsync("retry.kind", "cancelled", uniqueKey: key);
        await InsertAsync("retry.kind", "available", uniqueKey: key);

        var conflict = Assert.IsType<JobCommandResult.Conflict>(await Admin.RetryAsync(cancelled));
        Assert.Contains(key, conflict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_applies_to_jobs_that_have_not_started()
    {
        var available = await InsertAsync("cancel.kind", "available");
        var scheduled = await InsertAsync("cancel.kind", "scheduled");
        var processing = await InsertAsync("cancel.kind", "processing", attempt: 1);
        var succeeded = await InsertAsync("cancel.kind", "succeeded", attempt: 1);

        var ok = Assert.IsType<JobCommandResult.Ok>(await Admin.CancelAsync(available, "duplicate request"));
        Assert.Equal(JobState.Cancelled, ok.Job.State);
        Assert.Equal("duplicate request", (await Admin.GetAsync(available))!.CancelReason);
        Assert.IsType<JobCommandResult.Ok>(await Admin.CancelAsync(scheduled));
        Assert.IsType<JobCommandResult.Conflict>(await Admin.CancelAsync(processing));
        Assert.IsType<JobCommandResult.Conflict>(await Admin.CancelAsync(succeeded));
        Assert.IsType<JobCommandResult.NotFound>(await Admin.CancelAsync(long.MaxValue));
    }

    [Fact]
    public async Task Stats_give_depth_oldest_age_and_recent_throughput_per_queue_and_kind()
    {
        var queue = $"stats-{Guid.NewGuid():N}"[..20];
        await InsertAsync("stats.a", "available", queue: queue, scheduledAgo: "10 minutes");
        await InsertAsync("stats.a", "available", queue: queue, scheduledAgo: "1 minute");
        await InsertAsync("stats.b", "available", queue: queue, scheduledAgo: "2 minutes");
        await InsertAsync("stats.a", "scheduled", queue: queue, scheduledAgo: "-1 hour");
        await InsertAsync("stats.a", "succeeded", queue: queue, finalizedAgo: "10 seconds");
        await InsertAsync("stats.a", "succeeded", queue: queue, finalizedAgo: "30 minutes");
        await InsertAsync("stats.a", "succeeded", queue: queue, finalizedAgo: "2 hours");
        var failed = await InsertAsync("stats.b", "discarded", queue: queue, attempt: 1, finalizedAgo: "5 seconds");
        await ExecuteAsync("""
            insert into job_errors (job_id, attempt, occurred_at, message, exception_type)
            values (@failed, 1, now() - interval '5 seconds', 'boom', 'System.Exception')
            """, new { failed });

        var stats = await Admin.GetStatsAsync();

        var a = Assert.Single(stats.Kinds, k => k.Queue == queue && k.Kind == "stats.a");
        Assert.Equal(2, a.Depth);
        Assert.Equal(1, a.Scheduled);
        Assert.InRange(a.OldestAvailableAge!.Value, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(11));
        Assert.Equal(1, a.SucceededLastMinute);
        Assert.Equal(2, a.SucceededLastHour);
        var total = Assert.Single(stats.Queues, q => q.Queue == queue);
        Assert.Null(total.Kind);
        Assert.Equal(3, total.Depth);
        Assert.Equal(1, total.FailedLastMinute);
        Assert.Equal(1, total.FailedLastHour);
        Assert.Equal(1, total.DiscardedLastHour);
        Assert.Equal(a.OldestAvailableAge, total.OldestAvailableAge);
    }

    private async Task<long> InsertAsync(string kind, string state, int attempt = 0, int maxAttempts = 5,
        string? uniqueKey = null, string queue = "default", string scheduledAgo = "0 seconds", string? finalizedAgo = null)
    {
        var finished = state is "succeeded" or "discarded" or "cancelled";
        return await QueryAsync<long>("""
            insert into jobs (kind, queue, state, attempt, max_attempts, unique_key, scheduled_at, owner, heartbeat_at, finalized_at)
            values (@kind, @queue, @state, @attempt, @maxAttempts, @uniqueKey, now() - @scheduledAgo::interval,
                    case when @state = 'processing' then 'elsewhere' end,
                    case when @state = 'processing' then now() end,
                    case when @finished then now() - coalesce(@finalizedAgo, '0 seconds')::interval end)
            returning id
            """, new { kind, queue, state, attempt, maxAttempts, uniqueKey, scheduledAgo, finished, finalizedAgo });
    }

    private async Task<T> QueryAsync<T>(string sql, object parameters)
    {
        await using var connection = await db.App.OpenConnectionAsync();
        return await connection.QuerySingleAsync<T>(sql, parameters);
    }

    private async Task ExecuteAsync(string sql, object parameters)
    {
        await using var connection = await db.App.OpenConnectionAsync();
        await connection.ExecuteAsync(sql, parameters);
    }
}
