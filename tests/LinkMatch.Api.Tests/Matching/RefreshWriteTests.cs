using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;

namespace LinkMatch.Api.Tests.Matching;

/// <summary>A full refresh writes in many small transactions, one batch of whole vacancy lists each
/// (<c>Matching:RefreshBatchRows</c> is 8 here, so a demo world of about 150 open vacancies takes one each): a reader
/// polling while it writes never sees a vacancy's list half replaced, and a worker killed halfway leaves a job that,
/// run again, ends exactly where an uninterrupted refresh ends. The service runs no jobs; worker processes do.</summary>
public class RefreshWriteTests(RefreshWriteService service) : IClassFixture<RefreshWriteService>
{
    private TestApp App => service.App;

    [Fact]
    public async Task A_reader_never_sees_a_half_replaced_list_and_a_killed_refresh_run_again_ends_as_an_uninterrupted_one()
    {
        using var admin = await App.AdminAsync();
        await App.SettleMatchingAsync();
        await App.RunRefreshAsync(admin);
        var first = await App.ProposedSuggestionRowsAsync();
        var lists = first.Select(r => r.VacancyId).Distinct().Count();
        Assert.True(lists > 50, $"the demo world gives {lists} lists");
        Assert.Empty(RefreshChecks.MixedLists(first));

        // A second refresh of the same world, watched by a reader polling in its own snapshots.
        using var polling = new CancellationTokenSource();
        var reader = Task.Run(() => App.PollListsAsync(polling.Token));
        await App.RunRefreshAsync(admin);
        await polling.CancelAsync();
        var (polls, mixed, between) = await reader;
        Assert.True(polls > 10, $"only {polls} polls");
        Assert.Empty(mixed);
        Assert.True(between > 0, $"no poll of {polls} fell between two batches: the test saw nothing of the write");
        var uninterrupted = await App.ProposedSuggestionRowsAsync();
        Assert.Equal(RefreshChecks.Pairs(first), RefreshChecks.Pairs(uninterrupted));
        Assert.Equal(first.Select(r => r.Id).Order(), uninterrupted.Select(r => r.Id).Order());
        Assert.DoesNotContain(uninterrupted, r => first.Any(f => f.Id == r.Id && f.Xid == r.Xid));

        // A third, whose worker is killed once a few batches are written: the rerun ends where the uninterrupted
        // refresh ended, pair for pair, with the same ids, ranks and scores.
        var job = (await admin.RefreshAsync()).JobId;
        var before = uninterrupted.Select(r => r.Xid).ToHashSet();
        await using (var doomed = await ServiceProcess.StartWorkerAsync(App.WorkerSettings()))
        {
            var deadline = DateTime.UtcNow.AddSeconds(120);
            while ((await App.ProposedSuggestionRowsAsync()).Count(r => !before.Contains(r.Xid)) < 3 * 8)
            {
                Assert.False(doomed.HasExited, doomed.ReadLog());
                Assert.True(DateTime.UtcNow < deadline, "the refresh never wrote:\n" + doomed.ReadLog());
                await Task.Delay(5);
            }

            doomed.Kill();
        }

        var halfway = await App.ProposedSuggestionRowsAsync();
        Assert.Equal("processing", (await App.JobAsync(job)).GetProperty("job").GetProperty("state").GetString());
        Assert.Contains(halfway, r => before.Contains(r.Xid));
        Assert.Empty(RefreshChecks.MixedLists(halfway));
        await using (var survivor = await ServiceProcess.StartWorkerAsync(App.WorkerSettings()))
        {
            await App.WaitForJobAsync(job);
        }

        var rerun = await App.ProposedSuggestionRowsAsync();
        Assert.Equal(RefreshChecks.Pairs(uninterrupted), RefreshChecks.Pairs(rerun));
        Assert.Equal(uninterrupted.Select(r => r.Id).Order(), rerun.Select(r => r.Id).Order());
    }
}

/// <summary>A small demo world whose service runs no jobs, and whose refreshes write eight suggestions a batch.</summary>
public sealed class RefreshWriteService : IAsyncLifetime
{
    public TestApp App { get; private set; } = null!;

    public async Task InitializeAsync() => App = await TestApp.StartIsolatedAsync("refresh_write",
        new Dictionary<string, string>
        {
            ["Demo__Enabled"] = "true",
            ["Demo__Seekers"] = "1200",
            ["Demo__Employers"] = "30",
            ["Demo__Vacancies"] = "300",
            ["Demo__RecentVacancyShare"] = "0.6",
            ["Demo__SimulateHistory"] = "false",
            ["Jobs__Workers"] = "0",
            ["Matching__RefreshBatchRows"] = "8",
        });

    public Task DisposeAsync() => App.StopAsync();
}
