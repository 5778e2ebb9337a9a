using Dapper;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;

namespace LinkMatch.Api.Tests.Matching;

/// <summary>A proposed suggestion as stored, with the transaction that wrote it.</summary>
public sealed record ProposedRow(long Id, long VacancyId, long SeekerId, int Rank, int? SeekerRank, double Score, string Xid);

/// <summary>What the full-refresh tests share: worker processes that run the jobs of a service without workers,
/// the proposed suggestions as the database holds them, and a reader polling them.</summary>
public static class RefreshChecks
{
    /// <summary>Settings of a worker process of the app's binary: one job at a time, rescued fast when killed.</summary>
    public static Dictionary<string, string> WorkerSettings(this TestApp app, int workers = 1) => new(app.Environment)
    {
        ["Jobs__Workers"] = workers.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Jobs__HeartbeatInterval"] = "00:00:01",
        ["Jobs__HeartbeatTimeout"] = "00:00:03",
        ["Jobs__RescueInterval"] = "00:00:01",
        ["Jobs__PollInterval"] = "00:00:00.100",
    };

    /// <summary>Runs every matching job the demo world queued (recomputes write lists in transactions of their own,
    /// and would be seen as mixing them), until none is due.</summary>
    public static async Task SettleMatchingAsync(this TestApp app)
    {
        await using var worker = await ServiceProcess.StartWorkerAsync(app.WorkerSettings());
        var deadline = DateTime.UtcNow.AddSeconds(180);
        while (await app.DueMatchingJobsAsync() > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "matching jobs still due:\n" + worker.ReadLog());
            await Task.Delay(200);
        }
    }

    public static async Task<long> DueMatchingJobsAsync(this TestApp app)
    {
        await using var conn = app.Database.OpenOwnerConnection();
        return await conn.ExecuteScalarAsync<long>("""
            select count(*) from jobs where kind like 'matching.%'
              and (state in ('available', 'processing', 'retryable')
                   or state = 'scheduled' and scheduled_at < now() + interval '1 minute')
            """);
    }

    /// <summary>Asks for a full refresh and runs it in a worker process until it has succeeded.</summary>
    public static async Task RunRefreshAsync(this TestApp app, HttpClient admin)
    {
        var job = (await admin.RefreshAsync()).JobId;
        await using var worker = await ServiceProcess.StartWorkerAsync(app.WorkerSettings());
        await app.WaitForJobAsync(job);
    }

    public static async Task<List<ProposedRow>> ProposedSuggestionRowsAsync(this TestApp app)
    {
        await using var conn = app.Database.OpenOwnerConnection();
        return [.. await conn.QueryAsync<ProposedRow>("""
            select id as Id, vacancy_id as VacancyId, seeker_id as SeekerId, rank as Rank, seeker_rank as SeekerRank,
                   score as Score, computed_xid::text as Xid
            from suggestions where status = 'proposed'
            """)];
    }

    /// <summary>The vacancies whose proposed list was written by more than one transaction.</summary>
    public static List<long> MixedLists(List<ProposedRow> rows) =>
        [.. rows.GroupBy(r => r.VacancyId).Where(g => g.Select(r => r.Xid).Distinct().Count() > 1).Select(g => g.Key)];

    /// <summary>The rows without their ids and writers: what a refresh decided.</summary>
    public static List<(long, long, int, int?, double)> Pairs(List<ProposedRow> rows) =>
        [.. rows.Select(r => (r.VacancyId, r.SeekerId, r.Rank, r.SeekerRank, Math.Round(r.Score, 12))).Order()];

    /// <summary>Polls every proposed suggestion in one snapshot at a time until cancelled: how many polls, the
    /// vacancy lists seen written by more than one transaction, and how many polls saw some lists already replaced
    /// and some not yet.</summary>
    public static async Task<(int Polls, List<long> Mixed, int Between)> PollListsAsync(this TestApp app,
        CancellationToken ct)
    {
        var (polls, between) = (0, 0);
        var mixed = new List<long>();
        var start = (await app.ProposedSuggestionRowsAsync()).Select(r => r.Xid).ToHashSet();
        while (!ct.IsCancellationRequested)
        {
            var rows = await app.ProposedSuggestionRowsAsync();
            polls++;
            mixed.AddRange(MixedLists(rows));
            var lists = rows.GroupBy(r => r.VacancyId).Select(g => start.Contains(g.First().Xid)).Distinct().Count();
            between += lists > 1 ? 1 : 0;
        }

        return (polls, mixed, between);
    }
}
