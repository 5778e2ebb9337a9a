using System.Security.Cryptography;
using System.Text;
using LinkMatch.Api.Matching.Features;
using LinkMatch.Api.Matching.Models;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;
using LinkMatch.Ranking;

namespace LinkMatch.Api.Tests.Matching;

public class BaselineModelTests
{
    private static string RepositoryFile(string relative)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LinkMatch.sln")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("repository root not found"), relative);
    }

    [Fact]
    public async Task The_shipped_baseline_serves_on_a_new_database_and_scores_and_explains_exactly_as_the_file()
    {
        var app = await TestApp.SharedAsync();
        var file = RepositoryFile("ml-models/baseline.json");
        var json = await File.ReadAllTextAsync(file);
        var baseline = await app.BaselineModelVersionAsync();
        using var admin = await app.AdminAsync();
        var detail = await (await admin.GetAsync($"/api/v1/models/{baseline}")).ReadAsync<ModelDetailDto>();
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json))), detail.Sha256);
        Assert.Equal(FeatureNames.All, detail.FeatureNames);
        Assert.True(detail.Model.Metrics.GetProperty("holdout.ndcg@10").GetDouble() > 0);
        Assert.True(File.Exists(RepositoryFile("ml-models/baseline.md")));

        var stored = ServingModel.Parse(await app.StoredModelJsonAsync(baseline));
        var shipped = RankingModel.Load(file);
        var random = new Random(7);
        var rows = new float[500 * shipped.FeatureCount];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = random.NextDouble() < 0.05 ? float.NaN : (float)(random.NextDouble() * 12 - 2);
        }

        var batch = new double[500];
        stored.ScoreBatch(rows, batch);
        for (var r = 0; r < 500; r++)
        {
            var row = rows.AsSpan(r * shipped.FeatureCount, shipped.FeatureCount);
            Assert.Equal(shipped.Score(row), stored.Score(row));
            Assert.Equal(shipped.Score(row), batch[r]);
            var explanation = stored.Explain(row);
            Assert.Equal(explanation.Score, explanation.BaseValue + explanation.Contributions.Sum(c => c.Contribution), 9);
        }
    }
}
