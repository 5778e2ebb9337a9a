using System.Text;
using Dapper;
using LinkMatch.Api.Auth;
using LinkMatch.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace LinkMatch.Api.Reports.DisabilityQuota;

/// <summary>Scope of the quota view: an office (staff: their own, the default; admins: any, or all when left out)
/// and a day (default today; not later).</summary>
public sealed record DisabilityQuotaFilter([property: Id] long? OfficeId = null, DateOnly? AsOf = null);

/// <summary>The day of one employer's quota view (default today; not later).</summary>
public sealed record QuotaDay(DateOnly? AsOf = null);

/// <summary>The disability-quota view: per office for admins (any office, or all) and staff (their office; another
/// answers 404), and per employer for the employer itself (another id answers 404), staff of an office with an MoU
/// with it and admins. Instructors and, for the office view, employers are refused (403).</summary>
internal static class DisabilityQuotaApi
{
    public static void MapDisabilityQuota(this IEndpointRouteBuilder api)
    {
        api.MapGet("/reports/disability-quota", List).WithTags("Reports")
            .RequireAuthorization(Policies.Staff).ProducesCsv()
            .WithSummary("Disability quota (UU 8/2016: 1 % private, 2 % government, BUMN, BUMD) of the employers " +
                "with an MoU active on the day: stated workforce, workers required, workers with a recorded " +
                "disability placed through LinkMatch (1–4 suppressed) and a status. JSON or CSV.");
        api.MapGet("/employers/{id:long}/disability-quota", Get).WithTags("Reports")
            .RequireAuthorization(Policies.StaffOrEmployer)
            .WithSummary("One employer's disability quota as of a day: an employer reads only its own.");
    }

    public static async Task<Results<Ok<DisabilityQuotaReport>, ContentHttpResult, NotFound, ValidationProblem>> List(
        [AsParameters] DisabilityQuotaFilter filter, [AsParameters] ReportFormatQuery format, Caller caller,
        HttpContext http, NpgsqlDataSource db, TimeProvider time, CancellationToken ct)
    {
        var stamp = ReportStamp.Now(time, null);
        if (CheckDay(filter.AsOf, stamp.Today) is { } invalid)
        {
            return invalid;
        }

        var office = caller.IsAdmin ? filter.OfficeId : filter.OfficeId ?? caller.OfficeId;
        if (!caller.IsAdmin && (caller.OfficeId is null || office != caller.OfficeId))
        {
            return TypedResults.NotFound();
        }

        if (office is not null && !await ExistsAsync(db, "select exists (select from offices where id = @id)", office.Value, null, ct))
        {
            return TypedResults.NotFound();
        }

        var asOf = filter.AsOf ?? stamp.Today;
        var quotas = await DisabilityQuotaQuery.ComputeAsync(db, office, null, asOf, ct);
        var report = new DisabilityQuotaReport(office, asOf, stamp.ComputedAt, QuotaAssessment.Summarise(quotas), quotas);
        if (!CsvNegotiation.Wanted(format, http.Request))
        {
            return TypedResults.Ok(report);
        }

        http.Response.Headers.ContentDisposition =
            $"attachment; filename=\"disability-quota-{office?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "all"}-{asOf:yyyy-MM-dd}.csv\"";
        return TypedResults.Text(ToCsv(report).ToString(), $"{ReportServing.CsvMediaType}; charset=utf-8", Encoding.UTF8);
    }

    public static async Task<Results<Ok<EmployerQuotaView>, NotFound, ValidationProblem>> Get(long id,
        [AsParameters] QuotaDay day, Caller caller, NpgsqlDataSource db, TimeProvider time, CancellationToken ct)
    {
        var stamp = ReportStamp.Now(time, null);
        if (CheckDay(day.AsOf, stamp.Today) is { } invalid)
        {
            return invalid;
        }

        var visible = caller.Role switch
        {
            Roles.Admin => await ExistsAsync(db, "select exists (select from employers where id = @id)", id, null, ct),
            Roles.Staff => await ExistsAsync(db, """
                select exists (select from mous where employer_id = @id and office_id = @office)
                """, id, caller.OfficeId ?? -1, ct),
            Roles.Employer => caller.EmployerId == id,
            _ => false,
        };
        if (!visible)
        {
            return TypedResults.NotFound();
        }

        var asOf = day.AsOf ?? stamp.Today;
        var quota = (await DisabilityQuotaQuery.ComputeAsync(db, null, id, asOf, ct)).Single();
        return TypedResults.Ok(new EmployerQuotaView(asOf, stamp.ComputedAt, quota));
    }

    public static CsvTable ToCsv(DisabilityQuotaReport report)
    {
        var csv = new CsvTable("office_id", "as_of", "employer_id", "employer_name", "ownership", "workforce",
            "workforce_as_of", "quota_percent", "required_workers", "placed_with_disability", "suppressed", "status");
        foreach (var q in report.Employers)
        {
            csv.Row(report.OfficeId, report.AsOf, q.EmployerId, q.EmployerName, q.Ownership, q.Workforce,
                q.WorkforceAsOf, q.QuotaPercent, q.RequiredWorkers, q.PlacedWithDisability, q.Suppressed, q.Status);
        }

        return csv;
    }

    private static ValidationProblem? CheckDay(DateOnly? asOf, DateOnly today) =>
        asOf > today ? Problems.Field("asOf", "The view cannot be of a later day than today.") : null;

    private static async Task<bool> ExistsAsync(NpgsqlDataSource db, string sql, long id, long? office,
        CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<bool>(new CommandDefinition(sql, new { id, office }, cancellationToken: ct));
    }
}
