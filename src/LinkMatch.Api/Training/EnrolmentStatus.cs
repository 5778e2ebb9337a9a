using Dapper;
using LinkMatch.Api.Audit;
using LinkMatch.Api.Auth;
using LinkMatch.Api.Http;
using LinkMatch.Api.Matching.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace LinkMatch.Api.Training;

/// <summary>Moves an enrolment between enrolled, completed and dropped. <c>completedOn</c> goes with 'completed'
/// only (today when left out).</summary>
public sealed record UpdateEnrolmentRequest(
    [property: System.ComponentModel.DataAnnotations.Required, OneOf("enrolled", "completed", "dropped")] string Status,
    DateOnly? CompletedOn = null);

/// <summary>The allowed moves: enrolled → completed or dropped; dropped → enrolled again while a place is free;
/// a completed enrolment is final (only its completion date can be corrected).</summary>
internal static class EnrolmentStatus
{
    public static async Task<Results<Ok<Enrolment>, NotFound, ValidationProblem, ProblemHttpResult>> Update(long id,
        UpdateEnrolmentRequest request, Caller caller, NpgsqlDataSource db, TimeProvider time,
        MatchingTriggers matching, CancellationToken ct)
    {
        if (request.Status != "completed" && request.CompletedOn is not null)
        {
            return Problems.Field("completedOn", "Only a completed enrolment has a completion date.");
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var current = await LockedEnrolment.LockAsync(conn, tx, id, TrainingScope.Of(caller), ct);
        if (current is null)
        {
            return TypedResults.NotFound();
        }

        var today = TrainingCalendar.Today(time);
        var completedOn = request.Status == "completed" ? request.CompletedOn ?? current.CompletedOn ?? today : (DateOnly?)null;
        var errors = new FieldErrors()
            .AddIf(completedOn < current.CohortStartsOn, "completedOn", "The cohort had not started by then.")
            .AddIf(completedOn > today, "completedOn", "The completion date cannot be in the future.");
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (Refusal(current.Status, request.Status) is { } refusal)
        {
            return Problems.Conflict(refusal);
        }

        if (current.Status == "dropped" && request.Status == "enrolled")
        {
            // Taking a place back: lock the cohort as enrolling does, then count.
            await conn.ExecuteAsync(new CommandDefinition("select 1 from cohorts where id = @CohortId for update",
                current, tx, cancellationToken: ct));
            if (await EnrolmentCreate.PlacesTakenAsync(conn, tx, current.CohortId, ct) >= current.Capacity)
            {
                return Problems.Conflict($"The cohort is full (capacity {current.Capacity}).");
            }
        }

        if (current.Status != request.Status || current.CompletedOn != completedOn)
        {
            await conn.ExecuteAsync(new CommandDefinition("""
                update enrolments set status = @Status, completed_on = @completedOn where id = @id
                """, new { id, request.Status, completedOn }, tx, cancellationToken: ct));
            await AuditLog.WriteAsync(conn, tx, caller, new AuditEntry("enrolment.update", "enrolment", id,
                current.SeekerId, new { From = current.Status, To = request.Status }), ct);
            // A completed course makes a recent graduate and aligns them with vacancies of its occupations.
            await matching.SeekerChangedAsync(conn, tx, current.SeekerId, ct);
            var changed = await EnrolmentReader.ReadOneAsync(conn, tx, id, ct);
            await tx.CommitAsync(ct);
            return TypedResults.Ok(changed);
        }

        var enrolment = await EnrolmentReader.ReadOneAsync(conn, tx, id, ct);
        await EnrolmentReader.AuditShownAsync(conn, tx, caller, [enrolment], ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(enrolment);
    }

    private static string? Refusal(string from, string to) => (from, to) switch
    {
        _ when from == to => null,
        ("enrolled", _) => null,
        ("dropped", "enrolled") => null,
        ("dropped", "completed") => "A dropped enrolment cannot be completed; set it back to 'enrolled' first.",
        ("completed", _) => "A completed enrolment is final; it cannot be reopened or dropped.",
        _ => $"An enrolment cannot go from '{from}' to '{to}'.",
    };
}
