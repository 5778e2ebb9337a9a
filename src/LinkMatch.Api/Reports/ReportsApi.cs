using LinkMatch.Api.Auth;
using LinkMatch.Api.Reports.DisabilityQuota;
using LinkMatch.Api.Reports.EqualOpportunity;
using LinkMatch.Api.Reports.Ipk;
using LinkMatch.Api.Reports.MouScorecard;
using LinkMatch.Api.Reports.TrainingGaps;
using LinkMatch.Api.Reports.Uptake;
using LinkMatch.Jobs;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace LinkMatch.Api.Reports;

/// <summary>Reports: graduate uptake, training gaps (with per-seeker upskilling) and the labour-market report
/// (IPK). Each is computed by a job (or on its first request), stored with the time it was computed and served from
/// that snapshot; <c>POST /api/v1/reports/{kind}/refresh</c> recomputes one scope, and a nightly job every scope that
/// has been asked for. Definitions: Reports/README.md.</summary>
public static class ReportsApi
{
    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1");
        api.MapUptake();
        api.MapTrainingGaps();
        api.MapIpk();
        api.MapEqualOpportunity();
        api.MapDisabilityQuota();
        api.MapMouScorecard();
        api.MapUpskilling();
        api.MapPost("/reports/{kind}/refresh", ReportRefresh.Refresh).WithTags("Reports")
            .RequireAuthorization(Policies.StaffOrInstructor)
            .WithSummary("Recompute a report for one scope (kind: uptake, training-gaps, ipk, equal-opportunity or mou-scorecard; the same scope " +
                "parameters as its GET). Answers 202 with the job; a burst of refreshes of one scope gives one job.");
        return app;
    }
}

/// <summary>The report jobs and the nightly schedule (01:00 WITA, Asia/Makassar).</summary>
public static class ReportsSetup
{
    public static IHostApplicationBuilder AddReports(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ReportOptions>().BindConfiguration("Reports").ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.Configure<SwaggerGenOptions>(o => o.OperationFilter<CsvDownloadOperationFilter>());
        builder.Services.AddSingleton<ReportTriggers>();
        builder.Services.AddJobHandler<ComputeReportJob>(ComputeReportJob.Kind);
        builder.Services.AddSingleton<MouScorecardRefresh>();
        builder.Services.AddJobHandler<RefreshAllReportsJob>(RefreshAllReportsJob.Kind);
        builder.Services.AddRecurringJob(new RecurringJob(RefreshAllReportsJob.Schedule, "0 0 1 * * ?",
            RefreshAllReportsJob.Kind)
        {
            TimeZone = "Asia/Makassar",
        });
        return builder;
    }
}
