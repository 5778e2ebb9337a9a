using System.Globalization;
using LinkMatch.Api.Offices;
using LinkMatch.Api.Pages.Shared;
using LinkMatch.Api.Reports;
using LinkMatch.Api.Reports.EqualOpportunity;
using LinkMatch.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Npgsql;

namespace LinkMatch.Api.Pages.Reports;

/// <summary>Kesempatan yang setara: the matching funnel by group from <c>GET /api/v1/reports/equal-opportunity</c>'s
/// handler, with each rate's interval, its ratio to the best group and the four-fifths judgement, overall and per
/// model version. Staff see their office; admins choose one (or all). Staff-only, as in the API.</summary>
public sealed class EqualOpportunityModel(NpgsqlDataSource db, TimeProvider time) : ConsolePage
{
    private const string Below = "below_four_fifths";

    /// <summary>The dimensions in the order the page shows them.</summary>
    public static readonly string[] Dimensions = ["sex", "age_band", "disability", "residence", "education"];

    public IpkModel.MonthQuery Query { get; private set; } = new(null, null, null);

    public EqualOpportunityReport? Report { get; private set; }

    public IReadOnlyList<Office> Offices { get; private set; } = [];

    public bool ChoosesOffice => Caller.IsAdmin;

    /// <summary>Groups flagged below four-fifths, over every dimension and step (overall, not per model).</summary>
    public IReadOnlyList<(FunnelGroup Group, FunnelStep Step)> Flagged { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync([FromQuery] IpkModel.MonthQuery query)
    {
        var ct = HttpContext.RequestAborted;
        Offices = await ReportOffices.LoadAsync(db, Caller, ct);
        Query = query.From is null && query.To is null ? query.Defaulted(time) : query;
        if (!BindingSucceeded())
        {
            return Page();
        }

        var filter = Query.ToFilter();
        AddErrors(await Handlers.ValidateAsync(filter, HttpContext));
        if (Errors.Count > 0)
        {
            return Page();
        }

        var outcome = Handlers.Outcome<EqualOpportunityReport>(await EqualOpportunityApi.Get(filter, ReportCalls.Json,
            Caller, ReportCalls.ForRendering(HttpContext), db, time, ct));
        if (outcome is not HandlerOutcome<EqualOpportunityReport>.Success { Value: var report })
        {
            return Unsuccessful(outcome, Page);
        }

        Report = report;
        Flagged = [.. report.Groups.SelectMany(g => g.Steps.Where(s => s.Judgement == Below)
            .Select(s => (g, s)))];
        return Page();
    }

    /// <summary>The report as CSV, exactly as <c>GET /api/v1/reports/equal-opportunity?format=csv</c> answers.</summary>
    public async Task<IActionResult> OnGetCsvAsync([FromQuery] IpkModel.MonthQuery query)
    {
        var result = await EqualOpportunityApi.Get(query.ToFilter(), ReportCalls.Csv, Caller, HttpContext, db, time,
            HttpContext.RequestAborted);
        return result.Result is NotFound ? NotFound() : Send(result);
    }

    /// <summary>Hitung ulang for the office and months shown.</summary>
    public async Task<IActionResult> OnPostRefreshAsync([FromForm] IpkModel.MonthQuery query,
        [FromServices] IJobQueue jobs, [FromServices] IOptions<ReportOptions> options,
        [FromServices] Microsoft.Extensions.Localization.IStringLocalizer<ReportText> text)
    {
        var result = await ReportRefresh.Refresh(ReportKinds.EqualOpportunity,
            new ReportRefreshQuery(OfficeId: query.OfficeId, From: query.From, To: query.To), Caller, db, jobs, time,
            options, HttpContext.RequestAborted);
        return Refreshed(result, text["Refresh.Started"], text["Refresh.Failed"], Link(query.OfficeId, query.From, query.To));
    }

    /// <summary>This page for an office and months (and a handler: csv).</summary>
    public static string Link(long? officeId, string? from, string? to, string? handler = null)
    {
        var query = new Dictionary<string, string?>
        {
            ["handler"] = handler,
            ["officeId"] = officeId?.ToString(CultureInfo.InvariantCulture),
            ["from"] = from,
            ["to"] = to,
        }.Where(p => !string.IsNullOrEmpty(p.Value));
        return QueryHelpers.AddQueryString("/laporan/kesempatan-setara", query);
    }

    public string OfficeName(long? officeId, string allOffices) => officeId is { } id
        ? Offices.FirstOrDefault(o => o.Id == id)?.Name ?? id.ToString(CultureInfo.InvariantCulture)
        : allOffices;

    /// <summary>The groups of one dimension, in the report's order.</summary>
    public static IEnumerable<FunnelGroup> Of(IEnumerable<FunnelGroup> groups, string dimension) =>
        groups.Where(g => g.Dimension == dimension);

    /// <summary>"42 %" with its interval "(38–47 %)", or a dash when suppressed.</summary>
    public static string Rate(FunnelStep step) => step.Rate is { } rate && step.Low is { } low && step.High is { } high
        ? $"{Formats.Percent(rate, 0)} ({Math.Round(low * 100).ToString(CultureInfo.CurrentCulture)}–{Formats.Percent(high, 0)})"
        : "–";

    /// <summary>The ratio to the best group's rate, two decimals, or a dash.</summary>
    public static string Ratio(FunnelStep step) => step.RatioToBest is { } ratio ? Formats.Number(ratio, 2) : "–";

    /// <summary>The badge class of a judgement.</summary>
    public static string Badge(string judgement) => judgement switch
    {
        Below => "bad",
        "best" or "fair" => "ok",
        _ => string.Empty,
    };
}
