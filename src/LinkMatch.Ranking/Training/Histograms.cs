using System.Runtime.Intrinsics;

namespace LinkMatch.Ranking;

/// <summary>
/// Per-leaf histograms: for every bin of every usable feature, the sums (gradient, hessian, row count, 0) of the
/// leaf's rows in that bin, one 256-bit entry each so that a row adds to a bin in one vector addition.
/// </summary>
internal static class Histograms
{
    /// <summary>
    /// Adds the rows at positions [begin, end) of <paramref name="rows"/> to the bins of one feature group.
    /// Gradients are in position order (gathered), so only the bins are read at random.
    /// </summary>
    public static unsafe void AccumulateGroup(
        byte[] groupBins, int width, int[] offsets, int[] rows, int begin, int end, float[] gradients, float[] hessians,
        Vector256<double>[] histogram, bool identity)
    {
        Span<int> offsetOfPosition = stackalloc int[width];
        offsets.AsSpan(0, width).CopyTo(offsetOfPosition);
        fixed (byte* bins = groupBins)
        fixed (int* index = rows, offset = offsetOfPosition)
        fixed (float* g = gradients, h = hessians)
        fixed (Vector256<double>* hist = histogram)
        {
            for (var i = begin; i < end; i++)
            {
                var row = identity ? i : index[i];
                var entry = Vector256.Create(g[i], h[i], 1.0, 0.0);
                var rowBins = bins + ((long)row * width);
                for (var k = 0; k < width; k++)
                {
                    var bin = hist + offset[k] + rowBins[k];
                    *bin += entry;
                }
            }
        }
    }

    /// <summary>parent ← parent − child: the sibling's histogram without touching its rows.</summary>
    public static void SubtractInPlace(Vector256<double>[] parent, Vector256<double>[] child)
    {
        for (var i = 0; i < parent.Length; i++)
        {
            parent[i] -= child[i];
        }
    }
}
