namespace LinkMatch.Ranking.Tests;

public class TrainingTests
{
    [Fact]
    public void The_same_data_options_seed_and_threads_give_the_same_model_file()
    {
        var data = TestData.Synthetic(150, 30, features: 12, seed: 11, missing: 0.05);
        var valid = TestData.Synthetic(30, 20, features: 12, seed: 12, missing: 0.05);
        var options = new TrainingOptions
        {
            Trees = 15,
            Leaves = 16,
            MinExamplesPerLeaf = 5,
            RowSubsample = 0.8,
            FeatureSubsample = 0.7,
            Threads = 2,
            Seed = 3,
        };

        var first = new LambdaMartTrainer(options).Train(data, valid).ToBytes().ToArray();
        var second = new LambdaMartTrainer(options).Train(data, valid).ToBytes().ToArray();
        Assert.Equal(first, second);
    }

    [Fact]
    public void Training_leaves_openmp_threads_asleep_while_they_wait_unless_the_environment_says_otherwise()
    {
        // .NET's copy of the environment is the one the process started with; libgomp reads the C library's.
        var atStart = Environment.GetEnvironmentVariable("OMP_WAIT_POLICY");
        new LambdaMartTrainer(new TrainingOptions { Trees = 3, Leaves = 4, MinExamplesPerLeaf = 5, Threads = 2 })
            .Train(TestData.Synthetic(20, 10, seed: 4));
        Assert.Equal(atStart ?? "passive", OpenMpWaitPolicy.Current());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(12)]
    public void Training_learns_from_every_query_the_last_one_too(int validationQueries)
    {
        // Every query but the last has one label throughout, so it has no pairs and no gradient: only the last
        // query can teach the model that feature 0 ranks. Validation sets with fewer, as many and more queries
        // than the training set, because ML.NET's query column once had a key range that missed the largest id.
        var train = OnlyTheLastQueryTeaches(queries: 12);
        var options = new TrainingOptions { Trees = 5, Leaves = 4, MinExamplesPerLeaf = 1, MinHessianPerLeaf = 0, EarlyStoppingRounds = 0, Threads = 1 };
        var validation = validationQueries > 0 ? OnlyTheLastQueryTeaches(validationQueries) : null;

        var model = new LambdaMartTrainer(options).Train(train, validation);

        Assert.True(model.Score([1f, 0f]) > model.Score([0f, 0f]), "the model did not learn from the last query");
    }

    private static RankingDataset OnlyTheLastQueryTeaches(int queries)
    {
        var builder = new RankingDatasetBuilder(["skill_match", "noise"]);
        for (var q = 0; q < queries - 1; q++)
        {
            for (var r = 0; r < 8; r++)
            {
                builder.AddRow([r % 2, r], 1);
            }

            builder.EndQuery();
        }

        for (var r = 0; r < 8; r++)
        {
            builder.AddRow([r % 2, r], r % 2 == 1 ? 3 : 0);
        }

        return builder.Build();
    }

