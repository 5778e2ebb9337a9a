using System.Net;
using System.Net.Http.Json;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;
using LinkMatch.Api.Tests.Platform;
using static LinkMatch.Api.Tests.Intents.EmployerIntents;

namespace LinkMatch.Api.Tests.Employers;

public class PlacementTests
{
    private static object Placement(long seekerId, long vacancyId, string source = "direct") =>
        new { seekerId, vacancyId, startDate = Today.AddDays(7), source, wage = 4_500_000L };

    [Fact]
    public async Task Staff_place_seekers_and_the_vacancy_and_seekers_follow_in_one_step()
    {
        var app = await TestApp.SharedAsync();
        var partner = await app.PartnerAsync();
        using var partnerClient = partner.Client;
        var (staff, _, _) = await app.StaffAsync(partner.OfficeId);
        using var staffClient = staff;
        var vacancy = await partnerClient.PostVacancyAsync(JobVacancy(openings: 2));
        var first = await app.InsertSeekerRowAsync(partner.OfficeId, "Andi Wijaya");
        var second = await app.InsertSeekerRowAsync(partner.OfficeId);

        var placed = await (await staffClient.PostAsJsonAsync("/api/v1/placements", Placement(first, vacancy.Id, "suggestion")))
            .ReadAsync<PlacementDto>(HttpStatusCode.Created);
        Assert.Equal((first, "Andi Wijaya", partner.Employer.Id, partner.OfficeId, "job", "suggestion", 4_500_000L),
            (placed.SeekerId, placed.SeekerName, placed.EmployerId, placed.OfficeId, placed.Type, placed.Source, placed.Wage));
        Assert.Equal("placed", await app.SeekerStatusAsync(first));
        var half = await (await staffClient.GetAsync($"/api/v1/vacancies/{vacancy.Id}")).ReadAsync<VacancyDto>();
        Assert.Equal(("open", 1, (DateTimeOffset?)null), (half.Status, half.Filled, half.FilledReportedAt));

        await (await staffClient.PostAsJsonAsync("/api/v1/placements", Placement(second, vacancy.Id))).ReadAsync<PlacementDto>(HttpStatusCode.Created);
        var full = await (await staffClient.GetAsync($"/api/v1/vacancies/{vacancy.Id}")).ReadAsync<VacancyDto>();
        Assert.Equal(("filled", 2), (full.Status, full.Filled));
        Assert.NotNull(full.FilledReportedAt);

        var updated = await (await staffClient.PutAsJsonAsync($"/api/v1/placements/{placed.Id}",
            new { startDate = Today.AddDays(14), wage = 4_800_000L })).ReadAsync<PlacementDto>();
        Assert.Equal((Today.AddDays(14), 4_800_000L, "suggestion"), (updated.StartDate, updated.Wage, updated.Source));
        var read = await (await staffClient.GetAsync($"/api/v1/placements/{placed.Id}")).ReadAsync<PlacementDto>();
        Assert.Equal(updated, read);

        var list = await (await staffClient.GetAsync($"/api/v1/placements?vacancyId={vacancy.Id}&sort=createdAt"))
            .ReadAsync<PageDto<PlacementDto>>();
        Assert.Equal(new[] { first, second }, list.Items.Select(p => p.SeekerId));
        Assert.All(list.Items, p => Assert.NotNull(p.SeekerName));
        var bySource = await (await staffClient.GetAsync($"/api/v1/placements?employerId={partner.Employer.Id}&source=suggestion"
            + $"&startFrom={Today.AddDays(10):yyyy-MM-dd}")).ReadAsync<PageDto<PlacementDto>>();
        Assert.Equal(placed.Id, Assert.Single(bySource.Items).Id);

        // The record of processing names the seeker for the change and for each read that showed their name.
        Assert.Equal(new[] { "placement.create", "placement.update" }.Concat(Enumerable.Repeat("seeker.read.placement", 3)),
            await ActionsAsync(app, first));
    }

