using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LinkMatch.Api.Demo;
using LinkMatch.Api.PersonalData;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;

namespace LinkMatch.Api.Tests.Demo;

public class DemoWorldTests
{
    private static readonly DateOnly Anchor = new(2026, 11, 1);

    private static DemoWorld Small(int seed = 7) =>
        WorldGenerator.Generate(new DemoOptions { Seed = seed, Seekers = 1500, Employers = 30, Vacancies = 200 }, Anchor);

    [Fact]
    public void The_same_seed_and_anchor_give_the_same_world_and_another_seed_another()
    {
        var a = JsonSerializer.Serialize(Summary(Small()));
        var b = JsonSerializer.Serialize(Summary(Small()));
        var c = JsonSerializer.Serialize(Summary(Small(seed: 8)));
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Every_generated_NIK_is_valid_and_agrees_with_birth_date_and_sex()
    {
        var world = Small();
        Assert.Equal(world.Seekers.Count, world.Seekers.Select(s => s.Nik).Distinct().Count());
        foreach (var s in world.Seekers)
        {
            Assert.True(Nik.TryParse(s.Nik, out var info, out var error), error);
            Assert.True(info.MatchesBirthDate(s.BirthDate));
            Assert.Equal(s.Sex == "female", info.Female);
        }
    }

    [Fact]
    public void Hires_follow_fit_not_chance()
    {
        var world = Small();
        Assert.NotEmpty(world.Placements);
        var hired = world.Placements.Select(p => (world.Seekers[p.SeekerId - 1], world.Vacancies[p.VacancyId - 1])).ToList();
        // Compare the hidden fit of each hire with that of a random same-trade seeker for the same vacancy.
        var dice = new Random(1);
        double hiredFit = 0, otherFit = 0;
        foreach (var (seeker, vacancy) in hired)
        {
            hiredFit += HiringHistory.Fit(seeker, vacancy, false, false);
            var peers = world.Seekers.Where(s => s.Trade == vacancy.Trade).ToList();
            otherFit += HiringHistory.Fit(peers[dice.Next(peers.Count)], vacancy, false, false);
        }

        Assert.True(hiredFit / hired.Count > otherFit / hired.Count + 1.0,
            $"hired {hiredFit / hired.Count:0.00} vs peers {otherFit / hired.Count:0.00}");
        Assert.All(hired, h => Assert.True(h.Item1.RegisteredOn <= h.Item2.ClosesOn));
        Assert.All(world.Vacancies, v => Assert.InRange(v.Filled, 0, v.Openings));
        Assert.All(world.Vacancies.Where(v => v.Type == "apprenticeship"),
            v => Assert.True(world.Mous[v.MouId - 1].Scopes.Contains("apprenticeship")));
    }

    [Fact]
    public async Task Demo_mode_loads_once_with_an_account_per_role_and_an_employer_key()
    {
        var app = await TestApp.StartIsolatedAsync("demo", new Dictionary<string, string>
        {
            ["Demo__Enabled"] = "true",
            ["Demo__Seekers"] = "400",
            ["Demo__Employers"] = "20",
            ["Demo__Vacancies"] = "60",
        });
        try
        {
            foreach (var user in new[] { DemoAccounts.Admin, DemoAccounts.CityStaff, DemoAccounts.ProvinceStaff, DemoAccounts.Instructor })
            {
                using var client = await app.SignInAsync(user, DemoAccounts.Password);
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/auth/me")).StatusCode);
            }

            using var employer = app.WithApiKey(DemoAccounts.EmployerApiKey);
            var me = await employer.GetFromJsonAsync<JsonElement>("/api/v1/auth/me");
            Assert.Equal("employer", me.GetProperty("role").GetString());

            await using var restarted = await ServiceProcess.StartAsync(app.Environment);
            Assert.Equal(1, await app.DemoLoadsAsync());
            Assert.Equal(400, await app.SeekerCountAsync(await app.OfficeIdAsync("DISNAKER-6471"))
                              + await app.SeekerCountAsync(await app.OfficeIdAsync("DISNAKERTRANS-64")));
        }
        finally
        {
            await app.StopAsync();
        }
    }

    [Fact]
    public async Task Outside_demo_mode_there_are_no_demo_accounts()
    {
        var app = await TestApp.SharedAsync();
        using var client = app.Anonymous();
        var response = await client.PostAsJsonAsync("/api/v1/auth/login",
            new { userName = DemoAccounts.CityStaff, password = DemoAccounts.Password });
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    private static object Summary(DemoWorld w) => new
    {
        Seekers = w.Seekers.Select(s => $"{s.Nik}|{s.FullName}|{s.Region}|{string.Join(',', s.Units.Keys.Order(StringComparer.Ordinal))}"),
        Vacancies = w.Vacancies.Select(v => $"{v.EmployerId}|{v.Title}|{v.OpensOn}|{v.Openings}|{v.Filled}"),
        Placements = w.Placements.Select(p => $"{p.SeekerId}|{p.VacancyId}|{p.StartDate}"),
        Enrolments = w.Enrolments.Select(e => $"{e.SeekerId}|{e.CohortId}|{e.Status}"),
    };
}
