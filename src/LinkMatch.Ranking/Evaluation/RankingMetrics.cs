namespace LinkMatch.Ranking;

/// <summary>
/// Ranking quality. DCG@k = Σ over the first k ranks of (2^label − 1) / log2(rank + 1), rank from 1; the ranking is
/// by score, best first, with ties broken pessimistically (among equal scores the lower label ranks first).
/// NDCG@k = DCG@k / ideal DCG@k. A query with no relevant row (ideal DCG 0) counts as 1 in NDCG and in MAP: no
/// order can be wrong for it (the same convention as LightGBM and the shared peer evaluator).
/// MAP: mean over queries of average precision, a row being relevant when its label is above 0.
/// </summary>
public static class RankingMetrics
{
    /// <summary>Largest label accepted: gains 2^label − 1 stay exact in a double.</summary>
    public const float MaxLabel = 31;

    private static readonly double[] Discounts = BuildDiscounts(1 << 12);

    /// <summary>1 / log2(rank + 2) for a 0-based rank.</summary>
    internal static double Discount(int rank) =>
        rank < Discounts.Length ? Discounts[rank] : 1.0 / Math.Log2(rank + 2.0);

    internal static double Gain(float label) => Math.Pow(2, label) - 1;

    public static double Dcg(ReadOnlySpan<float> labels, ReadOnlySpan<double> scores, int k)
    {
        CheckQuery(labels, scores, k);
        var order = labels.Length <= 256 ? stackalloc int[labels.Length] : new int[labels.Length];
        RankOrder.Sort(scores, labels, order);
        return DcgOfOrder(labels, order, k);
    }

    public static double Ndcg(ReadOnlySpan<float> labels, ReadOnlySpan<double> scores, int k)
    {
        CheckQuery(labels, scores, k);
        var order = labels.Length <= 256 ? stackalloc int[labels.Length] : new int[labels.Length];
        return Ndcg(labels, scores, k, order);
    }

    /// <summary>Average precision of one query over its first k ranks (all ranks by default).</summary>
    public static double AveragePrecision(ReadOnlySpan<float> labels, ReadOnlySpan<double> scores, int k = int.MaxValue)
    {
        CheckQuery(labels, scores, k);
        var order = labels.Length <= 256 ? stackalloc int[labels.Length] : new int[labels.Length];
        RankOrder.Sort(scores, labels, order);
        var relevant = 0;
        foreach (var label in labels)
        {
            relevant += label > 0 ? 1 : 0;
        }

        if (relevant == 0)
        {
            return 1;
        }

        double hits = 0, sum = 0;
        for (var rank = 0; rank < Math.Min(k, order.Length); rank++)
        {
            if (labels[order[rank]] > 0)
            {
                hits++;
                sum += hits / (rank + 1);
            }
        }

        return sum / Math.Min(relevant, k);
    }

    /// <summary>NDCG@k of every query of a dataset, given one score a row.</summary>
    public static double[] NdcgPerQuery(RankingDataset data, ReadOnlySpan<double> scores, int k) =>
        PerQuery(data, scores, k, static (l, s, k) => Ndcg(l, s, k));

    public static double[] AveragePrecisionPerQuery(RankingDataset data, ReadOnlySpan<double> scores, int k = int.MaxValue) =>
        PerQuery(data, scores, k, static (l, s, k) => AveragePrecision(l, s, k));

    public static double MeanNdcg(RankingDataset data, ReadOnlySpan<double> scores, int k) => Mean(NdcgPerQuery(data, scores, k));

    public static double MeanAveragePrecision(RankingDataset data, ReadOnlySpan<double> scores, int k = int.MaxValue) =>
        Mean(AveragePrecisionPerQuery(data, scores, k));

    /// <summary>NDCG with a caller's order buffer, for evaluation during training.</summary>
    internal static double Ndcg(ReadOnlySpan<float> labels, ReadOnlySpan<double> scores, int k, Span<int> order)
    {
        var ideal = IdealDcg(labels, k);
        if (ideal <= 0)
        {
            return 1;
        }

        RankOrder.Sort(scores, labels, order);
        return DcgOfOrder(labels, order, k) / ideal;
    }

    /// <summary>The best DCG@k any order of these labels reaches.</summary>
    internal static double IdealDcg(ReadOnlySpan<float> labels, int k)
    {
        Span<float> top = stackalloc float[Math.Min(Math.Min(k, labels.Length), 64)];
        if (top.Length < Math.Min(k, labels.Length))
        {
            var sorted = labels.ToArray();
            Array.Sort(sorted, static (a, b) => b.CompareTo(a));
            return DcgOfSorted(sorted.AsSpan(0, Math.Min(k, sorted.Length)));
        }

        // Keep the best k labels by insertion: k is small.
        var count = 0;
        foreach (var label in labels)
        {
            if (count < top.Length)
            {
                count++;
            }
            else if (label <= top[count - 1])
            {
                continue;
            }

            var j = count - 1;
            while (j > 0 && top[j - 1] < label)
            {
                top[j] = top[j - 1];
                j--;
            }

            top[j] = label;
        }

        return DcgOfSorted(top);
    }

    private static double DcgOfSorted(ReadOnlySpan<float> labels)
    {
        double dcg = 0;
        for (var rank = 0; rank < labels.Length; rank++)
        {
            dcg += Gain(labels[rank]) * Discount(rank);
        }

        return dcg;
    }

    private static double DcgOfOrder(ReadOnlySpan<float> labels, ReadOnlySpan<int> order, int k)
    {
        double dcg = 0;
        for (var rank = 0; rank < Math.Min(k, order.Length); rank++)
        {
            dcg += Gain(labels[order[rank]]) * Discount(rank);
        }

        return dcg;
    }

    private delegate double QueryMetric(ReadOnlySpan<float> labels, ReadOnlySpan<double> scores, int k);

    private static double[] PerQuery(RankingDataset data, ReadOnlySpan<double> scores, int k, QueryMetric metric)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (scores.Length != data.RowCount)
        {
            throw new ArgumentException($"{scores.Length} scores for {data.RowCount} rows", nameof(scores));
        }

        var offsets = data.QueryOffsets;
        var result = new double[data.QueryCount];
        for (var q = 0; q < result.Length; q++)
        {
            var (start, length) = (offsets[q], offsets[q + 1] - offsets[q]);
            result[q] = metric(data.Labels.Slice(start, length), scores.Slice(start, length), k);
        }

        return result;
    }

    private static double Mean(double[] values)
    {
        double sum = 0;
        foreach (var value in values)
        {
            sum += value;
        }

        return values.Length == 0 ? 0 : sum / values.Length;
    }

    private static void CheckQuery(ReadOnlySpan<float> labels, ReadOnlySpan<double> scores, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (labels.Length != scores.Length)
        {
            throw new ArgumentException($"{labels.Length} labels but {scores.Length} scores", nameof(scores));
        }
    }

    private static double[] BuildDiscounts(int count)
    {
        var discounts = new double[count];
        for (var rank = 0; rank < count; rank++)
        {
            discounts[rank] = 1.0 / Math.Log2(rank + 2.0);
        }

        return discounts;
    }
}
