using System.ComponentModel.DataAnnotations;
using Dapper;
using LinkMatch.Api.Audit;
using LinkMatch.Api.Auth;
using LinkMatch.Api.Http;
using LinkMatch.Api.Matching.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace LinkMatch.Api.Training;

/// <summary>The outcome of uji kompetensi for one unit the course teaches.</summary>
public sealed record AssessmentInput(
    [property: Required, StringLength(64, MinimumLength = 1)] string CompetencyCode,
    [property: Required, OneOf("competent", "not_yet_competent")] string Outcome,
    DateOnly AssessedOn);

/// <summary>Sets the outcomes of the given units; units not named keep theirs.</summary>
public sealed record RecordAssessmentsRequest(
    [property: Required, MinLength(1), MaxLength(200)] IReadOnlyList<AssessmentInput> Assessments);

/// <summary>Recording assessments. A competent unit goes into the seeker's competency profile in the same
/// transaction. Dropped enrolments cannot be assessed; once a certificate is issued the outcomes are final.</summary>
internal static class EnrolmentAssessments
{
    public static async Task<Results<Ok<Enrolment>, NotFound, ValidationProblem, ProblemHttpResult>> Record(long id,
        RecordAssessmentsRequest request, Caller caller, NpgsqlDataSource db, TimeProvider time,
        MatchingTriggers matching, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var current = await LockedEnrolment.LockAsync(conn, tx, id, TrainingScope.Of(caller), ct);
        if (current is null)
        {
            return TypedResults.NotFound();
        }

        var codes = request.Assessments.Select(a => a.CompetencyCode).ToArray();
        var taught = (await conn.QueryAsync<(long Id, string Code)>(new CommandDefinition("""
            select k.id, k.code from course_competencies cc join competencies k on k.id = cc.competency_id
            where cc.course_id = @CourseId and k.code = any(@codes)
            """, new { current.CourseId, codes }, tx, cancellationToken: ct)))
            .ToDictionary(r => r.Code, r => r.Id, StringComparer.Ordinal);
        var today = TrainingCalendar.Today(time);
        var errors = new FieldErrors();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < request.Assessments.Count; i++)
        {
            var a = request.Assessments[i];
            errors.AddIf(!taught.ContainsKey(a.CompetencyCode), $"assessments[{i}].competencyCode",
                    $"'{Short(a.CompetencyCode)}' is not a unit of competency this course teaches.")
                .AddIf(!seen.Add(a.CompetencyCode), $"assessments[{i}].competencyCode", "The unit is listed twice.")
                .AddIf(a.AssessedOn < current.CohortStartsOn, $"assessments[{i}].assessedOn",
                    "The cohort had not started by then.")
                .AddIf(a.AssessedOn > today, $"assessments[{i}].assessedOn", "The date cannot be in the future.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (current.Status == "dropped")
        {
            return Problems.Conflict("The seeker dropped out of this cohort; a dropped enrolment is not assessed.");
        }

        if (current.CertificateNumber is not null)
        {
            return Problems.Conflict("A certificate has been issued for this enrolment; its assessments are final.");
        }

        await conn.ExecuteAsync(new CommandDefinition("""
            insert into enrolment_assessments (enrolment_id, competency_id, outcome, assessed_on)
            values (@EnrolmentId, @CompetencyId, @Outcome, @AssessedOn)
            on conflict (enrolment_id, competency_id) do update
            set outcome = excluded.outcome, assessed_on = excluded.assessed_on
            """, request.Assessments.Select(a => new
        {
            EnrolmentId = id,
            CompetencyId = taught[a.CompetencyCode],
            a.Outcome,
            a.AssessedOn,
        }).ToList(), tx, cancellationToken: ct));
        await AuditLog.WriteAsync(conn, tx, caller, new AuditEntry("enrolment.assess", "enrolment", id,
            current.SeekerId, new
            {
                CompetencyIds = codes.Select(c => taught[c]).ToArray(),
                Competent = request.Assessments.Count(a => a.Outcome == "competent"),
            }), ct);
        await SeekerCompetencies.UpsertFromEnrolmentAsync(conn, tx, caller, id, "assessed", ct);
        await matching.SeekerChangedAsync(conn, tx, current.SeekerId, ct);
        var enrolment = await EnrolmentReader.ReadOneAsync(conn, tx, id, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(enrolment);
    }

    private static string Short(string code) => code.Length <= 64 ? code : code[..64] + "…";
}
