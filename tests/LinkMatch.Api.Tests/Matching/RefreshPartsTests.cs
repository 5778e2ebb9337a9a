using Dapper;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;

namespace LinkMatch.Api.Tests.Matching;

/// <summary>A full refresh in parts (<c>Matching:RefreshPartVacancies</c> is 40 here, so the demo world's open
/// vacancies make several parts), run by worker processes of the service's binary: the parts cover every open
/// vacancy once, by work region; the caps hold across parts; a reader never sees a half-replaced list; a part whose
/// worker is killed runs again alone and the refresh ends as an uninterrupted one; a vacancy posted meanwhile keeps
/// the suggestions its own recompute wrote.</summary>
public class RefreshPartsTests(RefreshPartsService service) : IClassFixture<RefreshPartsService>
{
    private TestApp App => service.App;

    [Fact]
    public async Task Parts_cover_every_open_vacancy_once_hold_the_caps_and_a_killed_part_runs_again_alone()
    {
        using var admin = await App.AdminAsync();
        await App.SettleMatchingAsync();
        await RunInPartsAsync(admin);
        var uninterrupted = await App.ProposedSuggestionRowsAsync();
        var refresh = await LatestAsync();
        Assert.Equal("done", refresh.State);
        Assert.True(refresh.Parts >= 3, $"{refresh.Parts} parts");
        Assert.Equal(uninterrupted.Count, refresh.Stored);

        await using (var conn = App.Database.OpenOwnerConnection())
        {
            // Every open vacancy in exactly one part; a part's regions are its vacancies' work regions.
            var planned = (await conn.QueryAsync<(int Part, long Id, string Region, string[] Regions)>("""
                select p.part, v.id, v.work_region_code, p.regions
                from matching_refresh_parts p cross join unnest(p.vacancy_ids) as i (id) join vacancies v on v.id = i.id
                where p.refresh_id = @Id
                """, new { refresh.Id })).AsList();
            var open = (await conn.QueryAsync<long>("""
                select id from vacancies
                where status = 'open' and closes_on >= (now() at time zone 'Asia/Makassar')::date
                """)).Order().ToList();
            Assert.Equal(open, planned.Select(p => p.Id).Order());
            Assert.All(planned.GroupBy(p => p.Part), part =>
                Assert.Equal(part.First().Regions.Order(), part.Select(p => p.Region).Distinct().Order()));
            Assert.Equal(0, await conn.ExecuteScalarAsync<long>("select count(*) from matching_refresh_pairs"));

            // The caps hold across parts: a seeker in at most five proposed suggestions, a vacancy within its cap.
            Assert.True(await conn.ExecuteScalarAsync<long>("""
                select coalesce(max(n), 0) from (select count(*) as n from suggestions where status = 'proposed'
                                                 group by seeker_id) c
                """) <= 5);
            Assert.Equal(0, await conn.ExecuteScalarAsync<long>("""
                select count(*) from (select v.id from suggestions g join vacancies v on v.id = g.vacancy_id
                                      where g.status = 'proposed'
                                      group by v.id, v.openings, v.filled
                                      having count(*) > greatest(10, 3 * greatest(v.openings - v.filled, 1))) over_cap
                """));
        }

        // Again, with a reader polling, and the worker killed once some parts are done: the parts done stay done,
        // the rest (the one that was running among them) run in a new worker, and the end is the same.
        using var polling = new CancellationTokenSource();
        var reader = Task.Run(() => App.PollListsAsync(polling.Token));
        var job = (await admin.RefreshAsync()).JobId;
        Dictionary<int, DateTime> doneBeforeKill;
        await using (var doomed = await ServiceProcess.StartWorkerAsync(App.WorkerSettings()))
        {
            await App.WaitForJobAsync(job);
            var deadline = DateTime.UtcNow.AddSeconds(120);
            while ((doneBeforeKill = await DonePartsAsync((await LatestAsync()).Id)).Count == 0)
            {
                Assert.False(doomed.HasExited, doomed.ReadLog());
                Assert.True(DateTime.UtcNow < deadline, "no part finished:\n" + doomed.ReadLog());
                await Task.Delay(2);
            }

            doomed.Kill();
        }

        var killed = await LatestAsync();
        Assert.Equal("scoring", killed.State);
        doneBeforeKill = await DonePartsAsync(killed.Id);
        Assert.InRange(doneBeforeKill.Count, 1, killed.Parts - 1);
        await using (var survivor = await ServiceProcess.StartWorkerAsync(App.WorkerSettings()))
        {
            await WaitForDoneAsync(killed.Id, survivor);
        }

        await polling.CancelAsync();
        var (polls, mixed, _) = await reader;
        Assert.True(polls > 10, $"only {polls} polls");
        Assert.Empty(mixed);
        var after = await DonePartsAsync(killed.Id);
        Assert.Equal(killed.Parts, after.Count);
        Assert.All(doneBeforeKill, part => Assert.Equal(part.Value, after[part.Key]));
        var rerun = await App.ProposedSuggestionRowsAsync();
        Assert.Equal(RefreshChecks.Pairs(uninterrupted), RefreshChecks.Pairs(rerun));
        Assert.Equal(uninterrupted.Select(r => r.Id).Order(), rerun.Select(r => r.Id).Order());
    }

