using System.Runtime.Intrinsics;

namespace LinkMatch.Ranking;

/// <summary>
/// LambdaMART gradients, as LightGBM's lambdarank computes them: for every pair of rows of a query with different
/// labels, at least one of them among the first <see cref="TrainingOptions.TruncationLevel"/> by current score,
/// the lambda is σ·|ΔNDCG|·ρ with ρ = 1 / (1 + e^(σ·(s_high − s_low))) and the hessian σ²·|ΔNDCG|·ρ(1 − ρ), where
/// |ΔNDCG| is the change in NDCG (normalised by the ideal DCG at the truncation level) from swapping the pair.
/// Queries are independent, so they run in parallel without changing a single bit of the result; within a query
/// the pairs of one row are computed eight at a time, in single precision, on rows laid out in rank order.
/// </summary>
internal sealed class LambdaGradients
{
    private const int QueriesPerTask = 32;

    private readonly float[] _labels;
    private readonly int[] _offsets;
    private readonly double[] _gains;
    private readonly double[] _inverseIdealDcg;
    private readonly int[] _order;
    private readonly float[] _rankedScores;
    private readonly float[] _rankedLabels;
    private readonly float[] _rankedGains;
    private readonly float[] _lambdas;
    private readonly float[] _weights;
    private readonly float[] _discounts;
    private readonly TrainingOptions _options;
    private readonly ParallelOptions _parallel;

