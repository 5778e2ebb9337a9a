using System.Collections.Concurrent;
using System.Diagnostics;
using Dapper;
using Xunit.Abstractions;

namespace LinkMatch.Jobs.Tests;

/// <summary>A worker process killed with SIGKILL mid-job: its jobs are rescued, run again elsewhere and take effect
/// once.</summary>
public sealed class CrashTests(JobsDatabase db, ITestOutputHelper output) : IClassFixture<JobsDatabase>
{
    [Fact]
    public async Task Jobs_of_a_killed_worker_process_are_rescued_and_take_effect_once()
    {
        await db.CreateEffectsTableAsync();
        var seed = Environment.TickCount;
        output.WriteLine($"seed: {seed}");
        var random = new Random(seed);
        const int jobCount = 24;
        var sleepers = Enumerable.Range(0, jobCount).OrderBy(_ => random.Next()).Take(4).ToHashSet();

        await using var queue = TestInstance.Create(db.App, null, _ => { });
        var ids = new List<long>();
        for (var i = 0; i < jobCount; i++)
        {
            var sleeps = sleepers.Contains(i);
            ids.Add((await queue.Queue.EnqueueAsync(new JobRequest("test.effect")
            {
                Args = new { sleepMs = sleeps ? 120_000 : 0, sleepOnAttempt = sleeps ? 1 : 0 },
            })).Id);
        }
        var sleeperIds = sleepers.Select(i => ids[i]).ToHashSet();

        using var first = StartWorker("first");
        using var second = new WorkerProcessHolder();
        try
        {
            await Wait.UntilAsync(() => Task.FromResult(first.MidJob.Count == sleeperIds.Count), TimeSpan.FromSeconds(60),
                $"the first worker to be mid-job in {sleeperIds.Count} jobs (seed {seed})", StatesAsync);
            await Wait.UntilAsync(async () => await CountAsync("select count(*) from jobs where state = 'succeeded'") == jobCount - sleeperIds.Count,
                TimeSpan.FromSeconds(60), $"the other jobs to succeed (seed {seed})", StatesAsync);

            first.Process.Kill(entireProcessTree: true);
            await first.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
            Assert.Equal(sleeperIds.Count, await CountAsync("select count(*) from jobs where state = 'processing'"));
            Assert.Equal(jobCount - sleeperIds.Count, await CountAsync("select count(*) from job_effects"));

            second.Worker = StartWorker("second");
            await Wait.UntilAsync(async () => await CountAsync("select count(*) from jobs where state = 'succeeded'") == jobCount,
                TimeSpan.FromSeconds(60), $"every job to succeed after the rescue (seed {seed})", StatesAsync);
        }
        finally
        {
            first.Stop();
        }

        await using var connection = await db.App.OpenConnectionAsync();
        var effects = (await connection.QueryAsync<(long JobId, int Attempt)>("select job_id, attempt from job_effects")).ToList();
        Assert.Equal(ids.Order(), effects.Select(e => e.JobId).Order());
        Assert.All(effects, e => Assert.Equal(sleeperIds.Contains(e.JobId) ? 2 : 1, e.Attempt));
        var rescueErrors = await connection.QueryAsync<long>(
            "select job_id from job_errors where exception_type = 'LinkMatch.Jobs.WorkerLost' and attempt = 1");
        Assert.Equal(sleeperIds.Order(), rescueErrors.Order());
    }

    private WorkerProcess StartWorker(string name)
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = testBin.Parent!.Name;
        var dll = Path.Combine(JobsDatabase.RepositoryRoot, "tests", "LinkMatch.Jobs.TestWorker", "bin", configuration,
            testBin.Name, "LinkMatch.Jobs.TestWorker.dll");
        Assert.True(File.Exists(dll), $"build the test worker first: {dll} is missing");
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Jobs"] = db.AppConnectionString,
            ["Jobs__ServerName"] = $"test-worker-{name}",
            ["Jobs__Workers"] = "8",
            ["Jobs__PollInterval"] = "00:00:00.100",
            // Generous beside the interval: on a loaded machine a live worker can stall for seconds, and a timeout
            // shorter than that stall lets the first worker rescue its own sleepers before the test kills it.
            ["Jobs__HeartbeatInterval"] = "00:00:00.500",
            ["Jobs__HeartbeatTimeout"] = "00:00:10",
            ["Jobs__RescueInterval"] = "00:00:00.200",
            ["Jobs__RetryBaseDelay"] = "00:00:00.050",
            ["Jobs__RetryMaxDelay"] = "00:00:00.200",
            ["Logging__LogLevel__Default"] = "Warning",
            ["DOTNET_gcServer"] = "0",
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("the test worker did not start");
        var worker = new WorkerProcess(process);
        process.OutputDataReceived += (_, e) => worker.OnLine(e.Data, line => Log(name, line));
        process.ErrorDataReceived += (_, e) => Log(name, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    private void Log(string worker, string? line)
    {
        if (line is null)
        {
            return;
        }
        try
        {
            output.WriteLine($"[{worker}] {line}");
        }
        catch (InvalidOperationException)
        {
            // The test has finished.
        }
    }

    private async Task<string> StatesAsync()
    {
        await using var connection = await db.App.OpenConnectionAsync();
        var rows = await connection.QueryAsync<(long Id, string State, int Attempt)>(
            "select id, state, attempt from jobs order by id");
        return string.Join(", ", rows.Select(r => $"{r.Id}:{r.State}/{r.Attempt}"));
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = await db.App.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    private sealed class WorkerProcess(Process process) : IDisposable
    {
        public Process Process { get; } = process;

        public ConcurrentDictionary<string, bool> MidJob { get; } = new();

        public void OnLine(string? line, Action<string> log)
        {
            if (line is null)
            {
                return;
            }
            if (line.StartsWith("mid-job ", StringComparison.Ordinal))
            {
                MidJob[line] = true;
            }
            log(line);
        }

        public void Stop()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
                Process.WaitForExit(10_000);
            }
        }

        public void Dispose()
        {
            Stop();
            Process.Dispose();
        }
    }

    private sealed class WorkerProcessHolder : IDisposable
    {
        public WorkerProcess? Worker { get; set; }

        public void Dispose() => Worker?.Dispose();
    }
}
