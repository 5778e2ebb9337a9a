using Dapper;
using Xunit.Abstractions;

namespace LinkMatch.Jobs.Tests;

/// <summary>The scheduler acts on every due schedule in its database, so each test here has a database of its own:
/// schedules another test left behind (firing every second) would otherwise be fired too.</summary>
public sealed class SchedulerTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Three_schedulers_enqueue_one_job_per_fire_time()
    {
        await using var db = await JobsDatabase.CreateAsync();
        var names = Enumerable.Range(0, 5).Select(i => $"every-second-{i}").ToArray();
        var instances = new List<TestInstance>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                instances.Add(await TestInstance.Create(db.App, output, s =>
                {
                    foreach (var name in names)
                    {
                        s.AddRecurringJob(new RecurringJob(name, "* * * * * ?", "test.tick") { Args = new { name } });
                    }
                }, o =>
                {
                    o.Workers = 0;
                    o.SchedulerInterval = TimeSpan.FromMilliseconds(20);
                }).StartedAsync());
            }
            await Wait.UntilAsync(async () => await CountAsync(db, "select count(distinct unique_key) from jobs where kind = 'test.tick'") >= names.Length * 3,
                TimeSpan.FromSeconds(20), "three fire times of every schedule");
        }
        finally
        {
            foreach (var instance in instances)
            {
                await instance.DisposeAsync();
            }
        }

        await using var connection = await db.App.OpenConnectionAsync();
        var jobs = (await connection.QueryAsync<(string UniqueKey, string Name)>(
            "select unique_key, args->>'name' from jobs where kind = 'test.tick'")).ToList();
        Assert.Equal(jobs.Count, jobs.Select(j => j.UniqueKey).Distinct().Count());
        Assert.All(jobs, j => Assert.StartsWith($"schedule:{j.Name}:", j.UniqueKey, StringComparison.Ordinal));
        var lastJobs = await connection.QueryAsync<long?>("select last_job_id from job_schedules where name = any(@names)", new { names });
        Assert.All(lastJobs, id => Assert.True(id > 0));
    }

    [Fact]
    public async Task Fire_times_missed_during_downtime_run_once_not_as_a_burst()
    {
        await using var db = await JobsDatabase.CreateAsync();
        await using var instance = TestInstance.Create(db.App, output,
            s => s.AddRecurringJob(new RecurringJob("hourly-digest", "0 * * * *", "digest.send")));
        await instance.Server.StartAsync();
        await Wait.UntilAsync(async () => await CountAsync(db, "select count(*) from job_schedules where name = 'hourly-digest'") == 1,
            TimeSpan.FromSeconds(20), "the schedule to be written");
        await instance.Server.StopAsync();
        await using var connection = await db.App.OpenConnectionAsync();
        await connection.ExecuteAsync(
            "update job_schedules set next_fire_at = date_trunc('hour', now()) - interval '5 hours' where name = 'hourly-digest'");

        Assert.Equal(1, await instance.Server.FireDueSchedulesAsync(CancellationToken.None));
        Assert.Equal(0, await instance.Server.FireDueSchedulesAsync(CancellationToken.None));

        Assert.Equal(1, await CountAsync(db, "select count(*) from jobs where kind = 'digest.send'"));
        Assert.Equal(1, await CountAsync(db,
            "select count(*) from job_schedules where name = 'hourly-digest' and next_fire_at > now() and next_fire_at <= now() + interval '1 hour'"));
    }

    [Fact]
    public async Task Staff_can_run_a_named_schedule_now_once_while_it_is_pending()
    {
        await using var db = await JobsDatabase.CreateAsync();
        await using var instance = TestInstance.Create(db.App, output,
            s => s.AddRecurringJob(new RecurringJob("nightly-retrain", "0 0 2 * * ?", "ranking.retrain") { TimeZone = "Asia/Makassar" }));
        await instance.Server.StartAsync();
        await Wait.UntilAsync(async () => await CountAsync(db, "select count(*) from job_schedules where name = 'nightly-retrain'") == 1,
            TimeSpan.FromSeconds(20), "the schedule to be written");
        // Stopped so that no worker takes the job between the two requests.
        await instance.Server.StopAsync();

        var first = Assert.IsType<JobCommandResult.Ok>(await instance.Admin.TriggerScheduleAsync("nightly-retrain"));
        var second = Assert.IsType<JobCommandResult.Ok>(await instance.Admin.TriggerScheduleAsync("nightly-retrain"));

        Assert.Equal("ranking.retrain", first.Job.Kind);
        Assert.Equal(first.Job.Id, second.Job.Id);
        Assert.IsType<JobCommandResult.NotFound>(await instance.Admin.TriggerScheduleAsync("no-such-schedule"));
        var schedule = Assert.Single(await instance.Admin.ListSchedulesAsync(), s => s.Name == "nightly-retrain");
        Assert.Equal("Asia/Makassar", schedule.TimeZone);
        // 02:00 WITA is 18:00 UTC.
        Assert.Equal(18, schedule.NextFireAt!.Value.UtcDateTime.Hour);
    }

    [Fact]
    public void A_cron_expression_in_Makassar_time_fires_at_the_right_instant()
    {
        var schedule = CronSchedule.Parse("0 0 7 * * ?", "Asia/Makassar");

        var next = schedule.NextAfter(new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2025, 3, 1, 23, 0, 0, TimeSpan.Zero), next);
        Assert.Equal(TimeSpan.Zero, next!.Value.Offset);
    }

    [Theory]
    [InlineData("0 3 * * *", "0 0 3 * * ?")]
    [InlineData("*/5 * * * *", "0 */5 * * * ?")]
    [InlineData("30 7 * * MON-FRI", "0 30 7 ? * MON-FRI")]
    [InlineData("0 0 3 * * ?", "0 0 3 * * ?")]
    public void Five_field_expressions_become_quartz_expressions(string cron, string quartz) =>
        Assert.Equal(quartz, CronSchedule.ToQuartz(cron));

    [Theory]
    [InlineData("0 7 * * 1")]
    [InlineData("0 7 1 * MON")]
    [InlineData("not a cron")]
    public void Ambiguous_or_invalid_expressions_are_refused(string cron) =>
        Assert.ThrowsAny<Exception>(() => CronSchedule.Parse(cron, "UTC"));

    private static async Task<long> CountAsync(JobsDatabase db, string sql)
    {
        await using var connection = await db.App.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>(sql);
    }
}
