using System.Text.Json;
using Dapper;
using LinkMatch.Api.Audit;
using LinkMatch.Api.Auth;
using Npgsql;

namespace LinkMatch.Api.Matching.Models;

/// <summary>A model about to be stored: what it is (its ML.NET model zip), how it was trained and how it did, and
/// its fairness on the held-out vacancies (null: not measured).</summary>
public sealed record NewModel(string Name, string Source, byte[] Zip, IReadOnlyList<string> FeatureNames,
    object Parameters, object Metrics, object TrainingWindow, DateTimeOffset TrainedAt, object? Fairness = null);

/// <summary>The outcome of a promotion or rollback.</summary>
public enum ModelSwitch
{
    Switched,
    NotFound,
    AlreadyServing,
    NothingToRollBackTo,
    Obsolete,
}

/// <summary>Ranking models in the database: stored with their metrics, exactly one serving (a partial unique
/// index), switched in single transactions under an advisory lock so that two switches never interleave. Obsolete
/// models (JSON models of the former trainer, db/0016) are history only: never served.</summary>
public static class ModelRegistry
{
    private const long LockKey = 0x4C4D_4D4F_4445;

    public static Task LockAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition("select pg_advisory_xact_lock(@LockKey)", new { LockKey }, tx,
            cancellationToken: ct));

    public static Task<int?> ServingVersionAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, CancellationToken ct) =>
        conn.ExecuteScalarAsync<int?>(new CommandDefinition(
            "select version from ranking_models where status = 'serving'", transaction: tx, cancellationToken: ct));

    /// <summary>The model's zip; null when there is no such model or it is obsolete.</summary>
    public static Task<byte[]?> ZipAsync(NpgsqlConnection conn, int version, CancellationToken ct) =>
        conn.ExecuteScalarAsync<byte[]?>(new CommandDefinition(
            "select model_zip from ranking_models where version = @version", new { version }, cancellationToken: ct));

    /// <summary>Makes the embedded baseline serve when no model does: the row of the same model if it was stored
    /// before, a new row otherwise. Safe to call from every instance at once.</summary>
    public static async Task<int> EnsureServingAsync(NpgsqlDataSource db, string baselineName, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        if (await ServingVersionAsync(conn, null, ct) is { } serving)
        {
            return serving;
        }

        await using var tx = await conn.BeginTransactionAsync(ct);
        await LockAsync(conn, tx, ct);
        if (await ServingVersionAsync(conn, tx, ct) is { } other)
        {
            return other;
        }

        var (zip, metricsJson) = BaselineModel.Read(baselineName);
        var sha = ServingModel.Sha256(zip);
        var version = await conn.ExecuteScalarAsync<int?>(new CommandDefinition(
            "select version from ranking_models where model_sha256 = @sha and status <> 'obsolete' order by version limit 1",
            new { sha }, tx,
            cancellationToken: ct));
        if (version is null)
        {
            var model = ServingModel.Parse(zip);
            using var metrics = JsonDocument.Parse(metricsJson ?? "{}");
            var root = metrics.RootElement;
            version = await InsertAsync(conn, tx, new NewModel(baselineName, "baseline", zip, model.FeatureNames,
                model.Options, root.TryGetProperty("metrics", out var m) ? m : new Dictionary<string, double>(model.Metrics),
                root.TryGetProperty("trainingWindow", out var w) ? w : new { },
                root.TryGetProperty("trainedAt", out var t) && t.TryGetDateTimeOffset(out var at) ? at : DateTimeOffset.UnixEpoch,
                root.TryGetProperty("fairness", out var f) ? f : null),
                "candidate", "The baseline shipped with the service: it serves while no model does.", ct);
        }

        await SwitchToAsync(conn, tx, version.Value, "system (baseline)", ct);
        await AuditLog.WriteAsync(conn, tx, Caller.System("matching"), new AuditEntry("ranking_model.promote",
            "ranking_model", version, Details: new { reason = "no model was serving" }), ct);
        await tx.CommitAsync(ct);
        return version.Value;
    }

    public static Task<int> InsertAsync(NpgsqlConnection conn, NpgsqlTransaction tx, NewModel model, string status,
        string? decision, CancellationToken ct) =>
        conn.ExecuteScalarAsync<int>(new CommandDefinition("""
            insert into ranking_models (name, source, status, model_zip, model_sha256, feature_names, parameters,
                                        metrics, training_window, decision, trained_at, fairness)
            values (@Name, @Source, @status, @Zip, @sha, @features, @parameters::jsonb, @metrics::jsonb,
                    @window::jsonb, @decision, @TrainedAt, @fairness::jsonb)
            returning version
            """, new
        {
            model.Name,
            model.Source,
            status,
            model.Zip,
            sha = ServingModel.Sha256(model.Zip),
            features = model.FeatureNames.ToArray(),
            parameters = JsonSerializer.Serialize(model.Parameters, JsonOptions),
            metrics = JsonSerializer.Serialize(model.Metrics, JsonOptions),
            window = JsonSerializer.Serialize(model.TrainingWindow, JsonOptions),
            decision,
            model.TrainedAt,
            fairness = model.Fairness is null ? null : JsonSerializer.Serialize(model.Fairness, JsonOptions),
        }, tx, cancellationToken: ct));

    /// <summary>Retires the serving model and makes <paramref name="version"/> serve, in the caller's transaction
    /// (which holds <see cref="LockAsync"/>).</summary>
    public static async Task<ModelSwitch> SwitchToAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int version,
        string by, CancellationToken ct)
    {
        var status = await conn.ExecuteScalarAsync<string?>(new CommandDefinition(
            "select status from ranking_models where version = @version for update", new { version }, tx,
            cancellationToken: ct));
        if (status is null)
        {
            return ModelSwitch.NotFound;
        }

        if (status == "serving")
        {
            return ModelSwitch.AlreadyServing;
        }

        if (status == "obsolete")
        {
            return ModelSwitch.Obsolete;
        }

        await conn.ExecuteAsync(new CommandDefinition("""
            update ranking_models set status = 'retired', retired_at = now() where status = 'serving';
            update ranking_models set status = 'serving', promoted_at = now(), promoted_by = @by, retired_at = null
            where version = @version;
            """, new { version, by }, tx, cancellationToken: ct));
        return ModelSwitch.Switched;
    }

    /// <summary>The model that served before the serving one: the most recently retired.</summary>
    public static Task<int?> PreviousAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct) =>
        conn.ExecuteScalarAsync<int?>(new CommandDefinition("""
            select version from ranking_models where status = 'retired'
            order by retired_at desc nulls last, version desc limit 1
            """, transaction: tx, cancellationToken: ct));

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
