using System.Diagnostics;
using System.Net;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;
using Xunit.Abstractions;

namespace LinkMatch.Api.Tests.Reliability;

/// <summary>Background jobs of the real service binary run at least once and take effect once when a worker process
/// is killed (SIGKILL) at a random moment: report recomputes, each storing one snapshot together with its job's
/// completion. The queue's own crash tests (many jobs, workers and database kills) are in
/// <c>LinkMatch.Jobs.Tests.CrashTests</c>.</summary>
public class JobCrashTests(ITestOutputHelper output)
{
    private const int Reports = 30;

    [Fact]
    public async Task Report_jobs_of_a_killed_worker_process_all_succeed_each_with_its_one_snapshot()
    {
        var seed = Seeds.Next();
        output.WriteLine($"seed {seed} (set LINKMATCH_TEST_SEED to repeat)");
        // An API instance without workers takes the requests; worker processes of the same binary run the jobs.
        var app = await TestApp.StartIsolatedAsync("job_crash", new Dictionary<string, string>
        {
            ["Jobs__Workers"] = "0",
            ["Reports__RefreshDelay"] = "00:00:00",
        });
        var workerSettings = new Dictionary<string, string>(app.Environment)
        {
            ["Jobs__Workers"] = "4",
            ["Jobs__HeartbeatInterval"] = "00:00:01",
            ["Jobs__HeartbeatTimeout"] = "00:00:03",
            ["Jobs__RescueInterval"] = "00:00:01",
            ["Jobs__PollInterval"] = "00:00:00.200",
        };
        ServiceProcess? survivor = null;
        try
        {
            using var admin = await app.AdminAsync();
            var jobs = new Dictionary<long, long>();
            for (var i = 0; i < Reports; i++)
            {
                var office = await app.CreateOfficeAsync();
                var accepted = await (await admin.PostAsync(
                    new Uri($"/api/v1/reports/ipk/refresh?officeId={office.Id}", UriKind.Relative), null))
                    .ReadAsync<Accepted>(HttpStatusCode.Accepted);
                jobs[accepted.JobId] = office.Id;
            }

            // The first worker dies at a random moment soon after it has taken its first job.
            await using (var doomed = await ServiceProcess.StartWorkerAsync(workerSettings))
            {
                var started = Stopwatch.StartNew();
                while ((await app.JobStatesAsync(jobs.Keys)).All(s => s.Attempt == 0) && !doomed.HasExited
                       && started.Elapsed < TimeSpan.FromSeconds(60))
                {
                    await Task.Delay(20);
                }

                await Task.Delay(new Random(seed).Next(0, 150));
                doomed.Kill();
            }

            var before = await app.JobStatesAsync(jobs.Keys);
            output.WriteLine($"after the kill: {string.Join(", ", before.GroupBy(s => s.State).Select(g => $"{g.Key}×{g.Count()}"))}");

            survivor = await ServiceProcess.StartWorkerAsync(workerSettings);
            var clock = Stopwatch.StartNew();
            List<(long Id, string State, int Attempt)> states;
            while ((states = await app.JobStatesAsync(jobs.Keys)).Any(s => s.State != "succeeded")
                   && clock.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(200);
            }

            Assert.True(states.All(s => s.State == "succeeded"),
                $"seed {seed}: {string.Join(", ", states.Select(s => $"{s.Id}:{s.State}"))}\n{survivor.ReadLog()}");
            output.WriteLine($"attempts: {string.Join(", ", states.Select(s => s.Attempt))}");

            // One snapshot per report, written by its own job.
            var snapshots = await app.IpkSnapshotJobsAsync();
            Assert.Equal(Reports, snapshots.Count);
            Assert.Equal(jobs.Keys.Order(), snapshots.Select(jobId => jobId!.Value).Order());
        }
        finally
        {
            if (survivor is not null)
            {
                await survivor.DisposeAsync();
            }

            await app.StopAsync();
        }
    }

    private sealed record Accepted(long JobId, string Kind, string ScopeKey, bool Enqueued);
}
