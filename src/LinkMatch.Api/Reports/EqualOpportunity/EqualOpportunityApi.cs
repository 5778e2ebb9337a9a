using LinkMatch.Api.Auth;
using LinkMatch.Api.Reports.Ipk;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace LinkMatch.Api.Reports.EqualOpportunity;

/// <summary>The equal-opportunity report for admins (any office, or all) and staff (their own office; another answers
/// 404). The scope takes the IPK report's parameters: officeId, from and to ('YYYY-MM', at most 24 months).</summary>
internal static class EqualOpportunityApi
{
    public static void MapEqualOpportunity(this IEndpointRouteBuilder api)
    {
        api.MapGet("/reports/equal-opportunity", Get).WithTags("Reports")
            .RequireAuthorization(Policies.Staff).ProducesCsv()
            .WithSummary("Equal-opportunity monitoring: the matching funnel (matchable, suggested, referred, hired) " +
                "by sex, age band, disability, residence and education, with 95 % intervals, ratios to the best " +
                "group and the four-fifths judgement, overall and per model version; counts of 1–4 suppressed. " +
                "Latest snapshot; JSON or CSV.");
    }

    public static async Task<Results<Ok<EqualOpportunityReport>, ContentHttpResult, StatusCodeHttpResult, NotFound,
        ValidationProblem>> Get([AsParameters] IpkFilter filter, [AsParameters] ReportFormatQuery format,
        Caller caller, HttpContext http, NpgsqlDataSource db, TimeProvider time, CancellationToken ct)
    {
        var (scope, invalid) = await ResolveAsync(db, caller, filter, time, ct);
        if (invalid is not null)
        {
            return invalid;
        }

        if (scope is null)
        {
            return TypedResults.NotFound();
        }

        return await ReportServing.ServeAsync<EqualOpportunityReport>(scope, format, http, db, time, ToCsv, ct);
    }

    /// <summary>The scope asked for, checked as the IPK report's is.</summary>
    public static async Task<(EqualOpportunityScope? Scope, ValidationProblem? Invalid)> ResolveAsync(
        NpgsqlDataSource db, Caller caller, IpkFilter filter, TimeProvider time, CancellationToken ct)
    {
        var (ipk, invalid) = await IpkApi.ResolveAsync(db, caller, filter, time, ct);
        return (ipk is null ? null : new EqualOpportunityScope(ipk.OfficeId, ipk.From, ipk.To), invalid);
    }

    public static CsvTable ToCsv(EqualOpportunityReport report)
    {
        var csv = new CsvTable("office_id", "from", "to", "model_version", "dimension", "group", "people", "step",
            "count", "rate", "rate_low_95", "rate_high_95", "ratio_to_best", "judgement");
        foreach (var g in report.Groups.Concat(report.ByModel))
        {
            foreach (var s in g.Steps)
            {
                csv.Row(report.OfficeId, report.From, report.To, g.ModelVersion, g.Dimension, g.Group, g.People,
                    s.Step, s.Count, s.Rate, s.Low, s.High, s.RatioToBest, s.Judgement);
            }
        }

        return csv;
    }
}
