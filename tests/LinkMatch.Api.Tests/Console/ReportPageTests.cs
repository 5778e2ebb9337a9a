using System.Net;
using System.Net.Http.Json;
using AngleSharp.Dom;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;
using static LinkMatch.Api.Tests.Intents.ReportIntents;

namespace LinkMatch.Api.Tests.Console;

/// <summary>The report pages (/laporan, /laporan/kebutuhan-pelatihan, /laporan/ipk): figures from the API's report
/// handlers, charts with their data tables, CSV as the API sends it, field errors, and who may see what.</summary>
public class ReportPageTests
{
    [Fact]
    public async Task A_staff_member_sees_a_unit_with_unmet_openings_and_the_BLK_course_that_teaches_it()
    {
        var app = await TestApp.SharedAsync();
        var (staff, user, officeId) = await app.StaffAsync();
        var (unitId, unitCode) = await app.CompetencyOfOwnAsync();
        var employer = await app.PartnerSinceAsync(officeId, Today.AddDays(-30));
        await staff.PostVacancyForAsync(employer.Id, EmployerIntents.JobVacancy(openings: 5),
            ("competencies", new[] { new { competencyId = unitId, mandatory = true, minLevel = 1 } }));
        var centre = await app.CreateTrainingCentreAsync(officeId);
        var instructor = await app.InstructorAsync(centre.Id);
        var course = await instructor.CreateCourseAsync(centre.Id, units: [unitCode]);
        using var console = await ConsoleClient.SignInAsync(app, user.UserName, PlatformIntents.Password);

        var page = await console.GetAsync($"/laporan/kebutuhan-pelatihan?officeId={officeId}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains($"Kebutuhan pelatihan: Disnaker", page.MainText, StringComparison.Ordinal);
        var row = Assert.Single(page.Document.QuerySelectorAll("#kesenjangan tbody tr"));
        Assert.Contains($"#1 Unit {unitCode}", ConsolePage.Collapse(row.Children[0].TextContent), StringComparison.Ordinal);
        Assert.Contains("Kurang", row.Children[0].TextContent, StringComparison.Ordinal);
        Assert.Equal(("5 | 5 wajib · 0 tambahan", "0 | 0 pemegang + 0 calon lulusan", "5", "0%"),
            (Cell(row, "Kebutuhan"), Cell(row, "Pasokan"), Cell(row, "Belum terpenuhi"), Cell(row, "Cakupan")));

        // The course teaching the unit, with the cohort size the API suggests for it.
        var api = await staff.ReportAsync<TrainingGapReportDto>($"/api/v1/reports/training-gaps?officeId={officeId}");
        var suggested = Assert.Single(api.Gaps).Courses.Single(c => c.CourseId == course.Id).SuggestedCohortSize;
        Assert.NotNull(suggested);
        var courses = Cell(row, "Kejuruan BLK yang mengajarkannya");
        Assert.Contains($"{course.Title} ({course.Code}) — {centre.Name}", courses, StringComparison.Ordinal);
        Assert.Contains($"angkatan disarankan {suggested} orang", courses, StringComparison.Ordinal);
        Assert.Equal([[$"Unit {unitCode}", "5", "0", "5"]],
            ChartTables.Rows(page, "1 kesenjangan kompetensi terbesar"));

        // The download is the API's CSV of the same snapshot.
        var href = page.Document.QuerySelectorAll("main a").Select(a => a.GetAttribute("href"))
            .Single(h => h?.Contains("handler=csv", StringComparison.Ordinal) == true)!;
        var download = await console.GetAsync(href);
        Assert.Equal("text/csv", download.Response.Content.Headers.ContentType?.MediaType);
        using var csv = await staff.GetAsync($"/api/v1/reports/training-gaps?officeId={officeId}&format=csv");
        Assert.Equal(await csv.Content.ReadAsStringAsync(), download.Html);
        var rows = Reports.CsvDownloads.ParseCsv(download.Html);
        var gap = rows[0].Zip(Assert.Single(rows.Skip(1))).ToDictionary(p => p.First, p => p.Second);
        Assert.Equal((unitCode, 5m, $"{centre.Code}/{course.Code}"), (gap["competency_code"],
            decimal.Parse(gap["unmet"], System.Globalization.CultureInfo.InvariantCulture), gap["courses"]));
    }

    [Fact]
    public async Task Another_offices_gaps_are_the_404_page_and_an_office_with_a_region_is_a_field_error()
    {
        var app = await TestApp.SharedAsync();
        var (_, user, officeId) = await app.StaffAsync();
        var (_, _, otherOffice) = await app.StaffAsync();
        using var console = await ConsoleClient.SignInAsync(app, user.UserName, PlatformIntents.Password);

        var foreign = await console.GetAsync($"/laporan/kebutuhan-pelatihan?officeId={otherOffice}");
        Assert.Equal(HttpStatusCode.NotFound, foreign.Status);
        Assert.Contains("Tidak ditemukan", foreign.MainText, StringComparison.Ordinal);

        var both = await console.GetAsync($"/laporan/kebutuhan-pelatihan?officeId={officeId}&regionCode=64.71");
        Assert.Equal("Give an office or a region, not both.",
            both.Document.QuerySelector("#err-regionCode")?.TextContent);
        Assert.Equal("true", both.Document.QuerySelector("#regionCode")!.GetAttribute("aria-invalid"));
        Assert.Null(both.Document.QuerySelector("#kesenjangan"));
        var malformed = await console.GetAsync("/laporan/kebutuhan-pelatihan?regionCode=6");
        Assert.NotNull(malformed.Document.QuerySelector("#err-regionCode"));
    }

    [Fact]
    public async Task The_IPK_page_shows_a_placement_made_this_month_and_is_not_for_instructors()
    {
        var app = await TestApp.SharedAsync();
        var (staff, user, officeId) = await app.StaffAsync();
        var employer = await app.PartnerSinceAsync(officeId, Today.AddDays(-30));
        var vacancy = await staff.PostVacancyForAsync(employer.Id, EmployerIntents.JobVacancy(openings: 2));
        var seeker = await staff.RegisterAsync(SeekerIntents.NewSeeker(Person.New("female")) with
        {
            RegisteredOn = Today,
        });
        await staff.PlaceAsync(seeker.Id, vacancy.Id, Today, 4_700_000);
        using var console = await ConsoleClient.SignInAsync(app, user.UserName, PlatformIntents.Password);

        var page = await console.GetAsync("/laporan/ipk");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(("1", "1", "1"), (Card(page, "Pencari kerja terdaftar"), Card(page, "Lowongan terdaftar"),
            Card(page, "Penempatan")));
        // Six months up to this one, on the line chart's table: the seeker, vacancy (two openings) and placement
        // all fall in this month.
        var months = ChartTables.Rows(page, "Pencari kerja, lowongan dan penempatan per bulan");
        Assert.Equal(6, months.Count);
        Assert.Equal(["1", "1", "2", "1"], months[^1][1..]);
        Assert.All(months.Take(months.Count - 1), m => Assert.Equal(["0", "0", "0", "0"], m[1..]));
        Assert.Equal([["Perempuan", "1", "0", "1"], ["Laki-laki/perempuan", "0", "1", "0"]],
            ChartTables.Rows(page, "Menurut jenis kelamin"));
        var kbli = Assert.Single(ChartTables.Rows(page, "Menurut kategori lapangan usaha (KBLI)"));
        Assert.StartsWith("C ", kbli[0], StringComparison.Ordinal);
        Assert.Equal(["1", "1"], kbli[1..]);

        var href = page.Document.QuerySelectorAll("main a").Select(a => a.GetAttribute("href"))
            .Single(h => h?.Contains("handler=csv", StringComparison.Ordinal) == true)!;
        var download = await console.GetAsync(href);
        Assert.Equal("text/csv", download.Response.Content.Headers.ContentType?.MediaType);
        var query = href[(href.IndexOf("officeId", StringComparison.Ordinal))..];
        using var csv = await staff.GetAsync($"/api/v1/reports/ipk?{query}&format=csv");
        Assert.Equal(await csv.Content.ReadAsStringAsync(), download.Html);
        Assert.Contains($"{officeId},{Today:yyyy-MM},placements,total,all,,1,", download.Html, StringComparison.Ordinal);

        // A month that is not one, and a range too long, are field errors beside their inputs.
        var badMonth = await console.GetAsync("/laporan/ipk?from=2026-13&to=2026-12");
        Assert.NotNull(badMonth.Document.QuerySelector("#err-from"));
        var tooLong = await console.GetAsync("/laporan/ipk?from=2024-01&to=2026-12");
        Assert.Equal("A report covers at most 24 months.", tooLong.Document.QuerySelector("#err-to")?.TextContent);

        // Instructors do not see IPK: not in their index of reports, and the page is refused.
        var centre = await app.CreateTrainingCentreAsync(officeId);
        var instructor = await app.CreateUserAsync("instructor", trainingCentreId: centre.Id);
        using var instructorConsole = await ConsoleClient.SignInAsync(app, instructor.UserName, PlatformIntents.Password);
        var index = await instructorConsole.GetAsync("/laporan");
        Assert.Contains("href=\"/laporan/kebutuhan-pelatihan\"", index.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/laporan/ipk\"", index.Html, StringComparison.Ordinal);
        Assert.Contains("href=\"/laporan/ipk\"", (await console.GetAsync("/laporan")).Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await instructorConsole.GetAsync("/laporan/ipk")).Status);
    }

