using System.Net.Http.Json;
using LinkMatch.Api.Demo;
using LinkMatch.Api.Tests.Intents;
using Microsoft.Playwright;

namespace LinkMatch.Api.Tests.Console.Browser;

/// <summary>The console is as safe as the API in a real browser: a hostile name is text (no script runs, and the
/// Content-Security-Policy would refuse one anyway), a form without its antiforgery token is refused, another
/// office's vacancy and seeker are the 404 page.</summary>
[Collection(ConsoleBrowser.Collection)]
public class SecurityBrowserTests(ConsoleBrowser browser)
{
    [Fact]
    public async Task A_seeker_named_like_a_script_is_shown_as_text_and_nothing_runs()
    {
        using var staff = await browser.App.SignInAsync(DemoAccounts.CityStaff, DemoAccounts.Password);
        var seeker = await staff.RegisterAsync(SeekerIntents.NewSeeker() with { FullName = "<script>alert(1)</script>" });
        await using var tab = await browser.OpenAsync();
        await tab.RunAsync(async () =>
        {
            await tab.SignInAsync(DemoAccounts.CityStaff, DemoAccounts.Password);
            Assert.Equal(200, await tab.GotoAsync($"/pencari-kerja/{seeker.Id}"));
            await Assertions.Expect(tab.Page.Locator("h1")).ToContainTextAsync("<script>alert(1)</script>");
            Assert.Equal(0, await tab.Page.Locator("main script").CountAsync());
            // Even a script put into the page by hand is refused by the policy: no inline script runs.
            await tab.Page.EvaluateAsync("""
                () => { const s = document.createElement('script'); s.textContent = 'alert(2)'; document.body.appendChild(s); }
                """);
            Assert.DoesNotContain(tab.Complaints, c => c.StartsWith("a dialog opened", StringComparison.Ordinal));
            Assert.Contains(tab.Complaints, c => c.Contains("Content Security Policy", StringComparison.Ordinal));
        });
    }

    [Fact]
    public async Task A_form_posted_without_its_antiforgery_token_is_refused_and_changes_nothing()
    {
        await using var tab = await browser.OpenAsync();
        await tab.RunAsync(async () =>
        {
            await tab.SignInAsync(DemoAccounts.CityStaff, DemoAccounts.Password);
            Assert.Equal(200, await tab.GotoAsync("/"));
            // Sign out without the token: refused, and the session lives on.
            await tab.Page.EvaluateAsync("() => document.querySelectorAll('input[name=__af]').forEach(i => i.remove())");
            var response = await tab.Page.RunAndWaitForResponseAsync(
                () => tab.Page.GetByRole(AriaRole.Button, new() { Name = "Keluar" }).ClickAsync(),
                r => r.Url.EndsWith("/keluar", StringComparison.Ordinal));
            Assert.Equal(400, response.Status);
            await Assertions.Expect(tab.Page.Locator("h1")).ToHaveTextAsync("Permintaan tidak dapat diproses");
            Assert.Equal(200, await tab.GotoAsync("/lowongan"));
        });
    }

    [Fact]
    public async Task Staff_of_another_office_get_the_404_page_for_a_foreign_vacancy_and_seeker()
    {
        var app = browser.App;
        using var staff = await app.SignInAsync(DemoAccounts.CityStaff, DemoAccounts.Password);
        var seeker = await staff.RegisterAsync(SeekerIntents.NewSeeker());
        var vacancy = (await staff.GetFromJsonAsync<SeekerIntents.PageOf<VacancyDto>>("/api/v1/vacancies?pageSize=1"))!.Items[0];
        var office = await app.CreateOfficeAsync();
        var other = await app.CreateUserAsync("staff", officeId: office.Id);

        await using var tab = await browser.OpenAsync();
        await tab.RunAsync(async () =>
        {
            await tab.SignInAsync(other.UserName, PlatformIntents.Password);
            foreach (var path in new[] { $"/lowongan/{vacancy.Id}", $"/pencari-kerja/{seeker.Id}" })
            {
                Assert.Equal(404, await tab.GotoAsync(path));
                await Assertions.Expect(tab.Page.Locator("h1")).ToHaveTextAsync("Tidak ditemukan");
            }

            await tab.ScreenshotAsync("tidak-ditemukan", fullPage: false);
        });
    }
}
