using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;

namespace LinkMatch.Api.Tests.Seekers;

/// <summary>Who sees what: whole values for staff of the seeker's office, masked for admins, restricted for
/// instructors of a BLK the seeker is enrolled at, nothing for other offices (404) or employers (403).</summary>
public class SeekerAccessTests
{
    [Fact]
    public async Task Each_role_gets_its_own_view_and_other_offices_get_404()
    {
        var app = await TestApp.SharedAsync();
        var (staff, _, officeId) = await app.StaffAsync();
        var (otherStaff, _, _) = await app.StaffAsync();
        using var _ = staff;
        using var __ = otherStaff;
        var person = Person.New();
        var seeker = await staff.RegisterAsync(SeekerIntents.NewSeeker(person));

        var full = await staff.GetSeekerAsync(seeker.Id);
        Assert.Equal(("full", person.Nik, person.Phone, person.Email, person.BirthDate),
            (full.View, full.Nik, full.Phone, full.Email, full.BirthDate));

        using var admin = await app.AdminAsync();
        var masked = await admin.GetSeekerAsync(seeker.Id);
        Assert.Equal(("masked", person.Nik[..6] + "**********", (DateOnly?)null), (masked.View, masked.Nik, masked.BirthDate));
        Assert.Matches(@"^\*+\d{3}$", masked.Phone);
        Assert.EndsWith("***@example.id", masked.Email, StringComparison.Ordinal);

        await (await otherStaff.GetAsync($"/api/v1/seekers/{seeker.Id}")).AssertProblemAsync(HttpStatusCode.NotFound);

        var (centre, cohort) = await app.TrainingCentreAsync(officeId);
        using var instructor = await app.InstructorAsync(centre);
        await (await instructor.GetAsync($"/api/v1/seekers/{seeker.Id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await app.EnrolAsync(cohort, seeker.Id);
        var restricted = await instructor.GetSeekerAsync(seeker.Id);
        Assert.Equal(("restricted", person.Nik[..6] + "**********"), (restricted.View, restricted.Nik));
        Assert.Null(restricted.Phone);
        Assert.Null(restricted.Email);
        Assert.Null(restricted.BirthDate);
        Assert.Empty(restricted.Consents);
        Assert.Matches(@"^\d\d-\d\d$", restricted.AgeBand);

        var (otherCentre, _) = await app.TrainingCentreAsync(officeId);
        using var otherInstructor = await app.InstructorAsync(otherCentre);
        await (await otherInstructor.GetAsync($"/api/v1/seekers/{seeker.Id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        var theirs = await otherInstructor.GetFromJsonAsync<JsonElement>("/api/v1/seekers");
        Assert.Equal(0, theirs.GetProperty("total").GetInt64());
        var mine = await instructor.GetFromJsonAsync<SeekerIntents.PageOf<SeekerSummaryDto>>("/api/v1/seekers");
        Assert.Equal([seeker.Id], mine!.Items.Select(s => s.Id));
        await (await instructor.GetAsync($"/api/v1/seekers?nik={person.Nik}")).AssertProblemAsync(HttpStatusCode.BadRequest, "nik");
    }

    [Fact]
    public async Task Employers_have_no_access_to_seekers()
    {
        var app = await TestApp.SharedAsync();
        var (staff, _, _) = await app.StaffAsync();
        using var _ = staff;
        var seeker = await staff.RegisterAsync(SeekerIntents.NewSeeker());
        var (employer, _) = await app.EmployerAsync();
        using var __ = employer;
        await (await employer.GetAsync("/api/v1/seekers")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await employer.GetAsync($"/api/v1/seekers/{seeker.Id}")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await employer.GetAsync($"/api/v1/seekers/{seeker.Id}/export")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await employer.PostAsJsonAsync("/api/v1/seekers", SeekerIntents.NewSeeker())).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await employer.PostAsJsonAsync($"/api/v1/seekers/{seeker.Id}/erase", new { reason = "other" }))
            .AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("active", (await staff.GetSeekerAsync(seeker.Id)).Status);
    }

    [Fact]
    public async Task Unknown_seekers_answer_404_on_every_endpoint()
    {
        var app = await TestApp.SharedAsync();
        using var admin = await app.AdminAsync();
        const long id = 987654321;
        await (await admin.GetAsync($"/api/v1/seekers/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await admin.PutAsJsonAsync($"/api/v1/seekers/{id}", SeekerIntents.NewSeeker())).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await admin.PutAsJsonAsync($"/api/v1/seekers/{id}/competencies", new { items = Array.Empty<object>() }))
            .AssertProblemAsync(HttpStatusCode.NotFound);
        await (await admin.PostAsJsonAsync($"/api/v1/seekers/{id}/consent", new { channel = "online" })).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await admin.PostAsJsonAsync($"/api/v1/seekers/{id}/consent/withdraw", new { channel = "online" }))
            .AssertProblemAsync(HttpStatusCode.NotFound);
        await (await admin.GetAsync($"/api/v1/seekers/{id}/export")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await admin.PostAsJsonAsync($"/api/v1/seekers/{id}/erase", new { reason = "other" })).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Every_read_writes_one_audit_row_per_seeker_shown()
    {
        var app = await TestApp.SharedAsync();
        var (staff, user, officeId) = await app.StaffAsync();
        using var _ = staff;
        var a = await staff.RegisterAsync(SeekerIntents.NewSeeker());
        var b = await staff.RegisterAsync(SeekerIntents.NewSeeker());
        Assert.Equal(0, await app.AuditCountAsync(a.Id, "seeker.read"));

        await staff.GetSeekerAsync(a.Id);
        Assert.Equal(1, await app.AuditCountAsync(a.Id, "seeker.read"));

        var page = await staff.GetFromJsonAsync<SeekerIntents.PageOf<SeekerSummaryDto>>("/api/v1/seekers?sort=fullName");
        Assert.Equal(2, page!.Total);
        Assert.Equal(2, await app.AuditCountAsync(a.Id, "seeker.read"));
        Assert.Equal(1, await app.AuditCountAsync(b.Id, "seeker.read"));

        var full = await staff.GetSeekerAsync(b.Id);
        await staff.GetFromJsonAsync<JsonElement>($"/api/v1/seekers?nik={full.Nik}");
        Assert.Equal(3, await app.AuditCountAsync(b.Id, "seeker.read"));
        Assert.Equal(2, await app.AuditCountAsync(a.Id, "seeker.read"));

        var rows = await app.AuditRowsAsync(b.Id, "seeker.read");
        Assert.All(rows, r => Assert.Equal((user.UserName, (long?)user.Id), (r.ActorName, r.ActorId)));
        Assert.Equal(["list", "get", "search"], rows.Select(r => r.Detail("via")));
        Assert.Equal("full", rows[1].Detail("view"));
        Assert.DoesNotContain(rows, r => r.DetailsText.Contains(full.Nik, StringComparison.Ordinal));
        Assert.True(officeId > 0);
    }

    [Fact]
    public async Task Lists_are_scoped_filtered_sorted_and_paged()
    {
        var app = await TestApp.SharedAsync();
        var (staff, _, officeId) = await app.StaffAsync();
        var (otherStaff, _, otherOffice) = await app.StaffAsync();
        using var _ = staff;
        using var __ = otherStaff;
        var alpha = await staff.RegisterAsync(SeekerIntents.NewSeeker(fullName: "Alpha " + Unique.Name("x")));
        var beta = await staff.RegisterAsync(SeekerIntents.NewSeeker(fullName: "Beta " + Unique.Name("x")) with { EducationLevel = "s1" });
        var elsewhere = await otherStaff.RegisterAsync(SeekerIntents.NewSeeker());

        var mine = await staff.GetFromJsonAsync<SeekerIntents.PageOf<SeekerSummaryDto>>("/api/v1/seekers?sort=-fullName");
        Assert.Equal([beta.Id, alpha.Id], mine!.Items.Select(s => s.Id));
        Assert.All(mine.Items, s => Assert.EndsWith("**********", s.Nik, StringComparison.Ordinal));

        var filtered = await staff.GetFromJsonAsync<SeekerIntents.PageOf<SeekerSummaryDto>>("/api/v1/seekers?educationLevel=s1");
        Assert.Equal([beta.Id], filtered!.Items.Select(s => s.Id));
        var byName = await staff.GetFromJsonAsync<SeekerIntents.PageOf<SeekerSummaryDto>>("/api/v1/seekers?name=alpha");
        Assert.Equal([alpha.Id], byName!.Items.Select(s => s.Id));
        var paged = await staff.GetFromJsonAsync<SeekerIntents.PageOf<SeekerSummaryDto>>("/api/v1/seekers?pageSize=1&page=2&sort=fullName");
        Assert.Equal([beta.Id], paged!.Items.Select(s => s.Id));
        Assert.Equal(2, paged.Total);

        // Staff asking for another office's seekers just get none of them.
        var sneaky = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/seekers?officeId={otherOffice}");
        Assert.Equal(0, sneaky.GetProperty("total").GetInt64());
        using var admin = await app.AdminAsync();
        var adminView = await admin.GetFromJsonAsync<SeekerIntents.PageOf<SeekerSummaryDto>>($"/api/v1/seekers?officeId={otherOffice}");
        Assert.Equal([elsewhere.Id], adminView!.Items.Select(s => s.Id));

        await (await staff.GetAsync("/api/v1/seekers?pageSize=201")).AssertProblemAsync(HttpStatusCode.BadRequest, "pageSize");
        await (await staff.GetAsync("/api/v1/seekers?sort=nik")).AssertProblemAsync(HttpStatusCode.BadRequest, "sort");
        await (await staff.GetAsync("/api/v1/seekers?status=erased")).AssertProblemAsync(HttpStatusCode.BadRequest, "status");
        Assert.True(officeId > 0);
    }

    [Fact]
    public async Task Staff_find_a_seeker_by_exact_NIK_phone_or_email_within_their_office()
    {
        var app = await TestApp.SharedAsync();
        var (staff, _, _) = await app.StaffAsync();
        var (otherStaff, _, _) = await app.StaffAsync();
        using var _ = staff;
        using var __ = otherStaff;
        var person = Person.New();
        var seeker = await staff.RegisterAsync(SeekerIntents.NewSeeker(person));
        await staff.RegisterAsync(SeekerIntents.NewSeeker());

        foreach (var query in new[]
        {
            $"nik={person.Nik}", $"phone={Uri.EscapeDataString("0" + person.Phone[3..])}",
            $"email={Uri.EscapeDataString(person.Email.ToUpperInvariant())}",
        })
        {
            var found = await staff.GetFromJsonAsync<SeekerIntents.PageOf<SeekerSummaryDto>>($"/api/v1/seekers?{query}");
            Assert.Equal([seeker.Id], found!.Items.Select(s => s.Id));
            var theirs = await otherStaff.GetFromJsonAsync<JsonElement>($"/api/v1/seekers?{query}");
            Assert.Equal(0, theirs.GetProperty("total").GetInt64());
        }

        var none = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/seekers?nik={Person.New().Nik}");
        Assert.Equal(0, none.GetProperty("total").GetInt64());
        await (await staff.GetAsync("/api/v1/seekers?nik=123")).AssertProblemAsync(HttpStatusCode.BadRequest, "nik");
        await (await staff.GetAsync("/api/v1/seekers?phone=abc")).AssertProblemAsync(HttpStatusCode.BadRequest, "phone");
        await (await staff.GetAsync("/api/v1/seekers?email=abc")).AssertProblemAsync(HttpStatusCode.BadRequest, "email");
    }

    [Fact]
    public async Task Staff_find_a_seeker_by_exact_AK1_number_within_their_office_and_the_search_is_audited()
    {
        var app = await TestApp.SharedAsync();
        var (staff, _, _) = await app.StaffAsync();
        var (otherStaff, _, _) = await app.StaffAsync();
        using var _ = staff;
        using var __ = otherStaff;
        var ak1 = Unique.Code("AK1/2025");
        var seeker = await staff.RegisterAsync(SeekerIntents.NewSeeker() with { Ak1Number = ak1 });
        var numbered = await staff.RegisterAsync(SeekerIntents.NewSeeker());
        Assert.NotNull(numbered.Ak1Number);

        var found = await staff.GetFromJsonAsync<SeekerIntents.PageOf<SeekerSummaryDto>>(
            $"/api/v1/seekers?ak1Number={Uri.EscapeDataString(ak1)}");
        Assert.Equal([(seeker.Id, ak1)], found!.Items.Select(s => (s.Id, s.Ak1Number!)));
        var byAssigned = await staff.GetFromJsonAsync<SeekerIntents.PageOf<SeekerSummaryDto>>(
            $"/api/v1/seekers?ak1Number={Uri.EscapeDataString(numbered.Ak1Number!)}");
        Assert.Equal([numbered.Id], byAssigned!.Items.Select(s => s.Id));

        // Exact: a part of the number finds nothing; another office's staff find nothing either.
        var part = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/seekers?ak1Number={Uri.EscapeDataString(ak1[..^1])}");
        Assert.Equal(0, part.GetProperty("total").GetInt64());
        var theirs = await otherStaff.GetFromJsonAsync<JsonElement>($"/api/v1/seekers?ak1Number={Uri.EscapeDataString(ak1)}");
        Assert.Equal(0, theirs.GetProperty("total").GetInt64());
        await (await staff.GetAsync($"/api/v1/seekers?ak1Number={new string('1', 41)}"))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "ak1Number");

        var via = (await app.AuditRowsAsync(seeker.Id, "seeker.read")).Select(r => r.Detail("via"));
        Assert.Equal(["search"], via);
    }
}
