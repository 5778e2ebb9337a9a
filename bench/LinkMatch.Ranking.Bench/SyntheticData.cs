using System.Text;

namespace LinkMatch.Ranking.Bench;

/// <summary>
/// A labour-market-like ranking set with a known signal: each query (a vacancy) draws its candidates, each row
/// has dense continuous features (skill match, distance, experience...), small integers, binary flags and sparse
/// features (mostly 0, left out of the file). Relevance 0–4 comes from a noisy, non-linear function of a dozen
/// features plus a per-query offset, cut at fixed quantiles, so a good ranker must learn interactions.
/// The same seed writes the same files.
/// </summary>
internal static class SyntheticData
{
    public static int Run(string[] args)
    {
        var prefix = BenchArguments.Get(args, "--out");
        var rows = BenchArguments.Int(args, "--rows", 1_000_000);
        var features = BenchArguments.Int(args, "--features", 50);
        var queries = BenchArguments.Int(args, "--queries", 20_000);
        var seed = BenchArguments.Int(args, "--seed", 42);
        if (features < 16)
        {
            throw new ArgumentException("--features must be at least 16");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(prefix))!);
        var random = new Random(seed);
        Write(prefix + ".train", rows, queries, features, random);
        Write(prefix + ".test", Math.Max(1, rows / 10), Math.Max(1, queries / 10), features, random);
        Console.WriteLine($"wrote {prefix}.train ({rows} rows, {queries} queries, {features} features) and {prefix}.test");
        return 0;
    }

    private static void Write(string path, int rows, int queries, int features, Random random)
    {
        // Query sizes vary around rows / queries and add up to rows exactly.
        var sizes = new int[queries];
        var mean = (double)rows / queries;
        var assigned = 0;
        for (var q = 0; q < queries; q++)
        {
            sizes[q] = q == queries - 1 ? rows - assigned : Math.Max(1, (int)Math.Round(mean * (0.5 + random.NextDouble())));
            sizes[q] = Math.Min(sizes[q], rows - assigned - (queries - q - 1));
            assigned += sizes[q];
        }

        using var data = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        using var groups = new StreamWriter(path + ".query", false, new UTF8Encoding(false), 1 << 16);
        var x = new double[features];
        var line = new StringBuilder(1024);
        foreach (var size in sizes)
        {
            groups.WriteLine(size);
            var queryOffset = Normal(random) * 0.5;
            var queryLevel = random.NextDouble();
            for (var r = 0; r < size; r++)
            {
                FillRow(x, random, queryLevel);
                var label = Label(x, queryOffset + (Normal(random) * 0.6));
                line.Clear().Append(label);
                for (var f = 0; f < features; f++)
                {
                    if (x[f] != 0)
                    {
                        line.Append(' ').Append(f + 1).Append(':').Append(Math.Round(x[f], 4).ToString("0.####", System.Globalization.CultureInfo.InvariantCulture));
                    }
                }

                data.WriteLine(line);
            }
        }
    }

    private static void FillRow(double[] x, Random random, double queryLevel)
    {
        for (var f = 0; f < x.Length; f++)
        {
            x[f] = (f % 5) switch
            {
                0 => random.NextDouble(),                                     // a match score in 0..1
                1 => Math.Round(Math.Exp(Normal(random) * 0.8) * 10, 1),      // a distance, skewed
                2 => random.Next(0, 11),                                      // years, counts
                3 => random.NextDouble() < 0.3 ? 1 : 0,                       // a flag
                _ => random.NextDouble() < 0.25 ? random.NextDouble() : 0,    // sparse
            };
        }

        // Query context: the vacancy's level shifts how seniority features read.
        x[2] = Math.Min(10, Math.Round(x[2] * (0.5 + queryLevel)));
    }

    private static int Label(double[] x, double noise)
    {
        var skill = (1.8 * x[0]) + (1.2 * x[5]) + (0.8 * x[10] * x[15]);
        var distance = -0.6 * Math.Log(1 + x[1]) - (0.2 * Math.Log(1 + x[6]));
        var experience = 0.15 * Math.Min(x[2], 6) + (0.5 * x[3]) + (0.3 * x[8]);
        var interaction = x[3] > 0 && x[0] > 0.6 ? 0.8 : 0;
        var sparse = x[4] > 0 ? 0.7 * x[4] : -0.1;
        var latent = skill + distance + experience + interaction + sparse + noise;
        return latent switch
        {
            < 1.2 => 0,
            < 1.9 => 1,
            < 2.5 => 2,
            < 3.1 => 3,
            _ => 4,
        };
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
