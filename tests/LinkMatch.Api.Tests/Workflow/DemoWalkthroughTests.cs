using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LinkMatch.Api.Demo;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;
using static LinkMatch.Api.Tests.Intents.ReportIntents;

namespace LinkMatch.Api.Tests.Workflow;

/// <summary>The README's walkthrough, step by step, on the full demo world that <c>scripts/run</c> loads: the demo
/// employer posts a vacancy, staff approve a suggested BLK graduate, the employer interviews and hires them, and the
/// IPK, training-gap and graduate-uptake figures staff looked at before change by exactly the hire.</summary>
public class DemoWalkthroughTests
{
    [Fact]
    public async Task A_staff_approval_and_an_employer_hire_move_the_uptake_gap_and_IPK_figures()
    {
        var app = await TestApp.StartIsolatedAsync("walkthrough", new Dictionary<string, string>
        {
            ["Demo__Enabled"] = "true",
        });
        try
        {
            using var staff = await app.SignInAsync(DemoAccounts.CityStaff, DemoAccounts.Password);
            using var employer = app.WithApiKey(DemoAccounts.EmployerApiKey);

            // 1. The employer posts a vacancy for two cooks; suggestions follow within seconds.
            var cooking = await app.CompetencyIdAsync("I.561010.011.01");
            var hygiene = await app.CompetencyIdAsync("I.561010.001.01");
            var vacancy = await employer.PostVacancyAsync(CookVacancy(cooking, hygiene));
            var suggestions = await WaitForSuggestionsAsync(staff, vacancy.Id);

            // 2. Staff look at the figures first (each report is computed and stored on its first request).
            const string ipkUrl = "/api/v1/reports/ipk";
            var ipkBefore = await staff.ReportAsync<IpkReportDto>(ipkUrl);
            var gapsBefore = await staff.ReportAsync<TrainingGapReportDto>("/api/v1/reports/training-gaps");
            var cookingBefore = Assert.Single(gapsBefore.Gaps, g => g.CompetencyId == cooking);

            // 3. The best-ranked BLK graduate who was never placed before.
            var (suggestion, centreId) = await FirstGraduateAsync(staff, suggestions);
            var uptakeUrl = $"/api/v1/training-centres/{centreId}/uptake";
            var uptakeBefore = await staff.ReportAsync<UptakeReportDto>(uptakeUrl);

            // 4. Before approval the employer cannot see the candidate; staff approve, and then it can.
            await (await employer.GetAsync($"/api/v1/suggestions/{suggestion}")).AssertProblemAsync(HttpStatusCode.NotFound);
            (await staff.PostAsync($"/api/v1/suggestions/{suggestion}/approve", null)).EnsureSuccessStatusCode();
            var referrals = await employer.GetFromJsonAsync<JsonElement>($"/api/v1/referrals?vacancyId={vacancy.Id}");
            var referral = Assert.Single(referrals.GetProperty("items").EnumerateArray());
            Assert.Equal(suggestion, referral.GetProperty("id").GetInt64());
            var candidate = referral.GetProperty("candidate");
            Assert.False(string.IsNullOrEmpty(candidate.GetProperty("phone").GetString()));
            Assert.EndsWith("******", candidate.GetProperty("nik").GetString());

            // 5. The employer schedules an interview and hires.
            (await employer.PostAsJsonAsync($"/api/v1/suggestions/{suggestion}/interview",
                new { interviewAt = DateTimeOffset.Now.AddDays(1) })).EnsureSuccessStatusCode();
            var hired = await employer.PostAsJsonAsync($"/api/v1/suggestions/{suggestion}/hire",
                new { monthlyWage = 4_200_000 });
            var state = await hired.ReadAsync<JsonElement>();
            Assert.Equal("hired", state.GetProperty("status").GetString());

            // 6. The stored reports are recomputed by jobs the hire enqueued: one more placement this month, one
            //    opening fewer demanding the cooking unit, one more graduate of the BLK placed.
            var ipkAfter = await WaitForRecomputeAsync<IpkReportDto>(staff, ipkUrl, ipkBefore.ComputedAt, r => r.ComputedAt);
            Assert.Equal(ipkBefore.Months.Single().Placements + 1, ipkAfter.Months.Single().Placements);
            var gapsAfter = await WaitForRecomputeAsync<TrainingGapReportDto>(staff, "/api/v1/reports/training-gaps",
                gapsBefore.ComputedAt, r => r.ComputedAt);
            var cookingAfter = Assert.Single(gapsAfter.Gaps, g => g.CompetencyId == cooking);
            Assert.Equal(cookingBefore.MandatoryOpenings - 1, cookingAfter.MandatoryOpenings);
            Assert.Equal(gapsBefore.UnfilledOpenings - 1, gapsAfter.UnfilledOpenings);
            var uptakeAfter = await WaitForRecomputeAsync<UptakeReportDto>(staff, uptakeUrl, uptakeBefore.ComputedAt,
                r => r.ComputedAt);
            Assert.Equal(uptakeBefore.Totals.Placed + 1, uptakeAfter.Totals.Placed);
        }
        finally
        {
            await app.StopAsync();
        }
    }

