using System.IO.Compression;
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
        Assert.Equal(model.ToBytes().ToArray(), loaded.ToBytes().ToArray());
        Assert.True(loaded.Metrics["train.ndcg@10"] > 0.5);
    }

    [Fact]
    public void Scores_equal_the_training_metrics()
    {
        var data = TestData.Synthetic(20, 10, seed: 4);
        var model = new LambdaMartTrainer(new TrainingOptions { Trees = 10, Leaves = 6, MinExamplesPerLeaf = 5, Threads = 1 }).Train(data);
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
    [InlineData(31, 150, 12)]
    [InlineData(48, 10, 12)]
    [InlineData(4, 150, 60)]
    public void Batch_scoring_equals_walking_each_tree_bit_for_bit(int leaves, int trees, int features)
    {
        // 31 leaves use the bit-vector scorer; 48 leaves do not fit its 32-bit masks and use the tree walk. Trees of
        // 4 leaves over 60 features leave most features out of each run of trees, which the scorer then skips.
        var data = TestData.Synthetic(60, 20, features: features, seed: 13, missing: 0.1);
        var model = new LambdaMartTrainer(new TrainingOptions { Trees = trees, Leaves = leaves, MinExamplesPerLeaf = 3, Threads = 1 }).Train(data);
        Assert.Equal(model.Trees.All(t => t.LeafCount <= 32), model.UsesBitvectors);
        Assert.Equal(leaves > 32, model.Trees.Any(t => t.LeafCount > 32));
        var test = TestData.Synthetic(30, 9, features: features, seed: 14, missing: 0.2);
        var batch = model.ScoreBatch(test);
        for (var r = 0; r < test.RowCount; r++)
        {
            var row = TestData.Row(test, r);
            double inOrder = 0;
            foreach (var tree in model.Trees)
            {
                inOrder += tree.LeafValue[tree.LeafOf(row)];
            }

            Assert.Equal(BitConverter.DoubleToInt64Bits(inOrder), BitConverter.DoubleToInt64Bits(batch[r]));
            Assert.Equal(inOrder, model.Score(row));
        }
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("{\"format\":\"linkmatch-ranking-model\",\"version\":1,\"trees\":[]}", "former trainer (format version 1)")]
    [InlineData("PK-not-really-a-zip", "not a zip")]
    public void Unreadable_files_fail_with_a_clear_error(string content, string message)
    {
        var error = Assert.Throws<ModelFormatException>(() => RankingModel.Load(new MemoryStream(Encoding.UTF8.GetBytes(content))));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing", "has no LinkMatch/model.json")]
    [InlineData("version", "version 9 is not supported")]
    [InlineData("format", "not a ranking model")]
    [InlineData("trees", "trees described for")]
    [InlineData("cover", "do not fit its")]
    [InlineData("featureNames", "input is not a Features vector")]
    [InlineData("json", "is not valid JSON")]
    public void Corrupt_models_fail_on_load(string damage, string message)
    {
        var package = Damaged(TestData.SmallModel(), document =>
        {
            switch (damage)
            {
                case "missing":
                    return null;
                case "version":
                    document["version"] = 9;
                    break;
                case "format":
                    document["format"] = "something-else";
                    break;
                case "trees":
                    document["trees"]!.AsArray().RemoveAt(0);
                    break;
                case "cover":
                    document["trees"]![0]!["cover"]!.AsArray().RemoveAt(0);
                    break;
                case "featureNames":
                    document["featureNames"]!.AsArray().Add("extra");
                    break;
                default:
                    return "{\"format\":";
            }

            return document.ToJsonString();
        });
        var error = Assert.Throws<ModelFormatException>(() => RankingModel.Load(new MemoryStream(package)));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scoring_checks_the_width_of_a_row()
    {
        var model = TestData.SmallModel();
        Assert.Throws<ArgumentException>(() => model.Score(new float[3]));
    }

    /// <summary>The model file with its LinkMatch entry replaced (null: left out).</summary>
    private static byte[] Damaged(RankingModel model, Func<JsonNode, string?> change)
    {
        using var output = new MemoryStream();
        using (var source = new ZipArchive(new MemoryStream(model.ToBytes().ToArray()), ZipArchiveMode.Read))
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                string? replacement = null;
                if (entry.FullName == "LinkMatch/model.json")
                {
                    using var reader = new StreamReader(entry.Open());
                    replacement = change(JsonNode.Parse(reader.ReadToEnd())!);
                    if (replacement is null)
                    {
                        continue;
                    }
                }

                using var to = target.CreateEntry(entry.FullName).Open();
                if (replacement is not null)
                {
                    to.Write(Encoding.UTF8.GetBytes(replacement));
                }
                else
                {
                    using var from = entry.Open();
                    from.CopyTo(to);
                }
            }
        }

        return output.ToArray();
    }
}
