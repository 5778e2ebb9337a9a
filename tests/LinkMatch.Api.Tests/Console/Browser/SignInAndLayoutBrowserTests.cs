using Microsoft.Playwright;

namespace LinkMatch.Api.Tests.Console.Browser;

/// <summary>The console in a real browser: sign-in, the home page of each role, the layout at 360 px, the keyboard
/// path, and a page that stays clean under the Content-Security-Policy (no refused script or style).</summary>
[Collection(ConsoleBrowser.Collection)]
public class SignInAndLayoutBrowserTests(ConsoleBrowser browser)
{
    [Fact]
    public async Task Staff_sign_in_and_see_their_worklist_in_indonesian_with_nothing_refused()
    {
        await using var tab = await browser.OpenAsync();
        await tab.RunAsync(async () =>
        {
            Assert.Equal(200, await tab.GotoAsync("/masuk"));
            await tab.ScreenshotAsync("masuk", fullPage: false, docs: true);
            await tab.SignInAsync("petugas.balikpapan", ConsoleBrowser.DemoPassword);
            await Assertions.Expect(tab.Page.Locator("h1")).ToContainTextAsync("Selamat datang");
            await Assertions.Expect(tab.Page.GetByRole(AriaRole.Link, new() { Name = "Lowongan", Exact = true }))
                .ToBeVisibleAsync();
            Assert.Equal("id", await tab.Page.Locator("html").GetAttributeAsync("lang"));
            await tab.ScreenshotAsync("beranda-petugas");
            tab.AssertNoComplaints();
        });
    }

    [Fact]
    public async Task The_keyboard_alone_reaches_the_content_and_the_menu_with_a_visible_focus()
    {
        await using var tab = await browser.OpenAsync();
        await tab.RunAsync(async () =>
        {
            await tab.SignInAsync("petugas.balikpapan", ConsoleBrowser.DemoPassword);
            await tab.Page.Keyboard.PressAsync("Tab");
            var skip = tab.Page.Locator("a.skip");
            await Assertions.Expect(skip).ToBeFocusedAsync();
            // The skip link becomes visible when focused, with the focus outline.
            var box = await skip.BoundingBoxAsync();
            Assert.True(box is { X: >= 0 }, "the focused skip link is on screen");
            var outline = await skip.EvaluateAsync<string>("e => getComputedStyle(e).outlineStyle");
            Assert.Equal("solid", outline);
            await tab.Page.Keyboard.PressAsync("Enter");
            Assert.EndsWith("#main", tab.Page.Url, StringComparison.Ordinal);

            // From the top of the page, the menu comes right after the skip link and the name.
            await tab.GotoAsync("/");
            for (var i = 0; i < 10 && await tab.Page.EvaluateAsync<string>("() => document.activeElement.textContent.trim()") != "Lowongan"; i++)
            {
                await tab.Page.Keyboard.PressAsync("Tab");
            }

            Assert.Equal("Lowongan", await tab.Page.EvaluateAsync<string>("() => document.activeElement.textContent.trim()"));
            // Listening before the key is pressed: a navigation that commits before the wait begins is not missed.
            var navigated = tab.Page.WaitForURLAsync("**/lowongan");
            await tab.Page.Keyboard.PressAsync("Enter");
            await navigated;
        });
    }

    [Fact]
    public async Task The_console_works_at_360_px_wide()
    {
        await using var tab = await browser.OpenAsync(width: 360, height: 780);
        await tab.RunAsync(async () =>
        {
            await tab.SignInAsync("petugas.balikpapan", ConsoleBrowser.DemoPassword);
            foreach (var path in new[] { "/", "/lowongan", "/lowongan?status=open&type=apprenticeship" })
            {
                Assert.Equal(200, await tab.GotoAsync(path));
                await tab.AssertNoSidewaysScrollAsync();
            }

            await tab.ScreenshotAsync("lowongan-360", fullPage: false);
            // The menu is reachable and the filters usable with a thumb.
            await tab.Page.GetByLabel("Status").SelectOptionAsync("open");
            var filtered = tab.Page.WaitForURLAsync(url => url.Contains("status=open", StringComparison.Ordinal));
            await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Terapkan" }).ClickAsync();
            await filtered;
            tab.AssertNoComplaints();
        });
    }

    [Fact]
    public async Task A_wrong_password_says_so_and_the_english_switch_works()
    {
        await using var tab = await browser.OpenAsync();
        await tab.RunAsync(async () =>
        {
            await tab.GotoAsync("/masuk");
            await tab.Page.GetByLabel("Nama pengguna").FillAsync("instruktur.blk-industri");
            await tab.Page.GetByLabel("Kata sandi").FillAsync("salah-sandi");
            await tab.Page.Locator("main button[type=submit]").ClickAsync();
            await Assertions.Expect(tab.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("kata sandi salah");

            await tab.Page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
            await Assertions.Expect(tab.Page.Locator("h1")).ToHaveTextAsync("Sign in to LinkMatch");
            await tab.Page.GetByLabel("User name").FillAsync("instruktur.blk-industri");
            await tab.Page.GetByLabel("Password").FillAsync(ConsoleBrowser.DemoPassword);
            await tab.Page.Locator("main button[type=submit]").ClickAsync();
            await Assertions.Expect(tab.Page.Locator("figure.chart figcaption")).ToHaveTextAsync("Graduate uptake per course");
            await tab.ScreenshotAsync("home-instructor-en", fullPage: false, docs: true);
        });
    }
}