    /// <summary>The README's vacancy: two cooks for a hotel kitchen in Balikpapan.</summary>
    private static Dictionary<string, object?> CookVacancy(long cooking, long hygiene) => new()
    {
        ["type"] = "job",
        ["title"] = "Juru Masak",
        ["occupationCode"] = "5120",
        ["description"] = "Juru masak dapur hotel, masakan Indonesia.",
        ["openings"] = 2,
        ["contractType"] = "permanent",
        ["workRegionCode"] = "64.71",
        ["minEducation"] = "smk",
        ["minExperienceYears"] = 0,
        ["sex"] = "any",
        ["wageMin"] = 3_800_000,
        ["wageMax"] = 4_500_000,
        ["opensOn"] = Today,
        ["closesOn"] = Today.AddDays(45),
        ["competencies"] = new[]
        {
            new { competencyId = cooking, mandatory = true, minLevel = 2 },
            new { competencyId = hygiene, mandatory = false, minLevel = 1 },
        },
    };

    private static async Task<List<JsonElement>> WaitForSuggestionsAsync(HttpClient staff, long vacancyId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var page = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/vacancies/{vacancyId}/suggestions?pageSize=50");
            var items = page.GetProperty("items").EnumerateArray().ToList();
            if (items.Count > 0)
            {
                return items;
            }

            Assert.True(DateTime.UtcNow < deadline, "no suggestion for the new vacancy after 90 s");
            await Task.Delay(250);
        }
    }

    private static async Task<(long Suggestion, long CentreId)> FirstGraduateAsync(HttpClient staff,
        List<JsonElement> suggestions)
    {
        foreach (var s in suggestions.OrderBy(s => s.GetProperty("rank").GetInt32()))
        {
            var seekerId = s.GetProperty("seeker").GetProperty("id").GetInt64();
            // Staff review only their own office's seekers; graduates of the city's BLKs may live outside the city.
            if ((await staff.GetAsync($"/api/v1/seekers/{seekerId}")).StatusCode != HttpStatusCode.OK)
            {
                continue;
            }

            var enrolments = await staff.GetFromJsonAsync<JsonElement>(
                $"/api/v1/enrolments?seekerId={seekerId}&status=completed");
            var placements = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/placements?seekerId={seekerId}");
            if (enrolments.GetProperty("items").GetArrayLength() == 1
                && placements.GetProperty("items").GetArrayLength() == 0)
            {
                var enrolment = enrolments.GetProperty("items")[0];
                return (s.GetProperty("id").GetInt64(), enrolment.GetProperty("trainingCentreId").GetInt64());
            }
        }

        Assert.Fail("no suggested BLK graduate without an earlier placement");
        return default;
    }

    private static async Task<T> WaitForRecomputeAsync<T>(HttpClient staff, string url, DateTimeOffset before,
        Func<T, DateTimeOffset> computedAt)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var report = await staff.ReportAsync<T>(url);
            if (computedAt(report) > before)
            {
                return report;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{url} not recomputed within a minute of the hire");
            await Task.Delay(250);
        }
    }
}
