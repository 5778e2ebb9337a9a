using System.Net;
using System.Net.Http.Json;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;
using LinkMatch.Api.Tests.Platform;
using static LinkMatch.Api.Tests.Intents.EmployerIntents;

namespace LinkMatch.Api.Tests.Employers;

public class MouTests
{
    [Fact]
    public async Task Admin_records_amends_and_terminates_mous_whose_status_follows_the_dates()
    {
        var app = await TestApp.SharedAsync();
        var admin = await app.SharedAdminAsync();
        var office = await app.CreateOfficeAsync();
        var employer = await app.CreateEmployerAsync();

        var active = await app.CreateMouAsync(office.Id, employer.Id, ["placement"]);
        Assert.Equal(("active", employer.Name, office.Id), (active.Status, active.PartyName, active.OfficeId));
        var expired = await app.CreateMouAsync(office.Id, employer.Id, ["training"], Today.AddYears(-3), Today.AddYears(-1));
        Assert.Equal("expired", expired.Status);

        var amended = await (await admin.PutAsJsonAsync($"/api/v1/mous/{active.Id}", new
        {
            number = active.Number,
            scopes = new[] { "training", "placement" },
            signedOn = active.SignedOn,
            validUntil = Today.AddYears(2),
        })).ReadAsync<MouDto>();
        Assert.Equal(new[] { "placement", "training" }, amended.Scopes);
        Assert.Equal(Today.AddYears(2), amended.ValidUntil);

        var noticed = await app.CreateMouAsync(office.Id, employer.Id);
        var scheduled = await (await admin.PostAsJsonAsync($"/api/v1/mous/{noticed.Id}/terminate",
            new { reason = "Mitra menutup cabang Balikpapan", terminatedOn = Today.AddDays(30) })).ReadAsync<MouDto>();
        Assert.Equal(("active", Today.AddDays(30)), (scheduled.Status, scheduled.TerminatedOn));

        var ended = await (await admin.PostAsJsonAsync($"/api/v1/mous/{active.Id}/terminate",
            new { reason = "Perusahaan tidak lagi menerima peserta" })).ReadAsync<MouDto>();
        Assert.Equal("terminated", ended.Status);
        Assert.Equal("Perusahaan tidak lagi menerima peserta", ended.TerminationReason);
        Assert.NotNull(ended.TerminatedOn);

        async Task<List<long>> IdsAsync(string query) =>
            (await (await admin.GetAsync($"/api/v1/mous?employerId={employer.Id}&{query}")).ReadAsync<PageDto<MouDto>>())
            .Items.Select(m => m.Id).ToList();
        Assert.Equal(new[] { noticed.Id }, await IdsAsync("status=active"));
        Assert.Equal(new[] { expired.Id }, await IdsAsync("status=expired"));
        Assert.Equal(new[] { active.Id }, await IdsAsync("status=terminated"));
        var byNumber = new[] { active, expired }.OrderBy(m => m.Number, StringComparer.Ordinal).Select(m => m.Id);
        Assert.Equal(byNumber, await IdsAsync("scope=training&sort=number"));
        Assert.Equal(new[] { expired.Id }, await IdsAsync($"signedTo={Today.AddYears(-2):yyyy-MM-dd}"));
        Assert.Equal(new[] { noticed.Id, active.Id }, await IdsAsync($"officeId={office.Id}&signedFrom={Today.AddDays(-31):yyyy-MM-dd}&sort=-createdAt"));
        await (await admin.GetAsync("/api/v1/mous?status=pending")).AssertProblemAsync(HttpStatusCode.BadRequest, "status");

        long audited = 0;
        foreach (var mou in new[] { active, expired, noticed })
        {
            audited += (await app.AuditRowsOfAsync("mou", mou.Id)).Count;
        }

        Assert.Equal(6L, audited);
    }

