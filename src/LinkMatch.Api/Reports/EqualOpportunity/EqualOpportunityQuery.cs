using Dapper;
using LinkMatch.Api.Reports.Ipk;
using Npgsql;

namespace LinkMatch.Api.Reports.EqualOpportunity;

/// <summary>The funnel's counts, in SQL: one fact row per matchable seeker of the scope (whether suggested, referred
/// and hired in the period, overall and per model version) counted once per dimension. Only the counts leave the
/// database; <see cref="FunnelAssessment"/> turns them into rates, intervals and judgements.</summary>
internal static class EqualOpportunityQuery
{
    private const string Sql = $"""
        with population as (
            select s.id, s.sex, s.disability, s.education_level,
                   extract(year from age(@Last::date, s.birth_date))::int as age,
                   s.region_code = o.region_code or s.region_code like o.region_code || '.%' as local
            from seekers s
            join offices o on o.id = s.office_id
            where s.status <> 'erased'
              and (@OfficeId::bigint is null or s.office_id = @OfficeId)
              and s.registered_on <= @Last
              and exists (select 1 from seeker_consents c
                          where c.seeker_id = s.id and c.purpose = 'matching'
                            and (c.granted_at at time zone 'Asia/Makassar')::date <= @Last
                            and (c.withdrawn_at is null or (c.withdrawn_at at time zone 'Asia/Makassar')::date >= @Start))
        ),
        steps as (
            -- One row per seeker and model version that touched them in the period (model null: any version).
            select e.seeker_id, e.model_version, 'suggested' as step
            from seeker_exposures e join population p on p.id = e.seeker_id
            where e.month >= @Start and e.month <= @Last
            union
            select g.seeker_id, g.model_version, 'referred'
            from suggestions g join population p on p.id = g.seeker_id
            where (g.referred_at at time zone 'Asia/Makassar')::date between @Start and @Last
            union
            select g.seeker_id, g.model_version, 'hired'
            from suggestions g join placements pl on pl.id = g.placement_id join population p on p.id = g.seeker_id
            where g.status = 'hired' and pl.start_date between @Start and @Last
            union
            -- Every placement counts overall, referred through LinkMatch or recorded otherwise (model unknown).
            select pl.seeker_id, null, 'hired'
            from placements pl join population p on p.id = pl.seeker_id
            where pl.start_date between @Start and @Last
        ),
        per_model as (
            select p.id, m.model_version,
                   bool_or(s.step = 'suggested') as suggested, bool_or(s.step = 'referred') as referred,
                   bool_or(s.step = 'hired') as hired
            from population p
            cross join lateral (select null::int as model_version
                                union select distinct model_version from steps where seeker_id = p.id) m
            left join steps s on s.seeker_id = p.id and (m.model_version is null or s.model_version = m.model_version)
            group by p.id, m.model_version
        ),
        facts as (
            select f.model_version, f.suggested, f.referred, f.hired, p.*
            from per_model f join population p on p.id = f.id
        )
        select f.model_version, d.dimension, d.grp,
               count(*)::int as people,
               count(*) filter (where f.suggested)::int as suggested,
               count(*) filter (where f.referred)::int as referred,
               count(*) filter (where f.hired)::int as hired
        from facts f
        cross join lateral {EqualOpportunityGroups.Dimensions} as d (dimension, grp)
        where d.grp is not null
        group by f.model_version, d.dimension, d.grp
        order by f.model_version nulls first,
                 array_position(array['sex', 'age_band', 'disability', 'residence', 'education'], d.dimension), d.grp
        """;

    public static async Task<EqualOpportunityReport> ComputeAsync(NpgsqlConnection conn, NpgsqlTransaction tx,
        EqualOpportunityScope scope, ReportStamp stamp, CancellationToken ct)
    {
        var start = IpkQuery.ParseMonth(scope.From);
        var last = IpkQuery.ParseMonth(scope.To).AddMonths(1).AddDays(-1);
        var rows = (await conn.QueryAsync<FunnelCounts>(new CommandDefinition(Sql,
            new { scope.OfficeId, Start = start, Last = last }, tx, cancellationToken: ct))).AsList();
        var overall = rows.Where(r => r.ModelVersion is null).ToList();
        // Per model, the population of a group is the whole group's (everyone the model could have suggested).
        var people = overall.ToDictionary(r => (r.Dimension, r.Grp), r => r.People);
        var byModel = rows.Where(r => r.ModelVersion is not null)
            .Select(r => r with { People = people[(r.Dimension, r.Grp)] })
            .GroupBy(r => r.ModelVersion)
            .SelectMany(FunnelAssessment.Assess)
            .ToList();
        return new EqualOpportunityReport(scope.OfficeId, scope.From, scope.To, stamp.ComputedAt, stamp.JobId,
            stamp.Today, [.. FunnelAssessment.Assess(overall)], byModel);
    }
}

/// <summary>The counts of one group (per model version, or over all when null).</summary>
internal sealed record FunnelCounts(int? ModelVersion, string Dimension, string Grp, int People, int Suggested,
    int Referred, int Hired);
