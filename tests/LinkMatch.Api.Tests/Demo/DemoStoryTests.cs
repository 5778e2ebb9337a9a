using System.Globalization;
using System.Text.RegularExpressions;
using LinkMatch.Api.Demo;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;

namespace LinkMatch.Api.Tests.Demo;

/// <summary>"What the demo shows" in Demo/README.md, sentence by sentence, against the reports of a freshly loaded
/// demo world (the default seed, anchored on <see cref="Anchor"/>): the three gaps at the top of the training-gap
/// report and the courses that close them, the course with the weakest uptake, and the MoU partners that hire most
/// of the BLKs' graduates. The figures the README quotes are read from the same reports.</summary>
public class DemoStoryTests
{
    /// <summary>The anchor date the README's figures are for (also the shipped baseline model's).</summary>
    public static readonly DateOnly Anchor = new(2026, 11, 23);

    [Fact]
    public async Task The_README_story_is_what_the_reports_show_on_a_fresh_demo_world()
    {
        var app = await TestApp.StartIsolatedAsync("demo_story", new Dictionary<string, string>
        {
            ["Demo__Enabled"] = "true",
            ["Demo__AnchorDate"] = Anchor.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Jobs__Workers"] = "0",
        });
        try
        {
            var story = StorySection();
            using var staff = await app.SignInAsync(DemoAccounts.CityStaff, DemoAccounts.Password);
            AssertGaps(story, await staff.ReportAsync<TrainingGapReportDto>("/api/v1/reports/training-gaps"));

            using var admin = await app.SignInAsync(DemoAccounts.Admin, DemoAccounts.Password);
            var centres = await admin.ReportAsync<SeekerIntents.PageOf<TrainingCentreUptakeDto>>(
                "/api/v1/training-centres/uptake?pageSize=50");
            var reports = new List<UptakeReportDto>();
            foreach (var centre in centres.Items)
            {
                reports.Add(await admin.ReportAsync<UptakeReportDto>($"/api/v1/training-centres/{centre.Id}/uptake"));
            }

            AssertWeakestUptake(story, reports);
            AssertPartnersThatHireMost(story, reports);
        }
        finally
        {
            await app.StopAsync();
        }
    }

    /// <summary>The city's report leads with three real shortages, the first two with the BLK course that closes
    /// them, the third taught nowhere; few units are short at all, and every hospitality unit is oversupplied.</summary>
    private static void AssertGaps(string story, TrainingGapReportDto report)
    {
        Assert.Equal("64.71", report.RegionCode);
        var top = report.Gaps.Take(3).ToList();
        Assert.Equal(["C.251000.014.01", "SIO-ALAT-BERAT", "B.051000.013.01"], top.Select(g => g.Code));
        Assert.All(top, g => Assert.True(g.Unmet >= 10 && g.Coverage < 0.5m, $"{g.Code}: unmet {g.Unmet}, coverage {g.Coverage}"));
        var shortUnits = report.Gaps.Count(g => g.Unmet > 0);
        Assert.True(report.Gaps[3].Unmet * 3 < top[2].Unmet, $"fourth unmet {report.Gaps[3].Unmet}");
        Assert.All(report.Gaps.Where(g => g.Code.StartsWith("I.", StringComparison.Ordinal) || g.Code.StartsWith("PAR.", StringComparison.Ordinal)),
            g => Assert.True(g.Coverage >= 2, $"{g.Code}: coverage {g.Coverage}"));

        var welding = top[0].Courses.First();
        Assert.Equal(("K02-WELDING-PIPE", "BLK-BPN-IND", true), (welding.Code, welding.TrainingCentreCode, welding.InScope));
        var operators = Assert.Single(top[1].Courses);
        Assert.Equal(("K10-HEAVY-OPERATOR", "BLK-KALTIM", false), (operators.Code, operators.TrainingCentreCode, operators.InScope));
        Assert.Empty(top[2].Courses);

        var at = 0;
        foreach (var (gap, course) in top.Zip(new GapCourseDto?[] { welding, operators, null }))
        {
            at = AssertInOrder(story, at, $"**{gap.Title}** (`{gap.Code}`");
            at = AssertInOrder(story, at, $"{gap.MandatoryOpenings} openings ask for it, {gap.Holders} active job seekers in the city hold it");
            if (course is not null)
            {
                at = AssertInOrder(story, at, $"*{course.Title}* ({course.Code}, {course.TrainingCentreName})");
            }
        }

        AssertInOrder(story, at, $"Only {Words(shortUnits)} units are short");
    }

