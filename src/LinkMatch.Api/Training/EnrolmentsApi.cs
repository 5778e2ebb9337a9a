using Dapper;
using LinkMatch.Api.Auth;
using LinkMatch.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace LinkMatch.Api.Training;

/// <summary>Enrolments, their assessments and certificates: instructors manage their BLK's, staff read their
/// office's BLKs', admins all. Every response naming a seeker is audited as a read of personal data.</summary>
internal static class EnrolmentsApi
{
    private static readonly SortMap Sorts = new("e.created_at", new Dictionary<string, string>
    {
        ["createdAt"] = "e.created_at",
        ["completedOn"] = "e.completed_on",
        ["status"] = "e.status",
        ["seekerName"] = "s.full_name",
    });

    public static void MapEnrolments(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/enrolments").WithTags("Enrolments");
        var read = group.MapGroup("").RequireAuthorization(Policies.StaffOrInstructor);
        read.MapGet("/", List).WithSummary("Enrolments of seekers in cohorts, filtered by seeker, cohort and status.");
        read.MapGet("/{id:long}", Get).WithSummary("An enrolment with its assessments and certificate.");
        var write = group.MapGroup("").RequireAuthorization(Policies.Instructor)
            .ProducesProblem(StatusCodes.Status409Conflict);
        write.MapPost("/", EnrolmentCreate.Create).WithSummary("Enrol a seeker in a cohort of the instructor's BLK.");
        write.MapPut("/{id:long}", EnrolmentStatus.Update)
            .WithSummary("Move an enrolment on: completed, dropped out or failed.");
        write.MapPut("/{id:long}/assessments", EnrolmentAssessments.Record)
            .WithSummary("Record the competency assessment of each unit (competent or not yet).");
        write.MapPut("/{id:long}/certificate", EnrolmentCertificates.Issue)
            .WithSummary("Record the certificate issued for the units judged competent.");
    }

    public static async Task<Results<Ok<PagedList<Enrolment>>, ValidationProblem>> List(
        [AsParameters] EnrolmentFilter filter, [AsParameters] PageQuery page, Caller caller, NpgsqlDataSource db,
        CancellationToken ct)
    {
        if (Sorts.ToSql(page.Sort, "e.id") is not { } order)
        {
            return Problems.Fields(Sorts.Error());
        }

        if (filter.CompletedFrom > filter.CompletedTo)
        {
            return Problems.Field("completedTo", "The end of the range comes before its start.");
        }

        const string where = $"""
            {EnrolmentReader.Scoped}
              and (@CohortId::bigint is null or e.cohort_id = @CohortId)
              and (@CourseId::bigint is null or c.course_id = @CourseId)
              and (@TrainingCentreId::bigint is null or cr.training_centre_id = @TrainingCentreId)
              and (@OfficeId::bigint is null or tc.office_id = @OfficeId)
              and (@SeekerId::bigint is null or e.seeker_id = @SeekerId)
              and (@Status::text is null or e.status = @Status)
              and (@CompletedFrom::date is null or e.completed_on >= @CompletedFrom)
              and (@CompletedTo::date is null or e.completed_on <= @CompletedTo)
              and (@Certified::boolean is null or (e.certificate_number is not null) = @Certified)
            """;
        var scope = TrainingScope.Of(caller);
        var parameters = new
        {
            ScopeCentreId = scope.CentreId,
            ScopeOfficeId = scope.OfficeId,
            filter.CohortId,
            filter.CourseId,
            filter.TrainingCentreId,
            filter.OfficeId,
            filter.SeekerId,
            filter.Status,
            filter.CompletedFrom,
            filter.CompletedTo,
            filter.Certified,
            page.Size,
            page.Offset,
        };
        await using var conn = await db.OpenConnectionAsync(ct);
        var total = await conn.ExecuteScalarAsync<long>(new CommandDefinition($"select count(*) {where}", parameters,
            cancellationToken: ct));
        var items = await EnrolmentReader.ReadAsync(conn, null, $"""
            select {EnrolmentReader.Columns} {where} order by {order} limit @Size offset @Offset
            """, parameters, ct);
        await EnrolmentReader.AuditShownAsync(conn, null, caller, items, ct);
        return TypedResults.Ok(new PagedList<Enrolment>(items, page.PageNumber, page.Size, total));
    }

    public static async Task<Results<Ok<Enrolment>, NotFound>> Get(long id, Caller caller, NpgsqlDataSource db,
        CancellationToken ct)
    {
        var scope = TrainingScope.Of(caller);
        await using var conn = await db.OpenConnectionAsync(ct);
        var enrolment = (await EnrolmentReader.ReadAsync(conn, null, $"""
            select {EnrolmentReader.Columns} {EnrolmentReader.Scoped} and e.id = @id
            """, new { id, ScopeCentreId = scope.CentreId, ScopeOfficeId = scope.OfficeId }, ct)).SingleOrDefault();
        if (enrolment is null)
        {
            return TypedResults.NotFound();
        }

        await EnrolmentReader.AuditShownAsync(conn, null, caller, [enrolment], ct);
        return TypedResults.Ok(enrolment);
    }
}
