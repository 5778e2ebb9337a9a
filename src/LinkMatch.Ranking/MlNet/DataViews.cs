using Microsoft.ML;
using Microsoft.ML.Data;

namespace LinkMatch.Ranking;

/// <summary>
/// A <see cref="RankingDataset"/> as ML.NET sees it: <c>Label</c> (float, the relevance grade), <c>GroupId</c> (the
/// query, a plain UInt32 numbered from 1; ML.NET's LightGBM trainer starts a query wherever it changes) and
/// <c>Features</c> (a float vector in <see cref="RankingDataset.FeatureNames"/> order, those names as its slot names,
/// NaN for unknown). Rows are made as they are read, so a large dataset is not copied whole.
/// Training rows go to LightGBM in a seeded shuffle within each query: LightGBM breaks score ties by input order, in
/// its gradients and in the validation NDCG that early stopping watches, and data that lists a query's relevant rows
/// first would make a model of few distinct scores look better than it is.
/// </summary>
internal static class DataViews
{
    public const string Features = "Features";
    public const string Label = "Label";
    public const string GroupId = "GroupId";

    /// <summary>Training rows. <c>GroupId</c> is not a key column: declared as a key with as many values as there
    /// were queries, it made ML.NET leave out the last query's rows, and LightGBM never saw them.</summary>
    public static IDataView Training(MLContext ml, RankingDataset data, int seed)
    {
        var schema = SchemaDefinition.Create(typeof(TrainingRow));
        DescribeFeatures(schema[Features], data.FeatureNames);
        return ml.Data.LoadFromEnumerable(TrainingRows(data, ShuffledWithinQueries(data, seed)), schema);
    }

    /// <summary>Rows to score, <paramref name="featureNames"/>.Count values each, one after another.</summary>
    public static IDataView Scoring(MLContext ml, ReadOnlyMemory<float> rows, IReadOnlyList<string> featureNames)
    {
        var schema = SchemaDefinition.Create(typeof(ScoringRow));
        DescribeFeatures(schema[Features], featureNames);
        return ml.Data.LoadFromEnumerable(ScoringRows(rows, featureNames.Count), schema);
    }

    /// <summary>What a saved model expects: the <c>Features</c> column alone.</summary>
    public static DataViewSchema InputSchema(MLContext ml, IReadOnlyList<string> featureNames) =>
        Scoring(ml, ReadOnlyMemory<float>.Empty, featureNames).Schema;

    private static void DescribeFeatures(SchemaDefinition.Column column, IReadOnlyList<string> names)
    {
        column.ColumnType = new VectorDataViewType(NumberDataViewType.Single, names.Count);
        var slotNames = new VBuffer<ReadOnlyMemory<char>>(names.Count, [.. names.Select(n => n.AsMemory())]);
        column.AddAnnotation("SlotNames", slotNames, new VectorDataViewType(TextDataViewType.Instance, names.Count));
    }

    /// <summary>One row object per pass, filled afresh for each row: ML.NET's cursor reads a row before it moves
    /// on, and LightGBM reads the data in four or five passes, which would otherwise allocate a vector a row each.</summary>
    private static IEnumerable<TrainingRow> TrainingRows(RankingDataset data, int[] order)
    {
        var offsets = data.QueryOffsets.ToArray();
        var row = new TrainingRow { Features = new float[data.FeatureCount] };
        for (var q = 0; q < data.QueryCount; q++)
        {
            for (var i = offsets[q]; i < offsets[q + 1]; i++)
            {
                var r = order[i];
                data.CopyRow(r, row.Features);
                row.Label = data.Labels[r];
                row.GroupId = (uint)(q + 1);
                yield return row;
            }
        }
    }

    /// <summary>Row numbers, each query's in a seeded random order.</summary>
    private static int[] ShuffledWithinQueries(RankingDataset data, int seed)
    {
        var order = Enumerable.Range(0, data.RowCount).ToArray();
        var random = new Random(seed);
        var offsets = data.QueryOffsets;
        for (var q = 0; q < data.QueryCount; q++)
        {
            random.Shuffle(order.AsSpan(offsets[q], offsets[q + 1] - offsets[q]));
        }

        return order;
    }

    private static IEnumerable<ScoringRow> ScoringRows(ReadOnlyMemory<float> rows, int width)
    {
        for (var start = 0; start < rows.Length; start += width)
        {
            yield return new ScoringRow { Features = rows.Slice(start, width).ToArray() };
        }
    }

    internal sealed class TrainingRow
    {
        public float Label { get; set; }

        public uint GroupId { get; set; }

        public float[] Features { get; set; } = [];
    }

    internal sealed class ScoringRow
    {
        public float[] Features { get; set; } = [];
    }
}
