using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LinkMatch.Api.Demo;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;
using static LinkMatch.Api.Tests.Intents.ReportIntents;

namespace LinkMatch.Api.Tests.Reports;

public class ReportRefreshTests
{
    [Fact]
    public async Task A_burst_of_refreshes_of_one_scope_gives_one_job_whose_result_is_then_served()
    {
        var app = await TestApp.SharedAsync();
        var (staff, _, _) = await app.StaffAsync();
        const string url = "/api/v1/reports/ipk?from=2025-01&to=2025-06";
        const string scope = "from=2025-01&to=2025-06";
        using var firstResponse = await staff.GetAsync(url);
        var first = await firstResponse.ReadAsync<IpkReportDto>();
        var etag = firstResponse.Headers.ETag!;
        Assert.NotNull(firstResponse.Content.Headers.LastModified);
        using (var conditional = new HttpRequestMessage(HttpMethod.Get, url))
        {
            conditional.Headers.IfNoneMatch.Add(etag);
            Assert.Equal(HttpStatusCode.NotModified, (await staff.SendAsync(conditional)).StatusCode);
        }

        var burst = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => staff.RefreshAsync("ipk", scope)));
        Assert.Single(burst.Select(r => r.JobId).Distinct());
        Assert.Single(burst, r => r.Enqueued);
        var jobId = burst[0].JobId;
        await app.WaitForJobAsync(jobId);
        var job = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/jobs/{jobId}");
        Assert.Equal("reports.compute", job.GetProperty("job").GetProperty("kind").GetString());
        Assert.Equal(4, (await app.AuditRowsAsync($"action=report.refresh&entityId={jobId}")).Count);

        using var secondResponse = await staff.GetAsync(url);
        var second = await secondResponse.ReadAsync<IpkReportDto>();
        Assert.Equal(jobId, second.ComputedByJobId);
        Assert.True(second.ComputedAt > first.ComputedAt);
        Assert.NotEqual(etag, secondResponse.Headers.ETag);

        // Once the job has run, the next refresh is a job of its own.
        var again = await staff.RefreshAsync("ipk", scope);
        Assert.True(again.Enqueued);
        Assert.NotEqual(jobId, again.JobId);
        await app.WaitForJobAsync(again.JobId);
    }

    [Fact]
    public async Task Refreshing_an_unknown_report_or_with_another_reports_parameters_is_refused()
    {
        var app = await TestApp.SharedAsync();
        var (staff, _, officeId) = await app.StaffAsync();
        async Task<HttpResponseMessage> Post(string path) =>
            await staff.PostAsync(new Uri(path, UriKind.Relative), null);

        await (await Post("/api/v1/reports/salaries/refresh")).AssertProblemAsync(HttpStatusCode.BadRequest, "kind");
        await (await Post($"/api/v1/reports/ipk/refresh?officeId={officeId}&regionCode=64.71"))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "regionCode");
        await (await Post("/api/v1/reports/training-gaps/refresh?from=2025-01"))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "from");
        await (await Post("/api/v1/reports/uptake/refresh")).AssertProblemAsync(HttpStatusCode.BadRequest,
            "trainingCentreId");
        Assert.DoesNotContain(await app.ReportRecomputeKeysAsync(),
            key => key.StartsWith("report:", StringComparison.Ordinal) && key.Contains($"office:{officeId};", StringComparison.Ordinal));
    }

    [Fact]
    public async Task On_the_demo_world_reports_are_quick_follow_a_placement_and_the_nightly_job_refreshes_every_scope()
    {
        var app = await TestApp.StartIsolatedAsync("reports_demo", new Dictionary<string, string>
        {
            ["Demo__Enabled"] = "true",
        });
        try
        {
            using var admin = await app.SignInAsync(DemoAccounts.Admin, DemoAccounts.Password);
            using var staff = await app.SignInAsync(DemoAccounts.CityStaff, DemoAccounts.Password);
            var centre = await app.TrainingCentreIdAsync("BLK-BPN-IND");
            var office = await app.OfficeIdAsync("DISNAKER-6471");
            var uptake = $"/api/v1/training-centres/{centre}/uptake";
            var gaps = $"/api/v1/reports/training-gaps?officeId={office}";
            const string ipk = "/api/v1/reports/ipk";
            var before = (await staff.ReportAsync<UptakeReportDto>(uptake), await staff.ReportAsync<TrainingGapReportDto>(gaps),
                await staff.ReportAsync<IpkReportDto>(ipk));
            await admin.ReportAsync<TrainingGapReportDto>("/api/v1/reports/training-gaps");
            await admin.ReportAsync<IpkReportDto>($"{ipk}?from=2025-01&to=2026-12");
            await admin.ReportAsync<UptakeReportDto>($"/api/v1/training-centres/{centre}/uptake?format=json");
            Assert.InRange(await app.SlowestReportComputeMsAsync(), 0, 999);

            // A graduate of the BLK, never placed, is hired into an open vacancy of the office.
            var seeker = await app.NeverPlacedGraduateAsync(centre, office);
            var vacancy = await app.OpenVacancyWithMandatoryUnitAsync(office);
            var unit = vacancy.Competencies.Where(c => c.Mandatory).Min(c => c.CompetencyId);
            await staff.PlaceAsync(seeker, vacancy.Id, Today, 5_000_000);

            // The placement itself queues the recomputes of every snapshot it moves.
            await app.WaitUntilJobsQuietAsync(TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(2));
            var uptakeAfter = await staff.ReportAsync<UptakeReportDto>(uptake);
            var gapsAfter = await staff.ReportAsync<TrainingGapReportDto>(gaps);
            var ipkAfter = await staff.ReportAsync<IpkReportDto>(ipk);
            Assert.All(new[] { uptakeAfter.ComputedByJobId, gapsAfter.ComputedByJobId, ipkAfter.ComputedByJobId },
                id => Assert.NotNull(id));
            Assert.Equal(before.Item1.Totals.Placed + 1, uptakeAfter.Totals.Placed);
            Assert.Equal(before.Item2.UnfilledOpenings - 1, gapsAfter.UnfilledOpenings);
            Assert.Equal(before.Item2.Gaps.Single(g => g.CompetencyId == unit).Demand - 1,
                gapsAfter.Gaps.SingleOrDefault(g => g.CompetencyId == unit)?.Demand ?? 0);
            Assert.Equal(before.Item3.Months[0].Placements + 1, ipkAfter.Months[0].Placements);

            // The nightly run recomputes every stored scope, each once.
            var nightly = (await (await staff.PostAsync(
                new Uri("/api/v1/jobs/schedules/reports-nightly/run", UriKind.Relative), null)).ReadAsync<JsonElement>())
                .GetProperty("id").GetInt64();
            await app.WaitForJobAsync(nightly);
            var snapshots = await app.StoredReportKeysAsync();
            var computes = (await app.JobsOfKindAsync("reports.compute"))
                .Where(j => j.Id > nightly && j.UniqueKey is { } key && snapshots.Contains(key)).ToList();
            Assert.Equal(snapshots.Order(), computes.Select(j => j.UniqueKey!).Order());
            foreach (var (id, _, _) in computes)
            {
                await app.WaitForJobAsync(id);
            }

            Assert.Contains((await staff.ReportAsync<IpkReportDto>(ipk)).ComputedByJobId!.Value, computes.Select(j => j.Id));

            var schedules = await staff.GetFromJsonAsync<JsonElement>("/api/v1/jobs/schedules");
            var schedule = schedules.EnumerateArray().Single(s => s.GetProperty("name").GetString() == "reports-nightly");
            Assert.Equal("Asia/Makassar", schedule.GetProperty("timeZone").GetString());
        }
        finally
        {
            await app.StopAsync();
        }
    }
}
