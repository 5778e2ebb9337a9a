using Dapper;
using LinkMatch.Api.Matching.Features;
using Npgsql;

namespace LinkMatch.Api.Matching.Candidates;

/// <summary>Loads vacancy profiles with their requirements and the employer facts matching needs on a reference
/// day: the offices with an active training MoU with the employer (BLK partners) and the apprentice quota left.
/// Open means status 'open' and not past its closing date.</summary>
public static class VacancyLoader
{
    public const string Open = "v.status = 'open' and v.closes_on >= @today";

    private sealed class Row
    {
        public long Id { get; init; }
        public long EmployerId { get; init; }
        public string EmployerName { get; init; } = "";
        public long OfficeId { get; init; }
        public string Type { get; init; } = "";
        public string Title { get; init; } = "";
        public string OccupationCode { get; init; } = "";
        public string MinEducation { get; init; } = "";
        public decimal MinExperienceYears { get; init; }
        public short? AgeMin { get; init; }
        public short? AgeMax { get; init; }
        public string WorkRegionCode { get; init; } = "";
        public int Openings { get; init; }
        public long? WageMin { get; init; }
        public long? WageMax { get; init; }
        public long? Stipend { get; init; }
        public DateOnly OpensOn { get; init; }
        public DateOnly ClosesOn { get; init; }
        public long[] PartnerOfficeIds { get; init; } = [];
        public int? QuotaHeadroom { get; init; }
    }

    /// <summary>Every open vacancy, as of <paramref name="today"/>.</summary>
    public static Task<List<VacancyProfile>> LoadOpenAsync(NpgsqlConnection conn, NpgsqlTransaction tx,
        DateOnly today, MatchingRules rules, CancellationToken ct) =>
        LoadAsync(conn, tx, Open, "@today", new { today, quota = rules.ApprenticeQuotaShare }, ct);

    /// <summary>One open vacancy, or null when it is not open (any more).</summary>
    public static async Task<VacancyProfile?> LoadOpenAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long id,
        DateOnly today, MatchingRules rules, CancellationToken ct) =>
        (await LoadAsync(conn, tx, $"v.id = @id and {Open}", "@today",
            new { id, today, quota = rules.ApprenticeQuotaShare }, ct)).SingleOrDefault();

    /// <summary>Those of the given vacancies that are open.</summary>
    public static Task<List<VacancyProfile>> LoadOpenAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long[] ids,
        DateOnly today, MatchingRules rules, CancellationToken ct) =>
        LoadAsync(conn, tx, $"v.id = any(@ids) and {Open}", "@today",
            new { ids, today, quota = rules.ApprenticeQuotaShare }, ct);

    /// <summary>The open vacancies that share a unit or an occupation minor group with the seeker.</summary>
    public static Task<List<VacancyProfile>> LoadSharingAsync(NpgsqlConnection conn, NpgsqlTransaction tx,
        SeekerProfile seeker, DateOnly today, MatchingRules rules, CancellationToken ct)
    {
        var units = seeker.Units.Select(u => u.CompetencyId).ToArray();
        var groups = seeker.PreferredOccupations.Concat(seeker.Courses.SelectMany(c => c.Occupations))
            .Select(Kbji.MinorGroup).Distinct().ToArray();
        return LoadAsync(conn, tx, $"""
            {Open} and (left(v.occupation_code, 3) = any(@groups)
                or exists (select 1 from vacancy_competencies vc
                           where vc.vacancy_id = v.id and vc.competency_id = any(@units)))
            """, "@today", new { today, units, groups, quota = rules.ApprenticeQuotaShare }, ct);
    }

    /// <summary>Filled or closed vacancies that opened between the dates, each as of its opening day (for
    /// training data).</summary>
    public static Task<List<VacancyProfile>> LoadEndedAsync(NpgsqlConnection conn, NpgsqlTransaction tx,
        DateOnly from, DateOnly today, MatchingRules rules, CancellationToken ct) =>
        LoadAsync(conn, tx, "(v.status <> 'open' or v.closes_on < @today) and v.opens_on >= @from",
            "v.opens_on", new { from, today, quota = rules.ApprenticeQuotaShare }, ct);

    private static async Task<List<VacancyProfile>> LoadAsync(NpgsqlConnection conn, NpgsqlTransaction tx,
        string where, string day, object parameters, CancellationToken ct)
    {
        var rows = (await conn.QueryAsync<Row>(new CommandDefinition($"""
            select v.id, v.employer_id, e.name as employer_name, v.office_id, v.type, v.title, v.occupation_code,
                   v.min_education, v.min_experience_years, v.age_min, v.age_max, v.work_region_code,
                   greatest(v.openings - v.filled, 1) as openings, v.wage_min, v.wage_max, v.stipend, v.opens_on,
                   v.closes_on,
                   array(select distinct m.office_id from mous m
                         where m.employer_id = v.employer_id and 'training' = any(m.scopes)
                           and m.signed_on <= {day} and m.valid_until >= {day}
                           and (m.terminated_on is null or m.terminated_on > {day})) as partner_office_ids,
                   case when v.type = 'apprenticeship' and e.workforce is not null then
                       floor(e.workforce * @quota)::int - (
                           select count(*)::int from placements p join vacancies pv on pv.id = p.vacancy_id
                           where p.employer_id = v.employer_id and p.type = 'apprenticeship'
                             and p.start_date <= {day}
                             and p.start_date + make_interval(months => coalesce(pv.apprenticeship_months, 12)) > {day})
                   end as quota_headroom
            from vacancies v join employers e on e.id = v.employer_id
            where {where}
            order by v.opens_on, v.id
            """, parameters, tx, cancellationToken: ct))).AsList();
        var ids = rows.Select(r => r.Id).ToArray();
        var requirements = (await conn.QueryAsync<(long VacancyId, long CompetencyId, bool Mandatory, short MinLevel)>(
                new CommandDefinition("""
                    select vc.vacancy_id, vc.competency_id, vc.mandatory, vc.min_level
                    from vacancy_competencies vc join unnest(@ids) as i (id) on i.id = vc.vacancy_id
                    order by vc.vacancy_id, vc.competency_id
                    """, new { ids }, tx, cancellationToken: ct)))
            .ToLookup(r => r.VacancyId, r => new Requirement(r.CompetencyId, r.Mandatory, r.MinLevel));
        return rows.Select(r => new VacancyProfile
        {
            Id = r.Id,
            EmployerId = r.EmployerId,
            EmployerName = r.EmployerName,
            OfficeId = r.OfficeId,
            Type = r.Type,
            Title = r.Title,
            OccupationCode = r.OccupationCode,
            MinEducation = r.MinEducation,
            MinExperienceYears = (float)r.MinExperienceYears,
            AgeMin = r.AgeMin,
            AgeMax = r.AgeMax,
            WorkRegionCode = r.WorkRegionCode,
            Openings = r.Openings,
            WageMin = r.WageMin,
            WageMax = r.WageMax,
            Stipend = r.Stipend,
            OpensOn = r.OpensOn,
            ClosesOn = r.ClosesOn,
            Requirements = [.. requirements[r.Id]],
            PartnerOfficeIds = r.PartnerOfficeIds,
            ApprenticeQuotaHeadroom = r.QuotaHeadroom,
        }).ToList();
    }
}
