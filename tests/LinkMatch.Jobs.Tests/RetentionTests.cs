using Dapper;

namespace LinkMatch.Jobs.Tests;

public sealed class RetentionTests(JobsDatabase db) : IClassFixture<JobsDatabase>
{
    [Fact]
    public async Task Finished_jobs_past_their_retention_are_deleted_with_their_errors_and_nothing_else()
    {
        await using var connection = await db.App.OpenConnectionAsync();
        var ids = (await connection.QueryAsync<(string Label, long Id)>("""
            insert into jobs (kind, state, attempt, created_at, finalized_at) values
                ('old-succeeded', 'succeeded', 1, now() - interval '9 days', now() - interval '8 days'),
                ('new-succeeded', 'succeeded', 1, now() - interval '2 days', now() - interval '1 day'),
                ('old-discarded', 'discarded', 3, now() - interval '40 days', now() - interval '31 days'),
                ('new-discarded', 'discarded', 3, now() - interval '11 days', now() - interval '10 days'),
                ('old-cancelled', 'cancelled', 0, now() - interval '40 days', now() - interval '31 days')
            returning kind, id
            """)).ToDictionary(r => r.Label, r => r.Id);
        var oldPending = await connection.ExecuteScalarAsync<long>(
            "insert into jobs (kind, created_at, scheduled_at) values ('old-pending', now() - interval '100 days', now() - interval '100 days') returning id");
        await connection.ExecuteAsync(
            "insert into job_errors (job_id, attempt, message, exception_type) values (@id, 1, 'boom', 'System.Exception')",
            new { id = ids["old-discarded"] });

        await using var instance = TestInstance.Create(db.App, null, _ => { }, o =>
        {
            o.SucceededRetention = TimeSpan.FromDays(7);
            o.DiscardedRetention = TimeSpan.FromDays(30);
        });
        await instance.Server.RetentionOnceAsync(CancellationToken.None);

        var left = (await connection.QueryAsync<long>("select id from jobs")).ToHashSet();
        Assert.Equal(new HashSet<long> { ids["new-succeeded"], ids["new-discarded"], oldPending }, left);
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("select count(*) from job_errors"));
    }
}
