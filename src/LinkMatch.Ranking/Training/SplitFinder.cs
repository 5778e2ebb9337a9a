using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace LinkMatch.Ranking;

/// <summary>
/// Scans one feature's histogram for the split with the largest gain
/// G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ), trying missing values on either side. Left sums are prefix sums over
/// the bins; the gains of four thresholds are then computed at once, without branches, invalid ones (too few rows
/// or too little hessian on a side) masked out. The first best threshold wins, missing-right before missing-left,
/// as a plain left-to-right scan would choose.
/// </summary>
internal static class SplitFinder
{
    private const int Lanes = 4;

    /// <remarks>histogram: The feature's bins, (gradient, hessian, count, 0) each.</remarks>
    [SkipLocalsInit]
    public static SplitCandidate Best(
        ReadOnlySpan<Vector256<double>> histogram, int feature, FeatureBins bins, LeafTotals totals, TrainingOptions options)
    {
        var best = SplitCandidate.None;
        var thresholds = bins.ValueBinCount - 1;
        if (thresholds <= 0)
        {
            return best;
        }

        var padded = (thresholds + Lanes - 1) / Lanes * Lanes;
        Span<double> leftG = stackalloc double[padded];
        Span<double> leftH = stackalloc double[padded];
        Span<double> leftC = stackalloc double[padded];
        var sums = MemoryMarshal.Cast<Vector256<double>, double>(histogram);
        var missing = bins.HasMissing ? 4 * bins.MissingBin : -1;
        var sides = missing >= 0 && sums[missing + 2] > 0 ? 2 : 1;
        for (var side = 0; side < sides; side++)
        {
            double g = 0, h = 0, c = 0;
            if (side == 1)
            {
                (g, h, c) = (sums[missing], sums[missing + 1], sums[missing + 2]);
            }

            for (var b = 0; b < thresholds; b++)
            {
                g += sums[4 * b];
                h += sums[(4 * b) + 1];
                c += sums[(4 * b) + 2];
                leftG[b] = g;
                leftH[b] = h;
                leftC[b] = c;
            }

            // Padding thresholds have no rows on the left: never valid.
            leftG[thresholds..].Clear();
            leftH[thresholds..].Clear();
            leftC[thresholds..].Clear();
            var (bin, gain) = BestThreshold(leftG, leftH, leftC, totals, options);
            if (bin >= 0 && gain > best.Gain)
            {
                best = new SplitCandidate
                {
                    Feature = feature,
                    Bin = bin,
                    // A feature without missing values in training sends NaN to bin 0, i.e. left.
                    DefaultLeft = side == 1 || !bins.HasMissing,
                    Gain = gain,
                    LeftGradient = leftG[bin],
                    LeftHessian = leftH[bin],
                    LeftCount = (int)leftC[bin],
                };
            }
        }

        return best;
    }

    private static (int Bin, double Gain) BestThreshold(
        ReadOnlySpan<double> leftG, ReadOnlySpan<double> leftH, ReadOnlySpan<double> leftC, LeafTotals totals, TrainingOptions options)
    {
        var lambda = Vector256.Create(options.L2);
        var (g, h, c) = (Vector256.Create(totals.Gradient), Vector256.Create(totals.Hessian), Vector256.Create((double)totals.Count));
        var minCount = Vector256.Create((double)options.MinExamplesPerLeaf);
        var minHessian = Vector256.Create(options.MinHessianPerLeaf);
        var parent = Vector256.Create(totals.Gradient * totals.Gradient / (totals.Hessian + options.L2));
        var minGain = Vector256.Create(options.MinSplitGain);
        var none = Vector256.Create(double.NegativeInfinity);
        var bestGain = none;
        var bestBin = Vector256.Create(-1.0);
        var lanes = Vector256.Create(0.0, 1, 2, 3);
        for (var b = 0; b < leftG.Length; b += Lanes)
        {
            var lg = Vector256.Create(leftG.Slice(b, Lanes));
            var lh = Vector256.Create(leftH.Slice(b, Lanes));
            var lc = Vector256.Create(leftC.Slice(b, Lanes));
            var (rg, rh, rc) = (g - lg, h - lh, c - lc);
            var valid = Vector256.GreaterThanOrEqual(lc, minCount) & Vector256.GreaterThanOrEqual(lh, minHessian)
                & Vector256.GreaterThanOrEqual(rc, minCount) & Vector256.GreaterThanOrEqual(rh, minHessian);
            var gain = (lg * lg / (lh + lambda)) + (rg * rg / (rh + lambda)) - parent;
            valid &= Vector256.GreaterThan(gain, minGain);
            var better = valid & Vector256.GreaterThan(gain, bestGain);
            bestGain = Vector256.ConditionalSelect(better, gain, bestGain);
            bestBin = Vector256.ConditionalSelect(better, lanes + Vector256.Create((double)b), bestBin);
        }

        // Across lanes: the largest gain, and among equal gains the lowest bin.
        var (bin, top) = (-1, double.NegativeInfinity);
        for (var lane = 0; lane < Lanes; lane++)
        {
            var (laneGain, laneBin) = (bestGain.GetElement(lane), (int)bestBin.GetElement(lane));
            if (laneBin >= 0 && (laneGain > top || (laneGain == top && laneBin < bin)))
            {
                (bin, top) = (laneBin, laneGain);
            }
        }

        return (bin, top);
    }
}
