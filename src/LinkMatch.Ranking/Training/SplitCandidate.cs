namespace LinkMatch.Ranking;

/// <summary>The best way found to split one leaf: rows with bin ≤ <see cref="Bin"/> go left, missing values as told.</summary>
internal struct SplitCandidate
{
    public int Feature;
    public int Bin;
    public bool DefaultLeft;
    public double Gain;
    public double LeftGradient;
    public double LeftHessian;
    public int LeftCount;

    public static SplitCandidate None => new() { Feature = -1, Gain = double.NegativeInfinity };

    public readonly bool IsValid => Feature >= 0;

    /// <summary>Better gain wins; equal gains go to the lower feature, so the choice never depends on thread order.</summary>
    public readonly bool IsBetterThan(in SplitCandidate other) =>
        IsValid && (!other.IsValid || Gain > other.Gain || (Gain == other.Gain && Feature < other.Feature));
}

/// <summary>Sums over the rows of a leaf.</summary>
internal readonly record struct LeafTotals(double Gradient, double Hessian, int Count);
