using System.Net;
using AngleSharp.Dom;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;
using LinkMatch.Api.Tests.Reports;
using static LinkMatch.Api.Tests.Intents.ReportIntents;

namespace LinkMatch.Api.Tests.Console;

/// <summary>The BLK pages (/blk, /blk/{id}): graduate uptake from the API's uptake handler, its charts with their
/// data tables, the CSV the API sends, recomputing, and another BLK's page as the 404 page.</summary>
public class TrainingPageTests
{
    /// <summary>A BLK of a new office with one course and a cohort that completed 400 days ago: three graduates, one
    /// placed 30 days after completing (at an MoU partner), one 270 days after (about nine months, at an employer
    /// whose MoU came later), one not placed.</summary>
    private sealed record World(TestApp App, HttpClient Staff, TrainingCentreDto Centre, UserDto Instructor,
        HttpClient InstructorApi, CourseDto Course, CohortDto Cohort, long Unplaced, DateOnly Completed, VacancyDto Job);

    private static async Task<World> WorldAsync(TestApp app)
    {
        var (staff, _, officeId) = await app.StaffAsync();
        var centre = await app.CreateTrainingCentreAsync(officeId);
        var user = await app.CreateUserAsync("instructor", trainingCentreId: centre.Id);
        var instructor = await app.SignInAsync(user.UserName, PlatformIntents.Password);
        var course = await instructor.CreateCourseAsync(centre.Id);
        var completed = Today.AddDays(-400);
        var cohort = await instructor.CreateCohortAsync(course.Id, startsOn: completed.AddDays(-90), endsOn: completed);
        var partner = await app.PartnerSinceAsync(officeId, Today.AddDays(-800));
        var recent = await app.PartnerSinceAsync(officeId, Today.AddDays(-10));
        var partnerJob = await staff.PostVacancyForAsync(partner.Id, EmployerIntents.JobVacancy(openings: 3));
        var recentJob = await staff.PostVacancyForAsync(recent.Id, EmployerIntents.JobVacancy(openings: 3));
        var seekers = new long[3];
        for (var i = 0; i < seekers.Length; i++)
        {
            seekers[i] = (await staff.RegisterAsync(SeekerIntents.NewSeeker())).Id;
            await instructor.CompleteAsync((await instructor.EnrolAsync(cohort.Id, seekers[i])).Id, completed);
        }

        await staff.PlaceAsync(seekers[0], partnerJob.Id, completed.AddDays(30), 4_800_000);
        await staff.PlaceAsync(seekers[1], recentJob.Id, completed.AddDays(270), 5_200_000);
        return new World(app, staff, centre, user, instructor, course, cohort, seekers[2], completed, partnerJob);
    }

    private static Task<ConsoleClient> SignInAsync(World w) =>
        ConsoleClient.SignInAsync(w.App, w.Instructor.UserName, PlatformIntents.Password);

