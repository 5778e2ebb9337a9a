using System.Security.Cryptography;
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
    public async Task The_shipped_baseline_serves_on_a_new_database_and_scores_and_explains_exactly_as_ml_net()
    {
        var app = await TestApp.SharedAsync();
        var file = await File.ReadAllBytesAsync(RepositoryFile("ml-models/baseline.zip"));
        var baseline = await app.BaselineModelVersionAsync();
        using var admin = await app.AdminAsync();
        var detail = await (await admin.GetAsync($"/api/v1/models/{baseline}")).ReadAsync<ModelDetailDto>();
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(file)), detail.Sha256);
        Assert.Equal(FeatureNames.All, detail.FeatureNames);
        Assert.True(detail.Trees > 0);
        Assert.True(detail.Model.Metrics.GetProperty("holdout.ndcg@10").GetDouble() > 0);
        Assert.True(File.Exists(RepositoryFile("ml-models/baseline.md")));

        var storedZip = await app.StoredModelZipAsync(baseline);
        Assert.Equal(file, storedZip);
        var stored = ServingModel.Parse(storedZip);
        var shipped = RankingModel.Load(new MemoryStream(file));
        var rows = PlainMlNet.HardRows(file, shipped, seed: 7);
        var batch = new double[rows.Count];
        stored.ScoreBatch([.. rows.SelectMany(r => r)], batch);
        for (var r = 0; r < rows.Count; r++)
        {
            Assert.Equal(shipped.Score(rows[r]), stored.Score(rows[r]));
            Assert.Equal(shipped.Score(rows[r]), batch[r]);
        }

        PlainMlNet.AssertScoresAsTheService(storedZip, stored, rows);
    }
}
