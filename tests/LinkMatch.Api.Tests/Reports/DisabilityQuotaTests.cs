using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LinkMatch.Api.Reports.DisabilityQuota;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;
using static LinkMatch.Api.Tests.Intents.ReportIntents;

namespace LinkMatch.Api.Tests.Reports;

/// <summary>The disability-quota view (UU 8/2016): the arithmetic against hand-computed values, an office's MoU
/// partners through the API with suppression and scoping, and the employer fields it needs.</summary>
public class DisabilityQuotaTests
{
    private static EmployerQuota Assess(string ownership, int? workforce, int placed) =>
        QuotaAssessment.Assess(new QuotaCounts(1, "PT Uji", ownership, workforce, null, placed));

    [Fact]
    public void The_quota_is_one_percent_private_two_percent_public_rounded_up_and_never_narrows_a_suppressed_count()
    {
        // ceil(1 % × 300) = 3 (0.01 × 300 is 3.0000000000000004 in floating point: not 4); ceil(1 % × 301) = 4.
        Assert.Equal((1, 3), (Assess("private", 300, 0).QuotaPercent, Assess("private", 300, 0).RequiredWorkers));
        Assert.Equal(4, Assess("private", 301, 0).RequiredWorkers);
        Assert.Equal(1, Assess("private", 99, 0).RequiredWorkers);
        Assert.Equal(0, Assess("private", 0, 0).RequiredWorkers);
        // 2 % for government bodies, BUMN and BUMD: ceil(2 % × 150) = 3, ceil(2 % × 151) = 4, ceil(2 % × 1) = 1.
        Assert.Equal((2, 3), (Assess("government", 150, 0).QuotaPercent, Assess("government", 150, 0).RequiredWorkers));
        Assert.Equal(4, Assess("bumn", 151, 0).RequiredWorkers);
        Assert.Equal(1, Assess("bumd", 1, 0).RequiredWorkers);

        // Zero is shown; five or more are shown.
        Assert.Equal((0, false, "below"), Shown(Assess("private", 300, 0)));
        Assert.Equal((5, false, "meets"), Shown(Assess("private", 300, 5)));
        Assert.Equal((0, false, "meets"), Shown(Assess("private", 0, 0)));
        // 1–4 are suppressed: the status stays where it says nothing more (a quota of 1, or of 5 and more) ...
        Assert.Equal((null, true, "meets"), Shown(Assess("private", 100, 2)));
        Assert.Equal((null, true, "below"), Shown(Assess("government", 250, 4)));
        // ... and is withheld where it would split 1–4 (a quota of 2 to 4).
        Assert.Equal((null, true, "withheld"), Shown(Assess("private", 300, 3)));
        Assert.Equal((null, true, "withheld"), Shown(Assess("bumn", 100, 1)));
        // Without a workforce there is no quota to compare with.
        var unknown = Assess("private", null, 7);
        Assert.Equal((null, 7, "workforce_unknown"), (unknown.RequiredWorkers, unknown.PlacedWithDisability, unknown.Status));

        static (int?, bool, string) Shown(EmployerQuota q) => (q.PlacedWithDisability, q.Suppressed, q.Status);
    }

