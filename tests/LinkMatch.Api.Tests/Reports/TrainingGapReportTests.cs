using System.Globalization;
using System.Net;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;
using static LinkMatch.Api.Tests.Intents.ReportIntents;

namespace LinkMatch.Api.Tests.Reports;

public class TrainingGapReportTests
{
    private static readonly string[] Units = TrainingIntents.WeldingUnits;

    /// <summary>A new office with two open vacancies asking for the three welding units (and a closed one that no
    /// longer counts), three seekers holding some of them (one of them placed), and a BLK whose welding course
    /// completed four of five learners and now runs a cohort of three.</summary>
    private sealed record World(HttpClient Staff, long OfficeId, TrainingCentreDto Centre, HttpClient Instructor,
        CourseDto Course, long[] UnitIds, VacancyDto Wide, VacancyDto Narrow, long Holder);

    private static async Task<World> WorldAsync(TestApp app)
    {
        var (staff, _, officeId) = await app.StaffAsync();
        var ids = new long[3];
        for (var i = 0; i < 3; i++)
        {
            ids[i] = await app.CompetencyIdAsync(Units[i]);
        }

        var employer = await app.PartnerSinceAsync(officeId, Today.AddDays(-30));
        object Unit(int i, bool mandatory, int minLevel) => new { competencyId = ids[i], mandatory, minLevel };
        var wide = await staff.PostVacancyForAsync(employer.Id, EmployerIntents.JobVacancy(openings: 5),
            ("competencies", new[] { Unit(0, true, 1), Unit(1, false, 1) }));
        var narrow = await staff.PostVacancyForAsync(employer.Id, EmployerIntents.JobVacancy(openings: 3),
            ("competencies", new[] { Unit(0, true, 2), Unit(2, true, 1) }));
        var closed = await staff.PostVacancyForAsync(employer.Id, EmployerIntents.JobVacancy(openings: 10),
            ("competencies", new[] { Unit(0, true, 1) }));
        (await staff.PostAsync(new Uri($"/api/v1/vacancies/{closed.Id}/close", UriKind.Relative), null))
            .EnsureSuccessStatusCode();

        var holder = (await staff.RegisterAsync(SeekerIntents.NewSeeker())).Id;
        await staff.SetCompetenciesAsync(holder, (ids[0], 2));
        var other = (await staff.RegisterAsync(SeekerIntents.NewSeeker())).Id;
        await staff.SetCompetenciesAsync(other, (ids[0], 1), (ids[2], 3));
        var placed = (await staff.RegisterAsync(SeekerIntents.NewSeeker())).Id;
        await staff.SetCompetenciesAsync(placed, (ids[1], 1));
        await staff.PlaceAsync(placed, narrow.Id, Today, 5_000_000);

        var centre = await app.CreateTrainingCentreAsync(officeId);
        var instructor = await app.InstructorAsync(centre.Id);
        var course = await instructor.CreateCourseAsync(centre.Id);
        var history = await instructor.CreateCohortAsync(course.Id, startsOn: Today.AddDays(-200),
            endsOn: Today.AddDays(-100));
        var running = await instructor.CreateCohortAsync(course.Id, startsOn: Today.AddDays(-10),
            endsOn: Today.AddDays(50));
        for (var i = 0; i < 8; i++)
        {
            var seeker = (await staff.RegisterAsync(SeekerIntents.NewSeeker())).Id;
            var enrolment = (await instructor.EnrolAsync(i < 5 ? history.Id : running.Id, seeker)).Id;
            if (i < 4)
            {
                await instructor.CompleteAsync(enrolment, Today.AddDays(-100));
            }
            else if (i == 4)
            {
                await instructor.DropAsync(enrolment);
            }
        }

        return new World(staff, officeId, centre, instructor, course, ids, wide, narrow, holder);
    }

