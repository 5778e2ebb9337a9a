using System.Globalization;
using LinkMatch.Api.Http;
using LinkMatch.Api.Offices;
using LinkMatch.Api.Pages.Shared;
using LinkMatch.Api.Reports;
using LinkMatch.Api.Reports.MouScorecard;
using LinkMatch.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Npgsql;

namespace LinkMatch.Api.Pages.Reports;

/// <summary>Kinerja kemitraan: an office's MoU scorecard from <c>GET /api/v1/reports/mou-scorecard</c>'s handler —
/// the forum view and every MoU ranked with its flags. Staff see their office; admins choose one (or all).</summary>
public sealed class ScorecardModel(NpgsqlDataSource db, TimeProvider time, IStringLocalizer<ScorecardText> text)
    : ConsolePage
{
    public long? OfficeId { get; private set; }

    public MouScorecardReport? Report { get; private set; }

    /// <summary>Offices an admin may choose; for staff, none (their own is shown).</summary>
    public IReadOnlyList<Office> Offices { get; private set; } = [];

    public bool ChoosesOffice => Caller.IsAdmin;

    public async Task<IActionResult> OnGetAsync([FromQuery] long? officeId)
    {
        var ct = HttpContext.RequestAborted;
        OfficeId = officeId;
        if (Caller.IsAdmin)
        {
            Offices = Handlers.Outcome<PagedList<Office>>(await OfficesApi.List(new OfficeFilter(null, null),
                new PageQuery(1, PageQuery.MaxPageSize, "name"), db, ct)).ValueOrDefault?.Items ?? [];
        }

        var outcome = Handlers.Outcome<MouScorecardReport>(await MouScorecardApi.GetReport(
            new MouScorecardFilter(officeId), ReportCalls.Json, Caller, ReportCalls.ForRendering(HttpContext), db,
            time, ct));
        if (outcome is not HandlerOutcome<MouScorecardReport>.Success { Value: var report })
        {
            return Unsuccessful(outcome, Page);
        }

        Report = report;
        return Page();
    }

    /// <summary>The report as CSV, exactly as the API answers it.</summary>
    public async Task<IActionResult> OnGetCsvAsync([FromQuery] long? officeId)
    {
        var result = await MouScorecardApi.GetReport(new MouScorecardFilter(officeId), ReportCalls.Csv, Caller,
            HttpContext, db, time, HttpContext.RequestAborted);
        return result.Result is NotFound ? NotFound() : Send(result);
    }

    /// <summary>Hitung ulang for the office shown.</summary>
    public async Task<IActionResult> OnPostRefreshAsync([FromForm] long? officeId, [FromServices] IJobQueue jobs,
        [FromServices] IOptions<ReportOptions> options)
    {
        var result = await ReportRefresh.Refresh(ReportKinds.MouScorecard,
            new ReportRefreshQuery(OfficeId: officeId), Caller, db, jobs, time, options, HttpContext.RequestAborted);
        return Refreshed(result, text["Refresh.Started"], text["Refresh.Failed"], Link(officeId));
    }

    /// <summary>This page for an office (and a handler: csv).</summary>
    public static string Link(long? officeId, string? handler = null) =>
        QueryHelpers.AddQueryString("/laporan/kemitraan", new Dictionary<string, string?>
        {
            ["handler"] = handler,
            ["officeId"] = officeId?.ToString(CultureInfo.InvariantCulture),
        }.Where(p => !string.IsNullOrEmpty(p.Value)));

    /// <summary>The scope's name: the office of the report's MoUs, or "all offices".</summary>
    public string ScopeName(MouScorecardReport report) => report.OfficeId is { } id
        ? (report.Mous.Count > 0 ? report.Mous[0].OfficeName : null) ?? Offices.FirstOrDefault(o => o.Id == id)?.Name
            ?? id.ToString(CultureInfo.InvariantCulture)
        : report.ProvinceCode ?? text["AllOffices"];

    /// <summary>A badge class for a pace.</summary>
    public static string? Badge(string pace) => pace switch
    {
        "met" or "on_track" => "ok",
        "behind" or "missed" => "bad",
        _ => null,
    };
}
