using System.Net.Http.Json;
using System.Text.Json;
using LinkMatch.Api.Demo;

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
        return
        [
            (DemoAccounts.CityStaff,
            [
                ("/", "beranda"), ("/lowongan", "lowongan"), ($"/lowongan/{vacancy}", "lowongan-saran"),
                ("/saran", null), ($"/saran/{suggestion}", "saran"), ("/pencari-kerja", "pencari-kerja"),
                ($"/pencari-kerja/{seeker}", "pencari-kerja-profil"), ("/blk", null), ("/laporan", null),
                ("/laporan/kebutuhan-pelatihan", "laporan-kebutuhan-pelatihan"), ("/laporan/ipk", "laporan-ipk"),
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
