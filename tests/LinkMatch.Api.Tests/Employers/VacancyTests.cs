using System.Net;
using System.Net.Http.Json;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;
using LinkMatch.Api.Tests.Platform;
using static LinkMatch.Api.Tests.Intents.EmployerIntents;

namespace LinkMatch.Api.Tests.Employers;

public class VacancyTests
{
    [Fact]
    public async Task An_employer_posts_reads_amends_and_reports_its_vacancy_filled()
    {
        var app = await TestApp.SharedAsync();
        var partner = await app.PartnerAsync();
        using var client = partner.Client;
        var smaw = await app.CompetencyIdAsync("C.251000.010.01");
        var safety = await app.CompetencyIdAsync("C.251000.001.01");
        var body = JobVacancy(openings: 3);
        body["competencies"] = new[]
        {
            new { competencyId = smaw, mandatory = true, minLevel = 2 },
            new { competencyId = safety, mandatory = false, minLevel = 1 },
        };

        var vacancy = await client.PostVacancyAsync(body);
        Assert.Equal((partner.Employer.Id, partner.Mou.Id, partner.OfficeId, "open", 0),
            (vacancy.EmployerId, vacancy.MouId, vacancy.OfficeId, vacancy.Status, vacancy.Filled));
        Assert.Equal((partner.Employer.Name, 1.5m, 18, 40, 5_500_000L),
            (vacancy.EmployerName, vacancy.MinExperienceYears, vacancy.AgeMin, vacancy.AgeMax, vacancy.WageMax));
        Assert.Equal(new[] { (smaw, true, 2), (safety, false, 1) },
            vacancy.Competencies.Select(c => (c.CompetencyId, c.Mandatory, c.MinLevel)));
        var read = await (await client.GetAsync($"/api/v1/vacancies/{vacancy.Id}")).ReadAsync<VacancyDto>();
        Assert.Equal((vacancy.Title, vacancy.OpensOn, 2), (read.Title, read.OpensOn, read.Competencies.Count));

        body.Remove("type");
        body["title"] = "Welder SMAW 3G";
        body["openings"] = 4;
        body["competencies"] = new[] { new { competencyId = smaw, mandatory = true, minLevel = 3 } };
        var amended = await (await client.PutAsJsonAsync($"/api/v1/vacancies/{vacancy.Id}", body)).ReadAsync<VacancyDto>();
        Assert.Equal(("Welder SMAW 3G", 4), (amended.Title, amended.Openings));
        Assert.Equal(3, Assert.Single(amended.Competencies).MinLevel);

        var filled = await (await client.PostAsJsonAsync($"/api/v1/vacancies/{vacancy.Id}/fill", new { filled = 3 }))
            .ReadAsync<VacancyDto>();
        Assert.Equal(("filled", 3), (filled.Status, filled.Filled));
        Assert.NotNull(filled.FilledReportedAt);

        var apprenticeship = await client.PostVacancyAsync(ApprenticeshipVacancy());
        Assert.Equal(("apprenticeship", 6, 3_500_000L), (apprenticeship.Type, apprenticeship.ApprenticeshipMonths, apprenticeship.Stipend));
        var closed = await (await client.PostAsync(new Uri($"/api/v1/vacancies/{apprenticeship.Id}/close", UriKind.Relative), null))
            .ReadAsync<VacancyDto>();
        Assert.Equal("closed", closed.Status);
        Assert.NotNull(closed.ClosedAt);

        long byKey = 0;
        foreach (var id in new[] { vacancy.Id, apprenticeship.Id })
        {
            byKey += (await app.AuditRowsAsync($"entity=vacancy&entityId={id}&actorKind=api_key")).Count;
        }

        Assert.Equal(5L, byKey);
    }

