using System.Globalization;
using Dapper;
using Npgsql;

namespace LinkMatch.Api.Reports.Ipk;

/// <summary>The IPK counts, aggregated in SQL: each registration, vacancy and placement becomes one fact row with
/// its month and the values of every dimension, and each fact is counted once per dimension.</summary>
internal static class IpkQuery
{
    private const string Sql = """
        with seeker_facts as (
            select to_char(s.registered_on, 'YYYY-MM') as month,
                   coalesce((select left(min(p.occupation_code), 1) from seeker_preferred_occupations p
                             where p.seeker_id = s.id), 'unknown') as occupation,
                   null::text as industry, s.education_level as education, coalesce(s.sex, 'unknown') as sex,
                   s.region_code as region, null::int as openings
            from seekers s
            where (@OfficeId::bigint is null or s.office_id = @OfficeId)
              and s.registered_on >= @Start and s.registered_on < @End
        ),
        vacancy_facts as (
            select to_char(v.opens_on, 'YYYY-MM'), left(v.occupation_code, 1), i.section, v.min_education, v.sex,
                   v.work_region_code, v.openings
            from vacancies v
            join employers e on e.id = v.employer_id
            join industries i on i.code = e.kbli_code
            where (@OfficeId::bigint is null or v.office_id = @OfficeId)
              and v.opens_on >= @Start and v.opens_on < @End
        ),
        placement_facts as (
            select to_char(p.start_date, 'YYYY-MM'), left(v.occupation_code, 1), i.section, s.education_level,
                   coalesce(s.sex, 'unknown'), v.work_region_code, null::int
            from placements p
            join vacancies v on v.id = p.vacancy_id
            join employers e on e.id = p.employer_id
            join industries i on i.code = e.kbli_code
            join seekers s on s.id = p.seeker_id
            where (@OfficeId::bigint is null or v.office_id = @OfficeId)
              and p.start_date >= @Start and p.start_date < @End
        ),
        facts as (
            select 'seekers_registered' as measure, f.* from seeker_facts f
            union all
            select 'vacancies_registered', f.* from vacancy_facts f
            union all
            select 'placements', f.* from placement_facts f
        ),
        counts as (
            select f.month, f.measure, d.dimension, d.key, count(*)::int as count, sum(f.openings)::int as openings
            from facts f
            cross join lateral (values ('total', 'all'), ('occupation_major_group', f.occupation),
                                       ('industry_section', f.industry), ('education', f.education),
                                       ('sex', f.sex), ('region', f.region)) as d (dimension, key)
            where d.key is not null
            group by f.month, f.measure, d.dimension, d.key
        )
        select c.month, c.measure, c.dimension, c.key,
               case c.dimension when 'occupation_major_group' then o.title when 'industry_section' then i.title
                                when 'region' then r.name end as label,
               c.count, c.openings
        from counts c
        left join occupations o on c.dimension = 'occupation_major_group' and o.code = c.key
        left join industries i on c.dimension = 'industry_section' and i.code = c.key
        left join regions r on c.dimension = 'region' and r.code = c.key
        order by c.month,
                 array_position(array['seekers_registered', 'vacancies_registered', 'placements'], c.measure),
                 array_position(array['total', 'occupation_major_group', 'industry_section', 'education', 'sex',
                                      'region'], c.dimension),
                 c.key
        """;

    public static async Task<IpkReport> ComputeAsync(NpgsqlConnection conn, NpgsqlTransaction tx, IpkScope scope,
        ReportStamp stamp, CancellationToken ct)
    {
        var start = ParseMonth(scope.From);
        var end = ParseMonth(scope.To).AddMonths(1);
        var rows = (await conn.QueryAsync<IpkRow>(new CommandDefinition(Sql,
            new { scope.OfficeId, Start = start, End = end }, tx, cancellationToken: ct))).AsList();
        var totals = rows.Where(r => r.Dimension == "total")
            .ToDictionary(r => (r.Month, r.Measure), r => (r.Count, r.Openings ?? 0));
        var months = new List<IpkMonth>();
        for (var month = start; month < end; month = month.AddMonths(1))
        {
            var key = Month(month);
            months.Add(new IpkMonth(key,
                totals.GetValueOrDefault((key, "seekers_registered")).Item1,
                totals.GetValueOrDefault((key, "vacancies_registered")).Item1,
                totals.GetValueOrDefault((key, "vacancies_registered")).Item2,
                totals.GetValueOrDefault((key, "placements")).Item1));
        }

        return new IpkReport(scope.OfficeId, scope.From, scope.To, stamp.ComputedAt, stamp.JobId, stamp.Today, months,
            rows);
    }

    public static DateOnly ParseMonth(string month) =>
        DateOnly.ParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Month(DateOnly day) => day.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
