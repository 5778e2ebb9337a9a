namespace LinkMatch.Ranking;

/// <summary>A small seeded generator: the same seed gives the same stream on every platform and runtime.</summary>
internal struct SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, bound), by rejection so that no value is favoured.</summary>
    public ulong NextBelow(ulong bound)
    {
        var limit = ulong.MaxValue - (ulong.MaxValue % bound);
        ulong value;
        do
        {
            value = Next();
        }
        while (value >= limit);
        return value % bound;
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));
}
