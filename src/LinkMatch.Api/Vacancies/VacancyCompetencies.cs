using Dapper;
using Npgsql;

namespace LinkMatch.Api.Vacancies;

/// <summary>The units of competency a vacancy asks for, as posting and amending write them.</summary>
internal static class VacancyCompetencies
{
    /// <summary>Replaces the vacancy's competencies with the given ones.</summary>
    public static async Task SetAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long vacancyId,
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
}
