using System.Net;
using System.Net.Http.Json;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;

namespace LinkMatch.Api.Tests.Matching;

/// <summary>Suggestions end to end, through the API of a service of these tests' own: posting a vacancy yields explained,
/// ranked suggestions; access by role and office; consent withdrawal and placement remove a seeker's suggestions.
/// Each test uses units of a trade of its own so that other tests' seekers rarely compete.</summary>
[Collection(IsolatedService.Matching)]
public class SuggestionsApiTests(IsolatedService service)
{
    private static readonly (string, int, string)[] Excavator =
    [
        ("B.051000.001.01", 3, "certified"), ("B.051000.010.01", 3, "certified"), ("B.051000.020.01", 2, "assessed"),
    ];

    [Fact]
    public async Task Posting_a_vacancy_yields_ranked_explained_suggestions_for_staff_of_its_office()
    {
        var app = service.App;
        var province = Unique.Province();
        var (staff, _, officeId) = await app.StaffAsync();
        var partner = await app.PartnerAsync(officeId);
        var strong = await staff.MatchableSeekerAsync(Excavator, "8342", region: province);
        var weak = await staff.MatchableSeekerAsync([("B.051000.001.01", 1, "self_declared")], "8342", region: province);
        var noConsent = await staff.MatchableSeekerAsync(Excavator, "8342", region: province, consent: false);
        var body = InProvince(await app.VacancyBodyAsync("8342", ["B.051000.001.01", "B.051000.010.01"], ["B.051000.020.01"]), province);
        var vacancy = await partner.Client.PostVacancyAsync(body);

        var items = await staff.WaitForSuggestionsAsync(vacancy.Id,
            s => s.Any(x => x.Seeker.Id == strong.Id) && s.Any(x => x.Seeker.Id == weak.Id));
        var serving = await app.ServingVersionAsync();
        Assert.Equal(Enumerable.Range(1, items.Count), items.Select(i => i.Rank));
        Assert.Equal(items.OrderByDescending(i => i.Score).Select(i => i.Id), items.Select(i => i.Id));
        Assert.DoesNotContain(items, i => i.Seeker.Id == noConsent.Id);
        var best = items.Single(i => i.Seeker.Id == strong.Id);
        Assert.True(best.Score > items.Single(i => i.Seeker.Id == weak.Id).Score);
        Assert.All(items, i =>
        {
            Assert.Equal(serving, i.ModelVersion);
            Assert.Equal("job", i.Kind);
            Assert.Equal("proposed", i.Status);
            Assert.False(string.IsNullOrWhiteSpace(i.Explanation.Summary));
            Assert.NotEmpty(i.Explanation.Factors);
            // TreeSHAP: the base value and the contributions add up to the stored score.
            Assert.Equal(i.Score, i.Explanation.BaseValue + i.Explanation.Contributions.Values.Sum(), 6);
        });
        Assert.Contains("mandatory units", best.Explanation.Summary, StringComparison.Ordinal);
        // Staff of the seeker's own office see the whole NIK; nobody sees phone, e-mail or birth date here.
        Assert.Equal(16, best.Seeker.Nik.Length);
        Assert.DoesNotContain('*', best.Seeker.Nik);

        using var admin = await app.AdminAsync();
        var asAdmin = await admin.SuggestionsAsync(vacancy.Id);
        Assert.EndsWith("**********", asAdmin.Single(i => i.Seeker.Id == strong.Id).Seeker.Nik, StringComparison.Ordinal);
        Assert.True(await app.AuditCountAsync(strong.Id, "seeker.read") >= 2);

        var forSeeker = await staff.SeekerSuggestionsAsync(strong.Id);
        var mine = forSeeker.Single(s => s.Vacancy.Id == vacancy.Id);
        Assert.Equal(best.Rank, mine.VacancyRank);
        Assert.Equal(1, forSeeker.Min(s => s.Rank));
        Assert.Equal(partner.Employer.Name, mine.Vacancy.EmployerName);
    }

