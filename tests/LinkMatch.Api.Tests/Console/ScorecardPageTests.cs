using System.Net;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;
using static LinkMatch.Api.Tests.Intents.MouIntents;

namespace LinkMatch.Api.Tests.Console;

/// <summary>The MoU scorecard pages (/laporan/kemitraan, /laporan/kemitraan/{id}): the office's MoUs with their
/// flags in Indonesian, one MoU's commitments, and recording an activity through the API's handler.</summary>
public class ScorecardPageTests
{
    [Fact]
    public async Task Staff_read_the_office_scorecard_in_Indonesian_and_record_an_activity_on_an_mous_page()
    {
        var app = await TestApp.SharedAsync();
        var (staff, user, office) = await app.StaffAsync();
        var (_, otherUser, _) = await app.StaffAsync();
        var mou = await app.CreatePartnerMouAsync(office, signedOn: Today.AddDays(-100), validUntil: Today.AddDays(60));
        var exchange = await staff.CommitAsync(mou.Id, "instructors", 4, Today.AddDays(-30), Today.AddDays(30));
        using var console = await ConsoleClient.SignInAsync(app, user.UserName, PlatformIntents.Password);

        var index = await console.GetAsync("/laporan");
        Assert.NotNull(index.Document.QuerySelector("main a[href='/laporan/kemitraan']"));
        var page = await console.GetAsync("/laporan/kemitraan");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Kinerja kemitraan", page.MainText, StringComparison.Ordinal);
        Assert.Contains("Ringkasan untuk forum (FKLPID)", page.MainText, StringComparison.Ordinal);
        var row = Assert.Single(page.Document.QuerySelectorAll("main table tbody tr"),
            r => r.TextContent.Contains(mou.Number, StringComparison.Ordinal));
        Assert.Contains("Perguruan tinggi", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("berakhir dalam 60 hari", row.TextContent, StringComparison.Ordinal);
        Assert.NotNull(row.QuerySelector($"a[href='/laporan/kemitraan/{mou.Id}']"));

        var detail = await console.GetAsync($"/laporan/kemitraan/{mou.Id}");
        Assert.Contains("Instruktur industri / pertukaran instruktur", detail.MainText, StringComparison.Ordinal);
        Assert.Contains("Tertinggal", detail.MainText, StringComparison.Ordinal);

        var refused = await console.SubmitAsync(detail, new Dictionary<string, string>
        {
            ["quantity"] = "-1",
            ["note"] = "Pertukaran instruktur las",
        });
        Assert.NotNull(refused.Document.QuerySelector("#err-quantity"));
        Assert.Empty(await (await staff.GetAsync($"/api/v1/mous/{mou.Id}/commitments/{exchange.Id}/activities"))
            .ReadAsync<List<ActivityDto>>());

        var saved = await console.FollowAsync(await console.SubmitAsync(detail, new Dictionary<string, string>
        {
            ["quantity"] = "3",
            ["note"] = "Pertukaran instruktur las dengan bengkel mitra",
            ["evidence"] = "BA-2026/031",
        }));
        Assert.Contains("Kegiatan dicatat.", saved.MainText, StringComparison.Ordinal);
        Assert.Contains("Sesuai jadwal", saved.MainText, StringComparison.Ordinal);
        var activity = Assert.Single(await (await staff.GetAsync($"/api/v1/mous/{mou.Id}/commitments/{exchange.Id}/activities"))
            .ReadAsync<List<ActivityDto>>());
        Assert.Equal((3, "BA-2026/031", Today), (activity.Quantity, activity.Evidence, activity.OccurredOn));

        using var other = await ConsoleClient.SignInAsync(app, otherUser.UserName, PlatformIntents.Password);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/laporan/kemitraan/{mou.Id}")).Status);
    }
}
