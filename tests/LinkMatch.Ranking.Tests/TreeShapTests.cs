namespace LinkMatch.Ranking.Tests;

public class TreeShapTests
{
    [Fact]
    public void Contributions_plus_base_value_equal_the_score_on_every_row()
    {
        var model = TestData.SmallModel(missing: 0.1);
        var test = TestData.Synthetic(15, 12, seed: 99, missing: 0.1);
        for (var r = 0; r < test.RowCount; r++)
        {
            var row = TestData.Row(test, r);
            var explanation = model.Explain(row);
            Assert.Equal(model.Score(row), explanation.Score);
            Assert.Equal(explanation.Score, explanation.BaseValue + explanation.Contributions.Sum(c => c.Contribution), 1e-9);
        }
    }

    [Fact]
    public void Contributions_equal_brute_force_shapley_values_on_a_tiny_model()
    {
        var data = TestData.Synthetic(30, 10, features: 4, seed: 5, missing: 0.05);
        var model = new LambdaMartTrainer(new TrainingOptions { Trees = 3, Leaves = 6, MinExamplesPerLeaf = 3, Threads = 1 })
            .Train(data);
        Assert.Contains(model.Trees, t => t.NodeCount >= 3);
        foreach (var r in new[] { 0, 7, 42, 101 })
        {
            var row = TestData.Row(data, r);
            var phi = model.Explain(row).Contributions.Select(c => c.Contribution).ToArray();
            var expected = BruteForceShapley(model, row);
            for (var f = 0; f < phi.Length; f++)
            {
                Assert.Equal(expected[f], phi[f], 1e-10);
            }
        }
    }

    [Fact]
    public void Explanations_are_keyed_by_feature_name_and_ranked_by_size()
    {
        var model = TestData.SmallModel();
        var row = TestData.Row(TestData.Synthetic(1, 5, seed: 3), 0);
        var explanation = model.Explain(row);
        var byName = explanation.ByFeature();
        Assert.Equal(TestData.Names(8), byName.Keys.Order(StringComparer.Ordinal));
        var top = explanation.TopFactors(3);
        Assert.InRange(top.Count, 1, 3);
        Assert.True(top.Zip(top.Skip(1)).All(p => Math.Abs(p.First.Contribution) >= Math.Abs(p.Second.Contribution)));
        Assert.Equal(row[TestData.Names(8).ToList().IndexOf(top[0].Feature)], top[0].Value);
    }

    [Fact]
    public void Gain_importance_ranks_the_informative_features_first()
    {
        var importance = TestData.SmallModel(trees: 40).GainImportance();
        Assert.Equal(1.0, importance.Sum(i => i.Share), 1e-9);
        Assert.Equal("feature_0", importance[0].Feature);
        Assert.True(importance.Zip(importance.Skip(1)).All(p => p.First.Gain >= p.Second.Gain));
    }

    /// <summary>φ_i = Σ_S |S|!(M−|S|−1)!/M! (v(S∪{i}) − v(S)), v(S) the expected score given the features in S.</summary>
    private static double[] BruteForceShapley(RankingModel model, float[] row)
    {
        var m = row.Length;
        var phi = new double[m];
        for (var i = 0; i < m; i++)
        {
            for (var subset = 0; subset < 1 << m; subset++)
            {
                if ((subset & (1 << i)) != 0)
                {
                    continue;
                }

                var size = System.Numerics.BitOperations.PopCount((uint)subset);
                var weight = Factorial(size) * Factorial(m - size - 1) / Factorial(m);
                phi[i] += weight * (Value(model, row, subset | (1 << i)) - Value(model, row, subset));
            }
        }

        return phi;
    }

    private static double Value(RankingModel model, float[] row, int known) =>
        model.Trees.Sum(tree => Expected(tree, tree.Root, row, known));

    private static double Expected(RegressionTree tree, int node, float[] row, int known)
    {
        if (node < 0)
        {
            return tree.LeafValue[~node];
        }

        var feature = tree.Feature[node];
        if ((known & (1 << feature)) != 0)
        {
            return Expected(tree, tree.GoesLeft(node, row[feature]) ? tree.Left[node] : tree.Right[node], row, known);
        }

        double cover = tree.Cover[node];
        return (tree.CoverOf(tree.Left[node]) / cover * Expected(tree, tree.Left[node], row, known))
            + (tree.CoverOf(tree.Right[node]) / cover * Expected(tree, tree.Right[node], row, known));
    }

    private static double Factorial(int n) => n <= 1 ? 1 : n * Factorial(n - 1);
}
