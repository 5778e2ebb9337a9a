namespace LinkMatch.Ranking.Tests;

public class TrainingTests
{
    [Fact]
    public void The_model_does_not_depend_on_the_thread_count()
    {
        var data = TestData.Synthetic(150, 30, features: 12, seed: 11, missing: 0.05);
        var valid = TestData.Synthetic(30, 20, features: 12, seed: 12, missing: 0.05);
        string Train(int threads)
        {
            var options = new TrainingOptions
            {
                Trees = 15,
                Leaves = 16,
                MinExamplesPerLeaf = 5,
                RowSubsample = 0.8,
                FeatureSubsample = 0.7,
                Threads = threads,
                Seed = 3,
            };
            using var stream = new MemoryStream();
            new LambdaMartTrainer(options).Train(data, valid).Save(stream);
            // The file records the thread count among the parameters; everything else must match to the bit.
            var json = System.Text.Json.Nodes.JsonNode.Parse(stream.ToArray())!;
            Assert.Equal(threads, (int)json["parameters"]!["threads"]!);
            json["parameters"]!["threads"] = 0;
            return json.ToJsonString();
        }

        var single = Train(1);
        Assert.Equal(single, Train(2));
        Assert.Equal(single, Train(4));
    }

    [Fact]
    public void Different_seeds_give_different_models_when_sampling()
    {
        var data = TestData.Synthetic(60, 15, seed: 2);
        var options = new TrainingOptions { Trees = 5, Leaves = 8, MinExamplesPerLeaf = 5, RowSubsample = 0.5 };
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
    public void Early_stopping_keeps_the_best_round()
    {
        var train = TestData.Synthetic(60, 15, seed: 31);
        var valid = TestData.Synthetic(20, 15, seed: 32);
        var options = new TrainingOptions { Trees = 300, Leaves = 31, MinExamplesPerLeaf = 2, LearningRate = 0.5, EarlyStoppingRounds = 5 };
        var rounds = new List<TrainingProgress>();
        var model = new LambdaMartTrainer(options).Train(train, valid, new ListProgress(rounds));
        Assert.True(rounds.Count < 300, "training should stop early");
        var best = rounds[^1].BestRound;
        Assert.Equal(best, model.TreeCount);
        Assert.Equal(best, model.Metrics["best_round"]);
        Assert.Equal(rounds.Max(r => r.ValidationNdcg!.Value), model.Metrics["valid.ndcg@10"], 1e-12);
    }

    [Fact]
    public void Leaves_respect_the_budget_and_the_minimum_size()
    {
        var data = TestData.Synthetic(50, 20, seed: 41);
        var model = new LambdaMartTrainer(new TrainingOptions { Trees = 5, Leaves = 7, MinExamplesPerLeaf = 30 }).Train(data);
        Assert.All(model.Trees, tree =>
        {
            Assert.InRange(tree.LeafCount, 1, 7);
            Assert.All(tree.LeafCover, cover => Assert.True(cover >= 30));
        });
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
            "MaxBins" => new TrainingOptions { MaxBins = 1000 },
            _ => new TrainingOptions { RowSubsample = 0 },
        };
        var error = Assert.Throws<ArgumentException>(() => new LambdaMartTrainer(options).Train(TestData.Synthetic(2, 5)));
        Assert.Equal(name, error.ParamName);
    }

    private static double[] FeatureScores(RankingDataset data, int feature, double sign) =>
        [.. data.Column(feature).ToArray().Select(v => sign * v)];

    private sealed class ListProgress(List<TrainingProgress> list) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => list.Add(value);
    }
}
