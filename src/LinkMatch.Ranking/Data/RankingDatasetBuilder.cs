namespace LinkMatch.Ranking;

/// <summary>
/// Collects rows query by query, for callers that build feature vectors themselves:
/// <c>AddRow</c> for each candidate of a query, <c>EndQuery</c>, and <c>Build</c> at the end.
/// </summary>
public sealed class RankingDatasetBuilder
{
    private readonly string[] _featureNames;
    private readonly List<float>[] _columns;
    private readonly List<float> _labels = [];
    private readonly List<int> _querySizes = [];
    private int _openRows;

    public RankingDatasetBuilder(IReadOnlyList<string> featureNames)
    {
        ArgumentNullException.ThrowIfNull(featureNames);
        _featureNames = [.. featureNames];
        _columns = new List<float>[_featureNames.Length];
        for (var f = 0; f < _columns.Length; f++)
        {
            _columns[f] = [];
        }
    }

    public int RowCount => _labels.Count;

    public RankingDatasetBuilder AddRow(ReadOnlySpan<float> features, float label)
    {
        if (features.Length != _columns.Length)
        {
            throw new ArgumentException($"{features.Length} features, expected {_columns.Length}", nameof(features));
        }

        RankingDataset.CheckLabel(label, _labels.Count);
        for (var f = 0; f < features.Length; f++)
        {
            _columns[f].Add(features[f]);
        }

        _labels.Add(label);
        _openRows++;
        return this;
    }

    /// <summary>Closes the current query; a query without rows is ignored.</summary>
    public RankingDatasetBuilder EndQuery()
    {
        if (_openRows > 0)
        {
            _querySizes.Add(_openRows);
            _openRows = 0;
        }

        return this;
    }

    public RankingDataset Build()
    {
        EndQuery();
        var columns = new float[_columns.Length][];
        for (var f = 0; f < columns.Length; f++)
        {
            columns[f] = [.. _columns[f]];
        }

        return RankingDataset.FromColumns(columns, [.. _labels], [.. _querySizes], _featureNames);
    }
}
