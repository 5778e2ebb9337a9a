using System.Globalization;
using LinkMatch.Api.Offices;
using LinkMatch.Api.Pages.Shared;
using LinkMatch.Api.Reports;
using LinkMatch.Api.Reports.Ipk;
using LinkMatch.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Npgsql;

namespace LinkMatch.Api.Pages.Reports;

/// <summary>IPK (informasi pasar kerja) per office and month from <c>GET /api/v1/reports/ipk</c>'s handler: job
/// seekers registered, vacancies and placements, over the months and by KBJI major group, KBLI section, education,
/// sex and region. Staff see their office; admins choose one (or all). Staff-only, as in the API.</summary>
public sealed class IpkModel(NpgsqlDataSource db, TimeProvider time, ReferenceLabels reference,
    IStringLocalizer<ReportText> text, IStringLocalizer<SharedText> shared) : ConsolePage
{
    /// <summary>Months shown when none are asked for: the last six, this one included.</summary>
    public const int DefaultMonths = 6;

    private static readonly string[] Measures = ["seekers_registered", "vacancies_registered", "placements"];

    private static readonly string[] EducationOrder =
        ["none", "sd", "smp", "sma", "smk", "d1", "d2", "d3", "d4", "s1", "s2", "s3", "unknown"];

    private static readonly string[] SexOrder = ["male", "female", "any", "unknown"];

    public MonthQuery Query { get; private set; } = new(null, null, null);

    public IpkReport? Report { get; private set; }

    /// <summary>Offices an admin may choose; for staff, their own (shown, not chosen).</summary>
    public IReadOnlyList<Office> Offices { get; private set; } = [];

    /// <summary>Admins choose an office (or all); staff see their own.</summary>
    public bool ChoosesOffice => Caller.IsAdmin;

    public ChartData? Trend { get; private set; }

    public IReadOnlyList<ChartData> Breakdowns { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync([FromQuery] MonthQuery query)
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

        var outcome = Handlers.Outcome<IpkReport>(await IpkApi.Get(filter, ReportCalls.Json, Caller,
            ReportCalls.ForRendering(HttpContext), db, time, ct));
        if (outcome is not HandlerOutcome<IpkReport>.Success { Value: var report })
        {
            return Unsuccessful(outcome, Page);
        }

        Report = report;
        var labels = await reference.LoadAsync(ct);
        var months = report.Months;
        Trend = new ChartData(text["Ipk.Trend"], shared["Common.Month"], text["Ipk.Count"],
            months.Select(m => ReportCalls.Month(m.Month)).ToList(),
            [
                Series("Ipk.Series.seekers_registered", months.Select(m => m.SeekersRegistered)),
                Series("Ipk.Series.vacancies_registered", months.Select(m => m.VacanciesRegistered)),
                Series("Ipk.Series.openings", months.Select(m => m.OpeningsRegistered)),
                Series("Ipk.Series.placements", months.Select(m => m.Placements)),
            ], ReportCalls.Amount);
        string Coded(IpkRow r) => r.Key == "unknown" ? text["Ipk.Unknown"] : $"{r.Key} {r.Label}";
        string Named(IpkRow r, string prefix) => r.Key == "unknown" ? text["Ipk.Unknown"] : shared[prefix + r.Key];
        Breakdowns =
        [
            Breakdown(report, "occupation_major_group", Measures, Coded),
            Breakdown(report, "industry_section", Measures[1..], Coded),
            Breakdown(report, "education", Measures, r => Named(r, "Education."), EducationOrder),
            Breakdown(report, "sex", Measures, r => Named(r, "Sex."), SexOrder),
            Breakdown(report, "region", Measures,
                r => r.Key == "unknown" ? text["Ipk.Unknown"] : r.Label ?? labels.Region(r.Key)),
        ];
        return Page();
    }

    /// <summary>The report as CSV, exactly as <c>GET /api/v1/reports/ipk?format=csv</c> answers.</summary>
    public async Task<IActionResult> OnGetCsvAsync([FromQuery] MonthQuery query)
    {
        var result = await IpkApi.Get(query.ToFilter(), ReportCalls.Csv, Caller, HttpContext, db, time,
            HttpContext.RequestAborted);
        return result.Result is NotFound ? NotFound() : Send(result);
    }

    /// <summary>Hitung ulang for the office and months shown.</summary>
    public async Task<IActionResult> OnPostRefreshAsync([FromForm] MonthQuery query, [FromServices] IJobQueue jobs,
        [FromServices] IOptions<ReportOptions> options)
    {
        var result = await ReportRefresh.Refresh(ReportKinds.Ipk,
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
        return QueryHelpers.AddQueryString("/laporan/ipk", query);
    }

    public string OfficeName(long? officeId) => officeId is { } id
        ? Offices.FirstOrDefault(o => o.Id == id)?.Name ?? id.ToString(CultureInfo.InvariantCulture)
        : text["Ipk.AllOffices"];

    private ChartSeries Series(string name, IEnumerable<int> values) =>
        new(text[name], values.Select(v => (double)v).ToList());

    /// <summary>One dimension over the whole range: a bar per key (in the given order, else the largest first), a
    /// series per measure counted by it.</summary>
    private ChartData Breakdown(IpkReport report, string dimension, string[] measures, Func<IpkRow, string> label,
        string[]? order = null)
    {
        int Rank(string key) => order is null ? 0 : Array.IndexOf(order, key) is var i and >= 0 ? i : order.Length;
        var rows = report.Breakdown.Where(r => r.Dimension == dimension).ToList();
        var keys = rows.GroupBy(r => r.Key)
            .Select(g => (Key: g.Key, Label: label(g.First()), Total: g.Sum(r => r.Count)))
            .OrderBy(k => Rank(k.Key)).ThenByDescending(k => k.Total).ThenBy(k => k.Key, StringComparer.Ordinal)
            .ToList();
        var counts = rows.GroupBy(r => (r.Measure, r.Key)).ToDictionary(g => g.Key, g => g.Sum(r => r.Count));
        return new ChartData(text["Ipk.By." + dimension], text["Ipk.Dim." + dimension], text["Ipk.Count"],
            keys.Select(k => k.Label).ToList(),
            measures.Select(m => Series("Ipk.Series." + m, keys.Select(k => counts.GetValueOrDefault((m, k.Key)))))
                .ToList(),
            ReportCalls.Amount);
    }

    /// <summary>The page's query string (and the refresh form's fields), named as the API's parameters.</summary>
    public sealed record MonthQuery(long? OfficeId, string? From, string? To)
    {
        /// <summary>The last <see cref="DefaultMonths"/> months up to this one (the API alone would show only this
        /// month, and a trend needs more).</summary>
        public MonthQuery Defaulted(TimeProvider time)
        {
            var today = Http.Wita.Today(time);
            var month = new DateOnly(today.Year, today.Month, 1);
            return this with
            {
                From = month.AddMonths(1 - DefaultMonths).ToString("yyyy-MM", CultureInfo.InvariantCulture),
                To = month.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            };
        }

        /// <summary>Staff are given their own office by the API (another is not found); admins all offices when
        /// they choose none.</summary>
        public IpkFilter ToFilter() => new(OfficeId, string.IsNullOrWhiteSpace(From) ? null : From.Trim(),
            string.IsNullOrWhiteSpace(To) ? null : To.Trim());
    }
}
