using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LinkMatch.Api.Reports.EqualOpportunity;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;
using static LinkMatch.Api.Tests.Intents.ReportIntents;

namespace LinkMatch.Api.Tests.Reports;

/// <summary>The equal-opportunity report: the arithmetic against hand-computed values, and the funnel of a new
/// office's seekers through the API, with scoping, suppression and bad input.</summary>
public class EqualOpportunityTests
{
    private static FunnelCounts Counts(string group, int people, int suggested, int referred, int hired) =>
        new(null, "sex", group, people, suggested, referred, hired);

    [Fact]
    public void Wilson_intervals_match_hand_computed_values()
    {
        Assert.Equal((0.1124, 0.3304), Round(FunnelAssessment.Wilson(10, 50)));
        Assert.Equal((0.352, 0.648), Round(FunnelAssessment.Wilson(20, 40)));
        Assert.Equal((0.0, 0.1135), Round(FunnelAssessment.Wilson(0, 30)));
        Assert.Equal((0.8865, 1.0), Round(FunnelAssessment.Wilson(30, 30)));
        static (double, double) Round((double Low, double High) i) => (Math.Round(i.Low, 4), Math.Round(i.High, 4));
    }

    [Fact]
    public void Four_fifths_rule_judges_only_groups_of_thirty_and_never_shows_a_count_of_one_to_four()
    {
        var groups = FunnelAssessment.Assess(
        [
            Counts("female", 40, suggested: 10, referred: 0, hired: 3),
            Counts("male", 50, suggested: 25, referred: 0, hired: 10),
            // A rate of 1 in a group of 20 is too few to judge, and not taken as the best.
            Counts("small", 20, suggested: 20, referred: 0, hired: 0),
            // A group of 4 shows nothing.
            Counts("tiny", 4, suggested: 4, referred: 0, hired: 0),
        ]).ToDictionary(g => g.Group);

        var female = groups["female"].Steps.ToDictionary(s => s.Step);
        Assert.Equal(40, groups["female"].People);
        Assert.Equal((10, 0.25, 0.5, "below_four_fifths"), (female["suggested"].Count, female["suggested"].Rate,
            female["suggested"].RatioToBest, female["suggested"].Judgement));
        Assert.Equal((0.1419, 0.4019), (female["suggested"].Low, female["suggested"].High));
        Assert.Equal("best", groups["male"].Steps[0].Judgement);
        Assert.Equal(1.0, groups["male"].Steps[0].RatioToBest);
        // Nobody was referred: every group is at the best rate, zero.
        Assert.All(groups.Values.Where(g => g.People >= 30), g => Assert.Equal("best", g.Steps[1].Judgement));
        // Three hires are suppressed, and the best is the male group's shown rate.
        Assert.Equal((null, "suppressed"), (female["hired"].Count, female["hired"].Judgement));
        Assert.Equal("best", groups["male"].Steps[2].Judgement);
        Assert.Equal("too_few_to_judge", groups["small"].Steps[0].Judgement);
        Assert.Equal(1.0, groups["small"].Steps[0].Rate);
        Assert.Null(groups["tiny"].People);
        Assert.All(groups["tiny"].Steps, s => Assert.Equal((null, "suppressed"), (s.Count, s.Judgement)));
    }

