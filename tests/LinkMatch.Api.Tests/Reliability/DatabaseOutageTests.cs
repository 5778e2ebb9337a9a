using System.Diagnostics;
using System.Net;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;
using Xunit.Abstractions;

namespace LinkMatch.Api.Tests.Reliability;

/// <summary>A database that stops answering (every server process frozen with SIGSTOP: the postmaster takes no new
/// connections and the backends behind pooled ones answer nothing) costs callers a quick 503 with Retry-After, not a
/// hung request; when it answers again the service recovers by itself, without a restart.</summary>
public class DatabaseOutageTests(ITestOutputHelper output)
{
    /// <summary>A request on a pooled connection waits out the command timeout (5 s, Database/DatabaseSetup.cs) and
    /// Npgsql's attempt to cancel the query (up to twice the 3 s connect timeout): about 11 s; plus slack for a
    /// loaded machine. A request that needs a new connection fails after the connect timeout.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_frozen_database_gets_quick_503s_and_the_service_recovers_by_itself()
    {
        await using var cluster = await PrivateCluster.StartAsync();
        var app = await TestApp.StartIsolatedAsync("db_outage", null, cluster.AdminConnectionString);
        var frozen = new List<int>();
        try
        {
            var partner = await app.PartnerAsync();
            var (staff, _, _) = await app.StaffAsync(partner.OfficeId);
            using var _ = staff;
            // Warm: the pool holds open connections, whose backends will be frozen too.
            for (var i = 0; i < 10; i++)
            {
                Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/api/v1/vacancies")).StatusCode);
            }

            var processId = app.Service.ProcessId;
            frozen.AddRange(cluster.ServerProcesses());
            frozen.ForEach(pid => Signals.Send(pid, Signals.SigStop));
            var clock = Stopwatch.StartNew();
            var calls = new[]
            {
                staff.GetAsync("/api/v1/vacancies"),
                staff.GetAsync("/api/v1/offices"),
                partner.Client.GetAsync("/api/v1/vacancies"),
                partner.Client.PostAsync(new Uri("/api/v1/vacancies", UriKind.Relative),
                    System.Net.Http.Json.JsonContent.Create(EmployerIntents.JobVacancy(), options: Json.Options)),
                app.Anonymous().GetAsync("/health/ready"),
            };
            var answers = await Task.WhenAll(calls.Select(async call =>
            {
                var response = await call;
                return (Response: response, Elapsed: clock.Elapsed);
            }));
            output.WriteLine($"answers while frozen: {string.Join(", ", answers.Select(a => $"{(int)a.Response.StatusCode} after {a.Elapsed.TotalSeconds:0.0} s"))}");
            foreach (var (response, elapsed) in answers[..^1])
            {
                Assert.True(elapsed < Bound, $"{response.RequestMessage!.RequestUri} took {elapsed}");
                await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
                Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "503 without Retry-After");
            }

            Assert.Equal(HttpStatusCode.ServiceUnavailable, answers[^1].Response.StatusCode);
            Assert.True(answers[^1].Elapsed < Bound, $"readiness took {answers[^1].Elapsed}");

            frozen.ForEach(pid => Signals.Send(pid, Signals.SigCont));
            frozen.Clear();
            var recovered = await CrashTests.WaitUntilReadyAsync(app, TimeSpan.FromSeconds(30));
            output.WriteLine($"ready again {recovered.TotalSeconds:0.0} s after the database was thawed");
            await RetryBrieflyAsync(() => staff.GetAsync("/api/v1/vacancies"));
            await RetryBrieflyAsync(() => partner.Client.PostAsync(new Uri("/api/v1/vacancies", UriKind.Relative),
                System.Net.Http.Json.JsonContent.Create(EmployerIntents.JobVacancy(), options: Json.Options)));
            Assert.Equal(processId, app.Service.ProcessId);
            Assert.False(app.Service.HasExited);
        }
        finally
        {
            frozen.ForEach(pid => Signals.Send(pid, Signals.SigCont));
            await app.StopAsync();
        }
    }

    /// <summary>A connection broken while the database was frozen may fail one more request (503) before the pool
    /// drops it; within a few attempts the call succeeds.</summary>
    private static async Task RetryBrieflyAsync(Func<Task<HttpResponseMessage>> call)
    {
        var statuses = new List<int>();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var response = await call();
            statuses.Add((int)response.StatusCode);
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        }

        Assert.Fail($"no success after the database came back: {string.Join(", ", statuses)}");
    }
}
