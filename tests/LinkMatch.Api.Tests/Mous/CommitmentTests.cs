using System.Net;
using System.Net.Http.Json;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;
using LinkMatch.Api.Tests.Platform;
using static LinkMatch.Api.Tests.Intents.MouIntents;

namespace LinkMatch.Api.Tests.Mous;

public class CommitmentTests
{
    [Fact]
    public async Task A_university_or_government_partner_is_named_on_the_mou_and_never_posts_vacancies()
    {
        var app = await TestApp.SharedAsync();
        var admin = await app.SharedAdminAsync();
        var (staff, _, office) = await app.StaffAsync();
        var university = await app.CreatePartnerMouAsync(office);
        var ministry = await app.CreatePartnerMouAsync(office, "government");
        Assert.Equal(("university", null, null), (university.PartnerKind, university.EmployerId, university.TrainingCentreId));
        Assert.StartsWith("Universitas", university.PartyName, StringComparison.Ordinal);
        Assert.Equal("government", ministry.PartnerKind);
        var listed = await (await staff.GetAsync("/api/v1/mous?partnerKind=university")).ReadAsync<PageDto<MouDto>>();
        Assert.Equal([university.Id], listed.Items.Select(m => m.Id));
        var employerMou = await app.CreateMouAsync(office, (await app.CreateEmployerAsync()).Id);
        Assert.Equal("employer", employerMou.PartnerKind);

        var employer = await app.CreateEmployerAsync();
        var body = new Dictionary<string, object?>
        {
            ["number"] = Unique.Code("MOU"),
            ["officeId"] = office,
            ["scopes"] = new[] { "training" },
            ["signedOn"] = Today,
            ["validUntil"] = Today.AddYears(1),
        };
        Dictionary<string, object?> With(params (string Key, object? Value)[] changes)
        {
            var copy = new Dictionary<string, object?>(body);
            foreach (var (key, value) in changes)
            {
                copy[key] = value;
            }

            return copy;
        }

        foreach (var (request, field) in new[]
        {
            (With(("partnerKind", "university"), ("partnerName", "Politeknik Negeri Balikpapan"), ("employerId", employer.Id)), "employerId"),
            (With(("partnerName", "Politeknik Negeri Balikpapan")), "partnerKind"),
            (With(("partnerKind", "government")), "partnerName"),
            (With(("partnerKind", "school"), ("partnerName", "SMK Negeri 1")), "partnerKind"),
            (With(), "employerId"),
        })
        {
            await (await admin.PostAsJsonAsync("/api/v1/mous", request)).AssertProblemAsync(HttpStatusCode.BadRequest, field);
        }

        // The employer has no MoU of its own: an MoU with a university covers none of its vacancies.
        var vacancy = EmployerIntents.JobVacancy();
        vacancy["employerId"] = employer.Id;
        await (await staff.PostAsJsonAsync("/api/v1/vacancies", vacancy)).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(0L, await app.VacancyCountAsync(employer.Id));
    }

    [Fact]
    public async Task Staff_of_the_office_keep_commitments_and_activities_which_are_audited()
    {
        var app = await TestApp.SharedAsync();
        var (staff, _, office) = await app.StaffAsync();
        var mou = await app.CreatePartnerMouAsync(office);

        var whole = await staff.CommitAsync(mou.Id, "field_study", 12, owedBy: "office");
        Assert.Equal((mou.SignedOn, mou.ValidUntil, "activities"), (whole.StartsOn, whole.EndsOn, whole.Source));
        var instructors = await staff.CommitAsync(mou.Id, "instructors", null, Today.AddDays(-30), Today.AddDays(30));
        var changed = await (await staff.PutAsJsonAsync($"/api/v1/mous/{mou.Id}/commitments/{instructors.Id}", new
        {
            kind = "instructors",
            target = 4,
            owedBy = "partner",
            description = "Pertukaran dosen dan instruktur las",
            startsOn = Today.AddDays(-30),
            endsOn = Today.AddDays(60),
        })).ReadAsync<CommitmentDto>();
        Assert.Equal((4, Today.AddDays(60)), (changed.Target, changed.EndsOn));

        var activity = await staff.RecordActivityAsync(mou.Id, instructors.Id, Today.AddDays(-3), 2);
        Assert.Equal(("BA-2026/017", 2), (activity.Evidence, activity.Quantity));
        var activities = await (await staff.GetAsync($"/api/v1/mous/{mou.Id}/commitments/{instructors.Id}/activities"))
            .ReadAsync<List<ActivityDto>>();
        Assert.Equal([activity.Id], activities.Select(a => a.Id));

        await (await staff.DeleteAsync($"/api/v1/mous/{mou.Id}/commitments/{instructors.Id}"))
            .AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.NoContent, (await staff.DeleteAsync($"/api/v1/mous/{mou.Id}/commitments/{whole.Id}")).StatusCode);
        Assert.Equal([instructors.Id], (await staff.CommitmentsAsync(mou.Id)).Select(c => c.Id));