    [Fact]
    public async Task Placement_conflicts_and_bad_requests_change_nothing()
    {
        var app = await TestApp.SharedAsync();
        var partner = await app.PartnerAsync();
        using var partnerClient = partner.Client;
        var admin = await app.SharedAdminAsync();
        var vacancy = await partnerClient.PostVacancyAsync(JobVacancy(openings: 1));
        var closed = await partnerClient.PostVacancyAsync(JobVacancy());
        await partnerClient.PostAsync(new Uri($"/api/v1/vacancies/{closed.Id}/close", UriKind.Relative), null);
        var placedSeeker = await app.InsertSeekerRowAsync(partner.OfficeId);
        var waiting = await app.InsertSeekerRowAsync(partner.OfficeId);

        await (await admin.PostAsJsonAsync("/api/v1/placements", Placement(placedSeeker, vacancy.Id))).ReadAsync<PlacementDto>(HttpStatusCode.Created);
        await (await admin.PostAsJsonAsync("/api/v1/placements", Placement(placedSeeker, vacancy.Id))).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await admin.PostAsJsonAsync("/api/v1/placements", Placement(waiting, vacancy.Id))).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await admin.PostAsJsonAsync("/api/v1/placements", Placement(waiting, closed.Id))).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await admin.PostAsJsonAsync("/api/v1/placements", Placement(987654321, closed.Id))).AssertProblemAsync(HttpStatusCode.BadRequest, "seekerId");
        await (await admin.PostAsJsonAsync("/api/v1/placements", Placement(waiting, 987654321))).AssertProblemAsync(HttpStatusCode.BadRequest, "vacancyId");
        await (await admin.PostAsJsonAsync("/api/v1/placements", Placement(waiting, vacancy.Id, "rumour"))).AssertProblemAsync(HttpStatusCode.BadRequest, "source");
        await (await admin.PostAsJsonAsync("/api/v1/placements", new
        {
            seekerId = waiting,
            vacancyId = vacancy.Id,
            startDate = Today,
            source = "direct",
            employerId = partner.Employer.Id
        })).AssertProblemAsync(HttpStatusCode.BadRequest, "employerId");
        await (await admin.PostAsJsonAsync("/api/v1/placements", new { seekerId = waiting, vacancyId = vacancy.Id, source = "direct" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "startDate");
        await (await admin.PutAsJsonAsync("/api/v1/placements/987654321", new { startDate = Today })).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await admin.GetAsync("/api/v1/placements/987654321")).AssertProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal(1L, await partnerClient.PlacementCountAsync(vacancy.Id));
        Assert.Equal(0L, await partnerClient.PlacementCountAsync(closed.Id));
        Assert.Equal("active", await app.SeekerStatusAsync(waiting));
        var after = await (await admin.GetAsync($"/api/v1/vacancies/{vacancy.Id}")).ReadAsync<VacancyDto>();
        Assert.Equal(("filled", 1), (after.Status, after.Filled));
    }

    [Fact]
    public async Task Concurrent_placements_never_exceed_the_openings()
    {
        var app = await TestApp.SharedAsync();
        var partner = await app.PartnerAsync();
        using var partnerClient = partner.Client;
        var (staff, _, _) = await app.StaffAsync(partner.OfficeId);
        using var staffClient = staff;
        var vacancy = await partnerClient.PostVacancyAsync(JobVacancy(openings: 3));
        var seekers = new List<long>();
        for (var i = 0; i < 8; i++)
        {
            seekers.Add(await app.InsertSeekerRowAsync(partner.OfficeId));
        }

        var responses = await Task.WhenAll(seekers.Select(s => staffClient.PostAsJsonAsync("/api/v1/placements", Placement(s, vacancy.Id))));
        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(3L, await partnerClient.PlacementCountAsync(vacancy.Id));
        var after = await (await staffClient.GetAsync($"/api/v1/vacancies/{vacancy.Id}")).ReadAsync<VacancyDto>();
        Assert.Equal(("filled", 3), (after.Status, after.Filled));
        Assert.Equal(3L, await app.PlacedCountAsync(seekers));
    }

    [Fact]
    public async Task Employers_read_placements_on_their_vacancies_without_names_and_nobody_else_reaches_them()
    {
        var app = await TestApp.SharedAsync();
        var partner = await app.PartnerAsync();
        var other = await app.PartnerAsync();
        using var partnerClient = partner.Client;
        using var otherClient = other.Client;
        var (staff, _, _) = await app.StaffAsync(partner.OfficeId);
        using var staffClient = staff;
        var (otherStaff, _, _) = await app.StaffAsync(other.OfficeId);
        using var otherStaffClient = otherStaff;
        var vacancy = await partnerClient.PostVacancyAsync(JobVacancy());
        var seeker = await app.InsertSeekerRowAsync(partner.OfficeId);
        var foreignSeeker = await app.InsertSeekerRowAsync(other.OfficeId);
        var placed = await (await staffClient.PostAsJsonAsync("/api/v1/placements", Placement(seeker, vacancy.Id)))
            .ReadAsync<PlacementDto>(HttpStatusCode.Created);

        var seen = await (await partnerClient.GetAsync($"/api/v1/placements/{placed.Id}")).ReadAsync<PlacementDto>();
        Assert.Equal((seeker, (string?)null), (seen.SeekerId, seen.SeekerName));
        var listed = await (await partnerClient.GetAsync("/api/v1/placements")).ReadAsync<PageDto<PlacementDto>>();
        Assert.Null(Assert.Single(listed.Items).SeekerName);
        await (await partnerClient.PostAsJsonAsync("/api/v1/placements", Placement(seeker, vacancy.Id))).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await partnerClient.PutAsJsonAsync($"/api/v1/placements/{placed.Id}", new { startDate = Today })).AssertProblemAsync(HttpStatusCode.Forbidden);

        foreach (var client in new[] { otherClient, otherStaffClient })
        {
            await (await client.GetAsync($"/api/v1/placements/{placed.Id}")).AssertProblemAsync(HttpStatusCode.NotFound);
            Assert.Equal(0, (await (await client.GetAsync($"/api/v1/placements?vacancyId={vacancy.Id}")).ReadAsync<PageDto<PlacementDto>>()).Total);
        }

        await (await otherStaffClient.PutAsJsonAsync($"/api/v1/placements/{placed.Id}", new { startDate = Today })).AssertProblemAsync(HttpStatusCode.NotFound);
        // Staff place only their own office's seekers into their own office's vacancies.
        await (await otherStaffClient.PostAsJsonAsync("/api/v1/placements", Placement(foreignSeeker, vacancy.Id)))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "vacancyId");
        await (await staffClient.PostAsJsonAsync("/api/v1/placements", Placement(foreignSeeker, vacancy.Id)))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "seekerId");

        var centre = (await app.CreateTrainingCentreAsync(partner.OfficeId)).Id;
        var user = await app.CreateUserAsync("instructor", trainingCentreId: centre);
        using var instructor = await app.SignInAsync(user.UserName, PlatformIntents.Password);
        await (await instructor.GetAsync($"/api/v1/placements/{placed.Id}")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await instructor.GetAsync("/api/v1/placements")).AssertProblemAsync(HttpStatusCode.Forbidden);

        Assert.Equal(1L, await partnerClient.PlacementCountAsync(vacancy.Id));
        Assert.Equal("active", await app.SeekerStatusAsync(foreignSeeker));
        var unchanged = await (await staffClient.GetAsync($"/api/v1/placements/{placed.Id}")).ReadAsync<PlacementDto>();
        Assert.Equal(placed, unchanged);
        // Employers' reads show no name, so only the staff reads of the name are in the record of processing.
        Assert.Equal(new[] { "placement.create", "seeker.read.placement" }, await ActionsAsync(app, seeker));
    }

    private static async Task<List<string>> ActionsAsync(TestApp app, long seekerId) =>
        [.. (await app.AuditRowsAsync($"seekerId={seekerId}")).Select(r => r.Action)];
}
