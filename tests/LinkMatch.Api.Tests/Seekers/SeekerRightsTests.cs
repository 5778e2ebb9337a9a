using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LinkMatch.Api.PersonalData;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;

namespace LinkMatch.Api.Tests.Seekers;

/// <summary>The data subject's rights under UU 27/2022: a copy of everything held (export) and erasure.</summary>
public class SeekerRightsTests
{
    private sealed record Held(SeekerDto Seeker, Person Person, long OfficeId, long EnrolmentId, string Certificate);

    [Fact]
    public async Task The_export_holds_every_table_that_refers_to_a_seeker()
    {
        var app = await TestApp.SharedAsync();
        var (staff, _, _) = await app.StaffAsync();
        var (otherStaff, _, _) = await app.StaffAsync();
        using var _ = staff;
        using var __ = otherStaff;
        var held = await SeekerWithEverythingAsync(app, staff);

        var response = await staff.GetAsync($"/api/v1/seekers/{held.Seeker.Id}/export");
        var doc = await response.ReadAsync<JsonElement>();
        var seeker = doc.GetProperty("seeker");
        Assert.Equal(held.Person.Nik, seeker.GetProperty("nik").GetString());
        Assert.Equal(held.Person.Phone, seeker.GetProperty("phone").GetString());
        Assert.Equal(held.Person.Email, seeker.GetProperty("email").GetString());
        Assert.Equal(held.Seeker.Id, doc.GetProperty("seekerId").GetInt64());

        // Every table with a seeker_id column or a foreign key to seekers, whenever it was added.
        var referring = (await app.TablesReferringToSeekersAsync()).Append("seekers").Append("enrolment_assessments").ToHashSet();
        var tables = doc.GetProperty("tables");
        var exported = tables.EnumerateObject().Select(p => p.Name).ToHashSet();
        var missing = referring.Except(exported).ToList();
        Assert.True(missing.Count == 0, $"The export leaves out: {string.Join(", ", missing)}. Add them to SeekerExport.Tables.");

        foreach (var table in new[]
        {
            "seekers", "seeker_preferred_occupations", "seeker_preferred_regions", "seeker_competencies",
            "seeker_consents", "enrolments", "enrolment_assessments", "placements", "audit_log",
        })
        {
            Assert.True(tables.GetProperty(table).GetArrayLength() > 0, $"{table} is empty in the export");
        }

        var row = tables.GetProperty("seekers")[0];
        Assert.False(row.TryGetProperty("nik_cipher", out var cipher), cipher.ToString());
        Assert.False(row.TryGetProperty("nik_hash", out var hash), hash.ToString());
        Assert.Equal(held.Certificate, tables.GetProperty("enrolments")[0].GetProperty("certificate_number").GetString());
        Assert.Contains(tables.GetProperty("audit_log").EnumerateArray(), a => a.GetProperty("action").GetString() == "seeker.export");
        Assert.Equal(1, await app.AuditCountAsync(held.Seeker.Id, "seeker.export"));

        using var admin = await app.AdminAsync();
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/v1/seekers/{held.Seeker.Id}/export")).StatusCode);
        await (await otherStaff.GetAsync($"/api/v1/seekers/{held.Seeker.Id}/export")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(2, await app.AuditCountAsync(held.Seeker.Id, "seeker.export"));
    }

    [Fact]
    public async Task Erasure_leaves_an_anonymous_tombstone_and_no_personal_data_anywhere()
    {
        var app = await TestApp.SharedAsync();
        var (staff, _, _) = await app.StaffAsync();
        var (otherStaff, _, _) = await app.StaffAsync();
        using var _ = staff;
        using var __ = otherStaff;
        var held = await SeekerWithEverythingAsync(app, staff);
        var id = held.Seeker.Id;
        var url = $"/api/v1/seekers/{id}";
        var ciphers = await app.StoredContactsAsync(id);

        await (await otherStaff.PostAsJsonAsync($"{url}/erase", new { reason = "data_subject_request" })).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await staff.PostAsJsonAsync($"{url}/erase", new { reason = "because" })).AssertProblemAsync(HttpStatusCode.BadRequest, "reason");
        Assert.Equal("active", (await staff.GetSeekerAsync(id)).Status);

        var tombstone = await (await staff.PostAsJsonAsync($"{url}/erase", new { reason = "data_subject_request", note = "Surat permohonan 12/2025" }))
            .ReadAsync<JsonElement>();
        Assert.Equal(("erased", held.OfficeId, "64.71", "smk", "2025-01-15"), (tombstone.GetProperty("status").GetString(),
            tombstone.GetProperty("officeId").GetInt64(), tombstone.GetProperty("regionCode").GetString(),
            tombstone.GetProperty("educationLevel").GetString(), tombstone.GetProperty("registeredOn").GetString()));

        // Erased seekers are gone (410) on every endpoint for those who could see them.
        await (await staff.GetAsync(url)).AssertProblemAsync(HttpStatusCode.Gone);
        await (await staff.PutAsJsonAsync(url, SeekerIntents.NewSeeker(held.Person))).AssertProblemAsync(HttpStatusCode.Gone);
        await (await staff.PutAsJsonAsync($"{url}/competencies", new { items = Array.Empty<object>() })).AssertProblemAsync(HttpStatusCode.Gone);
        await (await staff.PostAsJsonAsync($"{url}/consent", new { channel = "online" })).AssertProblemAsync(HttpStatusCode.Gone);
        await (await staff.GetAsync($"{url}/export")).AssertProblemAsync(HttpStatusCode.Gone);
        await (await staff.PostAsJsonAsync($"{url}/erase", new { reason = "other" })).AssertProblemAsync(HttpStatusCode.Gone);
        await (await staff.GetAsync($"{url}/suggestions")).AssertProblemAsync(HttpStatusCode.Gone);
        await (await staff.GetAsync($"{url}/upskilling")).AssertProblemAsync(HttpStatusCode.Gone);
        await (await otherStaff.GetAsync(url)).AssertProblemAsync(HttpStatusCode.NotFound);
        var list = await staff.GetFromJsonAsync<JsonElement>("/api/v1/seekers");
        Assert.Equal(0, list.GetProperty("total").GetInt64());

        var texts = new[]
        {
            held.Person.Nik, held.Seeker.FullName, held.Person.Phone, "0" + held.Person.Phone[3..], held.Person.Email,
            held.Person.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), held.Certificate, held.Seeker.Ak1Number!,
        };
        Assert.Empty(await DatabaseScan.FindTextAsync(app, texts));
        var protector = app.Protector();
        var bytes = protector.BlindIndexCandidates(PersonalField.Nik, held.Person.Nik)
            .Concat(protector.BlindIndexCandidates(PersonalField.Phone, held.Person.Phone))
            .Concat(protector.BlindIndexCandidates(PersonalField.Email, held.Person.Email))
            .Append(ciphers.NikCipher).Append(ciphers.PhoneCipher).Append(ciphers.EmailCipher).ToArray();
        Assert.Empty(await DatabaseScan.FindBytesAsync(app, bytes));

