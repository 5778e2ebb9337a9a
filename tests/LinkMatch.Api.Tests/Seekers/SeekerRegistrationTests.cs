using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;

namespace LinkMatch.Api.Tests.Seekers;

public class SeekerRegistrationTests
{
    [Fact]
    public async Task Staff_register_a_seeker_the_answer_is_masked_and_their_office_reads_it_whole()
    {
        var app = await TestApp.SharedAsync();
        var (staff, _, officeId) = await app.StaffAsync();
        using var _ = staff;
        var person = Person.New("female");
        var body = SeekerIntents.NewSeeker(person) with
        {
            Phone = "0" + person.Phone[3..],
            Email = person.Email.ToUpperInvariant(),
            LastReportedOn = new DateOnly(2025, 3, 1),
        };
        var response = await staff.PostAsJsonAsync("/api/v1/seekers", body);
        var created = await response.ReadAsync<SeekerDto>(HttpStatusCode.Created);
        Assert.Equal($"/api/v1/seekers/{created.Id}", response.Headers.Location?.ToString());
        Assert.Equal("masked", created.View);
        Assert.Equal(person.Nik[..6] + "**********", created.Nik);
        Assert.Equal(new string('*', person.Phone.Length - 3) + person.Phone[^3..], created.Phone);
        Assert.Equal($"{person.Email[0]}***@example.id", created.Email);
        Assert.Null(created.BirthDate);
        Assert.Equal(officeId, created.OfficeId);
        Assert.StartsWith("DISNAKER-", created.Ak1Number, StringComparison.Ordinal);
        Assert.EndsWith($"/2025/{created.Id:D7}", created.Ak1Number, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2027, 1, 15), created.Ak1ValidUntil);
        Assert.Equal(new DateOnly(2025, 9, 1), created.NextReportDue);
        Assert.False(created.ConsentToMatching);
        Assert.Equal(["64.71", "64.72"], created.PreferredRegions);
        var raw = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(person.Nik, raw, StringComparison.Ordinal);
        Assert.DoesNotContain(person.Phone[3..], raw, StringComparison.Ordinal);

