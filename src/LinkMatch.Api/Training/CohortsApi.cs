using Dapper;
using LinkMatch.Api.Audit;
using LinkMatch.Api.Auth;
using LinkMatch.Api.Database;
using LinkMatch.Api.Http;
using LinkMatch.Api.Reports;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace LinkMatch.Api.Training;

/// <summary>Cohorts (angkatan): instructors manage their BLK's, staff read their office's BLKs', admins all.</summary>
internal static class CohortsApi
{
    private static readonly SortMap Sorts = new("c.starts_on desc", new Dictionary<string, string>
    {
        ["startsOn"] = "c.starts_on",
        ["endsOn"] = "c.ends_on",
        ["name"] = "c.name",
        ["createdAt"] = "c.created_at",
    });

    public static void MapCohorts(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/cohorts").WithTags("Cohorts");
        var read = group.MapGroup("").RequireAuthorization(Policies.StaffOrInstructor);
        read.MapGet("/", List).WithSummary("Cohorts (angkatan) of courses, filtered by course, centre and dates.");
        read.MapGet("/{id:long}", Get).WithSummary("A cohort (angkatan).");
        var write = group.MapGroup("").RequireAuthorization(Policies.Instructor)
            .ProducesProblem(StatusCodes.Status409Conflict);
        write.MapPost("/", Create).WithSummary("Open a cohort of one of the BLK's courses.");
        write.MapPut("/{id:long}", Update).WithSummary("Change a cohort's dates, size or status.");
    }

    public static async Task<Results<Ok<PagedList<Cohort>>, ValidationProblem>> List([AsParameters] CohortFilter filter,
        [AsParameters] PageQuery page, Caller caller, NpgsqlDataSource db, TimeProvider time, CancellationToken ct)
    {
        if (Sorts.ToSql(page.Sort, "c.id") is not { } order)
        {
            return Problems.Fields(Sorts.Error());
        }

        if (filter.From > filter.To)
        {
            return Problems.Field("to", "The end of the range comes before its start.");
        }

        const string where = $"""
            {CohortSql.Scoped}
              and (@CourseId::bigint is null or c.course_id = @CourseId)
              and (@TrainingCentreId::bigint is null or cr.training_centre_id = @TrainingCentreId)
              and (@OfficeId::bigint is null or tc.office_id = @OfficeId)
              and (@RegionCode::text is null or tc.region_code = @RegionCode or tc.region_code like @RegionCode || '.%')
              and (@OccupationCode::text is null or exists (select from course_occupations co
                   where co.course_id = cr.id and co.occupation_code like @OccupationCode || '%'))
              and (@Status::text is null or {TrainingCalendar.CohortStatus} = @Status)
              and (@From::date is null or c.ends_on >= @From)
              and (@To::date is null or c.starts_on <= @To)
            """;
        var scope = TrainingScope.Of(caller);
        await using var conn = await db.OpenConnectionAsync(ct);
        return TypedResults.Ok(await conn.ReadPageAsync<Cohort>(CohortSql.Columns, where, order, new
        {
            ScopeCentreId = scope.CentreId,
            ScopeOfficeId = scope.OfficeId,
            Today = TrainingCalendar.Today(time),
            filter.CourseId,
            filter.TrainingCentreId,
            filter.OfficeId,
            filter.RegionCode,
            filter.OccupationCode,
            filter.Status,
            filter.From,
            filter.To,
        }, page, ct));
    }

    public static async Task<Results<Ok<Cohort>, NotFound>> Get(long id, Caller caller, NpgsqlDataSource db,
        TimeProvider time, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var cohort = await ReadAsync(conn, null, id, TrainingScope.Of(caller), time, ct);
        return cohort is null ? TypedResults.NotFound() : TypedResults.Ok(cohort);
    }

