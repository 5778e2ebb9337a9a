using System.Globalization;
using System.Net;
using System.Text.Json;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;
using static LinkMatch.Api.Tests.Intents.ReportIntents;

namespace LinkMatch.Api.Tests.Reports;

public class UptakeReportTests
{
    /// <summary>A BLK of a new office with a welding course: a finished cohort of six (five graduates, one dropped)
    /// and a running cohort of one; two employers, one an MoU partner for over a year, one only since ten days.</summary>
    private sealed record World(HttpClient Staff, long OfficeId, TrainingCentreDto Centre, HttpClient Instructor,
        CourseDto Course, CohortDto Finished, CohortDto Running, long[] Seekers, DateOnly Completed,
        EmployerDto Partner, EmployerDto Recent, VacancyDto PartnerJob, VacancyDto RecentJob,
        VacancyDto Apprenticeship);

    private static readonly string[] Units = TrainingIntents.WeldingUnits;

    private static async Task<World> WorldAsync(TestApp app)
    {
        var (staff, _, officeId) = await app.StaffAsync();
        var centre = await app.CreateTrainingCentreAsync(officeId);
        var instructor = await app.InstructorAsync(centre.Id);
        var course = await instructor.CreateCourseAsync(centre.Id);
        var completed = Today.AddDays(-150);
        var finished = await instructor.CreateCohortAsync(course.Id, startsOn: Today.AddDays(-250), endsOn: completed);
        var running = await instructor.CreateCohortAsync(course.Id, startsOn: Today.AddDays(-20),
            endsOn: Today.AddDays(40));
        var seekers = new long[7];
        var enrolments = new long[7];
        for (var i = 0; i < seekers.Length; i++)
        {
            seekers[i] = (await staff.RegisterAsync(SeekerIntents.NewSeeker())).Id;
            enrolments[i] = (await instructor.EnrolAsync(i < 6 ? finished.Id : running.Id, seekers[i])).Id;
        }

        for (var i = 0; i < 5; i++)
        {
            await instructor.CompleteAsync(enrolments[i], completed);
        }

        await instructor.DropAsync(enrolments[5]);
        // Competent in every unit: 0 and 1; one unit not yet competent: 2; one unit assessed, competent: 3; none: 4.
        await instructor.AssessAsync(enrolments[0], completed, (Units[0], true), (Units[1], true), (Units[2], true));
        await instructor.AssessAsync(enrolments[1], completed, (Units[0], true), (Units[1], true), (Units[2], true));
        await instructor.AssessAsync(enrolments[2], completed, (Units[0], true), (Units[1], true), (Units[2], false));
        await instructor.AssessAsync(enrolments[3], completed, (Units[0], true));
        await instructor.CertifyAsync(enrolments[0], completed.AddDays(5));
        await instructor.CertifyAsync(enrolments[2], completed.AddDays(5));

        var partner = await app.PartnerSinceAsync(officeId, Today.AddDays(-400));
        var recent = await app.PartnerSinceAsync(officeId, Today.AddDays(-10));
        var partnerJob = await staff.PostVacancyForAsync(partner.Id, EmployerIntents.JobVacancy(openings: 3));
        var recentJob = await staff.PostVacancyForAsync(recent.Id, EmployerIntents.JobVacancy(openings: 3));
        var apprenticeship = await staff.PostVacancyForAsync(partner.Id, EmployerIntents.ApprenticeshipVacancy(2));
        // Placed 30, 100 and 200 days after completion; the fourth graduate was hired before completing.
        await staff.PlaceAsync(seekers[0], partnerJob.Id, completed.AddDays(30), 5_000_000);
        await staff.PlaceAsync(seekers[1], recentJob.Id, completed.AddDays(100), 4_000_000);
        await staff.PlaceAsync(seekers[2], apprenticeship.Id, completed.AddDays(200), 3_500_000);
        await staff.PlaceAsync(seekers[3], recentJob.Id, completed.AddDays(-10), 3_000_000);
        return new World(staff, officeId, centre, instructor, course, finished, running, seekers, completed, partner,
            recent, partnerJob, recentJob, apprenticeship);
    }

