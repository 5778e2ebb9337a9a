using System.ComponentModel.DataAnnotations;
using Dapper;
using LinkMatch.Api.Commands;
using LinkMatch.Api.Matching.Jobs;
using LinkMatch.Api.Matching.Models;
using LinkMatch.Api.Matching.Suggestions;
using LinkMatch.Api.Matching.Training;
using LinkMatch.Jobs;
using Microsoft.Extensions.Options;
using Npgsql;

namespace LinkMatch.Api.Matching;

/// <summary>Wires matching: options, the serving-model cache, the recompute, refresh and retraining jobs with their
/// schedules (Asia/Makassar), the triggers the registry calls, the <c>train-model</c> command, and a start-up step
/// that makes a model serve and asks for a first full refresh when there are no suggestions yet (a new database, or
/// the demo world just loaded).</summary>
public static class MatchingSetup
{
    public static IHostApplicationBuilder AddMatching(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<MatchingOptions>().BindConfiguration("Matching").ValidateDataAnnotations()
            .Validate(o => Validator.TryValidateObject(o.Training, new ValidationContext(o.Training), null, true),
                "Matching:Training has a value out of range.")
            .ValidateOnStart();
        builder.Services.AddSingleton<ServingModels>();
        builder.Services.AddSingleton<Candidates.SeekerSnapshot>();
        builder.Services.AddSingleton<MatchingTriggers>();
        builder.Services.AddSingleton<FullRefresh>();
        builder.Services.AddSingleton<Refresh.RefreshPart>();
        builder.Services.AddSingleton<Refresh.RefreshFinish>();
        builder.Services.AddSingleton<VacancyRecompute>();
        builder.Services.AddSingleton<SeekerRecompute>();
        builder.Services.AddJobHandler<RecomputeVacancyJob>(MatchingTriggers.VacancyJob);
        builder.Services.AddJobHandler<RecomputeSeekerJob>(MatchingTriggers.SeekerJob);
        builder.Services.AddJobHandler<FullRefreshJob>(MatchingTriggers.RefreshJob);
        builder.Services.AddJobHandler<RefreshPartJob>(Refresh.RefreshStore.PartJob);
        builder.Services.AddJobHandler<RefreshFinishJob>(Refresh.RefreshStore.FinishJob);
        builder.Services.AddJobHandler<RetrainJob>(MatchingTriggers.RetrainJob);

        var options = builder.Configuration.GetSection("Matching").Get<MatchingOptions>() ?? new MatchingOptions();
        var nightly = new RecurringJob("matching-nightly-refresh", options.RefreshCron, MatchingTriggers.RefreshJob);
        var weekly = new RecurringJob("matching-weekly-retrain", options.RetrainCron, MatchingTriggers.RetrainJob);
        builder.Services.AddRecurringJob(nightly with { TimeZone = options.TimeZone });
        builder.Services.AddRecurringJob(weekly with { TimeZone = options.TimeZone, MaxAttempts = 3 });
        builder.Services.AddHostedService<MatchingStartup>();
        CommandLine.Register("train-model", "train a ranking model from the database: train-model --out " +
            "ml-models/NAME.zip [--trees N] [--leaves N] [--learning-rate X] [--max-depth N] [--threads N] (writes NAME.md too)",
            TrainModelCommand.RunAsync);
        return builder;
    }

    /// <summary>At start: a model serves (the embedded baseline on a new database, or where every model is
    /// obsolete), and a full refresh is asked for when no suggestion exists or proposed ones were scored by an obsolete
    /// model.</summary>
    private sealed class MatchingStartup(NpgsqlDataSource db, IJobQueue jobs, IOptions<MatchingOptions> options,
        ILogger<MatchingStartup> logger) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            var version = await ModelRegistry.EnsureServingAsync(db, options.Value.BaselineModel, cancellationToken);
            await using var conn = await db.OpenConnectionAsync(cancellationToken);
            const string sql = """
                select not exists (select 1 from suggestions)
                    or exists (select 1 from suggestions s join ranking_models m on m.version = s.model_version
                               where s.status = 'proposed' and m.status = 'obsolete')
                """;
            if (await conn.ExecuteScalarAsync<bool>(new CommandDefinition(sql, cancellationToken: cancellationToken)))
            {
                await jobs.EnqueueAsync(new JobRequest(MatchingTriggers.RefreshJob) { UniqueKey = "matching:refresh" },
                    cancellationToken);
                logger.LogInformation(
                    "Ranking model {Version} serves; no suggestions yet or some from an obsolete model, so a full refresh is queued",
                    version);
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
