namespace LinkMatch.Ranking;

/// <summary>
/// Training rows as one byte column per feature (bin indices), plus where each usable feature's bins sit in a
/// leaf's flat histogram.
/// </summary>
internal sealed class BinnedData
{
    private BinnedData(byte[][] columns, FeatureBins[] bins, int rows)
    {
        Columns = columns;
        Bins = bins;
        RowCount = rows;
        HistogramOffsets = new int[bins.Length];
        var usable = new List<int>();
        var offset = 0;
        for (var f = 0; f < bins.Length; f++)
        {
            HistogramOffsets[f] = bins[f].IsUsable ? offset : -1;
            if (bins[f].IsUsable)
            {
                usable.Add(f);
                offset += bins[f].BinCount;
            }
        }

        UsableFeatures = [.. usable];
        TotalBins = offset;
    }

    public byte[][] Columns { get; }

    public FeatureBins[] Bins { get; }

    public int RowCount { get; }

    public int FeatureCount => Bins.Length;

    /// <summary>Features with more than one bin, the only ones a split can use.</summary>
    public int[] UsableFeatures { get; }

    /// <summary>First bin of each feature in a leaf histogram, -1 for unusable features.</summary>
    public int[] HistogramOffsets { get; }

    public int TotalBins { get; }

    public static BinnedData Create(RankingDataset data, FeatureBins[] bins, ParallelOptions parallel)
    {
        var columns = new byte[bins.Length][];
        Parallel.For(0, bins.Length, parallel, f =>
        {
            var column = data.Column(f);
            var binned = new byte[data.RowCount];
            var mapper = bins[f];
            if (mapper.IsUsable)
            {
                for (var r = 0; r < binned.Length; r++)
                {
                    binned[r] = (byte)mapper.BinOf(column[r]);
                }
            }

            columns[f] = binned;
        });
        return new BinnedData(columns, bins, data.RowCount);
    }
}
