using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;
using static LinkMatch.Api.Tests.Intents.ReportIntents;

namespace LinkMatch.Api.Tests.Reports;

public class IpkReportTests
{
    /// <summary>A new office: four seekers registered in March and April 2025 (one later erased), a vacancy opening
    /// in each month, and one placement in each month.</summary>
    private sealed record World(HttpClient Staff, long OfficeId, long[] Seekers, VacancyDto March, VacancyDto April);

    private static async Task<World> WorldAsync(TestApp app)
    {
        var (staff, _, officeId) = await app.StaffAsync();
        SeekerBody Body(string sex, string education, string region, string[] occupations, DateOnly registeredOn) =>
            SeekerIntents.NewSeeker(Person.New(sex)) with
            {
                EducationLevel = education,
                RegionCode = region,
                PreferredOccupations = [.. occupations],
                RegisteredOn = registeredOn,
            };
        var a = await staff.RegisterAsync(Body("female", "smk", "64.71", ["7212"], new DateOnly(2025, 3, 10)));
        var b = await staff.RegisterAsync(Body("male", "s1", "64.72", ["8342"], new DateOnly(2025, 3, 20)));
        var c = await staff.RegisterAsync(Body("male", "smk", "64.71", [], new DateOnly(2025, 4, 2)));
        var d = await staff.RegisterAsync(Body("female", "sma", "64.71", ["5120"], new DateOnly(2025, 3, 15)));
        (await staff.PostAsJsonAsync($"/api/v1/seekers/{d.Id}/erase", new { reason = "data_subject_request" }))
            .EnsureSuccessStatusCode();

        var employer = await app.PartnerSinceAsync(officeId, Today.AddDays(-30));
        var march = await staff.PostVacancyForAsync(employer.Id, EmployerIntents.JobVacancy(openings: 3),
            ("opensOn", new DateOnly(2025, 3, 5)), ("occupationCode", "7212"), ("minEducation", "smk"));
        var april = await staff.PostVacancyForAsync(employer.Id, EmployerIntents.JobVacancy(openings: 2),
            ("opensOn", new DateOnly(2025, 4, 10)), ("occupationCode", "8342"), ("minEducation", "sma"),
            ("sex", "male"), ("workRegionCode", "64.72"));
        await staff.PlaceAsync(b.Id, march.Id, new DateOnly(2025, 3, 25), 4_800_000);
        await staff.PlaceAsync(a.Id, march.Id, new DateOnly(2025, 4, 15), 4_900_000);
        return new World(staff, officeId, [a.Id, b.Id, c.Id, d.Id], march, april);
    }

    private static readonly string[] Expected =
    [
        "2025-03 seekers_registered total all 3", "2025-03 seekers_registered occupation_major_group 7 1",
        "2025-03 seekers_registered occupation_major_group 8 1",
        "2025-03 seekers_registered occupation_major_group unknown 1", "2025-03 seekers_registered education s1 1",
        "2025-03 seekers_registered education sma 1", "2025-03 seekers_registered education smk 1",
        "2025-03 seekers_registered sex female 1", "2025-03 seekers_registered sex male 1",
        "2025-03 seekers_registered sex unknown 1", "2025-03 seekers_registered region 64.71 2",
        "2025-03 seekers_registered region 64.72 1",
        "2025-03 vacancies_registered total all 1/3", "2025-03 vacancies_registered occupation_major_group 7 1/3",
        "2025-03 vacancies_registered industry_section C 1/3", "2025-03 vacancies_registered education smk 1/3",
        "2025-03 vacancies_registered sex any 1/3", "2025-03 vacancies_registered region 64.71 1/3",
        "2025-03 placements total all 1", "2025-03 placements occupation_major_group 7 1",
        "2025-03 placements industry_section C 1", "2025-03 placements education s1 1", "2025-03 placements sex male 1",
        "2025-03 placements region 64.71 1",
        "2025-04 seekers_registered total all 1", "2025-04 seekers_registered occupation_major_group unknown 1",
        "2025-04 seekers_registered education smk 1", "2025-04 seekers_registered sex male 1",
        "2025-04 seekers_registered region 64.71 1",
        "2025-04 vacancies_registered total all 1/2", "2025-04 vacancies_registered occupation_major_group 8 1/2",
        "2025-04 vacancies_registered industry_section C 1/2", "2025-04 vacancies_registered education sma 1/2",
        "2025-04 vacancies_registered sex male 1/2", "2025-04 vacancies_registered region 64.72 1/2",
        "2025-04 placements total all 1", "2025-04 placements occupation_major_group 7 1",
        "2025-04 placements industry_section C 1", "2025-04 placements education smk 1",
        "2025-04 placements sex female 1", "2025-04 placements region 64.71 1",
    ];

    private static string Line(IpkRowDto r) =>
        $"{r.Month} {r.Measure} {r.Dimension} {r.Key} {r.Count}{(r.Openings is { } o ? $"/{o}" : "")}";

