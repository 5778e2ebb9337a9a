using System.Globalization;

namespace LinkMatch.Ranking;

/// <summary>Turns the trees of a finished run into a model with its metrics and the fingerprint of its data.</summary>
internal static class ModelAssembly
{
    private static readonly int[] ReportedCutoffs = [1, 3, 5, 10];

    public static RankingModel Create(
        RankingDataset train, RankingDataset? validation, TrainingOptions options, FeatureBins[] bins,
        List<RegressionTree> trees, int bestRound)
    {
        var thresholds = new float[bins.Length][];
        for (var f = 0; f < bins.Length; f++)
        {
            thresholds[f] = bins[f].UpperBounds;
        }

        var unmeasured = new RankingModel(
            [.. train.FeatureNames], thresholds, [.. trees], options, new Dictionary<string, double>(), DataFingerprint.Of(train));
        var metrics = new SortedDictionary<string, double>(StringComparer.Ordinal)
        {
            ["best_round"] = bestRound,
            ["trees"] = trees.Count,
        };
        AddNdcg(metrics, "train", unmeasured, train);
        if (validation is not null)
        {
            AddNdcg(metrics, "valid", unmeasured, validation);
        }

        return unmeasured.WithMetrics(metrics);
    }

    private static void AddNdcg(SortedDictionary<string, double> metrics, string prefix, RankingModel model, RankingDataset data)
    {
        var scores = model.ScoreBatch(data);
        foreach (var k in ReportedCutoffs)
        {
            metrics[string.Create(CultureInfo.InvariantCulture, $"{prefix}.ndcg@{k}")] = RankingMetrics.MeanNdcg(data, scores, k);
        }

        metrics[prefix + ".map"] = RankingMetrics.MeanAveragePrecision(data, scores);
    }
}
