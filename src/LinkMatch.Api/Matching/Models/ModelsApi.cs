using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Dapper;
using LinkMatch.Api.Audit;
using LinkMatch.Api.Auth;
using LinkMatch.Api.Database;
using LinkMatch.Api.Http;
using LinkMatch.Api.Matching.Jobs;
using LinkMatch.Api.Matching.Suggestions;
using LinkMatch.Api.Matching.Training;
using LinkMatch.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace LinkMatch.Api.Matching.Models;

/// <summary>A ranking model in a list: its status, held-out metrics, training window, how it came to serve or
/// not, and its fairness on the held-out vacancies (each group's share of top-10 places beside the serving model's;
/// null when not measured).</summary>
public sealed record RankingModelSummary(int Version, string Name, string Source, string Status, JsonElement Metrics,
    JsonElement TrainingWindow, string? Decision, DateTimeOffset TrainedAt, DateTimeOffset? PromotedAt,
    string? PromotedBy, DateTimeOffset? RetiredAt, DateTimeOffset CreatedAt, ModelFairness? Fairness);

public sealed record FeatureImportanceItem(string Feature, double Share, int Splits);

/// <summary>A ranking model in full: its features (in order), training parameters, trees, the share of split gain
/// per feature and the SHA-256 of its file (the ML.NET model zip). An obsolete model (the former trainer's JSON)
/// shows no trees and no importance: this version cannot read it.</summary>
public sealed record RankingModelDetail(RankingModelSummary Model, IReadOnlyList<string> FeatureNames,
    JsonElement Parameters, int? Trees, IReadOnlyList<FeatureImportanceItem> Importance, string Sha256);

public sealed record ModelFilter(
    [property: OneOf("candidate", "serving", "retired", "rejected", "obsolete")] string? Status = null);

/// <summary>Parameters for one retraining; unset ones come from the configuration (<c>Matching:Training</c>).</summary>
public sealed record RetrainRequest(
    [property: Range(1, 5000)] int? Trees = null,
    [property: Range(2, 32)] int? Leaves = null,
    [property: Range(0.001, 1.0)] double? LearningRate = null,
    [property: Range(1, 10_000)] int? MinExamplesPerLeaf = null,
    [property: Range(0, 1000)] int? EarlyStoppingRounds = null);

/// <summary>Admins list models, promote one, roll back to the previous one, or ask for a retraining. A switch is one
/// transaction (the old model retired, the new one serving, a full refresh enqueued, an audit row).</summary>
public static class ModelsApi
{
    private const string Columns = """
        version, name, source, status, metrics::text as metrics, training_window::text as training_window, decision,
        trained_at, promoted_at, promoted_by, retired_at, created_at, fairness::text as fairness
        """;

    private static readonly SortMap Sorts = new("version desc", new Dictionary<string, string>
    {
        ["version"] = "version",
        ["trainedAt"] = "trained_at",
    });

    private sealed class Row
    {
        public int Version { get; init; }
        public string Name { get; init; } = "";
        public string Source { get; init; } = "";
        public string Status { get; init; } = "";
        public string Metrics { get; init; } = "{}";
        public string TrainingWindow { get; init; } = "{}";
        public string? Decision { get; init; }
        public DateTimeOffset TrainedAt { get; init; }
        public DateTimeOffset? PromotedAt { get; init; }
        public string? PromotedBy { get; init; }
        public DateTimeOffset? RetiredAt { get; init; }
        public DateTimeOffset CreatedAt { get; init; }

        public string? Fairness { get; init; }

        public RankingModelSummary ToSummary() => new(Version, Name, Source, Status, Parse(Metrics),
            Parse(TrainingWindow), Decision, TrainedAt, PromotedAt, PromotedBy, RetiredAt, CreatedAt,
            Fairness is null ? null : JsonSerializer.Deserialize<ModelFairness>(Fairness, JsonSerializerOptions.Web));
    }

    public static async Task<Results<Ok<PagedList<RankingModelSummary>>, ValidationProblem>> List(
        [AsParameters] ModelFilter filter, [AsParameters] PageQuery page, NpgsqlDataSource db, CancellationToken ct)
    {
        if (Sorts.ToSql(page.Sort, "version") is not { } order)
        {
            return Problems.Fields(Sorts.Error());
        }

        const string where = "where (@Status::text is null or status = @Status)";
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.ReadPageAsync<Row>(Columns, "ranking_models", where, order, new { filter.Status }, page,
            ct);
        return TypedResults.Ok(new PagedList<RankingModelSummary>([.. rows.Items.Select(r => r.ToSummary())],
            rows.Page, rows.PageSize, rows.Total));
    }

