using Microsoft.ML.Trainers.FastTree;

namespace LinkMatch.Ranking;

/// <summary>The shape of one tree as ML.NET holds it: what scoring needs, before covers and missing-value
/// directions are added. Node numbering is ML.NET's (LightGBM's: a child after its parent); a child below 0 is
/// leaf ~child.</summary>
internal sealed record TreeShape(int[] Feature, float[] Threshold, int[] Left, int[] Right, double[] Gain, double[] LeafValue)
{
    public int NodeCount => Feature.Length;

    public int LeafCount => LeafValue.Length;
}

/// <summary>
/// Reads the trees of a trained ML.NET tree ensemble (<c>TrainedTreeEnsemble</c>): children, split features,
/// thresholds (as ML.NET compares them: float, a row goes left when value ≤ threshold), split gains and leaf values.
/// Only what ML.NET's scoring adds up the same way is accepted: numerical splits, tree weights of 1, no bias.
/// </summary>
internal static class EnsembleReader
{
    public static TreeShape[] Read(TreeEnsembleModelParametersBasedOnRegressionTree parameters, int featureCount)
    {
        var ensemble = parameters.TrainedTreeEnsemble;
        Require(ensemble.Bias == 0, $"the ensemble has a bias ({ensemble.Bias}), which LinkMatch does not score");
        var shapes = new TreeShape[ensemble.Trees.Count];
        for (var t = 0; t < shapes.Length; t++)
        {
            Require(ensemble.TreeWeights[t] == 1, $"tree {t} has weight {ensemble.TreeWeights[t]}, LinkMatch scores weights of 1 only");
            shapes[t] = Read(ensemble.Trees[t], featureCount, t);
        }

        return shapes;
    }

    private static TreeShape Read(Microsoft.ML.Trainers.FastTree.RegressionTree tree, int featureCount, int index)
    {
        var nodes = tree.NumberOfNodes;
        if (nodes == 0)
        {
            // An empty tree: ML.NET scores it 0 whatever its leaf holds.
            return new TreeShape([], [], [], [], [], [0]);
        }

        Require(tree.NumberOfLeaves == nodes + 1, $"tree {index} has {tree.NumberOfLeaves} leaves for {nodes} nodes");
        if (nodes == 1 && tree.LeafValues[0] == tree.LeafValues[1])
        {
            // A constant tree, which ML.NET stores as a split of feature 0 at 0 into two equal leaves: one leaf.
            return new TreeShape([], [], [], [], [], [tree.LeafValues[0]]);
        }

        var feature = new int[nodes];
        var threshold = new float[nodes];
        var left = new int[nodes];
        var right = new int[nodes];
        var gain = new double[nodes];
        for (var n = 0; n < nodes; n++)
        {
            Require(!tree.CategoricalSplitFlags[n], $"tree {index}, node {n}: a categorical split, which LinkMatch does not score");
            feature[n] = tree.NumericalSplitFeatureIndexes[n];
            Require(feature[n] >= 0 && feature[n] < featureCount, $"tree {index}, node {n} splits on feature {feature[n]} of {featureCount}");
            threshold[n] = tree.NumericalSplitThresholds[n];
            Require(!float.IsNaN(threshold[n]), $"tree {index}, node {n} has no threshold");
            (left[n], right[n]) = (tree.LeftChild[n], tree.RightChild[n]);
            gain[n] = tree.SplitGains[n];
        }

        var leafValue = tree.LeafValues.ToArray();
        CheckStructure(left, right, index);
        foreach (var value in leafValue)
        {
            Require(double.IsFinite(value), $"tree {index} has a leaf value that is not a number");
        }

        return new TreeShape(feature, threshold, left, right, gain, leafValue);
    }

    /// <summary>Every node but the root has one parent numbered below it (which rules out cycles), and every leaf
    /// is reached exactly once.</summary>
    private static void CheckStructure(int[] left, int[] right, int index)
    {
        var nodes = left.Length;
        var nodeSeen = new bool[nodes];
        var leafSeen = new bool[nodes + 1];
        for (var n = 0; n < nodes; n++)
        {
            foreach (var child in (ReadOnlySpan<int>)[left[n], right[n]])
            {
                if (child >= 0)
                {
                    Require(child > n && child < nodes && !nodeSeen[child], $"tree {index}: node {n} has a bad child {child}");
                    nodeSeen[child] = true;
                }
                else
                {
                    Require(~child <= nodes && !leafSeen[~child], $"tree {index}: node {n} has a bad leaf {~child}");
                    leafSeen[~child] = true;
                }
            }
        }

        Require(leafSeen.All(seen => seen), $"tree {index}: a leaf is not reachable");
    }

    private static void Require(bool condition, string problem)
    {
        if (!condition)
        {
            throw new ModelFormatException($"unsupported or corrupt model: {problem}");
        }
    }
}
