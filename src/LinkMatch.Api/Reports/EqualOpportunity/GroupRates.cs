namespace LinkMatch.Api.Reports.EqualOpportunity;

/// <summary>One group's rate judged within its dimension: the count and rate with its 95 % Wilson interval, the
/// ratio to the best group's rate and the four-fifths judgement; every figure null when suppressed.</summary>
/// <param name="Count">People (or candidates) who reached the step; null when suppressed (1–4, or the group is).</param>
/// <param name="Rate">Count ÷ the group's size.</param>
/// <param name="Low">The rate's 95 % Wilson interval, lower end.</param>
/// <param name="High">Its upper end.</param>
/// <param name="RatioToBest">Rate ÷ the highest shown rate among the dimension's groups of at least 30.</param>
/// <param name="Judgement">best, fair (ratio at least 0.8), below_four_fifths (flagged), too_few_to_judge (this
/// group or every group under 30), suppressed.</param>
public sealed record RateJudgement(int? Count, double? Rate, double? Low, double? High, double? RatioToBest,
    string Judgement);

/// <summary>Rates, 95 % Wilson intervals, ratios to the best group and the four-fifths judgement, with small cells
/// suppressed: the arithmetic the equal-opportunity report and the models' fairness on held-out vacancies share
/// (Reports/README.md, "Equal opportunity").</summary>
internal static class GroupRates
{
    /// <summary>Groups smaller than this are never judged, nor taken as the best.</summary>
    public const int MinimumToJudge = 30;

    /// <summary>Counts from 1 to this are suppressed (0 is shown: it identifies nobody).</summary>
    public const int SuppressBelow = 5;

    public const double FourFifths = 0.8;

    /// <summary>Each group of one dimension (its size and how many reached the step), judged against the others;
    /// in the order given.</summary>
    public static IReadOnlyList<RateJudgement> Judge(IReadOnlyList<(int People, int Count)> groups)
    {
        // The best is taken only among groups whose count is shown: a ratio to a hidden count would reveal it.
        var best = groups.Where(g => g.People >= MinimumToJudge && !Hidden(g.Count))
            .Select(g => (double?)Rate(g.Count, g.People)).Max();
        return [.. groups.Select(g =>
        {
            if (Hidden(g.People) || Hidden(g.Count))
            {
                return new RateJudgement(null, null, null, null, null, "suppressed");
            }

            var rate = Rate(g.Count, g.People);
            var (low, high) = Wilson(g.Count, g.People);
            var ratio = best is > 0 and { } b ? Math.Round(rate / b, 4) : (double?)null;
            var judgement = g.People < MinimumToJudge || best is null ? "too_few_to_judge"
                : best == 0 || rate >= best ? "best"
                : ratio >= FourFifths ? "fair"
                : "below_four_fifths";
            return new RateJudgement(g.Count, Math.Round(rate, 4), Math.Round(low, 4), Math.Round(high, 4), ratio,
                judgement);
        })];
    }

    public static bool Hidden(int count) => count is > 0 and < SuppressBelow;

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