        Assert.Equal(["mou.commitment.create", "mou.commitment.delete"],
            (await app.AuditRowsOfAsync("mou_commitment", whole.Id)).Select(r => r.Action).Order(StringComparer.Ordinal));
        Assert.Equal(["mou.commitment.create", "mou.commitment.update"],
            (await app.AuditRowsOfAsync("mou_commitment", instructors.Id)).Select(r => r.Action).Order(StringComparer.Ordinal));
        Assert.Single(await app.AuditRowsOfAsync("mou_activity", activity.Id));
        Assert.Contains($"report:mou-scorecard:office:{office}", await app.ReportRecomputeKeysAsync());
    }

    [Fact]
    public async Task Bad_commitments_and_activities_are_refused_by_field_and_change_nothing()
    {
        var app = await TestApp.SharedAsync();
        var (staff, _, office) = await app.StaffAsync();
        var mou = await app.CreatePartnerMouAsync(office, signedOn: Today.AddDays(-100), validUntil: Today.AddDays(100));
        var commitment = await staff.CommitAsync(mou.Id, "facility_use", 5, Today.AddDays(-10), Today.AddDays(10));
        Dictionary<string, object?> Body(params (string Key, object? Value)[] changes)
        {
            var body = new Dictionary<string, object?>
            {
                ["kind"] = "placements",
                ["owedBy"] = "partner",
                ["description"] = "Penempatan lulusan",
                ["target"] = 10,
            };
            foreach (var (key, value) in changes)
            {
                body[key] = value;
            }

            return body;
        }

        foreach (var (body, field) in new[]
        {
            (Body(("target", -1)), "target"),
            (Body(("kind", "lunch")), "kind"),
            (Body(("owedBy", "nobody")), "owedBy"),
            (Body(("description", "")), "description"),
            (Body(("startsOn", Today), ("endsOn", Today.AddDays(-5))), "endsOn"),
            (Body(("startsOn", Today.AddDays(-200))), "startsOn"),
            (Body(("endsOn", Today.AddDays(200))), "endsOn"),
        })
        {
            await (await staff.PostAsJsonAsync($"/api/v1/mous/{mou.Id}/commitments", body))
                .AssertProblemAsync(HttpStatusCode.BadRequest, field);
        }

        foreach (var (day, quantity, field) in new[]
        {
            (Today.AddDays(1), 1, "occurredOn"),
            (Today.AddDays(-20), 1, "occurredOn"),
            (Today, -1, "quantity"),
        })
        {
            await (await staff.PostAsJsonAsync($"/api/v1/mous/{mou.Id}/commitments/{commitment.Id}/activities",
                new { occurredOn = day, quantity, note = "Pemakaian bengkel" })).AssertProblemAsync(HttpStatusCode.BadRequest, field);
        }

        await (await staff.PostAsJsonAsync("/api/v1/mous/987654321/commitments", Body()))
            .AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal([commitment.Id], (await staff.CommitmentsAsync(mou.Id)).Select(c => c.Id));
        Assert.Empty(await (await staff.GetAsync($"/api/v1/mous/{mou.Id}/commitments/{commitment.Id}/activities"))
            .ReadAsync<List<ActivityDto>>());
    }

    [Fact]
    public async Task Commitments_are_read_by_the_mous_readers_and_written_only_by_its_office()
    {
        var app = await TestApp.SharedAsync();
        var partner = await app.PartnerAsync();
        using var employer = partner.Client;
        var (staff, _, _) = await app.StaffAsync(partner.OfficeId);
        var (otherStaff, _, _) = await app.StaffAsync();
        var commitment = await staff.CommitAsync(partner.Mou.Id, "placements", 10);
        Assert.Equal("registry", commitment.Source);

        Assert.Equal([commitment.Id], (await employer.CommitmentsAsync(partner.Mou.Id)).Select(c => c.Id));
        await (await otherStaff.GetAsync($"/api/v1/mous/{partner.Mou.Id}/commitments")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await otherStaff.GetAsync($"/api/v1/mous/{partner.Mou.Id}/commitments/{commitment.Id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await otherStaff.PostAsJsonAsync($"/api/v1/mous/{partner.Mou.Id}/commitments/{commitment.Id}/activities",
            new { occurredOn = Today, quantity = 1, note = "Tidak berhak" })).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await employer.PostAsJsonAsync($"/api/v1/mous/{partner.Mou.Id}/commitments",
            new { kind = "placements", owedBy = "partner", description = "Sendiri", target = 1 })).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Single(await staff.CommitmentsAsync(partner.Mou.Id));
    }
}
