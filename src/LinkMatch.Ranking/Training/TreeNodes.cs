namespace LinkMatch.Ranking;

/// <summary>The internal nodes of the tree being grown, turned into a <see cref="RegressionTree"/> at the end.</summary>
internal sealed class TreeNodes(int maxLeaves)
{
    private readonly int[] _feature = new int[maxLeaves];
    private readonly int[] _bin = new int[maxLeaves];
    private readonly bool[] _defaultLeft = new bool[maxLeaves];
    private readonly int[] _left = new int[maxLeaves];
    private readonly int[] _right = new int[maxLeaves];
    private readonly double[] _gain = new double[maxLeaves];
    private readonly int[] _cover = new int[maxLeaves];
    private int _count;

    public void Clear() => _count = 0;

    /// <summary>Records the split of leaf <paramref name="leaf"/> into itself (left) and <paramref name="newLeaf"/> (right).</summary>
    public int Add(in SplitCandidate split, int cover, int parentNode, bool isRightChild, int leaf, int newLeaf)
    {
        var node = _count++;
        _feature[node] = split.Feature;
        _bin[node] = split.Bin;
        _defaultLeft[node] = split.DefaultLeft;
        _gain[node] = split.Gain;
        _cover[node] = cover;
        _left[node] = ~leaf;
        _right[node] = ~newLeaf;
        if (parentNode >= 0)
        {
            (isRightChild ? _right : _left)[parentNode] = node;
        }

        return node;
    }

    /// <summary>The finished tree, and each node's threshold as a bin for scoring binned rows.</summary>
    public (RegressionTree Tree, int[] ThresholdBins) ToTree(ReadOnlySpan<LeafState> leaves, TrainingOptions options, FeatureBins[] bins)
    {
        var threshold = new float[_count];
        for (var node = 0; node < _count; node++)
        {
            threshold[node] = bins[_feature[node]].UpperBounds[_bin[node]];
        }

        var values = new double[leaves.Length];
        var covers = new int[leaves.Length];
        for (var leaf = 0; leaf < leaves.Length; leaf++)
        {
            var totals = leaves[leaf].Totals;
            var denominator = totals.Hessian + options.L2;
            values[leaf] = denominator > 0 ? -totals.Gradient / denominator * options.LearningRate : 0;
            covers[leaf] = totals.Count;
        }

        var tree = new RegressionTree(
            _feature[.._count], threshold, _defaultLeft[.._count], _left[.._count], _right[.._count], _gain[.._count],
            _cover[.._count], values, covers);
        return (tree, _bin[.._count]);
    }
}
