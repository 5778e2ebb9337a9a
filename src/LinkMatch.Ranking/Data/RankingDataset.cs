namespace LinkMatch.Ranking;

/// <summary>
/// Rows to rank, grouped into queries (a query is one vacancy, or one seeker, whose candidates are ranked together).
/// Features are stored column by column; a NaN feature value means "missing".
/// </summary>
public sealed class RankingDataset
{
    private readonly float[][] _columns;
    private readonly float[] _labels;
    private readonly int[] _queryOffsets;
    private readonly string[] _featureNames;

    private RankingDataset(float[][] columns, float[] labels, int[] queryOffsets, string[] featureNames)
    {
        _columns = columns;
        _labels = labels;
        _queryOffsets = queryOffsets;
        _featureNames = featureNames;
    }

    public int RowCount => _labels.Length;

    public int FeatureCount => _columns.Length;

    public int QueryCount => _queryOffsets.Length - 1;

    public IReadOnlyList<string> FeatureNames => _featureNames;

    /// <summary>Relevance grades, one a row: 0 is not relevant, higher is better.</summary>
    public ReadOnlySpan<float> Labels => _labels;

    /// <summary>Start row of each query, plus the row count at the end (length <see cref="QueryCount"/> + 1).</summary>
    public ReadOnlySpan<int> QueryOffsets => _queryOffsets;

    public float this[int row, int feature] => _columns[feature][row];

    public ReadOnlySpan<float> Column(int feature) => _columns[feature];

    public void CopyRow(int row, Span<float> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, FeatureCount, nameof(destination));
        for (var f = 0; f < _columns.Length; f++)
        {
            destination[f] = _columns[f][row];
        }
    }

    /// <summary>Builds a dataset from columns (feature-major), taking ownership of the arrays.</summary>
    public static RankingDataset FromColumns(
        float[][] columns, float[] labels, ReadOnlySpan<int> querySizes, IReadOnlyList<string>? featureNames = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(labels);
        for (var f = 0; f < columns.Length; f++)
        {
            if (columns[f] is null || columns[f].Length != labels.Length)
            {
                throw new ArgumentException($"column {f} must have {labels.Length} values, one a row", nameof(columns));
            }
        }

        for (var i = 0; i < labels.Length; i++)
        {
            CheckLabel(labels[i], i);
        }

        var offsets = new int[querySizes.Length + 1];
        for (var q = 0; q < querySizes.Length; q++)
        {
            if (querySizes[q] <= 0)
            {
                throw new ArgumentException($"query {q} has size {querySizes[q]}; every query needs a row", nameof(querySizes));
            }

            offsets[q + 1] = checked(offsets[q] + querySizes[q]);
        }

        if (offsets[^1] != labels.Length)
        {
            throw new ArgumentException(
                $"query sizes sum to {offsets[^1]} but there are {labels.Length} rows", nameof(querySizes));
        }

        return new RankingDataset(columns, labels, offsets, NamesOrDefault(featureNames, columns.Length));
    }

    /// <summary>Builds a dataset from rows (each of the same length), copying them.</summary>
    public static RankingDataset FromRows(
        IReadOnlyList<float[]> rows, float[] labels, ReadOnlySpan<int> querySizes, IReadOnlyList<string>? featureNames = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(labels);
        var width = featureNames?.Count ?? (rows.Count > 0 ? rows[0].Length : 0);
        var columns = new float[width][];
        for (var f = 0; f < width; f++)
        {
            columns[f] = new float[rows.Count];
        }

        for (var r = 0; r < rows.Count; r++)
        {
            if (rows[r].Length != width)
            {
                throw new ArgumentException($"row {r} has {rows[r].Length} features, expected {width}", nameof(rows));
            }

            for (var f = 0; f < width; f++)
            {
                columns[f][r] = rows[r][f];
            }
        }

        if (labels.Length != rows.Count)
        {
            throw new ArgumentException($"{labels.Length} labels for {rows.Count} rows", nameof(labels));
        }

        return FromColumns(columns, labels, querySizes, featureNames);
    }

    internal static void CheckLabel(float label, int row)
    {
        if (!float.IsFinite(label) || label < 0 || label > RankingMetrics.MaxLabel)
        {
            throw new ArgumentException(
                $"label {label} of row {row} is outside 0..{RankingMetrics.MaxLabel}", nameof(label));
        }
    }

    private static string[] NamesOrDefault(IReadOnlyList<string>? names, int count)
    {
        if (names is null)
        {
            var generated = new string[count];
            for (var f = 0; f < count; f++)
            {
                generated[f] = $"f{f}";
            }

            return generated;
        }

        if (names.Count != count)
        {
            throw new ArgumentException($"{names.Count} feature names for {count} features", nameof(names));
        }

        var copy = new string[count];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var f = 0; f < count; f++)
        {
            if (string.IsNullOrWhiteSpace(names[f]) || !seen.Add(names[f]))
            {
                throw new ArgumentException($"feature name '{names[f]}' at {f} is empty or repeated", nameof(names));
            }

            copy[f] = names[f];
        }

        return copy;
    }
}
