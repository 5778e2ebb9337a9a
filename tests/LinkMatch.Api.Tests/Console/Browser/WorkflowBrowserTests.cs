using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using LinkMatch.Api.Demo;
using LinkMatch.Api.Tests.Intents;
using Microsoft.Playwright;

namespace LinkMatch.Api.Tests.Console.Browser;

/// <summary>The README's workflow in the browser on the demo world: the employer posts a vacancy through the API, a
/// placement officer opens it in the console, reads the explained suggestions and approves one; the employer
/// interviews and hires through the API; the officer sees the hire in the suggestion's history and the IPK figure
/// move.</summary>
[Collection(ConsoleBrowser.Collection)]
public class WorkflowBrowserTests(ConsoleBrowser browser)
{
    [Fact]
    public async Task Staff_approve_in_the_console_the_employer_hires_through_the_api_and_the_ipk_moves()
    {
        var app = browser.App;
        using var employer = app.WithApiKey(DemoAccounts.EmployerApiKey);
        using var staffApi = await app.SignInAsync(DemoAccounts.CityStaff, DemoAccounts.Password);
        var cooking = await app.CompetencyIdAsync("I.561010.011.01");
        var hygiene = await app.CompetencyIdAsync("I.561010.001.01");
        var vacancy = await employer.PostVacancyAsync(CookVacancy(cooking, hygiene));
        await WaitForSuggestionsAsync(staffApi, vacancy.Id);

        await using var tab = await browser.OpenAsync();
        await tab.RunAsync(async () =>
        {
            await tab.SignInAsync(DemoAccounts.CityStaff, DemoAccounts.Password);
            var placementsBefore = await IpkPlacementsAsync(tab);

            Assert.Equal(200, await tab.GotoAsync($"/lowongan/{vacancy.Id}"));
            await Assertions.Expect(tab.Page.Locator("h1")).ToContainTextAsync("Juru Masak");
            var card = tab.Page.Locator("li.suggestion")
                .Filter(new() { Has = tab.Page.GetByText("Setujui & rujuk") }).First;
            await Assertions.Expect(card.Locator(".for li").First).ToBeVisibleAsync();
            await Assertions.Expect(card).ToContainTextAsync("unit kompetensi wajib");
            await tab.ScreenshotAsync("alur-1-lowongan");
            var suggestionId = long.Parse((await card.GetAttributeAsync("id"))!["saran-".Length..], CultureInfo.InvariantCulture);

            await card.GetByText("Setujui & rujuk").ClickAsync();
            await card.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Ya, rujuk ke") }).ClickAsync();
            await Assertions.Expect(tab.Page.Locator(".flash")).ToContainTextAsync("Saran disetujui");

            // The employer, outside, records the interview and the hire through the API.
            (await employer.PostAsJsonAsync($"/api/v1/suggestions/{suggestionId}/interview",
                new { interviewAt = DateTimeOffset.Now.AddDays(1) })).EnsureSuccessStatusCode();
            (await employer.PostAsJsonAsync($"/api/v1/suggestions/{suggestionId}/hire",
                new { monthlyWage = 4_200_000 })).EnsureSuccessStatusCode();

            Assert.Equal(200, await tab.GotoAsync($"/saran/{suggestionId}"));
            await Assertions.Expect(tab.Page.Locator("h1 + * .badge, .badge").First).ToHaveTextAsync("Diterima bekerja");
            var timeline = tab.Page.Locator("ol.timeline");
            await Assertions.Expect(timeline.Locator("li")).ToHaveCountAsync(3);
            await Assertions.Expect(timeline).ToContainTextAsync("Wawancara dijadwalkan → Diterima bekerja");
            await tab.ScreenshotAsync("alur-2-saran-riwayat");
            await tab.ScreenshotAsync("saran-riwayat", fullPage: false, docs: true);

            // The hire enqueued the report's recompute: the figure moves by one within a short while.
            var deadline = DateTime.UtcNow.AddSeconds(60);
            long placementsAfter;
            while ((placementsAfter = await IpkPlacementsAsync(tab)) == placementsBefore && DateTime.UtcNow < deadline)
            {
                await Task.Delay(500);
            }

            Assert.Equal(placementsBefore + 1, placementsAfter);
            await tab.ScreenshotAsync("alur-3-laporan-ipk");
            tab.AssertNoComplaints();
        });
    }

    /// <summary>Penempatan on the IPK page (this office, the default months).</summary>
    private static async Task<long> IpkPlacementsAsync(ConsoleTab tab)
    {
        Assert.Equal(200, await tab.GotoAsync("/laporan/ipk"));
        var figure = await tab.Page.Locator(".card").Filter(new() { Has = tab.Page.GetByRole(AriaRole.Heading, new() { Name = "Penempatan", Exact = true }) })
            .Locator(".big").InnerTextAsync();
        return long.Parse(figure.Replace(".", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
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
        ["opensOn"] = ReportIntents.Today,
        ["closesOn"] = ReportIntents.Today.AddDays(45),
        ["competencies"] = new[]
        {
            new { competencyId = cooking, mandatory = true, minLevel = 2 },
            new { competencyId = hygiene, mandatory = false, minLevel = 1 },
        },
    };

    private static async Task WaitForSuggestionsAsync(HttpClient staff, long vacancyId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while ((await staff.GetFromJsonAsync<JsonElement>($"/api/v1/vacancies/{vacancyId}/suggestions"))
               .GetProperty("items").GetArrayLength() == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "no suggestion for the new vacancy after 90 s");
            await Task.Delay(250);
        }
    }
}