    /// <summary>One course's graduates rarely find work: far fewer than any other course's.</summary>
    private static void AssertWeakestUptake(string story, List<UptakeReportDto> reports)
    {
        var courses = reports.SelectMany(r => r.ByCourse.Select(c => (Centre: r.Name, Course: c)))
            .Where(x => x.Course.Figures.Graduates > 0)
            .Select(x => (x.Centre, x.Course, Rate: x.Course.Figures.PlacedWithin12Months / (double)x.Course.Figures.Graduates))
            .OrderBy(x => x.Rate).ToList();
        Assert.Equal(12, courses.Count);
        var (centre, weakest, rate) = courses[0];
        Assert.Equal("K09-IT-SUPPORT", weakest.Code);
        Assert.True(rate < 0.6 * courses[1].Rate, $"weakest {rate:0.00}, next {courses[1].Rate:0.00}");
        Assert.True(courses[^1].Rate > 3 * rate, $"best {courses[^1].Rate:0.00}");

        var at = AssertInOrder(story, 0, $"*{weakest.Title}* ({weakest.Code}, {centre})");
        at = AssertInOrder(story, at, $"{weakest.Figures.PlacedWithin12Months} of its {weakest.Figures.Graduates} graduates ({Percent(rate)} %)");
        AssertInOrder(story, at, $"against {Percent(courses[1].Rate)} % to {Percent(courses[^1].Rate)} % for the other courses");
    }

    /// <summary>Two partners, each with an MoU and apprenticeship intakes, hire most of the BLKs' graduates.</summary>
    private static void AssertPartnersThatHireMost(string story, List<UptakeReportDto> reports)
    {
        var partners = reports.SelectMany(r => r.ByEmployer).GroupBy(e => e.EmployerId)
            .Select(g => (g.First().Name, Placed: g.Sum(e => e.Placed), AtMou: g.Sum(e => e.AtMouPartner),
                Apprentices: g.Sum(e => e.Apprenticeships)))
            .OrderByDescending(p => p.Placed).ToList();
        Assert.Equal(["PT Kilang Borneo Rekayasa", "PT Mahakam Alam Tambang"], partners.Take(2).Select(p => p.Name));
        Assert.True(partners[1].Placed > 1.3 * partners[2].Placed, $"second {partners[1].Placed}, third {partners[2].Placed}");
        var at = 0;
        foreach (var partner in partners.Take(2))
        {
            Assert.Equal(partner.Placed, partner.AtMou);
            Assert.True(partner.Apprentices * 2 > partner.Placed, $"{partner.Name}: {partner.Apprentices} apprentices");
            at = AssertInOrder(story, at, $"{partner.Name} ({partner.Placed} graduates, {partner.Apprentices} of them as apprentices");
        }
    }

    private static string StorySection()
    {
        var readme = File.ReadAllText(RepositoryFiles.PathOf("src", "LinkMatch.Api", "Demo", "README.md"));
        var start = readme.IndexOf("## What the demo shows", StringComparison.Ordinal);
        Assert.True(start >= 0, "Demo/README.md has no section 'What the demo shows'");
        var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return Regex.Replace(readme[start..(end < 0 ? readme.Length : end)], @"\s+", " ");
    }

    /// <summary>Finds the text in the story at or after a position (line breaks read as spaces); the position after it.</summary>
    private static int AssertInOrder(string story, int from, string text)
    {
        var at = story.IndexOf(text, from, StringComparison.Ordinal);
        Assert.True(at >= 0, $"Demo/README.md, 'What the demo shows', does not say (here): {text}");
        return at + text.Length;
    }

    private static string Percent(double rate) => Math.Round(100 * rate, MidpointRounding.AwayFromZero).ToString(CultureInfo.InvariantCulture);

    private static string Words(int n) => n switch
    {
        3 => "three",
        4 => "four",
        5 => "five",
        6 => "six",
        _ => n.ToString(CultureInfo.InvariantCulture),
    };
}
