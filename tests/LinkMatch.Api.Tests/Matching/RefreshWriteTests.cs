using Dapper;
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
        await SettleAsync();
        await RunRefreshAsync(admin);
        var first = await ProposedAsync();
        var lists = first.Select(r => r.VacancyId).Distinct().Count();
        Assert.True(lists > 50, $"the demo world gives {lists} lists");
        Assert.Empty(MixedLists(first));

        // A second refresh of the same world, watched by a reader polling in its own snapshots.
        using var polling = new CancellationTokenSource();
        var reader = Task.Run(() => PollAsync(polling.Token));
        await RunRefreshAsync(admin);
        await polling.CancelAsync();
        var (polls, mixed, between) = await reader;
        Assert.True(polls > 10, $"only {polls} polls");
        Assert.Empty(mixed);
        Assert.True(between > 0, $"no poll of {polls} fell between two batches: the test saw nothing of the write");
        var uninterrupted = await ProposedAsync();
        Assert.Equal(Pairs(first), Pairs(uninterrupted));
        Assert.Equal(first.Select(r => r.Id).Order(), uninterrupted.Select(r => r.Id).Order());
        Assert.DoesNotContain(uninterrupted, r => first.Any(f => f.Id == r.Id && f.Xid == r.Xid));

        // A third, whose worker is killed once a few batches are written: the rerun ends where the uninterrupted
        // refresh ended, pair for pair, with the same ids, ranks and scores.
        var job = (await admin.RefreshAsync()).JobId;
        var before = uninterrupted.Select(r => r.Xid).ToHashSet();
        await using (var doomed = await ServiceProcess.StartWorkerAsync(WorkerSettings()))
        {
            var deadline = DateTime.UtcNow.AddSeconds(120);
            while ((await ProposedAsync()).Count(r => !before.Contains(r.Xid)) < 3 * 8)
            {
                Assert.False(doomed.HasExited, doomed.ReadLog());
                Assert.True(DateTime.UtcNow < deadline, "the refresh never wrote:\n" + doomed.ReadLog());
                await Task.Delay(5);
            }

            doomed.Kill();
        }

        var halfway = await ProposedAsync();
        Assert.Equal("processing", (await App.JobAsync(job)).GetProperty("job").GetProperty("state").GetString());
        Assert.Contains(halfway, r => before.Contains(r.Xid));
        Assert.Empty(MixedLists(halfway));
        await using (var survivor = await ServiceProcess.StartWorkerAsync(WorkerSettings()))
        {
            await App.WaitForJobAsync(job);
        }

        var rerun = await ProposedAsync();
        Assert.Equal(Pairs(uninterrupted), Pairs(rerun));
        Assert.Equal(uninterrupted.Select(r => r.Id).Order(), rerun.Select(r => r.Id).Order());
    }

    private async Task RunRefreshAsync(HttpClient admin)
    {
        var job = (await admin.RefreshAsync()).JobId;
        await using var worker = await ServiceProcess.StartWorkerAsync(WorkerSettings());
        await App.WaitForJobAsync(job);
    }

    /// <summary>Runs every matching job the demo world queued (recomputes write lists in transactions of their own,
    /// and would be seen as mixing them), until none is due.</summary>
    private async Task SettleAsync()
    {
        await using var worker = await ServiceProcess.StartWorkerAsync(WorkerSettings());
        var deadline = DateTime.UtcNow.AddSeconds(180);
        await using var conn = App.Database.OpenOwnerConnection();
        while (await conn.ExecuteScalarAsync<long>("""
                   select count(*) from jobs where kind like 'matching.%'
                     and (state in ('available', 'processing', 'retryable')
                          or state = 'scheduled' and scheduled_at < now() + interval '1 minute')
                   """) > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "matching jobs still due:\n" + worker.ReadLog());
            await Task.Delay(200);
        }
    }

    private Dictionary<string, string> WorkerSettings() => new(App.Environment)
    {
        ["Jobs__Workers"] = "1",
        ["Jobs__HeartbeatInterval"] = "00:00:01",
        ["Jobs__HeartbeatTimeout"] = "00:00:03",
        ["Jobs__RescueInterval"] = "00:00:01",
        ["Jobs__PollInterval"] = "00:00:00.200",
    };

    /// <summary>Polls every proposed suggestion in one snapshot at a time until cancelled: how many polls, the
    /// vacancy lists seen written by more than one transaction, and how many polls saw some lists already replaced
    /// and some not yet.</summary>
    private async Task<(int Polls, List<long> Mixed, int Between)> PollAsync(CancellationToken ct)
    {
        var (polls, between) = (0, 0);
        var mixed = new List<long>();
        var start = (await ProposedAsync()).Select(r => r.Xid).ToHashSet();
        while (!ct.IsCancellationRequested)
        {
            var rows = await ProposedAsync();
            polls++;
            mixed.AddRange(MixedLists(rows));
            var lists = rows.GroupBy(r => r.VacancyId).Select(g => start.Contains(g.First().Xid)).Distinct().Count();
            between += lists > 1 ? 1 : 0;
        }

        return (polls, mixed, between);
    }

    private static List<long> MixedLists(List<Row> rows) =>
        [.. rows.GroupBy(r => r.VacancyId).Where(g => g.Select(r => r.Xid).Distinct().Count() > 1).Select(g => g.Key)];

    private static List<(long, long, int, int?, double)> Pairs(List<Row> rows) =>
        [.. rows.Select(r => (r.VacancyId, r.SeekerId, r.Rank, r.SeekerRank, Math.Round(r.Score, 12))).Order()];

    private async Task<List<Row>> ProposedAsync()
    {
        await using var conn = App.Database.OpenOwnerConnection();
        return [.. await conn.QueryAsync<Row>("""
            select id as Id, vacancy_id as VacancyId, seeker_id as SeekerId, rank as Rank, seeker_rank as SeekerRank,
                   score as Score, computed_xid::text as Xid
            from suggestions where status = 'proposed'
            """)];
    }

    private sealed record Row(long Id, long VacancyId, long SeekerId, int Rank, int? SeekerRank, double Score, string Xid);
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