    [Fact]
    public async Task A_recompute_keeps_the_ids_of_the_pairs_it_proposes_again()
    {
        var app = service.App;
        var province = Unique.Province();
        var (staff, _, officeId) = await app.StaffAsync();
        var partner = await app.PartnerAsync(officeId);
        var strong = await staff.MatchableSeekerAsync(Excavator, "8342", region: province);
        var body = InProvince(await app.VacancyBodyAsync("8342", ["B.051000.001.01", "B.051000.010.01"], ["B.051000.020.01"]), province);
        var vacancy = await partner.Client.PostVacancyAsync(body);
        var before = await staff.WaitForSuggestionsAsync(vacancy.Id, s => s.Any(x => x.Seeker.Id == strong.Id));

        // Any change to the vacancy recomputes its list: the pairs proposed again keep their ids (and so the ids
        // on a staff member's screen stay good), with a new computation time.
        var amend = new Dictionary<string, object?>(body) { ["description"] = "Operator ekskavator, shift malam." };
        amend.Remove("type");
        (await partner.Client.PutAsJsonAsync($"/api/v1/vacancies/{vacancy.Id}", amend)).EnsureSuccessStatusCode();
        var computed = before.Max(x => x.ComputedAt);
        var after = await staff.WaitForSuggestionsAsync(vacancy.Id,
            s => s.Any(x => x.Seeker.Id == strong.Id && x.ComputedAt > computed));
        var again = after.Where(a => before.Any(b => b.Seeker.Id == a.Seeker.Id)).ToList();
        Assert.Contains(again, a => a.Seeker.Id == strong.Id);
        Assert.All(again, a => Assert.Equal(before.Single(b => b.Seeker.Id == a.Seeker.Id).Id, a.Id));
    }

