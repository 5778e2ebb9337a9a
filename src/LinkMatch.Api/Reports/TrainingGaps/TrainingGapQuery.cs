using Dapper;
using Npgsql;

namespace LinkMatch.Api.Reports.TrainingGaps;

/// <summary>Demand against supply per unit of competency, aggregated in SQL.</summary>
internal static class TrainingGapQuery
{
    public const decimal MandatoryWeight = 1.0m;
    public const decimal OptionalWeight = 0.3m;
    public const decimal DefaultCompletionRate = 0.8m;
    public const int MinCohort = 8;
    public const int MaxCohort = 30;
    public const int CoursesPerGap = 10;

    /// <summary>Completion rate per course from its ended cohorts (completed ÷ completed + dropped), else the rate
    /// over all courses, else the default. Rounded to 3 places so the figures can be checked by hand.</summary>
    public const string CourseRates = """
        history as (
            select c.course_id, count(*) filter (where e.status = 'completed') as completed,
                   count(*) filter (where e.status in ('completed', 'dropped')) as finished
            from cohorts c
            join enrolments e on e.cohort_id = c.id
            where c.ends_on < @Today
            group by c.course_id
        ),
        course_rates as (
            select cr.id as course_id,
                   round(coalesce(h.completed::numeric / nullif(h.finished, 0),
                                  (select sum(completed)::numeric / nullif(sum(finished), 0) from history),
                                  @DefaultCompletionRate), 3) as rate
            from courses cr
            left join history h on h.course_id = cr.id
        )
        """;

    /// <summary>The scope as a condition on a table with <c>office_id</c> and a region column.</summary>
    private static string InScope(string table, string regionColumn) => $"""
        (@OfficeId::bigint is null or {table}.office_id = @OfficeId)
        and (@Region::text is null or {table}.{regionColumn} = @Region or {table}.{regionColumn} like @Region || '.%')
        """;

    private static readonly string Demand = $"""
        with open_vacancies as (
            select v.id, v.openings - v.filled as unfilled
            from vacancies v
            where v.status = 'open' and v.filled < v.openings
              and {InScope("v", "work_region_code")}
              and (@OpensFrom::date is null or v.opens_on >= @OpensFrom)
              and (@OpensTo::date is null or v.opens_on <= @OpensTo)
        ),
        demand as (
            select vc.competency_id, min(vc.min_level)::int as required_level, count(*)::int as vacancies,
                   coalesce(sum(ov.unfilled) filter (where vc.mandatory), 0)::int as mandatory_openings,
                   coalesce(sum(ov.unfilled) filter (where not vc.mandatory), 0)::int as optional_openings,
                   sum(ov.unfilled * case when vc.mandatory then @MandatoryWeight else @OptionalWeight end) as demand
            from open_vacancies ov
            join vacancy_competencies vc on vc.vacancy_id = ov.id
            group by vc.competency_id
        ),
        {CourseRates}
        """;

    private static readonly string Sql = $"""
        {Demand},
        holders as (
            select d.competency_id, count(*)::int as holders
            from demand d
            join seeker_competencies sc on sc.competency_id = d.competency_id and sc.level >= d.required_level
            join seekers s on s.id = sc.seeker_id
            where s.status = 'active' and {InScope("s", "region_code")}
            group by d.competency_id
        ),
        running as (
            select c.course_id, count(*) as learners
            from cohorts c
            join courses cr on cr.id = c.course_id
            join training_centres tc on tc.id = cr.training_centre_id
            join enrolments e on e.cohort_id = c.id and e.status = 'enrolled'
            where c.starts_on <= @Today and @Today <= c.ends_on
              and {InScope("tc", "region_code")}
            group by c.course_id
        ),
        expected as (
            select cc.competency_id, sum(r.learners * cr.rate) as expected
            from running r
            join course_rates cr on cr.course_id = r.course_id
            join course_competencies cc on cc.course_id = r.course_id
            group by cc.competency_id
        ),
        gaps as (
            select d.competency_id, k.code, k.title, d.required_level, d.vacancies, d.mandatory_openings,
                   d.optional_openings, round(d.demand, 2) as demand, coalesce(h.holders, 0) as holders,
                   round(coalesce(x.expected, 0), 2) as expected_graduates
            from demand d
            join competencies k on k.id = d.competency_id
            left join holders h on h.competency_id = d.competency_id
            left join expected x on x.competency_id = d.competency_id
        )
        select row_number() over (order by greatest(0, demand - holders - expected_graduates) desc,
                                  (holders + expected_graduates) / demand, demand desc, code)::int as rank,
               competency_id, code, title, required_level, vacancies, mandatory_openings, optional_openings, demand,
               holders, expected_graduates, holders + expected_graduates as supply,
               greatest(0, demand - holders - expected_graduates) as unmet,
               round((holders + expected_graduates) / demand, 2) as coverage
        from gaps
        order by rank;

        {Demand}
        select cc.competency_id, cr.id as course_id, cr.code, cr.title, tc.id as training_centre_id,
               tc.code as training_centre_code, tc.name as training_centre_name, tc.office_id,
               ({InScope("tc", "region_code")}) as in_scope,
               r.rate as completion_rate,
               (select min(c.starts_on) from cohorts c where c.course_id = cr.id and c.starts_on > @Today)
                   as next_cohort_starts_on
        from demand d
        join course_competencies cc on cc.competency_id = d.competency_id
        join courses cr on cr.id = cc.course_id
        join training_centres tc on tc.id = cr.training_centre_id
        join course_rates r on r.course_id = cr.id
        order by cc.competency_id, in_scope desc, tc.code, cr.code;

        {Demand}
        select count(*)::int as open_vacancies, coalesce(sum(unfilled), 0)::int as unfilled_openings
        from open_vacancies;
        """;

