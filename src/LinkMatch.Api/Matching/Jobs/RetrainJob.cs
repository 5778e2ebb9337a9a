using System.Globalization;
using LinkMatch.Api.Audit;
using LinkMatch.Api.Auth;
using LinkMatch.Api.Database;
using LinkMatch.Api.Matching.Features;
using LinkMatch.Api.Matching.Models;
using LinkMatch.Api.Matching.Training;
using LinkMatch.Jobs;
using Microsoft.Extensions.Options;
using Npgsql;

namespace LinkMatch.Api.Matching.Jobs;

/// <summary><c>matching.retrain</c> (weekly, and on demand by admins): builds training data from the office's
/// outcomes, trains a candidate, evaluates it and the serving model on the same held-out later slice (NDCG, and
/// each group's share of top-10 places: <see cref="HoldoutFairness"/>), and in one
/// transaction stores the candidate with its metrics, promotes it when its NDCG@10 is at least the serving model's
/// (else marks it rejected), enqueues a full refresh after a promotion, and completes the job. Nothing is written
/// before that transaction: a crash while training leaves the serving model as it was.</summary>
public sealed class RetrainJob([FromKeyedServices(DataSources.Background)] NpgsqlDataSource db, ServingModels models, IJobQueue jobs,
    IOptions<MatchingOptions> options, TimeProvider time, ILogger<RetrainJob> logger) : IJobHandler
{
    public sealed record Args(RetrainParameters? Parameters = null, string? RequestedBy = null);

    public async Task ExecuteAsync(JobContext context, CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        var args = context.GetArgs<Args>();
        var settings = options.Value;
        var today = Http.Wita.Today(time);
        var data = await TrainingSetBuilder.BuildAsync(db, settings, today, ct);
        if (data.Train.RowCount == 0 || data.Holdout.RowCount == 0)
        {
            throw new PermanentJobFailureException(
                $"Not enough outcomes to train on: {data.Window.TrainQueries} training and " +
                $"{data.Window.HoldoutQueries} held-out vacancies with a hire in the last {settings.Training.WindowDays} days.");
        }

        var trainingOptions = (args.Parameters ?? new RetrainParameters()).Apply(settings.Training.ToOptions());
        logger.LogInformation(
            "Retraining: {TrainRows} rows in {TrainQueries} vacancies, {HoldoutQueries} held out; training up to {Trees} trees",
            data.Window.TrainRows, data.Window.TrainQueries, data.Window.HoldoutQueries, trainingOptions.Trees);
        var (candidate, seconds) = Retrainer.Train(data, trainingOptions, ct);
        var candidateScore = Retrainer.Evaluate(candidate, data.Holdout);
        var groups = await HoldoutFairness.LoadGroupsAsync(db, data.HoldoutCandidates, ct);
        var trainedAt = time.GetUtcNow();

        await models.GetAsync(ct);
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await ModelRegistry.LockAsync(conn, tx, ct);
        // The serving model is read under the lock: a switch made while this one trained is the one compared with.
        var servingVersion = await ModelRegistry.ServingVersionAsync(conn, tx, ct)
            ?? throw new InvalidOperationException("No ranking model is serving.");
        var serving = await models.LoadAsync(servingVersion, ct);
        var servingScore = Retrainer.Evaluate(serving.Model, data.Holdout);
        var promote = candidateScore.Ndcg10 >= servingScore.Ndcg10;
        var decision = string.Create(CultureInfo.InvariantCulture,
            $"NDCG@10 on {candidateScore.Queries} held-out vacancies {candidateScore.Ndcg10:0.0000} vs serving model " +
            $"{serving.Version} {servingScore.Ndcg10:0.0000} (NDCG@5 {candidateScore.Ndcg5:0.0000} vs " +
            $"{servingScore.Ndcg5:0.0000}): {(promote ? "promoted" : "rejected, the serving model is better")}.");
        var version = await ModelRegistry.InsertAsync(conn, tx, new NewModel(
            string.Create(CultureInfo.InvariantCulture, $"retrain-{trainedAt:yyyyMMdd-HHmmss}"), "retrain",
            ServingModel.Serialize(candidate), candidate.FeatureNames, candidate.Options,
            Metrics(candidate, candidateScore, serving.Version, servingScore, seconds), data.Window, trainedAt,
            Retrainer.EvaluateFairness(candidate, data.Holdout, groups, serving.Version, serving.Model)),
            promote ? "candidate" : "rejected", decision, ct);
        var by = args.RequestedBy ?? "schedule";
        if (promote)
        {
            await ModelRegistry.SwitchToAsync(conn, tx, version, $"retrain ({by})", ct);
            await jobs.EnqueueAsync(conn, tx, new JobRequest(MatchingTriggers.RefreshJob) { UniqueKey = "matching:refresh" }, ct);
        }

        await AuditLog.WriteAsync(conn, tx, Caller.System($"retrain ({by})"), new AuditEntry(
            promote ? "ranking_model.promote" : "ranking_model.reject", "ranking_model", version,
            Details: new { decision, previous = serving.Version }), ct);
        await context.CompleteWithinAsync(conn, tx, ct);
        await tx.CommitAsync(ct);
        logger.LogInformation("Retrained model {Version}: {Decision}", version, decision);
    }

    public static Dictionary<string, object> Metrics(Ranking.RankingModel candidate, HoldoutScore score,
        int? servingVersion, HoldoutScore? serving, double seconds)
    {
        var metrics = new Dictionary<string, object>
        {
            ["holdout.ndcg@10"] = score.Ndcg10,
            ["holdout.ndcg@5"] = score.Ndcg5,
            ["holdout.queries"] = score.Queries,
            ["trees"] = candidate.TreeCount,
            ["trainingSeconds"] = Math.Round(seconds, 3),
            ["features"] = FeatureNames.Count,
        };
        foreach (var (name, value) in candidate.Metrics)
        {
            if (double.IsFinite(value))
            {
                metrics[name] = value;
            }
        }

        if (servingVersion is { } v && serving is { } s)
        {
            metrics["serving.version"] = v;
            metrics["serving.holdout.ndcg@10"] = s.Ndcg10;
            metrics["serving.holdout.ndcg@5"] = s.Ndcg5;
        }

        return metrics;
    }
}
