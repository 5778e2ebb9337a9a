using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using LinkMatch.Api.Demo;
using Microsoft.Playwright;

namespace LinkMatch.Api.Tests.Console.Browser;

/// <summary>A BLK instructor in the browser: from the home page to their centre's uptake chart, whose bars and data
/// table carry the same figures as the API's report, and its CSV download.</summary>
[Collection(ConsoleBrowser.Collection)]
public class InstructorBrowserTests(ConsoleBrowser browser)
{
    private static readonly CultureInfo Indonesian = CultureInfo.GetCultureInfo("id-ID");

    [Fact]
    public async Task An_instructor_sees_the_uptake_chart_of_their_blk_with_its_table_and_downloads_the_csv()
    {
        using var api = await browser.App.SignInAsync(DemoAccounts.Instructor, DemoAccounts.Password);
        var me = await api.GetFromJsonAsync<JsonElement>("/api/v1/auth/me");
        var centre = me.GetProperty("trainingCentreId").GetInt64();
        var report = await api.GetFromJsonAsync<JsonElement>($"/api/v1/training-centres/{centre}/uptake");
        var courses = report.GetProperty("byCourse").EnumerateArray().ToList();
        Assert.NotEmpty(courses);

        await using var tab = await browser.OpenAsync();
        await tab.RunAsync(async () =>
        {
            await tab.SignInAsync(DemoAccounts.Instructor, DemoAccounts.Password);

            // The home page shows the centre at a glance and leads to its page.
            await Assertions.Expect(tab.Page.Locator("main figure.chart svg[role=img]").First).ToBeVisibleAsync();
            var opened = tab.Page.WaitForURLAsync($"**/blk/{centre}");
            await tab.Page.Locator($"main a[href='/blk/{centre}']").First.ClickAsync();
            await opened;

            // The course chart: a title, one group of bars per course, and the same figures in its table.
            var chart = tab.Page.Locator("figure.chart").Filter(new() { Has = tab.Page.GetByText("Lulusan dan yang bekerja per kejuruan") });
            await Assertions.Expect(chart).ToHaveCountAsync(1);
            await Assertions.Expect(chart.Locator("svg[role=img] > title")).ToContainTextAsync("Lulusan dan yang bekerja per kejuruan");
            Assert.True(await chart.Locator("svg rect").CountAsync() >= courses.Count);
            var rows = chart.Locator(".chart-table tbody tr");
            await Assertions.Expect(rows).ToHaveCountAsync(courses.Count);
            foreach (var course in courses)
            {
                var title = course.GetProperty("title").GetString()!;
                var graduates = course.GetProperty("figures").GetProperty("graduates").GetInt32();
                var row = rows.Filter(new() { Has = tab.Page.GetByRole(AriaRole.Rowheader, new() { Name = title, Exact = true }) });
                await Assertions.Expect(row.Locator("td").First).ToHaveTextAsync(graduates.ToString("N0", Indonesian));
            }

            // The CSV is the API's, downloaded by the browser.
            var download = await tab.Page.RunAndWaitForDownloadAsync(() =>
                tab.Page.GetByRole(AriaRole.Link, new() { Name = "Unduh CSV" }).First.ClickAsync());
            var path = await download.PathAsync();
            var csv = await File.ReadAllTextAsync(path!);
            var fromApi = await api.GetStringAsync($"/api/v1/training-centres/{centre}/uptake?format=csv");
            Assert.Equal(fromApi, csv);
            tab.AssertNoComplaints();
        });
    }
}
