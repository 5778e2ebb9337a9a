using Dapper;
using LinkMatch.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace LinkMatch.Api.Vacancies;

/// <summary>Writing a vacancy's content: the SQL parameters, its competencies, and naming the field behind a
/// reference the database refused.</summary>
internal static class VacancyStore
{
    public static DynamicParameters Parameters(IVacancyTerms terms)
    {
        var p = new DynamicParameters();
        p.Add("Title", terms.Title.Trim());
        p.Add("OccupationCode", terms.OccupationCode);
        p.Add("Description", terms.Description);
        p.Add("MinEducation", terms.MinEducation);
        p.Add("MinExperienceYears", terms.MinExperienceYears);
        p.Add("AgeMin", terms.AgeMin);
        p.Add("AgeMax", terms.AgeMax);
        p.Add("Sex", terms.Sex);
        p.Add("WorkRegionCode", terms.WorkRegionCode);
        p.Add("Openings", terms.Openings);
        p.Add("WageMin", terms.WageMin);
        p.Add("WageMax", terms.WageMax);
        p.Add("ContractType", terms.ContractType);
        p.Add("ApprenticeshipMonths", terms.ApprenticeshipMonths);
        p.Add("Stipend", terms.Stipend);
        p.Add("OpensOn", terms.OpensOn);
        p.Add("ClosesOn", terms.ClosesOn);
        return p;
    }

    /// <summary>Replaces the vacancy's competencies with the given ones.</summary>
    public static async Task SetCompetenciesAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long vacancyId,
        VacancyCompetencyRequest[]? competencies, CancellationToken ct)
    {
        competencies ??= [];
        await conn.ExecuteAsync(new CommandDefinition("""
            delete from vacancy_competencies
            where vacancy_id = @vacancyId and competency_id <> all(@ids);
            insert into vacancy_competencies (vacancy_id, competency_id, mandatory, min_level)
            select @vacancyId, c.competency_id, c.mandatory, c.min_level
            from unnest(@ids::bigint[], @mandatory::boolean[], @levels::smallint[])
                as c(competency_id, mandatory, min_level)
            on conflict (vacancy_id, competency_id) do update
                set mandatory = excluded.mandatory, min_level = excluded.min_level
                where (vacancy_competencies.mandatory, vacancy_competencies.min_level)
                      is distinct from (excluded.mandatory, excluded.min_level);
            """, new
        {
            vacancyId,
            ids = competencies.Select(c => c.CompetencyId).ToArray(),
            mandatory = competencies.Select(c => c.Mandatory).ToArray(),
            levels = competencies.Select(c => (short)c.MinLevel).ToArray(),
        }, tx, cancellationToken: ct));
    }

    public static ValidationProblem UnknownReference(PostgresException e) => e.ConstraintName switch
    {
        "vacancies_occupation_code_fkey" => Problems.Field("occupationCode", "Unknown KBJI occupation code."),
        "vacancies_work_region_code_fkey" => Problems.Field("workRegionCode", "Unknown region code."),
        "vacancy_competencies_competency_id_fkey" => Problems.Field("competencies", "Unknown competency id."),
        _ => Problems.Field("employerId", "Unknown employer."),
    };
}
