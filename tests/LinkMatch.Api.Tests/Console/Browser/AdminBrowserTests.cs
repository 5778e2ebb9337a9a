using System.Net.Http.Json;
using System.Text.Json;
using LinkMatch.Api.Demo;
using LinkMatch.Api.Tests.Intents;
using Microsoft.Playwright;

namespace LinkMatch.Api.Tests.Console.Browser;

/// <summary>An admin in the browser: retrains, promotes a model version (and the API then reports it serving), and
/// retries a failed background job.</summary>
[Collection(ConsoleBrowser.Collection)]
public class AdminBrowserTests(ConsoleBrowser browser)
{
    [Fact]
    public async Task An_admin_promotes_a_model_version_and_retries_a_failed_job()
    {
        var app = browser.App;
        using var api = await app.SignInAsync(DemoAccounts.Admin, DemoAccounts.Password);
        await using var tab = await browser.OpenAsync();
        await tab.RunAsync(async () =>
        {
            await tab.SignInAsync(DemoAccounts.Admin, DemoAccounts.Password);

            // A second version to promote: retrain from the page, then wait for the job.
            Assert.Equal(200, await tab.GotoAsync("/admin/model"));
            await tab.Page.GetByText("Latih ulang", new() { Exact = true }).ClickAsync();
            var queued = tab.Page.WaitForURLAsync("**/admin/antrean/*");
            await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Ya, latih ulang sekarang" }).ClickAsync();
            await queued;
            var jobId = long.Parse(tab.Page.Url.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
            await WaitForJobAsync(api, jobId);

            // Promote whichever version is not serving now: the baseline or the retrained one.
            Assert.Equal(200, await tab.GotoAsync("/admin/model"));
            var row = tab.Page.Locator("tbody tr").Filter(new() { Has = tab.Page.GetByText("Promosikan", new() { Exact = true }) }).First;
            var version = int.Parse(System.Text.RegularExpressions.Regex.Match(
                await row.Locator("td strong").InnerTextAsync(), @"\d+").Value, System.Globalization.CultureInfo.InvariantCulture);
            await tab.ScreenshotAsync("admin-model");
            await row.GetByText("Promosikan", new() { Exact = true }).ClickAsync();
            await row.GetByRole(AriaRole.Button, new() { Name = "Ya, promosikan" }).ClickAsync();
            await Assertions.Expect(tab.Page.Locator(".flash")).ToContainTextAsync($"Model versi {version} sekarang dipakai");
            var serving = await api.GetFromJsonAsync<JsonElement>("/api/v1/models?status=serving");
            Assert.Equal(version, serving.GetProperty("items")[0].GetProperty("version").GetInt32());

            // A job of a kind no worker knows fails at its only attempt, keeping its error.
            var kind = $"test.browser-{Guid.NewGuid():N}";
            var failed = await app.EnqueueTestJobAsync(kind);
            await WaitForJobAsync(api, failed, state: "discarded");
            Assert.Equal(200, await tab.GotoAsync($"/admin/antrean/{failed}"));
            await Assertions.Expect(tab.Page.Locator("main")).ToContainTextAsync("No handler is registered");
            await tab.ScreenshotAsync("admin-antrean-tugas");
            await tab.Page.GetByText("Coba lagi", new() { Exact = true }).ClickAsync();
            await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Ya, coba lagi" }).ClickAsync();
            await Assertions.Expect(tab.Page.Locator(".flash")).ToContainTextAsync($"Tugas #{failed}");
            var detail = await WaitForJobAsync(api, failed, state: "discarded", attempts: 2);
            Assert.Equal(2, detail.GetProperty("errors").GetArrayLength());
            tab.AssertNoComplaints();
        });
    }

    private static async Task<JsonElement> WaitForJobAsync(HttpClient api, long id, string state = "succeeded",
        int attempts = 1)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            var job = await api.GetFromJsonAsync<JsonElement>($"/api/v1/jobs/{id}");
            if (job.GetProperty("job").GetProperty("state").GetString() == state
                && job.GetProperty("job").GetProperty("attempt").GetInt32() >= attempts)
            {
                return job;
            }

            Assert.True(DateTime.UtcNow < deadline, $"job {id} is not {state} after two minutes: {job}");
            await Task.Delay(250);
        }
    }
}
