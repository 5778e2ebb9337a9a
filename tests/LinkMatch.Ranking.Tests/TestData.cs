namespace LinkMatch.Ranking.Tests;

/// <summary>Small generated ranking sets with a known signal; the same seed gives the same rows.</summary>
internal static class TestData
{
    /// <summary>
    /// Labels 0–4 from a noisy non-linear function of features 0–3 (feature 4 and up are noise); an optional
    /// share of values is missing (NaN).
    /// </summary>
    public static RankingDataset Synthetic(int queries, int rowsPerQuery, int features = 8, int seed = 1, double missing = 0)
    {
        var random = new Random(seed);
        var builder = new RankingDatasetBuilder(Names(features));
        var row = new float[features];
        for (var q = 0; q < queries; q++)
        {
            var size = Math.Max(2, rowsPerQuery + random.Next(-rowsPerQuery / 3, (rowsPerQuery / 3) + 1));
            var offset = random.NextDouble() - 0.5;
            for (var r = 0; r < size; r++)
            {
                for (var f = 0; f < features; f++)
                {
                    row[f] = f % 3 == 2 ? random.Next(0, 6) : (float)Math.Round(random.NextDouble(), 3);
                }

                var latent = (2.0 * row[0]) + (row[1] > 0.5 && row[2] >= 3 ? 1.2 : 0) - (0.8 * row[3] * row[3]) + offset
                    + (0.35 * (random.NextDouble() - 0.5));
                var label = latent switch { < 0.4 => 0, < 0.9 => 1, < 1.4 => 2, < 1.9 => 3, _ => 4 };
                for (var f = 0; f < features; f++)
                {
                    if (missing > 0 && random.NextDouble() < missing)
                    {
                        row[f] = float.NaN;
                    }
                }

                builder.AddRow(row, label);
            }

            builder.EndQuery();
        }

        return builder.Build();
    }

    public static string[] Names(int features) => [.. Enumerable.Range(0, features).Select(f => $"feature_{f}")];

    public static float[] Row(RankingDataset data, int row)
    {
        var values = new float[data.FeatureCount];
        data.CopyRow(row, values);
        return values;
    }

    /// <summary>A small model trained quickly, shared by tests that only need some trained model.</summary>
    public static RankingModel SmallModel(double missing = 0, int trees = 20) =>
        new LambdaMartTrainer(new TrainingOptions { Trees = trees, Leaves = 8, MinExamplesPerLeaf = 5, Threads = 1 })
            .Train(Synthetic(40, 15, missing: missing));
}

/// <summary>A temporary folder, deleted at the end of a test.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("linkmatch-ranking-").FullName;

    public string File(string name, string? content = null)
    {
        var path = System.IO.Path.Combine(Path, name);
        if (content is not null)
        {
            System.IO.File.WriteAllText(path, content);
        }

        return path;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
