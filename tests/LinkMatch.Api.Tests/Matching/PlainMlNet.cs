using LinkMatch.Ranking;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace LinkMatch.Api.Tests.Matching;

/// <summary>A stored model file scored with plain ML.NET (<c>Model.Load</c>, <c>Transform</c>), as anyone without
/// LinkMatch would, against the service's own scorer and explainer.</summary>
internal static class PlainMlNet
{
    /// <summary>Rows that probe a model hardest: random ones, then for every split its feature at the threshold, a
    /// float either side, and NaN.</summary>
    public static List<float[]> HardRows(byte[] zip, RankingModel model, int seed)
    {
        var random = new Random(seed);
        float[] RandomRow() => [.. Enumerable.Range(0, model.FeatureCount)
            .Select(_ => random.NextDouble() < 0.1 ? float.NaN : (float)((random.NextDouble() * 12) - 2))];
        var rows = Enumerable.Range(0, 300).Select(_ => RandomRow()).ToList();
        foreach (var (feature, threshold) in Splits(zip))
        {
            foreach (var value in new[] { threshold, MathF.BitDecrement(threshold), MathF.BitIncrement(threshold), float.NaN })
            {
                var row = RandomRow();
                row[feature] = value;
                rows.Add(row);
            }
        }

        return rows;
    }

    /// <summary>Asserts that ML.NET's scores of the file equal the model's (|difference| ≤ 1e-5) and that every
    /// explanation adds up (≤ 1e-9).</summary>
    public static void AssertScoresAsTheService(byte[] zip, RankingModel model, List<float[]> rows)
    {
        var ml = new MLContext();
        var transformer = ml.Model.Load(new MemoryStream(zip), out _);
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, model.FeatureCount);
        var scores = transformer.Transform(ml.Data.LoadFromEnumerable(rows.Select(r => new Row { Features = r }), schema))
            .GetColumn<float>("Score").ToArray();
        Assert.Equal(rows.Count, scores.Length);
        for (var r = 0; r < rows.Count; r++)
        {
            var explanation = model.Explain(rows[r]);
            Assert.True(Math.Abs(explanation.Score - scores[r]) <= 1e-5, $"row {r}: ours {explanation.Score}, ML.NET {scores[r]}");
            Assert.True(Math.Abs(explanation.BaseValue + explanation.Contributions.Sum(c => c.Contribution) - explanation.Score) <= 1e-9,
                $"row {r}: the explanation does not add up");
        }
    }

    /// <summary>(feature, threshold) of every split, as ML.NET's own tree API shows the file's trees.</summary>
    private static IEnumerable<(int Feature, float Threshold)> Splits(byte[] zip)
    {
        var transformer = (ISingleFeaturePredictionTransformer<object>)new MLContext().Model.Load(new MemoryStream(zip), out _);
        var ensemble = ((TreeEnsembleModelParametersBasedOnRegressionTree)transformer.Model).TrainedTreeEnsemble;
        return ensemble.Trees.SelectMany(tree => tree.NumericalSplitFeatureIndexes.Zip(tree.NumericalSplitThresholds));
    }

    private sealed class Row
    {
        public float[] Features { get; set; } = [];
    }
}
