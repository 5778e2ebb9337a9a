using System.Net.Http.Json;
using System.Text.Json;
using LinkMatch.Api.Tests.Infrastructure;

namespace LinkMatch.Api.Tests.Intents;

/// <summary>Background jobs: their states through the jobs API; jobs no request enqueues, and waits for the
/// queue to go quiet, in raw SQL saying why.</summary>
public static class JobChecks
{
    /// <summary>A job as the jobs API shows it (<c>job.state</c>, <c>job.attempt</c>, <c>errors</c> …).</summary>
    public static async Task<JsonElement> JobAsync(this TestApp app, long jobId) =>
        await (await app.SharedAdminAsync()).GetFromJsonAsync<JsonElement>($"/api/v1/jobs/{jobId}");

    /// <summary>The state and attempt of each of the jobs (all of one kind), by id, from the jobs API's list of
    /// their kind.</summary>
    public static async Task<List<(long Id, string State, int Attempt)>> JobStatesAsync(this TestApp app,
        IEnumerable<long> ids)
    {
        var wanted = ids.ToHashSet();
        var kind = (await app.JobAsync(wanted.First())).GetProperty("job").GetProperty("kind").GetString()!;
        var page = await (await app.SharedAdminAsync()).GetFromJsonAsync<JsonElement>(
            $"/api/v1/jobs?kind={Uri.EscapeDataString(kind)}&limit=200");
        var states = page.GetProperty("items").EnumerateArray()
            .Select(j => (Id: j.GetProperty("id").GetInt64(), State: j.GetProperty("state").GetString()!,
                Attempt: j.GetProperty("attempt").GetInt32()))
            .Where(j => wanted.Contains(j.Id)).OrderBy(j => j.Id).ToList();
        Assert.True(states.Count == wanted.Count, $"the jobs API lists {states.Count} of {wanted.Count} jobs of {kind}");
        return states;
    }

    /// <summary>Every job of the kind, in any state, with its unique key, paged through the jobs API's list of its
    /// kind.</summary>
    public static async Task<List<(long Id, string State, string? UniqueKey)>> JobsOfKindAsync(this TestApp app,
        string kind)
    {
        var admin = await app.SharedAdminAsync();
        var jobs = new List<(long, string, string?)>();
        long? before = null;
        do
        {
            var page = await admin.GetFromJsonAsync<JsonElement>(
                $"/api/v1/jobs?kind={Uri.EscapeDataString(kind)}&limit=200{(before is { } b ? $"&beforeId={b}" : "")}");
            jobs.AddRange(page.GetProperty("items").EnumerateArray().Select(j => (j.GetProperty("id").GetInt64(),
                j.GetProperty("state").GetString()!, j.GetProperty("uniqueKey").GetString())));
            before = page.GetProperty("nextBeforeId") is { ValueKind: JsonValueKind.Number } next ? next.GetInt64() : null;
        }
        while (before is not null);

        return jobs;
    }

    /// <summary>How many jobs holding one of the unique keys are pending or running. Raw SQL: the jobs API filters by
    /// kind, state and queue but not by key, so a wait polling this every 150 ms would page through every job of
    /// the recompute kinds in four states each time.</summary>
    public static Task<long> PendingJobsWithKeysAsync(this TestApp app, string[] keys) =>
        app.ScalarAsync<long>("""
            select count(*) from jobs
            where unique_key = any(@keys) and state in ('scheduled', 'available', 'retryable', 'processing')
            """, new { keys });

    /// <summary>Enqueues a job, ready now, of a kind no request enqueues (one no handler knows, or one for a test
    /// queue). Raw SQL: no API adds a job of an arbitrary kind.</summary>
    public static Task<long> EnqueueTestJobAsync(this TestApp app, string kind, string args = "{}",
        string queue = "default", int maxAttempts = 1) =>
        app.ScalarAsync<long>("""
            insert into jobs (kind, args, queue, max_attempts) values (@kind, @args::jsonb, @queue, @maxAttempts)
            returning id
            """, new { kind, args, queue, maxAttempts });

    /// <summary>Schedules a job of a kind no request enqueues for a day from now. Raw SQL: as
    /// <see cref="EnqueueTestJobAsync"/>.</summary>
    public static Task<long> ScheduleTestJobForTomorrowAsync(this TestApp app, string kind) =>
        app.ScalarAsync<long>("""
            insert into jobs (kind, args, queue, scheduled_at, state)
            values (@kind, '{}', 'default', now() + interval '1 day', 'scheduled')
            returning id
            """, new { kind });

    /// <summary>How many jobs are running or ready, or due within the time given. Raw SQL: a wait for the queue to go
    /// quiet asks about several states and their due times at once, which no single jobs API list answers.</summary>
    public static Task<long> JobsBusyOrDueWithinAsync(this TestApp app, TimeSpan within) =>
        app.ScalarAsync<long>("""
            select count(*) from jobs
            where state in ('available', 'processing')
               or (state in ('scheduled', 'retryable') and scheduled_at < now() + @within)
            """, new { within });

    /// <summary>Waits (at most <paramref name="max"/>) until no job is running, ready or due within
    /// <paramref name="within"/>; returns how long it waited.</summary>
    public static async Task<TimeSpan> WaitUntilJobsQuietAsync(this TestApp app, TimeSpan within, TimeSpan max)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < max && await app.JobsBusyOrDueWithinAsync(within) > 0)
        {
            await Task.Delay(500);
        }

        return clock.Elapsed;
    }

    /// <summary>Waits (at most <paramref name="max"/>) until no job is pending at all, however far off its time or its
    /// next attempt. Only for a queue to which nothing new is added; returns how long it waited.</summary>
    public static Task<TimeSpan> WaitUntilJobsSettledAsync(this TestApp app, TimeSpan max) =>
        app.WaitUntilJobsQuietAsync(within: TimeSpan.FromDays(36_500), max);

    /// <summary>Every job that took more than one attempt or did not succeed: id, kind, unique key, state, attempts,
    /// when it was made and is due, and each failed attempt's error, one line a job. Raw SQL: the errors of attempts are bookkeeping no API
    /// lists together with the jobs.</summary>
    public static async Task<List<string>> JobsRetriedOrUnfinishedAsync(this TestApp app)
    {
        await using var conn = app.Database.OpenOwnerConnection();
        return [.. await Dapper.SqlMapper.QueryAsync<string>(conn, """
            select format('job %s %s (key %s): %s after %s attempt(s), created %s, due %s; %s', j.id, j.kind,
                          coalesce(j.unique_key, 'none'), j.state, j.attempt, to_char(j.created_at, 'HH24:MI:SS.MS'),
                          to_char(j.scheduled_at, 'HH24:MI:SS.MS'),
                          coalesce(string_agg(format('attempt %s: %s %s', e.attempt, e.exception_type, left(e.message, 200)),
                                              '; ' order by e.attempt), 'no error recorded'))
            from jobs j left join job_errors e on e.job_id = j.id
            where j.state <> 'succeeded' or j.attempt > 1
            group by j.id
            order by j.id
            """)];
    }

    /// <summary>The job that wrote each stored IPK snapshot. Raw SQL: a snapshot's writing job is bookkeeping no
    /// report shows.</summary>
    public static async Task<List<long?>> IpkSnapshotJobsAsync(this TestApp app)
    {
        await using var conn = app.Database.OpenOwnerConnection();
        return [.. await Dapper.SqlMapper.QueryAsync<long?>(conn, "select job_id from report_snapshots where kind = 'ipk'")];
    }
}
