using Dapper;
using LinkMatch.Api.Audit;
using LinkMatch.Api.Auth;
using LinkMatch.Api.Database;
using LinkMatch.Api.Http;
using LinkMatch.Api.Reports;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace LinkMatch.Api.Training;

/// <summary>Creating and changing courses: the BLK must be the caller's, every unit and occupation code must exist,
/// and a course code is unique within its BLK.</summary>
internal static class CourseWrites
{
    private const string DuplicateCode = "courses_training_centre_id_code_key";

    public static async Task<Results<Created<Course>, ValidationProblem, ProblemHttpResult>> Create(
        CreateCourseRequest request, Caller caller, NpgsqlDataSource db, ReportTriggers reports, CancellationToken ct)
    {
        var scope = TrainingScope.Of(caller);
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var centre = await conn.QuerySingleOrDefaultAsync<long?>(new CommandDefinition($"""
            select tc.id from training_centres tc where tc.id = @TrainingCentreId and {TrainingScope.Filter}
            """, new { request.TrainingCentreId, ScopeCentreId = scope.CentreId, ScopeOfficeId = scope.OfficeId }, tx,
            cancellationToken: ct));
        var errors = new FieldErrors().AddIf(centre is null, "trainingCentreId", "Unknown training centre.");
        var codes = await CourseCodes.ResolveAsync(conn, tx, request.CompetencyCodes, request.OccupationCodes, errors, ct);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        try
        {
            var id = await conn.ExecuteScalarAsync<long>(new CommandDefinition("""
                insert into courses (training_centre_id, code, title, hours, description)
                values (@TrainingCentreId, @Code, @Title, @Hours, @Description)
                returning id
                """, request, tx, cancellationToken: ct));
            await CourseCodes.ReplaceAsync(conn, tx, id, codes, ct);
            await AuditLog.WriteAsync(conn, tx, caller, new AuditEntry("course.create", "course", id,
                Details: new { request.TrainingCentreId }), ct);
            await reports.CourseChangedAsync(conn, tx, id, ct);
            var course = await ReadAsync(conn, tx, id, ct);
            await tx.CommitAsync(ct);
            return TypedResults.Created($"/api/v1/courses/{id}", course);
        }
        catch (PostgresException e) when (e.IsUniqueViolation(DuplicateCode))
        {
            return Problems.Conflict($"This training centre already has a course with code '{request.Code}'.");
        }
    }

    public static async Task<Results<Ok<Course>, NotFound, ValidationProblem, ProblemHttpResult>> Update(long id,
        UpdateCourseRequest request, Caller caller, NpgsqlDataSource db, ReportTriggers reports, CancellationToken ct)
    {
        var scope = TrainingScope.Of(caller);
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var found = await conn.QuerySingleOrDefaultAsync<long?>(new CommandDefinition($"""
            select cr.id {CoursesApi.Scoped} and cr.id = @id for update of cr
            """, new { id, ScopeCentreId = scope.CentreId, ScopeOfficeId = scope.OfficeId }, tx, cancellationToken: ct));
        if (found is null)
        {
            return TypedResults.NotFound();
        }

        var errors = new FieldErrors();
        var codes = await CourseCodes.ResolveAsync(conn, tx, request.CompetencyCodes, request.OccupationCodes, errors, ct);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        try
        {
            await conn.ExecuteAsync(new CommandDefinition("""
                update courses set code = @Code, title = @Title, hours = @Hours, description = @Description
                where id = @id
                """, new { id, request.Code, request.Title, request.Hours, request.Description }, tx,
                cancellationToken: ct));
            await CourseCodes.ReplaceAsync(conn, tx, id, codes, ct);
            await AuditLog.WriteAsync(conn, tx, caller, new AuditEntry("course.update", "course", id), ct);
            await reports.CourseChangedAsync(conn, tx, id, ct);
            var course = await ReadAsync(conn, tx, id, ct);
            await tx.CommitAsync(ct);
            return TypedResults.Ok(course);
        }
        catch (PostgresException e) when (e.IsUniqueViolation(DuplicateCode))
        {
            return Problems.Conflict($"This training centre already has a course with code '{request.Code}'.");
        }
    }

    private static async Task<Course> ReadAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long id,
        CancellationToken ct) =>
        (await CourseReader.ReadAsync(conn, tx, $"select {CourseReader.Columns} from courses cr where cr.id = @id",
            new { id }, ct)).Single();
}
