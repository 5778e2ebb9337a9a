namespace LinkMatch.Ranking;

/// <summary>Joins the trees ML.NET loaded with LinkMatch's document, checking that they belong together: a
/// corrupt or mismatched file fails here, not while scoring.</summary>
internal static class ModelValidation
{
    public static RankingModel ToModel(ModelDocument document, TreeShape[] shapes, byte[] package)
    {
        try
        {
            document.Parameters.Validate();
        }
        catch (ArgumentException e)
        {
            throw new ModelFormatException($"invalid training parameters: {e.Message}", e);
        }

        Require(document.Trees.Length == shapes.Length, $"{document.Trees.Length} trees described for {shapes.Length} in the ensemble");
        var trees = new RegressionTree[shapes.Length];
        for (var t = 0; t < trees.Length; t++)
        {
            var (shape, extras) = (shapes[t], document.Trees[t]);
            Require(
                extras.DefaultLeft.Length == shape.NodeCount && extras.Cover.Length == shape.NodeCount
                && extras.LeafCover.Length == shape.LeafCount,
                $"tree {t}: the covers or directions do not fit its {shape.NodeCount} nodes and {shape.LeafCount} leaves");
            Require(extras.Cover.All(c => c >= 0) && extras.LeafCover.All(c => c >= 0), $"tree {t}: a negative cover");
            trees[t] = Combine(shape, extras);
        }

        return new RankingModel(
            document.FeatureNames, trees, document.Parameters,
            new SortedDictionary<string, double>(document.Metrics, StringComparer.Ordinal), document.DataFingerprint, package);
    }

    public static RegressionTree Combine(TreeShape shape, TreeExtras extras) => new(
        shape.Feature, shape.Threshold, extras.DefaultLeft, shape.Left, shape.Right, shape.Gain, extras.Cover,
        shape.LeafValue, extras.LeafCover);

    private static void Require(bool condition, string problem)
    {
        if (!condition)
        {
            throw new ModelFormatException($"corrupt model file: {problem}");
        }
    }
}
