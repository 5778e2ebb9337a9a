using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;

namespace LinkMatch.Api.Tests.Seekers;

public class SeekerUpdateTests
{
    [Fact]
    public async Task Staff_correct_a_registration_and_the_audit_names_the_changed_fields()
    {
        var app = await TestApp.SharedAsync();
        var (staff, _, _) = await app.StaffAsync();
        using var _ = staff;
        var body = SeekerIntents.NewSeeker();
        var seeker = await staff.RegisterAsync(body);
        var newPhone = Person.New().Phone;
        var corrected = body with
        {
            FullName = "Corrected Name",
            Phone = newPhone,
            Email = null,
            PreferredOccupations = [],
            Status = "placed",
            LastReportedOn = new DateOnly(2025, 6, 1),
        };
        var response = await staff.PutAsJsonAsync($"/api/v1/seekers/{seeker.Id}", corrected);
        var updated = await response.ReadAsync<SeekerDto>();
        Assert.Equal("masked", updated.View);
        Assert.DoesNotContain(newPhone, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(("Corrected Name", "placed", (DateOnly?)null, seeker.Ak1Number), (updated.FullName, updated.Status, updated.NextReportDue, updated.Ak1Number));
        Assert.Null(updated.Email);
        Assert.Empty(updated.PreferredOccupations);

        var read = await staff.GetSeekerAsync(seeker.Id);
        Assert.Equal((newPhone, body.Nik), (read.Phone, read.Nik));

        var details = (await app.AuditRowsAsync(seeker.Id, "seeker.update")).First().DetailsText;
        var fields = JsonDocument.Parse(details).RootElement.GetProperty("fields").EnumerateArray().Select(f => f.GetString()).ToHashSet();
        Assert.Equal(new HashSet<string?> { "fullName", "phone", "email", "preferredOccupations", "status", "lastReportedOn" }, fields);
        Assert.DoesNotContain(newPhone, details, StringComparison.Ordinal);

        // Without status the current one stays.
        var again = await (await staff.PutAsJsonAsync($"/api/v1/seekers/{seeker.Id}", corrected with { Status = null })).ReadAsync<SeekerDto>();
        Assert.Equal("placed", again.Status);
    }

    [Fact]
    public async Task Bad_corrections_conflicts_and_other_offices_change_nothing()
    {
        var app = await TestApp.SharedAsync();
        var (staff, _, officeId) = await app.StaffAsync();
        var (otherStaff, _, otherOffice) = await app.StaffAsync();
        using var _ = staff;
        using var __ = otherStaff;
        var body = SeekerIntents.NewSeeker();
        var seeker = await staff.RegisterAsync(body);
        var otherBody = SeekerIntents.NewSeeker();
        var other = await staff.RegisterAsync(otherBody);
        var url = $"/api/v1/seekers/{seeker.Id}";

        await (await staff.PutAsJsonAsync(url, otherBody with { FullName = body.FullName })).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await staff.PutAsJsonAsync(url, body with { Ak1Number = other.Ak1Number })).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await staff.PutAsJsonAsync(url, body with { OfficeId = otherOffice })).AssertProblemAsync(HttpStatusCode.BadRequest, "officeId");
        await (await staff.PutAsJsonAsync(url, body with { Sex = body.Sex == "male" ? "female" : "male" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "nik");
        await (await staff.PutAsJsonAsync(url, body with { Status = "erased" })).AssertProblemAsync(HttpStatusCode.BadRequest, "status");
        await (await staff.PutAsJsonAsync(url, body with { Email = "x@" })).AssertProblemAsync(HttpStatusCode.BadRequest, "email");
        await (await otherStaff.PutAsJsonAsync(url, body with { FullName = "Hijack" })).AssertProblemAsync(HttpStatusCode.NotFound);

        var unchanged = await staff.GetSeekerAsync(seeker.Id);
        Assert.Equal((body.Nik, body.FullName, body.Email, officeId), (unchanged.Nik, unchanged.FullName, unchanged.Email, unchanged.OfficeId));
        Assert.Equal(0, await app.AuditCountAsync(seeker.Id, "seeker.update"));

        using var admin = await app.AdminAsync();
        var byAdmin = await (await admin.PutAsJsonAsync(url, body with { FullName = "Fixed By Admin" })).ReadAsync<SeekerDto>();
        Assert.Equal(("Fixed By Admin", "masked"), (byAdmin.FullName, byAdmin.View));
    }

    [Fact]
    public async Task Competencies_are_replaced_as_a_set_and_checked()
    {
        var app = await TestApp.SharedAsync();
        var (staff, _, officeId) = await app.StaffAsync();
        using var _ = staff;
        var seeker = await staff.RegisterAsync(SeekerIntents.NewSeeker());
        var smaw = await staff.CompetencyIdAsync("C.251000.010.01");
        var k3 = await staff.CompetencyIdAsync("C.251000.001.01");
        var url = $"/api/v1/seekers/{seeker.Id}/competencies";

        var two = await (await staff.PutAsJsonAsync(url, new
        {
            items = new object[]
            {
                new { competencyId = smaw, level = 3, evidence = "certified", years = 2.5, source = "LSP Logam" },
                new { competencyId = k3, level = 2, evidence = "self_declared" },
            },
        })).ReadAsync<List<SeekerCompetencyDto>>();
        Assert.Equal([("C.251000.001.01", 2, "self_declared", 0m), ("C.251000.010.01", 3, "certified", 2.5m)],
            two.Select(c => (c.Code, c.Level, c.Evidence, c.Years)));

        var one = await (await staff.PutAsJsonAsync(url, new { items = new[] { new { competencyId = k3, level = 4, evidence = "assessed" } } }))
            .ReadAsync<List<SeekerCompetencyDto>>();
        Assert.Equal([(k3, 4)], one.Select(c => (c.CompetencyId, c.Level)));

        await (await staff.PutAsJsonAsync(url, new { items = new[] { new { competencyId = k3, level = 10, evidence = "assessed" } } }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "items[0].level");
        await (await staff.PutAsJsonAsync(url, new { items = new[] { new { competencyId = k3, level = 1, evidence = "rumour" } } }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "items[0].evidence");
        await (await staff.PutAsJsonAsync(url, new { items = new[] { new { competencyId = 987654321L, level = 1, evidence = "trained" } } }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "items");
        await (await staff.PutAsJsonAsync(url, new { items = new[] { new { competencyId = k3, level = 1, evidence = "trained" }, new { competencyId = k3, level = 2, evidence = "trained" } } }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "items");

        var (centre, _) = await app.TrainingCentreAsync(officeId);
        using var instructor = await app.InstructorAsync(centre);
        await (await instructor.PutAsJsonAsync(url, new { items = Array.Empty<object>() })).AssertProblemAsync(HttpStatusCode.Forbidden);

        var read = await staff.GetSeekerAsync(seeker.Id);
        Assert.Equal([(k3, 4)], read.Competencies.Select(c => (c.CompetencyId, c.Level)));
        Assert.Equal(2, await app.AuditCountAsync(seeker.Id, "seeker.competencies.update"));
    }
}
