using System.Runtime.Intrinsics;

namespace LinkMatch.Ranking;

/// <summary>
/// Grows one tree leaf-wise: the leaf whose best split gains most is split next, until the leaf budget is spent
/// or no split gains. Only the smaller child's histogram is built from rows; the larger one's is the parent's
/// minus it. Work is split by feature, each feature's histogram and best split computed by one thread in row
/// order, then reduced in feature order: the tree does not depend on the thread count.
/// </summary>
internal sealed class TreeGrower
{
    /// <summary>Below this many bin updates a leaf's work runs on the calling thread.</summary>
    private const int ParallelThreshold = 1 << 16;

    private readonly BinnedData _data;
    private readonly TrainingOptions _options;
    private readonly ParallelOptions _parallel;
    private readonly RowPartition _partition;
    private readonly Vector256<double>[]?[] _histograms;
    private readonly Stack<Vector256<double>[]> _freeHistograms = new();
    private readonly LeafState[] _leaves;
    private readonly Vector256<double>[] _orderedEntries;
    private readonly SplitCandidate[] _featureBest;
    private readonly bool[] _goesLeft = new bool[256];
    private readonly TreeNodes _nodes;
    private readonly StageClock _clock;
    private int[] _features = [];
    private readonly List<int> _activeGroups = [];
    private readonly bool[] _groupActive;
    private int _leafCount;

    /// <summary>While set, the second leaf of <see cref="FindBestSplits"/> holds its parent's histogram, minus this leaf's still to subtract.</summary>
    private int _subtractFrom = -1;

    public TreeGrower(BinnedData data, TrainingOptions options, ParallelOptions parallel, RowPartition partition, StageClock clock)
    {
        _clock = clock;
        _groupActive = new bool[data.GroupFeatures.Length];
        _data = data;
        _options = options;
        _parallel = parallel;
        _partition = partition;
        _histograms = new Vector256<double>[]?[options.Leaves];
        _leaves = new LeafState[options.Leaves];
        _orderedEntries = new Vector256<double>[data.RowCount];
        _featureBest = new SplitCandidate[2 * data.Bins.Length];
        _nodes = new TreeNodes(options.Leaves);
    }

    public ReadOnlySpan<LeafState> Leaves => _leaves.AsSpan(0, _leafCount);

    /// <summary>Grows a tree on the rows in use of the partition, with the given features allowed to split.</summary>
    public (RegressionTree Tree, int[] ThresholdBins) Grow(float[] gradients, float[] hessians, int[] features)
    {
        _features = features;
        _activeGroups.Clear();
        Array.Clear(_groupActive);
        foreach (var feature in features)
        {
            _groupActive[_data.GroupOf[feature]] = true;
        }

        for (var g = 0; g < _groupActive.Length; g++)
        {
            if (_groupActive[g])
            {
                _activeGroups.Add(g);
            }
        }

        _nodes.Clear();
        ReleaseHistograms();
        var rows = _partition.Rows;
        double sumG = 0, sumH = 0;
        for (var i = 0; i < _partition.Count; i++)
        {
            var row = rows[i];
            sumG += gradients[row];
            sumH += hessians[row];
        }

        _leafCount = 1;
        _leaves[0] = new LeafState(0, new LeafTotals(sumG, sumH, _partition.Count), 0, -1, false);
        if (CanSplit(0))
        {
            var start = StageClock.Now;
            GatherGradients(0, gradients, hessians);
            _histograms[0] = BuildHistogram(0);
            StageClock.Add(ref _clock.Histograms, start);
            start = StageClock.Now;
            FindBestSplits(0, -1);
            StageClock.Add(ref _clock.SplitSearch, start);
        }

        while (_leafCount < _options.Leaves)
        {
            var best = -1;
            for (var leaf = 0; leaf < _leafCount; leaf++)
            {
                if (_leaves[leaf].Best.IsValid && (best < 0 || _leaves[leaf].Best.Gain > _leaves[best].Best.Gain))
                {
                    best = leaf;
                }
            }

            if (best < 0)
            {
                break;
            }

            SplitLeaf(best, gradients, hessians);
        }

        return _nodes.ToTree(_leaves.AsSpan(0, _leafCount), _options, _data.Bins);
    }