        var read = await staff.GetSeekerAsync(created.Id);
        Assert.Equal("full", read.View);
        Assert.Equal(person.Nik, read.Nik);
        Assert.Equal(person.Phone, read.Phone);
        Assert.Equal(person.Email, read.Email);
        Assert.Equal(person.BirthDate, read.BirthDate);
        Assert.Equal("active", read.Status);
        Assert.Equal(1, await app.AuditCountAsync(created.Id, "seeker.create"));
    }

    [Fact]
    public async Task Bad_NIKs_are_refused_naming_nik_without_echoing_the_number()
    {
        var app = await TestApp.SharedAsync();
        var (staff, _, _) = await app.StaffAsync();
        using var _ = staff;
        var woman = Person.New("female");
        var good = SeekerIntents.NewSeeker(woman);
        var cases = new Dictionary<string, SeekerBody>
        {
            ["too short"] = good with { Nik = woman.Nik[..15] },
            ["letters"] = good with { Nik = woman.Nik[..15] + "X" },
            ["unknown province"] = good with { Nik = "99" + woman.Nik[2..] },
            ["regency 00"] = good with { Nik = "6400" + woman.Nik[4..] },
            ["month 13"] = good with { Nik = woman.Nik[..8] + "13" + woman.Nik[10..] },
            ["day 72"] = good with { Nik = woman.Nik[..6] + "72" + woman.Nik[8..] },
            ["serial 0000"] = good with { Nik = woman.Nik[..12] + "0000" },
            ["+40 disagrees with sex"] = good with { Sex = "male" },
            ["birth date disagrees"] = good with { BirthDate = woman.BirthDate.AddDays(1) },
        };
        foreach (var (name, body) in cases)
        {
            var response = await staff.PostAsJsonAsync("/api/v1/seekers", body);
            var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "nik");
            Assert.False(problem.ToString().Contains(body.Nik, StringComparison.Ordinal), $"{name}: the NIK was echoed");
        }

        using var admin = await app.AdminAsync();
        var found = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/seekers?nik={woman.Nik}");
        Assert.Equal(0, found.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Bad_contact_details_dates_and_codes_name_the_field_and_store_nothing()
    {
        var app = await TestApp.SharedAsync();
        var (staff, _, officeId) = await app.StaffAsync();
        using var _ = staff;
        var good = SeekerIntents.NewSeeker();
        var cases = new (string Field, object Body)[]
        {
            ("phone", good with { Phone = "12345" }),
            ("email", good with { Email = "not-an-address" }),
            ("birthDate", good with { BirthDate = new DateOnly(2020, 5, 5), Nik = good.Nik[..6] + (good.Sex == "female" ? "45" : "05") + "0520" + good.Nik[12..] }),
            ("registeredOn", good with { RegisteredOn = OfficeCalendar.Today.AddDays(3) }),
            ("lastReportedOn", good with { LastReportedOn = new DateOnly(2024, 12, 31) }),
            ("regionCode", good with { RegionCode = "99.99" }),
            ("preferredOccupations", good with { PreferredOccupations = ["9999"] }),
            ("preferredRegions", good with { PreferredRegions = ["99.98"] }),
            ("educationLevel", good with { EducationLevel = "phd" }),
            ("sex", good with { Sex = "x" }),
            ("status", good with { Status = "placed" }),
            ("expectedWage", good with { ExpectedWage = -1 }),
            ("hobby", new { good.Nik, good.FullName, good.BirthDate, good.Sex, good.EducationLevel, good.RegionCode, hobby = "x" }),
            ("fullName", new { good.Nik, good.BirthDate, good.Sex, good.EducationLevel, good.RegionCode }),
        };
        foreach (var (field, body) in cases)
        {
            var response = await staff.PostAsJsonAsync("/api/v1/seekers", body);
            await response.AssertProblemAsync(HttpStatusCode.BadRequest, field);
        }

        var list = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/seekers?officeId={officeId}");
        Assert.Equal(0, list.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Admins_name_the_office_and_staff_cannot_register_into_another()
    {
        var app = await TestApp.SharedAsync();
        var (staff, _, officeId) = await app.StaffAsync();
        using var _ = staff;
        var other = await app.CreateOfficeAsync();
        using var admin = await app.AdminAsync();

        await (await admin.PostAsJsonAsync("/api/v1/seekers", SeekerIntents.NewSeeker()))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "officeId");
        await (await admin.PostAsJsonAsync("/api/v1/seekers", SeekerIntents.NewSeeker() with { OfficeId = 987654321 }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "officeId");
        await (await staff.PostAsJsonAsync("/api/v1/seekers", SeekerIntents.NewSeeker() with { OfficeId = other.Id }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "officeId");

        var byAdmin = await admin.RegisterAsync(SeekerIntents.NewSeeker() with { OfficeId = other.Id });
        Assert.Equal(other.Id, byAdmin.OfficeId);
        Assert.Equal("masked", byAdmin.View);
        var own = await staff.RegisterAsync(SeekerIntents.NewSeeker() with { OfficeId = officeId });
        Assert.Equal(officeId, own.OfficeId);
    }

    [Fact]
    public async Task A_NIK_or_AK1_number_registered_twice_is_a_conflict_that_does_not_echo_it()
    {
        var app = await TestApp.SharedAsync();
        var (staff, _, _) = await app.StaffAsync();
        var (otherStaff, _, _) = await app.StaffAsync();
        using var _ = staff;
        using var __ = otherStaff;
        var body = SeekerIntents.NewSeeker() with { Ak1Number = Unique.Code("AK1") };
        var first = await staff.RegisterAsync(body);

        var again = await otherStaff.PostAsJsonAsync("/api/v1/seekers", body with { Ak1Number = null, FullName = "Someone Else" });
        var problem = await again.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.DoesNotContain(body.Nik, problem.ToString(), StringComparison.Ordinal);

        var sameCard = await staff.PostAsJsonAsync("/api/v1/seekers", SeekerIntents.NewSeeker() with { Ak1Number = body.Ak1Number });
        await sameCard.AssertProblemAsync(HttpStatusCode.Conflict);

        var unchanged = await staff.GetSeekerAsync(first.Id);
        Assert.Equal(body.FullName, unchanged.FullName);
    }

    [Fact]
    public async Task Two_identical_registrations_at_once_make_one_seeker()
    {
        var app = await TestApp.SharedAsync();
        var (staff, _, _) = await app.StaffAsync();
        using var _ = staff;
        var body = SeekerIntents.NewSeeker();
        var responses = await Task.WhenAll(Enumerable.Range(0, 2)
            .Select(_ => staff.PostAsJsonAsync("/api/v1/seekers", body)));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        await responses.Single(r => r.StatusCode != HttpStatusCode.Created).AssertProblemAsync(HttpStatusCode.Conflict);

        using var admin = await app.AdminAsync();
        var found = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/seekers?nik={body.Nik}");
        Assert.Equal(1, found.GetProperty("total").GetInt64());
    }
}
