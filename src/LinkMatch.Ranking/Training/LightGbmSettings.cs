using Microsoft.ML.Trainers.LightGbm;

namespace LinkMatch.Ranking;

/// <summary><see cref="TrainingOptions"/> as ML.NET's LightGBM ranking options.</summary>
internal static class LightGbmSettings
{
    /// <summary>Gain of each relevance grade, 2^label − 1 for labels 0..31 (NDCG's gain; ML.NET's default stops at 11).</summary>
    private static readonly int[] Gains = [.. Enumerable.Range(0, 32).Select(label => (int)((1L << label) - 1))];

    /// <summary>The options for LightGBM; also makes OpenMP's waiting threads sleep (<see cref="OpenMpWaitPolicy"/>)
    /// before LightGBM's native library is first loaded.</summary>
    public static LightGbmRankingTrainer.Options From(TrainingOptions options, bool hasValidation)
    {
        OpenMpWaitPolicy.Apply();
        return Options(options, hasValidation);
    }

    private static LightGbmRankingTrainer.Options Options(TrainingOptions options, bool hasValidation) => new()
    {
        LabelColumnName = DataViews.Label,
        FeatureColumnName = DataViews.Features,
        RowGroupColumnName = DataViews.GroupId,
        NumberOfIterations = options.Trees,
        NumberOfLeaves = options.Leaves,
        LearningRate = options.LearningRate,
        MinimumExampleCountPerLeaf = options.MinExamplesPerLeaf,
        MaximumBinCountPerFeature = options.MaxBins,
        Sigmoid = options.Sigmoid,
        CustomGains = Gains,
        // Early stopping watches validation NDCG@5; without a validation set nothing is evaluated.
        EvaluationMetric = hasValidation
            ? LightGbmRankingTrainer.Options.EvaluateMetricType.NormalizedDiscountedCumulativeGain
            : LightGbmRankingTrainer.Options.EvaluateMetricType.None,
        EarlyStoppingRound = hasValidation ? options.EarlyStoppingRounds : 0,
        NumberOfThreads = options.Threads > 0 ? options.Threads : Environment.ProcessorCount,
        Seed = options.Seed,
        // The same model from the same data, seed and threads: histograms built one way, not chosen by timing both
        // on every run (2.4 s of the 1M-row benchmark set at load 10). Row-wise: 7–22 % faster than column-wise
        // on rank.train (3,005 × 301) and 7–11 % on the 1M × 50 set, with the same trees on rank.train.
        Deterministic = true,
        ForceRowWise = true,
        // NaN is "unknown": LightGBM learns where it goes at each split. Zero is an ordinary value.
        HandleMissingValue = true,
        UseZeroAsMissingValue = false,
        UseCategoricalSplit = false,
        Silent = true,
        Verbose = false,
        Booster = new GradientBooster.Options
        {
            MaximumTreeDepth = options.MaxDepth,
            MinimumChildWeight = options.MinHessianPerLeaf,
            L2Regularization = options.L2,
            L1Regularization = 0,
            MinimumSplitGain = options.MinSplitGain,
            SubsampleFraction = options.RowSubsample,
            SubsampleFrequency = options.RowSubsample < 1 ? 1 : 0,
            FeatureFraction = options.FeatureSubsample,
        },
    };
}
