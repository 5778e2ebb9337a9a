using System.Net;
using System.Net.Http.Headers;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;
using static LinkMatch.Api.Tests.Intents.MouIntents;

namespace LinkMatch.Api.Tests.Mous;

public class ScorecardTests
{
    [Fact]
    public async Task Pace_is_judged_against_the_elapsed_share_of_the_period_at_its_boundaries()
    {
        var app = await TestApp.SharedAsync();
        var (staff, _, office) = await app.StaffAsync();
        var mou = await app.CreatePartnerMouAsync(office);
        // A period of 100 days of which 50 have passed (today included): a target of 10 expects 5, and 4 is on pace.
        var (from, to) = (Today.AddDays(-49), Today.AddDays(50));
        var onTrack = await staff.CommitAsync(mou.Id, "instructors", 10, from, to);
        var behind = await staff.CommitAsync(mou.Id, "instructors", 10, from, to);
        var met = await staff.CommitAsync(mou.Id, "field_study", 10, from, to);
        var notStarted = await staff.CommitAsync(mou.Id, "facility_use", 5, Today.AddDays(1), to);
        var missed = await staff.CommitAsync(mou.Id, "other", 2, Today.AddDays(-30), Today.AddDays(-1));
        var noTarget = await staff.CommitAsync(mou.Id, "other", null, from, to);
        await staff.RecordActivityAsync(mou.Id, onTrack.Id, Today.AddDays(-10), 4);
        await staff.RecordActivityAsync(mou.Id, behind.Id, Today.AddDays(-10), 3);
        await staff.RecordActivityAsync(mou.Id, met.Id, Today.AddDays(-20), 6);
        await staff.RecordActivityAsync(mou.Id, met.Id, Today, 4);
        await staff.RecordActivityAsync(mou.Id, missed.Id, Today.AddDays(-2), 1);
        await staff.RecordActivityAsync(mou.Id, noTarget.Id, Today.AddDays(-5), 7);

        var score = await staff.ScorecardAsync(mou.Id);
        CommitmentScoreDto Of(CommitmentDto c) => score.Commitments.Single(s => s.CommitmentId == c.Id);
        Assert.Equal(("on_track", 4, 0.5m, 5m, 0.8m), (Of(onTrack).Pace, Of(onTrack).Realised, Of(onTrack).ElapsedShare,
            Of(onTrack).Expected!.Value, Of(onTrack).PaceRatio!.Value));
        Assert.Equal(("behind", 3), (Of(behind).Pace, Of(behind).Realised));
        Assert.Equal(("met", 10, (DateOnly?)Today), (Of(met).Pace, Of(met).Realised, Of(met).LastActivityOn));
        Assert.Equal(("not_started", 0m), (Of(notStarted).Pace, Of(notStarted).ElapsedShare));
        Assert.Equal(("missed", 1), (Of(missed).Pace, Of(missed).Realised));
        Assert.Equal(("no_target", 7), (Of(noTarget).Pace, Of(noTarget).Realised));
        Assert.Equal(new PaceCountsDto(6, 1, 1, 1, 1, 1, 1), score.Counts);
        // Σ min(realised, expected) ÷ Σ expected over the started, targeted items: (4 + 3 + 5 + 1) ÷ (5 + 5 + 5 + 2).
        Assert.Equal(Math.Round(13m / 17m, 3), score.PaceScore);
        Assert.Equal(((DateOnly?)Today, false, false), (score.LastActivityOn, score.Expiring, score.Dormant));
    }

