using LinkMatch.Examples;

namespace LinkMatch.Ranking.Tests;

/// <summary>The shipped baseline (ml-models/baseline.zip) with plain ML.NET, as ml-models/README.md shows it, and
/// against LinkMatch's scorer and explainer.</summary>
public class ReadmeSnippetTests
{
    [Fact]
    public void The_readme_quotes_the_compiled_snippet_word_for_word()
    {
        var code = File.ReadAllText(Repository.File("tests/LinkMatch.Ranking.Tests/ScoringWithPlainMlNet.cs")).ReplaceLineEndings("\n");
        var start = code.IndexOf("// snippet:start\n", StringComparison.Ordinal) + "// snippet:start\n".Length;
        var snippet = code[start..code.IndexOf("// snippet:end", StringComparison.Ordinal)];
        var readme = File.ReadAllText(Repository.File("ml-models/README.md")).ReplaceLineEndings("\n");
        Assert.Contains("```csharp\n" + snippet + "```\n", readme, StringComparison.Ordinal);
    }

    [Fact]
    public void The_snippet_scores_the_baseline_as_linkmatch_does()
    {
        var path = Repository.File("ml-models/baseline.zip");
        var model = RankingModel.Load(path);
        Assert.Equal(20, model.FeatureCount);
        var random = new Random(5);
        var candidates = Enumerable.Range(0, 200).Select(_ => new Candidate
        {
            Features = [.. Enumerable.Range(0, 20).Select(_ => random.NextDouble() < 0.1 ? float.NaN : (float)((random.NextDouble() * 6) - 1))],
        }).ToList();

        var all = BaselineScoring.ScoreAll(path, candidates);
        for (var r = 0; r < candidates.Count; r++)
        {
            Assert.True(Math.Abs(all[r] - model.Score(candidates[r].Features)) <= 1e-5);
        }

        Assert.Equal(all[3], BaselineScoring.ScoreOne(path, candidates[3]));
    }

    [Fact]
    public void The_baseline_scores_as_ml_net_and_explanations_add_up_on_thresholds_and_nan()
    {
        var model = RankingModel.Load(Repository.File("ml-models/baseline.zip"));
        var random = new Random(9);
        var rows = Enumerable.Range(0, 300).Select(_ => (float[])[.. Enumerable.Range(0, model.FeatureCount)
            .Select(_ => random.NextDouble() < 0.1 ? float.NaN : (float)((random.NextDouble() * 6) - 1))]).ToList();
        var data = RankingDataset.FromRows(rows, new float[rows.Count], [rows.Count], model.FeatureNames);
        MlNetParityTests.AssertAgrees(model, MlNetParity.HardRows(model, data));
    }
}

internal static class Repository
{
    public static string File(string relative)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !System.IO.File.Exists(Path.Combine(dir.FullName, "LinkMatch.sln")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("repository root not found"), relative);
    }
}
