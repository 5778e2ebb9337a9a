using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace LinkMatch.Ranking;

/// <summary>
/// Scans one feature's histogram for the split with the largest gain
/// G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ), trying missing values on either side.
/// </summary>
internal static class SplitFinder
{
    /// <remarks>histogram: The feature's bins, (gradient, hessian, count, 0) each.</remarks>
    public static SplitCandidate Best(
        ReadOnlySpan<Vector256<double>> histogram, int feature, FeatureBins bins, LeafTotals totals, TrainingOptions options)
    {
        var best = SplitCandidate.None;
        var sums = MemoryMarshal.Cast<Vector256<double>, double>(histogram);
        var lambda = options.L2;
        var parentScore = totals.Gradient * totals.Gradient / (totals.Hessian + lambda);
        var minGain = options.MinSplitGain;
        var (minCount, minHessian) = ((double)options.MinExamplesPerLeaf, options.MinHessianPerLeaf);
        var valueBins = bins.ValueBinCount;
        double missingG = 0, missingH = 0, missingC = 0;
        if (bins.HasMissing)
        {
            var m = 4 * bins.MissingBin;
            (missingG, missingH, missingC) = (sums[m], sums[m + 1], sums[m + 2]);
        }

        // Missing values right first, then left (only worth trying when there are any).
        for (var side = 0; side < (missingC > 0 ? 2 : 1); side++)
        {
            double leftG = 0, leftH = 0, leftC = 0;
            if (side == 1)
            {
                (leftG, leftH, leftC) = (missingG, missingH, missingC);
            }

            for (var at = 0; at < 4 * (valueBins - 1); at += 4)
            {
                // An empty bin moves no row: the split before it is the same split.
                if (sums[at + 2] == 0)
                {
                    continue;
                }

                leftG += sums[at];
                leftH += sums[at + 1];
                leftC += sums[at + 2];
                if (leftC < minCount || leftH < minHessian)
                {
                    continue;
                }

                var rightC = totals.Count - leftC;
                var rightH = totals.Hessian - leftH;
                if (rightC < minCount || rightH < minHessian)
                {
                    break;
                }

                var rightG = totals.Gradient - leftG;
                var gain = (leftG * leftG / (leftH + lambda)) + (rightG * rightG / (rightH + lambda)) - parentScore;
                if (gain > minGain && gain > best.Gain)
                {
                    best = new SplitCandidate
                    {
                        Feature = feature,
                        Bin = at / 4,
                        // A feature without missing values in training sends NaN to bin 0, i.e. left.
                        DefaultLeft = side == 1 || !bins.HasMissing,
                        Gain = gain,
                        LeftGradient = leftG,
                        LeftHessian = leftH,
                        LeftCount = (int)leftC,
                    };
                }
            }
        }

        return best;
    }
}
