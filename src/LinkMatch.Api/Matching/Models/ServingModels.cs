using Microsoft.Extensions.Options;
using Npgsql;

namespace LinkMatch.Api.Matching.Models;

/// <summary>The serving model, cached in memory by version. Every use asks the database which version serves (one
/// indexed row), so a promotion or rollback by any instance takes effect at the next job; the model itself is
/// parsed only when the version changes. When no model serves, the embedded baseline is registered first.</summary>
public sealed class ServingModels(NpgsqlDataSource db, IOptions<MatchingOptions> options, ILogger<ServingModels> logger)
{
    private readonly SemaphoreSlim _loading = new(1, 1);
    private ServingModel? _current;

    public async Task<ServingModel> GetAsync(CancellationToken ct)
    {
        int version;
        await using (var conn = await db.OpenConnectionAsync(ct))
        {
            version = await ModelRegistry.ServingVersionAsync(conn, null, ct)
                ?? await ModelRegistry.EnsureServingAsync(db, options.Value.BaselineModel, ct);
        }

        return await LoadAsync(version, ct);
    }

    /// <summary>A model by version (cached when it is the current one).</summary>
    public async Task<ServingModel> LoadAsync(int version, CancellationToken ct)
    {
        if (_current is { } cached && cached.Version == version)
        {
            return cached;
        }

        await _loading.WaitAsync(ct);
        try
        {
            if (_current is { } again && again.Version == version)
            {
                return again;
            }

            await using var conn = await db.OpenConnectionAsync(ct);
            var zip = await ModelRegistry.ZipAsync(conn, version, ct)
                ?? throw new InvalidOperationException($"Ranking model {version} does not exist or is obsolete.");
            var model = new ServingModel(version, ServingModel.Parse(zip));
            _current = model;
            logger.LogInformation("Loaded ranking model {Version} ({Trees} trees, {Features} features)", version,
                model.Model.TreeCount, model.Model.FeatureCount);
            return model;
        }
        finally
        {
            _loading.Release();
        }
    }
}