    public static async Task<Results<Created<Cohort>, ValidationProblem, ProblemHttpResult>> Create(
        CreateCohortRequest request, Caller caller, NpgsqlDataSource db, TimeProvider time, ReportTriggers reports,
        CancellationToken ct)
    {
        var scope = TrainingScope.Of(caller);
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var course = await conn.QuerySingleOrDefaultAsync<long?>(new CommandDefinition($"""
            select cr.id {CoursesApi.Scoped} and cr.id = @CourseId
            """, new { request.CourseId, ScopeCentreId = scope.CentreId, ScopeOfficeId = scope.OfficeId }, tx,
            cancellationToken: ct));
        var errors = CohortSql.CheckDates(request.StartsOn, request.EndsOn)
            .AddIf(course is null, "courseId", "Unknown course.");
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        try
        {
            var id = await conn.ExecuteScalarAsync<long>(new CommandDefinition("""
                insert into cohorts (course_id, name, starts_on, ends_on, capacity, instructor_name)
                values (@CourseId, @Name, @StartsOn, @EndsOn, @Capacity, @InstructorName)
                returning id
                """, request, tx, cancellationToken: ct));
            await AuditLog.WriteAsync(conn, tx, caller, new AuditEntry("cohort.create", "cohort", id,
                Details: new { request.CourseId }), ct);
            await reports.CohortChangedAsync(conn, tx, id, ct);
            var cohort = await ReadAsync(conn, tx, id, scope, time, ct);
            await tx.CommitAsync(ct);
            return TypedResults.Created($"/api/v1/cohorts/{id}", cohort);
        }
        catch (PostgresException e) when (e.IsUniqueViolation("cohorts_course_id_name_key"))
        {
            return Problems.Conflict($"This course already has a cohort named '{request.Name}'.");
        }
    }

    /// <summary>The cohort row stays locked while places are counted, so enrolments cannot slip past a smaller capacity.</summary>
    public static async Task<Results<Ok<Cohort>, NotFound, ValidationProblem, ProblemHttpResult>> Update(long id,
        UpdateCohortRequest request, Caller caller, NpgsqlDataSource db, TimeProvider time, ReportTriggers reports,
        CancellationToken ct)
    {
        var errors = CohortSql.CheckDates(request.StartsOn, request.EndsOn);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var scope = TrainingScope.Of(caller);
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var taken = await conn.QuerySingleOrDefaultAsync<int?>(new CommandDefinition($"""
            select (select count(*)::int from enrolments e where e.cohort_id = c.id and e.status <> 'dropped')
            {CohortSql.Scoped} and c.id = @id
            for update of c
            """, new { id, ScopeCentreId = scope.CentreId, ScopeOfficeId = scope.OfficeId }, tx, cancellationToken: ct));
        if (taken is null)
        {
            return TypedResults.NotFound();
        }

        if (request.Capacity < taken)
        {
            return Problems.Conflict($"{taken} places are taken; the capacity cannot be less than that.");
        }

        try
        {
            await conn.ExecuteAsync(new CommandDefinition("""
                update cohorts set name = @Name, starts_on = @StartsOn, ends_on = @EndsOn, capacity = @Capacity,
                                   instructor_name = @InstructorName
                where id = @id
                """, new { id, request.Name, request.StartsOn, request.EndsOn, request.Capacity, request.InstructorName },
                tx, cancellationToken: ct));
            await AuditLog.WriteAsync(conn, tx, caller, new AuditEntry("cohort.update", "cohort", id), ct);
            await reports.CohortChangedAsync(conn, tx, id, ct);
            var cohort = await ReadAsync(conn, tx, id, scope, time, ct);
            await tx.CommitAsync(ct);
            return TypedResults.Ok(cohort!);
        }
        catch (PostgresException e) when (e.IsUniqueViolation("cohorts_course_id_name_key"))
        {
            return Problems.Conflict($"This course already has a cohort named '{request.Name}'.");
        }
    }

    private static Task<Cohort?> ReadAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, long id, TrainingScope scope,
        TimeProvider time, CancellationToken ct) =>
        conn.QuerySingleOrDefaultAsync<Cohort>(new CommandDefinition($"""
            select {CohortSql.Columns} {CohortSql.Scoped} and c.id = @id
            """, new
        {
            id,
            ScopeCentreId = scope.CentreId,
            ScopeOfficeId = scope.OfficeId,
            Today = TrainingCalendar.Today(time),
        }, tx, cancellationToken: ct));
}