    [Fact]
    public async Task The_funnel_of_an_office_counts_its_seekers_by_group_and_flags_a_low_hiring_ratio()
    {
        var app = await TestApp.SharedAsync();
        var (staff, _, officeId) = await app.StaffAsync();
        var employer = await app.PartnerSinceAsync(officeId, Today.AddDays(-30));
        var registered = new List<(SeekerBody Body, long Id)>();
        // A person is matchable with their consent to matching; one more seeker, without it, is not counted.
        await staff.RegisterAsync(SeekerIntents.NewSeeker());
        for (var i = 0; i < 68; i++)
        {
            var body = SeekerIntents.NewSeeker(Person.New(i % 2 == 0 ? "female" : "male")) with
            {
                // Three women record a disability; six people live outside the office's city.
                Disability = i is 0 or 2 or 4 ? "tunadaksa" : null,
                RegionCode = i % 11 == 5 ? "64.72" : "64.71",
            };
            var id = (await staff.RegisterAsync(body)).Id;
            (await staff.PostAsJsonAsync($"/api/v1/seekers/{id}/consent", new { channel = "paper_form" })).EnsureSuccessStatusCode();
            registered.Add((body, id));
        }

        // Ten men and five women start work this month: 10/34 against 5/34, a ratio of 0.5.
        var vacancy = await staff.PostVacancyForAsync(employer.Id, EmployerIntents.JobVacancy(openings: 20));
        foreach (var (_, id) in registered.Where(r => r.Body.Sex == "male").Take(10)
                     .Concat(registered.Where(r => r.Body.Sex == "female").Skip(3).Take(5)))
        {
            await staff.PlaceAsync(id, vacancy.Id, Today, 4_500_000);
        }

        var month = Today.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var report = await (await staff.GetAsync($"/api/v1/reports/equal-opportunity?from={month}&to={month}"))
            .ReadAsync<JsonElement>();
        Assert.Equal(officeId, report.GetProperty("officeId").GetInt64());
        var groups = report.GetProperty("groups").EnumerateArray()
            .ToDictionary(g => $"{g.GetProperty("dimension").GetString()}/{g.GetProperty("group").GetString()}");
        int? People(string key) => groups[key].GetProperty("people") is { ValueKind: JsonValueKind.Number } p ? p.GetInt32() : null;
        JsonElement Step(string key, string step) => groups[key].GetProperty("steps").EnumerateArray()
            .Single(s => s.GetProperty("step").GetString() == step);

        Assert.Equal(34, People("sex/female"));
        Assert.Equal(34, People("sex/male"));
        Assert.Equal(65, People("disability/none_recorded"));
        Assert.Null(People("disability/recorded"));
        Assert.Equal(6, People("residence/elsewhere"));
        Assert.Equal(62, People("residence/local"));
        var last = new DateOnly(Today.Year, Today.Month, 1).AddMonths(1).AddDays(-1);
        foreach (var band in registered.GroupBy(r => Band(r.Body.BirthDate, last)))
        {
            int? expected = band.Count() is > 0 and < 5 ? null : band.Count();
            Assert.Equal(expected, People($"age_band/{band.Key}"));
        }

        var maleHired = Step("sex/male", "hired");
        var femaleHired = Step("sex/female", "hired");
        Assert.Equal((10, 0.2941, "best"), (maleHired.GetProperty("count").GetInt32(),
            maleHired.GetProperty("rate").GetDouble(), maleHired.GetProperty("judgement").GetString()));
        Assert.Equal((5, 0.5, "below_four_fifths"), (femaleHired.GetProperty("count").GetInt32(),
            femaleHired.GetProperty("ratioToBest").GetDouble(), femaleHired.GetProperty("judgement").GetString()));

        // "Suggested" counts what matching stored for these seekers this month (the vacancy's recompute, and the
        // recomputes of the other offices' vacancies their consent set off), by sex: counted before and after the
        // report is computed, since those jobs run on their own time.
        await staff.WaitForSuggestionsAsync(vacancy.Id, items => items.Count > 0);
        async Task<long> ExposedAsync(string sex) => await app.ScalarAsync<long>(
            "select count(distinct seeker_id) from seeker_exposures where seeker_id = any(@ids)",
            new { ids = registered.Where(r => r.Body.Sex == sex).Select(r => r.Id).ToArray() });
        var before = new[] { await ExposedAsync("female"), await ExposedAsync("male") };
        var refreshed = await (await staff.PostAsync(new Uri(
            $"/api/v1/reports/equal-opportunity/refresh?from={month}&to={month}", UriKind.Relative), null))
            .ReadAsync<JsonElement>(HttpStatusCode.Accepted);
        await app.WaitForJobAsync(refreshed.GetProperty("jobId").GetInt64());
        report = await (await staff.GetAsync($"/api/v1/reports/equal-opportunity?from={month}&to={month}"))
            .ReadAsync<JsonElement>();
        groups = report.GetProperty("groups").EnumerateArray()
            .ToDictionary(g => $"{g.GetProperty("dimension").GetString()}/{g.GetProperty("group").GetString()}");
        var after = new[] { await ExposedAsync("female"), await ExposedAsync("male") };
        foreach (var (sex, i) in new[] { ("female", 0), ("male", 1) })
        {
            var shown = Step($"sex/{sex}", "suggested").GetProperty("count");
            Assert.True(before[i] > 0 || after[i] > 0, $"nobody {sex} was suggested");
            Assert.True(shown.ValueKind == JsonValueKind.Number
                    ? before[i] <= shown.GetInt64() && shown.GetInt64() <= after[i]
                    : before[i] < 5 && after[i] > 0,
                $"{sex}: report {shown}, exposures {before[i]} before and {after[i]} after");
        }

        var csv = await (await staff.GetAsync($"/api/v1/reports/equal-opportunity?from={month}&to={month}&format=csv"))
            .Content.ReadAsStringAsync();
        Assert.StartsWith("office_id,from,to,model_version,dimension,group,people,step,count,rate,", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_canary_alone_in_its_office_is_never_a_count_in_any_group_or_step()
    {
        var app = await TestApp.SharedAsync();
        using var admin = await app.AdminAsync();
        var path = $"/api/v1/reports/equal-opportunity?officeId={app.CanaryOfficeId}";
        var report = await (await admin.GetAsync(path)).ReadAsync<JsonElement>();
        var groups = report.GetProperty("groups").EnumerateArray().ToList();
        // The canary is in one group of every dimension, each of one person: all of it is suppressed.
        Assert.Equal(["age_band", "disability", "education", "residence", "sex"],
            groups.Select(g => g.GetProperty("dimension").GetString()).Distinct().Order());
        Assert.All(groups, g =>
        {
            Assert.Equal(JsonValueKind.Null, g.GetProperty("people").ValueKind);
            Assert.All(g.GetProperty("steps").EnumerateArray(), s =>
                Assert.Equal((JsonValueKind.Null, "suppressed"), (s.GetProperty("count").ValueKind, s.GetProperty("judgement").GetString())));
        });
        var csv = (await (await admin.GetAsync($"{path}&format=csv")).Content.ReadAsStringAsync())
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.NotEmpty(csv);
        Assert.All(csv, cells => Assert.Equal(("", "", "suppressed"), (cells[6], cells[8], cells[^1])));
    }

    [Fact]
    public async Task Only_staff_of_the_office_and_admins_read_it_and_bad_months_name_the_field()
    {
        var app = await TestApp.SharedAsync();
        var (staff, _, officeId) = await app.StaffAsync();
        var (otherStaff, _, _) = await app.StaffAsync();
        var partner = await app.PartnerAsync(officeId);
        using var admin = await app.AdminAsync();
        var path = $"/api/v1/reports/equal-opportunity?officeId={officeId}";
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherStaff.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.Client.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync(path)).StatusCode);
        await (await staff.GetAsync($"{path}&from=2026-13")).AssertProblemAsync(HttpStatusCode.BadRequest, "from");
        await (await staff.GetAsync($"{path}&from=2026-05&to=2026-04")).AssertProblemAsync(HttpStatusCode.BadRequest, "to");
        await (await staff.PostAsync(new Uri($"/api/v1/reports/equal-opportunity/refresh?officeId={officeId}&courseId=1",
            UriKind.Relative), null)).AssertProblemAsync(HttpStatusCode.BadRequest, "courseId");
        Assert.Equal(HttpStatusCode.Accepted, (await staff.PostAsync(new Uri(
            $"/api/v1/reports/equal-opportunity/refresh?officeId={officeId}", UriKind.Relative), null)).StatusCode);
    }

    private static string Band(DateOnly birth, DateOnly on)
    {
        var age = on.Year - birth.Year - (on < birth.AddYears(on.Year - birth.Year) ? 1 : 0);
        return age switch
        {
            < 15 => "under-15",
            < 25 => "15-24",
            < 35 => "25-34",
            < 45 => "35-44",
            < 55 => "45-54",
            _ => "55+",
        };
    }
}
