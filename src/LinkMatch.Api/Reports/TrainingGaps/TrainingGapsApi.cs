using System.ComponentModel.DataAnnotations;
using Dapper;
using LinkMatch.Api.Auth;
using LinkMatch.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace LinkMatch.Api.Reports.TrainingGaps;

/// <summary>Scope of a training-gap report: an office or a region (not both), and optionally the window of the
/// vacancies' opening dates. Staff and instructors default to their office's region (the instructor's BLK's office).</summary>
public sealed record TrainingGapFilter(
    [property: Id] long? OfficeId = null,
    [property: StringLength(5), RegularExpression(@"^[0-9]{2}(\.[0-9]{2})?$", ErrorMessage = "Use '64' or '64.71'.")] string? RegionCode = null,
    DateOnly? OpensFrom = null,
    DateOnly? OpensTo = null);

/// <summary>Training gaps for admins (any scope), staff and instructors (their office's region, or their office; any
/// other office or region answers 404). Employers are refused by the policy.</summary>
internal static class TrainingGapsApi
{
    public static void MapTrainingGaps(this IEndpointRouteBuilder api)
    {
        api.MapGet("/reports/training-gaps", Get).WithTags("Reports")
            .RequireAuthorization(Policies.StaffOrInstructor).ProducesCsv()
            .WithSummary("Training gaps: per unit of competency, demand (unfilled openings of open vacancies in scope, " +
                "mandatory × 1.0, optional × 0.3) against supply (active seekers in scope holding it at the required " +
                "level + learners of running cohorts × completion rate), ranked by unmet demand, with the BLK courses " +
                "teaching it and a suggested cohort size. Latest snapshot; JSON or CSV.");
    }

    public static async Task<Results<Ok<TrainingGapReport>, ContentHttpResult, StatusCodeHttpResult, NotFound,
        ValidationProblem>> Get([AsParameters] TrainingGapFilter filter, [AsParameters] ReportFormatQuery format,
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

        return await ReportServing.ServeAsync<TrainingGapReport>(scope, format, http, db, time, ToCsv, ct);
    }

    private sealed record Home(long OfficeId, string RegionCode);

    /// <summary>The scope the caller asked for, if they may see it (null scope and no problem: 404).</summary>
    public static async Task<(TrainingGapScope? Scope, ValidationProblem? Invalid)> ResolveAsync(NpgsqlDataSource db,
        Caller caller, TrainingGapFilter filter, CancellationToken ct)
    {
        var errors = new FieldErrors()
            .AddIf(filter.OfficeId is not null && filter.RegionCode is not null, "regionCode",
                "Give an office or a region, not both.")
            .AddIf(filter.OpensFrom > filter.OpensTo, "opensTo", "The end of the range comes before its start.");
        if (errors.Any)
        {
            return (null, errors.ToProblem());
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var exists = await conn.ExecuteScalarAsync<bool>(new CommandDefinition("""
            select (@OfficeId::bigint is null or exists (select from offices where id = @OfficeId))
               and (@RegionCode::text is null or exists (select from regions where code = @RegionCode))
            """, new { filter.OfficeId, filter.RegionCode }, cancellationToken: ct));
        if (!exists)
        {
            return (null, null);
        }

        if (caller.IsAdmin)
        {
            return (new TrainingGapScope(filter.OfficeId, filter.RegionCode, filter.OpensFrom, filter.OpensTo), null);
        }

        // Staff and instructors plan for their own office's region.
        var home = await conn.QuerySingleOrDefaultAsync<Home>(new CommandDefinition("""
            select o.id as office_id, o.region_code from offices o
            where o.id = case when @IsInstructor
                              then (select tc.office_id from training_centres tc where tc.id = @TrainingCentreId)
                              else @OfficeId end
            """, new { caller.IsInstructor, caller.TrainingCentreId, caller.OfficeId }, cancellationToken: ct));
        if (home is null)
        {
            return (null, null);
        }

        if (filter.OfficeId is { } office)
        {
            return office == home.OfficeId
                ? (new TrainingGapScope(office, null, filter.OpensFrom, filter.OpensTo), null)
                : (null, null);
        }

        var region = filter.RegionCode ?? home.RegionCode;
        var within = region == home.RegionCode || region.StartsWith(home.RegionCode + ".", StringComparison.Ordinal);
        return within ? (new TrainingGapScope(null, region, filter.OpensFrom, filter.OpensTo), null) : (null, null);
    }

    public static CsvTable ToCsv(TrainingGapReport report)
    {
        var csv = new CsvTable("rank", "competency_id", "competency_code", "competency_title", "required_level",
            "vacancies", "mandatory_openings", "optional_openings", "demand", "holders", "expected_graduates",
            "supply", "unmet", "coverage", "courses", "suggested_cohort_size");
        foreach (var g in report.Gaps)
        {
            // Courses as 'BLK code/course code', those in scope first; the size suggested for the first of them.
            csv.Row(g.Rank, g.CompetencyId, g.Code, g.Title, g.RequiredLevel, g.Vacancies, g.MandatoryOpenings,
                g.OptionalOpenings, g.Demand, g.Holders, g.ExpectedGraduates, g.Supply, g.Unmet, g.Coverage,
                string.Join(';', g.Courses.Select(c => $"{c.TrainingCentreCode}/{c.Code}")),
                g.Courses.Count > 0 ? g.Courses[0].SuggestedCohortSize : null);
        }

        return csv;
    }
}
