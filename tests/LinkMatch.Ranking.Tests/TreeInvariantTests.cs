namespace LinkMatch.Ranking.Tests;

public class TreeInvariantTests
{
    [Theory]
    [InlineData(1.0, 0.0)]
    [InlineData(0.5, 0.02)]
    public void First_tree_agrees_with_gradients_summed_over_its_rows(double featureFraction, double missing)
    {
        // Dense and sparse (mostly zero) features, and missing values, so that every histogram path is used.
        var dense = TestData.Synthetic(80, 25, features: 40, seed: 17, missing: missing);
        var random = new Random(5);
        var columns = new float[dense.FeatureCount][];
        for (var f = 0; f < columns.Length; f++)
        {
            // Two decimals: at most 101 distinct values a feature, so bins lose nothing.
            columns[f] = [.. dense.Column(f).ToArray().Select(v => MathF.Round(v, 2))];
            if (f >= 20)
            {
                for (var r = 0; r < columns[f].Length; r++)
                {
                    columns[f][r] = random.NextDouble() < 0.8 ? 0 : columns[f][r];
                }
            }
        }

        var data = RankingDataset.FromColumns(columns, dense.Labels.ToArray(), QuerySizes(dense));
        var options = new TrainingOptions
        {
            Trees = 1,
            Leaves = 24,
            MinExamplesPerLeaf = 10,
            LearningRate = 0.3,
            L2 = 0.7,
            FeatureSubsample = featureFraction,
        };
        var tree = new LambdaMartTrainer(options).Train(data).Trees[0];

        var gradients = new float[data.RowCount];
        var hessians = new float[data.RowCount];
        new LambdaGradients(data, options, new ParallelOptions()).Compute(new double[data.RowCount], gradients, hessians, null);
        var rows = new List<int>[tree.LeafCount];
        for (var leaf = 0; leaf < rows.Length; leaf++)
        {
            rows[leaf] = [];
        }

        for (var r = 0; r < data.RowCount; r++)
        {
            rows[tree.LeafOf(TestData.Row(data, r))].Add(r);
        }

        Assert.True(tree.LeafCount > 10);
        for (var leaf = 0; leaf < tree.LeafCount; leaf++)
        {
            var (g, h) = Sums(rows[leaf], gradients, hessians);
            Assert.Equal(rows[leaf].Count, tree.LeafCover[leaf]);
            Assert.Equal(-g / (h + options.L2) * options.LearningRate, tree.LeafValue[leaf], 1e-9);
        }

        // Each split's gain, recomputed from the rows below each side.
        for (var node = 0; node < tree.NodeCount; node++)
        {
            var (left, right) = (Below(tree, tree.Left[node], rows), Below(tree, tree.Right[node], rows));
            var (gl, hl) = Sums(left, gradients, hessians);
            var (gr, hr) = Sums(right, gradients, hessians);
            var gain = (gl * gl / (hl + options.L2)) + (gr * gr / (hr + options.L2))
                - ((gl + gr) * (gl + gr) / (hl + hr + options.L2));
            Assert.Equal(gain, tree.Gain[node], 1e-9 * Math.Max(1, gain));
            if (featureFraction == 1 && missing == 0)
            {
                // With every feature allowed, no exact split of the node's rows gains more.
                var best = Enumerable.Range(0, data.FeatureCount).Max(f => ExactBestGain(data, f, [.. left, .. right], gradients, hessians, options));
                Assert.Equal(best, tree.Gain[node], 1e-9 * Math.Max(1, gain));
            }
        }
    }

    private static double ExactBestGain(RankingDataset data, int feature, List<int> rows, float[] g, float[] h, TrainingOptions options)
    {
        var column = data.Column(feature).ToArray();
        var order = rows.OrderBy(r => column[r]).ToArray();
        var (totalG, totalH) = Sums(rows, g, h);
        var parent = totalG * totalG / (totalH + options.L2);
        double leftG = 0, leftH = 0, best = double.NegativeInfinity;
        for (var k = 0; k < order.Length - 1; k++)
        {
            leftG += g[order[k]];
            leftH += h[order[k]];
            if (column[order[k]] == column[order[k + 1]] || k + 1 < options.MinExamplesPerLeaf
                || order.Length - k - 1 < options.MinExamplesPerLeaf || leftH < options.MinHessianPerLeaf
                || totalH - leftH < options.MinHessianPerLeaf)
            {
                continue;
            }

            var rightG = totalG - leftG;
            best = Math.Max(best, (leftG * leftG / (leftH + options.L2)) + (rightG * rightG / (totalH - leftH + options.L2)) - parent);
        }

        return best;
    }

    [Fact]
    public void Large_leaves_partition_the_same_in_parallel()
    {
        // Over 32K rows in the root: partitioning runs in blocks, on several threads.
        var data = TestData.Synthetic(2_600, 20, features: 6, seed: 23);
        Assert.True(data.RowCount > 40_000);
        var trees = new[] { 1, 2 }.Select(threads => new LambdaMartTrainer(
            new TrainingOptions { Trees = 2, Leaves = 12, Threads = threads }).Train(data).Trees[0]).ToArray();
        Assert.Equal(trees[0].LeafValue, trees[1].LeafValue);
        Assert.Equal(trees[0].Threshold, trees[1].Threshold);

        var options = new TrainingOptions();
        var gradients = new float[data.RowCount];
        var hessians = new float[data.RowCount];
        new LambdaGradients(data, options, new ParallelOptions()).Compute(new double[data.RowCount], gradients, hessians, null);
        var rows = new List<int>[trees[1].LeafCount];
        for (var leaf = 0; leaf < rows.Length; leaf++)
        {
            rows[leaf] = [];
        }

        for (var r = 0; r < data.RowCount; r++)
        {
            rows[trees[1].LeafOf(TestData.Row(data, r))].Add(r);
        }

        for (var leaf = 0; leaf < rows.Length; leaf++)
        {
            var (g, h) = Sums(rows[leaf], gradients, hessians);
            Assert.Equal(rows[leaf].Count, trees[1].LeafCover[leaf]);
            Assert.Equal(-g / (h + options.L2) * options.LearningRate, trees[1].LeafValue[leaf], 1e-9);
        }
    }

    private static List<int> Below(RegressionTree tree, int reference, List<int>[] rows) =>
        reference < 0 ? rows[~reference] : [.. Below(tree, tree.Left[reference], rows), .. Below(tree, tree.Right[reference], rows)];

    private static (double G, double H) Sums(List<int> rows, float[] gradients, float[] hessians) =>
        (rows.Sum(r => (double)gradients[r]), rows.Sum(r => (double)hessians[r]));

    private static int[] QuerySizes(RankingDataset data) =>
        [.. Enumerable.Range(0, data.QueryCount).Select(q => data.QueryOffsets[q + 1] - data.QueryOffsets[q])];
}
