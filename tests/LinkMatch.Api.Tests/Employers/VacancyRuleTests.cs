using System.Net;
using System.Net.Http.Json;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;
using static LinkMatch.Api.Tests.Intents.EmployerIntents;

namespace LinkMatch.Api.Tests.Employers;

public class VacancyRuleTests
{
    [Fact]
    public async Task Invalid_vacancies_name_the_field_and_create_nothing()
    {
        var app = await TestApp.SharedAsync();
        var partner = await app.PartnerAsync();
        var other = await app.PartnerAsync();
        using var client = partner.Client;
        using var otherClient = other.Client;
        Dictionary<string, object?> Job(string field, object? value) => new(JobVacancy()) { [field] = value };
        Dictionary<string, object?> Apprenticeship(string field, object? value) =>
            new(ApprenticeshipVacancy()) { [field] = value };
        var smaw = await app.CompetencyIdAsync("C.251000.010.01");

        foreach (var (body, field) in new[]
        {
            (Job("title", null), "title"),
            (Job("type", "internship"), "type"),
            (Job("occupationCode", "72129"), "occupationCode"),
            (Job("occupationCode", "9999"), "occupationCode"),
            (Job("workRegionCode", "99.99"), "workRegionCode"),
            (Job("openings", 0), "openings"),
            (Job("closesOn", Today.AddDays(-1)), "closesOn"),
            (Job("wageMin", 9_000_000L), "wageMax"),
            (Job("ageMin", 45), "ageMax"),
            (Job("sex", "other"), "sex"),
            (Job("minEducation", "phd"), "minEducation"),
            (Job("stipend", 1_000_000L), "stipend"),
            (Job("apprenticeshipMonths", 6), "apprenticeshipMonths"),
            (Job("contractType", "apprenticeship"), "contractType"),
            (Job("competencies", new[] { new { competencyId = 987654321L, mandatory = true, minLevel = 1 } }), "competencies"),
            (Job("competencies", new[] { new { competencyId = smaw, mandatory = true, minLevel = 1 },
                new { competencyId = smaw, mandatory = false, minLevel = 2 } }), "competencies"),
            (Job("status", "filled"), "status"),
            (Job("filled", 1), "filled"),
            (Job("officeId", partner.OfficeId), "officeId"),
            (Job("mouId", partner.Mou.Id), "mouId"),
            (Job("employerId", other.Employer.Id), "employerId"),
            (Apprenticeship("apprenticeshipMonths", null), "apprenticeshipMonths"),
            (Apprenticeship("stipend", null), "stipend"),
            (Apprenticeship("contractType", "permanent"), "contractType"),
        })
        {
            await (await client.PostAsJsonAsync("/api/v1/vacancies", body)).AssertProblemAsync(HttpStatusCode.BadRequest, field);
        }

        Assert.Equal((0L, 0L), (await app.VacancyCountAsync(partner.Employer.Id), await app.VacancyCountAsync(other.Employer.Id)));
        var own = JobVacancy();
        own["employerId"] = partner.Employer.Id;
        Assert.Equal(partner.Employer.Id, (await client.PostVacancyAsync(own)).EmployerId);
    }

