namespace LinkMatch.Ranking;

/// <summary>
/// Why a row scored what it did: the model's expected score over its training rows, plus one SHAP contribution
/// a feature. <c>BaseValue + Σ contributions = Score</c>. A positive contribution pushed the candidate up.
/// </summary>
public sealed record ScoreExplanation(double BaseValue, double Score, IReadOnlyList<FeatureContribution> Contributions)
{
    /// <summary>Contributions keyed by feature name.</summary>
    public IReadOnlyDictionary<string, double> ByFeature()
    {
        var result = new Dictionary<string, double>(Contributions.Count, StringComparer.Ordinal);
        foreach (var contribution in Contributions)
        {
            result[contribution.Feature] = contribution.Contribution;
        }

        return result;
    }

    /// <summary>The features that moved the score most, either way, largest first; features with no effect are left out.</summary>
    public IReadOnlyList<FeatureContribution> TopFactors(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var nonZero = new List<FeatureContribution>();
        foreach (var contribution in Contributions)
        {
            if (contribution.Contribution != 0)
            {
                nonZero.Add(contribution);
            }
        }

        nonZero.Sort(static (a, b) => Math.Abs(b.Contribution).CompareTo(Math.Abs(a.Contribution)));
        return nonZero.Count > count ? nonZero.GetRange(0, count) : nonZero;
    }
}

/// <summary>One feature's share of a score.</summary>
public readonly record struct FeatureContribution(string Feature, float Value, double Contribution);

/// <summary>How much a feature's splits reduced the training loss, over all trees.</summary>
/// <remarks>Share: This feature's gain over the gain of all splits (0..1).</remarks>
public readonly record struct FeatureImportance(string Feature, double Gain, double Share, int Splits);
