using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Dapper;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;
using Xunit.Abstractions;

namespace LinkMatch.Api.Tests.Reliability;

/// <summary>The deployment of deploy/compose.yaml in miniature: two API-only instances (<c>Jobs:Workers</c> 0) and two
/// <c>worker</c> processes on one database, under a mix of reads and changes, with the refresh schedule firing every
/// 20 seconds and one worker killed (SIGKILL) while it runs a full refresh or one of its parts. Promises: no request
/// fails or answers 5xx (a deadlock or serialization failure would), an idempotent retry on the other instance gives
/// the same vacancy, every change's recompute succeeds, each fire time of the schedule runs once, the jobs the killed
/// worker held are rescued and succeed (or, rescued while a newer job with the same key waited, are superseded by it),
/// the refresh succeeds, and the suggestions end the same as a single process computes them from the same data.</summary>
[Collection(LoadCollection.Name)]
public class ScaleOutTests(ITestOutputHelper output)
{
    private static readonly TimeSpan LoadTime = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task Two_instances_and_two_workers_lose_nothing_double_nothing_and_agree_with_one_process()
    {
        var seed = Seeds.Next();
        output.WriteLine($"seed {seed} (set LINKMATCH_TEST_SEED to repeat)");
        var fast = new Dictionary<string, string>
        {
            ["Jobs__Workers"] = "0",
            ["Jobs__HeartbeatInterval"] = "00:00:01",
            ["Jobs__HeartbeatTimeout"] = "00:00:04",
            ["Jobs__RescueInterval"] = "00:00:01",
            ["Jobs__PollInterval"] = "00:00:00.200",
            // A job rescued from the killed worker retries within a second: with the default 10 s it could still
            // be waiting when the queue is next judged quiet (nothing running or due within 5 s).
            ["Jobs__RetryBaseDelay"] = "00:00:01",
            ["Matching__RefreshCron"] = "0/20 * * * * ?",
            ["Reports__RefreshDelay"] = "00:00:00",
            // The partner posts far faster than its budget allows: the budget is not what is tested here.
            ["RateLimits__RequestsPerMinutePerApiKey"] = "1000000",
        };
        var app = await TestApp.StartIsolatedAsync("scale_out", fast);
        var processes = new List<ServiceProcess>();
        try
        {
            var second = await ServiceProcess.StartAsync(app.Environment);
            processes.Add(second);
            ServiceProcess Worker(string name) => Started(ServiceProcess.StartWorkerAsync(
                new Dictionary<string, string>(app.Environment) { ["Jobs__Workers"] = "4", ["Jobs__ServerName"] = name }).Result);
            ServiceProcess Started(ServiceProcess p)
            {
                processes.Add(p);
                return p;
            }

            var workers = new Dictionary<string, ServiceProcess> { ["worker-a"] = Worker("worker-a"), ["worker-b"] = Worker("worker-b") };

            var partner = await app.PartnerAsync();
            var (staff, _, _) = await app.StaffAsync(partner.OfficeId);
            using var admin = await app.AdminAsync();
            // The same callers on both instances: tokens and keys are the deployment's, not an instance's.
            HttpClient[] staffOn = [staff, Like(second, staff)];
            HttpClient[] partnerOn = [partner.Client, Like(second, partner.Client)];
            var seekers = new ConcurrentBag<long>();
            var vacancies = new ConcurrentBag<long>();
            for (var i = 0; i < 10; i++)
            {
                seekers.Add((await staff.RegisterAsync(SeekerIntents.NewSeeker())).Id);
                vacancies.Add((await partner.Client.PostVacancyAsync(EmployerIntents.JobVacancy())).Id);
            }

            var failures = new ConcurrentBag<string>();
            var clock = Stopwatch.StartNew();
            var random = new Random(seed);
            long refreshJob = 0;
            string? killed = null;
            var load = Enumerable.Range(0, 6).Select(lane => Task.Run(async () =>
            {
                var laneRandom = new Random(seed + lane);
                for (var n = 0; clock.Elapsed < LoadTime; n++)
                {
                    var on = laneRandom.Next(2);
                    var ids = vacancies.ToArray();
                    var (what, send) = laneRandom.Next(10) switch
                    {
                        < 3 => ("list suggestions", (Func<Task<HttpResponseMessage>>)(() =>
                            staffOn[on].GetAsync($"/api/v1/vacancies/{ids[laneRandom.Next(ids.Length)]}/suggestions?pageSize=50"))),
                        < 5 => ("list vacancies", () => staffOn[on].GetAsync("/api/v1/vacancies?pageSize=50")),
                        < 7 => ("register seeker", () => staffOn[on].PostAsJsonAsync("/api/v1/seekers", SeekerIntents.NewSeeker())),
                        _ => ("post vacancy", () => PostTwiceAsync(partnerOn, $"scale-{seed}-{lane}-{n}", on)),
                    };
                    try
                    {
                        using var response = await send();
                        if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Created))
                        {
                            failures.Add($"{what} on instance {on + 1}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                        }
                        else if (what == "register seeker")
                        {
                            seekers.Add((await response.Content.ReadFromJsonAsync<SeekerDto>(Json.Options))!.Id);
                        }
                        else if (what == "post vacancy")
                        {
                            vacancies.Add((await response.Content.ReadFromJsonAsync<VacancyDto>(Json.Options))!.Id);
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException)
                    {
                        failures.Add($"{what} on instance {on + 1}: {e.Message}");
                    }
                }
            })).ToList();

            // Meanwhile: a full refresh on demand, and a worker dies mid-refresh. The refresh job only plans a large
            // refresh into parts that every worker shares, so the worker killed is one running any of its jobs; a
            // short job may finish between the look and the kill, which the checks below allow for.
            await Task.Delay(TimeSpan.FromSeconds(5 + random.Next(5)));
            refreshJob = (await admin.RefreshAsync()).JobId;
            while (clock.Elapsed < LoadTime && killed is null)
            {
                var owner = await app.ScalarAsync<string?>("""
                    select owner from jobs
                    where kind in ('matching.refresh', 'matching.refresh-part', 'matching.refresh-finish')
                      and state = 'processing' and id >= @refreshJob
                    order by id limit 1
                    """, new { refreshJob });
                if (owner is not null && workers.TryGetValue(owner, out var doomed))
                {
                    doomed.Kill();
                    killed = owner;
                    workers["worker-c"] = Worker("worker-c");
                }

                await Task.Delay(20);
            }

            await Task.WhenAll(load);
            output.WriteLine($"{seekers.Count} seekers, {vacancies.Count} vacancies; killed {killed ?? "none (the refresh finished between polls)"}");
            Assert.True(failures.IsEmpty, $"seed {seed}: {failures.Count} failed requests:\n{string.Join('\n', failures.Take(20))}");

            // The schedule stops firing, so that "every job succeeded" is about a settled queue.
            await app.ExecuteAsync("update job_schedules set enabled = false");
            await SettledAsync(app);
            // A job rescued while a newer job with its unique key waits is cancelled as superseded, by design: the
            // newer one does the work, and must have succeeded.
            var unfinished = await app.ScalarAsync<long>("""
                select count(*) from jobs j
                where j.state <> 'succeeded'
                  and not (j.state = 'cancelled'
                           and j.cancel_reason = 'superseded by a pending job with the same unique key'
                           and exists (select from jobs n where n.unique_key = j.unique_key and n.id > j.id
                                                           and n.state = 'succeeded'))
                """);
            var retried = await app.JobsRetriedOrUnfinishedAsync();
            output.WriteLine($"jobs retried or unfinished:\n{string.Join('\n', retried)}");
            Assert.True(unfinished == 0, $"seed {seed}: {unfinished} jobs neither succeeded nor were superseded by one that did:\n{string.Join('\n', retried)}");
            var refresh = (await app.JobStatesAsync([refreshJob])).Single();
            Assert.Equal("succeeded", refresh.State);
            if (killed is not null)
            {
                // Every job succeeded or was superseded by one that did (above), so the work of each one the killed
                // worker held was done on a later attempt.
                var rescued = await app.ScalarAsync<long>("""
                    select count(distinct job_id) from job_errors
                    where exception_type = 'LinkMatch.Jobs.WorkerLost' and details = @details
                    """, new { details = $"owner: {killed}" });
                Assert.True(rescued > 0, $"seed {seed}: {killed} was killed, but no job it held was rescued");
            }
            await using (var conn = app.Database.OpenOwnerConnection())
            {
                var missing = (await conn.QueryAsync<long>("""
                    select v.id from unnest(@vacancies) as v(id)
                    where not exists (select 1 from jobs j where j.kind = 'matching.vacancy'
                                      and (j.args ->> 'vacancyId')::bigint = v.id and j.state = 'succeeded')
                    union all
                    select s.id from unnest(@seekers) as s(id)
                    where not exists (select 1 from jobs j where j.kind = 'matching.seeker'
                                      and (j.args ->> 'seekerId')::bigint = s.id and j.state = 'succeeded')
                    """, new { vacancies = vacancies.ToArray(), seekers = seekers.ToArray() })).ToList();
                Assert.True(missing.Count == 0, $"seed {seed}: no recompute for {string.Join(", ", missing)}");
                var fires = (await conn.QueryAsync<(string Key, long Count)>("""
                    select unique_key, count(*) from jobs where unique_key like 'schedule:%' group by unique_key
                    """)).ToList();
                output.WriteLine($"{fires.Count} scheduled fire times ran");
                Assert.NotEmpty(fires);
                Assert.All(fires, f => Assert.Equal(1, f.Count));
            }

            // The end state: what the deployment's last refresh stored equals what one process computes alone.
            await RefreshAndWaitAsync(app, admin);
            var together = await SuggestionsAsync(app);
            foreach (var process in processes)
            {
                await process.StopAsync();
            }

            await app.Service.StopAsync();
            var alone = await ServiceProcess.StartAsync(new Dictionary<string, string>(app.Environment)
            {
                ["Jobs__Workers"] = "4",
                ["Matching__RefreshCron"] = "0 0 2 * * ?",
            });
            processes.Add(alone);
            using var adminAlone = Like(alone, admin);
            await RefreshAndWaitAsync(app, adminAlone);
            Assert.Equal(together, await SuggestionsAsync(app));
            Assert.NotEmpty(together);
        }
        finally
        {
            foreach (var process in processes)
            {
                await process.DisposeAsync();
            }

            await app.StopAsync();
        }
    }

    /// <summary>Posts a vacancy and retries the same post (same Idempotency-Key) on the other instance, as a client
    /// whose first answer was lost would: both answers must name the same vacancy.</summary>
    private static async Task<HttpResponseMessage> PostTwiceAsync(HttpClient[] on, string key, int first)
    {
        var body = EmployerIntents.JobVacancy();
        async Task<HttpResponseMessage> Post(HttpClient client)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/vacancies")
            {
                Content = JsonContent.Create(body, options: Json.Options),
            };
            request.Headers.Add("Idempotency-Key", key);
            return await client.SendAsync(request);
        }

        using var original = await Post(on[first]);
        if (original.StatusCode != HttpStatusCode.Created)
        {
            return await CopyAsync(original);
        }

        using var retry = await Post(on[1 - first]);
        if (!retry.IsSuccessStatusCode)
        {
            return await CopyAsync(retry);
        }

        var a = await original.Content.ReadFromJsonAsync<VacancyDto>(Json.Options);
        var b = await retry.Content.ReadFromJsonAsync<VacancyDto>(Json.Options);
        return a!.Id == b!.Id
            ? new HttpResponseMessage(HttpStatusCode.Created) { Content = JsonContent.Create(a, options: Json.Options) }
            : new HttpResponseMessage(HttpStatusCode.Conflict) { Content = new StringContent($"the retry made vacancy {b.Id} beside {a.Id}") };
    }

