using System.Globalization;
using LinkMatch.Api.Demo;
using LinkMatch.Api.Tests.Infrastructure;

namespace LinkMatch.Api.Tests.Demo;

/// <summary>The shape of the full demo world as its README describes it (seed 2026, anchored on
/// <see cref="DemoStoryTests.Anchor"/>): who registers, and the hiring preference its history carries.</summary>
public class DemoHistoryTests
{
    private static readonly Lazy<DemoWorld> World =
        new(() => WorldGenerator.Generate(new DemoOptions(), DemoStoryTests.Anchor));

    private static readonly string[] BiasedTrades = ["cooking", "it-support", "warehouse"];

    [Fact]
    public void Job_seekers_register_in_the_documented_proportions_some_from_outside_the_city()
    {
        var seekers = World.Value.Seekers;
        double Share(Func<DemoSeeker, bool> which) => seekers.Count(which) / (double)seekers.Count;

        Assert.InRange(Share(s => s.Region != "64.71"), 0.27, 0.33);
        Assert.InRange(Share(s => s.Region[..2] != "64"), 0.08, 0.12);
        Assert.InRange(Share(s => s.Education is "sma" or "smk"), 0.62, 0.70);
        Assert.InRange(Share(s => s.Education is "d3" or "s1"), 0.10, 0.14);
        Assert.InRange(Share(s => Age(s) <= 29), 0.82, 0.91);
        Assert.InRange(Share(s => s.Trade?.Key is "welding-pipe" or "heavy-operator" or "haul-truck"), 0.10, 0.14);
    }

    [Fact]
    public void In_three_trades_equally_fit_women_were_hired_less_often_than_men_and_elsewhere_alike()
    {
        var biased = FemaleHireRatio(World.Value, t => BiasedTrades.Contains(t.Key));
        var others = FemaleHireRatio(World.Value, t => !BiasedTrades.Contains(t.Key) && t.FemaleShare >= 0.3);
        Assert.True(biased.Ratio < 0.8, $"biased trades: {biased}");
        Assert.InRange(others.Ratio, 0.8, 1.25);

        // The README quotes the figure.
        var readme = File.ReadAllText(RepositoryFiles.PathOf("src", "LinkMatch.Api", "Demo", "README.md"));
        Assert.Contains(string.Create(CultureInfo.InvariantCulture,
            $"a woman was hired {biased.Ratio:0.00} times as often as men of the same fit"), readme, StringComparison.Ordinal);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture,
            $"at least 30 % of the job seekers, {others.Ratio:0.00} times"), readme, StringComparison.Ordinal);
    }

    [Fact]
    public void Licensed_units_are_asked_for_at_level_3_and_never_of_apprentices()
    {
        var vacancies = World.Value.Vacancies;
        var licensed = vacancies.SelectMany(v => v.Requirements.Where(r => v.Trade.IsLicensed(r.Unit)).Select(r => (v, r)))
            .ToList();
        Assert.NotEmpty(licensed);
        Assert.All(licensed, x => Assert.Equal((3, true, "job"), (x.r.MinLevel, x.r.Mandatory, x.v.Type)));
        Assert.All(World.Value.Seekers.SelectMany(s => s.Units.Where(u => s.Trade?.IsLicensed(u.Key) == true)),
            u => Assert.True(u.Value.Level <= 2 || u.Value.Evidence == "certified", $"{u.Key} {u.Value}"));
    }

    /// <summary>Women's hires in the trades against what men's hire rate at the same fit (in steps of 0.5) would
    /// have given them: 1 is no preference.</summary>
    private static (double Ratio, int Women, double Expected) FemaleHireRatio(DemoWorld world, Func<Trade, bool> trades)
    {
        var rows = world.Considered.Where(c => trades(world.Vacancies[c.VacancyId - 1].Trade))
            .Select(c => (Bucket: Math.Floor(c.Fit * 2), Female: world.Seekers[c.SeekerId - 1].Sex == "female", c.Hired))
            .ToList();
        double expected = 0;
        var hired = 0;
        foreach (var bucket in rows.GroupBy(r => r.Bucket))
        {
            var men = bucket.Where(r => !r.Female).ToList();
            var women = bucket.Where(r => r.Female).ToList();
            if (men.Count > 0 && women.Count > 0)
            {
                expected += women.Count * men.Count(r => r.Hired) / (double)men.Count;
                hired += women.Count(r => r.Hired);
            }
        }

        return (hired / expected, hired, expected);
    }

    private static int Age(DemoSeeker s) =>
        DemoStoryTests.Anchor.Year - s.BirthDate.Year - (DemoStoryTests.Anchor.DayOfYear < s.BirthDate.DayOfYear ? 1 : 0);
}