    [Fact]
    public async Task An_instructor_sees_where_their_graduates_went_with_the_12_month_column_counting_the_late_hire()
    {
        var app = await TestApp.SharedAsync();
        var w = await WorldAsync(app);
        using var console = await SignInAsync(w);

        var list = await console.GetAsync("/blk");
        Assert.Equal(HttpStatusCode.OK, list.Status);
        var row = Assert.Single(list.Document.QuerySelectorAll("main table.stack tbody tr"));
        Assert.Equal($"/blk/{w.Centre.Id}", row.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal(("3", "1 (33%)", "2 (67%)"), (Cell(row, "Lulusan"), Cell(row, "Bekerja ≤ 3 bulan"),
            Cell(row, "Bekerja ≤ 12 bulan")));

        var page = await console.GetAsync($"/blk/{w.Centre.Id}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains($"Serapan lulusan: {w.Centre.Name}", page.MainText, StringComparison.Ordinal);
        Assert.Matches(@"Dihitung \d{1,2} \w+ \d{4} \d{2}\.\d{2} WITA \(saat pertama diminta\)", page.MainText);
        Assert.Equal(("3", "1", "1", "2"), (Card(page, "Lulusan"), Card(page, "Bekerja ≤ 3 bulan"),
            Card(page, "Bekerja ≤ 6 bulan"), Card(page, "Bekerja ≤ 12 bulan")));
        Assert.Contains("1 di mitra MoU · 1 di perusahaan lain · 0 pemagangan", page.MainText, StringComparison.Ordinal);

        // The course's row, its bars' data table and the cohort's agree: 3 graduates, 1 / 1 / 2 placed.
        var course = page.Document.QuerySelector("#kejuruan tbody tr")!;
        Assert.Equal(("3", "1 (33%)", "1 (33%)", "2 (67%)", "1", "1", "150"),
            (Cell(course, "Lulusan"), Cell(course, "Bekerja ≤ 3 bulan"), Cell(course, "Bekerja ≤ 6 bulan"),
                Cell(course, "Bekerja ≤ 12 bulan"), Cell(course, "Di mitra MoU"), Cell(course, "Di perusahaan lain"),
                Cell(course, "Median hari sampai bekerja")));
        Assert.Equal([[w.Course.Title, "3", "1", "1", "2"]],
            ChartTables.Rows(page, "Lulusan dan yang bekerja per kejuruan"));
        Assert.Equal(["Kejuruan", "Lulusan", "Bekerja ≤ 3 bulan", "Bekerja ≤ 6 bulan", "Bekerja ≤ 12 bulan"],
            ChartTables.Header(page, "Lulusan dan yang bekerja per kejuruan"));
        Assert.Equal([[w.Cohort.Name, "3", "1", "1", "2"]],
            ChartTables.Rows(page, $"Lulusan dan yang bekerja per angkatan: {w.Course.Title}"));
        Assert.Contains($"/blk/{w.Centre.Id}?handler=csv",
            page.Document.QuerySelectorAll("main a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public async Task The_csv_download_is_the_apis_own_csv_with_the_same_figures()
    {
        var app = await TestApp.SharedAsync();
        var w = await WorldAsync(app);
        using var console = await SignInAsync(w);

        var download = await console.GetAsync($"/blk/{w.Centre.Id}?handler=csv");
        Assert.Equal(HttpStatusCode.OK, download.Status);
        Assert.Equal("text/csv", download.Response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"attachment; filename=\"uptake-training_centre_{w.Centre.Id}.csv\"",
            download.Response.Content.Headers.ContentDisposition?.ToString());
        var rows = CsvDownloads.ParseCsv(download.Html);
        var total = rows[0].Zip(rows[1]).ToDictionary(p => p.First, p => p.Second);
        Assert.Equal(("total", "3", "2", "1", "1", "2", "1"), (total["section"], total["graduates"], total["placed"],
            total["placed_within_3_months"], total["placed_within_6_months"], total["placed_within_12_months"],
            total["placed_at_mou_partner"]));

        // Byte for byte what the API answers for the same snapshot.
        using var api = await w.InstructorApi.GetAsync($"/api/v1/training-centres/{w.Centre.Id}/uptake?format=csv");
        Assert.Equal(await api.Content.ReadAsStringAsync(), download.Html);
    }

    [Fact]
    public async Task Hitung_ulang_recomputes_the_snapshot_and_the_page_then_counts_the_new_placement()
    {
        var app = await TestApp.SharedAsync();
        var w = await WorldAsync(app);
        using var console = await SignInAsync(w);
        var before = await console.GetAsync($"/blk/{w.Centre.Id}");
        Assert.Equal("2", Card(before, "Bekerja ≤ 12 bulan"));

        // The third graduate starts ten months after completing: stored figures do not change until recomputed.
        await w.Staff.PlaceAsync(w.Unplaced, w.Job.Id, w.Completed.AddDays(300), 4_500_000);
        Assert.Equal("2", Card(await console.GetAsync($"/blk/{w.Centre.Id}"), "Bekerja ≤ 12 bulan"));

        var answer = await console.SubmitAsync(before);
        Assert.Equal(HttpStatusCode.Redirect, answer.Status);
        var next = await console.FollowAsync(answer);
        Assert.Contains("sedang dihitung ulang", next.Document.QuerySelector(".flash")!.TextContent,
            StringComparison.Ordinal);

        var deadline = DateTime.UtcNow.AddSeconds(60);
        var page = next;
        while (!page.MainText.Contains("oleh tugas latar belakang", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, "the recompute did not reach the page within a minute");
            await Task.Delay(250);
            page = await console.GetAsync($"/blk/{w.Centre.Id}");
        }

        Assert.Equal(("3", "1", "3"), (Card(page, "Lulusan"), Card(page, "Bekerja ≤ 3 bulan"),
            Card(page, "Bekerja ≤ 12 bulan")));
        Assert.Equal([[w.Course.Title, "3", "1", "1", "3"]],
            ChartTables.Rows(page, "Lulusan dan yang bekerja per kejuruan"));
    }

    [Fact]
    public async Task Another_BLKs_page_its_csv_and_its_recompute_are_the_404_page_for_an_instructor()
    {
        var app = await TestApp.SharedAsync();
        var w = await WorldAsync(app);
        var other = await app.CreateTrainingCentreAsync();
        var otherUser = await app.CreateUserAsync("instructor", trainingCentreId: other.Id);
        using var console = await ConsoleClient.SignInAsync(app, otherUser.UserName, PlatformIntents.Password);

        foreach (var path in new[] { $"/blk/{w.Centre.Id}", $"/blk/{w.Centre.Id}?handler=csv" })
        {
            var refused = await console.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, refused.Status);
            Assert.Equal("text/html", refused.Response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("Tidak ditemukan", refused.MainText, StringComparison.Ordinal);
        }

        // Their own list does not link to it; a recompute of it, with a valid form token, is refused too and
        // enqueues nothing.
        var list = await console.GetAsync("/blk");
        Assert.DoesNotContain($"href=\"/blk/{w.Centre.Id}\"", list.Html, StringComparison.Ordinal);
        var own = await console.GetAsync($"/blk/{other.Id}");
        var token = own.Form().QuerySelector("input[name=__af]")!.GetAttribute("value")!;
        var post = await console.PostAsync($"/blk/{w.Centre.Id}?handler=Refresh", [new("__af", token)]);
        Assert.Equal(HttpStatusCode.NotFound, post.Status);
        var key = $"report:uptake:training_centre:{w.Centre.Id}";
        Assert.DoesNotContain(await app.JobsOfKindAsync("reports.compute"), j => j.UniqueKey == key);
    }

    /// <summary>The text of a row's cell by its column (the data-label a phone shows).</summary>
    private static string Cell(IElement row, string label) =>
        ConsolePage.Collapse(row.QuerySelector($"td[data-label=\"{label}\"]")?.TextContent
            ?? throw new InvalidOperationException($"no cell '{label}' in {row.TextContent}"));

    /// <summary>The big number of a headline card.</summary>
    private static string Card(ConsolePage page, string title) =>
        page.Document.QuerySelectorAll("main .card").Single(c => c.QuerySelector("h3")?.TextContent == title)
            .QuerySelector(".big")!.TextContent.Trim();
}

/// <summary>Reads a chart's data table (the figure's table beside its SVG) by the chart's caption.</summary>
public static class ChartTables
{
    public static List<string[]> Rows(ConsolePage page, string caption) =>
        [.. Figure(page, caption).QuerySelectorAll(".chart-table tbody tr")
            .Select(tr => tr.Children.Select(c => c.TextContent.Trim()).ToArray())];

    public static string[] Header(ConsolePage page, string caption) =>
        [.. Figure(page, caption).QuerySelectorAll(".chart-table thead th").Select(th => th.TextContent.Trim())];

    private static IElement Figure(ConsolePage page, string caption) =>
        page.Document.QuerySelectorAll("figure.chart").SingleOrDefault(f => f.QuerySelector("figcaption")?.TextContent == caption)
            ?? throw new InvalidOperationException($"no chart '{caption}' on the page: "
                + string.Join(" | ", page.Document.QuerySelectorAll("figure.chart figcaption").Select(c => c.TextContent)));
}
