using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;
using Xunit.Abstractions;

namespace LinkMatch.Api.Tests.Reliability;

/// <summary>What an acknowledgement promises survives crashes: of the database (its own throw-away cluster, crashed
/// with <c>pg_ctl stop -m immediate</c> at a random moment) and of the service (SIGKILL right after it answered).
/// A retried request does not duplicate; the plain and concurrent retries are in
/// <c>Employers.VacancyIdempotencyTests</c>.</summary>
public class CrashTests(ITestOutputHelper output)
{
    private const int Writers = 4;

    [Fact]
    public async Task Every_acknowledged_vacancy_survives_a_database_crash_whole_with_its_competencies_and_audit_row()
    {
        var seed = Seeds.Next();
        output.WriteLine($"seed {seed} (set LINKMATCH_TEST_SEED to repeat)");
        var random = new Random(seed);
        await using var cluster = await PrivateCluster.StartAsync();
        var app = await TestApp.StartIsolatedAsync("db_crash", null, cluster.AdminConnectionString);
        try
        {
            var partner = await app.PartnerAsync();
            long[] competencies = [await app.CompetencyIdAsync("C.251000.001.01"), await app.CompetencyIdAsync("C.251000.010.01")];
            var acknowledged = new ConcurrentDictionary<string, long>();
            var refusals = new ConcurrentDictionary<int, int>();
            var crashed = new TaskCompletionSource();
            var clock = Stopwatch.StartNew();

            async Task WriteAsync(int writer)
            {
                var failuresAfterCrash = 0;
                for (var n = 0; n < 5_000 && clock.Elapsed < TimeSpan.FromSeconds(60) && failuresAfterCrash < 3; n++)
                {
                    var key = $"crash-{seed}-{writer}-{n}";
                    using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/vacancies")
                    {
                        Content = JsonContent.Create(Vacancy(key, competencies), options: Json.Options),
                    };
                    request.Headers.Add("Idempotency-Key", key);
                    using var response = await partner.Client.SendAsync(request);
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        acknowledged[key] = (await response.Content.ReadFromJsonAsync<VacancyDto>())!.Id;
                    }
                    else
                    {
                        refusals.AddOrUpdate((int)response.StatusCode, 1, (_, c) => c + 1);
                        failuresAfterCrash += crashed.Task.IsCompleted ? 1 : 0;
                    }
                }
            }

            var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(() => WriteAsync(w))).ToList();
            var delay = TimeSpan.FromMilliseconds(random.Next(300, 2_000));
            await Task.Delay(delay);
            var beforeCrash = acknowledged.Count;
            await cluster.CrashAsync();
            crashed.SetResult();
            await Task.WhenAll(writers);
            output.WriteLine($"crashed after {delay.TotalMilliseconds} ms with {beforeCrash} acknowledged; "
                + $"{acknowledged.Count} in all; refusals {string.Join(", ", refusals.Select(r => $"{r.Key}×{r.Value}"))}");
            Assert.True(beforeCrash > 0, $"seed {seed}: nothing was acknowledged before the crash");
            Assert.True(refusals.Keys.All(s => s == 503), $"seed {seed}: the outage answered {string.Join(", ", refusals.Keys)}, not only 503");

            await cluster.StartServerAsync();
            await WaitUntilReadyAsync(app);
            Npgsql.NpgsqlConnection.ClearAllPools();

            var stored = (await app.StoredVacanciesOfAsync(partner.Employer.Id)).ToDictionary(r => r.Title);
            var lost = acknowledged.Where(a => !stored.TryGetValue(a.Key, out var row) || row.Id != a.Value).ToList();
            Assert.True(lost.Count == 0, $"seed {seed}: acknowledged but lost: {string.Join(", ", lost.Select(l => l.Key))}");
            var partial = stored.Values.Where(r => r.Competencies != 2 || r.AuditRows != 1).ToList();
            Assert.True(partial.Count == 0, $"seed {seed}: partly stored: {string.Join(", ", partial)}");

            // The idempotency records survived with them: a retry of an acknowledged request replays its answer.
            foreach (var (key, id) in acknowledged.Take(20))
            {
                using var retry = new HttpRequestMessage(HttpMethod.Post, "/api/v1/vacancies")
                {
                    Content = JsonContent.Create(Vacancy(key, competencies), options: Json.Options),
                };
                retry.Headers.Add("Idempotency-Key", key);
                using var response = await partner.Client.SendAsync(retry);
                Assert.Equal(id, (await response.ReadAsync<VacancyDto>(HttpStatusCode.Created)).Id);
            }

            Assert.Equal(stored.Count, await app.VacancyCountAsync(partner.Employer.Id));
        }
        finally
        {
            await app.StopAsync();
        }
    }

    [Fact]
    public async Task A_post_retried_after_the_service_was_killed_gets_the_same_vacancy()
    {
        var app = await TestApp.StartIsolatedAsync("service_crash");
        try
        {
            var partner = await app.PartnerAsync();
            var key = Guid.NewGuid().ToString();
            var body = EmployerIntents.JobVacancy();
            var first = await PostAsync(partner.Client, body, key);
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
            var created = await first.ReadAsync<VacancyDto>(HttpStatusCode.Created);

            // The client never saw the answer (say): the service dies and comes back, the client retries.
            app.Service.Kill();
            await using var restarted = await ServiceProcess.StartAsync(app.Environment);
            using var client = restarted.CreateClient();
            client.DefaultRequestHeaders.Add("X-Api-Key", partner.ApiKey);
            var retried = await PostAsync(client, body, key);
            Assert.Equal(created.Id, (await retried.ReadAsync<VacancyDto>(HttpStatusCode.Created)).Id);
            Assert.Equal("true", retried.Headers.GetValues("Idempotent-Replayed").Single());
            // The employer's own list shows exactly its vacancies; the restarted service answers it.
            var own = await client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/vacancies?pageSize=1");
            Assert.Equal(1L, own.GetProperty("total").GetInt64());
        }
        finally
        {
            await app.StopAsync();
        }
    }

    /// <summary>Waits (bounded) until the service answers readiness again, on its own, without a restart.</summary>
    internal static async Task<TimeSpan> WaitUntilReadyAsync(TestApp app, TimeSpan? within = null)
    {
        using var client = app.Anonymous();
        client.Timeout = TimeSpan.FromSeconds(10);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < (within ?? TimeSpan.FromSeconds(60)))
        {
            try
            {
                using var response = await client.GetAsync("/health/ready");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return clock.Elapsed;
                }
            }
            catch (TaskCanceledException)
            {
                // Still hanging; try again.
            }

            await Task.Delay(200);
        }

        Assert.False(app.Service.HasExited, "the service exited");
        throw new TimeoutException($"the service was not ready again within {within ?? TimeSpan.FromSeconds(60)}");
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, Dictionary<string, object?> body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/vacancies")
        {
            Content = JsonContent.Create(body, options: Json.Options),
        };
        request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request);
    }

    private static Dictionary<string, object?> Vacancy(string title, long[] competencies)
    {
        var body = EmployerIntents.JobVacancy();
        body["title"] = title;
        body["competencies"] = competencies.Select(id => new { competencyId = id, mandatory = true, minLevel = 2 }).ToArray();
        return body;
    }
}

/// <summary>Seeds for randomised tests: LINKMATCH_TEST_SEED repeats a run; otherwise a new one, which the test
/// prints.</summary>
public static class Seeds
{
    public static int Next() =>
        int.TryParse(Environment.GetEnvironmentVariable("LINKMATCH_TEST_SEED"), out var seed) ? seed : Random.Shared.Next();
}
