using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;

namespace LinkMatch.Api.Tests.Jobs;

public class JobsApiTests
{
    [Fact]
    public async Task Staff_see_jobs_with_their_errors_and_retry_or_cancel_them()
    {
        var app = await TestApp.SharedAsync();
        // A job of a kind no handler knows: the worker discards it at once, keeping the error.
        var failed = await app.EnqueueTestJobAsync("test.no-such-kind", """{"n": 1}""");
        var pending = await app.ScheduleTestJobForTomorrowAsync("test.later");
        var (staff, _, _) = await app.StaffAsync();
        using (staff)
        {
            var detail = await WaitAsync(staff, failed, "discarded");
            Assert.Equal(1, detail.GetProperty("args").GetProperty("n").GetInt32());
            Assert.NotEmpty(detail.GetProperty("errors").EnumerateArray());

            var list = await staff.GetFromJsonAsync<JsonElement>("/api/v1/jobs?kind=test.no-such-kind&state=discarded");
            Assert.Contains(list.GetProperty("items").EnumerateArray(), j => j.GetProperty("id").GetInt64() == failed);

            var retried = await (await staff.PostAsync(new Uri($"/api/v1/jobs/{failed}/retry", UriKind.Relative), null))
                .ReadAsync<JsonElement>();
            Assert.Equal("available", retried.GetProperty("state").GetString());

            var cancelled = await (await staff.PostAsJsonAsync($"/api/v1/jobs/{pending}/cancel", new { reason = "not needed" }))
                .ReadAsync<JsonElement>();
            Assert.Equal("cancelled", cancelled.GetProperty("state").GetString());
            await (await staff.PostAsJsonAsync($"/api/v1/jobs/{pending}/cancel", new { reason = "again" }))
                .AssertProblemAsync(HttpStatusCode.Conflict);

            await (await staff.GetAsync("/api/v1/jobs/987654321")).AssertProblemAsync(HttpStatusCode.NotFound);
            await (await staff.PostAsync(new Uri("/api/v1/jobs/schedules/no-such-schedule/run", UriKind.Relative), null))
                .AssertProblemAsync(HttpStatusCode.NotFound);
            await (await staff.GetAsync("/api/v1/jobs?state=exploded")).AssertProblemAsync(HttpStatusCode.BadRequest, "state");

            var stats = await staff.GetFromJsonAsync<JsonElement>("/api/v1/jobs/stats");
            Assert.Contains(stats.GetProperty("queues").EnumerateArray(), q => q.GetProperty("queue").GetString() == "default");
        }
    }

    [Fact]
    public async Task A_worker_process_of_the_same_binary_runs_jobs_and_stops_on_request()
    {
        var app = await TestApp.SharedAsync();
        var id = await app.EnqueueTestJobAsync("test.worker-process", queue: "worker-test");
        var environment = new Dictionary<string, string>(app.Environment) { ["Jobs__Queues__0"] = "worker-test" };
        await using var worker = await ServiceProcess.StartWorkerAsync(environment);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        string? state = null;
        while (DateTime.UtcNow < deadline && state != "discarded")
        {
            state = (await app.JobAsync(id)).GetProperty("job").GetProperty("state").GetString();
            await Task.Delay(200);
        }

        Assert.Equal("discarded", state);
        Assert.Equal(0, await worker.StopAsync());
    }

    private static async Task<JsonElement> WaitAsync(HttpClient client, long id, string state)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var detail = await client.GetFromJsonAsync<JsonElement>($"/api/v1/jobs/{id}");
            if (detail.GetProperty("job").GetProperty("state").GetString() == state || DateTime.UtcNow > deadline)
            {
                return detail;
            }

            await Task.Delay(200);
        }
    }
}
