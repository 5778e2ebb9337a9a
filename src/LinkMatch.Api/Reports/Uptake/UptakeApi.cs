using Dapper;
using LinkMatch.Api.Auth;
using LinkMatch.Api.Training;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace LinkMatch.Api.Reports.Uptake;

/// <summary>Graduate uptake per training centre, course and cohort: admins any, instructors their BLK's, staff the
/// BLKs of their office (another's answers 404). Served from the latest snapshot.</summary>
internal static class UptakeApi
{
    private const string Summary = "Graduate uptake: graduates (completed enrolments), judged competent, certified, " +
        "placed within 3, 6 and 12 months of completion, at MoU partners, in apprenticeships, median days to placement, " +
        "wages and stipends, by course, cohort, employer and unit. Served from the latest snapshot (computed on the " +
        "first request); JSON, or CSV with ?format=csv or Accept: text/csv.";

    public static void MapUptake(this IEndpointRouteBuilder api)
    {
        api.MapGet("/training-centres/uptake", UptakeList.List).WithTags("Reports")
            .RequireAuthorization(Policies.StaffOrInstructor).WithSummary(UptakeList.Summary);
        api.MapGet("/training-centres/{id:long}/uptake", GetTrainingCentre).WithTags("Reports")
            .RequireAuthorization(Policies.StaffOrInstructor).WithSummary(Summary).ProducesCsv();
        api.MapGet("/courses/{id:long}/uptake", GetCourse).WithTags("Reports")
            .RequireAuthorization(Policies.StaffOrInstructor).WithSummary(Summary).ProducesCsv();
        api.MapGet("/cohorts/{id:long}/uptake", GetCohort).WithTags("Reports")
            .RequireAuthorization(Policies.StaffOrInstructor).WithSummary(Summary).ProducesCsv();
    }

    public static Task<Results<Ok<UptakeReport>, ContentHttpResult, StatusCodeHttpResult, NotFound,
        ValidationProblem>> GetTrainingCentre(long id, [AsParameters] ReportFormatQuery format, Caller caller,
        HttpContext http, NpgsqlDataSource db, TimeProvider time, CancellationToken ct) =>
        ServeAsync(UptakeScope.TrainingCentre, id, format, caller, http, db, time, ct);

    public static Task<Results<Ok<UptakeReport>, ContentHttpResult, StatusCodeHttpResult, NotFound,
        ValidationProblem>> GetCourse(long id, [AsParameters] ReportFormatQuery format, Caller caller,
        HttpContext http, NpgsqlDataSource db, TimeProvider time, CancellationToken ct) =>
        ServeAsync(UptakeScope.Course, id, format, caller, http, db, time, ct);

    public static Task<Results<Ok<UptakeReport>, ContentHttpResult, StatusCodeHttpResult, NotFound,
        ValidationProblem>> GetCohort(long id, [AsParameters] ReportFormatQuery format, Caller caller,
        HttpContext http, NpgsqlDataSource db, TimeProvider time, CancellationToken ct) =>
        ServeAsync(UptakeScope.Cohort, id, format, caller, http, db, time, ct);

    private static async Task<Results<Ok<UptakeReport>, ContentHttpResult, StatusCodeHttpResult, NotFound,
        ValidationProblem>> ServeAsync(string level, long id, ReportFormatQuery format,
        Caller caller, HttpContext http, NpgsqlDataSource db, TimeProvider time, CancellationToken ct)
    {
        if (await ResolveAsync(db, caller, level, id, ct) is not { } scope)
        {
            return TypedResults.NotFound();
        }

        return await ReportServing.ServeAsync<UptakeReport>(scope, format, http, db, time, ToCsv, ct);
    }

    /// <summary>The scope if the caller may see the centre, course or cohort; null (404) otherwise.</summary>
    public static async Task<UptakeScope?> ResolveAsync(NpgsqlDataSource db, Caller caller, string level, long id,
        CancellationToken ct)
    {
        var sql = level switch
        {
            UptakeScope.TrainingCentre => "select tc.id from training_centres tc where tc.id = @id",
            UptakeScope.Course => """
                select cr.id from courses cr join training_centres tc on tc.id = cr.training_centre_id
                where cr.id = @id
                """,
            _ => """
                select c.id from cohorts c join courses cr on cr.id = c.course_id
                join training_centres tc on tc.id = cr.training_centre_id
                where c.id = @id
                """,
        };
        var training = TrainingScope.Of(caller);
        await using var conn = await db.OpenConnectionAsync(ct);
        var found = await conn.ExecuteScalarAsync<long?>(new CommandDefinition(
            $"{sql} and {TrainingScope.Filter}",
            new { id, ScopeCentreId = training.CentreId, ScopeOfficeId = training.OfficeId }, cancellationToken: ct));
        return found is null ? null : new UptakeScope(level, id);
    }

    public static CsvTable ToCsv(UptakeReport report)
    {
        var csv = new CsvTable("section", "id", "code", "name", "enrolments", "in_training", "dropped", "graduates",
            "judged_competent", "certified", "placed", "placed_within_3_months", "placed_within_6_months",
            "placed_within_12_months", "placed_at_mou_partner", "apprenticeships", "median_days_to_placement",
            "wage_count", "wage_median", "wage_min", "wage_max", "stipend_count", "stipend_median", "stipend_min",
            "stipend_max", "assessed", "competent", "competent_rate");
        Figures(csv, "total", report.Id, null, report.Name, report.Totals);
        foreach (var c in report.ByCourse)
        {
            Figures(csv, "course", c.CourseId, c.Code, c.Title, c.Figures);
        }

        foreach (var c in report.ByCohort)
        {
            Figures(csv, "cohort", c.CohortId, null, c.Name, c.Figures);
        }

        foreach (var e in report.ByEmployer)
        {
            csv.Row("employer", e.EmployerId, null, e.Name, null, null, null, null, null, null, e.Placed, null, null,
                null, e.AtMouPartner, e.Apprenticeships, null, null, e.MedianWage, null, null, null, e.MedianStipend,
                null, null, null, null, null);
        }

        foreach (var u in report.Units)
        {
            csv.Row("unit", u.CompetencyId, u.Code, u.Title, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, u.Assessed, u.Competent,
                u.CompetentRate);
        }

        return csv;
    }

    private static void Figures(CsvTable csv, string section, long id, string? code, string name, UptakeFigures f) =>
        csv.Row(section, id, code, name, f.Enrolments, f.InTraining, f.Dropped, f.Graduates, f.JudgedCompetent,
            f.Certified, f.Placed, f.PlacedWithin3Months, f.PlacedWithin6Months, f.PlacedWithin12Months,
            f.PlacedAtMouPartner, f.Apprenticeships, f.MedianDaysToPlacement, f.Wages.Count, f.Wages.Median,
            f.Wages.Min, f.Wages.Max, f.Stipends.Count, f.Stipends.Median, f.Stipends.Min, f.Stipends.Max, null, null,
            null);
}
