using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LinkMatch.Ranking;

/// <summary>
/// All trees in one node array, built for scoring. A leaf is a node that leads to itself (threshold +∞), so every
/// row takes exactly the tree's depth in steps without a branch on "is this a leaf"; a block of rows walks each
/// tree in lock step, which keeps several independent memory reads in flight. Scores add the trees' leaf values
/// in tree order from 0, as training did, so they match training scores bit for bit.
/// </summary>
internal sealed class FlatForest
{
    private const int BlockRows = 32;
    private const int MissingGoesRight = int.MinValue;

    private readonly FlatNode[] _nodes;
    private readonly double[] _values;
    private readonly int[] _roots;
    private readonly int[] _depths;

    public FlatForest(IReadOnlyList<RegressionTree> trees, int featureCount)
    {
        FeatureCount = featureCount;
        var total = 0;
        foreach (var tree in trees)
        {
            total += tree.NodeCount + tree.LeafCount;
        }

        _nodes = new FlatNode[total];
        _values = new double[total];
        _roots = new int[trees.Count];
        _depths = new int[trees.Count];
        var next = 0;
        for (var t = 0; t < trees.Count; t++)
        {
            var tree = trees[t];
            var nodeBase = next;
            var leafBase = next + tree.NodeCount;
            int Place(int reference) => reference >= 0 ? nodeBase + reference : leafBase + ~reference;
            for (var n = 0; n < tree.NodeCount; n++)
            {
                var packed = tree.Feature[n] | (tree.DefaultLeft[n] ? 0 : MissingGoesRight);
                _nodes[nodeBase + n] = new FlatNode(packed, tree.Threshold[n], Place(tree.Left[n]), Place(tree.Right[n]));
            }

            for (var leaf = 0; leaf < tree.LeafCount; leaf++)
            {
                _nodes[leafBase + leaf] = new FlatNode(0, float.PositiveInfinity, leafBase + leaf, leafBase + leaf);
                _values[leafBase + leaf] = tree.LeafValue[leaf];
            }

            _roots[t] = Place(tree.Root);
            _depths[t] = Depth(tree, tree.Root);
            next += tree.NodeCount + tree.LeafCount;
        }
    }

    public int FeatureCount { get; }

    public double Score(ReadOnlySpan<float> row)
    {
        double score = 0;
        ref var nodes = ref MemoryMarshal.GetArrayDataReference(_nodes);
        ref var x = ref MemoryMarshal.GetReference(row);
        for (var t = 0; t < _roots.Length; t++)
        {
            var n = _roots[t];
            for (var step = _depths[t]; step > 0; step--)
            {
                n = Step(ref Unsafe.Add(ref nodes, n), ref x);
            }

            score += _values[n];
        }

        return score;
    }

    /// <summary>Scores rows laid out one after another, <see cref="FeatureCount"/> values each.</summary>
    public void ScoreRows(ReadOnlySpan<float> rows, Span<double> scores)
    {
        var count = scores.Length;
        Span<int> current = stackalloc int[BlockRows];
        Span<double> sums = stackalloc double[BlockRows];
        ref var nodes = ref MemoryMarshal.GetArrayDataReference(_nodes);
        for (var start = 0; start < count; start += BlockRows)
        {
            var block = Math.Min(BlockRows, count - start);
            ref var x = ref MemoryMarshal.GetReference(rows.Slice(start * FeatureCount, block * FeatureCount));
            sums.Clear();
            for (var t = 0; t < _roots.Length; t++)
            {
                current[..block].Fill(_roots[t]);
                for (var step = _depths[t]; step > 0; step--)
                {
                    for (var r = 0; r < block; r++)
                    {
                        current[r] = Step(ref Unsafe.Add(ref nodes, current[r]), ref Unsafe.Add(ref x, r * FeatureCount));
                    }
                }

                for (var r = 0; r < block; r++)
                {
                    sums[r] += _values[current[r]];
                }
            }

            sums[..block].CopyTo(scores.Slice(start, block));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Step(ref FlatNode node, ref float row)
    {
        var value = Unsafe.Add(ref row, node.PackedFeature & int.MaxValue);
        var right = (value > node.Threshold) | (float.IsNaN(value) & (node.PackedFeature < 0));
        return right ? node.Right : node.Left;
    }

    private static int Depth(RegressionTree tree, int reference) =>
        reference < 0 ? 0 : 1 + Math.Max(Depth(tree, tree.Left[reference]), Depth(tree, tree.Right[reference]));

    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct FlatNode(int PackedFeature, float Threshold, int Left, int Right);
}