    public LambdaGradients(RankingDataset data, TrainingOptions options, ParallelOptions parallel)
    {
        var rows = data.RowCount;
        _labels = data.Labels.ToArray();
        _offsets = data.QueryOffsets.ToArray();
        _options = options;
        _parallel = parallel;
        _order = new int[rows];
        _rankedScores = new float[rows];
        _rankedLabels = new float[rows];
        _rankedGains = new float[rows];
        _lambdas = new float[rows];
        _weights = new float[rows];
        _gains = new double[rows];
        var longest = 0;
        for (var r = 0; r < rows; r++)
        {
            _gains[r] = RankingMetrics.Gain(_labels[r]);
        }

        _inverseIdealDcg = new double[data.QueryCount];
        for (var q = 0; q < _inverseIdealDcg.Length; q++)
        {
            var count = _offsets[q + 1] - _offsets[q];
            longest = Math.Max(longest, count);
            var ideal = RankingMetrics.IdealDcg(_labels.AsSpan(_offsets[q], count), options.TruncationLevel);
            _inverseIdealDcg[q] = ideal > 0 ? 1 / ideal : 0;
            for (var i = 0; i < count; i++)
            {
                _order[_offsets[q] + i] = i;
            }
        }

        _discounts = new float[longest + Vector256<float>.Count];
        for (var rank = 0; rank < longest; rank++)
        {
            _discounts[rank] = (float)RankingMetrics.Discount(rank);
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
        var lambdas = _lambdas.AsSpan(start, count);
        var weights = _weights.AsSpan(start, count);
        lambdas.Clear();
        weights.Clear();
        var order = _order.AsSpan(start, count);
        if (count >= 2 && _inverseIdealDcg[query] > 0)
        {
            RankOrder.Resort(allScores.AsSpan(start, count), _labels.AsSpan(start, count), order);
            for (var rank = 0; rank < count; rank++)
            {
                var row = start + order[rank];
                // Score gaps only feed a sigmoid: single precision is plenty, and twice as many pairs fit a vector.
                _rankedScores[start + rank] = (float)(allScores[row] - allScores[start + order[0]]);
                _rankedLabels[start + rank] = _labels[row];
                _rankedGains[start + rank] = (float)_gains[row];
            }

            Accumulate(start, count, _inverseIdealDcg[query]);
        }

        // Lambdas were summed by rank; rows get them back in row order.
        for (var rank = 0; rank < count; rank++)
        {
            var row = start + order[rank];
            allGradients[row] = lambdas[rank];
            allHessians[row] = weights[rank];
        }
    }

    /// <summary>Sums the pairs' lambdas into <c>_lambdas</c> and <c>_weights</c>, indexed by rank.</summary>
    private void Accumulate(int start, int count, double inverseIdeal)
    {
        const int Lanes = 8;
        var scores = _rankedScores.AsSpan(start, count);
        var labels = _rankedLabels.AsSpan(start, count);
        var gains = _rankedGains.AsSpan(start, count);
        var lambdas = _lambdas.AsSpan(start, count);
        var weights = _weights.AsSpan(start, count);
        var discounts = _discounts.AsSpan();
        var sigma = (float)_options.Sigmoid;
        var normalize = _options.NormalizeLambdas && scores[0] != scores[^1];
        var sigmaV = Vector256.Create(sigma);
        var one = Vector256.Create(1f);
        var offset = Vector256.Create(0.01f);
        var inverseIdealV = Vector256.Create((float)inverseIdeal);
        var lambdaSum = Vector256<float>.Zero;
        double lambdaSumTail = 0;
        var top = Math.Min(count - 1, _options.TruncationLevel);
        for (var i = 0; i < top; i++)
        {
            var (scoreI, labelI, gainI) = (scores[i], labels[i], gains[i]);
            var discountI = discounts[i] * (float)inverseIdeal;
            var scoreIV = Vector256.Create(scoreI);
            var labelIV = Vector256.Create(labelI);
            var gainIV = Vector256.Create(gainI);
            var discountIV = Vector256.Create(discountI);
            var lambdaI = Vector256<float>.Zero;
            var weightI = Vector256<float>.Zero;
            var j = i + 1;
            for (; j + Lanes <= count; j += Lanes)
            {
                var labelJ = Vector256.Create(labels.Slice(j, Lanes));
                var differs = ~Vector256.Equals(labelJ, labelIV);
                // +1 where row i is the better one of the pair, -1 where row j is.
                var sign = Vector256.ConditionalSelect(Vector256.GreaterThan(labelIV, labelJ), one, -one);
                var difference = scoreIV - Vector256.Create(scores.Slice(j, Lanes));
                var deltaNdcg = Vector256.Abs(gainIV - Vector256.Create(gains.Slice(j, Lanes)))
                    * (discountIV - (Vector256.Create(discounts.Slice(j, Lanes)) * inverseIdealV));
                if (normalize)
                {
                    deltaNdcg /= offset + Vector256.Abs(difference);
                }

                var rho = one / (one + Vector256.Exp(sigmaV * sign * difference));
                var lambda = (sigmaV * deltaNdcg * rho) & differs;
                var weight = (sigmaV * sigmaV * deltaNdcg * rho * (one - rho)) & differs;
                lambdaI -= sign * lambda;
                weightI += weight;
                ((sign * lambda) + Vector256.Create(lambdas.Slice(j, Lanes))).CopyTo(lambdas.Slice(j, Lanes));
                (weight + Vector256.Create(weights.Slice(j, Lanes))).CopyTo(weights.Slice(j, Lanes));
                lambdaSum += lambda;
            }

            float lambdaTail = 0, weightTail = 0;
            for (; j < count; j++)
            {
                if (labels[j] == labelI)
                {
                    continue;
                }

                var sign = labelI > labels[j] ? 1f : -1f;
                var difference = scoreI - scores[j];
                var deltaNdcg = Math.Abs(gainI - gains[j]) * (discountI - (discounts[j] * (float)inverseIdeal));
                if (normalize)
                {
                    deltaNdcg /= 0.01f + Math.Abs(difference);
                }

                var rho = 1 / (1 + MathF.Exp(sigma * sign * difference));
                var lambda = sigma * deltaNdcg * rho;
                var weight = sigma * sigma * deltaNdcg * rho * (1 - rho);
                lambdaTail -= sign * lambda;
                weightTail += weight;
                lambdas[j] += sign * lambda;
                weights[j] += weight;
                lambdaSumTail += lambda;
            }

            lambdas[i] += Vector256.Sum(lambdaI) + lambdaTail;
            weights[i] += Vector256.Sum(weightI) + weightTail;
        }

        var total = 2 * (Vector256.Sum(lambdaSum) + lambdaSumTail);
        if (normalize && total > 0)
        {
            var factor = (float)(Math.Log2(1 + total) / total);
            for (var r = 0; r < count; r++)
            {
                lambdas[r] *= factor;
                weights[r] *= factor;
            }
        }
    }
}
