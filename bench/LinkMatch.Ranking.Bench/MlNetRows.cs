using Microsoft.ML;
using Microsoft.ML.Data;

namespace LinkMatch.Ranking.Bench;

/// <summary>One row as ML.NET reads it: relevance label, query id (1-based) and the feature vector; what the benchmark scores.</summary>
internal sealed class MlNetRow
{
    public float Label { get; set; }

    public uint GroupId { get; set; }

    public float[] Features { get; set; } = [];
}

internal sealed class MlNetScore
{
    public float Score { get; set; }
}

/// <summary>The same rows and queries as a <see cref="RankingDataset"/>, as an ML.NET <see cref="IDataView"/>.</summary>
internal static class MlNetRows
{
    public static MlNetRow[] From(RankingDataset data)
    {
        var rows = new MlNetRow[data.RowCount];
        var offsets = data.QueryOffsets;
        for (var q = 0; q < data.QueryCount; q++)
        {
            for (var r = offsets[q]; r < offsets[q + 1]; r++)
            {
                var features = new float[data.FeatureCount];
                data.CopyRow(r, features);
                rows[r] = new MlNetRow { Label = data.Labels[r], GroupId = (uint)q + 1, Features = features };
            }
        }

        return rows;
    }

    /// <summary>The schema with the feature vector's width, which a saved model's input needs.</summary>
    public static SchemaDefinition Schema(int featureCount)
    {
        var schema = SchemaDefinition.Create(typeof(MlNetRow));
        schema[nameof(MlNetRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, featureCount);
        return schema;
    }

    public static IDataView View(MLContext ml, MlNetRow[] rows, int featureCount) =>
        ml.Data.LoadFromEnumerable(rows, Schema(featureCount));
}
