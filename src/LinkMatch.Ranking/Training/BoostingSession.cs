namespace LinkMatch.Ranking;

/// <summary>The state of one training run: binned data, scores so far, and the trees grown.</summary>
internal sealed class BoostingSession
{
    private readonly RankingDataset _train;
    private readonly RankingDataset? _validation;
    private readonly TrainingOptions _options;
    private readonly ParallelOptions _parallel;
    private readonly FeatureBins[] _bins;
    private readonly BinnedData _binned;
    private readonly BinnedData? _validationBinned;
    private readonly RowPartition _partition;
    private readonly TreeGrower _grower;
    private readonly LambdaGradients _lambdas;
    private readonly double[] _scores;
    private readonly double[]? _validationScores;
    private readonly float[] _gradients;
    private readonly float[] _hessians;
    private SplitMix64 _random;

    public StageClock Clock { get; } = new();

    public BoostingSession(RankingDataset train, RankingDataset? validation, TrainingOptions options)
    {
        _train = train;
        _validation = validation;
        _options = options;
        _parallel = new ParallelOptions { MaxDegreeOfParallelism = options.EffectiveThreads };
        _random = new SplitMix64((ulong)options.Seed);
        var start = StageClock.Now;
        _bins = FeatureBinner.Fit(train, options.MaxBins, options.Seed, _parallel);
        _binned = BinnedData.Create(train, _bins, _parallel);
        _validationBinned = validation is null ? null : BinnedData.Create(validation, _bins, _parallel);
        StageClock.Add(ref Clock.Binning, start);
        _partition = new RowPartition(train.RowCount, _parallel);
        _grower = new TreeGrower(_binned, options, _parallel, _partition, Clock);
        _lambdas = new LambdaGradients(train, options, _parallel);
        _scores = new double[train.RowCount];
        _validationScores = validation is null ? null : new double[validation.RowCount];
        _gradients = new float[train.RowCount];
        _hessians = new float[train.RowCount];
    }

    public RankingModel Run(IProgress<TrainingProgress>? progress)
    {
        var trees = new List<RegressionTree>(_options.Trees);
        var evaluator = _validation is null ? null : new QueryEvaluator(_validation, _options.EarlyStoppingAt);
        double bestNdcg = double.NegativeInfinity;
        var bestRound = 0;
        for (var round = 1; round <= _options.Trees; round++)
        {
            var queries = SampleQueries();
            var features = SampleFeatures();
            var start = StageClock.Now;
            _lambdas.Compute(_scores, _gradients, _hessians, queries);
            StageClock.Add(ref Clock.Gradients, start);
            UsePartitionFor(queries);
            var (tree, thresholdBins) = _grower.Grow(_gradients, _hessians, features);
            trees.Add(tree);
            start = StageClock.Now;
            UpdateTrainingScores(tree, thresholdBins, queries is not null);
            double? ndcg = null;
            if (evaluator is not null)
            {
                AddTree(tree, thresholdBins, _validationBinned!, _validationScores!);
                ndcg = evaluator.MeanNdcg(_validationScores!);
                if (ndcg > bestNdcg)
                {
                    (bestNdcg, bestRound) = (ndcg.Value, round);
                }
            }
            else
            {
                bestRound = round;
            }

            StageClock.Add(ref Clock.ScoreUpdates, start);

            progress?.Report(new TrainingProgress(round, tree.LeafCount, ndcg, bestRound));
            if (evaluator is not null && _options.EarlyStoppingRounds > 0 && round - bestRound >= _options.EarlyStoppingRounds)
            {
                break;
            }
        }

        if (evaluator is not null && _options.EarlyStoppingRounds > 0 && bestRound < trees.Count)
        {
            trees.RemoveRange(bestRound, trees.Count - bestRound);
        }

        return ModelAssembly.Create(_train, _validation, _options, _bins, trees, bestRound);
    }

    /// <summary>Queries used for this round's tree (null: all), drawn whole so that their pairs stay together.</summary>
    private int[]? SampleQueries()
    {
        if (_options.RowSubsample >= 1)
        {
            return null;
        }

        var count = _train.QueryCount;
        var take = Math.Max(1, (int)Math.Round(count * _options.RowSubsample));
        var chosen = PartialShuffle(count, take);
        Array.Sort(chosen);
        return chosen;
    }

    private int[] SampleFeatures()
    {
        var usable = _binned.UsableFeatures;
        if (_options.FeatureSubsample >= 1 || usable.Length <= 1)
        {
            return usable;
        }

        var take = Math.Max(1, (int)Math.Round(usable.Length * _options.FeatureSubsample));
        var picks = PartialShuffle(usable.Length, take);
        Array.Sort(picks);
        for (var i = 0; i < picks.Length; i++)
        {
            picks[i] = usable[picks[i]];
        }

        return picks;
    }

    private int[] PartialShuffle(int count, int take)
    {
        var items = new int[count];
        for (var i = 0; i < count; i++)
        {
            items[i] = i;
        }

        for (var i = 0; i < take; i++)
        {
            var j = i + (int)_random.NextBelow((ulong)(count - i));
            (items[i], items[j]) = (items[j], items[i]);
        }

        return items[..take];
    }

    private void UsePartitionFor(int[]? queries)
    {
        if (queries is null)
        {
            _partition.UseAllRows();
            return;
        }

        var offsets = _train.QueryOffsets;
        var rows = new List<int>();
        foreach (var query in queries)
        {
            for (var row = offsets[query]; row < offsets[query + 1]; row++)
            {
                rows.Add(row);
            }
        }

        _partition.UseRows(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rows));
    }

    private void UpdateTrainingScores(RegressionTree tree, int[] thresholdBins, bool sampled)
    {
        if (sampled)
        {
            // Rows outside the sample have no leaf range; every row goes through the tree instead.
            AddTree(tree, thresholdBins, _binned, _scores);
            return;
        }

        var rows = _partition.Rows;
        var leaves = _grower.Leaves;
        for (var leaf = 0; leaf < leaves.Length; leaf++)
        {
            var value = tree.LeafValue[leaf];
            var end = leaves[leaf].Begin + leaves[leaf].Totals.Count;
            for (var i = leaves[leaf].Begin; i < end; i++)
            {
                _scores[rows[i]] += value;
            }
        }
    }

    private void AddTree(RegressionTree tree, int[] thresholdBins, BinnedData data, double[] scores)
    {
        Parallel.For(0, (data.RowCount + 4095) / 4096, _parallel, block =>
        {
            var end = Math.Min(data.RowCount, (block + 1) * 4096);
            for (var row = block * 4096; row < end; row++)
            {
                var node = tree.Root;
                while (node >= 0)
                {
                    var feature = tree.Feature[node];
                    var bin = data.BinAt(row, feature);
                    var left = bin == data.Bins[feature].MissingBin ? tree.DefaultLeft[node] : bin <= thresholdBins[node];
                    node = left ? tree.Left[node] : tree.Right[node];
                }

                scores[row] += tree.LeafValue[~node];
            }
        });
    }
}
