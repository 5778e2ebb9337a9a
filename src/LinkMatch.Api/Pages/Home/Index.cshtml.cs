using System.Text.Json;
using LinkMatch.Api.Http;
using LinkMatch.Api.Jobs;
using LinkMatch.Api.Matching.Models;
using LinkMatch.Api.Pages.Reports;
using LinkMatch.Api.Pages.Shared;
using LinkMatch.Api.Reports.Uptake;
using LinkMatch.Api.Worklist;
using LinkMatch.Jobs;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace LinkMatch.Api.Pages.Home;

/// <summary>Beranda, per role. Staff: their office's worklist (vacancies with unreviewed suggestions, referrals
/// waiting for the employer's outcome, MoUs ending soon, new registrations). Instructors: their BLK's graduate
/// uptake at a glance. Admins: every office's worklist, the serving model and the job queue.</summary>
public sealed class IndexModel(NpgsqlDataSource db, TimeProvider time) : ConsolePage
{
    public Worklist.Worklist? Work { get; private set; }

    public UptakeReport? Uptake { get; private set; }

    public RankingModelSummary? ServingModel { get; private set; }

    public QueueTotals? Queue { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var caller = Caller;
        if (caller.IsStaff || caller.IsAdmin)
        {
            Work = Handlers.Outcome<Worklist.Worklist>(
                await WorklistQuery.Get(new WorklistFilter(), caller, db, time, ct)).ValueOrDefault;
        }

        if (caller.IsInstructor && caller.TrainingCentreId is { } centre)
        {
            Uptake = Handlers.Outcome<UptakeReport>(await UptakeApi.GetTrainingCentre(centre, ReportCalls.Json, caller,
                ReportCalls.ForRendering(HttpContext), db, time, ct)).ValueOrDefault;
        }

        if (caller.IsAdmin)
        {
            var models = Handlers.Outcome<PagedList<RankingModelSummary>>(await ModelsApi.List(
                new ModelFilter(Status: "serving"), new PageQuery(1, 1, null), db, ct)).ValueOrDefault;
            ServingModel = models is { Items.Count: > 0 } ? models.Items[0] : null;
            var jobs = HttpContext.RequestServices.GetRequiredService<JobAdmin>();
            var stats = Handlers.Outcome<JobStats>(await JobsApi.Stats(jobs, ct)).ValueOrDefault;
            Queue = stats is null ? null : QueueTotals.Of(stats);
        }

        return Page();
    }

    /// <summary>The held-out NDCG@10 of a model and of the coverage-and-occupation rule it was compared with.</summary>
    public static (double? Model, double? Rule) HeldOut(RankingModelSummary model) =>
        (Metric(model.Metrics, "holdout.ndcg@10"), Metric(model.Metrics, "rule.holdout.ndcg@10"));

    private static double? Metric(JsonElement metrics, string name) =>
        metrics.ValueKind == JsonValueKind.Object && metrics.TryGetProperty(name, out var value)
            && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;
}

/// <summary>The whole queue in three numbers.</summary>
public sealed record QueueTotals(long Waiting, TimeSpan? OldestWait, long FailedLastHour)
{
    public static QueueTotals Of(JobStats stats) => new(stats.Queues.Sum(q => q.Depth),
        stats.Queues.Max(q => q.OldestAvailableAge), stats.Queues.Sum(q => q.FailedLastHour));
}
