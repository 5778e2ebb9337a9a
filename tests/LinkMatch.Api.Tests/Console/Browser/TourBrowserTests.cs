using System.Net.Http.Json;
using System.Text.Json;
using LinkMatch.Api.Demo;
using LinkMatch.Api.Tests.Infrastructure;

namespace LinkMatch.Api.Tests.Console.Browser;

/// <summary>Every main page as its user opens it on the demo world, on a laptop and on a 360 px phone: it answers
/// 200, nothing scrolls sideways, the browser refuses nothing under the Content-Security-Policy. The laptop
/// pictures are the README's (docs/img, refreshed with LINKMATCH_UPDATE_SCREENSHOTS=1).</summary>
[Collection(ConsoleBrowser.Collection)]
public class TourBrowserTests(ConsoleBrowser browser)
{
    /// <summary>The README shows these pages at phone width too.</summary>
    private static readonly HashSet<string> PhonePictures = ["beranda", "lowongan-saran", "blk-serapan"];

    [Theory]
    [InlineData(1280)]
    [InlineData(360)]
    public async Task Every_main_page_opens_cleanly_on_a_laptop_and_on_a_phone(int width)
    {
        var pages = await PagesAsync();
        foreach (var (user, list) in pages)
        {
            await using var tab = await browser.OpenAsync(width: width, height: width < 600 ? 780 : 900);
            await tab.RunAsync(async () =>
            {
                await tab.SignInAsync(user, DemoAccounts.Password);
                foreach (var (path, picture) in list)
                {
                    Assert.Equal(200, await tab.GotoAsync(path));
                    await tab.AssertNoSidewaysScrollAsync();
                    if (picture is not null)
                    {
                        var phone = width < 600;
                        await tab.ScreenshotAsync(phone ? $"{picture}-360" : picture, fullPage: false,
                            docs: !phone || PhonePictures.Contains(picture));
                    }
                }

                tab.AssertNoComplaints();
            });
        }
    }

    /// <summary>On the demo world women are hired at well under four-fifths of men's rate: the equal-opportunity page
    /// names it first, and the per-version tables follow the overall ones.</summary>
    [Fact]
    public async Task The_equal_opportunity_page_names_the_demo_worlds_low_hiring_ratio_for_women()
    {
        using var console = await ConsoleClient.SignInAsync(browser.App, DemoAccounts.CityStaff, DemoAccounts.Password);
        var from = $"{OfficeCalendar.Today.AddMonths(-23):yyyy-MM}";
        var page = await console.GetAsync($"/laporan/kesempatan-setara?from={from}&to={OfficeCalendar.Today:yyyy-MM}");
        Assert.Equal(System.Net.HttpStatusCode.OK, page.Status);
        var flagged = page.Document.QuerySelectorAll("#ditandai li").Select(li => ConsolePage.Collapse(li.TextContent)).ToList();
        Assert.Contains(flagged, f => f.StartsWith("di bawah 4/5 Jenis kelamin — Perempuan, tahap “Diterima bekerja”",
            StringComparison.Ordinal));
        Assert.Contains("Corong pencocokan menurut kelompok", page.MainText, StringComparison.Ordinal);
        Assert.NotNull(page.Document.QuerySelector("h2[id^=model-]"));
    }

    /// <summary>Each role's pages, with ids of the demo world found through the API; the name is the picture's.</summary>
    private async Task<List<(string User, List<(string Path, string? Picture)> Pages)>> PagesAsync()
    {
        using var staff = await browser.App.SignInAsync(DemoAccounts.CityStaff, DemoAccounts.Password);
        var worklist = await staff.GetFromJsonAsync<JsonElement>("/api/v1/worklist");
        var vacancy = worklist.GetProperty("vacancies")[0].GetProperty("vacancyId").GetInt64();
        var suggestions = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/vacancies/{vacancy}/suggestions");
        var seeker = suggestions.GetProperty("items")[0].GetProperty("seeker").GetProperty("id").GetInt64();
        var suggestion = suggestions.GetProperty("items")[0].GetProperty("id").GetInt64();
        using var instructor = await browser.App.SignInAsync(DemoAccounts.Instructor, DemoAccounts.Password);
        var me = await instructor.GetFromJsonAsync<JsonElement>("/api/v1/auth/me");
        var centre = me.GetProperty("trainingCentreId").GetInt64();
        var mous = await staff.GetFromJsonAsync<JsonElement>("/api/v1/mous?sort=number");
        var mou = mous.GetProperty("items")[0].GetProperty("id").GetInt64();
        return
        [
            (DemoAccounts.CityStaff,
            [
                ("/", "beranda"), ("/lowongan", "lowongan"), ($"/lowongan/{vacancy}", "lowongan-saran"),
                ("/saran", null), ($"/saran/{suggestion}", "saran"), ("/pencari-kerja", "pencari-kerja"),
                ($"/pencari-kerja/{seeker}", "pencari-kerja-profil"), ("/blk", null), ("/laporan", null),
                ("/laporan/kebutuhan-pelatihan", "laporan-kebutuhan-pelatihan"), ("/laporan/ipk", "laporan-ipk"),
                ("/laporan/kesempatan-setara", "laporan-kesempatan-setara"),
                ("/laporan/kemitraan", "laporan-kemitraan"), ($"/laporan/kemitraan/{mou}", "laporan-kemitraan-mou"),
            ]),
            (DemoAccounts.Instructor, [("/", "beranda-instruktur"), ($"/blk/{centre}", "blk-serapan")]),
            (DemoAccounts.Admin,
            [
                ("/admin", "admin"), ("/admin/pengguna", null), ("/admin/kunci-api", null), ("/admin/model", null),
                ("/admin/antrean", "admin-antrean"), ("/admin/audit", null),
            ]),
        ];
    }
}
