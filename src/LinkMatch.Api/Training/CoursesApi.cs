using Dapper;
using LinkMatch.Api.Auth;
using LinkMatch.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace LinkMatch.Api.Training;

/// <summary>Courses (kejuruan): instructors manage their BLK's, staff read their office's BLKs', admins all.</summary>
internal static class CoursesApi
{
    public const string Scoped = $"""
        from courses cr join training_centres tc on tc.id = cr.training_centre_id
        where {TrainingScope.Filter}
        """;

    private static readonly SortMap Sorts = new("cr.code", new Dictionary<string, string>
    {
        ["code"] = "cr.code",
        ["title"] = "cr.title",
        ["hours"] = "cr.hours",
        ["createdAt"] = "cr.created_at",
    });

    public static void MapCourses(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/courses").WithTags("Courses");
        var read = group.MapGroup("").RequireAuthorization(Policies.StaffOrInstructor);
        read.MapGet("/", List).WithSummary("Courses (kejuruan) of the training centres, filtered and paged.");
        read.MapGet("/{id:long}", Get).WithSummary("A course with the units of competency it teaches.");
        var write = group.MapGroup("").RequireAuthorization(Policies.Instructor)
            .ProducesProblem(StatusCodes.Status409Conflict);
        write.MapPost("/", CourseWrites.Create).WithSummary("Add a course to the instructor's BLK.");
        write.MapPut("/{id:long}", CourseWrites.Update).WithSummary("Change a course and the units it teaches.");
    }

    public static async Task<Results<Ok<PagedList<Course>>, ValidationProblem>> List([AsParameters] CourseFilter filter,
        [AsParameters] PageQuery page, Caller caller, NpgsqlDataSource db, CancellationToken ct)
    {
        if (Sorts.ToSql(page.Sort, "cr.id") is not { } order)
        {
            return Problems.Fields(Sorts.Error());
        }

        const string where = $"""
            {Scoped}
              and (@TrainingCentreId::bigint is null or cr.training_centre_id = @TrainingCentreId)
              and (@OfficeId::bigint is null or tc.office_id = @OfficeId)
              and (@RegionCode::text is null or tc.region_code = @RegionCode or tc.region_code like @RegionCode || '.%')
              and (@OccupationCode::text is null or exists (select from course_occupations co
                   where co.course_id = cr.id and co.occupation_code like @OccupationCode || '%'))
              and (@Competency::text is null or exists (select from course_competencies cc
                   join competencies k on k.id = cc.competency_id where cc.course_id = cr.id and k.code = @Competency))
              and (@Q::text is null or cr.title ilike '%' || @Q || '%' or cr.code ilike @Q || '%')
            """;
        var scope = TrainingScope.Of(caller);
        var parameters = new
        {
            ScopeCentreId = scope.CentreId,
            ScopeOfficeId = scope.OfficeId,
            filter.TrainingCentreId,
            filter.OfficeId,
            filter.RegionCode,
            filter.OccupationCode,
            filter.Competency,
            filter.Q,
            page.Size,
            page.Offset,
        };
        await using var conn = await db.OpenConnectionAsync(ct);
        var total = await conn.ExecuteScalarAsync<long>(new CommandDefinition($"select count(*) {where}", parameters,
            cancellationToken: ct));
        var items = await CourseReader.ReadAsync(conn, null, $"""
            select {CourseReader.Columns} {where} order by {order} limit @Size offset @Offset
            """, parameters, ct);
        return TypedResults.Ok(new PagedList<Course>(items, page.PageNumber, page.Size, total));
    }

    public static async Task<Results<Ok<Course>, NotFound>> Get(long id, Caller caller, NpgsqlDataSource db,
        CancellationToken ct)
    {
        var scope = TrainingScope.Of(caller);
        await using var conn = await db.OpenConnectionAsync(ct);
        var course = (await CourseReader.ReadAsync(conn, null, $"select {CourseReader.Columns} {Scoped} and cr.id = @id",
            new { id, ScopeCentreId = scope.CentreId, ScopeOfficeId = scope.OfficeId }, ct)).SingleOrDefault();
        return course is null ? TypedResults.NotFound() : TypedResults.Ok(course);
    }
}
