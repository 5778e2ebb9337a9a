using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;

namespace LinkMatch.Ranking;

/// <summary>
/// Makes a <see cref="RankingModel"/> of a trained ML.NET model: reads its trees, asks ML.NET where each node sends
/// NaN, counts the training rows through every node (TreeSHAP's covers, which ML.NET does not keep), measures the
/// model on the training and validation data and packs it all into the model zip.
/// </summary>
internal static class TrainedModel
{
    private static readonly int[] ReportedCutoffs = [1, 3, 5, 10];

    public static RankingModel Create(
        MLContext ml, RankingPredictionTransformer<LightGbmRankingModelParameters> fitted, RankingDataset train,
        RankingDataset? validation, TrainingOptions options)
    {
        var names = train.FeatureNames;
        var shapes = EnsembleReader.Read(fitted.Model, names.Count);
        var defaultLeft = MissingValueProbe.DefaultLeft(ml, fitted.Model, shapes, names);
        var extras = Covers(shapes, defaultLeft, train);
        var document = new ModelDocument
        {
            Format = ModelDocument.FormatName,
            Version = ModelDocument.CurrentVersion,
            FeatureNames = [.. names],
            Parameters = options,
            Metrics = [],
            DataFingerprint = DataFingerprint.Of(train),
            Trees = extras,
        };

        // Measured with the trees themselves, before the metrics go into the file.
        var unmeasured = ModelValidation.ToModel(document, shapes, []);
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["best_round"] = shapes.Length,
            ["trees"] = shapes.Length,
        };
        AddNdcg(metrics, "train", unmeasured, train);
        if (validation is not null)
        {
            AddNdcg(metrics, "valid", unmeasured, validation);
        }

        document = document with { Metrics = metrics };
        return ModelValidation.ToModel(document, shapes, ModelPackage.Write(ml, fitted, document));
    }

    /// <summary>Training rows through each tree once: how many reach each node and leaf.</summary>
    private static TreeExtras[] Covers(TreeShape[] shapes, bool[][] defaultLeft, RankingDataset train)
    {
        var extras = new TreeExtras[shapes.Length];
        var trees = new RegressionTree[shapes.Length];
        for (var t = 0; t < shapes.Length; t++)
        {
            extras[t] = new TreeExtras(defaultLeft[t], new int[shapes[t].NodeCount], new int[shapes[t].LeafCount]);
            trees[t] = ModelValidation.Combine(shapes[t], extras[t]);
        }

        var row = new float[train.FeatureCount];
        for (var r = 0; r < train.RowCount; r++)
        {
            train.CopyRow(r, row);
            for (var t = 0; t < trees.Length; t++)
            {
                var tree = trees[t];
                var node = tree.Root;
                while (node >= 0)
                {
                    extras[t].Cover[node]++;
                    node = tree.GoesLeft(node, row[tree.Feature[node]]) ? tree.Left[node] : tree.Right[node];
                }

                extras[t].LeafCover[~node]++;
            }
        }

        return extras;
    }

    private static void AddNdcg(Dictionary<string, double> metrics, string prefix, RankingModel model, RankingDataset data)
    {
        var scores = model.ScoreBatch(data);
        foreach (var k in ReportedCutoffs)
        {
            metrics[string.Create(CultureInfo.InvariantCulture, $"{prefix}.ndcg@{k}")] = RankingMetrics.MeanNdcg(data, scores, k);
        }

        metrics[prefix + ".map"] = RankingMetrics.MeanAveragePrecision(data, scores);
    }
}