    private void SplitLeaf(int leaf, float[] gradients, float[] hessians)
    {
        var parent = _leaves[leaf];
        var split = parent.Best;
        var bins = _data.Bins[split.Feature];
        for (var b = 0; b < _goesLeft.Length; b++)
        {
            _goesLeft[b] = b == bins.MissingBin ? split.DefaultLeft : b <= split.Bin;
        }

        var start = StageClock.Now;
        var leftCount = _partition.Split(parent.Begin, parent.Totals.Count, _data.Columns[split.Feature]!, _goesLeft);
        StageClock.Add(ref _clock.Partition, start);
        if (leftCount != split.LeftCount)
        {
            throw new InvalidOperationException("row partition disagrees with the histogram");
        }

        var node = _nodes.Add(split, parent.Totals.Count, parent.ParentNode, parent.IsRightChild, leaf, _leafCount);
        var right = _leafCount++;
        var leftTotals = new LeafTotals(split.LeftGradient, split.LeftHessian, split.LeftCount);
        var rightTotals = new LeafTotals(
            parent.Totals.Gradient - split.LeftGradient, parent.Totals.Hessian - split.LeftHessian, parent.Totals.Count - split.LeftCount);
        _leaves[leaf] = new LeafState(parent.Begin, leftTotals, parent.Depth + 1, node, false);
        _leaves[right] = new LeafState(parent.Begin + leftCount, rightTotals, parent.Depth + 1, node, true);

        var parentHistogram = _histograms[leaf]!;
        _histograms[leaf] = null;
        var (small, large) = leftCount <= rightTotals.Count ? (leaf, right) : (right, leaf);
        var splitLarge = CanSplit(large);
        if (splitLarge || CanSplit(small))
        {
            start = StageClock.Now;
            GatherGradients(small, gradients, hessians);
            _histograms[small] = BuildHistogram(small);
            if (splitLarge)
            {
                // The parent's histogram becomes the larger child's: parent − smaller, feature by feature in the
                // split search, while each feature's bins are in cache anyway.
                _histograms[large] = parentHistogram;
                _subtractFrom = small;
                parentHistogram = null;
            }

            StageClock.Add(ref _clock.Histograms, start);
            start = StageClock.Now;
            FindBestSplits(CanSplit(small) ? small : -1, splitLarge ? large : -1);
            _subtractFrom = -1;
            StageClock.Add(ref _clock.SplitSearch, start);
        }

        if (parentHistogram is not null)
        {
            _freeHistograms.Push(parentHistogram);
        }
    }

    private bool CanSplit(int leaf)
    {
        ref readonly var state = ref _leaves[leaf];
        return _leafCount < _options.Leaves
            && state.Totals.Count >= 2 * _options.MinExamplesPerLeaf
            && state.Totals.Hessian >= 2 * _options.MinHessianPerLeaf
            && (_options.MaxDepth == 0 || state.Depth < _options.MaxDepth);
    }

    private void GatherGradients(int leaf, float[] gradients, float[] hessians)
    {
        var (begin, end) = (_leaves[leaf].Begin, _leaves[leaf].Begin + _leaves[leaf].Totals.Count);
        var rows = _partition.Rows;
        for (var i = begin; i < end; i++)
        {
            var row = rows[i];
            _orderedEntries[i] = Vector256.Create(gradients[row], hessians[row], 1.0, 0.0);
        }
    }

