using System.ComponentModel.DataAnnotations;
using Dapper;
using LinkMatch.Api.Auth;
using LinkMatch.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace LinkMatch.Api.Reports.Ipk;

/// <summary>Scope of an IPK report: an office (staff: their own, the default; admins: any, or all when left out) and
/// a range of months, 'YYYY-MM' (default: the current month; at most 24 months).</summary>
public sealed record IpkFilter(
    [property: Id] long? OfficeId = null,
    [property: StringLength(7), RegularExpression(IpkApi.MonthPattern, ErrorMessage = "Use a month such as '2026-03'.")] string? From = null,
    [property: StringLength(7), RegularExpression(IpkApi.MonthPattern, ErrorMessage = "Use a month such as '2026-03'.")] string? To = null);

/// <summary>The IPK report for admins (any office, or all) and staff (their own office; another answers 404).</summary>
internal static class IpkApi
{
    public const string MonthPattern = "^[0-9]{4}-(0[1-9]|1[0-2])$";
    public const int MaxMonths = 24;

    public static void MapIpk(this IEndpointRouteBuilder api)
    {
        api.MapGet("/reports/ipk", Get).WithTags("Reports")
            .RequireAuthorization(Policies.Staff).ProducesCsv()
            .WithSummary("Labour-market information (IPK) per office and month: seekers registered (registration " +
                "date), vacancies and openings registered (opening date), placements (start date, the vacancy's " +
                "office), by KBJI major group, KBLI section, education, sex and region. Latest snapshot; JSON or CSV.");
    }

    public static async Task<Results<Ok<IpkReport>, ContentHttpResult, StatusCodeHttpResult, NotFound,
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

        return await ReportServing.ServeAsync<IpkReport>(scope, format, http, db, time, ToCsv, ct);
    }

    /// <summary>The scope asked for, if the caller may see it (null scope and no problem: 404).</summary>
    public static async Task<(IpkScope? Scope, ValidationProblem? Invalid)> ResolveAsync(NpgsqlDataSource db,
        Caller caller, IpkFilter filter, TimeProvider time, CancellationToken ct)
    {
        var current = IpkQuery.Month(ReportStamp.Now(time, null).Today);
        var from = filter.From ?? filter.To ?? current;
        var to = filter.To ?? (filter.From is null ? current : from);
        var span = (IpkQuery.ParseMonth(to).Year - IpkQuery.ParseMonth(from).Year) * 12
            + IpkQuery.ParseMonth(to).Month - IpkQuery.ParseMonth(from).Month + 1;
        var errors = new FieldErrors()
            .AddIf(span < 1, "to", "The last month comes before the first.")
            .AddIf(span > MaxMonths, "to", $"A report covers at most {MaxMonths} months.");
        if (errors.Any)
        {
            return (null, errors.ToProblem());
        }

        var office = caller.IsAdmin ? filter.OfficeId : filter.OfficeId ?? caller.OfficeId;
        if (!caller.IsAdmin && (caller.OfficeId is null || office != caller.OfficeId))
        {
            return (null, null);
        }

        if (office is not null)
        {
            await using var conn = await db.OpenConnectionAsync(ct);
            if (!await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
                    "select exists (select from offices where id = @office)", new { office }, cancellationToken: ct)))
            {
                return (null, null);
            }
        }

        return (new IpkScope(office, from, to), null);
    }

    public static CsvTable ToCsv(IpkReport report)
    {
        var csv = new CsvTable("office_id", "month", "measure", "dimension", "key", "label", "count", "openings");
        foreach (var r in report.Breakdown)
        {
            csv.Row(report.OfficeId, r.Month, r.Measure, r.Dimension, r.Key, r.Label, r.Count, r.Openings);
        }

        return csv;
    }
}
