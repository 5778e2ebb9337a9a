namespace LinkMatch.Ranking;

/// <summary>
/// Training rows as bin indices, one byte a value. Usable features (more than one bin) are cut into groups;
/// within a group the bytes are stored row by row, so building a leaf's histograms reads each row's bins of a
/// group at once and the updates of consecutive rows rarely hit the same bin (no store-to-load stalls).
/// Sparse features (one bin, usually 0, holding most rows) are grouped apart and also kept as per-row lists of
/// their other bins: histograms then add only those, and fill the common bin as the leaf's total minus the rest.
/// Each feature's bins still add up in row order, whichever group or thread handles them.
/// </summary>
internal sealed class BinnedData
{
    private const int DenseGroupWidth = 16;
    private const int SparseGroupWidth = 32;
    private const double SparseShare = 0.6;

    private BinnedData(FeatureBins[] bins, int rows)
    {
        Bins = bins;
        RowCount = rows;
        HistogramOffsets = new int[bins.Length];
        GroupOf = new int[bins.Length];
        PositionInGroup = new int[bins.Length];
        Array.Fill(HistogramOffsets, -1);
        Array.Fill(GroupOf, -1);
        var dense = new List<int>();
        var sparse = new List<int>();
        for (var f = 0; f < bins.Length; f++)
        {
            if (bins[f].IsUsable)
            {
                (bins[f].CommonestShare >= SparseShare ? sparse : dense).Add(f);
            }
        }

        UsableFeatures = [.. dense, .. sparse];
        var offset = 0;
        foreach (var f in UsableFeatures)
        {
            HistogramOffsets[f] = offset;
            offset += bins[f].BinCount;
        }

        TotalBins = offset;
        var groups = new List<int[]>();
        AddGroups(groups, dense, DenseGroupWidth);
        DenseGroupCount = groups.Count;
        AddGroups(groups, sparse, SparseGroupWidth);
        GroupFeatures = [.. groups];
        GroupOffsets = new int[GroupFeatures.Length][];
        GroupBinRanges = new Range[GroupFeatures.Length];
        for (var g = 0; g < GroupFeatures.Length; g++)
        {
            var features = GroupFeatures[g];
            GroupOffsets[g] = new int[features.Length];
            for (var k = 0; k < features.Length; k++)
            {
                GroupOf[features[k]] = g;
                PositionInGroup[features[k]] = k;
                GroupOffsets[g][k] = HistogramOffsets[features[k]];
            }

            var last = features[^1];
            GroupBinRanges[g] = new Range(HistogramOffsets[features[0]], HistogramOffsets[last] + bins[last].BinCount);
        }

        GroupCommonestBins = new int[GroupFeatures.Length][];
        for (var g = 0; g < GroupFeatures.Length; g++)
        {
            GroupCommonestBins[g] = Array.ConvertAll(GroupFeatures[g], f => bins[f].CommonestBin);
        }

        Groups = new byte[GroupFeatures.Length][];
        Columns = new byte[bins.Length][];
        SparseRowStarts = new int[GroupFeatures.Length][];
        SparseEntries = new ushort[GroupFeatures.Length][];
    }

    public FeatureBins[] Bins { get; }

    public int RowCount { get; }

    /// <summary>Features with more than one bin, the only ones a split can use (dense ones first).</summary>
    public int[] UsableFeatures { get; }

    /// <summary>First bin of each feature in a leaf histogram, -1 for unusable features.</summary>
    public int[] HistogramOffsets { get; }

    public int TotalBins { get; }

    /// <summary>Per group, its features; <see cref="Groups"/>[g][row * width + k] is the bin of GroupFeatures[g][k].</summary>
    public int[][] GroupFeatures { get; }

    public byte[][] Groups { get; }

    /// <summary>
    /// The same bins column by column (null for unusable features): splitting a leaf reads one feature for rows
    /// in ascending order, which a column serves from far fewer cache lines than the row-wise groups.
    /// </summary>
    public byte[]?[] Columns { get; }

    /// <summary>Groups from this index on are sparse.</summary>
    public int DenseGroupCount { get; }

    /// <summary>Sparse groups: where each row's entries start in <see cref="SparseEntries"/> (row count + 1 values).</summary>
    public int[][] SparseRowStarts { get; }

    /// <summary>Sparse groups: (position in group &lt;&lt; 8 | bin) of each value outside its feature's commonest bin.</summary>
    public ushort[][] SparseEntries { get; }

    /// <summary>Per group, each feature's commonest bin.</summary>
    public int[][] GroupCommonestBins { get; }

    /// <summary>Per group, the histogram entries its features occupy (consecutive).</summary>
    public Range[] GroupBinRanges { get; }

    /// <summary>Per group, the histogram offset of each of its features.</summary>
    public int[][] GroupOffsets { get; }

    public int[] GroupOf { get; }

    public int[] PositionInGroup { get; }

    public bool IsSparse(int group) => group >= DenseGroupCount;

    public byte BinAt(int row, int feature) => Columns[feature]![row];

    public static BinnedData Create(RankingDataset data, FeatureBins[] bins, ParallelOptions parallel)
    {
        var binned = new BinnedData(bins, data.RowCount);
        Parallel.For(0, binned.GroupFeatures.Length, parallel, g =>
        {
            var features = binned.GroupFeatures[g];
            var width = features.Length;
            var bytes = new byte[(long)data.RowCount * width];
            for (var k = 0; k < width; k++)
            {
                var values = data.Column(features[k]);
                var mapper = bins[features[k]];
                var column = new byte[values.Length];
                for (var r = 0; r < values.Length; r++)
                {
                    column[r] = (byte)mapper.BinOf(values[r]);
                }

                for (var r = 0; r < column.Length; r++)
                {
                    bytes[(r * width) + k] = column[r];
                }

                binned.Columns[features[k]] = column;
            }

            binned.Groups[g] = bytes;
            if (binned.IsSparse(g))
            {
                binned.BuildSparseLists(g);
            }
        });
        return binned;
    }

    private void BuildSparseLists(int group)
    {
        var features = GroupFeatures[group];
        var width = features.Length;
        var bytes = Groups[group];
        Span<byte> commonest = stackalloc byte[width];
        for (var k = 0; k < width; k++)
        {
            commonest[k] = (byte)Bins[features[k]].CommonestBin;
        }

        var starts = new int[RowCount + 1];
        var total = 0;
        for (var r = 0; r < RowCount; r++)
        {
            starts[r] = total;
            for (var k = 0; k < width; k++)
            {
                total += bytes[(r * width) + k] != commonest[k] ? 1 : 0;
            }
        }

        starts[RowCount] = total;
        var entries = new ushort[total];
        var at = 0;
        for (var r = 0; r < RowCount; r++)
        {
            for (var k = 0; k < width; k++)
            {
                var bin = bytes[(r * width) + k];
                if (bin != commonest[k])
                {
                    entries[at++] = (ushort)((k << 8) | bin);
                }
            }
        }

        SparseRowStarts[group] = starts;
        SparseEntries[group] = entries;
    }

    private static void AddGroups(List<int[]> groups, List<int> features, int targetWidth)
    {
        var count = (features.Count + targetWidth - 1) / targetWidth;
        for (var g = 0; g < count; g++)
        {
            // Even group sizes, so that threads get even shares.
            var from = g * features.Count / count;
            groups.Add(features.GetRange(from, ((g + 1) * features.Count / count) - from).ToArray());
        }
    }
}
