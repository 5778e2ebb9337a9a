using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace LinkMatch.Ranking;

/// <summary>
/// A sorted list of thresholds that answers "how many lie strictly below x" without branches, eight at a time:
/// first the runs of eight wholly below (judged by each run's last threshold), then within the next run.
/// Both arrays are padded with +∞, which is never below anything.
/// </summary>
internal sealed class SortedThresholds
{
    private const int Lanes = 8;
    private readonly float[] _padded;
    private readonly float[] _runEnds;

    public SortedThresholds(ReadOnlySpan<float> sorted)
    {
        Count = sorted.Length;
        _padded = Padded(sorted.Length);
        sorted.CopyTo(_padded);
        var runs = _padded.Length / Lanes;
        _runEnds = Padded(runs);
        for (var i = 0; i < runs; i++)
        {
            _runEnds[i] = _padded[(i * Lanes) + Lanes - 1];
        }
    }

    public int Count { get; }

    /// <summary>The number of thresholds &lt; value (NaN: 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int CountBelow(float value)
    {
        var broadcast = Vector256.Create(value);
        ref var runEnds = ref MemoryMarshal.GetArrayDataReference(_runEnds);
        var runs = 0;
        for (var i = 0; i < _runEnds.Length; i += Lanes)
        {
            runs += BitOperations.PopCount(Vector256.LessThan(Vector256.LoadUnsafe(ref runEnds, (nuint)i), broadcast).ExtractMostSignificantBits());
        }

        var at = runs * Lanes;
        if (at >= _padded.Length)
        {
            return Count;
        }

        var within = Vector256.LessThan(Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(_padded), (nuint)at), broadcast);
        return at + BitOperations.PopCount(within.ExtractMostSignificantBits());
    }

    private static float[] Padded(int count)
    {
        var padded = new float[Math.Max(Lanes, (count + Lanes - 1) / Lanes * Lanes)];
        padded.AsSpan().Fill(float.PositiveInfinity);
        return padded;
    }
}
