namespace LinkMatch.Api.Demo;

/// <summary>The demo world that <c>scripts/run</c> loads: <c>Demo:Enabled=true</c>.</summary>
public sealed class DemoOptions
{
    /// <summary>Load the demo world at start (once) and create the documented demo accounts.</summary>
    public bool Enabled { get; set; }

    /// <summary>The same seed (and anchor date) gives the same world.</summary>
    public int Seed { get; set; } = 2026;

    /// <summary>"Today" in the demo world; defaults to the day it is loaded.</summary>
    public DateOnly? AnchorDate { get; set; }

    public int Seekers { get; set; } = 5000;

    public int Employers { get; set; } = 60;

    public int Vacancies { get; set; } = 600;

    /// <summary>Share of vacancies posted in the last 45 days (most of them still open); the rest spread over two
    /// years. Benchmarks raise it to get many open vacancies.</summary>
    public double RecentVacancyShare { get; set; } = 0.15;

    /// <summary>Simulate who was hired (<see cref="HiringHistory"/>). Off for very large benchmark worlds, whose
    /// ended vacancies are then simply closed unfilled.</summary>
    public bool SimulateHistory { get; set; } = true;
}

/// <summary>A seeded source of the small random choices the generator makes.</summary>
internal sealed class Dice(int seed)
{
    private readonly Random random = new(seed);

    public double Next() => random.NextDouble();

    public int Int(int minInclusive, int maxExclusive) => random.Next(minInclusive, maxExclusive);

    public bool Chance(double p) => random.NextDouble() < p;

    public T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>Picks by weight.</summary>
    public T Pick<T>(IReadOnlyList<(T Item, double Weight)> items)
    {
        var total = items.Sum(i => i.Weight);
        var x = random.NextDouble() * total;
        foreach (var (item, weight) in items)
        {
            x -= weight;
            if (x <= 0)
            {
                return item;
            }
        }

        return items[^1].Item;
    }

    public double Normal(double mean = 0, double sd = 1)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return mean + sd * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>Gumbel noise: adding it to scores and taking the best samples in proportion to exp(score).</summary>
    public double Gumbel() => -Math.Log(-Math.Log(Math.Max(1e-12, random.NextDouble())));

    public DateOnly Day(DateOnly from, DateOnly to) => from.AddDays(random.Next(0, Math.Max(1, to.DayNumber - from.DayNumber)));

    public List<T> Sample<T>(IReadOnlyList<T> items, int count) =>
        items.OrderBy(_ => random.Next()).Take(count).ToList();
}
