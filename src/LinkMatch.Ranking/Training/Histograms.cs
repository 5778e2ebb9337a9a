using System.Numerics;
using System.Runtime.InteropServices;

namespace LinkMatch.Ranking;

/// <summary>
/// Per-leaf histograms: for every bin of every usable feature, the sums of gradient, hessian and row count of
/// the leaf's rows in that bin, laid out flat as (g, h, n) triples.
/// </summary>
internal static class Histograms
{
    /// <summary>Adds the rows at positions [begin, end) of <paramref name="rows"/> to one feature's bins.</summary>
    /// <remarks>gradients: Gradients in position order (gathered), so only the bin column is read at random.</remarks>
    public static unsafe void Accumulate(
        byte[] column, int[] rows, int begin, int end, float[] gradients, float[] hessians, Span<double> histogram, bool identity)
    {
        histogram.Clear();
        fixed (byte* bins = column)
        fixed (int* index = rows)
        fixed (float* g = gradients, h = hessians)
        fixed (double* hist = histogram)
        {
            if (identity)
            {
                for (var i = begin; i < end; i++)
                {
                    var b = hist + (3 * bins[i]);
                    b[0] += g[i];
                    b[1] += h[i];
                    b[2] += 1;
                }
            }
            else
            {
                for (var i = begin; i < end; i++)
                {
                    var b = hist + (3 * bins[index[i]]);
                    b[0] += g[i];
                    b[1] += h[i];
                    b[2] += 1;
                }
            }
        }
    }

    /// <summary>parent ← parent − child: the sibling's histogram without touching its rows.</summary>
    public static void SubtractInPlace(Span<double> parent, ReadOnlySpan<double> child)
    {
        var p = MemoryMarshal.Cast<double, Vector<double>>(parent);
        var c = MemoryMarshal.Cast<double, Vector<double>>(child);
        for (var i = 0; i < p.Length; i++)
        {
            p[i] -= c[i];
        }

        for (var i = p.Length * Vector<double>.Count; i < parent.Length; i++)
        {
            parent[i] -= child[i];
        }
    }
}
