namespace LinkMatch.Ranking;

/// <summary>
/// LambdaMART gradients, as LightGBM's lambdarank computes them: for every pair of rows of a query with different
/// labels, at least one of them among the first <see cref="TrainingOptions.TruncationLevel"/> by current score,
/// the lambda is σ·|ΔNDCG|·ρ with ρ = 1 / (1 + e^(σ·(s_high − s_low))) and the hessian σ²·|ΔNDCG|·ρ(1 − ρ), where
/// |ΔNDCG| is the change in NDCG (normalised by the ideal DCG at the truncation level) from swapping the pair.
/// Queries are independent, so they run in parallel without changing a single bit of the result.
/// </summary>
internal sealed class LambdaGradients
{
    private const int QueriesPerTask = 32;

    private readonly float[] _labels;
    private readonly int[] _offsets;
    private readonly double[] _gains;
    private readonly double[] _inverseIdealDcg;
    private readonly int[] _order;
    private readonly double[] _lambdas;
    private readonly double[] _weights;
    private readonly TrainingOptions _options;
    private readonly ParallelOptions _parallel;

    public LambdaGradients(RankingDataset data, TrainingOptions options, ParallelOptions parallel)
    {
        _labels = data.Labels.ToArray();
        _offsets = data.QueryOffsets.ToArray();
        _options = options;
        _parallel = parallel;
        _order = new int[data.RowCount];
        _lambdas = new double[data.RowCount];
        _weights = new double[data.RowCount];
        _gains = new double[data.RowCount];
        for (var r = 0; r < _gains.Length; r++)
        {
            _gains[r] = RankingMetrics.Gain(_labels[r]);
        }

        _inverseIdealDcg = new double[data.QueryCount];
        for (var q = 0; q < _inverseIdealDcg.Length; q++)
        {
            var ideal = RankingMetrics.IdealDcg(_labels.AsSpan(_offsets[q], _offsets[q + 1] - _offsets[q]), options.TruncationLevel);
            _inverseIdealDcg[q] = ideal > 0 ? 1 / ideal : 0;
        }
    }

    /// <summary>Fills gradients and hessians for the rows of the given queries (all queries when null).</summary>
    public void Compute(double[] scores, float[] gradients, float[] hessians, int[]? queries)
    {
        var count = queries?.Length ?? _inverseIdealDcg.Length;
        var tasks = (count + QueriesPerTask - 1) / QueriesPerTask;
        Parallel.For(0, tasks, _parallel, task =>
        {
            var end = Math.Min(count, (task + 1) * QueriesPerTask);
            for (var i = task * QueriesPerTask; i < end; i++)
            {
                ComputeQuery(queries is null ? i : queries[i], scores, gradients, hessians);
            }
        });
    }

    private void ComputeQuery(int query, double[] allScores, float[] allGradients, float[] allHessians)
    {
        var start = _offsets[query];
        var count = _offsets[query + 1] - start;
        var gradients = _lambdas.AsSpan(start, count);
        var hessians = _weights.AsSpan(start, count);
        gradients.Clear();
        hessians.Clear();
        var inverseIdeal = _inverseIdealDcg[query];
        if (count >= 2 && inverseIdeal > 0)
        {
            Accumulate(query, allScores, gradients, hessians);
        }

        for (var r = 0; r < count; r++)
        {
            allGradients[start + r] = (float)gradients[r];
            allHessians[start + r] = (float)hessians[r];
        }
    }

    private void Accumulate(int query, double[] allScores, Span<double> gradients, Span<double> hessians)
    {
        var start = _offsets[query];
        var count = _offsets[query + 1] - start;
        var inverseIdeal = _inverseIdealDcg[query];

        var scores = allScores.AsSpan(start, count);
        var labels = _labels.AsSpan(start, count);
        var gains = _gains.AsSpan(start, count);
        var order = _order.AsSpan(start, count);
        RankOrder.Sort(scores, labels, order);

        var sigma = _options.Sigmoid;
        var normalize = _options.NormalizeLambdas && scores[order[0]] != scores[order[^1]];
        double lambdaSum = 0;
        var top = Math.Min(count - 1, _options.TruncationLevel);
        for (var i = 0; i < top; i++)
        {
            var rowI = order[i];
            double lambdaI = 0, hessianI = 0;
            for (var j = i + 1; j < count; j++)
            {
                var rowJ = order[j];
                if (labels[rowI] == labels[rowJ])
                {
                    continue;
                }

                // The pair's better-labelled row is "high", whatever its current rank.
                var iHigh = labels[rowI] > labels[rowJ];
                var (high, low) = iHigh ? (rowI, rowJ) : (rowJ, rowI);
                var scoreGap = scores[high] - scores[low];
                var deltaNdcg = (gains[high] - gains[low])
                    * (RankingMetrics.Discount(i) - RankingMetrics.Discount(j)) * inverseIdeal;
                if (normalize)
                {
                    deltaNdcg /= 0.01 + Math.Abs(scoreGap);
                }

                var rho = 1 / (1 + Math.Exp(sigma * scoreGap));
                var lambda = sigma * deltaNdcg * rho;
                var hessian = sigma * sigma * deltaNdcg * rho * (1 - rho);

                // Gradients of the loss: negative pulls a row up.
                if (iHigh)
                {
                    lambdaI -= lambda;
                    gradients[rowJ] += lambda;
                }
                else
                {
                    lambdaI += lambda;
                    gradients[rowJ] -= lambda;
                }

                hessianI += hessian;
                hessians[rowJ] += hessian;
                lambdaSum += 2 * lambda;
            }

            gradients[rowI] += lambdaI;
            hessians[rowI] += hessianI;
        }

        if (normalize && lambdaSum > 0)
        {
            var factor = Math.Log2(1 + lambdaSum) / lambdaSum;
            for (var r = 0; r < count; r++)
            {
                gradients[r] *= factor;
                hessians[r] *= factor;
            }
        }
    }
}
