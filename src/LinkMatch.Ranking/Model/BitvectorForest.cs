using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace LinkMatch.Ranking;

/// <summary>
/// Batch scoring after QuickScorer (Lucchese et al., SIGIR 2015), by feature instead of by node. Each tree's
/// leaves, numbered left to right, are the bits of a 32-bit mask. A node whose test fails (x &gt; threshold: the
/// row goes right) rules out the leaves of its left subtree. For every feature, its thresholds over all trees are
/// sorted, and for each place a value can fall among them (and for NaN) a table row holds, per tree, the AND of
/// the masks of the nodes that value fails: scoring a row ANDs one table row per feature into its trees' masks,
/// eight trees per vector operation, and each tree's exit leaf is the lowest bit left. Leaf values are added in
/// tree order, as everywhere else, so scores equal the tree walk's to the bit.
/// </summary>
internal sealed class BitvectorForest
{
    public const int MaxLeaves = 32;
    private const int BlockRows = 64;
    private const long MaxTableEntries = 16L << 20;

    private const int Lanes = 8;
    private const int ChunkTrees = 4 * Lanes;

    private readonly int _trees;
    private readonly int _stride;
    private readonly int[] _features;
    private readonly SortedThresholds[] _thresholds;
    private readonly int[] _tableStarts;
    private readonly uint[] _table;
    private readonly double[] _leafValues;
    private readonly Pass[] _passes;

    /// <summary>A run of trees whose masks are built together, and the features (indices into the used features)
    /// that split in at least one of them: a feature no tree of the run splits on would AND all-ones, so it is
    /// skipped.</summary>
    private sealed record Pass(int Start, int Width, int[] Features);

    private BitvectorForest(int trees, int[] features, SortedThresholds[] thresholds, uint[][] tables, double[] leafValues,
        bool[][] splitsIn)
    {
        _trees = trees;
        _stride = (trees + Lanes - 1) / Lanes * Lanes;
        _features = features;
        _thresholds = thresholds;
        _leafValues = leafValues;

        // One table for all features, so that a row's place in it is a single offset a feature.
        _tableStarts = new int[tables.Length];
        var total = 0;
        for (var u = 0; u < tables.Length; u++)
        {
            _tableStarts[u] = total;
            total += tables[u].Length;
        }

        _table = new uint[total];
        for (var u = 0; u < tables.Length; u++)
        {
            tables[u].CopyTo(_table, _tableStarts[u]);
        }

        _passes = [.. Passes(_stride, Vector512.IsHardwareAccelerated).Select(p => new Pass(p.Start, p.Width,
            [.. Enumerable.Range(0, features.Length)
                .Where(u => Enumerable.Range(p.Start, Math.Min(p.Width, trees - p.Start)).Any(t => splitsIn[u][t]))]))];
    }

    /// <summary>The runs of trees in the order they are scored: 64 at a time with 512-bit vectors, then 32, then 8.</summary>
    private static IEnumerable<(int Start, int Width)> Passes(int stride, bool wide)
    {
        var chunk = 0;
        if (wide)
        {
            for (; chunk + (2 * ChunkTrees) <= stride; chunk += 2 * ChunkTrees)
            {
                yield return (chunk, 2 * ChunkTrees);
            }
        }

        for (; chunk + ChunkTrees <= stride; chunk += ChunkTrees)
        {
            yield return (chunk, ChunkTrees);
        }

        for (; chunk < stride; chunk += Lanes)
        {
            yield return (chunk, Lanes);
        }
    }

    /// <summary>The scorer for these trees, or null when a tree has too many leaves or the tables would be too large.</summary>
    public static BitvectorForest? TryCreate(IReadOnlyList<RegressionTree> trees, int featureCount)
    {
        var stride = (trees.Count + Lanes - 1) / Lanes * Lanes;
        var nodesByFeature = new List<(int Tree, int Node)>[featureCount];
        var inOrder = new int[trees.Count][];
        var leafValues = new double[trees.Count * MaxLeaves];
        for (var t = 0; t < trees.Count; t++)
        {
            var tree = trees[t];
            if (tree.LeafCount > MaxLeaves)
            {
                return null;
            }

            inOrder[t] = InOrderLeaves(tree);
            for (var leaf = 0; leaf < tree.LeafCount; leaf++)
            {
                leafValues[(t * MaxLeaves) + inOrder[t][leaf]] = tree.LeafValue[leaf];
            }

            for (var n = 0; n < tree.NodeCount; n++)
            {
                (nodesByFeature[tree.Feature[n]] ??= []).Add((t, n));
            }
        }

        var features = new List<int>();
        var thresholds = new List<SortedThresholds>();
        var tables = new List<uint[]>();
        var splitsIn = new List<bool[]>();
        long entries = 0;
        for (var f = 0; f < featureCount; f++)
        {
            if (nodesByFeature[f] is not { } nodes)
            {
                continue;
            }

            var distinct = nodes.Select(x => trees[x.Tree].Threshold[x.Node]).Distinct().Order().ToArray();
            entries += (long)(distinct.Length + 2) * stride;
            if (entries > MaxTableEntries)
            {
                return null;
            }

            features.Add(f);
            var splits = new bool[trees.Count];
            foreach (var (tree, _) in nodes)
            {
                splits[tree] = true;
            }

            splitsIn.Add(splits);
            thresholds.Add(new SortedThresholds(distinct));
            tables.Add(Table(trees, nodes, distinct, inOrder, stride));
        }

        return new BitvectorForest(trees.Count, [.. features], [.. thresholds], [.. tables], leafValues, [.. splitsIn]);
    }

