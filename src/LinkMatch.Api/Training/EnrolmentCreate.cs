using Dapper;
using LinkMatch.Api.Audit;
using LinkMatch.Api.Auth;
using LinkMatch.Api.Database;
using LinkMatch.Api.Http;
using LinkMatch.Api.Reports;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace LinkMatch.Api.Training;

/// <summary>Enrolling a seeker in a cohort. The cohort row is locked while its places are counted, so concurrent
/// enrolments queue up and never exceed the capacity.</summary>
internal static class EnrolmentCreate
{
    public static async Task<Results<Created<Enrolment>, ValidationProblem, ProblemHttpResult>> Create(
        CreateEnrolmentRequest request, Caller caller, NpgsqlDataSource db, ReportTriggers reports, CancellationToken ct)
    {
        var scope = TrainingScope.Of(caller);
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var capacity = await conn.QuerySingleOrDefaultAsync<int?>(new CommandDefinition($"""
            select c.capacity {CohortSql.Scoped} and c.id = @CohortId for update of c
            """, new { request.CohortId, ScopeCentreId = scope.CentreId, ScopeOfficeId = scope.OfficeId }, tx,
            cancellationToken: ct));
        // Erased seekers are tombstones: they can no longer be enrolled.
        var seeker = await conn.QuerySingleOrDefaultAsync<long?>(new CommandDefinition("""
            select id from seekers where id = @SeekerId and status <> 'erased'
            """, request, tx, cancellationToken: ct));
        var errors = new FieldErrors()
            .AddIf(capacity is null, "cohortId", "Unknown cohort.")
            .AddIf(seeker is null, "seekerId", "Unknown seeker.");
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var existing = await conn.QuerySingleOrDefaultAsync<string>(new CommandDefinition("""
            select status from enrolments where cohort_id = @CohortId and seeker_id = @SeekerId
            """, request, tx, cancellationToken: ct));
        if (existing is not null)
        {
            return Problems.Conflict(existing == "dropped"
                ? "The seeker dropped out of this cohort; set the enrolment's status back to 'enrolled' instead."
                : "The seeker is already enrolled in this cohort.");
        }

        if (await PlacesTakenAsync(conn, tx, request.CohortId, ct) >= capacity)
        {
            return Problems.Conflict($"The cohort is full (capacity {capacity}).");
        }

        try
        {
            var id = await conn.ExecuteScalarAsync<long>(new CommandDefinition("""
                insert into enrolments (cohort_id, seeker_id) values (@CohortId, @SeekerId) returning id
                """, request, tx, cancellationToken: ct));
            await AuditLog.WriteAsync(conn, tx, caller, new AuditEntry("enrolment.create", "enrolment", id,
                request.SeekerId, new { request.CohortId }), ct);
            await reports.SeekerChangedAsync(conn, tx, request.SeekerId, ct);
            var enrolment = await EnrolmentReader.ReadOneAsync(conn, tx, id, ct);
            await tx.CommitAsync(ct);
            return TypedResults.Created($"/api/v1/enrolments/{id}", enrolment);
        }
        catch (PostgresException e) when (e.IsUniqueViolation("enrolments_cohort_id_seeker_id_key"))
        {
            return Problems.Conflict("The seeker is already enrolled in this cohort.");
        }
    }

    /// <summary>Enrolled and completed seekers hold a place; dropped ones do not. Call with the cohort row locked.</summary>
    public static Task<int> PlacesTakenAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long cohortId,
        CancellationToken ct) =>
        conn.ExecuteScalarAsync<int>(new CommandDefinition("""
            select count(*)::int from enrolments where cohort_id = @cohortId and status <> 'dropped'
            """, new { cohortId }, tx, cancellationToken: ct));
}
