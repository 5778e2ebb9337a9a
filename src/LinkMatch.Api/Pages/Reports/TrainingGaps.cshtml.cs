using LinkMatch.Api.Http;
using LinkMatch.Api.Offices;
using LinkMatch.Api.Pages.Shared;
using LinkMatch.Api.Reference;
using LinkMatch.Api.Reports;
using LinkMatch.Api.Reports.TrainingGaps;
using LinkMatch.Api.Training;
using LinkMatch.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Npgsql;

namespace LinkMatch.Api.Pages.Reports;

/// <summary>Kebutuhan pelatihan (kesenjangan kompetensi): per unit of competency, what open vacancies of the office
/// or region ask for against the people who hold it and the learners about to graduate, ranked by unmet openings,
/// with the BLK courses teaching it; from <c>GET /api/v1/reports/training-gaps</c>'s handler. Staff and instructors
/// plan for their office's region (or their office); admins for any office or region.</summary>
public sealed class TrainingGapsModel(NpgsqlDataSource db, TimeProvider time, ReferenceLabels reference,
    IStringLocalizer<ReportText> text) : ConsolePage
{
    /// <summary>Gaps listed before "show all".</summary>
    public const int Top = 20;

    /// <summary>Gaps in the chart.</summary>
    public const int Charted = 10;

    public GapQuery Query { get; private set; } = new(null, null, null, null, null);

    public TrainingGapReport? Report { get; private set; }

    /// <summary>Offices the user may choose (admins: all; others: their own).</summary>
    public IReadOnlyList<Office> Offices { get; private set; } = [];

    /// <summary>Regions the user may choose (admins: all; others: their office's region and what lies in it).</summary>
    public IReadOnlyList<Region> Regions { get; private set; } = [];

    public Labels Labels { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync([FromQuery] GapQuery query)
    {
        var ct = HttpContext.RequestAborted;
        Query = query;
        Labels = await reference.LoadAsync(ct);
        await LoadChoicesAsync(ct);
        if (!BindingSucceeded())
        {
            return Page();
        }

        var filter = query.ToFilter();
        AddErrors(await Handlers.ValidateAsync(filter, HttpContext));
        if (Errors.Count > 0)
        {
            return Page();
        }

        var outcome = Handlers.Outcome<TrainingGapReport>(await TrainingGapsApi.Get(filter, ReportCalls.Json, Caller,
            ReportCalls.ForRendering(HttpContext), db, time, ct));
        if (outcome is HandlerOutcome<TrainingGapReport>.Success success)
        {
            Report = success.Value;
            return Page();
        }

        return Unsuccessful(outcome, Page);
    }

    /// <summary>The report as CSV, exactly as <c>GET /api/v1/reports/training-gaps?format=csv</c> answers.</summary>
    public async Task<IActionResult> OnGetCsvAsync([FromQuery] GapQuery query)
    {
        var result = await TrainingGapsApi.Get(query.ToFilter(), ReportCalls.Csv, Caller, HttpContext, db, time,
            HttpContext.RequestAborted);
        return result.Result is NotFound ? NotFound() : Send(result);
    }

    /// <summary>Hitung ulang for the scope shown (its parameters come back as hidden fields).</summary>
    public async Task<IActionResult> OnPostRefreshAsync([FromForm] GapQuery query, [FromServices] IJobQueue jobs,
        [FromServices] IOptions<ReportOptions> options)
    {
        var result = await ReportRefresh.Refresh(ReportKinds.TrainingGaps,
            new ReportRefreshQuery(OfficeId: query.OfficeId, RegionCode: Blank(query.RegionCode),
                OpensFrom: query.OpensFrom, OpensTo: query.OpensTo),
            Caller, db, jobs, time, options, HttpContext.RequestAborted);
        return Refreshed(result, text["Refresh.Started"], text["Refresh.Failed"], Link(query.OfficeId, Blank(query.RegionCode), query.OpensFrom, query.OpensTo));
    }

    /// <summary>This page for a scope (and a handler: csv).</summary>
    public static string Link(long? officeId, string? regionCode, DateOnly? opensFrom, DateOnly? opensTo,
        string? handler = null, bool all = false)
    {
        var query = new List<KeyValuePair<string, string?>>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                query.Add(new(key, value));
            }
        }

        Add("handler", handler);
        Add("officeId", officeId?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add("regionCode", regionCode);
        Add("opensFrom", opensFrom is { } f ? Formats.InputDate(f) : null);
        Add("opensTo", opensTo is { } t ? Formats.InputDate(t) : null);
        Add("all", all ? "1" : null);
        return QueryHelpers.AddQueryString("/laporan/kebutuhan-pelatihan", query);
    }

    /// <summary>The name of the scope the report covers.</summary>
    public string ScopeName(TrainingGapReport report) =>
        report.OfficeId is { } office
            ? Offices.FirstOrDefault(o => o.Id == office)?.Name
                ?? office.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : report.RegionCode is { } region ? Labels.Region(region) : text["Gaps.Everywhere"];

    private async Task LoadChoicesAsync(CancellationToken ct)
    {
        var regions = await reference.RegionsAsync(ct);
        if (Caller.IsAdmin)
        {
            Offices = Handlers.Outcome<PagedList<Office>>(await OfficesApi.List(new OfficeFilter(null, null),
                new PageQuery(1, PageQuery.MaxPageSize, "name"), db, ct)).ValueOrDefault?.Items ?? [];
            Regions = regions;
            return;
        }

        // Staff plan for their office; instructors for the office of their BLK.
        var officeId = Caller.IsInstructor && Caller.TrainingCentreId is { } centreId
            ? Handlers.Outcome<TrainingCentre>(await TrainingCentresApi.Get(centreId, Caller, db, ct))
                .ValueOrDefault?.OfficeId
            : Caller.OfficeId;
        if (officeId is not { } id
            || Handlers.Outcome<Office>(await OfficesApi.Get(id, db, ct)).ValueOrDefault is not { } home)
        {
            return;
        }

        Offices = [home];
        Regions = regions.Where(r => r.Code == home.RegionCode
            || r.Code.StartsWith(home.RegionCode + ".", StringComparison.Ordinal)).ToList();
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>The page's query string (and the refresh form's fields), named as the API's parameters.</summary>
    public sealed record GapQuery(long? OfficeId, string? RegionCode, DateOnly? OpensFrom, DateOnly? OpensTo, int? All)
    {
        public TrainingGapFilter ToFilter() => new(OfficeId, Blank(RegionCode), OpensFrom, OpensTo);
    }
}
