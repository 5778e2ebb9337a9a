namespace LinkMatch.Ranking;

/// <summary>
/// Parameters of LambdaMART training, each passed to LightGBM's lambdarank objective (its name in brackets). The
/// defaults suit tens of thousands of rows with a few dozen features; <see cref="Validate"/> says what is out of range.
/// </summary>
public sealed record TrainingOptions
{
    /// <summary>Boosting rounds: the number of trees, unless early stopping ends sooner (num_iterations).</summary>
    public int Trees { get; init; } = 100;

    /// <summary>Leaf budget of each tree; leaves are split best-first until it is reached (num_leaves).</summary>
    public int Leaves { get; init; } = 31;

    /// <summary>Depth limit of a tree; 0 means none, the leaf budget alone bounds it (max_depth).</summary>
    public int MaxDepth { get; init; }

    /// <summary>Shrinkage applied to every leaf value (learning_rate).</summary>
    public double LearningRate { get; init; } = 0.1;

    /// <summary>Fewest training rows a leaf may hold (min_data_in_leaf; LightGBM counts rows from their hessians,
    /// so a leaf may end up with somewhat fewer).</summary>
    public int MinExamplesPerLeaf { get; init; } = 20;

    /// <summary>Smallest sum of hessians a leaf may hold (min_sum_hessian_in_leaf, XGBoost's min_child_weight).</summary>
    public double MinHessianPerLeaf { get; init; } = 1e-3;

    /// <summary>L2 penalty λ on leaf values: a leaf's value is −G / (H + λ) (lambda_l2).</summary>
    public double L2 { get; init; } = 1;

    /// <summary>Smallest gain a split must bring (min_gain_to_split).</summary>
    public double MinSplitGain { get; init; }

    /// <summary>Most bins per feature (max_bin).</summary>
    public int MaxBins { get; init; } = 255;

    /// <summary>σ of the pairwise sigmoid 1 / (1 + e^(σ·(s_low − s_high))) (sigmoid).</summary>
    public double Sigmoid { get; init; } = 1;

    /// <summary>Fraction of rows drawn afresh for each tree; 1 uses all (bagging_fraction, with bagging_freq 1).</summary>
    public double RowSubsample { get; init; } = 1;

    /// <summary>Fraction of features drawn afresh for each tree; 1 uses all (feature_fraction).</summary>
    public double FeatureSubsample { get; init; } = 1;

    /// <summary>
    /// Rounds without a better validation NDCG@5 before training stops and keeps the best round's trees; 0 never
    /// stops (early_stopping_round; ML.NET fixes the cut-off it watches, eval_at, at 5).
    /// </summary>
    public int EarlyStoppingRounds { get; init; } = 20;

    /// <summary>Worker threads; 0 uses every core (num_threads). The same data, options, seed and thread count give
    /// the same model (LightGBM's deterministic mode).</summary>
    public int Threads { get; init; }

    /// <summary>Seed of every random draw: subsampling, the binning sample (seed).</summary>
    public int Seed { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first parameter out of range.</summary>
    public void Validate()
    {
        Check(Trees >= 1, nameof(Trees), "at least 1");
        Check(Leaves is >= 2 and <= 1 << 16, nameof(Leaves), "in 2..65536");
        Check(MaxDepth >= 0, nameof(MaxDepth), "0 (no limit) or more");
        Check(LearningRate is > 0 and <= 1 && double.IsFinite(LearningRate), nameof(LearningRate), "in (0, 1]");
        Check(MinExamplesPerLeaf >= 1, nameof(MinExamplesPerLeaf), "at least 1");
        Check(MinHessianPerLeaf >= 0 && double.IsFinite(MinHessianPerLeaf), nameof(MinHessianPerLeaf), "0 or more");
        Check(L2 >= 0 && double.IsFinite(L2), nameof(L2), "0 or more");
        Check(MinSplitGain >= 0 && double.IsFinite(MinSplitGain), nameof(MinSplitGain), "0 or more");
        Check(MaxBins is >= 2 and <= 65_535, nameof(MaxBins), "in 2..65535");
        Check(Sigmoid > 0 && double.IsFinite(Sigmoid), nameof(Sigmoid), "above 0");
        Check(RowSubsample is > 0 and <= 1, nameof(RowSubsample), "in (0, 1]");
        Check(FeatureSubsample is > 0 and <= 1, nameof(FeatureSubsample), "in (0, 1]");
        Check(EarlyStoppingRounds >= 0, nameof(EarlyStoppingRounds), "0 (never) or more");
        Check(Threads >= 0, nameof(Threads), "0 (all cores) or more");
    }

    internal int EffectiveThreads => Threads > 0 ? Threads : Environment.ProcessorCount;

    private static void Check(bool valid, string name, string range)
    {
        if (!valid)
        {
            throw new ArgumentException($"{name} must be {range}", name);
        }
    }
}