    [Fact]
    public async Task Gaps_weigh_unfilled_openings_against_holders_and_expected_graduates_as_computed_by_hand()
    {
        var app = await TestApp.SharedAsync();
        var w = await WorldAsync(app);
        var report = await w.Staff.ReportAsync<TrainingGapReportDto>($"/api/v1/reports/training-gaps?officeId={w.OfficeId}");

        Assert.Equal(((long?)w.OfficeId, (string?)null, 2, 7), (report.OfficeId, report.RegionCode, report.OpenVacancies,
            report.UnfilledOpenings));
        // Demand: 5 + (3 − 1 filled) mandatory; 5 × 0.3 optional; 2 mandatory. Expected graduates: 3 learners × 4/5.
        Assert.Equal(
            [
                (1, Units[0], 1, 2, 7, 0, 7.00m, 2, 2.40m, 4.40m, 2.60m, 0.63m),
                (2, Units[1], 1, 1, 0, 5, 1.50m, 0, 2.40m, 2.40m, 0m, 1.60m),
                (3, Units[2], 1, 1, 2, 0, 2.00m, 1, 2.40m, 3.40m, 0m, 1.70m),
            ],
            report.Gaps.Select(g => (g.Rank, g.Code, g.RequiredLevel, g.Vacancies, g.MandatoryOpenings,
                g.OptionalOpenings, g.Demand, g.Holders, g.ExpectedGraduates, g.Supply, g.Unmet, g.Coverage)));
        var course = report.Gaps[0].Courses[0];
        Assert.Equal((w.Course.Id, w.Centre.Id, w.OfficeId, true, 0.800m, (int?)8),
            (course.CourseId, course.TrainingCentreId, course.OfficeId, course.InScope, course.CompletionRate,
                course.SuggestedCohortSize));
        Assert.All(report.Gaps[0].Courses.Skip(1), c => Assert.False(c.InScope));
        Assert.Null(report.Gaps[1].Courses[0].SuggestedCohortSize);

        // The instructor of the office's BLK and admins see the same figures; a later opening window sees nothing.
        var instructors = await w.Instructor.ReportAsync<TrainingGapReportDto>(
            $"/api/v1/reports/training-gaps?officeId={w.OfficeId}");
        Assert.Equal(report.Gaps.Select(g => (g.Code, g.Unmet)), instructors.Gaps.Select(g => (g.Code, g.Unmet)));
        using var admin = await app.AdminAsync();
        var later = await admin.ReportAsync<TrainingGapReportDto>(
            $"/api/v1/reports/training-gaps?officeId={w.OfficeId}&opensFrom={Today.AddDays(1):yyyy-MM-dd}");
        Assert.Equal((0, 0), (later.OpenVacancies, later.Gaps.Count));
    }

    [Fact]
    public async Task Gaps_CSV_matches_the_JSON_row_for_row()
    {
        var app = await TestApp.SharedAsync();
        var w = await WorldAsync(app);
        var url = $"/api/v1/reports/training-gaps?officeId={w.OfficeId}";
        var json = await w.Staff.ReportAsync<TrainingGapReportDto>(url);
        var rows = await w.Staff.CsvAsync(url + "&format=csv");
        Assert.Equal(json.Gaps.Count, rows.Count);
        string S(decimal d) => d.ToString(CultureInfo.InvariantCulture);
        foreach (var (g, r) in json.Gaps.Zip(rows))
        {
            Assert.Equal(
                (g.Rank.ToString(CultureInfo.InvariantCulture), g.Code, g.Title, S(g.Demand),
                    g.Holders.ToString(CultureInfo.InvariantCulture), S(g.ExpectedGraduates), S(g.Supply), S(g.Unmet),
                    S(g.Coverage)),
                (r["rank"], r["competency_code"], r["competency_title"], r["demand"], r["holders"],
                    r["expected_graduates"], r["supply"], r["unmet"], r["coverage"]));
            Assert.Equal(string.Join(';', g.Courses.Select(c => $"{c.TrainingCentreCode}/{c.Code}")), r["courses"]);
        }

        Assert.Equal("8", rows[0]["suggested_cohort_size"]);
        Assert.Equal("", rows[1]["suggested_cohort_size"]);
    }

