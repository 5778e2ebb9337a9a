namespace LinkMatch.Ranking;

/// <summary>
/// Finds bin bounds per feature from the distinct values of (a sample of) the training rows: every distinct value
/// gets its own bin when there are few enough, otherwise values are grouped into bins of about equal row counts,
/// never cutting between equal values. A value that alone fills a bin's share keeps a bin to itself.
/// </summary>
internal static class FeatureBinner
{
    /// <summary>Rows looked at to place bounds; as in LightGBM, a sample this size places quantiles well.</summary>
    public const int SampleSize = 200_000;

    public static FeatureBins[] Fit(RankingDataset data, int maxBins, int seed, ParallelOptions parallel)
    {
        var sample = SampleRows(data.RowCount, seed);
        var bins = new FeatureBins[data.FeatureCount];
        Parallel.For(0, data.FeatureCount, parallel, () => new float[sample?.Length ?? data.RowCount], (f, _, buffer) =>
        {
            var column = data.Column(f);
            if (sample is null)
            {
                column.CopyTo(buffer);
            }
            else
            {
                for (var i = 0; i < sample.Length; i++)
                {
                    buffer[i] = column[sample[i]];
                }
            }

            bins[f] = FitFeature(buffer, maxBins);
            return buffer;
        }, static _ => { });
        return bins;
    }

    /// <summary>Bounds for one feature; sorts <paramref name="values"/> in place.</summary>
    public static FeatureBins FitFeature(Span<float> values, int maxBins)
    {
        // NaN (missing) is set aside first: it sorts before every number and equals nothing.
        var present = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (!float.IsNaN(values[i]))
            {
                values[present++] = values[i];
            }
        }

        var total = values.Length;
        var hasMissing = present < total;
        values = values[..present];
        values.Sort();
        var distinct = new List<float>();
        var counts = new List<int>();
        for (var i = 0; i < present; i++)
        {
            if (i == 0 || values[i] != values[i - 1])
            {
                distinct.Add(values[i]);
                counts.Add(0);
            }

            counts[^1]++;
        }

        var (commonest, commonestCount) = (float.NaN, total - present);
        for (var i = 0; i < distinct.Count; i++)
        {
            if (counts[i] > commonestCount)
            {
                (commonest, commonestCount) = (distinct[i], counts[i]);
            }
        }

        var bounds = Bounds(distinct, counts, present, maxBins - (hasMissing ? 1 : 0));
        return new FeatureBins(bounds, hasMissing, commonest, total == 0 ? 0 : (double)commonestCount / total);
    }

    private static float[] Bounds(List<float> distinct, List<int> counts, int rows, int valueBins)
    {
        var bounds = new List<float>(Math.Min(distinct.Count, valueBins));
        if (distinct.Count <= valueBins)
        {
            for (var i = 0; i + 1 < distinct.Count; i++)
            {
                bounds.Add(Between(distinct[i], distinct[i + 1]));
            }

            return [.. bounds];
        }

        var remaining = (double)rows;
        var inBin = 0;
        for (var i = 0; i + 1 < distinct.Count && bounds.Count < valueBins - 1; i++)
        {
            inBin += counts[i];
            var share = remaining / (valueBins - bounds.Count);
            if (inBin >= share || counts[i + 1] >= share)
            {
                bounds.Add(Between(distinct[i], distinct[i + 1]));
                remaining -= inBin;
                inBin = 0;
            }
        }

        return [.. bounds];
    }

    /// <summary>A bound halfway between two neighbouring values, so unseen values in between split evenly.</summary>
    internal static float Between(float low, float high)
    {
        var middle = (float)((low + (double)high) / 2);
        return middle >= high || middle < low ? low : middle;
    }

    private static int[]? SampleRows(int rows, int seed)
    {
        if (rows <= SampleSize)
        {
            return null;
        }

        // Floyd's selection keeps the sample exact in size; sorted for cache-friendly reads.
        var random = new SplitMix64((ulong)seed ^ 0x5EEDB175UL);
        var chosen = new HashSet<int>(SampleSize);
        for (var j = rows - SampleSize; j < rows; j++)
        {
            var t = (int)random.NextBelow((ulong)j + 1);
            chosen.Add(chosen.Contains(t) ? j : t);
        }

        var sample = chosen.ToArray();
        Array.Sort(sample);
        return sample;
    }
}