    [Fact]
    public async Task Vacancies_need_an_active_MoU_whose_scopes_cover_their_type()
    {
        var app = await TestApp.SharedAsync();
        var admin = await app.SharedAdminAsync();
        var office = await app.CreateOfficeAsync();
        var employer = await app.CreateEmployerAsync();
        var key = await app.IssueApiKeyAsync(employer.Id);
        using var client = app.WithApiKey(key.Key);

        // No MoU, then an expired one, a terminated one and one for training only: nothing covers a job.
        await (await client.PostAsJsonAsync("/api/v1/vacancies", JobVacancy())).AssertProblemAsync(HttpStatusCode.Conflict);
        await app.CreateMouAsync(office.Id, employer.Id, ["placement", "apprenticeship"], Today.AddYears(-2), Today.AddDays(-1));
        var ended = await app.CreateMouAsync(office.Id, employer.Id, ["placement", "apprenticeship"]);
        await (await admin.PostAsJsonAsync($"/api/v1/mous/{ended.Id}/terminate", new { reason = "Pelanggaran MoU" }))
            .ReadAsync<MouDto>();
        await app.CreateMouAsync(office.Id, employer.Id, ["training"]);
        foreach (var body in new[] { JobVacancy(), ApprenticeshipVacancy() })
        {
            var problem = await (await client.PostAsJsonAsync("/api/v1/vacancies", body)).AssertProblemAsync(HttpStatusCode.Conflict);
            Assert.Contains("MoU", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        // Apprenticeship scope covers apprenticeships only; placement covers jobs.
        var apprenticeshipMou = await app.CreateMouAsync(office.Id, employer.Id, ["apprenticeship"]);
        await (await client.PostAsJsonAsync("/api/v1/vacancies", JobVacancy())).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(0L, await app.VacancyCountAsync(employer.Id));
        var apprenticeship = await client.PostVacancyAsync(ApprenticeshipVacancy());
        Assert.Equal((apprenticeshipMou.Id, office.Id), (apprenticeship.MouId, apprenticeship.OfficeId));

        var placementMou = await app.CreateMouAsync(office.Id, employer.Id, ["placement"]);
        Assert.Equal(placementMou.Id, (await client.PostVacancyAsync(JobVacancy())).MouId);
    }

    [Fact]
    public async Task Nobody_reaches_another_owners_vacancy_and_instructors_only_read()
    {
        var app = await TestApp.SharedAsync();
        var a = await app.PartnerAsync();
        var b = await app.PartnerAsync();
        using var clientA = a.Client;
        using var clientB = b.Client;
        var vacancy = await clientA.PostVacancyAsync(JobVacancy());
        var (staff, _, _) = await app.StaffAsync(b.OfficeId);
        using var staffB = staff;

        var amend = JobVacancy();
        amend.Remove("type");
        foreach (var client in new[] { clientB, staffB })
        {
            await (await client.GetAsync($"/api/v1/vacancies/{vacancy.Id}")).AssertProblemAsync(HttpStatusCode.NotFound);
            await (await client.PutAsJsonAsync($"/api/v1/vacancies/{vacancy.Id}", amend)).AssertProblemAsync(HttpStatusCode.NotFound);
            await (await client.PostAsJsonAsync($"/api/v1/vacancies/{vacancy.Id}/fill", new { filled = 1 }))
                .AssertProblemAsync(HttpStatusCode.NotFound);
            await (await client.PostAsync(new Uri($"/api/v1/vacancies/{vacancy.Id}/close", UriKind.Relative), null))
                .AssertProblemAsync(HttpStatusCode.NotFound);
            var list = await (await client.GetAsync($"/api/v1/vacancies?employerId={a.Employer.Id}")).ReadAsync<Platform.PageDto<VacancyDto>>();
            Assert.Equal(0, list.Total);
        }

        await (await clientA.GetAsync("/api/v1/vacancies/987654321")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await clientA.PutAsJsonAsync("/api/v1/vacancies/987654321", amend)).AssertProblemAsync(HttpStatusCode.NotFound);

        var centre = (await app.CreateTrainingCentreAsync(b.OfficeId)).Id;
        var user = await app.CreateUserAsync("instructor", trainingCentreId: centre);
        using var instructor = await app.SignInAsync(user.UserName, PlatformIntents.Password);
        var seen = await (await instructor.GetAsync($"/api/v1/vacancies/{vacancy.Id}")).ReadAsync<VacancyDto>();
        Assert.Equal(vacancy.Title, seen.Title);
        var body = JobVacancy();
        body["employerId"] = a.Employer.Id;
        await (await instructor.PostAsJsonAsync("/api/v1/vacancies", body)).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await instructor.PutAsJsonAsync($"/api/v1/vacancies/{vacancy.Id}", amend)).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await instructor.PostAsync(new Uri($"/api/v1/vacancies/{vacancy.Id}/close", UriKind.Relative), null))
            .AssertProblemAsync(HttpStatusCode.Forbidden);

        var unchanged = await (await clientA.GetAsync($"/api/v1/vacancies/{vacancy.Id}")).ReadAsync<VacancyDto>();
        Assert.Equal((vacancy.Title, "open", 0, vacancy.Openings), (unchanged.Title, unchanged.Status, unchanged.Filled, unchanged.Openings));
    }

    [Fact]
    public async Task Only_open_vacancies_are_amended_filled_or_closed()
    {
        var app = await TestApp.SharedAsync();
        var partner = await app.PartnerAsync();
        using var client = partner.Client;
        var vacancy = await client.PostVacancyAsync(JobVacancy(openings: 2));
        var amend = JobVacancy();
        amend.Remove("type");

        await (await client.PutAsJsonAsync($"/api/v1/vacancies/{vacancy.Id}", new Dictionary<string, object?>(amend) { ["type"] = "apprenticeship" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "type");
        await (await client.PutAsJsonAsync($"/api/v1/vacancies/{vacancy.Id}", new Dictionary<string, object?>(amend) { ["status"] = "closed" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "status");
        await (await client.PostAsJsonAsync($"/api/v1/vacancies/{vacancy.Id}/fill", new { filled = 3 }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "filled");
        await (await client.PostAsJsonAsync($"/api/v1/vacancies/{vacancy.Id}/fill", new { filled = 0 }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "filled");
        Assert.Equal("open", (await (await client.GetAsync($"/api/v1/vacancies/{vacancy.Id}")).ReadAsync<VacancyDto>()).Status);

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync(new Uri($"/api/v1/vacancies/{vacancy.Id}/close", UriKind.Relative), null)).StatusCode);
        await (await client.PostAsync(new Uri($"/api/v1/vacancies/{vacancy.Id}/close", UriKind.Relative), null))
            .AssertProblemAsync(HttpStatusCode.Conflict);
        await (await client.PostAsJsonAsync($"/api/v1/vacancies/{vacancy.Id}/fill", new { filled = 1 }))
            .AssertProblemAsync(HttpStatusCode.Conflict);
        await (await client.PutAsJsonAsync($"/api/v1/vacancies/{vacancy.Id}", amend)).AssertProblemAsync(HttpStatusCode.Conflict);
        var closed = await (await client.GetAsync($"/api/v1/vacancies/{vacancy.Id}")).ReadAsync<VacancyDto>();
        Assert.Equal(("closed", vacancy.Title, 0), (closed.Status, closed.Title, closed.Filled));
    }
}