    private sealed record GapRow(int Rank, long CompetencyId, string Code, string Title, int RequiredLevel,
        int Vacancies, int MandatoryOpenings, int OptionalOpenings, decimal Demand, int Holders,
        decimal ExpectedGraduates, decimal Supply, decimal Unmet, decimal Coverage);

    private sealed record CourseRow(long CompetencyId, long CourseId, string Code, string Title, long TrainingCentreId,
        string TrainingCentreCode, string TrainingCentreName, long OfficeId, bool InScope, decimal CompletionRate,
        DateOnly? NextCohortStartsOn);

    private sealed record Totals(int OpenVacancies, int UnfilledOpenings);

    public static async Task<TrainingGapReport> ComputeAsync(NpgsqlConnection conn, NpgsqlTransaction tx,
        TrainingGapScope scope, ReportStamp stamp, CancellationToken ct)
    {
        await using var multi = await conn.QueryMultipleAsync(new CommandDefinition(Sql, new
        {
            scope.OfficeId,
            Region = scope.RegionCode,
            scope.OpensFrom,
            scope.OpensTo,
            stamp.Today,
            MandatoryWeight,
            OptionalWeight,
            DefaultCompletionRate,
        }, tx, cancellationToken: ct));
        var gaps = (await multi.ReadAsync<GapRow>()).AsList();
        var courses = (await multi.ReadAsync<CourseRow>()).ToLookup(c => c.CompetencyId);
        var totals = await multi.ReadSingleAsync<Totals>();
        return new TrainingGapReport(scope.OfficeId, scope.RegionCode, scope.OpensFrom, scope.OpensTo,
            stamp.ComputedAt, stamp.JobId, stamp.Today, totals.OpenVacancies, totals.UnfilledOpenings,
            gaps.Select(g => new TrainingGap(g.Rank, g.CompetencyId, g.Code, g.Title, g.RequiredLevel, g.Vacancies,
                g.MandatoryOpenings, g.OptionalOpenings, g.Demand, g.Holders, g.ExpectedGraduates, g.Supply, g.Unmet,
                g.Coverage,
                courses[g.CompetencyId].Take(CoursesPerGap).Select(c => new GapCourse(c.CourseId, c.Code, c.Title,
                    c.TrainingCentreId, c.TrainingCentreCode, c.TrainingCentreName, c.OfficeId, c.InScope,
                    c.CompletionRate, CohortSize(g.Unmet, c.CompletionRate), c.NextCohortStartsOn)).ToList()))
                .ToList());
    }

    /// <summary>Enough learners that, at the course's completion rate, the unmet openings are covered; a cohort has
    /// at least 8 and at most 30 places. No suggestion when less than one opening is unmet.</summary>
    public static int? CohortSize(decimal unmet, decimal completionRate) =>
        unmet < 1 ? null
        : completionRate <= 0 ? MaxCohort
        : (int)Math.Clamp(Math.Ceiling(unmet / completionRate), MinCohort, MaxCohort);
}
