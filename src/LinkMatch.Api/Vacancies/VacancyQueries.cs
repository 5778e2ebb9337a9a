using Dapper;
using LinkMatch.Api.Auth;
using LinkMatch.Api.Database;
using LinkMatch.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace LinkMatch.Api.Vacancies;

/// <summary>Reading vacancies, limited in SQL to the caller's (see <see cref="VacancyRules.ScopeOf"/>).</summary>
public static class VacancyQueries
{
    private const string Columns = """
        v.id, v.employer_id, e.name as employer_name, v.mou_id, v.office_id, v.type, v.title, v.occupation_code,
        v.description, v.min_education, v.min_experience_years, v.age_min::int as age_min, v.age_max::int as age_max,
        v.sex, v.work_region_code, v.openings, v.filled, v.wage_min, v.wage_max, v.contract_type,
        v.apprenticeship_months::int as apprenticeship_months, v.stipend, v.opens_on, v.closes_on, v.status,
        v.filled_reported_at, v.closed_at, v.created_at, v.updated_at
        """;

    private const string From = "from vacancies v join employers e on e.id = v.employer_id";

    private static readonly SortMap Sorts = new("v.created_at desc", new Dictionary<string, string>
    {
        ["createdAt"] = "v.created_at",
        ["opensOn"] = "v.opens_on",
        ["closesOn"] = "v.closes_on",
        ["title"] = "v.title",
        ["openings"] = "v.openings",
        ["wageMax"] = "v.wage_max",
    });

    public static async Task<Results<Ok<PagedList<Vacancy>>, ValidationProblem>> List(
        [AsParameters] VacancyFilter filter, [AsParameters] PageQuery page, Caller caller, NpgsqlDataSource db,
        CancellationToken ct)
    {
        if (Sorts.ToSql(page.Sort, "v.id") is not { } order)
        {
            return Problems.Fields(Sorts.Error());
        }

        const string where = $"""
            where {VacancyRules.Scope}
              and (@OfficeId::bigint is null or v.office_id = @OfficeId)
              and (@EmployerId::bigint is null or v.employer_id = @EmployerId)
              and (@WorkRegionCode::text is null or v.work_region_code = @WorkRegionCode
                   or v.work_region_code like @WorkRegionCode || '.%')
              and (@OccupationCode::text is null or v.occupation_code like @OccupationCode || '%')
              and (@Status::text is null or v.status = @Status)
              and (@Type::text is null or v.type = @Type)
              and (@OpenOn::date is null or @OpenOn between v.opens_on and v.closes_on)
              and (@PostedFrom::date is null or v.created_at >= @PostedFrom::date)
              and (@PostedTo::date is null or v.created_at < @PostedTo::date + 1)
              and (@Q::text is null or v.title ilike '%' || @Q || '%')
            """;
        var (scopeOffice, scopeEmployer) = VacancyRules.ScopeOf(caller);
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.ReadPageAsync<Vacancy>(null, new ListSql($"select count(*) from vacancies v {where}",
            $"select {Columns} {From} {where} order by {order}"), new
            {
                ScopeOfficeId = scopeOffice,
                ScopeEmployerId = scopeEmployer,
                filter.OfficeId,
                filter.EmployerId,
                filter.WorkRegionCode,
                filter.OccupationCode,
                filter.Status,
                filter.Type,
                filter.OpenOn,
                filter.PostedFrom,
                filter.PostedTo,
                filter.Q,
            }, page, ct);
        var items = await WithCompetenciesAsync(conn, null, [.. rows.Items], ct);
        return TypedResults.Ok(rows with { Items = items });
    }

    public static async Task<Results<Ok<Vacancy>, NotFound>> Get(long id, Caller caller, NpgsqlDataSource db,
        CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var vacancy = await FindAsync(conn, null, id, caller, ct);
        return vacancy is null ? TypedResults.NotFound() : TypedResults.Ok(vacancy);
    }

    internal static async Task<Vacancy?> FindAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, long id,
        Caller caller, CancellationToken ct)
    {
        var (scopeOffice, scopeEmployer) = VacancyRules.ScopeOf(caller);
        var row = await conn.QuerySingleOrDefaultAsync<Vacancy>(new CommandDefinition(
            $"select {Columns} {From} where v.id = @id and {VacancyRules.Scope}",
            new { id, ScopeOfficeId = scopeOffice, ScopeEmployerId = scopeEmployer }, tx, cancellationToken: ct));
        return row is null ? null : (await WithCompetenciesAsync(conn, tx, [row], ct))[0];
    }

    private static async Task<List<Vacancy>> WithCompetenciesAsync(NpgsqlConnection conn, NpgsqlTransaction? tx,
        List<Vacancy> vacancies, CancellationToken ct)
    {
        if (vacancies.Count == 0)
        {
            return vacancies;
        }

        var ids = vacancies.Select(v => v.Id).ToArray();
        var rows = await conn.QueryAsync<(long VacancyId, long CompetencyId, string Code, string Title, bool Mandatory,
            int MinLevel)>(new CommandDefinition("""
                select vc.vacancy_id, vc.competency_id, c.code, c.title, vc.mandatory, vc.min_level::int
                from vacancy_competencies vc join competencies c on c.id = vc.competency_id
                where vc.vacancy_id = any(@ids)
                order by vc.mandatory desc, c.code
                """, new { ids }, tx, cancellationToken: ct));
        var byVacancy = rows.ToLookup(r => r.VacancyId,
            r => new VacancyCompetency(r.CompetencyId, r.Code, r.Title, r.Mandatory, r.MinLevel));
        return vacancies.Select(v => v with { Competencies = byVacancy[v.Id].ToList() }).ToList();
    }
}
