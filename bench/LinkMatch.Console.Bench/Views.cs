using System.Net.Http.Json;
using System.Text.Json;

namespace LinkMatch.Console.Bench;

/// <summary>A screen a placement officer opens, as a console page and as the JSON API requests that give the same
/// data (what a client-side UI would fetch, one after another).</summary>
public sealed record View(string Name, string Page, IReadOnlyList<string> Api);

public static class Views
{
    /// <summary>The screens of a working day, with ids found in the demo world through the API.</summary>
    public static async Task<IReadOnlyList<View>> DiscoverAsync(HttpClient api)
    {
        var worklist = await api.GetFromJsonAsync<JsonElement>("/api/v1/worklist");
        var vacancy = worklist.GetProperty("vacancies")[0].GetProperty("vacancyId").GetInt64();
        var suggestions = await api.GetFromJsonAsync<JsonElement>($"/api/v1/vacancies/{vacancy}/suggestions");
        var first = suggestions.GetProperty("items")[0];
        var suggestion = first.GetProperty("id").GetInt64();
        var seeker = first.GetProperty("seeker").GetProperty("id").GetInt64();
        var centres = await api.GetFromJsonAsync<JsonElement>("/api/v1/training-centres?pageSize=1");
        var centre = centres.GetProperty("items")[0].GetProperty("id").GetInt64();
        return
        [
            new("Beranda", "/", ["/api/v1/worklist"]),
            new("Lowongan: daftar", "/lowongan?status=open",
                ["/api/v1/vacancies?status=open&pageSize=25&sort=-opensOn", "/api/v1/employers?pageSize=200&sort=name"]),
            new("Lowongan: rincian dan saran", $"/lowongan/{vacancy}",
                [$"/api/v1/vacancies/{vacancy}", $"/api/v1/vacancies/{vacancy}/suggestions"]),
            new("Saran: rincian dan riwayat", $"/saran/{suggestion}", [$"/api/v1/suggestions/{suggestion}"]),
            new("Pencari kerja: daftar", "/pencari-kerja", ["/api/v1/seekers?pageSize=25"]),
            new("Pencari kerja: profil", $"/pencari-kerja/{seeker}",
                [$"/api/v1/seekers/{seeker}", $"/api/v1/seekers/{seeker}/suggestions",
                 $"/api/v1/enrolments?seekerId={seeker}", $"/api/v1/placements?seekerId={seeker}"]),
            new("BLK: serapan lulusan", $"/blk/{centre}", [$"/api/v1/training-centres/{centre}/uptake"]),
            new("Laporan: kebutuhan pelatihan", "/laporan/kebutuhan-pelatihan", ["/api/v1/reports/training-gaps"]),
            new("Laporan: IPK", "/laporan/ipk", ["/api/v1/reports/ipk"]),
        ];
    }
}