    [Fact]
    public async Task A_vacancy_posted_while_a_refresh_runs_in_parts_keeps_the_suggestions_its_recompute_wrote()
    {
        using var admin = await App.AdminAsync();
        await App.SettleMatchingAsync();
        var before = (await LatestAsync()).Id;
        var job = (await admin.RefreshAsync()).JobId;
        await using (var planner = await ServiceProcess.StartWorkerAsync(App.WorkerSettings()))
        {
            await App.WaitForJobAsync(job);
            planner.Kill();
        }

        var refresh = await LatestAsync();
        Assert.True(refresh.Id > before && refresh.State == "scoring", $"refresh {refresh.Id} is {refresh.State}");

        // Posted after the plan: in no part. Its recompute runs before the refresh is joined and written.
        var (staff, _, officeId) = await App.StaffAsync();
        var partner = await App.PartnerAsync(officeId);
        (string, int, string)[] units = [("F.432220.001.01", 3, "certified"), ("F.432220.011.01", 3, "certified")];
        for (var i = 0; i < 3; i++)
        {
            await staff.MatchableSeekerAsync(units, "7127");
        }

        var vacancy = await partner.Client.PostVacancyAsync(
            await App.VacancyBodyAsync("7127", ["F.432220.001.01", "F.432220.011.01"], openings: 1));
        await using (var worker = await ServiceProcess.StartWorkerAsync(App.WorkerSettings()))
        {
            await WaitForDoneAsync(refresh.Id, worker);
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (await App.DueMatchingJobsAsync() > 0)
            {
                Assert.True(DateTime.UtcNow < deadline, worker.ReadLog());
                await Task.Delay(100);
            }
        }

        var rows = (await App.ProposedSuggestionRowsAsync()).Where(r => r.VacancyId == vacancy.Id).ToList();
        Assert.InRange(rows.Count, 3, 10);
        await using var conn = App.Database.OpenOwnerConnection();
        Assert.Equal(0, await conn.ExecuteScalarAsync<long>(
            "select count(*) from matching_refresh_parts where refresh_id = @Id and @vacancy = any(vacancy_ids)",
            new { refresh.Id, vacancy = vacancy.Id }));
    }

    private async Task RunInPartsAsync(HttpClient admin)
    {
        var job = (await admin.RefreshAsync()).JobId;
        await using var worker = await ServiceProcess.StartWorkerAsync(App.WorkerSettings(workers: 2));
        await App.WaitForJobAsync(job);
        await WaitForDoneAsync((await LatestAsync()).Id, worker);
    }

    private async Task WaitForDoneAsync(long id, ServiceProcess worker)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        await using var conn = App.Database.OpenOwnerConnection();
        while (await conn.ExecuteScalarAsync<string>("select state from matching_refreshes where id = @id", new { id })
               != "done")
        {
            Assert.False(worker.HasExited, worker.ReadLog());
            Assert.True(DateTime.UtcNow < deadline, $"refresh {id} not done:\n" + worker.ReadLog());
            await Task.Delay(50);
        }
    }

    private async Task<Dictionary<int, DateTime>> DonePartsAsync(long id)
    {
        await using var conn = App.Database.OpenOwnerConnection();
        return (await conn.QueryAsync<(int Part, DateTime DoneAt)>(
                "select part, done_at from matching_refresh_parts where refresh_id = @id and done_at is not null",
                new { id }))
            .ToDictionary(p => p.Part, p => p.DoneAt);
    }

    private async Task<(long Id, string State, int Parts, int? Stored)> LatestAsync()
    {
        await using var conn = App.Database.OpenOwnerConnection();
        return await conn.QuerySingleOrDefaultAsync<(long, string, int, int?)>(
            "select id, state, parts, stored from matching_refreshes order by id desc limit 1");
    }
}

/// <summary>The demo world of <see cref="RefreshWriteService"/>, with refreshes in parts of 40 vacancies.</summary>
public sealed class RefreshPartsService : IAsyncLifetime
{
    public TestApp App { get; private set; } = null!;

    public async Task InitializeAsync() => App = await TestApp.StartIsolatedAsync("refresh_parts",
        new Dictionary<string, string>
        {
            ["Demo__Enabled"] = "true",
            ["Demo__Seekers"] = "1200",
            ["Demo__Employers"] = "30",
            ["Demo__Vacancies"] = "300",
            ["Demo__RecentVacancyShare"] = "0.6",
            ["Demo__SimulateHistory"] = "false",
            ["Jobs__Workers"] = "0",
            ["Matching__RefreshPartVacancies"] = "40",
            ["Matching__RefreshBatchRows"] = "20",
        });

    public Task DisposeAsync() => App.StopAsync();
}
