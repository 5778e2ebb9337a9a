using LinkMatch.Api.Pages.Reports;
using LinkMatch.Api.Pages.Shared;
using LinkMatch.Api.Reports;
using LinkMatch.Api.Reports.Uptake;
using LinkMatch.Api.Training;
using LinkMatch.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Npgsql;

namespace LinkMatch.Api.Pages.Training;

/// <summary>Serapan lulusan of one BLK: per course (kejuruan) and per cohort (angkatan) of a course, from
/// <c>GET /api/v1/training-centres/{id}/uptake</c>'s handler (its stored snapshot), with its CSV as the API sends it
/// and a recompute through <c>POST /api/v1/reports/uptake/refresh</c>. Another BLK is the 404 page.</summary>
public sealed class DetailModel(NpgsqlDataSource db, TimeProvider time, ReferenceLabels reference,
    IStringLocalizer<TrainingText> text) : ConsolePage
{
    /// <summary>Employers listed (the CSV has them all).</summary>
    public const int TopEmployers = 15;

    /// <summary>Null only when the handler refused (the page then shows why).</summary>
    public UptakeReport? Report { get; private set; }

    public TrainingCentre Centre { get; private set; } = null!;

    public Labels Labels { get; private set; } = null!;

    /// <summary>The course whose cohorts are shown.</summary>
    public UptakeCourse? Course { get; private set; }

    public IReadOnlyList<UptakeCohort> Cohorts { get; private set; } = [];

    /// <summary>The course with graduates whose share placed within 12 months is the lowest, when there are at least
    /// two such courses to compare.</summary>
    public UptakeCourse? Weakest { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, [FromQuery] long? courseId)
    {
        var ct = HttpContext.RequestAborted;
        var centre = Handlers.Outcome<TrainingCentre>(await TrainingCentresApi.Get(id, Caller, db, ct));
        if (centre is not HandlerOutcome<TrainingCentre>.Success { Value: var found })
        {
            return Unsuccessful(centre, Page);
        }

        Centre = found;
        var outcome = Handlers.Outcome<UptakeReport>(await UptakeApi.GetTrainingCentre(id, ReportCalls.Json, Caller,
            ReportCalls.ForRendering(HttpContext), db, time, ct));
        if (outcome is not HandlerOutcome<UptakeReport>.Success { Value: var report })
        {
            return Unsuccessful(outcome, Page);
        }

        Report = report;
        Labels = await reference.LoadAsync(ct);
        Course = report.ByCourse.FirstOrDefault(c => c.CourseId == courseId)
            ?? report.ByCourse.OrderByDescending(c => c.Figures.Graduates).ThenBy(c => c.Code, StringComparer.Ordinal)
                .FirstOrDefault();
        Cohorts = Course is null ? [] : report.ByCohort.Where(c => c.CourseId == Course.CourseId).ToList();
        var compared = report.ByCourse.Where(c => c.Figures.Graduates > 0).ToList();
        Weakest = compared.Count < 2 ? null
            : compared.OrderBy(c => c.Figures.PlacedWithin12Months / (double)c.Figures.Graduates)
                .ThenByDescending(c => c.Figures.Graduates).First();
        return Page();
    }

    /// <summary>The report as CSV, exactly as <c>GET /api/v1/training-centres/{id}/uptake?format=csv</c>
    /// answers.</summary>
    public async Task<IActionResult> OnGetCsvAsync(long id)
    {
        var result = await UptakeApi.GetTrainingCentre(id, ReportCalls.Csv, Caller, HttpContext, db, time,
            HttpContext.RequestAborted);
        return result.Result is NotFound ? NotFound() : Send(result);
    }

    /// <summary>Hitung ulang: enqueues the recompute (202) and comes back with a message.</summary>
    public async Task<IActionResult> OnPostRefreshAsync(long id, [FromServices] IJobQueue jobs,
        [FromServices] IOptions<ReportOptions> options)
    {
        var result = await ReportRefresh.Refresh(ReportKinds.Uptake,
            new ReportRefreshQuery(TrainingCentreId: id), Caller, db, jobs, time, options, HttpContext.RequestAborted);
        return Refreshed(result, text["Refresh.Started"], text["Refresh.Failed"], $"/blk/{id}");
    }
}
