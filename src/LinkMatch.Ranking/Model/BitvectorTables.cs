using System.Runtime.CompilerServices;

namespace LinkMatch.Ranking;

/// <summary>Building the bit-vector scorer's tables from the trees.</summary>
internal sealed partial class BitvectorForest
{
    private const long MaxTableEntries = 16L << 20;

    private unsafe BitvectorForest(
        int trees, int[] features, Item[] items, int[] groupItems, float[] thresholds, List<uint[]> tables, double[] leafValues)
    {
        _trees = trees;
        _stride = (groupItems.Length - 1) * GroupTrees;
        _features = features;
        _items = items;
        _groupItems = groupItems;
        _thresholds = thresholds;
        _leafValues = leafValues;

        // One table for all items, pinned and starting on a 64-byte boundary: every table row is one cache line.
        _table = GC.AllocateArray<uint>(tables.Sum(t => t.Length) + GroupTrees, pinned: true);
        var misaligned = (int)((nuint)Unsafe.AsPointer(ref _table[0]) % 64);
        _tableStart = misaligned == 0 ? 0 : (64 - misaligned) / sizeof(uint);
        for (var i = 0; i < items.Length; i++)
        {
            tables[i].CopyTo(_table, _tableStart + items[i].Table);
        }
    }

    /// <summary>The scorer for these trees, or null when a tree has too many leaves or the tables would be too large.</summary>
    public static BitvectorForest? TryCreate(IReadOnlyList<RegressionTree> trees, int featureCount)
    {
        var inOrder = new int[trees.Count][];
        var leafValues = new double[trees.Count * MaxLeaves];
        var used = new bool[featureCount];
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

            foreach (var feature in tree.Feature)
            {
                used[feature] = true;
            }
        }

        var features = Enumerable.Range(0, featureCount).Where(f => used[f]).ToArray();
        var column = new int[featureCount];
        for (var u = 0; u < features.Length; u++)
        {
            column[features[u]] = u;
        }

        var groups = Math.Max(1, (trees.Count + GroupTrees - 1) / GroupTrees);
        var items = new List<Item>();
        var groupItems = new int[groups + 1];
        var thresholds = new List<float>();
        var tables = new List<uint[]>();
        long entries = 0;
        for (var g = 0; g < groups; g++)
        {
            var nodes = new SortedDictionary<int, List<(int Tree, int Node)>>();
            for (var t = g * GroupTrees; t < Math.Min(trees.Count, (g + 1) * GroupTrees); t++)
            {
                for (var n = 0; n < trees[t].NodeCount; n++)
                {
                    if (!nodes.TryGetValue(trees[t].Feature[n], out var list))
                    {
                        nodes[trees[t].Feature[n]] = list = [];
                    }

                    list.Add((t, n));
                }
            }

            foreach (var (feature, list) in nodes)
            {
                var distinct = list.Select(x => trees[x.Tree].Threshold[x.Node]).Distinct().Order().ToArray();
                var table = Table(trees, list, distinct, inOrder, g * GroupTrees);
                entries += table.Length;
                if (entries > MaxTableEntries)
                {
                    return null;
                }

                items.Add(new Item(column[feature], thresholds.Count, distinct.Length, (int)(entries - table.Length)));
                thresholds.AddRange(distinct);
                tables.Add(table);
            }

            groupItems[g + 1] = items.Count;
        }

        return new BitvectorForest(trees.Count, features, [.. items], groupItems, [.. thresholds], tables, leafValues);
    }

    /// <summary>One item's table, a row of <see cref="GroupTrees"/> masks each: rows 0..m for values with k of the
    /// thresholds below them, row m + 1 for NaN.</summary>
    private static uint[] Table(
        IReadOnlyList<RegressionTree> trees, List<(int Tree, int Node)> nodes, float[] thresholds, int[][] inOrder, int firstTree)
    {
        var table = new uint[(thresholds.Length + 2) * GroupTrees];
        table.AsSpan().Fill(uint.MaxValue);
        var byThreshold = nodes.OrderBy(x => trees[x.Tree].Threshold[x.Node]).ToList();
        var next = 0;
        for (var k = 1; k <= thresholds.Length; k++)
        {
            table.AsSpan((k - 1) * GroupTrees, GroupTrees).CopyTo(table.AsSpan(k * GroupTrees, GroupTrees));
            while (next < byThreshold.Count && trees[byThreshold[next].Tree].Threshold[byThreshold[next].Node] == thresholds[k - 1])
            {
                var (t, n) = byThreshold[next++];
                table[(k * GroupTrees) + t - firstTree] &= LeftSubtreeMask(trees[t], n, inOrder[t]);
            }
        }

        var missing = (thresholds.Length + 1) * GroupTrees;
        foreach (var (t, n) in nodes)
        {
            if (!trees[t].DefaultLeft[n])
            {
                table[missing + t - firstTree] &= LeftSubtreeMask(trees[t], n, inOrder[t]);
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
