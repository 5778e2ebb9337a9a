using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace LinkMatch.Ranking;

/// <summary>
/// Batch scoring after QuickScorer (Lucchese et al., SIGIR 2015), by feature instead of by node. Each tree's
/// leaves, numbered left to right, are the bits of a 32-bit mask. A node whose test fails (x &gt; threshold: the
/// row goes right) rules out the leaves of its left subtree. The trees go in groups of sixteen, one 512-bit vector
/// of masks; for every feature that splits in a group (an <i>item</i>), that group's thresholds of the feature are
/// sorted, and for each place a value can fall among them (and for NaN) a table row holds, per tree of the group,
/// the AND of the masks of the nodes that value fails. Scoring a block of sixteen rows first finds, item by item,
/// where each row's value falls (sixteen rows a vector compare, so a feature's few thresholds are read once a
/// block), then ANDs one table row per item into each row's masks; each tree's exit leaf is the lowest bit left.
/// Leaf values are added in tree order, as everywhere else, so scores equal the tree walk's to the bit.
/// </summary>
internal sealed partial class BitvectorForest
{
    public const int MaxLeaves = 32;

    /// <summary>Trees a vector of masks holds, and the width of a table row.</summary>
    private const int GroupTrees = 16;

    /// <summary>Rows scored together: one vector of a feature's values.</summary>
    private const int BlockRows = 16;

    private readonly int _trees;
    private readonly int _stride;
    private readonly int[] _features;
    private readonly Item[] _items;
    private readonly int[] _groupItems;
    private readonly float[] _thresholds;
    private readonly uint[] _table;
    private readonly int _tableStart;
    private readonly double[] _leafValues;

    /// <summary>A feature that splits in a group of trees: its values' column among the used features, its sorted
    /// distinct thresholds in that group (<c>_thresholds[First..First + Count]</c>) and where its table starts.</summary>
    private readonly record struct Item(int Column, int First, int Count, int Table);

    /// <summary>Scores rows stored one after another, <paramref name="featureCount"/> values each.</summary>
    public void ScoreRows(ReadOnlySpan<float> rows, int featureCount, Span<double> scores)
    {
        var columns = new float[(Math.Max(1, _features.Length) * BlockRows) + GroupTrees];
        var places = new int[(Math.Max(1, _items.Length) * BlockRows) + GroupTrees];
        var masks = new uint[(BlockRows * _stride) + GroupTrees];
        // Aligned once: a ref follows its array if the collector moves it, so writer and reader agree.
        ref var column = ref Aligned(columns);
        ref var place = ref Aligned(places);
        ref var mask = ref Aligned(masks);
        for (var start = 0; start < scores.Length; start += BlockRows)
        {
            var block = Math.Min(BlockRows, scores.Length - start);
            var blockRows = rows.Slice(start * featureCount, block * featureCount);

            // Each used feature's values as a column of the block (rows past the block keep earlier values: any
            // float, NaN included, selects some table row, and their scores are not kept).
            for (var u = 0; u < _features.Length; u++)
            {
                ref var value = ref Unsafe.Add(ref MemoryMarshal.GetReference(blockRows), _features[u]);
                ref var target = ref Unsafe.Add(ref column, u * BlockRows);
                for (var r = 0; r < block; r++)
                {
                    Unsafe.Add(ref target, r) = Unsafe.Add(ref value, r * featureCount);
                }
            }

            Places(ref column, ref place);
            Masks(ref place, block, ref mask);
            Sums(ref mask, block, scores.Slice(start, block));
        }
    }