    private static async Task<HttpResponseMessage> CopyAsync(HttpResponseMessage response) =>
        new(response.StatusCode) { Content = new StringContent(await response.Content.ReadAsStringAsync()) };

    private static HttpClient Like(ServiceProcess service, HttpClient caller)
    {
        var client = service.CreateClient();
        foreach (var header in caller.DefaultRequestHeaders)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation(header.Key, header.Value);
        }

        return client;
    }

    private static async Task RefreshAndWaitAsync(TestApp app, HttpClient admin)
    {
        var job = (await admin.RefreshAsync()).JobId;
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (await app.ScalarAsync<string>("select state from jobs where id = @job", new { job }) is not "succeeded")
        {
            Assert.True(DateTime.UtcNow < deadline, $"refresh job {job} did not succeed");
            await Task.Delay(200);
        }
    }

    /// <summary>Every proposed suggestion as (vacancy, seeker, rank), in order.</summary>
    private static async Task<List<(long, long, int)>> SuggestionsAsync(TestApp app)
    {
        await using var conn = app.Database.OpenOwnerConnection();
        return (await conn.QueryAsync<(long, long, int)>("""
            select vacancy_id, seeker_id, rank from suggestions where status = 'proposed' order by vacancy_id, rank, seeker_id
            """)).ToList();
    }

    /// <summary>Waits (at most three minutes) until no job is pending, a retry's backoff however long included: the
    /// schedule no longer fires and the load has stopped, so nothing new comes. Waiting only for jobs due within a few
    /// seconds could judge the queue settled while a retried job still waited out its backoff.</summary>
    private async Task SettledAsync(TestApp app)
    {
        var waited = await app.WaitUntilJobsSettledAsync(TimeSpan.FromMinutes(3));
        output.WriteLine($"waited {waited.TotalSeconds:0.0} s for the jobs to finish");
    }
}