    [Fact]
    public async Task An_office_sees_its_partners_quota_from_placements_and_each_employer_only_its_own()
    {
        var app = await TestApp.SharedAsync();
        var (staff, _, officeId) = await app.StaffAsync();
        var (otherStaff, _, _) = await app.StaffAsync();
        using var admin = await app.AdminAsync();
        var hotel = await app.PartnerAsync(officeId);
        var agency = await app.PartnerAsync(officeId);
        var unknown = await app.PartnerAsync(officeId);
        await SetAsync(staff, hotel.Employer, workforce: 300, ownership: "private");
        await SetAsync(staff, agency.Employer, workforce: 150, ownership: "government");
        await SetAsync(staff, unknown.Employer, workforce: null, ownership: "bumd");

        // Six people with a recorded disability start at the hotel; one of them later moves to the agency. Two
        // people without one also start there, and one with a disability starts only as an apprentice.
        var hotelJobs = await staff.PostVacancyForAsync(hotel.Employer.Id, EmployerIntents.JobVacancy(openings: 10));
        var agencyJobs = await staff.PostVacancyForAsync(agency.Employer.Id, EmployerIntents.JobVacancy(openings: 5));
        var apprenticeships = await staff.PostVacancyForAsync(unknown.Employer.Id, EmployerIntents.ApprenticeshipVacancy(openings: 2));
        var disabled = new List<long>();
        for (var i = 0; i < 6; i++)
        {
            var id = (await staff.RegisterAsync(SeekerIntents.NewSeeker() with { Disability = "tunarungu" })).Id;
            await staff.PlaceAsync(id, hotelJobs.Id, Today.AddDays(-20), 4_000_000);
            disabled.Add(id);
        }

        for (var i = 0; i < 2; i++)
        {
            await staff.PlaceAsync((await staff.RegisterAsync(SeekerIntents.NewSeeker())).Id, hotelJobs.Id, Today.AddDays(-20), 4_000_000);
        }

        await staff.PlaceAsync(disabled[0], agencyJobs.Id, Today.AddDays(-2), 4_200_000);
        var apprentice = (await staff.RegisterAsync(SeekerIntents.NewSeeker() with { Disability = "tunadaksa" })).Id;
        await staff.PlaceAsync(apprentice, apprenticeships.Id, Today.AddDays(-2), 2_000_000);

        var report = await (await staff.GetAsync("/api/v1/reports/disability-quota")).ReadAsync<JsonElement>();
        Assert.Equal(officeId, report.GetProperty("officeId").GetInt64());
        var rows = report.GetProperty("employers").EnumerateArray()
            .ToDictionary(e => e.GetProperty("employerId").GetInt64());
        Assert.Equal(3, rows.Count);
        // The hotel: 1 % of 300 = 3 required; five still there (the sixth moved on) — shown, meets.
        Assert.Equal((3, 5, "meets"), Figures(rows[hotel.Employer.Id]));
        // The agency: 2 % of 150 = 3 required; one worker, suppressed, and a status that would tell 1 from 3–4 withheld.
        Assert.Equal((3, null, "withheld"), Figures(rows[agency.Employer.Id]));
        Assert.True(rows[agency.Employer.Id].GetProperty("suppressed").GetBoolean());
        // The third: no workforce stated; an apprentice is not an employee.
        Assert.Equal((null, 0, "workforce_unknown"), Figures(rows[unknown.Employer.Id]));
        Assert.Equal(2, rows[unknown.Employer.Id].GetProperty("quotaPercent").GetInt32());
        var summary = report.GetProperty("summary");
        Assert.Equal((3, 1, 0, 1, 1), (summary.GetProperty("employers").GetInt32(), summary.GetProperty("meets").GetInt32(),
            summary.GetProperty("below").GetInt32(), summary.GetProperty("workforceUnknown").GetInt32(),
            summary.GetProperty("withheld").GetInt32()));
        // Before anyone started, the hotel was below its quota with none placed.
        var before = await (await staff.GetAsync($"/api/v1/employers/{hotel.Employer.Id}/disability-quota?asOf={Today.AddDays(-21):yyyy-MM-dd}"))
            .ReadAsync<JsonElement>();
        Assert.Equal((3, 0, "below"), Figures(before.GetProperty("quota")));

        var csv = await (await staff.GetAsync("/api/v1/reports/disability-quota?format=csv")).Content.ReadAsStringAsync();
        Assert.StartsWith("office_id,as_of,employer_id,employer_name,ownership,workforce,workforce_as_of,quota_percent,", csv, StringComparison.Ordinal);
        Assert.Contains($",{agency.Employer.Id},", csv, StringComparison.Ordinal);
        Assert.Contains(",government,150,", csv, StringComparison.Ordinal);

        // An employer reads its own view, not another's, and not the office's.
        var own = await (await hotel.Client.GetAsync($"/api/v1/employers/{hotel.Employer.Id}/disability-quota")).ReadAsync<JsonElement>();
        Assert.Equal((3, 5, "meets"), Figures(own.GetProperty("quota")));
        Assert.Equal(HttpStatusCode.NotFound, (await hotel.Client.GetAsync($"/api/v1/employers/{agency.Employer.Id}/disability-quota")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await hotel.Client.GetAsync("/api/v1/reports/disability-quota")).StatusCode);
        // Staff of another office: neither the office's view nor its partners'; admins both.
        Assert.Equal(HttpStatusCode.NotFound, (await otherStaff.GetAsync($"/api/v1/reports/disability-quota?officeId={officeId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherStaff.GetAsync($"/api/v1/employers/{hotel.Employer.Id}/disability-quota")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/v1/reports/disability-quota?officeId={officeId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/v1/employers/{hotel.Employer.Id}/disability-quota")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/employers/987654321/disability-quota")).StatusCode);
        // Instructors are refused both.
        var instructor = await app.InstructorAsync((await app.CreateTrainingCentreAsync(officeId)).Id);
        Assert.Equal(HttpStatusCode.Forbidden, (await instructor.GetAsync("/api/v1/reports/disability-quota")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await instructor.GetAsync($"/api/v1/employers/{hotel.Employer.Id}/disability-quota")).StatusCode);
        // A later day than today is a bad day.
        await (await staff.GetAsync($"/api/v1/reports/disability-quota?asOf={Today.AddDays(1):yyyy-MM-dd}"))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "asOf");
        await (await hotel.Client.GetAsync($"/api/v1/employers/{hotel.Employer.Id}/disability-quota?asOf={Today.AddDays(1):yyyy-MM-dd}"))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "asOf");
    }