    [Fact]
    public async Task A_hire_lowers_demand_and_supply_once_a_refresh_recomputes_the_gaps()
    {
        var app = await TestApp.SharedAsync();
        var w = await WorldAsync(app);
        var url = $"/api/v1/reports/training-gaps?officeId={w.OfficeId}";
        var before = await w.Staff.ReportAsync<TrainingGapReportDto>(url);

        await w.Staff.PlaceAsync(w.Holder, w.Wide.Id, Today, 5_500_000);
        var refresh = await w.Staff.RefreshAsync("training-gaps", $"officeId={w.OfficeId}");
        Assert.Equal($"office:{w.OfficeId};opens=..", refresh.ScopeKey);
        await app.WaitForJobAsync(refresh.JobId);
        var after = await w.Staff.ReportAsync<TrainingGapReportDto>(url);

        Assert.True(after.ComputedAt > before.ComputedAt);
        Assert.Equal(((long?)refresh.JobId, 6), (after.ComputedByJobId, after.UnfilledOpenings));
        var welding = after.Gaps.Single(g => g.Code == Units[0]);
        Assert.Equal((6.00m, 1, 3.40m, 2.60m), (welding.Demand, welding.Holders, welding.Supply, welding.Unmet));
        Assert.Equal(1.20m, after.Gaps.Single(g => g.Code == Units[1]).Demand);
    }

    [Fact]
    public async Task Staff_and_instructors_see_only_their_offices_region_admins_any_and_employers_none()
    {
        var app = await TestApp.SharedAsync();
        var w = await WorldAsync(app);
        var (otherStaff, _, otherOffice) = await app.StaffAsync();
        var province = await app.CreateOfficeAsync("64", "province");
        var (provinceStaff, _, _) = await app.StaffAsync(province.Id);
        var otherInstructor = await app.InstructorAsync((await app.CreateTrainingCentreAsync(otherOffice)).Id);
        var partner = await app.PartnerAsync(w.OfficeId);
        const string gaps = "/api/v1/reports/training-gaps";

        var own = await w.Staff.ReportAsync<TrainingGapReportDto>(gaps);
        Assert.Equal(((string?)"64.71", (long?)null), (own.RegionCode, own.OfficeId));
        Assert.Equal(HttpStatusCode.OK, (await w.Staff.GetAsync($"{gaps}?regionCode=64.71")).StatusCode);
        Assert.Equal("64", (await provinceStaff.ReportAsync<TrainingGapReportDto>(gaps)).RegionCode);
        Assert.Equal(HttpStatusCode.OK, (await provinceStaff.GetAsync($"{gaps}?regionCode=64.72")).StatusCode);
        Assert.Equal("64.71", (await w.Instructor.ReportAsync<TrainingGapReportDto>(gaps)).RegionCode);

        foreach (var (client, query) in new[]
        {
            (w.Staff, "regionCode=64"), (w.Staff, "regionCode=64.72"), (w.Staff, $"officeId={otherOffice}"),
            (otherStaff, $"officeId={w.OfficeId}"), (otherInstructor, $"officeId={w.OfficeId}"),
            (provinceStaff, $"officeId={w.OfficeId}"), (w.Staff, "regionCode=99.99"),
        })
        {
            await (await client.GetAsync($"{gaps}?{query}")).AssertProblemAsync(HttpStatusCode.NotFound);
            await (await client.PostAsync(new Uri($"/api/v1/reports/training-gaps/refresh?{query}", UriKind.Relative),
                null)).AssertProblemAsync(HttpStatusCode.NotFound);
        }

        await (await w.Staff.GetAsync($"{gaps}?officeId={w.OfficeId}&regionCode=64.71"))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "regionCode");
        await (await w.Staff.GetAsync($"{gaps}?opensFrom=2026-02-01&opensTo=2026-01-01"))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "opensTo");
        await (await w.Staff.GetAsync($"{gaps}?regionCode=Balikpapan")).AssertProblemAsync(HttpStatusCode.BadRequest,
            "regionCode");
        await (await partner.Client.GetAsync($"{gaps}?officeId={w.OfficeId}")).AssertProblemAsync(HttpStatusCode.Forbidden);
        using var admin = await app.AdminAsync();
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"{gaps}?officeId={otherOffice}")).StatusCode);
        await (await admin.GetAsync($"{gaps}?officeId=987654321")).AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