    /// <summary>For every item and row of the block, the table row its value selects: the number of the item's
    /// thresholds strictly below the value, or the last row for NaN (which compares false with everything).</summary>
    private void Places(ref float columns, ref int places)
    {
        ref var thresholds = ref MemoryMarshal.GetArrayDataReference(_thresholds);
        for (var i = 0; i < _items.Length; i++)
        {
            var item = _items[i];
            var x = Vector512.LoadUnsafe(ref Unsafe.Add(ref columns, item.Column * BlockRows));
            var below = Vector512<int>.Zero;
            ref var first = ref Unsafe.Add(ref thresholds, item.First);
            for (var k = 0; k < item.Count; k++)
            {
                below -= Vector512.GreaterThan(x, Vector512.Create(Unsafe.Add(ref first, k))).AsInt32();
            }

            var place = (below * GroupTrees) + Vector512.Create(_tableStart + item.Table);
            var missing = Vector512.Create(_tableStart + item.Table + ((item.Count + 1) * GroupTrees));
            Vector512.ConditionalSelect(Vector512.Equals(x, x).AsInt32(), place, missing)
                .StoreUnsafe(ref Unsafe.Add(ref places, i * BlockRows));
        }
    }

    /// <summary>Each row's masks, a group of trees at a time, two rows together: the AND of its items' table rows.</summary>
    private void Masks(ref int places, int block, ref uint masks)
    {
        ref var table = ref MemoryMarshal.GetArrayDataReference(_table);
        for (var g = 0; g + 1 < _groupItems.Length; g++)
        {
            var (first, last) = (_groupItems[g], _groupItems[g + 1]);
            for (var r = 0; r < block; r += 4)
            {
                var (a, b, c, d) = (Vector512<uint>.AllBitsSet, Vector512<uint>.AllBitsSet, Vector512<uint>.AllBitsSet, Vector512<uint>.AllBitsSet);
                ref var place = ref Unsafe.Add(ref places, (first * BlockRows) + r);
                for (var i = first; i < last; i++)
                {
                    a &= Vector512.LoadUnsafe(ref Unsafe.Add(ref table, place));
                    b &= Vector512.LoadUnsafe(ref Unsafe.Add(ref table, Unsafe.Add(ref place, 1)));
                    c &= Vector512.LoadUnsafe(ref Unsafe.Add(ref table, Unsafe.Add(ref place, 2)));
                    d &= Vector512.LoadUnsafe(ref Unsafe.Add(ref table, Unsafe.Add(ref place, 3)));
                    place = ref Unsafe.Add(ref place, BlockRows);
                }

                ref var target = ref Unsafe.Add(ref masks, (r * _stride) + (g * GroupTrees));
                a.StoreUnsafe(ref target);
                b.StoreUnsafe(ref Unsafe.Add(ref target, _stride));
                c.StoreUnsafe(ref Unsafe.Add(ref target, 2 * _stride));
                d.StoreUnsafe(ref Unsafe.Add(ref target, 3 * _stride));
            }
        }
    }

    /// <summary>Four rows at a time, each with its own sum in a register, adding its leaves in tree order.</summary>
    private void Sums(ref uint masks, int block, Span<double> scores)
    {
        ref var leafValues = ref MemoryMarshal.GetArrayDataReference(_leafValues);
        var r4 = 0;
        for (; r4 + 4 <= block; r4 += 4)
        {
            ref var m0 = ref Unsafe.Add(ref masks, r4 * _stride);
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

            (scores[r4], scores[r4 + 1], scores[r4 + 2], scores[r4 + 3]) = (s0, s1, s2, s3);
        }

        for (; r4 < block; r4++)
        {
            ref var m = ref Unsafe.Add(ref masks, r4 * _stride);
            double sum = 0;
            for (var t = 0; t < _trees; t++)
            {
                sum += Unsafe.Add(ref leafValues, (t * MaxLeaves) + BitOperations.TrailingZeroCount(Unsafe.Add(ref m, t)));
            }

            scores[r4] = sum;
        }
    }

    /// <summary>The first element of <paramref name="buffer"/> on a 64-byte boundary (the buffer has 64 bytes to
    /// spare), so that a vector load does not straddle two cache lines. Only speed depends on it: the collector
    /// may move the array later.</summary>
    private static unsafe ref T Aligned<T>(T[] buffer)
        where T : unmanaged
    {
        ref var first = ref MemoryMarshal.GetArrayDataReference(buffer);
        var misaligned = (int)((nuint)Unsafe.AsPointer(ref first) % 64);
        return ref Unsafe.Add(ref first, misaligned == 0 ? 0 : (64 - misaligned) / sizeof(T));
    }
}
