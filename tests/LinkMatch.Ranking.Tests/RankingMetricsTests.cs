namespace LinkMatch.Ranking.Tests;

public class RankingMetricsTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void Dcg_matches_a_hand_computed_ranking()
    {
        // Scores rank the rows 1, 0, 3, 2: labels 3, 2, 1, 0.
        float[] labels = [2, 3, 0, 1];
        double[] scores = [0.8, 0.9, 0.1, 0.3];
        var expected = 7 + (3 / Math.Log2(3)) + (1 / Math.Log2(4)) + 0;
        Assert.Equal(expected, RankingMetrics.Dcg(labels, scores, 10), Tolerance);
        Assert.Equal(7 + (3 / Math.Log2(3)), RankingMetrics.Dcg(labels, scores, 2), Tolerance);
        Assert.Equal(1.0, RankingMetrics.Ndcg(labels, scores, 10), Tolerance);
    }

    [Fact]
    public void Ndcg_of_a_wrong_order_is_its_dcg_over_the_ideal()
    {
        float[] labels = [0, 1, 2];
        double[] scores = [3, 2, 1];
        var dcg = 0 + (1 / Math.Log2(3)) + (3 / Math.Log2(4));
        var ideal = 3 + (1 / Math.Log2(3));
        Assert.Equal(dcg / ideal, RankingMetrics.Ndcg(labels, scores, 3), Tolerance);
        Assert.Equal(0.0, RankingMetrics.Ndcg(labels, scores, 1), Tolerance);
    }

    [Fact]
    public void Ties_are_broken_pessimistically()
    {
        float[] labels = [1, 0, 2];
        double[] scores = [0.5, 0.5, 0.5];
        // Equal scores: lowest label first, 0, 1, 2.
        var dcg = 0 + (1 / Math.Log2(3)) + (3 / Math.Log2(4));
        Assert.Equal(dcg, RankingMetrics.Dcg(labels, scores, 3), Tolerance);
    }

    [Fact]
    public void A_query_without_relevant_rows_counts_as_one()
    {
        float[] labels = [0, 0, 0];
        double[] scores = [1, 2, 3];
        Assert.Equal(1.0, RankingMetrics.Ndcg(labels, scores, 5));
        Assert.Equal(1.0, RankingMetrics.AveragePrecision(labels, scores));
        Assert.Equal(0.0, RankingMetrics.Dcg(labels, scores, 5));
    }

    [Fact]
    public void Average_precision_matches_a_hand_computed_ranking()
    {
        // Order by score: relevant, not, relevant, not, relevant → (1/1 + 2/3 + 3/5) / 3.
        float[] labels = [1, 0, 2, 0, 1];
        double[] scores = [5, 4, 3, 2, 1];
        Assert.Equal((1 + (2.0 / 3) + (3.0 / 5)) / 3, RankingMetrics.AveragePrecision(labels, scores), Tolerance);
    }

    [Fact]
    public void Means_over_a_dataset_average_the_queries()
    {
        var data = RankingDataset.FromRows(
            [[0f], [0f], [0f], [0f], [0f]], [1, 0, 0, 0, 0], [2, 3]);
        double[] scores = [0, 1, 5, 4, 3];
        var perQuery = RankingMetrics.NdcgPerQuery(data, scores, 10);
        Assert.Equal([1 / Math.Log2(3), 1.0], perQuery);
        Assert.Equal((perQuery[0] + 1) / 2, RankingMetrics.MeanNdcg(data, scores, 10), Tolerance);
        Assert.Equal((0.5 + 1) / 2, RankingMetrics.MeanAveragePrecision(data, scores), Tolerance);
    }

    [Fact]
    public void Cutoff_must_be_positive() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RankingMetrics.Ndcg([1f], [1.0], 0));
}