    private Vector256<double>[] BuildHistogram(int leaf)
    {
        var histogram = _freeHistograms.Count > 0 ? _freeHistograms.Pop() : new Vector256<double>[_data.TotalBins];
        var (begin, count) = (_leaves[leaf].Begin, _leaves[leaf].Totals.Count);
        var identity = _partition.IsIdentity && count == _data.RowCount;
        var totals = _leaves[leaf].Totals;
        void Build(int j)
        {
            var group = _activeGroups[j];
            if (_data.IsSparse(group))
            {
                Histograms.AccumulateSparseGroup(
                    _data.SparseRowStarts[group], _data.SparseEntries[group], _data.GroupOffsets[group],
                    _data.GroupCommonestBins[group], _data.GroupBinRanges[group], _partition.Rows, begin, begin + count,
                    _orderedEntries, histogram, identity, totals);
            }
            else
            {
                Histograms.AccumulateGroup(
                    _data.Groups[group], _data.GroupFeatures[group].Length, _data.GroupOffsets[group], _data.GroupBinRanges[group],
                    _partition.Rows, begin, begin + count, _orderedEntries, histogram, identity);
            }
        }

        if ((long)count * _features.Length < ParallelThreshold)
        {
            for (var j = 0; j < _activeGroups.Count; j++)
            {
                Build(j);
            }
        }
        else
        {
            Parallel.For(0, _activeGroups.Count, _parallel, Build);
        }

        return histogram;
    }

    /// <summary>
    /// Finds the best split of one or two leaves (-1 for none). One task a feature handles both, so that each
    /// feature's bins are read once while in cache: the second leaf's bins are first made parent − sibling.
    /// </summary>
    private void FindBestSplits(int first, int second)
    {
        var featureCount = _features.Length;
        void Find(int j)
        {
            var feature = _features[j];
            var bins = _data.Bins[feature];
            var offset = _data.HistogramOffsets[feature];
            if (second >= 0)
            {
                var histogram = _histograms[second].AsSpan(offset, bins.BinCount);
                if (_subtractFrom >= 0)
                {
                    Histograms.SubtractInPlace(histogram, _histograms[_subtractFrom].AsSpan(offset, bins.BinCount));
                }

                _featureBest[featureCount + j] = SplitFinder.Best(histogram, feature, bins, _leaves[second].Totals, _options);
            }

            if (first >= 0)
            {
                _featureBest[j] = SplitFinder.Best(
                    _histograms[first].AsSpan(offset, bins.BinCount), feature, bins, _leaves[first].Totals, _options);
            }
        }

        if (featureCount < 32)
        {
            for (var j = 0; j < featureCount; j++)
            {
                Find(j);
            }
        }
        else
        {
            Parallel.For(0, featureCount, _parallel, Find);
        }

        if (first >= 0)
        {
            _leaves[first] = _leaves[first] with { Best = Reduce(0, featureCount) };
        }

        if (second >= 0)
        {
            _leaves[second] = _leaves[second] with { Best = Reduce(featureCount, 2 * featureCount) };
        }
    }

    private SplitCandidate Reduce(int from, int to)
    {
        var best = SplitCandidate.None;
        for (var task = from; task < to; task++)
        {
            if (_featureBest[task].IsBetterThan(best))
            {
                best = _featureBest[task];
            }
        }

        return best;
    }

    private void ReleaseHistograms()
    {
        for (var leaf = 0; leaf < _histograms.Length; leaf++)
        {
            if (_histograms[leaf] is { } histogram)
            {
                _freeHistograms.Push(histogram);
                _histograms[leaf] = null;
            }
        }
    }
}

/// <summary>A leaf during growth: its rows' range in the partition, their sums, and where it hangs in the tree.</summary>
/// <remarks>ParentNode: The internal node above it, -1 for the root leaf.</remarks>
internal readonly record struct LeafState(int Begin, LeafTotals Totals, int Depth, int ParentNode, bool IsRightChild)
{
    public SplitCandidate Best { get; init; } = SplitCandidate.None;
}
