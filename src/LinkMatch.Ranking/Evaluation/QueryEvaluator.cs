namespace LinkMatch.Ranking;

/// <summary>Mean NDCG@k of a fixed dataset for changing scores, with buffers made once (early stopping).</summary>
internal sealed class QueryEvaluator
{
    private readonly float[] _labels;
    private readonly int[] _offsets;
    private readonly int[] _order;
    private readonly double[] _perQuery;
    private readonly double[] _idealDcg;
    private readonly int _k;

    public QueryEvaluator(RankingDataset data, int k)
    {
        _labels = data.Labels.ToArray();
        _offsets = data.QueryOffsets.ToArray();
        _order = new int[data.RowCount];
        _perQuery = new double[data.QueryCount];
        _idealDcg = new double[data.QueryCount];
        _k = k;
        for (var q = 0; q < _idealDcg.Length; q++)
        {
            _idealDcg[q] = RankingMetrics.IdealDcg(_labels.AsSpan(_offsets[q], _offsets[q + 1] - _offsets[q]), k);
        }
    }

    public double MeanNdcg(double[] scores)
    {
        for (var q = 0; q < _perQuery.Length; q++)
        {
            var (start, count) = (_offsets[q], _offsets[q + 1] - _offsets[q]);
            if (_idealDcg[q] <= 0)
            {
                _perQuery[q] = 1;
                continue;
            }

            var labels = _labels.AsSpan(start, count);
            var order = _order.AsSpan(start, count);
            RankOrder.Sort(scores.AsSpan(start, count), labels, order);
            double dcg = 0;
            for (var rank = 0; rank < Math.Min(_k, count); rank++)
            {
                dcg += RankingMetrics.Gain(labels[order[rank]]) * RankingMetrics.Discount(rank);
            }

            _perQuery[q] = dcg / _idealDcg[q];
        }

        double sum = 0;
        foreach (var value in _perQuery)
        {
            sum += value;
        }

        return _perQuery.Length == 0 ? 0 : sum / _perQuery.Length;
    }
}
