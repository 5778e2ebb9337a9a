namespace LinkMatch.Ranking;

/// <summary>
/// Exact TreeSHAP (Lundberg, Erion and Lee, 2018, Algorithm 2): the Shapley value of each feature for one row,
/// where a coalition's value is the tree's expected output when the features outside it follow the training rows
/// (each node's cover). Contributions plus the expected output over the training rows add up to the score.
/// </summary>
internal sealed class TreeShap
{
    private PathElement[] _path = new PathElement[64];

    /// <summary>Adds the tree's contributions for <paramref name="row"/> to <paramref name="phi"/>.</summary>
    public void Add(RegressionTree tree, ReadOnlySpan<float> row, Span<double> phi)
    {
        if (tree.NodeCount == 0)
        {
            return;
        }

        var depth = MaxDepth(tree, tree.Root) + 2;
        var needed = depth * (depth + 1) / 2;
        if (_path.Length < needed)
        {
            _path = new PathElement[needed];
        }

        Recurse(tree, row, phi, tree.Root, 0, 0, 1, 1, -1);
    }

    /// <summary>The tree's mean output over the training rows: the base its contributions start from.</summary>
    public static double ExpectedValue(RegressionTree tree)
    {
        double sum = 0;
        long total = 0;
        for (var leaf = 0; leaf < tree.LeafCount; leaf++)
        {
            sum += tree.LeafValue[leaf] * tree.LeafCover[leaf];
            total += tree.LeafCover[leaf];
        }

        return total == 0 ? 0 : sum / total;
    }

    private void Recurse(
        RegressionTree tree, ReadOnlySpan<float> row, Span<double> phi, int node, int parentStart, int uniqueDepth,
        double parentZero, double parentOne, int parentFeature)
    {
        if (parentZero == 0 && parentOne == 0)
        {
            // Below a node no training row reached and off the row's own path: it adds nothing, and unwinding a
            // path element with both fractions 0 would divide by 0.
            return;
        }

        // Each level works on its own copy of the path, just after its parent's.
        var start = parentStart + uniqueDepth;
        var path = _path.AsSpan(start, uniqueDepth + 1);
        _path.AsSpan(parentStart, uniqueDepth).CopyTo(path);
        Extend(path, uniqueDepth, parentZero, parentOne, parentFeature);

        if (node < 0)
        {
            var value = tree.LeafValue[~node];
            for (var i = 1; i <= uniqueDepth; i++)
            {
                var weight = UnwoundSum(path, uniqueDepth, i);
                phi[path[i].Feature] += weight * (path[i].One - path[i].Zero) * value;
            }

            return;
        }

        var feature = tree.Feature[node];
        var hot = tree.GoesLeft(node, row[feature]) ? tree.Left[node] : tree.Right[node];
        var cold = hot == tree.Left[node] ? tree.Right[node] : tree.Left[node];
        double cover = tree.Cover[node];
        double incomingZero = 1, incomingOne = 1;
        var index = 0;
        while (index <= uniqueDepth && path[index].Feature != feature)
        {
            index++;
        }

        if (index <= uniqueDepth)
        {
            // The feature was split on above: undo that split and redo it here.
            (incomingZero, incomingOne) = (path[index].Zero, path[index].One);
            Unwind(path, uniqueDepth, index);
            uniqueDepth--;
        }

        // A node no training row reached lies below a zero share already; 0 keeps it there instead of 0/0.
        var hotShare = cover > 0 ? tree.CoverOf(hot) / cover : 0;
        var coldShare = cover > 0 ? tree.CoverOf(cold) / cover : 0;
        Recurse(tree, row, phi, hot, start, uniqueDepth + 1, hotShare * incomingZero, incomingOne, feature);
        Recurse(tree, row, phi, cold, start, uniqueDepth + 1, coldShare * incomingZero, 0, feature);
    }

    private static void Extend(Span<PathElement> path, int depth, double zero, double one, int feature)
    {
        path[depth] = new PathElement(feature, zero, one, depth == 0 ? 1 : 0);
        for (var i = depth - 1; i >= 0; i--)
        {
            path[i + 1].Weight += one * path[i].Weight * (i + 1) / (depth + 1);
            path[i].Weight = zero * path[i].Weight * (depth - i) / (depth + 1);
        }
    }

    private static void Unwind(Span<PathElement> path, int depth, int index)
    {
        var (one, zero) = (path[index].One, path[index].Zero);
        var next = path[depth].Weight;
        for (var i = depth - 1; i >= 0; i--)
        {
            if (one != 0)
            {
                var previous = path[i].Weight;
                path[i].Weight = next * (depth + 1) / ((i + 1) * one);
                next = previous - (path[i].Weight * zero * (depth - i) / (depth + 1));
            }
            else
            {
                path[i].Weight = path[i].Weight * (depth + 1) / (zero * (depth - i));
            }
        }

        for (var i = index; i < depth; i++)
        {
            (path[i].Feature, path[i].Zero, path[i].One) = (path[i + 1].Feature, path[i + 1].Zero, path[i + 1].One);
        }
    }

    private static double UnwoundSum(ReadOnlySpan<PathElement> path, int depth, int index)
    {
        var (one, zero) = (path[index].One, path[index].Zero);
        var next = path[depth].Weight;
        double total = 0;
        for (var i = depth - 1; i >= 0; i--)
        {
            if (one != 0)
            {
                var share = next * (depth + 1) / ((i + 1) * one);
                total += share;
                next = path[i].Weight - (share * zero * (depth - i) / (depth + 1));
            }
            else
            {
                total += path[i].Weight / zero / ((depth - i) / (double)(depth + 1));
            }
        }

        return total;
    }

    private static int MaxDepth(RegressionTree tree, int node) =>
        node < 0 ? 0 : 1 + Math.Max(MaxDepth(tree, tree.Left[node]), MaxDepth(tree, tree.Right[node]));

    private struct PathElement(int feature, double zero, double one, double weight)
    {
        public int Feature = feature;
        public double Zero = zero;
        public double One = one;
        public double Weight = weight;
    }
}