    [Fact]
    public async Task Other_offices_get_404_employers_and_instructors_403()
    {
        var app = service.App;
        var (staff, _, officeId) = await app.StaffAsync();
        var partner = await app.PartnerAsync(officeId);
        var seeker = await staff.MatchableSeekerAsync(Excavator, "8342");
        var vacancy = await partner.Client.PostVacancyAsync(await app.VacancyBodyAsync("8342", ["B.051000.010.01"]));
        var (other, _, _) = await app.StaffAsync();
        await (await other.GetAsync($"/api/v1/vacancies/{vacancy.Id}/suggestions")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await other.GetAsync($"/api/v1/seekers/{seeker.Id}/suggestions")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await partner.Client.GetAsync($"/api/v1/vacancies/{vacancy.Id}/suggestions"))
            .AssertProblemAsync(HttpStatusCode.Forbidden);
        var centre = await app.CreateTrainingCentreAsync(officeId);
        using var instructor = await app.InstructorAsync(centre.Id);
        await (await instructor.GetAsync($"/api/v1/seekers/{seeker.Id}/suggestions")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await staff.GetAsync("/api/v1/vacancies/987654321/suggestions")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await staff.GetAsync($"/api/v1/vacancies/{vacancy.Id}/suggestions?sort=nik"))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "sort");
    }

    [Fact]
    public async Task Withdrawn_consent_and_placement_remove_a_seekers_suggestions_and_the_next_refresh_skips_them()
    {
        var app = service.App;
        var province = Unique.Province();
        var (staff, _, officeId) = await app.StaffAsync();
        var partner = await app.PartnerAsync(officeId);
        var withdrawing = await staff.MatchableSeekerAsync(Excavator, "8342", region: province);
        var hired = await staff.MatchableSeekerAsync(Excavator, "8342", region: province);
        var vacancy = await partner.Client.PostVacancyAsync(InProvince(await app.VacancyBodyAsync("8342", ["B.051000.010.01"]), province));
        await staff.WaitForSuggestionsAsync(vacancy.Id,
            s => s.Any(x => x.Seeker.Id == withdrawing.Id) && s.Any(x => x.Seeker.Id == hired.Id));

        (await staff.PostAsJsonAsync($"/api/v1/seekers/{withdrawing.Id}/consent/withdraw", new { channel = "in_person" }))
            .EnsureSuccessStatusCode();
        // Gone in the withdrawal's own transaction: no waiting.
        Assert.DoesNotContain(await staff.SuggestionsAsync(vacancy.Id), s => s.Seeker.Id == withdrawing.Id);
        Assert.Empty(await staff.SeekerSuggestionsAsync(withdrawing.Id));

        (await staff.PostAsJsonAsync("/api/v1/placements", new
        {
            seekerId = hired.Id,
            vacancyId = vacancy.Id,
            startDate = EmployerIntents.Today,
            wage = 5_000_000,
            source = "suggestion",
        })).EnsureSuccessStatusCode();
        Assert.DoesNotContain(await staff.SuggestionsAsync(vacancy.Id), s => s.Seeker.Id == hired.Id);

        // A recompute after the changes sees them too (matching keeps seekers in memory and reloads those changed):
        // a newly qualified seeker appears, the withdrawn and the placed do not.
        var late = await staff.MatchableSeekerAsync([], "5120", region: province);
        var items = new List<object>();
        foreach (var (code, level, evidence) in Excavator)
        {
            items.Add(new { competencyId = await staff.CompetencyIdAsync(code), level, evidence, years = 2.0 });
        }

        (await staff.PutAsJsonAsync($"/api/v1/seekers/{late.Id}/competencies", new { items })).EnsureSuccessStatusCode();
        var second = await partner.Client.PostVacancyAsync(InProvince(await app.VacancyBodyAsync("8342", ["B.051000.010.01"]), province));
        var secondItems = await staff.WaitForSuggestionsAsync(second.Id, s => s.Any(x => x.Seeker.Id == late.Id));
        Assert.DoesNotContain(secondItems, s => s.Seeker.Id == withdrawing.Id || s.Seeker.Id == hired.Id);

        using var admin = await app.AdminAsync();
        await app.WaitForJobAsync((await admin.RefreshAsync()).JobId);
        var after = await staff.SuggestionsAsync(vacancy.Id);
        Assert.DoesNotContain(after, s => s.Seeker.Id == withdrawing.Id || s.Seeker.Id == hired.Id);
        Assert.Equal(0, await app.ProposedSuggestionsOfSeekerAsync(withdrawing.Id));
        Assert.Equal(0, await app.ProposedSuggestionsOfSeekerAsync(hired.Id));
    }

    [Fact]
    public async Task Exposure_caps_limit_a_vacancy_to_a_multiple_of_its_openings_and_a_seeker_to_five()
    {
        var app = service.App;
        var (staff, _, officeId) = await app.StaffAsync();
        var partner = await app.PartnerAsync(officeId);
        (string, int, string)[] ac = [("F.432220.001.01", 3, "certified"), ("F.432220.011.01", 3, "certified")];
        var seekers = new List<long>();
        for (var i = 0; i < 12; i++)
        {
            seekers.Add((await staff.MatchableSeekerAsync(ac, "7127")).Id);
        }

        var one = await partner.Client.PostVacancyAsync(
            await app.VacancyBodyAsync("7127", ["F.432220.001.01", "F.432220.011.01"], openings: 1));
        await app.WaitForRecomputesAsync([one.Id], [.. seekers]);
        var items = await staff.WaitForSuggestionsAsync(one.Id, s => s.Count >= 10);
        Assert.Equal(10, items.Count(s => s.Status == "proposed"));

        var vacancies = new List<long>();
        for (var i = 0; i < 6; i++)
        {
            vacancies.Add((await partner.Client.PostVacancyAsync(
                await app.VacancyBodyAsync("7127", ["F.432220.001.01", "F.432220.011.01"], openings: 1))).Id);
        }

        await app.WaitForRecomputesAsync([.. vacancies], [.. seekers]);
        var perSeeker = 0L;
        foreach (var seeker in seekers)
        {
            perSeeker = Math.Max(perSeeker, await app.ProposedSuggestionsOfSeekerAsync(seeker));
        }

        Assert.Equal(5, perSeeker);
        var perVacancy = 0L;
        foreach (var vacancy in vacancies.Append(one.Id))
        {
            perVacancy = Math.Max(perVacancy, await app.ProposedSuggestionsOfVacancyAsync(vacancy));
        }

        Assert.InRange(perVacancy, 1, 10);
    }

    /// <summary>The vacancy placed in a province of the test's own, where only its seekers live (not willing to
    /// relocate), so that other tests' seekers and vacancies of the same trade do not compete with its pairs.</summary>
    private static Dictionary<string, object?> InProvince(Dictionary<string, object?> body, string province)
    {
        body["workRegionCode"] = province;
        return body;
    }
}