    [Fact]
    public async Task The_equal_opportunity_page_hides_small_counts_downloads_the_apis_csv_and_is_not_for_instructors()
    {
        var app = await TestApp.SharedAsync();
        var (staff, user, officeId) = await app.StaffAsync();
        // Three women with consent to matching: a group of three shows no count.
        for (var i = 0; i < 3; i++)
        {
            var id = (await staff.RegisterAsync(SeekerIntents.NewSeeker(Person.New("female")))).Id;
            (await staff.PostAsJsonAsync($"/api/v1/seekers/{id}/consent", new { channel = "paper_form" }))
                .EnsureSuccessStatusCode();
        }

        using var console = await ConsoleClient.SignInAsync(app, user.UserName, PlatformIntents.Password);
        var page = await console.GetAsync("/laporan/kesempatan-setara");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Tidak ada kelompok (30 orang atau lebih) dengan rasio di bawah 0,8.", page.MainText,
            StringComparison.Ordinal);
        // The overall funnel's table comes first; tables per model version follow once matching has suggested.
        var women = page.Document.QuerySelectorAll("table tbody tr")
            .First(r => r.QuerySelector("th")?.TextContent == "Perempuan");
        Assert.Equal("disembunyikan", Cell(women, "Orang"));
        Assert.Contains("disembunyikan", Cell(women, "Disarankan"), StringComparison.Ordinal);
        Assert.DoesNotContain("3", Cell(women, "Disarankan"), StringComparison.Ordinal);

