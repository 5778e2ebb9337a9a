namespace LinkMatch.Jobs.Tests;

public sealed class BackoffTests
{
    private static readonly TimeSpan Base = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Max = TimeSpan.FromHours(1);

    [Fact]
    public void The_delay_doubles_with_each_attempt_up_to_the_maximum()
    {
        var caps = Enumerable.Range(1, 12).Select(a => Backoff.Cap(a, Base, Max).TotalSeconds).ToList();

        Assert.Equal([10, 20, 40, 80, 160, 320, 640, 1280, 2560, 3600, 3600, 3600], caps);
        Assert.Equal(Max, Backoff.Cap(int.MaxValue, Base, Max));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(20240917)]
    [InlineData(7)]
    public void Jitter_stays_within_its_band(int seed)
    {
        var random = new Random(seed);
        for (var attempt = 1; attempt <= 15; attempt++)
        {
            var cap = Backoff.Cap(attempt, Base, Max);
            var delay = Backoff.Delay(attempt, Base, Max, jitter: 0.2, random.NextDouble());
            Assert.True(delay >= cap * 0.8 && delay <= cap * 1.2,
                $"seed {seed}, attempt {attempt}: {delay} outside {cap} ± 20 %");
        }
    }

    [Fact]
    public void Without_jitter_the_delay_is_the_cap()
    {
        Assert.Equal(TimeSpan.FromSeconds(40), Backoff.Delay(3, Base, Max, jitter: 0, unit: 0.99));
    }
}
