using System.Diagnostics;

namespace LinkMatch.Console.Bench;

/// <summary>One screen opened: how long until everything it needs had arrived, and whether anything failed.</summary>
public sealed record Sample(string View, double Milliseconds, bool Failed)
{
    public int Errors => Failed ? 1 : 0;
}

public static class Measure
{
    /// <summary>Every user opens the screens in turn (each starting at another one), thinking between them.</summary>
    public static async Task<List<Sample>> PhaseAsync(IReadOnlyList<Session> sessions, IReadOnlyList<View> views,
        bool console, TimeSpan length, TimeSpan think)
    {
        var samples = new List<Sample>();
        var end = Stopwatch.GetTimestamp() + (long)(length.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(sessions.Select((session, index) => Task.Run(async () =>
        {
            var random = new Random(index);
            // Users start spread over the first think period, not all at once.
            await Task.Delay(TimeSpan.FromMilliseconds(random.NextDouble() * think.TotalMilliseconds));
            for (var i = index; Stopwatch.GetTimestamp() < end; i++)
            {
                var view = views[i % views.Count];
                var (ms, failed) = console
                    ? await OnceAsync(session.Console, [view.Page])
                    : await OnceAsync(session.Api, view.Api);
                lock (samples)
                {
                    samples.Add(new Sample(view.Name, ms, failed));
                }

                await Task.Delay(TimeSpan.FromMilliseconds(think.TotalMilliseconds * (0.5 + random.NextDouble())));
            }
        })));
        return samples;
    }

    /// <summary>The requests of one screen, one after another, bodies read to the end.</summary>
    public static async Task<(double Milliseconds, bool Failed)> OnceAsync(HttpClient client, IReadOnlyList<string> paths)
    {
        var start = Stopwatch.GetTimestamp();
        var failed = false;
        foreach (var path in paths)
        {
            try
            {
                using var response = await client.GetAsync(new Uri(path, UriKind.Relative), HttpCompletionOption.ResponseContentRead);
                failed |= (int)response.StatusCode >= 300;
            }
            catch (HttpRequestException)
            {
                failed = true;
            }
        }

        return (Stopwatch.GetElapsedTime(start).TotalMilliseconds, failed);
    }
}

public sealed record Stats(int Count, double P50, double P95, double P99, int Errors)
{
    public static Stats Of(IReadOnlyList<Sample> samples)
    {
        if (samples.Count == 0)
        {
            return new Stats(0, double.NaN, double.NaN, double.NaN, 0);
        }

        var sorted = samples.Select(s => s.Milliseconds).Order().ToList();
        double At(double q) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
        return new Stats(samples.Count, At(0.50), At(0.95), At(0.99), samples.Count(s => s.Failed));
    }

    public override string ToString() =>
        $"{Count} screens, p50 {P50:0} ms, p95 {P95:0} ms, p99 {P99:0} ms, {Errors} errors";
}