    [Fact]
    public async Task Expiring_and_dormant_flags_hold_at_their_boundaries_and_the_office_report_ranks_and_counts_them()
    {
        var app = await TestApp.SharedAsync();
        var (staff, _, office) = await app.StaffAsync();
        var quiet = Today.AddMonths(-6);
        var expiring = await app.CreatePartnerMouAsync(office, signedOn: Today.AddDays(-10), validUntil: Today.AddDays(90));
        var notYet = await app.CreatePartnerMouAsync(office, "government", Today.AddDays(-10), Today.AddDays(91));
        var silent = await app.CreatePartnerMouAsync(office, signedOn: quiet, validUntil: Today.AddDays(300));
        var justActive = await app.CreatePartnerMouAsync(office, signedOn: quiet.AddDays(-30), validUntil: Today.AddDays(300));
        var justSilent = await app.CreatePartnerMouAsync(office, signedOn: quiet.AddDays(-30), validUntil: Today.AddDays(300));
        var young = await app.CreatePartnerMouAsync(office, signedOn: quiet.AddDays(1), validUntil: Today.AddDays(300));
        var visits = await staff.CommitAsync(justActive.Id, "field_study", null);
        await staff.RecordActivityAsync(justActive.Id, visits.Id, quiet, 1);
        var lapsed = await staff.CommitAsync(justSilent.Id, "field_study", null);
        await staff.RecordActivityAsync(justSilent.Id, lapsed.Id, quiet.AddDays(-1), 1);
        var ahead = await staff.CommitAsync(young.Id, "instructors", 2, Today.AddDays(-9), Today.AddDays(10));
        await staff.RecordActivityAsync(young.Id, ahead.Id, Today, 2);

        var flags = new Dictionary<long, (bool Expiring, bool Dormant)>();
        foreach (var m in new[] { expiring, notYet, silent, justActive, justSilent, young })
        {
            var s = await staff.ScorecardAsync(m.Id);
            flags[m.Id] = (s.Expiring, s.Dormant);
        }

        Assert.Equal((true, false), flags[expiring.Id]);
        Assert.Equal((90, false), ((await staff.ScorecardAsync(expiring.Id)).DaysToExpiry!.Value, flags[notYet.Id].Expiring));
        Assert.Equal([true, false, true, false], new[] { silent, justActive, justSilent, young }.Select(m => flags[m.Id].Dormant));

        var refresh = await staff.RefreshAsync("mou-scorecard", $"officeId={office}");
        Assert.Equal($"office:{office}", refresh.ScopeKey);
        await app.WaitForJobAsync(refresh.JobId);
        var report = await staff.ReportAsync<MouScorecardReportDto>($"/api/v1/reports/mou-scorecard?officeId={office}");
        Assert.Equal(6, report.Mous.Count);
        Assert.Equal((1, young.Id), (report.Mous[0].Rank, report.Mous[0].MouId));
        Assert.Equal(Enumerable.Range(1, 6), report.Mous.Select(m => m.Rank!.Value));
        var total = report.Forum.Total;
        Assert.Equal((6, 6, 1, 2), (total.ActiveMous, total.NewMous, total.ExpiringMous, total.DormantMous));
        Assert.Equal(new PaceCountsDto(3, 1, 0, 0, 0, 0, 2), total.Counts);
        Assert.Equal(4, total.ActivitiesRealised);
        var byKind = report.Forum.ByPartnerKind.ToDictionary(f => f.PartnerKind);
        Assert.Equal(["employer", "training_centre", "university", "government"], report.Forum.ByPartnerKind.Select(f => f.PartnerKind));
        Assert.Equal((5, 1, 0), (byKind["university"].ActiveMous, byKind["government"].ActiveMous, byKind["employer"].ActiveMous));
    }

    [Fact]
    public async Task Staff_see_their_office_admins_every_scope_and_employers_only_their_own_mous_scorecards()
    {
        var app = await TestApp.SharedAsync();
        var admin = await app.SharedAdminAsync();
        var partner = await app.PartnerAsync();
        using var employer = partner.Client;
        var stranger = await app.PartnerAsync();
        using var strangerClient = stranger.Client;
        var (staff, _, _) = await app.StaffAsync(partner.OfficeId);
        var (otherStaff, _, otherOffice) = await app.StaffAsync();
        await staff.CommitAsync(partner.Mou.Id, "placements", 10);
        await staff.CommitAsync(partner.Mou.Id, "apprenticeships", 4);

        Assert.Equal(partner.Mou.Id, (await employer.ScorecardAsync(partner.Mou.Id)).MouId);
        await (await strangerClient.GetAsync($"/api/v1/mous/{partner.Mou.Id}/scorecard")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await otherStaff.GetAsync($"/api/v1/mous/{partner.Mou.Id}/scorecard")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await employer.GetAsync($"/api/v1/reports/mou-scorecard?officeId={partner.OfficeId}")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await staff.GetAsync($"/api/v1/reports/mou-scorecard?officeId={otherOffice}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await staff.GetAsync("/api/v1/reports/mou-scorecard?provinceCode=64")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await admin.GetAsync("/api/v1/reports/mou-scorecard?provinceCode=99")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await admin.GetAsync($"/api/v1/reports/mou-scorecard?provinceCode=64&officeId={otherOffice}"))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "provinceCode");
        await (await admin.GetAsync("/api/v1/reports/mou-scorecard?provinceCode=6")).AssertProblemAsync(HttpStatusCode.BadRequest, "provinceCode");
        await (await staff.PostAsync(new Uri("/api/v1/reports/mou-scorecard/refresh?from=2026-01", UriKind.Relative), null))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "from");

        var own = await staff.ReportAsync<MouScorecardReportDto>("/api/v1/reports/mou-scorecard");
        Assert.Equal([partner.Mou.Id], own.Mous.Select(m => m.MouId));
        var province = await (await admin.GetAsync("/api/v1/reports/mou-scorecard?provinceCode=64")).ReadAsync<MouScorecardReportDto>();
        Assert.Equal("64", province.ProvinceCode);

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/reports/mou-scorecard?officeId={partner.OfficeId}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        using var csv = await staff.SendAsync(request);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("rank,mou_id,number,office_id,partner_kind,party_name,status", lines[0], StringComparison.Ordinal);
        Assert.Equal(["placements", "apprenticeships"], lines[1..].Select(l => l.Split(',')[14]).Order(StringComparer.Ordinal).Reverse());
        var one = await (await employer.GetAsync($"/api/v1/mous/{partner.Mou.Id}/scorecard?format=csv")).Content.ReadAsStringAsync();
        Assert.Equal(3, one.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }
}
