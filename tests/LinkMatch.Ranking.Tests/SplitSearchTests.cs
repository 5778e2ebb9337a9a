using System.Runtime.Intrinsics;

namespace LinkMatch.Ranking.Tests;

public class SplitSearchTests
{
    [Theory]
    [InlineData(1, 40, 1)]
    [InlineData(2, 200, 5)]
    [InlineData(3, 250, 20)]
    [InlineData(4, 30, 10, 0.8)]
    public void Histogram_split_equals_exact_split_when_bins_lose_nothing(int seed, int distinct, int minLeaf, double zeros = 0)
    {
        const int Rows = 2_000;
        var random = new Random(seed);
        var values = new float[Rows];
        var gradients = new float[Rows];
        var hessians = new float[Rows];
        for (var r = 0; r < Rows; r++)
        {
            values[r] = random.NextDouble() < zeros ? 0 : random.Next(distinct) * 0.37f;
            gradients[r] = (float)((Math.Sin(values[r]) * 2) + random.NextDouble() - 0.5);
            hessians[r] = (float)(0.1 + random.NextDouble());
        }

        var options = new TrainingOptions { MinExamplesPerLeaf = minLeaf, MinHessianPerLeaf = 1, L2 = 0.5 };
        var data = RankingDataset.FromColumns([values], new float[Rows], [Rows]);
        var bins = FeatureBinner.Fit(data, 255, 0, new ParallelOptions());
        Assert.Equal(distinct, bins[0].BinCount);
        var binned = BinnedData.Create(data, bins, new ParallelOptions());
        var histogram = new Vector256<double>[binned.TotalBins];
        var rows = Enumerable.Range(0, Rows).ToArray();
        var totals = new LeafTotals(gradients.Sum(g => (double)g), hessians.Sum(h => (double)h), Rows);
        Assert.Equal(zeros > 0, binned.IsSparse(0));
        if (binned.IsSparse(0))
        {
            Histograms.AccumulateSparseGroup(
                binned.SparseRowStarts[0], binned.SparseEntries[0], binned.GroupOffsets[0], binned.GroupCommonestBins[0],
                binned.GroupBinRanges[0], rows, 0, Rows, Entries(gradients, hessians), histogram, true, totals);
        }
        else
        {
            Histograms.AccumulateGroup(
                binned.Groups[0], 1, binned.GroupOffsets[0], binned.GroupBinRanges[0], rows, 0, Rows, Entries(gradients, hessians),
                histogram, true);
        }

        var fromHistogram = SplitFinder.Best(histogram, 0, bins[0], totals, options);
        var (exactGain, exactThreshold) = ExactBest(values, gradients, hessians, options);

        Assert.True(fromHistogram.IsValid);
        Assert.Equal(exactGain, fromHistogram.Gain, 1e-9 * Math.Max(1, exactGain));
        var threshold = bins[0].UpperBounds[fromHistogram.Bin];
        Assert.Equal(values.Count(v => v <= exactThreshold), values.Count(v => v <= threshold));
    }

    [Fact]
    public void Missing_values_go_where_they_gain_most()
    {
        // Missing rows have large positive gradients, like the high values: they belong on the right.
        var values = new float[] { 0, 0, 0, 1, 1, 1, float.NaN, float.NaN };
        var gradients = new float[] { -1, -1, -1, 1, 1, 1, 2, 2 };
        var hessians = Enumerable.Repeat(1f, values.Length).ToArray();
        var data = RankingDataset.FromColumns([values], new float[values.Length], [values.Length]);
        var bins = FeatureBinner.Fit(data, 255, 0, new ParallelOptions());
        Assert.True(bins[0].HasMissing);
        var binned = BinnedData.Create(data, bins, new ParallelOptions());
        var histogram = new Vector256<double>[binned.TotalBins];
        Histograms.AccumulateGroup(
            binned.Groups[0], 1, binned.GroupOffsets[0], binned.GroupBinRanges[0], [.. Enumerable.Range(0, 8)], 0, 8,
            Entries(gradients, hessians), histogram, true);
        var split = SplitFinder.Best(histogram, 0, bins[0], new LeafTotals(4, 8, 8), new TrainingOptions { MinExamplesPerLeaf = 1 });
        Assert.False(split.DefaultLeft);
        Assert.Equal(3, split.LeftCount);
    }

    [Fact]
    public void Bins_never_cut_between_equal_values_and_respect_the_limit()
    {
        var random = new Random(7);
        var values = new float[50_000];
        for (var i = 0; i < values.Length; i++)
        {
            // A heavy value (0) and a long tail of distinct ones.
            values[i] = random.NextDouble() < 0.4 ? 0 : (float)random.NextDouble();
        }

        var bins = FeatureBinner.FitFeature(values.ToArray(), 64);
        Assert.Equal(64, bins.BinCount);
        Assert.Equal(0, bins.BinOf(0));
        Assert.NotEqual(bins.BinOf(0), bins.BinOf(values.Where(v => v > 0).Min()));
        foreach (var value in values.Take(1000))
        {
            var bin = bins.BinOf(value);
            Assert.True(bin == 0 || bins.UpperBounds[bin - 1] < value);
            Assert.True(bin == bins.ValueBinCount - 1 || value <= bins.UpperBounds[bin]);
        }
    }

    [Fact]
    public void Few_distinct_values_get_a_bin_each()
    {
        var bins = FeatureBinner.FitFeature(new float[] { 3, 1, 2, 2, 3, float.NaN, 1 }, 255);
        Assert.Equal(3, bins.ValueBinCount);
        Assert.True(bins.HasMissing);
        Assert.Equal([0, 1, 2, 3], new[] { 1f, 2f, 3f, float.NaN }.Select(bins.BinOf));
        Assert.Equal(1, bins.BinOf(1.7f));
    }

    private static Vector256<double>[] Entries(float[] gradients, float[] hessians) =>
        [.. gradients.Zip(hessians, (g, h) => Vector256.Create(g, h, 1.0, 0.0))];

    /// <summary>Every threshold between distinct raw values, with the same gain and limits as the trainer.</summary>
    private static (double Gain, float Threshold) ExactBest(float[] values, float[] g, float[] h, TrainingOptions options)
    {
        var order = Enumerable.Range(0, values.Length).OrderBy(i => values[i]).ToArray();
        double totalG = g.Sum(x => (double)x), totalH = h.Sum(x => (double)x);
        var parent = totalG * totalG / (totalH + options.L2);
        double leftG = 0, leftH = 0, best = double.NegativeInfinity;
        var threshold = float.NaN;
        for (var k = 0; k < order.Length - 1; k++)
        {
            leftG += g[order[k]];
            leftH += h[order[k]];
            if (values[order[k]] == values[order[k + 1]])
            {
                continue;
            }

            var (leftN, rightN, rightH) = (k + 1, order.Length - k - 1, totalH - leftH);
            if (leftN < options.MinExamplesPerLeaf || rightN < options.MinExamplesPerLeaf
                || leftH < options.MinHessianPerLeaf || rightH < options.MinHessianPerLeaf)
            {
                continue;
            }

            var rightG = totalG - leftG;
            var gain = (leftG * leftG / (leftH + options.L2)) + (rightG * rightG / (rightH + options.L2)) - parent;
            if (gain > best)
            {
                (best, threshold) = (gain, values[order[k]]);
            }
        }

        return (best, threshold);
    }
}