    [Fact]
    public async Task Mou_conflicts_and_bad_requests_change_nothing()
    {
        var app = await TestApp.SharedAsync();
        var admin = await app.SharedAdminAsync();
        var office = await app.CreateOfficeAsync();
        var employer = await app.CreateEmployerAsync();
        var mou = await app.CreateMouAsync(office.Id, employer.Id);
        var centre = (await app.CreateTrainingCentreAsync(office.Id)).Id;
        var valid = new Dictionary<string, object?>
        {
            ["number"] = Unique.Code("MOU"),
            ["officeId"] = office.Id,
            ["employerId"] = employer.Id,
            ["scopes"] = new[] { "placement" },
            ["signedOn"] = Today,
            ["validUntil"] = Today.AddYears(1),
        };
        Dictionary<string, object?> With(string field, object? value) => new(valid) { [field] = value };

        await (await admin.PostAsJsonAsync("/api/v1/mous", With("number", mou.Number))).AssertProblemAsync(HttpStatusCode.Conflict);
        foreach (var (body, field) in new[]
        {
            (With("trainingCentreId", centre), "employerId"),
            (With("employerId", null), "employerId"),
            (With("validUntil", Today.AddDays(-1)), "validUntil"),
            (With("officeId", 987654321L), "officeId"),
            (With("employerId", 987654321L), "employerId"),
            (With("scopes", new[] { "lunch" }), "scopes"),
            (With("scopes", new[] { "placement", "placement" }), "scopes"),
            (With("scopes", Array.Empty<string>()), "scopes"),
            (With("status", "active"), "status"),
        })
        {
            await (await admin.PostAsJsonAsync("/api/v1/mous", body)).AssertProblemAsync(HttpStatusCode.BadRequest, field);
        }

        Assert.Equal(1L, await app.MouCountAsync(employer.Id));

        var amend = new { number = mou.Number, scopes = new[] { "placement" }, signedOn = mou.SignedOn, validUntil = mou.ValidUntil };
        await (await admin.PutAsJsonAsync("/api/v1/mous/987654321", amend)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await admin.PutAsJsonAsync($"/api/v1/mous/{mou.Id}", amend with { validUntil = mou.SignedOn.AddDays(-1) }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "validUntil");
        var other = await app.CreateMouAsync(office.Id, employer.Id);
        await (await admin.PutAsJsonAsync($"/api/v1/mous/{mou.Id}", amend with { number = other.Number }))
            .AssertProblemAsync(HttpStatusCode.Conflict);
        await (await admin.PostAsJsonAsync("/api/v1/mous/987654321/terminate", new { reason = "Tidak ada" }))
            .AssertProblemAsync(HttpStatusCode.NotFound);
        await (await admin.PostAsJsonAsync($"/api/v1/mous/{mou.Id}/terminate",
            new { reason = "Terlalu awal", terminatedOn = mou.SignedOn.AddDays(-1) })).AssertProblemAsync(HttpStatusCode.BadRequest, "terminatedOn");
        var unchanged = await (await admin.GetAsync($"/api/v1/mous/{mou.Id}")).ReadAsync<MouDto>();
        Assert.Equal((mou.Number, mou.ValidUntil, "active", (DateOnly?)null),
            (unchanged.Number, unchanged.ValidUntil, unchanged.Status, unchanged.TerminatedOn));

        await (await admin.PostAsJsonAsync($"/api/v1/mous/{mou.Id}/terminate", new { reason = "Kontrak berakhir" }))
            .ReadAsync<MouDto>();
        await (await admin.PostAsJsonAsync($"/api/v1/mous/{mou.Id}/terminate", new { reason = "Lagi" }))
            .AssertProblemAsync(HttpStatusCode.Conflict);
        await (await admin.PutAsJsonAsync($"/api/v1/mous/{mou.Id}", amend)).AssertProblemAsync(HttpStatusCode.Conflict);
        var terminated = await (await admin.GetAsync($"/api/v1/mous/{mou.Id}")).ReadAsync<MouDto>();
        Assert.Equal("Kontrak berakhir", terminated.TerminationReason);
    }

    [Fact]
    public async Task Mous_are_read_by_their_parties_and_managed_by_admins_only()
    {
        var app = await TestApp.SharedAsync();
        var e = await app.PartnerAsync();
        var f = await app.PartnerAsync();
        using var clientE = e.Client;
        using var clientF = f.Client;
        var (staff, _, _) = await app.StaffAsync(e.OfficeId);
        using var staffE = staff;
        var centre = (await app.CreateTrainingCentreAsync(e.OfficeId)).Id;
        var admin = await app.SharedAdminAsync();
        var centreMou = await (await admin.PostAsJsonAsync("/api/v1/mous", new
        {
            number = Unique.Code("MOU-BLK"),
            officeId = e.OfficeId,
            trainingCentreId = centre,
            scopes = new[] { "training" },
            signedOn = Today,
            validUntil = Today.AddYears(1),
        })).ReadAsync<MouDto>(HttpStatusCode.Created);

        Assert.Equal(HttpStatusCode.OK, (await staffE.GetAsync($"/api/v1/mous/{e.Mou.Id}")).StatusCode);
        await (await staffE.GetAsync($"/api/v1/mous/{f.Mou.Id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        var staffList = await (await staffE.GetAsync("/api/v1/mous?pageSize=200")).ReadAsync<PageDto<MouDto>>();
        Assert.Equal(new[] { e.Mou.Id, centreMou.Id }, staffList.Items.Select(m => m.Id).Order());
        var forF = await (await staffE.GetAsync($"/api/v1/mous?officeId={f.OfficeId}")).ReadAsync<PageDto<MouDto>>();
        Assert.Equal(0, forF.Total);

        Assert.Equal(HttpStatusCode.OK, (await clientE.GetAsync($"/api/v1/mous/{e.Mou.Id}")).StatusCode);
        await (await clientE.GetAsync($"/api/v1/mous/{f.Mou.Id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await clientE.GetAsync($"/api/v1/mous/{centreMou.Id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        var employerList = await (await clientE.GetAsync("/api/v1/mous")).ReadAsync<PageDto<MouDto>>();
        Assert.Equal(e.Mou.Id, Assert.Single(employerList.Items).Id);

        var user = await app.CreateUserAsync("instructor", trainingCentreId: centre);
        using var instructor = await app.SignInAsync(user.UserName, PlatformIntents.Password);
        Assert.Equal(HttpStatusCode.OK, (await instructor.GetAsync($"/api/v1/mous/{centreMou.Id}")).StatusCode);
        await (await instructor.GetAsync($"/api/v1/mous/{e.Mou.Id}")).AssertProblemAsync(HttpStatusCode.NotFound);

        var body = new
        {
            number = Unique.Code("MOU"),
            officeId = e.OfficeId,
            employerId = e.Employer.Id,
            scopes = new[] { "placement" },
            signedOn = Today,
            validUntil = Today.AddYears(1)
        };
        foreach (var client in new[] { staffE, clientE, instructor })
        {
            await (await client.PostAsJsonAsync("/api/v1/mous", body)).AssertProblemAsync(HttpStatusCode.Forbidden);
            await (await client.PostAsJsonAsync($"/api/v1/mous/{e.Mou.Id}/terminate", new { reason = "Saya mau" }))
                .AssertProblemAsync(HttpStatusCode.Forbidden);
            await (await client.PutAsJsonAsync($"/api/v1/mous/{e.Mou.Id}", new
            {
                number = "X-1",
                scopes = new[] { "placement" },
                signedOn = Today,
                validUntil = Today
            })).AssertProblemAsync(HttpStatusCode.Forbidden);
        }

        var still = await (await admin.GetAsync($"/api/v1/mous/{e.Mou.Id}")).ReadAsync<MouDto>();
        Assert.Equal((e.Mou.Number, "active"), (still.Number, still.Status));
    }
}
