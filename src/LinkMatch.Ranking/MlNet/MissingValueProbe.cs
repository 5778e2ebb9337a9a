using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace LinkMatch.Ranking;

/// <summary>
/// Where each node sends a missing value (NaN), as ML.NET's own scoring does. LightGBM learns a default direction
/// per split, but ML.NET's public tree API does not show it (it keeps a substitute value per node, and none at all
/// when every substitute is 0), so the library asks ML.NET: for every node, a probe row that reaches the node with
/// NaN in its split feature goes through ML.NET's tree featurizer, whose leaf tells which side it took. Nodes are
/// probed a depth at a time, top down, because the way to a node may itself need NaN (a node reached only by
/// missing values). A node that no row with NaN in its feature can reach is marked right: its direction affects
/// neither scores nor explanations.
/// </summary>
internal static class MissingValueProbe
{
    private const string Leaves = "Leaves";

    public static bool[][] DefaultLeft(
        MLContext ml, TreeEnsembleModelParameters parameters, IReadOnlyList<TreeShape> trees, IReadOnlyList<string> featureNames)
    {
        var directions = trees.Select(tree => new bool[tree.NodeCount]).ToArray();
        var parents = trees.Select(Parents).ToArray();
        var depths = parents.Select(Depths).ToArray();
        var leafStart = new int[trees.Count + 1];
        for (var t = 0; t < trees.Count; t++)
        {
            leafStart[t + 1] = leafStart[t] + trees[t].LeafCount;
        }

        ITransformer? featurizer = null;
        var deepest = depths.SelectMany(d => d).DefaultIfEmpty(-1).Max();
        for (var depth = 0; depth <= deepest; depth++)
        {
            var probes = new List<(int Tree, int Node)>();
            var rows = new List<float>();
            for (var t = 0; t < trees.Count; t++)
            {
                for (var n = 0; n < trees[t].NodeCount; n++)
                {
                    if (depths[t][n] == depth && ProbeRow(trees[t], parents[t], directions[t], n, featureNames.Count) is { } row)
                    {
                        probes.Add((t, n));
                        rows.AddRange(row);
                    }
                }
            }

            if (probes.Count == 0)
            {
                continue;
            }

            var input = DataViews.Scoring(ml, rows.ToArray(), featureNames);
            featurizer ??= ml.Transforms.FeaturizeByPretrainTreeEnsemble(new PretrainedTreeFeaturizationEstimator.Options
            {
                InputColumnName = DataViews.Features,
                ModelParameters = parameters,
                LeavesColumnName = Leaves,
            }).Fit(input);
            var leaves = LeavesReached(featurizer.Transform(input), probes.Count, leafStart[^1]);
            for (var i = 0; i < probes.Count; i++)
            {
                var (t, n) = probes[i];
                var tree = trees[t];
                var leaf = Array.FindIndex(leaves[i], leafStart[t], tree.LeafCount, v => v) - leafStart[t];
                if (Contains(tree, tree.Left[n], leaf))
                {
                    directions[t][n] = true;
                }
                else if (!Contains(tree, tree.Right[n], leaf))
                {
                    throw new InvalidOperationException($"a probe row for tree {t}, node {n} ended in leaf {leaf}, outside the node");
                }
            }
        }

        return directions;
    }

    /// <summary>Per row, which leaves (of all trees, back to back) it reached.</summary>
    private static bool[][] LeavesReached(IDataView output, int rows, int totalLeaves)
    {
        var result = new bool[rows][];
        using var cursor = output.GetRowCursor(output.Schema.Where(c => c.Name == Leaves));
        var getter = cursor.GetGetter<VBuffer<float>>(output.Schema[Leaves]);
        var leaves = default(VBuffer<float>);
        for (var r = 0; r < rows; r++)
        {
            if (!cursor.MoveNext())
            {
                throw new InvalidOperationException("ML.NET returned fewer rows than it was given");
            }

            getter(ref leaves);
            result[r] = new bool[totalLeaves];
            foreach (var (index, value) in leaves.Items())
            {
                result[r][index] = value != 0;
            }
        }

        return result;
    }

    /// <summary>
    /// A row that reaches <paramref name="node"/> with NaN in its feature. Every other feature on the way takes a
    /// value within the bounds the path sets (left means value ≤ threshold), or NaN where no value fits and the
    /// nodes above send NaN the path's way; null when neither can reach the node.
    /// </summary>
    private static float[]? ProbeRow(TreeShape tree, (int Node, bool Left)[] parents, bool[] directions, int node, int width)
    {
        var low = new float[width];
        var high = new float[width];
        var nanFollows = new bool[width];
        low.AsSpan().Fill(float.NegativeInfinity);
        high.AsSpan().Fill(float.PositiveInfinity);
        nanFollows.AsSpan().Fill(true);
        for (var child = node; parents[child].Node >= 0; child = parents[child].Node)
        {
            var (parent, left) = parents[child];
            var f = tree.Feature[parent];
            nanFollows[f] &= directions[parent] == left;
            if (left)
            {
                high[f] = Math.Min(high[f], tree.Threshold[parent]);
            }
            else
            {
                low[f] = Math.Max(low[f], tree.Threshold[parent]);
            }
        }

        var row = new float[width];
        for (var f = 0; f < width; f++)
        {
            if (f == tree.Feature[node] || !(low[f] < high[f]))
            {
                if (!nanFollows[f])
                {
                    return null;
                }

                row[f] = float.NaN;
            }
            else
            {
                row[f] = float.IsFinite(high[f]) ? high[f] : float.IsFinite(low[f]) ? MathF.BitIncrement(low[f]) : 0;
            }
        }

        return row;
    }

    private static (int Node, bool Left)[] Parents(TreeShape tree)
    {
        var parents = new (int Node, bool Left)[tree.NodeCount];
        if (parents.Length > 0)
        {
            parents[0] = (-1, false);
        }

        for (var n = 0; n < tree.NodeCount; n++)
        {
            if (tree.Left[n] >= 0)
            {
                parents[tree.Left[n]] = (n, true);
            }

            if (tree.Right[n] >= 0)
            {
                parents[tree.Right[n]] = (n, false);
            }
        }

        return parents;
    }

    /// <summary>Each node's depth; parents are numbered before their children.</summary>
    private static int[] Depths((int Node, bool Left)[] parents)
    {
        var depths = new int[parents.Length];
        for (var n = 1; n < depths.Length; n++)
        {
            depths[n] = depths[parents[n].Node] + 1;
        }

        return depths;
    }

    private static bool Contains(TreeShape tree, int reference, int leaf) =>
        reference < 0 ? ~reference == leaf : Contains(tree, tree.Left[reference], leaf) || Contains(tree, tree.Right[reference], leaf);
}
