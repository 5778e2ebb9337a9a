using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;

namespace LinkMatch.Api.Tests.Seekers;

/// <summary>The canary seeker (see <see cref="Canary"/>) goes through every seekers endpoint a test may use on it;
/// every response is checked by <see cref="CanaryGuard"/>, and afterwards no table, the service log nor the
/// PostgreSQL log may hold its NIK, phone or e-mail in plain text.</summary>
public class SeekerCanaryTests
{
    private static readonly string[] Secrets = [Canary.Nik, Canary.Phone, Canary.Email, "81255501234"];

    private static readonly Person CanaryPerson = new(Canary.Nik, new DateOnly(1999, 3, 12), "female")
    {
        Phone = Canary.Phone,
        Email = Canary.Email,
    };

    [Fact]
    public async Task The_canary_leaks_through_no_endpoint_table_or_log()
    {
        var app = await TestApp.SharedAsync();
        var id = app.CanarySeekerId;
        Assert.True(id > 0);
        await ExerciseEveryEndpointAsync(app, id);

        Assert.Empty(await DatabaseScan.FindTextAsync(app, Secrets));
        Assert.False(await DatabaseScan.LogContainsAsync(app.Service.LogPath, 0, Secrets), "the service log holds the canary");
        if (TestEnvironment.DatabaseLogPath is { } log && File.Exists(log))
        {
            Assert.False(await DatabaseScan.LogContainsAsync(log, app.DatabaseLogStart, Secrets),
                "the PostgreSQL log holds the canary");
        }
    }

    private static async Task ExerciseEveryEndpointAsync(TestApp app, long id)
    {
        using var admin = await app.AdminAsync();
        var masked = await admin.GetSeekerAsync(id);
        Assert.Equal(("masked", "647101**********", "***********234", "c***@example.id"), (masked.View, masked.Nik, masked.Phone, masked.Email));
        Assert.True(masked.ConsentToMatching);
        Assert.Single(masked.Competencies);
        var listed = await admin.GetFromJsonAsync<SeekerIntents.PageOf<SeekerSummaryDto>>($"/api/v1/seekers?officeId={app.CanaryOfficeId}");
        Assert.Equal([id], listed!.Items.Select(s => s.Id));
        foreach (var query in new[] { $"nik={Canary.Nik}", $"phone={Uri.EscapeDataString(Canary.Phone)}", $"email={Canary.Email}" })
        {
            var found = await admin.GetFromJsonAsync<SeekerIntents.PageOf<SeekerSummaryDto>>($"/api/v1/seekers?{query}");
            Assert.Equal([id], found!.Items.Select(s => s.Id));
        }

        var (staff, _, officeId) = await app.StaffAsync();
        using var _ = staff;
        await (await staff.GetAsync($"/api/v1/seekers/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        var none = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/seekers?nik={Canary.Nik}");
        Assert.Equal(0, none.GetProperty("total").GetInt64());
        var canaryBody = SeekerIntents.NewSeeker(CanaryPerson, "Canary Seeker") with
        {
            PreferredOccupations = ["7212"],
            PreferredRegions = [],
            ExpectedWage = null,
            WillingToRelocate = false,
            RegisteredOn = masked.RegisteredOn,
        };
        await (await staff.PostAsJsonAsync("/api/v1/seekers", canaryBody)).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await staff.PutAsJsonAsync($"/api/v1/seekers/{id}", canaryBody)).AssertProblemAsync(HttpStatusCode.NotFound);

        // Admins may change the canary; every answer is masked.
        var updated = await (await admin.PutAsJsonAsync($"/api/v1/seekers/{id}", canaryBody)).ReadAsync<SeekerDto>();
        Assert.Equal("masked", updated.View);
        var competencyId = masked.Competencies[0].CompetencyId;
        (await admin.PutAsJsonAsync($"/api/v1/seekers/{id}/competencies",
            new { items = new[] { new { competencyId, level = 3, evidence = "certified", years = 2.0, source = "LSP Las" } } }))
            .EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync($"/api/v1/seekers/{id}/consent/withdraw", new { channel = "paper_form" })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync($"/api/v1/seekers/{id}/consent", new { channel = "paper_form", evidence = "Formulir AK/1 canary" }))
            .EnsureSuccessStatusCode();

        var (centre, cohort) = await app.TrainingCentreAsync(app.CanaryOfficeId);
        await app.EnrolAsync(cohort, id);
        using var instructor = await app.InstructorAsync(centre);
        Assert.Equal("restricted", (await instructor.GetSeekerAsync(id)).View);
        Assert.Equal(1, (await instructor.GetFromJsonAsync<JsonElement>("/api/v1/seekers")).GetProperty("total").GetInt64());
        await (await instructor.GetAsync($"/api/v1/seekers/{id}/export")).AssertProblemAsync(HttpStatusCode.Forbidden);

        var (employer, _) = await app.EmployerAsync();
        using var __ = employer;
        await (await employer.GetAsync($"/api/v1/seekers/{id}")).AssertProblemAsync(HttpStatusCode.Forbidden);

        var other = await staff.RegisterAsync(SeekerIntents.NewSeeker());
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/v1/seekers/{other.Id}/export")).StatusCode);

        var someone = Person.New();
        var another = Person.New();
        // Rows holding the canary's NIK (already registered, disagreeing with the birth date, in the wrong column).
        var csv = string.Join("\n",
            "nik,fullName,birthDate,sex,educationLevel,regionCode,phone,email,competencies",
            $"{Canary.Nik},Canary Again,1999-03-12,female,smk,64.71,{Canary.Phone},{Canary.Email},",
            $"{Canary.Nik},Canary Wrong Date,1999-03-13,female,smk,64.71,,,",
            $"{someone.Nik},Nik In Phone,{someone.BirthDate:yyyy-MM-dd},{someone.Sex},smk,64.71,{Canary.Nik},,",
            $"{another.Nik},Nik As Unit,{another.BirthDate:yyyy-MM-dd},{another.Sex},smk,64.71,,,{Canary.Nik}:3:certified");
        await (await SeekerImportTests.Import(staff, csv)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        var partial = await (await SeekerImportTests.Import(staff, csv, "?mode=partial")).ReadAsync<JsonElement>();
        Assert.Equal((0, 4), (partial.GetProperty("imported").GetInt32(), partial.GetProperty("rejected").GetInt32()));
        Assert.True(officeId > 0);
    }
}