    [Fact]
    public void Different_seeds_give_different_models_when_sampling()
    {
        var data = TestData.Synthetic(60, 15, seed: 2);
        var options = new TrainingOptions { Trees = 5, Leaves = 8, MinExamplesPerLeaf = 5, RowSubsample = 0.5, Threads = 1 };
        var a = new LambdaMartTrainer(options with { Seed = 1 }).Train(data).ScoreBatch(data);
        var b = new LambdaMartTrainer(options with { Seed = 2 }).Train(data).ScoreBatch(data);
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Trained_ranker_beats_a_constant_and_the_best_single_feature_by_a_clear_margin()
    {
        var train = TestData.Synthetic(300, 20, seed: 21);
        var test = TestData.Synthetic(100, 20, seed: 22);
        var model = new LambdaMartTrainer(new TrainingOptions { Trees = 60, Leaves = 15, Threads = 2 }).Train(train);
        var ndcg = RankingMetrics.MeanNdcg(test, model.ScoreBatch(test), 10);

        var constant = RankingMetrics.MeanNdcg(test, new double[test.RowCount], 10);
        // The best single feature and direction, chosen on the training set as a user would.
        var (bestFeature, bestSign) = Enumerable.Range(0, train.FeatureCount)
            .SelectMany(f => new[] { (f, 1.0), (f, -1.0) })
            .MaxBy(c => RankingMetrics.MeanNdcg(train, FeatureScores(train, c.Item1, c.Item2), 10));
        var single = RankingMetrics.MeanNdcg(test, FeatureScores(test, bestFeature, bestSign), 10);

        Assert.True(ndcg > constant + 0.2, $"model {ndcg:F4}, constant {constant:F4}");
        Assert.True(ndcg > single + 0.05, $"model {ndcg:F4}, best single feature {single:F4}");
    }

    [Fact]
    public void Early_stopping_keeps_the_best_round_of_validation_ndcg_at_5()
    {
        var train = TestData.Synthetic(60, 15, seed: 31);
        var valid = TestData.Synthetic(20, 15, seed: 32);
        var options = new TrainingOptions { Trees = 300, Leaves = 31, MinExamplesPerLeaf = 2, LearningRate = 0.5, EarlyStoppingRounds = 5, Threads = 1 };
        var model = new LambdaMartTrainer(options).Train(train, valid);
        Assert.InRange(model.TreeCount, 1, 299);
        Assert.Equal(model.TreeCount, model.Metrics["best_round"]);

        // The kept trees are the first rounds of the run: training that many rounds without early stopping gives
        // the same scores.
        var prefix = new LambdaMartTrainer(options with { Trees = model.TreeCount, EarlyStoppingRounds = 0 }).Train(train, valid);
        Assert.Equal(prefix.ScoreBatch(valid), model.ScoreBatch(valid));
    }

    [Fact]
    public void Leaves_respect_the_budget_and_the_depth_and_grow_with_the_minimum_size()
    {
        var data = TestData.Synthetic(50, 20, seed: 41);
        var model = new LambdaMartTrainer(new TrainingOptions { Trees = 5, Leaves = 7, MinExamplesPerLeaf = 30, Threads = 1 }).Train(data);
        // LightGBM checks the minimum against row counts it estimates from hessians, so a leaf may hold somewhat
        // fewer rows; on average they hold more.
        Assert.All(model.Trees, tree =>
        {
            Assert.InRange(tree.LeafCount, 1, 7);
            Assert.True(tree.LeafCover.Average() >= 30);
            Assert.All(tree.LeafCover, cover => Assert.True(cover >= 15, $"a leaf of {cover} rows"));
        });

        var shallow = new LambdaMartTrainer(new TrainingOptions { Trees = 5, Leaves = 31, MaxDepth = 2, MinExamplesPerLeaf = 2, Threads = 1 }).Train(data);
        Assert.All(shallow.Trees, tree => Assert.InRange(tree.LeafCount, 1, 4));
    }

    [Fact]
    public void Covers_count_the_training_rows_through_every_node()
    {
        var data = TestData.Synthetic(40, 15, seed: 43, missing: 0.1);
        var model = new LambdaMartTrainer(new TrainingOptions { Trees = 4, Leaves = 8, MinExamplesPerLeaf = 5, Threads = 1 }).Train(data);
        foreach (var tree in model.Trees)
        {
            Assert.Equal(data.RowCount, tree.LeafCover.Sum());
            Assert.Equal(data.RowCount, tree.Cover[0]);
            for (var n = 0; n < tree.NodeCount; n++)
            {
                Assert.Equal(tree.Cover[n], tree.CoverOf(tree.Left[n]) + tree.CoverOf(tree.Right[n]));
            }
        }
    }

    [Theory]
    [InlineData("Trees")]
    [InlineData("LearningRate")]
    [InlineData("MaxBins")]
    [InlineData("RowSubsample")]
    public void Options_out_of_range_are_rejected(string name)
    {
        var options = name switch
        {
            "Trees" => new TrainingOptions { Trees = 0 },
            "LearningRate" => new TrainingOptions { LearningRate = 2 },
            "MaxBins" => new TrainingOptions { MaxBins = 1 },
            _ => new TrainingOptions { RowSubsample = 0 },
        };
        var error = Assert.Throws<ArgumentException>(() => new LambdaMartTrainer(options).Train(TestData.Synthetic(2, 5)));
        Assert.Equal(name, error.ParamName);
    }

    [Fact]
    public void A_cancelled_token_stops_before_training()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Throws<OperationCanceledException>(() =>
            new LambdaMartTrainer(new TrainingOptions()).Train(TestData.Synthetic(5, 5), cancellationToken: cancelled.Token));
    }

    private static double[] FeatureScores(RankingDataset data, int feature, double sign) =>
        [.. data.Column(feature).ToArray().Select(v => sign * v)];
}
