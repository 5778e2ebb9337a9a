using System.ComponentModel.DataAnnotations;
using System.Text;
using Dapper;
using LinkMatch.Api.Auth;
using LinkMatch.Api.Http;
using LinkMatch.Api.Mous;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace LinkMatch.Api.Reports.MouScorecard;

/// <summary>Scope of the MoU scorecard report: an office (staff: their own, the default) or, for admins, a province
/// (every office whose region lies in it); admins giving neither get every office.</summary>
public sealed record MouScorecardFilter(
    [property: Id] long? OfficeId = null,
    [property: StringLength(2), RegularExpression("^[0-9]{2}$", ErrorMessage = "Use a province code such as '64'.")]
    string? ProvinceCode = null);

/// <summary>The MoU scorecard: one MoU's for whoever may read the MoU (computed on request); an office's or a
/// province's, ranked with the forum view, for staff (their office) and admins, stored like every report.</summary>
internal static class MouScorecardApi
{
    public static void MapMouScorecard(this IEndpointRouteBuilder api)
    {
        api.MapGet("/mous/{id:long}/scorecard", GetOne).WithTags("MoUs")
            .RequireAuthorization(Policies.AnyCaller).ProducesCsv()
            .WithSummary("One MoU's scorecard: each commitment's target, realised to date, pace and last activity, " +
                "with the expiring and dormant flags. For the MoU's readers; JSON or CSV.");
        api.MapGet("/reports/mou-scorecard", GetReport).WithTags("Reports")
            .RequireAuthorization(Policies.Staff).ProducesCsv()
            .WithSummary("The MoU scorecard of an office (officeId) or a province (provinceCode, admins): every MoU " +
                "ranked, with its commitments' pace and flags, and the forum view per partner kind. Latest snapshot; " +
                "JSON or CSV.");
    }

    public static async Task<Results<Ok<MouScore>, ContentHttpResult, NotFound>> GetOne(long id,
        [AsParameters] ReportFormatQuery format, Caller caller, HttpContext http, NpgsqlDataSource db,
        TimeProvider time, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        if (await MouQueries.FindAsync(conn, null, id, caller, ct) is null)
        {
            return TypedResults.NotFound();
        }

        var today = ReportStamp.Now(time, null).Today;
        var score = (await MouScorecardQuery.ScoreAsync(conn, null, id, null, today, ct))[0];
        if (format.Format != "csv" && !(format.Format is null && http.Request.Headers.Accept.ToString()
                .Contains(ReportServing.CsvMediaType, StringComparison.OrdinalIgnoreCase)))
        {
            return TypedResults.Ok(score);
        }

        http.Response.Headers.ContentDisposition = $"attachment; filename=\"mou-scorecard-mou_{id}.csv\"";
        return TypedResults.Text(ToCsv([score]).ToString(), $"{ReportServing.CsvMediaType}; charset=utf-8",
            Encoding.UTF8);
    }

    public static async Task<Results<Ok<MouScorecardReport>, ContentHttpResult, StatusCodeHttpResult, NotFound,
        ValidationProblem>> GetReport([AsParameters] MouScorecardFilter filter, [AsParameters] ReportFormatQuery format,
        Caller caller, HttpContext http, NpgsqlDataSource db, TimeProvider time, CancellationToken ct)
    {
        var (scope, invalid) = await ResolveAsync(db, caller, filter, ct);
        if (invalid is not null)
        {
            return invalid;
        }

        if (scope is null)
        {
            return TypedResults.NotFound();
        }

        return await ReportServing.ServeAsync<MouScorecardReport>(scope, format, http, db, time,
            r => ToCsv(r.Mous), ct);
    }

    /// <summary>The scope asked for, if the caller may see it (null scope and no problem: 404). Staff see their
    /// own office only; a province is for admins.</summary>
    public static async Task<(IReportScope? Scope, ValidationProblem? Invalid)> ResolveAsync(NpgsqlDataSource db,
        Caller caller, MouScorecardFilter filter, CancellationToken ct)
    {
        if (filter.OfficeId is not null && filter.ProvinceCode is not null)
        {
            return (null, Problems.Field("provinceCode", "Give officeId or provinceCode, not both."));
        }

        if (!caller.IsAdmin)
        {
            var office = filter.OfficeId ?? caller.OfficeId;
            return caller.OfficeId is null || office != caller.OfficeId || filter.ProvinceCode is not null
                ? (null, null)
                : (new MouScorecardScope(office, null), null);
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var exists = filter.OfficeId is { } id
            ? await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
                "select exists (select from offices where id = @id)", new { id }, cancellationToken: ct))
            : filter.ProvinceCode is not { } code || await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
                "select exists (select from regions where code = @code and level = 'province')", new { code },
                cancellationToken: ct));
        return exists ? (new MouScorecardScope(filter.OfficeId, filter.ProvinceCode), null) : (null, null);
    }

    /// <summary>One row per commitment, with its MoU's figures; an MoU without commitments has one row with the
    /// commitment's cells empty.</summary>
    public static CsvTable ToCsv(IEnumerable<MouScore> mous)
    {
        var csv = new CsvTable("rank", "mou_id", "number", "office_id", "partner_kind", "party_name", "status",
            "ends_on", "expiring", "dormant", "last_activity_on", "pace_score", "achievement", "commitment_id", "kind",
            "owed_by", "source", "target", "starts_on", "commitment_ends_on", "realised", "elapsed_share", "expected",
            "pace_ratio", "pace", "commitment_last_activity_on");
        foreach (var m in mous)
        {
            object?[] head = [m.Rank, m.MouId, m.Number, m.OfficeId, m.PartnerKind, m.PartyName, m.Status, m.EndsOn,
                m.Expiring, m.Dormant, m.LastActivityOn, m.PaceScore, m.Achievement];
            if (m.Commitments.Count == 0)
            {
                csv.Row([.. head, .. new object?[13]]);
            }

            foreach (var c in m.Commitments)
            {
                csv.Row([.. head, c.CommitmentId, c.Kind, c.OwedBy, c.Source, c.Target, c.StartsOn, c.EndsOn,
                    c.Realised, c.ElapsedShare, c.Expected, c.PaceRatio, c.Pace, c.LastActivityOn]);
            }
        }

        return csv;
    }
}