    public static async Task<Results<Ok<RankingModelDetail>, NotFound>> Get(int version, NpgsqlDataSource db,
        CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var row = await FindAsync(conn, null, version, ct);
        if (row is null)
        {
            return TypedResults.NotFound();
        }

        var (zip, features, parameters, sha) = await conn.QuerySingleAsync<(byte[]?, string[], string, string)>(
            new CommandDefinition("""
                select model_zip, feature_names, parameters::text, model_sha256 from ranking_models
                where version = @version
                """, new { version }, cancellationToken: ct));
        if (zip is null)
        {
            return TypedResults.Ok(new RankingModelDetail(row.ToSummary(), features, Parse(parameters), null, [], sha));
        }

        var model = ServingModel.Parse(zip);
        return TypedResults.Ok(new RankingModelDetail(row.ToSummary(), model.FeatureNames, Parse(parameters),
            model.TreeCount, [.. model.GainImportance().Select(i => new FeatureImportanceItem(i.Feature, i.Share, i.Splits))],
            sha));
    }

    public static async Task<Results<Ok<RankingModelSummary>, NotFound, ProblemHttpResult>> Promote(int version,
        Caller caller, NpgsqlDataSource db, IJobQueue jobs, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await ModelRegistry.LockAsync(conn, tx, ct);
        var previous = await ModelRegistry.ServingVersionAsync(conn, tx, ct);
        var outcome = await ModelRegistry.SwitchToAsync(conn, tx, version, caller.Name, ct);
        return outcome switch
        {
            ModelSwitch.NotFound => TypedResults.NotFound(),
            ModelSwitch.AlreadyServing => Problems.Conflict($"Model {version} is already serving."),
            ModelSwitch.Obsolete => Problems.Conflict(
                $"Model {version} is obsolete: a JSON model of the former trainer, which this version cannot serve."),
            _ => TypedResults.Ok(await FinishSwitchAsync(conn, tx, caller, jobs, version, previous, "promote", ct)),
        };
    }

    public static async Task<Results<Ok<RankingModelSummary>, ProblemHttpResult>> Rollback(Caller caller,
        NpgsqlDataSource db, IJobQueue jobs, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await ModelRegistry.LockAsync(conn, tx, ct);
        var serving = await ModelRegistry.ServingVersionAsync(conn, tx, ct);
        if (await ModelRegistry.PreviousAsync(conn, tx, ct) is not { } previous)
        {
            return Problems.Conflict("No model served before the serving one; there is nothing to roll back to.");
        }

        await ModelRegistry.SwitchToAsync(conn, tx, previous, caller.Name, ct);
        return TypedResults.Ok(await FinishSwitchAsync(conn, tx, caller, jobs, previous, serving, "rollback", ct));
    }

    public static async Task<Accepted<EnqueuedJob>> Retrain(RetrainRequest? request, Caller caller, IJobQueue jobs,
        CancellationToken ct)
    {
        var r = request ?? new RetrainRequest();
        var result = await jobs.EnqueueAsync(new JobRequest(MatchingTriggers.RetrainJob)
        {
            Args = new RetrainJob.Args(new RetrainParameters(r.Trees, r.Leaves, r.LearningRate, r.MinExamplesPerLeaf,
                r.EarlyStoppingRounds), caller.Name),
            UniqueKey = "matching:retrain",
            MaxAttempts = 3,
        }, ct);
        return TypedResults.Accepted($"/api/v1/jobs/{result.Id}", new EnqueuedJob(result.Id, result.Created));
    }

    private static async Task<RankingModelSummary> FinishSwitchAsync(NpgsqlConnection conn, NpgsqlTransaction tx,
        Caller caller, IJobQueue jobs, int version, int? previous, string action, CancellationToken ct)
    {
        await jobs.EnqueueAsync(conn, tx, new JobRequest(MatchingTriggers.RefreshJob) { UniqueKey = "matching:refresh" }, ct);
        await AuditLog.WriteAsync(conn, tx, caller, new AuditEntry($"ranking_model.{action}", "ranking_model", version,
            Details: new { previous }), ct);
        var row = (await FindAsync(conn, tx, version, ct))!;
        await tx.CommitAsync(ct);
        return row.ToSummary();
    }

    private static Task<Row?> FindAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, int version, CancellationToken ct) =>
        conn.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"select {Columns} from ranking_models where version = @version", new { version }, tx, cancellationToken: ct));

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
