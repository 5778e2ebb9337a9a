using System.Net;
using System.Net.Http.Json;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;
using static LinkMatch.Api.Tests.Intents.ReportIntents;

namespace LinkMatch.Api.Tests.Reports;

public class UpskillingTests
{
    [Fact]
    public async Task Upskilling_counts_the_open_vacancies_whose_mandatory_units_a_course_would_complete()
    {
        var app = await TestApp.SharedAsync();
        var (staff, _, officeId) = await app.StaffAsync();
        // Units of their own, so that only this test's vacancies and courses ask for or teach them.
        var x = await app.CompetencyOfOwnAsync();
        var y = await app.CompetencyOfOwnAsync();
        var z = await app.CompetencyOfOwnAsync();
        var centre = await app.CreateTrainingCentreAsync(officeId);
        var instructor = await app.InstructorAsync(centre.Id);
        var both = await instructor.CreateCourseAsync(centre.Id, [x.Code, y.Code]);
        var onlyZ = await instructor.CreateCourseAsync(centre.Id, [z.Code]);
        var onlyX = await instructor.CreateCourseAsync(centre.Id, [x.Code]);
        await instructor.CreateCohortAsync(both.Id, startsOn: Today.AddDays(20), endsOn: Today.AddDays(80));

        var employer = await app.PartnerSinceAsync(officeId, Today.AddDays(-30));
        object Unit((long Id, string Code) unit, bool mandatory, int minLevel = 1) =>
            new { competencyId = unit.Id, mandatory, minLevel };
        foreach (var units in new[]
        {
            new[] { Unit(x, true) },                       // met after 'both' or 'onlyX'
            new[] { Unit(x, true), Unit(y, true, 2) },     // met after 'both'
            new[] { Unit(x, true, 3) },                    // above the level courses train to
            new[] { Unit(z, true), Unit(x, false) },       // met after 'onlyZ'
            new[] { Unit(x, true), Unit(z, true) },        // needs two courses
        })
        {
            await staff.PostVacancyForAsync(employer.Id, EmployerIntents.JobVacancy(), ("competencies", units));
        }

        var seeker = (await staff.RegisterAsync(SeekerIntents.NewSeeker())).Id;
        var url = $"/api/v1/seekers/{seeker}/upskilling?trainingCentreId={centre.Id}&top=20";
        var report = await staff.ReportAsync<UpskillingReportDto>(url);
        Assert.Equal(seeker, report.SeekerId);
        var first = report.Suggestions[0];
        Assert.Equal((both.Id, 2, Today.AddDays(20)), (first.CourseId, first.AdditionalVacancies, first.NextCohortStartsOn!.Value));
        Assert.Equal(new[] { x.Code, y.Code }.Order(StringComparer.Ordinal), first.UnitsGained);
        Assert.Contains("would meet the mandatory requirements of 2 more open vacancies", first.Explanation,
            StringComparison.Ordinal);
        Assert.Equal(
            new[] { (onlyX.Id, 1), (onlyZ.Id, 1) }.Order(),
            report.Suggestions.Skip(1).Select(s => (s.CourseId, s.AdditionalVacancies)).Order());

        // Holding the unit at level 1 meets the first vacancy; the Z course now completes two.
        await staff.SetCompetenciesAsync(seeker, (x.Id, 1));
        var after = await staff.ReportAsync<UpskillingReportDto>(url);
        Assert.Equal([(onlyZ.Id, 2), (both.Id, 1)],
            after.Suggestions.Select(s => (s.CourseId, s.AdditionalVacancies)));
        Assert.Equal([z.Code], after.Suggestions[0].UnitsGained);
        Assert.Equal(2, await app.UpskillingReadsAsync(seeker));
    }

    [Fact]
    public async Task Upskilling_is_for_the_seekers_office_and_admins_and_gone_once_erased()
    {
        var app = await TestApp.SharedAsync();
        var (staff, _, officeId) = await app.StaffAsync();
        var (otherStaff, _, _) = await app.StaffAsync();
        var instructor = await app.InstructorAsync((await app.CreateTrainingCentreAsync(officeId)).Id);
        var partner = await app.PartnerAsync(officeId);
        var seeker = (await staff.RegisterAsync(SeekerIntents.NewSeeker())).Id;
        var url = $"/api/v1/seekers/{seeker}/upskilling";

        using var admin = await app.AdminAsync();
        Assert.Equal(seeker, (await admin.ReportAsync<UpskillingReportDto>(url)).SeekerId);
        await (await otherStaff.GetAsync(url)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await instructor.GetAsync(url)).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await partner.Client.GetAsync(url)).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await staff.GetAsync(url + "?top=0")).AssertProblemAsync(HttpStatusCode.BadRequest, "top");
        Assert.Equal(1, await app.UpskillingReadsAsync(seeker));

        (await staff.PostAsJsonAsync($"/api/v1/seekers/{seeker}/erase", new { reason = "data_subject_request" }))
            .EnsureSuccessStatusCode();
        await (await staff.GetAsync(url)).AssertProblemAsync(HttpStatusCode.Gone);
    }
}
