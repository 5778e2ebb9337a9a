namespace LinkMatch.Ranking.Tests;

public class LambdaGradientsTests
{
    [Theory]
    [InlineData(30, true)]
    [InlineData(30, false)]
    [InlineData(3, true)]
    [InlineData(1, false)]
    public void Lambdas_match_a_brute_force_pairwise_reference(int truncation, bool normalize)
    {
        var random = new Random(truncation + (normalize ? 100 : 0));
        int[] sizes = [1, 2, 3, 5, 7, 12, 25, 40];
        var rows = sizes.Sum();
        var labels = new float[rows];
        var scores = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            labels[i] = random.Next(0, 5);
            // Rounded scores make ties.
            scores[i] = Math.Round((random.NextDouble() * 4) - 2, 1);
        }

        var data = RankingDataset.FromColumns([new float[rows]], labels, sizes);
        var options = new TrainingOptions { TruncationLevel = truncation, NormalizeLambdas = normalize, Sigmoid = 1.5 };
        var gradients = new float[rows];
        var hessians = new float[rows];
        new LambdaGradients(data, options, new ParallelOptions()).Compute(scores, gradients, hessians, null);

        var start = 0;
        foreach (var size in sizes)
        {
            var (g, h) = Reference(labels.AsSpan(start, size), scores.AsSpan(start, size), options);
            for (var i = 0; i < size; i++)
            {
                Assert.Equal(g[i], gradients[start + i], 1e-5);
                Assert.Equal(h[i], hessians[start + i], 1e-5);
            }

            start += size;
        }
    }

    [Fact]
    public void Lambdas_push_the_better_row_up()
    {
        var data = RankingDataset.FromColumns([new float[2]], [0, 3], [2]);
        var gradients = new float[2];
        var hessians = new float[2];
        new LambdaGradients(data, new TrainingOptions(), new ParallelOptions()).Compute([0, 0], gradients, hessians, null);
        Assert.True(gradients[1] < 0 && gradients[0] > 0);
        Assert.Equal(-gradients[0], gradients[1]);
        Assert.True(hessians[0] > 0 && hessians[0] == hessians[1]);
    }

    /// <summary>Every pair of the query, straight from the definition, O(n²).</summary>
    private static (double[] Gradients, double[] Hessians) Reference(ReadOnlySpan<float> labels, ReadOnlySpan<double> scores, TrainingOptions options)
    {
        var n = labels.Length;
        var g = new double[n];
        var h = new double[n];
        var rank = new int[n];
        var order = Enumerable.Range(0, n).ToArray();
        var l = labels.ToArray();
        var s = scores.ToArray();
        Array.Sort(order, (a, b) => s[a] != s[b] ? s[b].CompareTo(s[a]) : l[a] != l[b] ? l[a].CompareTo(l[b]) : a.CompareTo(b));
        for (var r = 0; r < n; r++)
        {
            rank[order[r]] = r;
        }

        var ideal = l.OrderByDescending(x => x).Take(options.TruncationLevel)
            .Select((x, r) => (Math.Pow(2, x) - 1) / Math.Log2(r + 2)).Sum();
        if (ideal == 0)
        {
            return (g, h);
        }

        var normalize = options.NormalizeLambdas && s[order[0]] != s[order[^1]];
        var sigma = options.Sigmoid;
        double sum = 0;
        for (var a = 0; a < n; a++)
        {
            for (var b = 0; b < n; b++)
            {
                // Each unordered pair once, with the better label as "high".
                if (l[a] <= l[b] || Math.Min(rank[a], rank[b]) >= options.TruncationLevel)
                {
                    continue;
                }

                var gap = s[a] - s[b];
                var delta = (Math.Pow(2, l[a]) - Math.Pow(2, l[b]))
                    * Math.Abs((1 / Math.Log2(rank[a] + 2)) - (1 / Math.Log2(rank[b] + 2))) / ideal;
                if (normalize)
                {
                    delta /= 0.01 + Math.Abs(gap);
                }

                var rho = 1 / (1 + Math.Exp(sigma * gap));
                g[a] -= sigma * delta * rho;
                g[b] += sigma * delta * rho;
                h[a] += sigma * sigma * delta * rho * (1 - rho);
                h[b] += sigma * sigma * delta * rho * (1 - rho);
                sum += 2 * sigma * delta * rho;
            }
        }

        if (normalize && sum > 0)
        {
            var factor = Math.Log2(1 + sum) / sum;
            for (var i = 0; i < n; i++)
            {
                g[i] *= factor;
                h[i] *= factor;
            }
        }

        return (g, h);
    }
}
