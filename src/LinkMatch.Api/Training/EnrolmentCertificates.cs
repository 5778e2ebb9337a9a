using System.ComponentModel.DataAnnotations;
using Dapper;
using LinkMatch.Api.Audit;
using LinkMatch.Api.Auth;
using LinkMatch.Api.Database;
using LinkMatch.Api.Http;
using LinkMatch.Api.Matching.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace LinkMatch.Api.Training;

/// <summary>The certificate an LSP issued for a completed enrolment; issuing it again replaces the details.</summary>
public sealed record IssueCertificateRequest(
    [property: Required, StringLength(100, MinimumLength = 3)] string Number,
    [property: Required, StringLength(200, MinimumLength = 2)] string Scheme,
    [property: Required, StringLength(200, MinimumLength = 2)] string Lsp,
    DateOnly IssuedOn);

/// <summary>Certificates: only for a completed enrolment with at least one competent unit; numbers are unique.
/// Issuing one upgrades the seeker's competent units to 'certified' in the same transaction.</summary>
internal static class EnrolmentCertificates
{
    public static async Task<Results<Ok<Enrolment>, NotFound, ValidationProblem, ProblemHttpResult>> Issue(long id,
        IssueCertificateRequest request, Caller caller, NpgsqlDataSource db, TimeProvider time,
        MatchingTriggers matching, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var current = await LockedEnrolment.LockAsync(conn, tx, id, TrainingScope.Of(caller), ct);
        if (current is null)
        {
            return TypedResults.NotFound();
        }

        var errors = new FieldErrors()
            .AddIf(request.IssuedOn < current.CohortStartsOn, "issuedOn", "The cohort had not started by then.")
            .AddIf(request.IssuedOn > TrainingCalendar.Today(time), "issuedOn", "The date cannot be in the future.");
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (current.Status != "completed")
        {
            return Problems.Conflict("Only a completed enrolment can be certified; complete it first.");
        }

        var competent = await conn.ExecuteScalarAsync<int>(new CommandDefinition("""
            select count(*)::int from enrolment_assessments where enrolment_id = @id and outcome = 'competent'
            """, new { id }, tx, cancellationToken: ct));
        if (competent == 0)
        {
            return Problems.Conflict("No unit has been assessed competent; a certificate names the units judged competent.");
        }

        try
        {
            await conn.ExecuteAsync(new CommandDefinition("""
                update enrolments set certificate_number = @Number, certificate_scheme = @Scheme,
                                      certificate_lsp = @Lsp, certificate_issued_on = @IssuedOn
                where id = @id
                """, new { id, request.Number, request.Scheme, request.Lsp, request.IssuedOn }, tx,
                cancellationToken: ct));
            await AuditLog.WriteAsync(conn, tx, caller, new AuditEntry("enrolment.certify", "enrolment", id,
                current.SeekerId, new { Replaced = current.CertificateNumber is not null }), ct);
            await SeekerCompetencies.UpsertFromEnrolmentAsync(conn, tx, caller, id, "certified", ct);
            await matching.SeekerChangedAsync(conn, tx, current.SeekerId, ct);
            var enrolment = await EnrolmentReader.ReadOneAsync(conn, tx, id, ct);
            await tx.CommitAsync(ct);
            return TypedResults.Ok(enrolment);
        }
        catch (PostgresException e) when (e.IsUniqueViolation("enrolments_certificate_number_key"))
        {
            return Problems.Conflict($"Certificate number '{request.Number}' is already recorded for another enrolment.");
        }
    }
}