        var row = await app.ErasedSeekerRowAsync(id);
        Assert.Equal(("erased", (string?)null, (DateOnly?)null), (row.Status, row.Sex, row.BirthDate));
        Assert.NotNull(row.ErasedAt);
        var kept = await app.RowsOfErasedSeekerAsync(id, held.EnrolmentId);
        Assert.Equal((1L, 1L, 1L), (kept.Enrolments, kept.Assessments, kept.Placements));
        Assert.Equal((0L, 0L), (kept.Consents, kept.Competencies));
        var audit = (await app.AuditRowsAsync(id, "seeker.erase")).First();
        Assert.Equal("data_subject_request", audit.Detail("reason"));

        // The person may register again: nothing of the old record stands in the way.
        var again = await staff.RegisterAsync(SeekerIntents.NewSeeker(held.Person));
        Assert.NotEqual(id, again.Id);
    }

    [Fact]
    public async Task Instructors_cannot_export_or_erase_and_admins_can_erase()
    {
        var app = await TestApp.SharedAsync();
        var (staff, _, officeId) = await app.StaffAsync();
        using var _ = staff;
        var seeker = await staff.RegisterAsync(SeekerIntents.NewSeeker());
        var (centre, cohort) = await app.TrainingCentreAsync(officeId);
        await app.EnrolAsync(cohort, seeker.Id);
        using var instructor = await app.InstructorAsync(centre);
        await (await instructor.GetAsync($"/api/v1/seekers/{seeker.Id}/export")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await instructor.PostAsJsonAsync($"/api/v1/seekers/{seeker.Id}/erase", new { reason = "other" }))
            .AssertProblemAsync(HttpStatusCode.Forbidden);

        using var admin = await app.AdminAsync();
        var tombstone = await (await admin.PostAsJsonAsync($"/api/v1/seekers/{seeker.Id}/erase", new { reason = "duplicate" }))
            .ReadAsync<JsonElement>();
        Assert.Equal("erased", tombstone.GetProperty("status").GetString());
        // The instructor still reaches the enrolled seeker, now only as a tombstone.
        await (await instructor.GetAsync($"/api/v1/seekers/{seeker.Id}")).AssertProblemAsync(HttpStatusCode.Gone);
    }

    private static async Task<Held> SeekerWithEverythingAsync(TestApp app, HttpClient staff)
    {
        var person = Person.New();
        var seeker = await staff.RegisterAsync(SeekerIntents.NewSeeker(person) with { Disability = "tunarungu ringan" });
        var smaw = await staff.CompetencyIdAsync("C.251000.010.01");
        (await staff.PutAsJsonAsync($"/api/v1/seekers/{seeker.Id}/competencies",
            new { items = new[] { new { competencyId = smaw, level = 3, evidence = "certified" } } })).EnsureSuccessStatusCode();
        (await staff.PostAsJsonAsync($"/api/v1/seekers/{seeker.Id}/consent", new { channel = "in_person", evidence = "F-1" }))
            .EnsureSuccessStatusCode();
        var (_, cohort) = await app.TrainingCentreAsync(seeker.OfficeId);
        var certificate = Unique.Code("CERT");
        var enrolment = await app.EnrolAsync(cohort, seeker.Id, certificate);
        await app.AssessAsync(enrolment, smaw);
        await app.PlaceAsync(seeker.OfficeId, seeker.Id);
        return new Held(seeker, person, seeker.OfficeId, enrolment, certificate);
    }
}
