namespace LinkMatch.Api.Reports.EqualOpportunity;

/// <summary>Rates, 95 % Wilson intervals, ratios to the best group and the four-fifths judgement, with small cells
/// suppressed. Pure arithmetic on counts (Reports/README.md, "Equal opportunity").</summary>
internal static class FunnelAssessment
{
    /// <summary>Groups smaller than this are never judged, nor taken as the best.</summary>
    public const int MinimumToJudge = 30;

    /// <summary>Counts from 1 to this are suppressed (0 is shown: it identifies nobody).</summary>
    public const int SuppressBelow = 5;

    public const double FourFifths = 0.8;

    private static readonly string[] Steps = ["suggested", "referred", "hired"];

    /// <summary>Every group of the counts given (one model version, or all), judged within its dimension.</summary>
    public static IEnumerable<FunnelGroup> Assess(IEnumerable<FunnelCounts> counts) =>
        counts.GroupBy(c => c.Dimension).SelectMany(AssessDimension);

    private static IEnumerable<FunnelGroup> AssessDimension(IEnumerable<FunnelCounts> dimension)
    {
        var groups = dimension.ToList();
        // The best is taken only among groups whose count is shown: a ratio to a hidden count would reveal it.
        var best = Steps.Select((_, s) => groups.Where(g => g.People >= MinimumToJudge && !Hidden(Count(g, s)))
            .Select(g => (double?)Rate(Count(g, s), g.People)).Max()).ToArray();
        foreach (var g in groups)
        {
            var hidden = Hidden(g.People);
            var steps = Steps.Select((step, s) =>
            {
                var count = Count(g, s);
                if (hidden || Hidden(count))
                {
                    return new FunnelStep(step, null, null, null, null, null, "suppressed");
                }

                var rate = Rate(count, g.People);
                var (low, high) = Wilson(count, g.People);
                var ratio = best[s] is > 0 and { } b ? Math.Round(rate / b, 4) : (double?)null;
                var judgement = g.People < MinimumToJudge || best[s] is null ? "too_few_to_judge"
                    : best[s] == 0 || rate >= best[s] ? "best"
                    : ratio >= FourFifths ? "fair"
                    : "below_four_fifths";
                return new FunnelStep(step, count, Math.Round(rate, 4), Math.Round(low, 4), Math.Round(high, 4),
                    ratio, judgement);
            }).ToList();
            yield return new FunnelGroup(g.Dimension, g.Grp, g.ModelVersion, hidden ? null : g.People, steps);
        }
    }

    public static bool Hidden(int count) => count is > 0 and < SuppressBelow;

    private static int Count(FunnelCounts g, int step) => step switch
    {
        0 => g.Suggested,
        1 => g.Referred,
        _ => g.Hired,
    };

    private static double Rate(int count, int people) => people == 0 ? 0 : (double)count / people;

    /// <summary>The 95 % Wilson score interval of a proportion: unlike the normal approximation it stays within
    /// 0–1 and behaves at rates near 0 or 1 and in small groups.</summary>
    public static (double Low, double High) Wilson(int successes, int trials)
    {
        if (trials == 0)
        {
            return (0, 1);
        }

        const double z = 1.959963984540054;
        var p = (double)successes / trials;
        var z2 = z * z;
        var centre = (p + (z2 / (2 * trials))) / (1 + (z2 / trials));
        var half = z * Math.Sqrt((p * (1 - p) / trials) + (z2 / (4.0 * trials * trials))) / (1 + (z2 / trials));
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }
}
