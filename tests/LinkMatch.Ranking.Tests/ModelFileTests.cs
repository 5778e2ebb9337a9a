using System.Text;
using System.Text.Json.Nodes;

namespace LinkMatch.Ranking.Tests;

public class ModelFileTests
{
    [Fact]
    public void A_loaded_model_scores_bit_identically_and_keeps_its_metadata()
    {
        var model = TestData.SmallModel(missing: 0.1);
        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;
        var loaded = RankingModel.Load(stream);

        var test = TestData.Synthetic(10, 10, seed: 8, missing: 0.1);
        Assert.Equal(model.ScoreBatch(test), loaded.ScoreBatch(test));
        for (var r = 0; r < test.RowCount; r++)
        {
            var row = TestData.Row(test, r);
            Assert.Equal(BitConverter.DoubleToInt64Bits(model.Score(row)), BitConverter.DoubleToInt64Bits(loaded.Score(row)));
        }

        Assert.Equal(model.FeatureNames, loaded.FeatureNames);
        Assert.Equal(model.Options, loaded.Options);
        Assert.Equal(model.DataFingerprint, loaded.DataFingerprint);
        Assert.StartsWith("sha256:", loaded.DataFingerprint);
        Assert.Equal(model.Metrics, loaded.Metrics);
        Assert.Equal(model.BaseValue, loaded.BaseValue);
        Assert.True(loaded.Metrics["train.ndcg@10"] > 0.5);
    }

    [Fact]
    public void Scores_equal_the_training_scores()
    {
        var data = TestData.Synthetic(20, 10, seed: 4);
        var model = new LambdaMartTrainer(new TrainingOptions { Trees = 10, Leaves = 6, MinExamplesPerLeaf = 5 }).Train(data);
        var batch = model.ScoreBatch(data);
        var rows = new float[data.RowCount * data.FeatureCount];
        for (var r = 0; r < data.RowCount; r++)
        {
            data.CopyRow(r, rows.AsSpan(r * data.FeatureCount));
        }

        var flat = new double[data.RowCount];
        model.ScoreBatch(rows, flat);
        Assert.Equal(batch, flat);
        Assert.Equal(model.Metrics["train.ndcg@10"], RankingMetrics.MeanNdcg(data, batch, 10));
    }

    [Theory]
    [InlineData(31, 150)]
    [InlineData(48, 10)]
    public void Batch_scoring_equals_walking_each_tree_bit_for_bit(int leaves, int trees)
    {
        // 31 leaves use the bit-vector scorer; 48 leaves do not fit its 32-bit masks and use the tree walk.
        var data = TestData.Synthetic(60, 20, features: 12, seed: 13, missing: 0.1);
        var model = new LambdaMartTrainer(new TrainingOptions { Trees = trees, Leaves = leaves, MinExamplesPerLeaf = 3 }).Train(data);
        Assert.Equal(leaves <= 32, model.UsesBitvectors);
        var test = TestData.Synthetic(30, 9, features: 12, seed: 14, missing: 0.2);
        var batch = model.ScoreBatch(test);
        for (var r = 0; r < test.RowCount; r++)
        {
            var row = TestData.Row(test, r);
            var walked = model.Trees.Sum(tree => 0.0 + tree.LeafValue[tree.LeafOf(row)]);
            double inOrder = 0;
            foreach (var tree in model.Trees)
            {
                inOrder += tree.LeafValue[tree.LeafOf(row)];
            }

            Assert.Equal(BitConverter.DoubleToInt64Bits(inOrder), BitConverter.DoubleToInt64Bits(batch[r]));
            Assert.Equal(inOrder, model.Score(row));
            Assert.Equal(walked, batch[r], 1e-12);
        }
    }

    [Theory]
    [InlineData("", "not valid JSON")]
    [InlineData("{\"format\":\"linkmatch-ranking-model\",\"version\":1,", "not valid JSON")]
    [InlineData("[1,2,3]", "not a ranking model")]
    [InlineData("{\"format\":\"something-else\",\"version\":1}", "not a ranking model")]
    [InlineData("{\"format\":\"linkmatch-ranking-model\"}", "no version")]
    [InlineData("{\"format\":\"linkmatch-ranking-model\",\"version\":2}", "version 2 is not supported")]
    [InlineData("{\"format\":\"linkmatch-ranking-model\",\"version\":1}", "does not match version 1")]
    public void Unreadable_files_fail_with_a_clear_error(string content, string message)
    {
        var error = Assert.Throws<ModelFormatException>(() => RankingModel.Load(new MemoryStream(Encoding.UTF8.GetBytes(content))));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("left", "bad child")]
    [InlineData("feature", "splits on feature 999")]
    [InlineData("leafValue", "expected")]
    [InlineData("featureNames", "bin threshold lists")]
    [InlineData("threshold", "no threshold")]
    public void Corrupt_models_fail_on_load(string field, string message)
    {
        var model = TestData.SmallModel();
        using var stream = new MemoryStream();
        model.Save(stream);
        var json = JsonNode.Parse(stream.ToArray())!;
        var tree = json["trees"]![0]!;
        switch (field)
        {
            case "left":
                tree["left"]![0] = 0;
                break;
            case "feature":
                tree["feature"]![0] = 999;
                break;
            case "leafValue":
                tree["leafValue"]!.AsArray().RemoveAt(0);
                break;
            case "featureNames":
                json["featureNames"]!.AsArray().Add("extra");
                break;
            default:
                tree["threshold"]![0] = "NaN";
                break;
        }

        var corrupt = Encoding.UTF8.GetBytes(json.ToJsonString());
        var error = Assert.Throws<ModelFormatException>(() => RankingModel.Load(new MemoryStream(corrupt)));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scoring_checks_the_width_of_a_row()
    {
        var model = TestData.SmallModel();
        Assert.Throws<ArgumentException>(() => model.Score(new float[3]));
    }
}