    [Fact]
    public async Task Uptake_counts_graduates_competence_certificates_placements_and_wages_exactly()
    {
        var app = await TestApp.SharedAsync();
        var w = await WorldAsync(app);
        var report = await w.Instructor.ReportAsync<UptakeReportDto>($"/api/v1/training-centres/{w.Centre.Id}/uptake");

        Assert.Equal(("training_centre", w.Centre.Id, w.Centre.Name), (report.Level, report.Id, report.Name));
        Assert.Null(report.ComputedByJobId);
        var t = report.Totals;
        Assert.Equal((7, 1, 1, 5), (t.Enrolments, t.InTraining, t.Dropped, t.Graduates));
        Assert.Equal((3, 2), (t.JudgedCompetent, t.Certified));
        Assert.Equal((3, 1, 2, 3, 2, 1), (t.Placed, t.PlacedWithin3Months, t.PlacedWithin6Months,
            t.PlacedWithin12Months, t.PlacedAtMouPartner, t.Apprenticeships));
        Assert.Equal(100m, t.MedianDaysToPlacement);
        Assert.Equal(new WageFiguresDto(2, 4_500_000m, 4_000_000, 5_000_000), t.Wages);
        Assert.Equal(new WageFiguresDto(1, 3_500_000m, 3_500_000, 3_500_000), t.Stipends);

        Assert.Equal(t, Assert.Single(report.ByCourse).Figures);
        Assert.Equal([w.Finished.Id, w.Running.Id], report.ByCohort.Select(c => c.CohortId));
        var finished = report.ByCohort[0].Figures;
        Assert.Equal((6, 0, 5, 3), (finished.Enrolments, finished.InTraining, finished.Graduates, finished.Placed));
        var running = report.ByCohort[1].Figures;
        Assert.Equal((1, 1, 0, 0), (running.Enrolments, running.InTraining, running.Graduates, running.Placed));

        Assert.Equal(
            [
                new UptakeEmployerDto(w.Partner.Id, w.Partner.Name, 2, 1, 2, 5_000_000m, 3_500_000m),
                new UptakeEmployerDto(w.Recent.Id, w.Recent.Name, 1, 0, 0, 4_000_000m, null),
            ],
            report.ByEmployer.OrderByDescending(e => e.Placed));
        Assert.Equal([(Units[0], 4, 4, 1.000m), (Units[1], 3, 3, 1.000m), (Units[2], 3, 2, 0.667m)],
            report.Units.Select(u => (u.Code, u.Assessed, u.Competent, u.CompetentRate)));

        // The course and each cohort have reports of their own.
        var course = await w.Staff.ReportAsync<UptakeReportDto>($"/api/v1/courses/{w.Course.Id}/uptake");
        Assert.Equal(t, course.Totals);
        Assert.Empty(course.ByCourse);
        Assert.Equal(2, course.ByCohort.Count);
        var cohort = await w.Staff.ReportAsync<UptakeReportDto>($"/api/v1/cohorts/{w.Running.Id}/uptake");
        Assert.Equal(running, cohort.Totals);
        Assert.Equal(w.Centre.Id, cohort.TrainingCentreId);
    }

    [Fact]
    public async Task Uptake_CSV_has_a_row_per_group_employer_and_unit_matching_the_JSON()
    {
        var app = await TestApp.SharedAsync();
        var w = await WorldAsync(app);
        var url = $"/api/v1/training-centres/{w.Centre.Id}/uptake";
        var json = await w.Staff.ReportAsync<UptakeReportDto>(url);
        var rows = await w.Staff.CsvAsync(url + "?format=csv");
        Assert.Equal(JsonSerializer.Serialize(rows), JsonSerializer.Serialize(await w.Staff.CsvAsync(url, byHeader: true)));

        Assert.Equal(["total", "course", "cohort", "cohort", "employer", "employer", "unit", "unit", "unit"],
            rows.Select(r => r["section"]));
        var total = rows[0];
        var t = json.Totals;
        Assert.Equal(w.Centre.Id.ToString(CultureInfo.InvariantCulture), total["id"]);
        Assert.Equal(w.Centre.Name, total["name"]);
        Assert.Equal(
            new[] { t.Enrolments, t.InTraining, t.Dropped, t.Graduates, t.JudgedCompetent, t.Certified, t.Placed,
                t.PlacedWithin3Months, t.PlacedWithin6Months, t.PlacedWithin12Months, t.PlacedAtMouPartner,
                t.Apprenticeships }
                .Select(n => n.ToString(CultureInfo.InvariantCulture)),
            new[] { "enrolments", "in_training", "dropped", "graduates", "judged_competent", "certified", "placed",
                "placed_within_3_months", "placed_within_6_months", "placed_within_12_months",
                "placed_at_mou_partner", "apprenticeships" }
                .Select(c => total[c]));
        Assert.Equal(("100.0", "2", "4500000.0", "4000000", "5000000", ""),
            (total["median_days_to_placement"], total["wage_count"], total["wage_median"], total["wage_min"],
                total["wage_max"], total["assessed"]));
        var partner = rows.Single(r => r["section"] == "employer" && r["name"] == w.Partner.Name);
        Assert.Equal(("2", "1", "2", "5000000.0", "3500000.0", ""), (partner["placed"], partner["apprenticeships"],
            partner["placed_at_mou_partner"], partner["wage_median"], partner["stipend_median"], partner["graduates"]));
        var unit = rows.Single(r => r["section"] == "unit" && r["code"] == Units[2]);
        Assert.Equal(("3", "2", "0.667"), (unit["assessed"], unit["competent"], unit["competent_rate"]));
    }

