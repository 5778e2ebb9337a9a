using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LinkMatch.Ranking;

/// <summary>
/// Per-leaf histograms: for every bin of every usable feature, the sums (gradient, hessian, row count, 0) of the
/// leaf's rows in that bin, one 256-bit entry each so that a row adds to a bin in one vector addition.
/// </summary>
internal static class Histograms
{
    /// <summary>Rows ahead to prefetch: far enough to hide a trip to memory, near enough to stay in cache.</summary>
    private const int PrefetchDistance = 32;

    /// <summary>
    /// Adds the rows at positions [begin, end) of <paramref name="rows"/> to the bins of one feature group.
    /// Entries (gradient, hessian, 1, 0) are in position order (gathered), so only the bins are read at random.
    /// </summary>
    public static unsafe void AccumulateGroup(
        byte[] groupBins, int width, int[] offsets, Range binRange, int[] rows, int begin, int end, Vector256<double>[] entries,
        Vector256<double>[] histogram, bool identity)
    {
        Span<int> offsetOfPosition = stackalloc int[width];
        offsets.AsSpan(0, width).CopyTo(offsetOfPosition);

        // The group's features sit side by side in the histogram: clear them here, on the thread that fills them.
        histogram.AsSpan(binRange).Clear();
        fixed (byte* bins = groupBins)
        fixed (int* index = rows, offset = offsetOfPosition)
        fixed (Vector256<double>* gh = entries)
        fixed (Vector256<double>* hist = histogram)
        {
            var prefetch = !identity && Sse.IsSupported;
            for (var i = begin; i < end; i++)
            {
                var row = identity ? i : index[i];
                if (prefetch && i + PrefetchDistance < end)
                {
                    // A leaf's rows are scattered over the data: ask for a row's bins well before they are needed.
                    Sse.Prefetch0(bins + ((long)index[i + PrefetchDistance] * width));
                }

                var entry = gh[i];
                var rowBins = bins + ((long)row * width);
                for (var k = 0; k < width; k++)
                {
                    var bin = hist + offset[k] + rowBins[k];
                    *bin += entry;
                }
            }
        }
    }

    /// <summary>
    /// The sparse form of <see cref="AccumulateGroup"/>: adds only each row's values outside their feature's
    /// commonest bin, then sets that bin to the leaf's totals minus the other bins.
    /// </summary>
    public static unsafe void AccumulateSparseGroup(
        int[] rowStarts, ushort[] entries, int[] offsets, int[] commonestBins, Range binRange, int[] rows, int begin,
        int end, Vector256<double>[] gradients, Vector256<double>[] histogram, bool identity, LeafTotals totals)
    {
        var width = offsets.Length;
        histogram.AsSpan(binRange).Clear();
        fixed (int* starts = rowStarts, index = rows, offset = offsets)
        fixed (ushort* values = entries)
        fixed (Vector256<double>* gh = gradients)
        fixed (Vector256<double>* hist = histogram)
        {
            var prefetch = !identity && Sse.IsSupported;
            for (var i = begin; i < end; i++)
            {
                var row = identity ? i : index[i];
                if (prefetch && i + PrefetchDistance < end)
                {
                    var ahead = index[i + PrefetchDistance];
                    Sse.Prefetch0(starts + ahead);
                    Sse.Prefetch0(values + starts[index[i + (PrefetchDistance / 2)]]);
                }

                var entry = gh[i];
                var stop = starts[row + 1];
                for (var e = starts[row]; e < stop; e++)
                {
                    var value = values[e];
                    var bin = hist + offset[value >> 8] + (value & 0xFF);
                    *bin += entry;
                }
            }

            var leaf = Vector256.Create(totals.Gradient, totals.Hessian, totals.Count, 0.0);
            for (var k = 0; k < width; k++)
            {
                var first = offset[k];
                var count = (k + 1 < width ? offset[k + 1] : binRange.End.Value) - first;
                var rest = Vector256<double>.Zero;
                for (var b = 0; b < count; b++)
                {
                    rest += hist[first + b];
                }

                hist[first + commonestBins[k]] = leaf - rest;
            }
        }
    }

    /// <summary>parent ← parent − child over a range: the sibling's bins without touching its rows.</summary>
    public static void SubtractInPlace(Span<Vector256<double>> parent, ReadOnlySpan<Vector256<double>> child)
    {
        for (var i = 0; i < parent.Length; i++)
        {
            parent[i] -= child[i];
        }
    }
}
