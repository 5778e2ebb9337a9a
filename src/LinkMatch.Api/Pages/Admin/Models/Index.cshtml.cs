using System.Globalization;
using LinkMatch.Api.Http;
using LinkMatch.Api.Matching.Models;
using LinkMatch.Api.Pages.Shared;
using LinkMatch.Jobs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Npgsql;

namespace LinkMatch.Api.Pages.Admin.Models;

/// <summary>Model peringkat: the ranking models with their held-out metrics; promote one, roll back to the previous
/// one, or retrain now, through the models API's handlers (a switch is one transaction that also recomputes every
/// suggestion).</summary>
public sealed class IndexModel(NpgsqlDataSource db, IJobQueue jobs, IStringLocalizer<AdminText> text) : ConsolePage
{
    public IReadOnlyList<RankingModelSummary> Models { get; private set; } = [];

    public long Total { get; private set; }

    public int? Trees { get; private set; }

    public int? Leaves { get; private set; }

    public RankingModelSummary? Serving => Models.FirstOrDefault(m => m.Status == "serving");

    /// <summary>Whether a model served before the serving one (what a rollback returns to).</summary>
    public bool CanRollBack => Models.Any(m => m.Status == "retired");

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostPromoteAsync([FromForm(Name = "version")] int version)
    {
        var outcome = Handlers.Outcome<RankingModelSummary>(await ModelsApi.Promote(version, Caller, db, jobs,
            HttpContext.RequestAborted));
        if (outcome is HandlerOutcome<RankingModelSummary>.Success { Value: var model })
        {
            Flash(string.Format(CultureInfo.CurrentCulture, text["Models.Promoted"], model.Version));
            return Redirect("/admin/model");
        }

        await LoadAsync();
        return Unsuccessful(outcome, Page);
    }

    public async Task<IActionResult> OnPostRollbackAsync()
    {
        var outcome = Handlers.Outcome<RankingModelSummary>(await ModelsApi.Rollback(Caller, db, jobs,
            HttpContext.RequestAborted));
        if (outcome is HandlerOutcome<RankingModelSummary>.Success { Value: var model })
        {
            Flash(string.Format(CultureInfo.CurrentCulture, text["Models.RolledBack"], model.Version));
            return Redirect("/admin/model");
        }

        await LoadAsync();
        return Unsuccessful(outcome, Page);
    }

    /// <summary>Enqueues a retraining (202) and opens its job's page, where its progress shows.</summary>
    public async Task<IActionResult> OnPostRetrainAsync([FromForm(Name = "trees")] int? trees,
        [FromForm(Name = "leaves")] int? leaves)
    {
        Trees = trees;
        Leaves = leaves;
        var request = new RetrainRequest(trees, leaves);
        if (BindingSucceeded())
        {
            AddErrors(await Handlers.ValidateAsync(request, HttpContext));
        }

        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync();
            return Page();
        }

        var accepted = await ModelsApi.Retrain(request, Caller, jobs, HttpContext.RequestAborted);
        var job = accepted.Value!;
        Flash(string.Format(CultureInfo.CurrentCulture,
            job.Created ? text["Models.RetrainQueued"] : text["Models.RetrainPending"], job.JobId));
        return Redirect($"/admin/antrean/{job.JobId}");
    }

    private async Task LoadAsync()
    {
        var list = Handlers.Outcome<PagedList<RankingModelSummary>>(await ModelsApi.List(new ModelFilter(),
            new PageQuery(1, PageQuery.MaxPageSize, null), db, HttpContext.RequestAborted)).ValueOrDefault;
        Models = list?.Items ?? [];
        Total = list?.Total ?? 0;
    }

    /// <summary>Held-out NDCG@10 by version, oldest first: each model, the model serving when it was evaluated, and
    /// the rule baseline where it was measured.</summary>
    public ChartData Chart()
    {
        var ordered = Models.OrderBy(m => m.Version).ToList();
        var series = new List<ChartSeries>
        {
            new(text["Models.Chart.Model"], ordered.Select(m => Value(m, "holdout.ndcg@10")).ToList()),
            new(text["Models.Chart.Serving"], ordered.Select(m => Value(m, "serving.holdout.ndcg@10")).ToList()),
            new(text["Models.Chart.Rule"], ordered.Select(m => Value(m, "rule.holdout.ndcg@10")).ToList()),
        };
        return new ChartData(text["Models.Chart.Title"], text["Models.Chart.Versions"], text["Models.Chart.Axis"],
            ordered.Select(m => m.Version.ToString(CultureInfo.InvariantCulture)).ToList(),
            series.Where(s => s.Values.Any(double.IsFinite)).ToList(),
            v => double.IsFinite(v) ? Formats.Number(v, 3) : "–");
    }

    private static double Value(RankingModelSummary model, string metric) =>
        AdminFormats.Metric(model.Metrics, metric) ?? double.NaN;
}