    [Fact]
    public async Task Uptake_is_served_from_its_snapshot_until_a_refresh_job_recomputes_it_after_a_new_placement()
    {
        var app = await TestApp.SharedAsync();
        var w = await WorldAsync(app);
        var url = $"/api/v1/training-centres/{w.Centre.Id}/uptake";
        var first = await w.Instructor.ReportAsync<UptakeReportDto>(url);
        Assert.Equal(3, first.Totals.Placed);

        // The fifth graduate is hired 60 days after completion by the MoU partner.
        await w.Staff.PlaceAsync(w.Seekers[4], w.PartnerJob.Id, w.Completed.AddDays(60), 6_000_000);
        var stale = await w.Instructor.ReportAsync<UptakeReportDto>(url);
        Assert.Equal((first.ComputedAt, first.Totals), (stale.ComputedAt, stale.Totals));

        var refresh = await w.Instructor.RefreshAsync("uptake", $"trainingCentreId={w.Centre.Id}");
        Assert.Equal(("uptake", $"training_centre:{w.Centre.Id}"), (refresh.Kind, refresh.ScopeKey));
        await app.WaitForJobAsync(refresh.JobId);
        var fresh = await w.Instructor.ReportAsync<UptakeReportDto>(url);
        Assert.Equal(refresh.JobId, fresh.ComputedByJobId);
        Assert.True(fresh.ComputedAt > first.ComputedAt);
        var t = fresh.Totals;
        Assert.Equal((4, 2, 3, 4, 3, 1), (t.Placed, t.PlacedWithin3Months, t.PlacedWithin6Months,
            t.PlacedWithin12Months, t.PlacedAtMouPartner, t.Apprenticeships));
        Assert.Equal(80m, t.MedianDaysToPlacement);
        Assert.Equal(new WageFiguresDto(3, 5_000_000m, 4_000_000, 6_000_000), t.Wages);
        Assert.Equal(3, fresh.ByEmployer.Single(e => e.EmployerId == w.Partner.Id).Placed);
    }

    [Fact]
    public async Task Placed_within_12_months_counts_a_graduate_hired_after_nine_months_but_not_after_thirteen()
    {
        var app = await TestApp.SharedAsync();
        var (staff, _, officeId) = await app.StaffAsync();
        var centre = await app.CreateTrainingCentreAsync(officeId);
        var instructor = await app.InstructorAsync(centre.Id);
        var course = await instructor.CreateCourseAsync(centre.Id);
        var completed = Today.AddDays(-500);
        var cohort = await instructor.CreateCohortAsync(course.Id, startsOn: completed.AddDays(-90), endsOn: completed);
        var employer = await app.PartnerSinceAsync(officeId, Today.AddDays(-800));
        var job = await staff.PostVacancyForAsync(employer.Id, EmployerIntents.JobVacancy(openings: 3));
        // Hired 20 days, 270 days (about nine months) and 400 days (about thirteen months) after completing.
        foreach (var days in new[] { 20, 270, 400 })
        {
            var seeker = (await staff.RegisterAsync(SeekerIntents.NewSeeker())).Id;
            await instructor.CompleteAsync((await instructor.EnrolAsync(cohort.Id, seeker)).Id, completed);
            await staff.PlaceAsync(seeker, job.Id, completed.AddDays(days), 4_500_000);
        }

        var url = $"/api/v1/cohorts/{cohort.Id}/uptake";
        var t = (await instructor.ReportAsync<UptakeReportDto>(url)).Totals;
        Assert.Equal((3, 3, 1, 1, 2), (t.Graduates, t.Placed, t.PlacedWithin3Months, t.PlacedWithin6Months,
            t.PlacedWithin12Months));
        var total = (await instructor.CsvAsync(url + "?format=csv")).Single(r => r["section"] == "total");
        Assert.Equal(("1", "1", "2"), (total["placed_within_3_months"], total["placed_within_6_months"],
            total["placed_within_12_months"]));
    }

