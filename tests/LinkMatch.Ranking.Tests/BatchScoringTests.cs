namespace LinkMatch.Ranking.Tests;

/// <summary>The bit-vector scorer on the rows that probe it hardest: values at, just below and just above every
/// threshold, NaN, ±0 and ±∞, in batches of every size around its blocks of sixteen rows and groups of sixteen trees.</summary>
public class BatchScoringTests
{
    [Theory]
    [InlineData(31, 37, 12, 0.1)]
    [InlineData(31, 16, 5, 0.0)]
    [InlineData(4, 70, 40, 0.3)]
    public void Every_batch_size_scores_each_row_as_the_tree_walk_to_the_bit(int leaves, int trees, int features, double missing)
    {
        var train = TestData.Synthetic(50, 20, features: features, seed: 61, missing: missing);
        var model = new LambdaMartTrainer(new TrainingOptions { Trees = trees, Leaves = leaves, MinExamplesPerLeaf = 3, Threads = 1 })
            .Train(train);
        Assert.True(model.UsesBitvectors);
        var rows = MlNetParity.HardRows(model, train, dataRows: 40);
        foreach (var value in new[] { 0f, -0f, float.PositiveInfinity, float.NegativeInfinity, float.MaxValue, -float.Epsilon })
        {
            for (var f = 0; f < features; f++)
            {
                var row = TestData.Row(train, f);
                row[f] = value;
                rows.Add(row);
            }
        }

        var walked = new double[rows.Count];
        for (var r = 0; r < rows.Count; r++)
        {
            foreach (var tree in model.Trees)
            {
                walked[r] += tree.LeafValue[tree.LeafOf(rows[r])];
            }
        }

        var flat = MlNetParity.Flatten(rows);
        foreach (var size in new[] { 1, 2, 3, 5, 15, 16, 17, 31, 33, 64, 100 })
        {
            var scores = new double[rows.Count];
            for (var start = 0; start < rows.Count; start += size)
            {
                var count = Math.Min(size, rows.Count - start);
                model.ScoreBatch(flat.AsSpan(start * features, count * features), scores.AsSpan(start, count));
            }

            for (var r = 0; r < rows.Count; r++)
            {
                Assert.True(BitConverter.DoubleToInt64Bits(walked[r]) == BitConverter.DoubleToInt64Bits(scores[r]),
                    $"batches of {size}, row {r}: walked {walked[r]:R}, batch {scores[r]:R}");
            }
        }

        MlNetParityTests.AssertAgrees(model, rows);
    }
}
