using System.Globalization;
using LinkMatch.Api.Demo;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;

namespace LinkMatch.Api.Tests.Demo;

/// <summary>"MoU programmes" in Demo/README.md against the city office's MoU scorecard on a demo world anchored
/// today: some programme items on track, some behind, a few MoUs dormant, the directorate general's ending within 90
/// days.</summary>
public class DemoScorecardTests
{
    [Fact]
    public async Task The_demo_mous_scorecard_tells_the_readmes_story()
    {
        var app = await TestApp.StartIsolatedAsync("demo_scorecard", new Dictionary<string, string>
        {
            ["Demo__Enabled"] = "true",
            ["Demo__AnchorDate"] = OfficeCalendar.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Jobs__Workers"] = "0",
        });
        try
        {
            using var staff = await app.SignInAsync(DemoAccounts.CityStaff, DemoAccounts.Password);
            var report = await staff.ReportAsync<MouScorecardReportDto>("/api/v1/reports/mou-scorecard");
            MouScoreDto Named(string party) => report.Mous.Single(m => m.PartyName.StartsWith(party, StringComparison.Ordinal) && m.Status == "active");
            string Pace(string party, string kind) => Named(party).Commitments.Single(c => c.Kind == kind).Pace;

            Assert.Equal("on_track", Pace("PT Kilang Borneo Rekayasa", "placements"));
            Assert.Equal("behind", Pace("PT Karya Nusantara Infrastruktur", "placements"));
            Assert.Equal("behind", Pace("PT Grand Klandasan Hotel", "instructors"));
            Assert.Equal("on_track", Pace("UPTD BLK Industri Balikpapan", "training_seats"));
            Assert.Equal("behind", Pace("BLK Komunitas Balikpapan Timur", "certifications"));
            Assert.Equal(("on_track", "behind"), (Pace("Politeknik Negeri Balikpapan", "field_study"),
                Pace("Politeknik Negeri Balikpapan", "instructors")));
            var kemnaker = Named("Direktorat Jenderal Pembinaan Pelatihan Vokasi");
            Assert.Equal((true, 60, "on_track"), (kemnaker.Expiring, kemnaker.DaysToExpiry!.Value, kemnaker.Commitments[0].Pace));
            Assert.True(Named("Universitas Balikpapan").Dormant);

            var forum = report.Forum.Total;
            Assert.True(forum.Counts.OnTrack >= 5 && forum.Counts.Behind >= 4, $"{forum.Counts}");
            Assert.InRange(forum.DormantMous, 1, forum.ActiveMous / 3);
            Assert.True(forum.PlacementsRealised > 0 && forum.PlacementsTarget > forum.PlacementsRealised);
            var byKind = report.Forum.ByPartnerKind.ToDictionary(f => f.PartnerKind);
            Assert.Equal((2, 1), (byKind["university"].ActiveMous, byKind["government"].ActiveMous));
            Assert.Equal(1, report.Mous[0].Rank);
        }
        finally
        {
            await app.StopAsync();
        }
    }
}
