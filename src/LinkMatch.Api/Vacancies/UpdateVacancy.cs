using Dapper;
using LinkMatch.Api.Auth;
using LinkMatch.Api.Database;
using LinkMatch.Api.Http;
using LinkMatch.Api.Matching.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace LinkMatch.Api.Vacancies;

/// <summary>Amending an open vacancy: its employer (only its own), staff of its office, admins.</summary>
public static class UpdateVacancy
{
    public static async Task<Results<Ok<Vacancy>, NotFound, ValidationProblem, ProblemHttpResult>> Update(long id,
        UpdateVacancyRequest request, Caller caller, NpgsqlDataSource db, MatchingTriggers matching, CancellationToken ct)
    {
        await using var change = await VacancyChange.BeginAsync(db, caller, id, ct);
        if (change.Vacancy is not { } current)
        {
            return TypedResults.NotFound();
        }

        var errors = VacancyRules.Check(current.Type, request)
            .AddIf(request.Openings < current.Filled, "openings",
                $"{current.Filled} placements are already recorded against this vacancy.");
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (current.Status != VacancyStatuses.Open)
        {
            return Problems.Conflict($"The vacancy is {current.Status}; only open vacancies can be amended.");
        }

        var parameters = VacancyParameters.Of(request);
        parameters.Add("Id", id);
        try
        {
            await change.Conn.ExecuteAsync(new CommandDefinition("""
                update vacancies set title = @Title, occupation_code = @OccupationCode, description = @Description,
                    min_education = @MinEducation, min_experience_years = @MinExperienceYears, age_min = @AgeMin,
                    age_max = @AgeMax, sex = @Sex, work_region_code = @WorkRegionCode, openings = @Openings,
                    wage_min = @WageMin, wage_max = @WageMax, contract_type = @ContractType,
                    apprenticeship_months = @ApprenticeshipMonths, stipend = @Stipend, opens_on = @OpensOn,
                    closes_on = @ClosesOn
                where id = @Id
                """, parameters, change.Tx, cancellationToken: ct));
            await VacancyCompetencies.SetAsync(change.Conn, change.Tx, id, request.Competencies, ct);
        }
        catch (PostgresException e) when (e.IsForeignKeyViolation())
        {
            return VacancyRules.UnknownReference(e);
        }

        return TypedResults.Ok(await change.FinishAsync(matching, "vacancy.update", null, ct));
    }
}
