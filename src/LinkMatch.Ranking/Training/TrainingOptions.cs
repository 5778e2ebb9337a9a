namespace LinkMatch.Ranking;

/// <summary>
/// Parameters of LambdaMART training. The defaults suit tens of thousands of rows with a few dozen features;
/// <see cref="Validate"/> says what is out of range.
/// </summary>
public sealed record TrainingOptions
{
    /// <summary>Boosting rounds: the number of trees, unless early stopping ends sooner.</summary>
    public int Trees { get; init; } = 100;

    /// <summary>Leaf budget of each tree; leaves are split best-first until it is reached.</summary>
    public int Leaves { get; init; } = 31;

    /// <summary>Depth limit of a tree; 0 means none (the leaf budget alone bounds it).</summary>
    public int MaxDepth { get; init; }

    /// <summary>Shrinkage applied to every leaf value.</summary>
    public double LearningRate { get; init; } = 0.1;

    /// <summary>Fewest training rows a leaf may hold.</summary>
    public int MinExamplesPerLeaf { get; init; } = 20;

    /// <summary>Smallest sum of hessians a leaf may hold (XGBoost's min_child_weight).</summary>
    public double MinHessianPerLeaf { get; init; } = 1e-3;

    /// <summary>L2 penalty λ on leaf values: a leaf's value is −G / (H + λ).</summary>
    public double L2 { get; init; } = 1;

    /// <summary>Smallest gain a split must bring.</summary>
    public double MinSplitGain { get; init; }

    /// <summary>Most bins per feature, the missing-value bin included (2..256).</summary>
    public int MaxBins { get; init; } = 255;

    /// <summary>
    /// Only pairs with at least one row among the first this-many (by current score) of their query get lambdas,
    /// as in LightGBM's lambdarank_truncation_level: the top of a ranking matters, the tail is cheap to leave.
    /// </summary>
    public int TruncationLevel { get; init; } = 30;

    /// <summary>σ of the pairwise sigmoid 1 / (1 + e^(σ·(s_low − s_high))).</summary>
    public double Sigmoid { get; init; } = 1;

    /// <summary>
    /// LightGBM's lambdarank_norm: weigh a pair's |ΔNDCG| down by its score gap and scale each query's lambdas by
    /// log2(1 + Σλ) / Σλ, so that queries with many pairs do not dominate.
    /// </summary>
    public bool NormalizeLambdas { get; init; } = true;

    /// <summary>Fraction of queries (each with all its rows) drawn afresh for each tree; 1 uses all.</summary>
    public double RowSubsample { get; init; } = 1;

    /// <summary>Fraction of features drawn afresh for each tree; 1 uses all.</summary>
    public double FeatureSubsample { get; init; } = 1;

    /// <summary>Rounds without a better validation NDCG@<see cref="EarlyStoppingAt"/> before training stops; 0 never stops.</summary>
    public int EarlyStoppingRounds { get; init; } = 20;

    /// <summary>The k of the validation NDCG@k that early stopping watches.</summary>
    public int EarlyStoppingAt { get; init; } = 10;

    /// <summary>Worker threads; 0 uses every core. The model does not depend on it.</summary>
    public int Threads { get; init; }

    /// <summary>Seed of every random draw (subsampling, the binning sample).</summary>
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
        Check(MaxBins is >= 2 and <= 256, nameof(MaxBins), "in 2..256");
        Check(TruncationLevel >= 1, nameof(TruncationLevel), "at least 1");
        Check(Sigmoid > 0 && double.IsFinite(Sigmoid), nameof(Sigmoid), "above 0");
        Check(RowSubsample is > 0 and <= 1, nameof(RowSubsample), "in (0, 1]");
        Check(FeatureSubsample is > 0 and <= 1, nameof(FeatureSubsample), "in (0, 1]");
        Check(EarlyStoppingRounds >= 0, nameof(EarlyStoppingRounds), "0 (never) or more");
        Check(EarlyStoppingAt >= 1, nameof(EarlyStoppingAt), "at least 1");
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
