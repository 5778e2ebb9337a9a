namespace LinkMatch.Jobs;

/// <summary>The wait before the next attempt: <c>min(base · 2^(attempt−1), max)</c>, then spread by ±jitter so that
/// jobs that failed together do not all come back together.</summary>
internal static class Backoff
{
    public static TimeSpan Cap(int attempt, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        // 2^30 of even a millisecond passes any sensible maximum; stopping there keeps the arithmetic finite.
        var exponent = Math.Clamp(attempt - 1, 0, 30);
        var seconds = baseDelay.TotalSeconds * Math.Pow(2, exponent);
        return TimeSpan.FromSeconds(Math.Min(seconds, maxDelay.TotalSeconds));
    }

    /// <summary>The delay with jitter; <c>unit</c>, in [0, 1), chooses the point in the jitter band.</summary>
    public static TimeSpan Delay(int attempt, TimeSpan baseDelay, TimeSpan maxDelay, double jitter, double unit)
    {
        var cap = Cap(attempt, baseDelay, maxDelay);
        var factor = 1 + (jitter * ((unit * 2) - 1));
        return TimeSpan.FromSeconds(cap.TotalSeconds * factor);
    }

    public static TimeSpan Delay(int attempt, JobQueueOptions options) =>
        Delay(attempt, options.RetryBaseDelay, options.RetryMaxDelay, options.RetryJitter, Random.Shared.NextDouble());
}