    [Fact]
    public async Task The_workforce_is_dated_and_bad_ownership_or_dates_are_refused_naming_the_field_with_nothing_changed()
    {
        var app = await TestApp.SharedAsync();
        var (staff, _, _) = await app.StaffAsync();
        var employer = await app.CreateEmployerAsync();
        var stated = new DateOnly(2026, 1, 15);
        var saved = await SetAsync(staff, employer, workforce: 300, ownership: "bumn", asOf: stated);
        Assert.Equal((300, "2026-01-15", "bumn"), Facts(saved));
        // The same number without a day keeps its day; another number without one is dated today; ownership left
        // out stays as registered.
        saved = await (await staff.PutAsJsonAsync($"/api/v1/employers/{employer.Id}", Body(employer, 300, null, null))).ReadAsync<JsonElement>();
        Assert.Equal((300, "2026-01-15", "bumn"), Facts(saved));
        saved = await (await staff.PutAsJsonAsync($"/api/v1/employers/{employer.Id}", Body(employer, 320, null, null))).ReadAsync<JsonElement>();
        Assert.Equal((320, $"{Today:yyyy-MM-dd}", "bumn"), Facts(saved));

        await (await staff.PutAsJsonAsync($"/api/v1/employers/{employer.Id}", Body(employer, 320, null, "yayasan")))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "ownership");
        await (await staff.PutAsJsonAsync($"/api/v1/employers/{employer.Id}", Body(employer, null, stated, "private")))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "workforceAsOf");
        await (await staff.PutAsJsonAsync($"/api/v1/employers/{employer.Id}", Body(employer, 10, Today.AddDays(1), "private")))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "workforceAsOf");
        await (await staff.PostAsJsonAsync("/api/v1/employers", Body(employer, 10, null, "koperasi")))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "ownership");
        var after = await (await staff.GetAsync($"/api/v1/employers/{employer.Id}")).ReadAsync<JsonElement>();
        Assert.Equal((320, $"{Today:yyyy-MM-dd}", "bumn"), Facts(after));
        // A new registration without ownership is private, its workforce dated today.
        var created = await (await staff.PostAsJsonAsync("/api/v1/employers", Body(employer, 12, null, null))).ReadAsync<JsonElement>(HttpStatusCode.Created);
        Assert.Equal((12, $"{Today:yyyy-MM-dd}", "private"), Facts(created));

        static (int?, string?, string?) Facts(JsonElement e) => (
            e.GetProperty("workforce") is { ValueKind: JsonValueKind.Number } w ? w.GetInt32() : null,
            e.GetProperty("workforceAsOf").GetString(), e.GetProperty("ownership").GetString());
    }

    private static (int?, int?, string?) Figures(JsonElement q) => (
        q.GetProperty("requiredWorkers") is { ValueKind: JsonValueKind.Number } r ? r.GetInt32() : null,
        q.GetProperty("placedWithDisability") is { ValueKind: JsonValueKind.Number } p ? p.GetInt32() : null,
        q.GetProperty("status").GetString());

    private static object Body(EmployerDto e, int? workforce, DateOnly? asOf, string? ownership) => new
    {
        name = e.Name,
        kbliCode = e.KbliCode,
        address = e.Address,
        regionCode = e.RegionCode,
        workforce,
        workforceAsOf = asOf,
        ownership,
    };

    private static async Task<JsonElement> SetAsync(HttpClient staff, EmployerDto employer, int? workforce,
        string ownership, DateOnly? asOf = null) =>
        await (await staff.PutAsJsonAsync($"/api/v1/employers/{employer.Id}", Body(employer, workforce, asOf, ownership)))
            .ReadAsync<JsonElement>();
}