        var href = page.Document.QuerySelectorAll("main a").Select(a => a.GetAttribute("href"))
            .Single(h => h?.Contains("handler=csv", StringComparison.Ordinal) == true)!;
        var download = await console.GetAsync(href);
        var query = href[(href.IndexOf("officeId", StringComparison.Ordinal))..];
        using var csv = await staff.GetAsync($"/api/v1/reports/equal-opportunity?{query}&format=csv");
        Assert.Equal(await csv.Content.ReadAsStringAsync(), download.Html);

        var badMonth = await console.GetAsync("/laporan/kesempatan-setara?from=2026-13&to=2026-12");
        Assert.NotNull(badMonth.Document.QuerySelector("#err-from"));
        var centre = await app.CreateTrainingCentreAsync(officeId);
        var instructor = await app.CreateUserAsync("instructor", trainingCentreId: centre.Id);
        using var instructorConsole = await ConsoleClient.SignInAsync(app, instructor.UserName, PlatformIntents.Password);
        Assert.DoesNotContain("href=\"/laporan/kesempatan-setara\"", (await instructorConsole.GetAsync("/laporan")).Html,
            StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await instructorConsole.GetAsync("/laporan/kesempatan-setara")).Status);
    }

    /// <summary>A cell's text by its column, its lines (br) separated by " | ".</summary>
    private static string Cell(IElement row, string label)
    {
        var cell = (IElement)(row.QuerySelector($"td[data-label=\"{label}\"]")
            ?? throw new InvalidOperationException($"no cell '{label}' in {row.TextContent}")).Clone();
        foreach (var br in cell.QuerySelectorAll("br").ToList())
        {
            br.Replace(br.Owner!.CreateTextNode(" | "));
        }

        return ConsolePage.Collapse(cell.TextContent);
    }

    private static string Card(ConsolePage page, string title) =>
        page.Document.QuerySelectorAll("main .card").Single(c => c.QuerySelector("h3")?.TextContent == title)
            .QuerySelector(".big")!.TextContent.Trim();
}
