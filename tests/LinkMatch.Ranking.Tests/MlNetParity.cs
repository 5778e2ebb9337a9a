using Microsoft.ML;
using Microsoft.ML.Data;

namespace LinkMatch.Ranking.Tests;

/// <summary>Scores a model file with plain ML.NET (<c>Model.Load</c> and <c>Transform</c>), as anyone without
/// LinkMatch would, and the rows that probe a model hardest: values equal to its thresholds, one float either side,
/// and NaN.</summary>
internal static class MlNetParity
{
    public static float[] TransformScores(RankingModel model, IReadOnlyList<float[]> rows)
    {
        var ml = new MLContext();
        var transformer = ml.Model.Load(new MemoryStream(model.ToBytes().ToArray()), out _);
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, model.FeatureCount);
        var input = ml.Data.LoadFromEnumerable(rows.Select(r => new Row { Features = r }), schema);
        return [.. transformer.Transform(input).GetColumn<float>("Score")];
    }

    /// <summary>Rows of <paramref name="data"/>, then for every split a row with the split's value exactly at its
    /// threshold, one float below and above, and NaN, the other values from a data row.</summary>
    public static List<float[]> HardRows(RankingModel model, RankingDataset data, int dataRows = 200)
    {
        var rows = new List<float[]>();
        for (var r = 0; r < Math.Min(dataRows, data.RowCount); r++)
        {
            rows.Add(TestData.Row(data, r));
        }

        var i = 0;
        foreach (var tree in model.Trees)
        {
            for (var n = 0; n < tree.NodeCount; n++)
            {
                var threshold = tree.Threshold[n];
                foreach (var value in new[] { threshold, MathF.BitDecrement(threshold), MathF.BitIncrement(threshold), float.NaN })
                {
                    var row = TestData.Row(data, i++ % data.RowCount);
                    row[tree.Feature[n]] = value;
                    rows.Add(row);
                }
            }
        }

        return rows;
    }

    public static float[] Flatten(IReadOnlyList<float[]> rows) => [.. rows.SelectMany(r => r)];

    private sealed class Row
    {
        public float[] Features { get; set; } = [];
    }
}