    [Fact]
    public async Task The_list_of_training_centres_shows_each_ones_stored_totals_to_those_who_may_see_it()
    {
        var app = await TestApp.SharedAsync();
        var w = await WorldAsync(app);
        var sibling = await app.CreateTrainingCentreAsync(w.OfficeId);
        var report = await w.Instructor.ReportAsync<UptakeReportDto>($"/api/v1/training-centres/{w.Centre.Id}/uptake");

        // The instructor's list holds their BLK only, with the figures and time of the snapshot its report serves.
        var own = await w.Instructor.ReportAsync<SeekerIntents.PageOf<TrainingCentreUptakeDto>>(
            "/api/v1/training-centres/uptake");
        var item = Assert.Single(own.Items);
        Assert.Equal((w.Centre.Id, w.Centre.Name, report.ComputedAt, report.Totals),
            (item.Id, item.Name, item.ComputedAt, item.Totals));

        // Staff see every BLK of their office; one never asked for is computed on the spot (zeros, not missing).
        var office = await w.Staff.ReportAsync<SeekerIntents.PageOf<TrainingCentreUptakeDto>>(
            "/api/v1/training-centres/uptake?sort=code&pageSize=10");
        Assert.Equal([w.Centre.Id, sibling.Id], office.Items.Select(i => i.Id).Order());
        var fresh = office.Items.Single(i => i.Id == sibling.Id);
        Assert.Equal((0, 0), (fresh.Totals.Enrolments, fresh.Totals.PlacedWithin12Months));
        Assert.Equal(report.Totals, office.Items.Single(i => i.Id == w.Centre.Id).Totals);

        var (otherStaff, _, _) = await app.StaffAsync();
        Assert.Empty((await otherStaff.ReportAsync<SeekerIntents.PageOf<TrainingCentreUptakeDto>>(
            "/api/v1/training-centres/uptake")).Items);
        await (await w.Staff.GetAsync("/api/v1/training-centres/uptake?sort=wage")).AssertProblemAsync(
            HttpStatusCode.BadRequest, "sort");
    }

    [Fact]
    public async Task Only_the_centres_instructors_its_offices_staff_and_admins_see_its_uptake()
    {
        var app = await TestApp.SharedAsync();
        var w = await WorldAsync(app);
        var other = await app.CreateTrainingCentreAsync();
        var otherInstructor = await app.InstructorAsync(other.Id);
        var (otherStaff, _, _) = await app.StaffAsync();
        var partner = await app.PartnerAsync(w.OfficeId);
        using var admin = await app.AdminAsync();
        var urls = new[]
        {
            $"/api/v1/training-centres/{w.Centre.Id}/uptake", $"/api/v1/courses/{w.Course.Id}/uptake",
            $"/api/v1/cohorts/{w.Finished.Id}/uptake",
        };
        foreach (var url in urls)
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(url)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await w.Staff.GetAsync(url)).StatusCode);
            await (await otherInstructor.GetAsync(url)).AssertProblemAsync(HttpStatusCode.NotFound);
            await (await otherStaff.GetAsync(url)).AssertProblemAsync(HttpStatusCode.NotFound);
            await (await partner.Client.GetAsync(url)).AssertProblemAsync(HttpStatusCode.Forbidden);
        }

        await (await admin.GetAsync("/api/v1/cohorts/987654321/uptake")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await w.Staff.GetAsync(urls[0] + "?format=xml")).AssertProblemAsync(HttpStatusCode.BadRequest, "format");
        var keys = new[]
        {
            $"report:uptake:training_centre:{w.Centre.Id}", $"report:uptake:course:{w.Course.Id}",
            $"report:uptake:cohort:{w.Running.Id}",
        };
        foreach (var query in new[] { $"trainingCentreId={w.Centre.Id}", $"courseId={w.Course.Id}", $"cohortId={w.Running.Id}" })
        {
            await (await otherInstructor.PostAsync(new Uri($"/api/v1/reports/uptake/refresh?{query}", UriKind.Relative),
                null)).AssertProblemAsync(HttpStatusCode.NotFound);
        }

        await (await w.Instructor.PostAsync(new Uri($"/api/v1/reports/uptake/refresh?trainingCentreId={w.Centre.Id}" +
            $"&courseId={w.Course.Id}", UriKind.Relative), null)).AssertProblemAsync(HttpStatusCode.BadRequest,
            "trainingCentreId");
        await (await w.Instructor.PostAsync(new Uri($"/api/v1/reports/uptake/refresh?trainingCentreId={w.Centre.Id}" +
            "&from=2026-01", UriKind.Relative), null)).AssertProblemAsync(HttpStatusCode.BadRequest, "from");
        await (await partner.Client.PostAsync(new Uri($"/api/v1/reports/uptake/refresh?trainingCentreId={w.Centre.Id}",
            UriKind.Relative), null)).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.DoesNotContain(await app.ReportRecomputeKeysAsync(), keys.Contains);
    }
}
