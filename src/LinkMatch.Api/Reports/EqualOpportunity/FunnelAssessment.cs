namespace LinkMatch.Api.Reports.EqualOpportunity;

/// <summary>The funnel's groups judged step by step with <see cref="GroupRates"/>: rates, 95 % Wilson intervals,
/// ratios to the best group and the four-fifths judgement, with small cells suppressed (Reports/README.md,
/// "Equal opportunity").</summary>
internal static class FunnelAssessment
{
    /// <summary>Groups smaller than this are never judged, nor taken as the best.</summary>
    public const int MinimumToJudge = GroupRates.MinimumToJudge;

    /// <summary>Counts from 1 to this are suppressed (0 is shown: it identifies nobody).</summary>
    public const int SuppressBelow = GroupRates.SuppressBelow;

    public const double FourFifths = GroupRates.FourFifths;

    private static readonly string[] Steps = ["suggested", "referred", "hired"];

    /// <summary>Every group of the counts given (one model version, or all), judged within its dimension.</summary>
    public static IEnumerable<FunnelGroup> Assess(IEnumerable<FunnelCounts> counts) =>
        counts.GroupBy(c => c.Dimension).SelectMany(AssessDimension);

    private static IEnumerable<FunnelGroup> AssessDimension(IEnumerable<FunnelCounts> dimension)
    {
        var groups = dimension.ToList();
        var judged = Steps.Select((_, s) => GroupRates.Judge([.. groups.Select(g => (g.People, Count(g, s)))]))
            .ToArray();
        for (var i = 0; i < groups.Count; i++)
        {
            var g = groups[i];
            var steps = Steps.Select((step, s) => Step(step, judged[s][i])).ToList();
            yield return new FunnelGroup(g.Dimension, g.Grp, g.ModelVersion, Hidden(g.People) ? null : g.People,
                steps);
        }
    }

    public static bool Hidden(int count) => GroupRates.Hidden(count);

    private static FunnelStep Step(string step, RateJudgement j) =>
        new(step, j.Count, j.Rate, j.Low, j.High, j.RatioToBest, j.Judgement);

    private static int Count(FunnelCounts g, int step) => step switch
    {
        0 => g.Suggested,
        1 => g.Referred,
        _ => g.Hired,
    };

    /// <summary>The 95 % Wilson score interval of a proportion (<see cref="GroupRates.Wilson"/>).</summary>
    public static (double Low, double High) Wilson(int successes, int trials) => GroupRates.Wilson(successes, trials);
}
