using System.Globalization;
using System.Net;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;

namespace LinkMatch.Api.Tests.Console;

/// <summary>A suggestion's page (<c>/saran/{id}</c>) and the worklist (<c>/saran</c>): the interview (a WITA time),
/// the hire (the vacancy's openings left drop), an apprenticeship's agreement and its ratification, each through
/// the page's forms and then as the API reports it, with the history naming who did what.</summary>
[Collection(IsolatedService.Console)]
public class WorkflowPageTests(IsolatedService service)
{
    private static readonly TimeSpan Wita = TimeSpan.FromHours(8);

    [Fact]
    public async Task Staff_record_the_interview_and_the_hire_through_the_suggestion_page_and_openings_left_drop()
    {
        var app = service.App;
        var world = await app.WorkflowWorldAsync();
        var seeker = await world.Staff.GetSeekerAsync((await world.CookAsync()).Id);
        var vacancy = await world.CookVacancyAsync(openings: 2);
        var id = (await world.ApproveAsync(vacancy.Id, seeker.Id)).Id;
        var user = await app.CreateUserAsync("staff", officeId: world.OfficeId);
        using var console = await ConsoleClient.SignInAsync(app, user.UserName, PlatformIntents.Password);

        var page = await console.GetAsync($"/saran/{id}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains(seeker.FullName, page.Document.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(seeker.Nik, page.MainText, StringComparison.Ordinal);
        Assert.Contains("2 dari 2", page.MainText, StringComparison.Ordinal);
        Assert.NotNull(page.Document.QuerySelector(".factors .for li"));
        // Approved: interview, hire or not hired; no second review.
        Assert.Equal(new[] { "interview", "hire", "notHired" }, page.Document.QuerySelectorAll("main form[method=post]")
            .Select(f => f.GetAttribute("action")!).Select(a => a[(a.IndexOf("handler=", StringComparison.Ordinal) + 8)..a.IndexOf('#', StringComparison.Ordinal)]));

        // A date that is not one: the field's error, nothing changes.
        var before = await app.SuggestionRowAsync(id);
        var bad = await console.SubmitAsync(page, new Dictionary<string, string> { ["interviewAt"] = "besok pagi" },
            "form[action*='handler=interview']");
        Assert.Equal(HttpStatusCode.OK, bad.Status);
        Assert.Contains("Isi tanggal dan jam wawancara.", bad.Document.QuerySelector("#err-interviewAt")!.TextContent,
            StringComparison.Ordinal);
        Assert.Equal(before, await app.SuggestionRowAsync(id));

        // The interview at 10.30 in Balikpapan, three days from now, whatever the server's time zone.
        var day = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(Wita).DateTime).AddDays(3);
        var interviewed = await console.SubmitAsync(page, new Dictionary<string, string>
        {
            ["interviewAt"] = $"{day:yyyy-MM-dd}T10:30",
            ["note"] = "Bawa ijazah dan sertifikat asli.",
        }, "form[action*='handler=interview']");
        Assert.Equal(HttpStatusCode.Redirect, interviewed.Status);
        var after = await console.FollowAsync(interviewed);
        Assert.Contains("Jadwal wawancara dicatat", after.Document.QuerySelector(".flash")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("10.30 WITA", after.MainText, StringComparison.Ordinal);
        var detail = await world.Staff.SuggestionAsync(id);
        Assert.Equal("interview_scheduled", detail.Status);
        Assert.Equal(new DateTimeOffset(day.Year, day.Month, day.Day, 10, 30, 0, Wita), detail.InterviewAt);
        Assert.Equal("Bawa ijazah dan sertifikat asli.", detail.History[^1].Note);

        // The hire, with the wage as staff type it.
        var start = day.AddDays(7);
        var hired = await console.SubmitAsync(after, new Dictionary<string, string>
        {
            ["startDate"] = start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["monthlyWage"] = "4.800.000",
        }, "form[action*='handler=hire']");
        Assert.Equal(HttpStatusCode.Redirect, hired.Status);
        var done = await console.FollowAsync(hired);
        Assert.Contains("Diterima bekerja dicatat", done.Document.QuerySelector(".flash")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("1 dari 2", done.MainText, StringComparison.Ordinal);
        Assert.Contains("Tidak ada tindakan lagi", done.MainText, StringComparison.Ordinal);
        detail = await world.Staff.SuggestionAsync(id);
        Assert.Equal("hired", detail.Status);
        var placement = await (await (await app.SharedAdminAsync()).GetAsync($"/api/v1/placements/{detail.PlacementId}"))
            .ReadAsync<PlacementDto>();
        Assert.Equal((start, (long?)4_800_000L, "suggestion"), (placement.StartDate, placement.Wage, placement.Source));

        var entries = done.Document.QuerySelectorAll("ol.timeline li").Select(li => ConsolePage.Collapse(li.TextContent)).ToList();
        Assert.Equal(3, entries.Count);
        Assert.StartsWith("Disetujui dan dirujuk", entries[0], StringComparison.Ordinal);
        Assert.StartsWith("Wawancara dijadwalkan", entries[1], StringComparison.Ordinal);
        Assert.Contains($"Oleh: {user.UserName}", entries[1], StringComparison.Ordinal);
        Assert.Contains("Catatan: Bawa ijazah dan sertifikat asli.", entries[1], StringComparison.Ordinal);
        Assert.StartsWith("Diterima bekerja", entries[2], StringComparison.Ordinal);

        var vacancyPage = await console.GetAsync($"/lowongan/{vacancy.Id}");
        Assert.Contains("2 formasi · 1 terisi · sisa 1", vacancyPage.MainText, StringComparison.Ordinal);
        Assert.Equal("Diterima bekerja",
            vacancyPage.Document.QuerySelector($"a[href='/saran/{id}']")!.Closest("tr")!.QuerySelector(".badge")!.TextContent);
    }

    [Fact]
    public async Task An_apprenticeship_hire_takes_months_and_stipend_and_the_agreement_is_ratified_on_the_page()
    {
        var app = service.App;
        var world = await app.WorkflowWorldAsync();
        var seeker = await world.CookAsync();
        var body = EmployerIntents.ApprenticeshipVacancy();
        body["workRegionCode"] = world.Province;
        var vacancy = await world.Partner.Client.PostVacancyAsync(body);
        var id = await app.ReferredFixtureAsync("apprenticeship", vacancy.Id, seeker.Id);
        var user = await app.CreateUserAsync("staff", officeId: world.OfficeId);
        using var console = await ConsoleClient.SignInAsync(app, user.UserName, PlatformIntents.Password);

        var page = await console.GetAsync($"/saran/{id}");
        var hireForm = page.Form("form[action*='handler=hire']");
        Assert.Equal("6", hireForm.QuerySelector("input[name=durationMonths]")!.GetAttribute("value"));
        Assert.Equal("3500000", hireForm.QuerySelector("input[name=monthlyStipend]")!.GetAttribute("value"));
        Assert.Null(hireForm.QuerySelector("input[name=monthlyWage]"));

        // Thirteen months is past the limit: the error beside the field, and nothing changes.
        var before = await app.SuggestionRowAsync(id);
        var tooLong = await console.SubmitAsync(page, new Dictionary<string, string> { ["durationMonths"] = "13" },
            "form[action*='handler=hire']");
        Assert.Equal(HttpStatusCode.OK, tooLong.Status);
        Assert.NotNull(tooLong.Document.QuerySelector("#err-durationMonths"));
        Assert.Equal("true", tooLong.Document.QuerySelector("input[name=durationMonths]")!.GetAttribute("aria-invalid"));
        Assert.Equal("13", tooLong.Document.QuerySelector("input[name=durationMonths]")!.GetAttribute("value"));
        Assert.Equal(before, await app.SuggestionRowAsync(id));

        var hired = await console.FollowAsync(await console.SubmitAsync(page, new Dictionary<string, string>
        {
            ["durationMonths"] = "8",
            ["monthlyStipend"] = "Rp 3.600.000",
        }, "form[action*='handler=hire']"));
        Assert.Contains("8 bulan · Rp 3.600.000 per bulan", hired.MainText, StringComparison.Ordinal);
        Assert.Contains("Belum disahkan", hired.MainText, StringComparison.Ordinal);
        Assert.Contains("8 bulan, uang saku Rp 3.600.000 per bulan", hired.Form("form[action*='handler=ratify']")
            .ParentElement!.TextContent, StringComparison.Ordinal);

        var ratified = await console.FollowAsync(await console.SubmitAsync(hired, formSelector: "form[action*='handler=ratify']"));
        Assert.Contains("Perjanjian pemagangan disahkan.", ratified.Document.QuerySelector(".flash")!.TextContent, StringComparison.Ordinal);
        Assert.Null(ratified.Document.QuerySelector("form[action*='handler=ratify']"));
        var detail = await world.Staff.SuggestionAsync(id);
        Assert.Equal((8, 3_600_000L), (detail.Agreement!.DurationMonths, detail.Agreement.MonthlyStipend!.Value));
        Assert.NotNull(detail.Agreement.RatifiedAt);
        Assert.Equal(new[] { "hire", "ratify" }, detail.History.Select(h => h.Action));
        Assert.All(detail.History, h => Assert.Equal(user.UserName, h.ActorName));
    }

    [Fact]
    public async Task The_worklist_shows_referrals_waiting_for_an_outcome_by_default_and_other_statuses_on_request()
    {
        var app = service.App;
        var world = await app.WorkflowWorldAsync();
        // Without consent to matching, so that no proposed row of matching's takes the pairs the fixtures write.
        var waiting = await UnmatchedCookAsync(world);
        var interviewed = await UnmatchedCookAsync(world);
        var turnedDown = await UnmatchedCookAsync(world);
        var vacancy = await world.CookVacancyAsync(openings: 3);
        var a = await app.ReferredFixtureAsync("job", vacancy.Id, waiting.Id);
        var b = await app.ReferredFixtureAsync("job", vacancy.Id, interviewed.Id);
        var c = await app.ReferredFixtureAsync("job", vacancy.Id, turnedDown.Id);
        (await world.Staff.ActAsync(b, "interview", new { interviewAt = DateTimeOffset.UtcNow.AddDays(2) })).EnsureSuccessStatusCode();
        (await world.Staff.ActAsync(c, "not-hired", new { reasonCode = "no_show" })).EnsureSuccessStatusCode();
        var user = await app.CreateUserAsync("staff", officeId: world.OfficeId);
        using var console = await ConsoleClient.SignInAsync(app, user.UserName, PlatformIntents.Password);

        var list = await console.GetAsync($"/saran?vacancyId={vacancy.Id}");
        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Contains("Rujukan menunggu hasil", list.Document.QuerySelector("main h2")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(new[] { a, b }.Order(), Linked(list).Order());
        Assert.Equal(2, list.Document.QuerySelectorAll($"tbody a[href='/lowongan/{vacancy.Id}']").Length);
        var row = list.Document.QuerySelector($"a[href='/saran/{b}']")!.Closest("tr")!;
        Assert.Equal("Wawancara dijadwalkan", row.QuerySelector(".badge")!.TextContent);
        Assert.Contains("WITA", row.TextContent, StringComparison.Ordinal);

        var notHired = await console.GetAsync($"/saran?status=not_hired&vacancyId={vacancy.Id}");
        Assert.Equal(new[] { c }, Linked(notHired));
        Assert.Contains("Tidak hadir", notHired.MainText, StringComparison.Ordinal);
        Assert.Equal(new[] { a, b, c }.Order(), Linked(await console.GetAsync($"/saran?status=dirujuk&vacancyId={vacancy.Id}")).Order());

        // Another office's staff: none of these.
        var other = await app.CreateUserAsync("staff", officeId: (await app.CreateOfficeAsync()).Id);
        using var elsewhere = await ConsoleClient.SignInAsync(app, other.UserName, PlatformIntents.Password);
        Assert.Empty(Linked(await elsewhere.GetAsync($"/saran?status=semua&vacancyId={vacancy.Id}")));
    }

    internal static Task<SeekerDto> UnmatchedCookAsync(WorkflowWorld world) =>
        world.Staff.MatchableSeekerAsync(WorkflowIntents.Cook, "5120", region: world.Province, consent: false);

    private static List<long> Linked(ConsolePage page) =>
        [.. page.Document.QuerySelectorAll("tbody a[href^='/saran/']")
            .Select(a => long.Parse(a.GetAttribute("href")!["/saran/".Length..], CultureInfo.InvariantCulture))];
}
