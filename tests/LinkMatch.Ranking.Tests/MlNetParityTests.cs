namespace LinkMatch.Ranking.Tests;

/// <summary>LinkMatch's scorers and TreeSHAP against ML.NET's own scoring of the same model file.</summary>
public class MlNetParityTests
{
    [Theory]
    [InlineData(0.0, 31)]
    [InlineData(0.1, 31)]
    [InlineData(0.3, 8)]
    [InlineData(0.1, 48)]
    public void Freshly_trained_models_score_as_ml_net_and_explanations_add_up(double missing, int leaves)
    {
        var train = TestData.Synthetic(80, 20, features: 10, seed: 51, missing: missing);
        var model = new LambdaMartTrainer(new TrainingOptions { Trees = 40, Leaves = leaves, MinExamplesPerLeaf = 3, Threads = 1 })
            .Train(train);
        var test = TestData.Synthetic(20, 10, features: 10, seed: 52, missing: 0.15);
        AssertAgrees(model, MlNetParity.HardRows(model, test));
    }

    [Fact]
    public void A_loaded_model_scores_as_ml_net()
    {
        var train = TestData.Synthetic(60, 15, features: 6, seed: 53, missing: 0.2);
        var trained = new LambdaMartTrainer(new TrainingOptions { Trees = 25, Leaves = 12, MinExamplesPerLeaf = 3, Threads = 1 }).Train(train);
        var loaded = RankingModel.Load(new MemoryStream(trained.ToBytes().ToArray()));
        AssertAgrees(loaded, MlNetParity.HardRows(loaded, train));
    }

    internal static void AssertAgrees(RankingModel model, List<float[]> rows)
    {
        var expected = MlNetParity.TransformScores(model, rows);
        var batch = new double[rows.Count];
        model.ScoreBatch(MlNetParity.Flatten(rows), batch);
        double worst = 0, worstSum = 0;
        for (var r = 0; r < rows.Count; r++)
        {
            var score = model.Score(rows[r]);
            Assert.Equal(score, batch[r]);
            worst = Math.Max(worst, Math.Abs(score - expected[r]));
            var explanation = model.Explain(rows[r]);
            worstSum = Math.Max(worstSum, Math.Abs(explanation.BaseValue + explanation.Contributions.Sum(c => c.Contribution) - score));
        }

        Assert.True(worst <= 1e-5, $"max |ours - ML.NET| = {worst}");
        Assert.True(worstSum <= 1e-9, $"max |base + contributions - score| = {worstSum}");
    }
}