    [Fact]
    public async Task Staff_post_for_a_partner_of_their_office_and_must_name_it()
    {
        var app = await TestApp.SharedAsync();
        var partner = await app.PartnerAsync();
        using var partnerClient = partner.Client;
        var (staff, _, _) = await app.StaffAsync(partner.OfficeId);
        using var staffClient = staff;
        var (otherStaff, _, _) = await app.StaffAsync();
        using var otherClient = otherStaff;

        var body = JobVacancy();
        await (await staffClient.PostAsJsonAsync("/api/v1/vacancies", body)).AssertProblemAsync(HttpStatusCode.BadRequest, "employerId");
        body["employerId"] = 987654321L;
        await (await staffClient.PostAsJsonAsync("/api/v1/vacancies", body)).AssertProblemAsync(HttpStatusCode.BadRequest, "employerId");
        body["employerId"] = partner.Employer.Id;
        await (await otherClient.PostAsJsonAsync("/api/v1/vacancies", body)).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(0L, await app.VacancyCountAsync(partner.Employer.Id));

        var vacancy = await staffClient.PostVacancyAsync(body);
        Assert.Equal((partner.Employer.Id, partner.OfficeId), (vacancy.EmployerId, vacancy.OfficeId));
        var admin = await app.SharedAdminAsync();
        var byAdmin = await admin.PostVacancyAsync(body);
        Assert.Equal(partner.Mou.Id, byAdmin.MouId);
        Assert.Equal(HttpStatusCode.OK, (await staffClient.PostAsync(
            new Uri($"/api/v1/vacancies/{byAdmin.Id}/close", UriKind.Relative), null)).StatusCode);
    }

    [Fact]
    public async Task Vacancy_lists_are_scoped_filtered_and_sorted()
    {
        var app = await TestApp.SharedAsync();
        var partner = await app.PartnerAsync();
        var other = await app.PartnerAsync();
        using var client = partner.Client;
        using var otherClient = other.Client;
        var job = await client.PostVacancyAsync(JobVacancy(openings: 5));
        var apprenticeship = await client.PostVacancyAsync(ApprenticeshipVacancy());
        var later = JobVacancy();
        later["opensOn"] = Today.AddDays(60);
        later["closesOn"] = Today.AddDays(90);
        later["occupationCode"] = "3113";
        var future = await client.PostVacancyAsync(later);
        var foreign = await otherClient.PostVacancyAsync(JobVacancy());

        async Task<List<long>> IdsAsync(HttpClient c, string query) =>
            (await (await c.GetAsync($"/api/v1/vacancies?{query}")).ReadAsync<PageDto<VacancyDto>>()).Items.Select(v => v.Id).ToList();
        Assert.Equal(new[] { future.Id, apprenticeship.Id, job.Id }, await IdsAsync(client, "pageSize=200"));
        Assert.Equal(new[] { job.Id, future.Id }, await IdsAsync(client, "type=job&sort=opensOn"));
        Assert.Equal(new[] { apprenticeship.Id }, await IdsAsync(client, "workRegionCode=64.72"));
        Assert.Equal(new[] { future.Id, apprenticeship.Id, job.Id }, await IdsAsync(client, "workRegionCode=64"));
        Assert.Equal(new[] { job.Id }, await IdsAsync(client, "occupationCode=72&status=open"));
        Assert.Equal(new[] { future.Id }, await IdsAsync(client, $"openOn={Today.AddDays(70):yyyy-MM-dd}"));
        Assert.Equal(new[] { job.Id, apprenticeship.Id, future.Id }, await IdsAsync(client, "sort=-openings,closesOn"));
        Assert.Empty(await IdsAsync(client, $"employerId={other.Employer.Id}"));
        Assert.Empty(await IdsAsync(client, "status=filled"));
        await (await client.GetAsync("/api/v1/vacancies?sort=salary")).AssertProblemAsync(HttpStatusCode.BadRequest, "sort");
        await (await client.GetAsync("/api/v1/vacancies?status=pending")).AssertProblemAsync(HttpStatusCode.BadRequest, "status");

        var (staff, _, _) = await app.StaffAsync(partner.OfficeId);
        using var staffClient = staff;
        Assert.Equal(new[] { future.Id, apprenticeship.Id, job.Id }, await IdsAsync(staffClient, "pageSize=200"));
        Assert.Empty(await IdsAsync(staffClient, $"officeId={other.OfficeId}"));

        var admin = await app.SharedAdminAsync();
        Assert.Equal(new[] { foreign.Id }, await IdsAsync(admin, $"officeId={other.OfficeId}"));
        Assert.Equal(new[] { job.Id, future.Id }, await IdsAsync(admin, $"employerId={partner.Employer.Id}&type=job&sort=createdAt"));
        var page = await (await admin.GetAsync($"/api/v1/vacancies?employerId={partner.Employer.Id}&pageSize=2&page=2"))
            .ReadAsync<PageDto<VacancyDto>>();
        Assert.Equal((3L, 1), (page.Total, page.Items.Count));
    }
}
