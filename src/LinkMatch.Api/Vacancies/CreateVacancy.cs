using System.Text.Json;
using Dapper;
using LinkMatch.Api.Audit;
using LinkMatch.Api.Auth;
using LinkMatch.Api.Database;
using LinkMatch.Api.Http;
using LinkMatch.Api.Matching.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Npgsql;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace LinkMatch.Api.Vacancies;

/// <summary>Posting a vacancy. It needs an active MoU of the employer whose scopes cover the vacancy's type; the
/// vacancy belongs to that MoU's office (for staff, an MoU of their own office). With an <c>Idempotency-Key</c>
/// header a retry replays the first answer instead of posting twice (see <see cref="IdempotencyKeys"/>).</summary>
public static class CreateVacancy
{
    private sealed record CoveringMou(long Id, long OfficeId);

    public static async Task<Results<Created<Vacancy>, ValidationProblem, ProblemHttpResult>> Create(
        CreateVacancyRequest request, [FromHeader(Name = IdempotencyKeys.HeaderName)] string? idempotencyKey,
        Caller caller, HttpResponse response, NpgsqlDataSource db, IOptions<JsonOptions> json, MatchingTriggers matching,
        CancellationToken ct)
    {
        var (employerId, employerProblem) = VacancyRules.EmployerOf(caller, request.EmployerId);
        if (employerProblem is not null)
        {
            return employerProblem;
        }

        var errors = VacancyRules.Check(request.Type, request)
            .AddIf(idempotencyKey is not null && !IdempotencyKeys.IsWellFormed(idempotencyKey),
                IdempotencyKeys.FieldName, "Use 1 to 200 visible ASCII characters, such as a UUID.");
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var options = json.Value.SerializerOptions;
        var canonical = request with
        {
            EmployerId = employerId,
            Competencies = [.. (request.Competencies ?? []).OrderBy(c => c.CompetencyId)],
        };
        var keyScope = caller.IsEmployer ? $"employer:{employerId}" : $"user:{caller.UserId}";

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (idempotencyKey is not null)
        {
            var claim = await IdempotencyKeys.ClaimAsync(conn, tx, keyScope, idempotencyKey,
                IdempotencyKeys.Hash(canonical, options), ct);
            if (claim is IdempotencyClaim.Mismatch)
            {
                return Problems.Unprocessable(
                    "This Idempotency-Key was already used with a different request; use a new key for a new vacancy.");
            }

            if (claim is IdempotencyClaim.Replay replay)
            {
                await tx.CommitAsync(ct);
                response.Headers["Idempotent-Replayed"] = "true";
                var earlier = JsonSerializer.Deserialize<Vacancy>(replay.ResponseBody, options)!;
                return TypedResults.Created($"/api/v1/vacancies/{earlier.Id}", earlier);
            }
        }

        if (!caller.IsEmployer && !await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
                "select exists (select from employers where id = @employerId)", new { employerId }, tx,
                cancellationToken: ct)))
        {
            return Problems.Field("employerId", "Unknown employer.");
        }

        // The share lock keeps the MoU from being terminated or amended until this vacancy is committed.
        var scope = VacancyRules.CoveringScope(request.Type);
        var mou = await conn.QuerySingleOrDefaultAsync<CoveringMou>(new CommandDefinition("""
            select id, office_id from mous
            where employer_id = @employerId
              and mou_status(valid_until, terminated_on) = 'active'
              and @scope = any(scopes)
              and (@ScopeOfficeId::bigint is null or office_id = @ScopeOfficeId)
            order by valid_until desc, id
            limit 1
            for share
            """, new { employerId, scope, caller.ScopeOfficeId }, tx, cancellationToken: ct));
        if (mou is null)
        {
            return Problems.Conflict(caller.IsStaff
                ? $"The employer has no active MoU with your office covering '{scope}'."
                : $"The employer has no active MoU covering '{scope}', which a {request.Type} vacancy needs.");
        }

        var parameters = VacancyParameters.Of(canonical);
        parameters.Add("EmployerId", employerId);
        parameters.Add("MouId", mou.Id);
        parameters.Add("OfficeId", mou.OfficeId);
        parameters.Add("Type", request.Type);
        long id;
        try
        {
            id = await conn.ExecuteScalarAsync<long>(new CommandDefinition("""
                insert into vacancies (employer_id, mou_id, office_id, type, title, occupation_code, description,
                    min_education, min_experience_years, age_min, age_max, sex, work_region_code, openings, wage_min,
                    wage_max, contract_type, apprenticeship_months, stipend, opens_on, closes_on)
                values (@EmployerId, @MouId, @OfficeId, @Type, @Title, @OccupationCode, @Description, @MinEducation,
                    @MinExperienceYears, @AgeMin, @AgeMax, @Sex, @WorkRegionCode, @Openings, @WageMin, @WageMax,
                    @ContractType, @ApprenticeshipMonths, @Stipend, @OpensOn, @ClosesOn)
                returning id
                """, parameters, tx, cancellationToken: ct));
            await VacancyCompetencies.SetAsync(conn, tx, id, canonical.Competencies, ct);
        }
        catch (PostgresException e) when (e.IsForeignKeyViolation())
        {
            return VacancyRules.UnknownReference(e);
        }

        var vacancy = (await VacancyQueries.FindAsync(conn, tx, id, caller, ct))!;
        await AuditLog.WriteAsync(conn, tx, caller, new AuditEntry("vacancy.create", "vacancy", id,
            Details: new { vacancy.EmployerId, vacancy.MouId, vacancy.OfficeId, vacancy.Type }), ct);
        if (idempotencyKey is not null)
        {
            await IdempotencyKeys.CompleteAsync(conn, tx, keyScope, idempotencyKey, StatusCodes.Status201Created,
                JsonSerializer.Serialize(vacancy, options), ct);
        }

        await matching.VacancyChangedAsync(conn, tx, id, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/v1/vacancies/{id}", vacancy);
    }
}