    /// <summary>Scores rows stored one after another, <paramref name="featureCount"/> values each.</summary>
    public void ScoreRows(ReadOnlySpan<float> rows, int featureCount, Span<double> scores)
    {
        var used = _features.Length;
        var offsets = new int[BlockRows * Math.Max(1, used)];
        var masks = new uint[BlockRows * _stride];
        Span<double> sums = stackalloc double[BlockRows];
        for (var start = 0; start < scores.Length; start += BlockRows)
        {
            var block = Math.Min(BlockRows, scores.Length - start);
            var blockRows = rows.Slice(start * featureCount, block * featureCount);

            // Where each row's values fall: one table row a feature (feature by feature, so that its thresholds
            // stay at hand; NaN selects the missing-value row without a branch).
            for (var u = 0; u < used; u++)
            {
                var feature = _features[u];
                var thresholds = _thresholds[u];
                var tableStart = _tableStarts[u];
                var missingRow = tableStart + ((thresholds.Count + 1) * _stride);
                ref var value = ref Unsafe.Add(ref MemoryMarshal.GetReference(blockRows), feature);
                ref var target = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(offsets), u);
                for (var r = 0; r < block; r++)
                {
                    var x = Unsafe.Add(ref value, r * featureCount);
                    var place = tableStart + (thresholds.CountBelow(x) * _stride);
                    Unsafe.Add(ref target, r * used) = float.IsNaN(x) ? missingRow : place;
                }
            }

            // Trees a run at a time, their masks held in vectors while the table row of every feature splitting in
            // the run is ANDed in.
            foreach (var pass in _passes)
            {
                switch (pass.Width)
                {
                    case 2 * ChunkTrees:
                        Chunk64(offsets, used, block, pass.Start, pass.Features, masks);
                        break;
                    case ChunkTrees:
                        Chunk32(offsets, used, block, pass.Start, pass.Features, masks);
                        break;
                    default:
                        Chunk8(offsets, used, block, pass.Start, pass.Features, masks);
                        break;
                }
            }

            // Four rows at a time, each with its own sum in a register, adding its leaves in tree order.
            ref var leafValues = ref MemoryMarshal.GetArrayDataReference(_leafValues);
            var r4 = 0;
            for (; r4 + 4 <= block; r4 += 4)
            {
                ref var m0 = ref masks[r4 * _stride];
                ref var m1 = ref Unsafe.Add(ref m0, _stride);
                ref var m2 = ref Unsafe.Add(ref m0, 2 * _stride);
                ref var m3 = ref Unsafe.Add(ref m0, 3 * _stride);
                double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
                for (var t = 0; t < _trees; t++)
                {
                    ref var values = ref Unsafe.Add(ref leafValues, t * MaxLeaves);
                    s0 += Unsafe.Add(ref values, BitOperations.TrailingZeroCount(Unsafe.Add(ref m0, t)));
                    s1 += Unsafe.Add(ref values, BitOperations.TrailingZeroCount(Unsafe.Add(ref m1, t)));
                    s2 += Unsafe.Add(ref values, BitOperations.TrailingZeroCount(Unsafe.Add(ref m2, t)));
                    s3 += Unsafe.Add(ref values, BitOperations.TrailingZeroCount(Unsafe.Add(ref m3, t)));
                }

                (sums[r4], sums[r4 + 1], sums[r4 + 2], sums[r4 + 3]) = (s0, s1, s2, s3);
            }

            for (; r4 < block; r4++)
            {
                ref var m = ref masks[r4 * _stride];
                double sum = 0;
                for (var t = 0; t < _trees; t++)
                {
                    sum += Unsafe.Add(ref leafValues, (t * MaxLeaves) + BitOperations.TrailingZeroCount(Unsafe.Add(ref m, t)));
                }

                sums[r4] = sum;
            }

            sums[..block].CopyTo(scores.Slice(start, block));
        }
    }

    private void Chunk8(int[] offsets, int used, int block, int chunk, int[] features, uint[] masks)
    {
        ref var table = ref MemoryMarshal.GetArrayDataReference(_table);
        for (var r = 0; r < block; r++)
        {
            var a = Vector256<uint>.AllBitsSet;
            ref var rowOffsets = ref offsets[r * used];
            foreach (var u in features)
            {
                a &= Vector256.LoadUnsafe(ref Unsafe.Add(ref table, Unsafe.Add(ref rowOffsets, u) + chunk));
            }

            a.StoreUnsafe(ref masks[(r * _stride) + chunk]);
        }
    }

    private void Chunk32(int[] offsets, int used, int block, int chunk, int[] features, uint[] masks)
    {
        ref var table = ref MemoryMarshal.GetArrayDataReference(_table);
        for (var r = 0; r < block; r++)
        {
            var (a, b, c, d) = (Vector256<uint>.AllBitsSet, Vector256<uint>.AllBitsSet, Vector256<uint>.AllBitsSet, Vector256<uint>.AllBitsSet);
            ref var rowOffsets = ref offsets[r * used];
            foreach (var u in features)
            {
                ref var entry = ref Unsafe.Add(ref table, Unsafe.Add(ref rowOffsets, u) + chunk);
                a &= Vector256.LoadUnsafe(ref entry);
                b &= Vector256.LoadUnsafe(ref entry, Lanes);
                c &= Vector256.LoadUnsafe(ref entry, 2 * Lanes);
                d &= Vector256.LoadUnsafe(ref entry, 3 * Lanes);
            }

            ref var target = ref masks[(r * _stride) + chunk];
            a.StoreUnsafe(ref target);
            b.StoreUnsafe(ref target, Lanes);
            c.StoreUnsafe(ref target, 2 * Lanes);
            d.StoreUnsafe(ref target, 3 * Lanes);
        }
    }

    private void Chunk64(int[] offsets, int used, int block, int chunk, int[] features, uint[] masks)
    {
        const int Wide = 2 * Lanes;
        ref var table = ref MemoryMarshal.GetArrayDataReference(_table);
        for (var r = 0; r < block; r++)
        {
            var (a, b, c, d) = (Vector512<uint>.AllBitsSet, Vector512<uint>.AllBitsSet, Vector512<uint>.AllBitsSet, Vector512<uint>.AllBitsSet);
            ref var rowOffsets = ref offsets[r * used];
            foreach (var u in features)
            {
                ref var entry = ref Unsafe.Add(ref table, Unsafe.Add(ref rowOffsets, u) + chunk);
                a &= Vector512.LoadUnsafe(ref entry);
                b &= Vector512.LoadUnsafe(ref entry, Wide);
                c &= Vector512.LoadUnsafe(ref entry, 2 * Wide);
                d &= Vector512.LoadUnsafe(ref entry, 3 * Wide);
            }

            ref var target = ref masks[(r * _stride) + chunk];
            a.StoreUnsafe(ref target);
            b.StoreUnsafe(ref target, Wide);
            c.StoreUnsafe(ref target, 2 * Wide);
            d.StoreUnsafe(ref target, 3 * Wide);
        }
    }

    /// <summary>Table rows 0..m: values with k thresholds below them; row m + 1: NaN.</summary>
    private static uint[] Table(
        IReadOnlyList<RegressionTree> trees, List<(int Tree, int Node)> nodes, float[] thresholds, int[][] inOrder, int stride)
    {
        var table = new uint[(thresholds.Length + 2) * stride];
        table.AsSpan().Fill(uint.MaxValue);
        var byThreshold = nodes.OrderBy(x => trees[x.Tree].Threshold[x.Node]).ToList();
        var next = 0;
        for (var k = 1; k <= thresholds.Length; k++)
        {
            table.AsSpan((k - 1) * stride, stride).CopyTo(table.AsSpan(k * stride, stride));
            while (next < byThreshold.Count && trees[byThreshold[next].Tree].Threshold[byThreshold[next].Node] == thresholds[k - 1])
            {
                var (t, n) = byThreshold[next++];
                table[(k * stride) + t] &= LeftSubtreeMask(trees[t], n, inOrder[t]);
            }
        }

        var missing = (thresholds.Length + 1) * stride;
        foreach (var (t, n) in nodes)
        {
            if (!trees[t].DefaultLeft[n])
            {
                table[missing + t] &= LeftSubtreeMask(trees[t], n, inOrder[t]);
            }
        }

        return table;
    }

    /// <summary>All bits set but those of the leaves under the node's left child.</summary>
    private static uint LeftSubtreeMask(RegressionTree tree, int node, int[] inOrder)
    {
        var mask = uint.MaxValue;
        var stack = new Stack<int>();
        stack.Push(tree.Left[node]);
        while (stack.Count > 0)
        {
            var reference = stack.Pop();
            if (reference < 0)
            {
                mask &= ~(1u << inOrder[~reference]);
            }
            else
            {
                stack.Push(tree.Left[reference]);
                stack.Push(tree.Right[reference]);
            }
        }

        return mask;
    }

    /// <summary>Each leaf's position when the tree's leaves are read left to right.</summary>
    private static int[] InOrderLeaves(RegressionTree tree)
    {
        var order = new int[tree.LeafCount];
        var next = 0;
        void Visit(int reference)
        {
            if (reference < 0)
            {
                order[~reference] = next++;
                return;
            }

            Visit(tree.Left[reference]);
            Visit(tree.Right[reference]);
        }

        Visit(tree.Root);
        return order;
    }
}
