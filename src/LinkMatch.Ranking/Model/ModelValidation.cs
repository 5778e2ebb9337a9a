namespace LinkMatch.Ranking;

/// <summary>Checks a deserialized model before use: a corrupt file fails here, not while scoring.</summary>
internal static class ModelValidation
{
    public static RankingModel ToModel(ModelDocument document)
    {
        var width = document.FeatureNames.Length;
        Require(document.BinThresholds.Length == width, $"{document.BinThresholds.Length} bin threshold lists for {width} features");
        for (var f = 0; f < width; f++)
        {
            var bounds = document.BinThresholds[f];
            for (var b = 1; b < bounds.Length; b++)
            {
                Require(bounds[b - 1] < bounds[b], $"bin thresholds of feature {f} are not increasing");
            }
        }

        try
        {
            document.Parameters.Validate();
        }
        catch (ArgumentException e)
        {
            throw new ModelFormatException($"invalid training parameters: {e.Message}", e);
        }

        var trees = new RegressionTree[document.Trees.Length];
        for (var t = 0; t < trees.Length; t++)
        {
            trees[t] = ToTree(document.Trees[t], width, t);
        }

        return new RankingModel(
            document.FeatureNames, document.BinThresholds, trees, document.Parameters,
            new SortedDictionary<string, double>(document.Metrics, StringComparer.Ordinal), document.DataFingerprint);
    }

    private static RegressionTree ToTree(TreeDocument tree, int width, int index)
    {
        var nodes = tree.Feature.Length;
        var where = $"tree {index}";
        Require(
            tree.Threshold.Length == nodes && tree.DefaultLeft.Length == nodes && tree.Left.Length == nodes
            && tree.Right.Length == nodes && tree.Gain.Length == nodes && tree.Cover.Length == nodes,
            $"{where}: node arrays differ in length");
        Require(tree.LeafValue.Length == nodes + 1 && tree.LeafCover.Length == nodes + 1, $"{where}: expected {nodes + 1} leaves");
        var leafSeen = new bool[nodes + 1];
        var nodeSeen = new bool[nodes];
        for (var n = 0; n < nodes; n++)
        {
            Require(tree.Feature[n] >= 0 && tree.Feature[n] < width, $"{where}: node {n} splits on feature {tree.Feature[n]} of {width}");
            Require(!float.IsNaN(tree.Threshold[n]), $"{where}: node {n} has no threshold");
            Require(tree.Cover[n] >= 0, $"{where}: node {n} has a negative cover");
            foreach (var child in (ReadOnlySpan<int>)[tree.Left[n], tree.Right[n]])
            {
                if (child >= 0)
                {
                    // Children come after their parent, which rules out cycles.
                    Require(child > n && child < nodes && !nodeSeen[child], $"{where}: node {n} has a bad child {child}");
                    nodeSeen[child] = true;
                }
                else
                {
                    Require(~child <= nodes && !leafSeen[~child], $"{where}: node {n} has a bad leaf {~child}");
                    leafSeen[~child] = true;
                }
            }
        }

        for (var leaf = 0; leaf <= nodes; leaf++)
        {
            Require(nodes == 0 || leafSeen[leaf], $"{where}: leaf {leaf} is not reachable");
            Require(double.IsFinite(tree.LeafValue[leaf]) && tree.LeafCover[leaf] >= 0, $"{where}: leaf {leaf} is invalid");
        }

        return new RegressionTree(
            tree.Feature, tree.Threshold, tree.DefaultLeft, tree.Left, tree.Right, tree.Gain, tree.Cover, tree.LeafValue,
            tree.LeafCover);
    }

    private static void Require(bool condition, string problem)
    {
        if (!condition)
        {
            throw new ModelFormatException($"corrupt model file: {problem}");
        }
    }
}
