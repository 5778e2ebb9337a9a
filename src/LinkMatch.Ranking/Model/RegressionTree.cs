namespace LinkMatch.Ranking;

/// <summary>
/// One tree of the ensemble. Internal nodes are numbered from the root (0) in the order they were split, so a
/// child's number is always above its parent's. A child reference below 0 is a leaf: ~reference is its index.
/// A row goes left when its value is ≤ the threshold; a missing value (NaN) goes the node's default way.
/// </summary>
internal sealed class RegressionTree
{
    public RegressionTree(
        int[] feature, float[] threshold, bool[] defaultLeft, int[] left, int[] right, double[] gain, int[] cover,
        double[] leafValue, int[] leafCover)
    {
        Feature = feature;
        Threshold = threshold;
        DefaultLeft = defaultLeft;
        Left = left;
        Right = right;
        Gain = gain;
        Cover = cover;
        LeafValue = leafValue;
        LeafCover = leafCover;
    }

    public int[] Feature { get; }

    public float[] Threshold { get; }

    public bool[] DefaultLeft { get; }

    public int[] Left { get; }

    public int[] Right { get; }

    /// <summary>Loss reduction of each split, the basis of gain importance.</summary>
    public double[] Gain { get; }

    /// <summary>Training rows that reached each internal node.</summary>
    public int[] Cover { get; }

    /// <summary>Leaf values, learning rate applied: what a row landing there adds to its score.</summary>
    public double[] LeafValue { get; }

    public int[] LeafCover { get; }

    public int NodeCount => Feature.Length;

    public int LeafCount => LeafValue.Length;

    public int Root => NodeCount == 0 ? ~0 : 0;

    public bool GoesLeft(int node, float value) =>
        DefaultLeft[node] ? !(value > Threshold[node]) : value <= Threshold[node];

    public int LeafOf(ReadOnlySpan<float> features)
    {
        var node = Root;
        while (node >= 0)
        {
            node = GoesLeft(node, features[Feature[node]]) ? Left[node] : Right[node];
        }

        return ~node;
    }

    public int CoverOf(int reference) => reference >= 0 ? Cover[reference] : LeafCover[~reference];
}