    [Fact]
    public async Task IPK_counts_registrations_vacancies_and_placements_per_month_and_breakdown_exactly()
    {
        var app = await TestApp.SharedAsync();
        var w = await WorldAsync(app);
        var report = await w.Staff.ReportAsync<IpkReportDto>("/api/v1/reports/ipk?from=2025-02&to=2025-05");

        Assert.Equal((w.OfficeId, "2025-02", "2025-05"), (report.OfficeId!.Value, report.From, report.To));
        Assert.Equal(
            [
                new IpkMonthDto("2025-02", 0, 0, 0, 0), new IpkMonthDto("2025-03", 3, 1, 3, 1),
                new IpkMonthDto("2025-04", 1, 1, 2, 1), new IpkMonthDto("2025-05", 0, 0, 0, 0),
            ],
            report.Months);
        Assert.Equal(Expected.Order(StringComparer.Ordinal), report.Breakdown.Select(Line).Order(StringComparer.Ordinal));
        Assert.Equal("Industri Pengolahan", report.Breakdown.First(r => r.Dimension == "industry_section").Label);
        Assert.Equal("Kota Samarinda", report.Breakdown.First(r => r.Key == "64.72").Label);
        Assert.Equal("Operator dan Perakit Mesin",
            report.Breakdown.First(r => r.Dimension == "occupation_major_group" && r.Key == "8").Label);
        Assert.Null(report.Breakdown.First(r => r.Key == "unknown").Label);

        using var admin = await app.AdminAsync();
        var admins = await admin.ReportAsync<IpkReportDto>(
            $"/api/v1/reports/ipk?officeId={w.OfficeId}&from=2025-02&to=2025-05");
        Assert.Equal(report.Breakdown, admins.Breakdown);
    }

    [Fact]
    public async Task IPK_CSV_is_the_breakdown_row_for_row()
    {
        var app = await TestApp.SharedAsync();
        var w = await WorldAsync(app);
        const string url = "/api/v1/reports/ipk?from=2025-03&to=2025-04";
        var json = await w.Staff.ReportAsync<IpkReportDto>(url);
        var rows = await w.Staff.CsvAsync(url, byHeader: true);
        Assert.Equal(json.Breakdown.Count, rows.Count);
        foreach (var (r, c) in json.Breakdown.Zip(rows))
        {
            Assert.Equal(
                (w.OfficeId.ToString(CultureInfo.InvariantCulture), r.Month, r.Measure, r.Dimension, r.Key,
                    r.Label ?? "", r.Count.ToString(CultureInfo.InvariantCulture),
                    r.Openings?.ToString(CultureInfo.InvariantCulture) ?? ""),
                (c["office_id"], c["month"], c["measure"], c["dimension"], c["key"], c["label"], c["count"],
                    c["openings"]));
        }
    }

    [Fact]
    public async Task A_new_placement_shows_in_the_IPK_once_refreshed()
    {
        var app = await TestApp.SharedAsync();
        var w = await WorldAsync(app);
        const string url = "/api/v1/reports/ipk?from=2025-03&to=2025-04";
        var before = await w.Staff.ReportAsync<IpkReportDto>(url);
        await w.Staff.PlaceAsync(w.Seekers[2], w.April.Id, new DateOnly(2025, 4, 20), 5_000_000);

        var refresh = await w.Staff.RefreshAsync("ipk", "from=2025-03&to=2025-04");
        Assert.Equal($"office:{w.OfficeId};months=2025-03..2025-04", refresh.ScopeKey);
        await app.WaitForJobAsync(refresh.JobId);
        var after = await w.Staff.ReportAsync<IpkReportDto>(url);

        Assert.True(after.ComputedAt > before.ComputedAt);
        Assert.Equal(refresh.JobId, after.ComputedByJobId);
        Assert.Equal(new IpkMonthDto("2025-04", 1, 1, 2, 2), after.Months[1]);
        Assert.Contains("2025-04 placements education smk 2", after.Breakdown.Select(Line));
        Assert.Contains("2025-04 placements sex male 1", after.Breakdown.Select(Line));
        Assert.Contains("2025-04 placements region 64.72 1", after.Breakdown.Select(Line));
    }

    [Fact]
    public async Task Staff_read_their_own_offices_IPK_admins_any_and_instructors_and_employers_none()
    {
        var app = await TestApp.SharedAsync();
        var w = await WorldAsync(app);
        var (otherStaff, _, otherOffice) = await app.StaffAsync();
        var instructor = await app.InstructorAsync((await app.CreateTrainingCentreAsync(w.OfficeId)).Id);
        var partner = await app.PartnerAsync(w.OfficeId);
        const string ipk = "/api/v1/reports/ipk";

        await (await otherStaff.GetAsync($"{ipk}?officeId={w.OfficeId}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await w.Staff.GetAsync($"{ipk}?officeId={otherOffice}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await otherStaff.PostAsync(new Uri($"/api/v1/reports/ipk/refresh?officeId={w.OfficeId}",
            UriKind.Relative), null)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await instructor.GetAsync($"{ipk}?officeId={w.OfficeId}")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await instructor.PostAsync(new Uri($"/api/v1/reports/ipk/refresh?officeId={w.OfficeId}",
            UriKind.Relative), null)).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await partner.Client.GetAsync(ipk)).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await w.Staff.GetAsync($"{ipk}?from=2025-05&to=2025-03")).AssertProblemAsync(HttpStatusCode.BadRequest, "to");
        await (await w.Staff.GetAsync($"{ipk}?from=2023-01&to=2025-01")).AssertProblemAsync(HttpStatusCode.BadRequest, "to");
        await (await w.Staff.GetAsync($"{ipk}?from=2025-13")).AssertProblemAsync(HttpStatusCode.BadRequest, "from");

        var current = await w.Staff.ReportAsync<IpkReportDto>(ipk);
        var month = Today.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        Assert.Equal((w.OfficeId, month, month), (current.OfficeId!.Value, current.From, current.To));
        using var admin = await app.AdminAsync();
        var all = await admin.ReportAsync<IpkReportDto>($"{ipk}?from=2025-03&to=2025-03");
        Assert.Null(all.OfficeId);
        Assert.True(all.Months[0].SeekersRegistered >= 3);
    }
}
