using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

namespace LinkMatch.Ranking.Bench;

/// <summary>
/// Reads the trees of an ML.NET LightGBM ranking model (<c>TrainedTreeEnsemble</c>: children, split features,
/// thresholds, leaf values) into our forest, through the documented JSON model format, so that both scorers run the
/// same trees. Node covers are not exposed by ML.NET: they are counted by passing the given rows through the trees.
/// Missing values: the public tree surface does not say which way NaN goes, so NaN goes right (as in a tree with no
/// default); the benchmark data has no NaN, and the scores are checked against ML.NET's on the scored rows.
/// </summary>
internal static class ForestFromMlNet
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static LightGbmRankingModelParameters Parameters(ITransformer model) => model switch
    {
        RankingPredictionTransformer<LightGbmRankingModelParameters> ranking => ranking.Model,
        TransformerChain<ITransformer> chain => Parameters(chain.LastTransformer),
        _ => throw new InvalidOperationException($"not an ML.NET LightGBM ranking model: {model.GetType().Name}"),
    };

    public static RankingModel Convert(LightGbmRankingModelParameters parameters, RankingDataset rows)
    {
        var ensemble = parameters.TrainedTreeEnsemble;
        var width = rows.FeatureCount;
        var thresholds = new SortedSet<float>[width];
        for (var f = 0; f < width; f++)
        {
            thresholds[f] = [];
        }

        var trees = new List<object>();
        for (var t = 0; t < ensemble.Trees.Count; t++)
        {
            var tree = ensemble.Trees[t];
            if (tree.CategoricalSplitFlags.Any(c => c))
            {
                throw new InvalidOperationException($"tree {t} has categorical splits, which the forest does not take");
            }

            // Number internal nodes breadth first, so that a child always comes after its parent.
            var order = new List<int>();
            var index = new int[tree.NumberOfNodes];
            if (tree.NumberOfNodes > 0)
            {
                order.Add(0);
                for (var i = 0; i < order.Count; i++)
                {
                    index[order[i]] = i;
                    foreach (var child in new[] { tree.LeftChild[order[i]], tree.RightChild[order[i]] })
                    {
                        if (child >= 0)
                        {
                            order.Add(child);
                        }
                    }
                }
            }

            int Reference(int child) => child >= 0 ? index[child] : child;
            var feature = order.Select(n => tree.NumericalSplitFeatureIndexes[n]).ToArray();
            var threshold = order.Select(n => tree.NumericalSplitThresholds[n]).ToArray();
            var left = order.Select(n => Reference(tree.LeftChild[n])).ToArray();
            var right = order.Select(n => Reference(tree.RightChild[n])).ToArray();
            var weight = ensemble.TreeWeights[t];
            var leafValue = tree.LeafValues.Select(v => v * weight).ToArray();
            if (t == 0)
            {
                // The ensemble's bias, if any, rides on the first tree's leaves.
                leafValue = leafValue.Select(v => v + ensemble.Bias).ToArray();
            }

            var (cover, leafCover) = Covers(feature, threshold, left, right, leafValue.Length, rows);
            for (var n = 0; n < feature.Length; n++)
            {
                thresholds[feature[n]].Add(threshold[n]);
            }

            trees.Add(new
            {
                feature,
                threshold,
                defaultLeft = new bool[feature.Length],
                left,
                right,
                gain = order.Select(n => tree.SplitGains[n]).ToArray(),
                cover,
                leafValue,
                leafCover,
            });
        }

        var document = new
        {
            format = "linkmatch-ranking-model",
            version = 1,
            featureNames = rows.FeatureNames,
            binThresholds = thresholds.Select(s => s.ToArray()).ToArray(),
            parameters = new TrainingOptions
            {
                Trees = ensemble.Trees.Count,
                Leaves = Math.Max(2, ensemble.Trees.Max(t => t.NumberOfLeaves)),
            },
            metrics = new Dictionary<string, double>(),
            dataFingerprint = "mlnet",
            trees,
        };
        using var stream = new MemoryStream();
        JsonSerializer.Serialize(stream, document, Json);
        stream.Position = 0;
        return RankingModel.Load(stream);
    }

    private static (int[] Cover, int[] LeafCover) Covers(
        int[] feature, float[] threshold, int[] left, int[] right, int leaves, RankingDataset rows)
    {
        var cover = new int[feature.Length];
        var leafCover = new int[leaves];
        for (var r = 0; r < rows.RowCount; r++)
        {
            var node = feature.Length == 0 ? ~0 : 0;
            while (node >= 0)
            {
                cover[node]++;
                node = rows[r, feature[node]] <= threshold[node] ? left[node] : right[node];
            }

            leafCover[~node]++;
        }

        return (cover, leafCover);
    }
}
