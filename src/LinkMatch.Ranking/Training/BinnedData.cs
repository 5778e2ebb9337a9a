namespace LinkMatch.Ranking;

/// <summary>
/// Training rows as bin indices, one byte a value. Usable features (more than one bin) are cut into groups of
/// about 16; within a group the bytes are stored row by row, so building a leaf's histograms reads each row's
/// bins of a group at once and the updates of consecutive rows rarely hit the same bin (no store-to-load stalls).
/// Each feature's bins still add up in row order, whichever group or thread handles them.
/// </summary>
internal sealed class BinnedData
{
    private const int TargetGroupWidth = 16;

    private BinnedData(FeatureBins[] bins, int rows)
    {
        Bins = bins;
        RowCount = rows;
        HistogramOffsets = new int[bins.Length];
        GroupOf = new int[bins.Length];
        PositionInGroup = new int[bins.Length];
        var usable = new List<int>();
        var offset = 0;
        for (var f = 0; f < bins.Length; f++)
        {
            HistogramOffsets[f] = -1;
            GroupOf[f] = -1;
            if (bins[f].IsUsable)
            {
                HistogramOffsets[f] = offset;
                usable.Add(f);
                offset += bins[f].BinCount;
            }
        }

        UsableFeatures = [.. usable];
        TotalBins = offset;
        var groupCount = (UsableFeatures.Length + TargetGroupWidth - 1) / TargetGroupWidth;
        GroupFeatures = new int[groupCount][];
        GroupOffsets = new int[groupCount][];
        for (var g = 0; g < groupCount; g++)
        {
            // Even group sizes, so that threads get even shares.
            var from = g * UsableFeatures.Length / groupCount;
            var to = (g + 1) * UsableFeatures.Length / groupCount;
            GroupFeatures[g] = UsableFeatures[from..to];
            GroupOffsets[g] = new int[to - from];
            for (var k = 0; k < to - from; k++)
            {
                GroupOf[UsableFeatures[from + k]] = g;
                PositionInGroup[UsableFeatures[from + k]] = k;
                GroupOffsets[g][k] = HistogramOffsets[UsableFeatures[from + k]];
            }
        }

        Groups = new byte[groupCount][];
    }

    public FeatureBins[] Bins { get; }

    public int RowCount { get; }

    /// <summary>Features with more than one bin, the only ones a split can use.</summary>
    public int[] UsableFeatures { get; }

    /// <summary>First bin of each feature in a leaf histogram, -1 for unusable features.</summary>
    public int[] HistogramOffsets { get; }

    public int TotalBins { get; }

    /// <summary>Per group, its features; <see cref="Groups"/>[g][row * width + k] is the bin of GroupFeatures[g][k].</summary>
    public int[][] GroupFeatures { get; }

    public byte[][] Groups { get; }

    /// <summary>Per group, the histogram offset of each of its features.</summary>
    public int[][] GroupOffsets { get; }

    public int[] GroupOf { get; }

    public int[] PositionInGroup { get; }

    public byte BinAt(int row, int feature)
    {
        var group = GroupOf[feature];
        return Groups[group][(row * GroupFeatures[group].Length) + PositionInGroup[feature]];
    }

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
                var column = data.Column(features[k]);
                var mapper = bins[features[k]];
                for (var r = 0; r < column.Length; r++)
                {
                    bytes[(r * width) + k] = (byte)mapper.BinOf(column[r]);
                }
            }

            binned.Groups[g] = bytes;
        });
        return binned;
    }
}
