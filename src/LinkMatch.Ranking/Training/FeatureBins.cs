namespace LinkMatch.Ranking;

/// <summary>
/// How one feature's values map to bins. Value bin b holds the values x with UpperBounds[b-1] &lt; x ≤ UpperBounds[b]
/// (the last value bin is unbounded above); NaN goes to a bin of its own after the value bins, when the training
/// data had any. A split "bin ≤ b" is therefore the split "x ≤ UpperBounds[b]" on raw values, which is how trees are
/// scored.
/// </summary>
internal sealed class FeatureBins
{
    private readonly SortedThresholds _search;

    public FeatureBins(float[] upperBounds, bool hasMissing, float commonestValue = 0, double commonestShare = 0)
    {
        UpperBounds = upperBounds;
        HasMissing = hasMissing;
        _search = new SortedThresholds(upperBounds);
        CommonestBin = BinOf(commonestValue);
        CommonestShare = commonestShare;
    }

    /// <summary>The bin of the most frequent value in the binning sample (NaN included).</summary>
    public int CommonestBin { get; }

    /// <summary>The share of sampled rows holding the most frequent value: above one half, the feature is sparse.</summary>
    public double CommonestShare { get; }

    /// <summary>Strictly increasing; one fewer than the value bins.</summary>
    public float[] UpperBounds { get; }

    public bool HasMissing { get; }

    public int ValueBinCount => UpperBounds.Length + 1;

    public int BinCount => ValueBinCount + (HasMissing ? 1 : 0);

    /// <summary>The bin NaN falls in, or -1 when the feature had no missing values in training.</summary>
    public int MissingBin => HasMissing ? ValueBinCount : -1;

    /// <summary>A feature with one bin cannot split anything.</summary>
    public bool IsUsable => BinCount > 1;

    public int BinOf(float value)
    {
        if (float.IsNaN(value))
        {
            // Unseen in training: NaN lands with the smallest values, like any value below the first bound.
            return HasMissing ? ValueBinCount : 0;
        }

        return _search.CountBelow(value);
    }
}
