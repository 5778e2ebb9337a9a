using Dapper;
using Npgsql;

namespace LinkMatch.Api.Reports.Uptake;

/// <summary>The uptake aggregations, all in SQL: one row per group (total, course, cohort), per employer and per
/// unit; nothing is loaded per person.</summary>
internal static class UptakeQuery
{
    // Each graduate's outcome: judged competent, certified, and the first placement starting on or after the
    // completion date, with whether its employer had an MoU (with any office) active on the start date.
    private const string Outcomes = """
        with scoped as (
            select e.id, e.seeker_id, e.status, e.completed_on, e.certificate_number is not null as certified,
                   c.id as cohort_id, c.course_id
            from enrolments e
            join cohorts c on c.id = e.cohort_id
            join courses cr on cr.id = c.course_id
            where (@Level = 'training_centre' and cr.training_centre_id = @Id)
               or (@Level = 'course' and cr.id = @Id)
               or (@Level = 'cohort' and c.id = @Id)
        ),
        judged as (
            select a.enrolment_id, bool_and(a.outcome = 'competent') as competent
            from enrolment_assessments a
            join scoped s on s.id = a.enrolment_id and s.status = 'completed'
            group by a.enrolment_id
        ),
        first_placement as (
            select distinct on (s.id) s.id as enrolment_id, p.employer_id, p.type, p.start_date, p.wage,
                   p.start_date - s.completed_on as days
            from scoped s
            join placements p on p.seeker_id = s.seeker_id and p.start_date >= s.completed_on
            where s.status = 'completed'
            order by s.id, p.start_date, p.id
        ),
        outcomes as (
            select s.id, s.cohort_id, s.course_id, s.status, s.certified,
                   coalesce(j.competent, false) as judged_competent,
                   fp.employer_id, fp.type, fp.start_date, fp.wage, fp.days,
                   fp.start_date <= (s.completed_on + interval '3 months')::date as within_3,
                   fp.start_date <= (s.completed_on + interval '6 months')::date as within_6,
                   fp.start_date <= (s.completed_on + interval '12 months')::date as within_12,
                   exists (select from mous m
                           where m.employer_id = fp.employer_id and m.signed_on <= fp.start_date
                             and fp.start_date <= m.valid_until
                             and (m.terminated_on is null or fp.start_date < m.terminated_on)) as mou_partner
            from scoped s
            left join judged j on j.enrolment_id = s.id
            left join first_placement fp on fp.enrolment_id = s.id
        )
        """;

    private const string Figures = $"""
        {Outcomes}
        select grouping(course_id, cohort_id) as grouping_set, course_id, cohort_id,
               count(*)::int as enrolments,
               count(*) filter (where status = 'enrolled')::int as in_training,
               count(*) filter (where status = 'dropped')::int as dropped,
               count(*) filter (where status = 'completed')::int as graduates,
               count(*) filter (where judged_competent)::int as judged_competent,
               count(*) filter (where status = 'completed' and certified)::int as certified,
               count(start_date)::int as placed,
               count(*) filter (where within_3)::int as placed_within_3_months,
               count(*) filter (where within_6)::int as placed_within_6_months,
               count(*) filter (where within_12)::int as placed_within_12_months,
               count(*) filter (where mou_partner)::int as placed_at_mou_partner,
               count(*) filter (where type = 'apprenticeship')::int as apprenticeships,
               round((percentile_cont(0.5) within group (order by days))::numeric, 1) as median_days,
               count(wage) filter (where type = 'job')::int as wage_count,
               round((percentile_cont(0.5) within group (order by wage::float8)
                      filter (where type = 'job'))::numeric, 1) as wage_median,
               min(wage) filter (where type = 'job') as wage_min,
               max(wage) filter (where type = 'job') as wage_max,
               count(wage) filter (where type = 'apprenticeship')::int as stipend_count,
               round((percentile_cont(0.5) within group (order by wage::float8)
                      filter (where type = 'apprenticeship'))::numeric, 1) as stipend_median,
               min(wage) filter (where type = 'apprenticeship') as stipend_min,
               max(wage) filter (where type = 'apprenticeship') as stipend_max
        from outcomes
        group by grouping sets ((), (course_id), (cohort_id));

        {Outcomes}
        select o.employer_id, e.name, count(*)::int as placed,
               count(*) filter (where o.type = 'apprenticeship')::int as apprenticeships,
               count(*) filter (where o.mou_partner)::int as at_mou_partner,
               round((percentile_cont(0.5) within group (order by o.wage::float8)
                      filter (where o.type = 'job'))::numeric, 1) as median_wage,
               round((percentile_cont(0.5) within group (order by o.wage::float8)
                      filter (where o.type = 'apprenticeship'))::numeric, 1) as median_stipend
        from outcomes o
        join employers e on e.id = o.employer_id
        group by o.employer_id, e.name
        order by placed desc, e.name, o.employer_id;

        {Outcomes}
        select a.competency_id, k.code, k.title, count(*)::int as assessed,
               count(*) filter (where a.outcome = 'competent')::int as competent,
               round(count(*) filter (where a.outcome = 'competent')::numeric / count(*), 3) as competent_rate
        from outcomes o
        join enrolment_assessments a on a.enrolment_id = o.id
        join competencies k on k.id = a.competency_id
        where o.status = 'completed'
        group by a.competency_id, k.code, k.title
        order by k.code;

        select cr.id as course_id, cr.code, cr.title
        from courses cr
        where @Level = 'training_centre' and cr.training_centre_id = @Id
        order by cr.code, cr.id;

        select c.id as cohort_id, c.course_id, c.name, c.starts_on, c.ends_on
        from cohorts c
        join courses cr on cr.id = c.course_id
        where (@Level = 'training_centre' and cr.training_centre_id = @Id) or (@Level = 'course' and cr.id = @Id)
        order by c.starts_on, c.id;

        select tc.id as training_centre_id, tc.name from training_centres tc
        where @Level = 'training_centre' and tc.id = @Id
        union all
        select cr.training_centre_id, cr.title from courses cr where @Level = 'course' and cr.id = @Id
        union all
        select cr.training_centre_id, c.name from cohorts c join courses cr on cr.id = c.course_id
        where @Level = 'cohort' and c.id = @Id;
        """;

    private sealed record FigureRow(int GroupingSet, long? CourseId, long? CohortId, int Enrolments, int InTraining,
        int Dropped, int Graduates, int JudgedCompetent, int Certified, int Placed, int PlacedWithin3Months,
        int PlacedWithin6Months, int PlacedWithin12Months, int PlacedAtMouPartner, int Apprenticeships,
        decimal? MedianDays, int WageCount, decimal? WageMedian, long? WageMin, long? WageMax, int StipendCount,
        decimal? StipendMedian, long? StipendMin, long? StipendMax)
    {
        public UptakeFigures ToFigures() => new(Enrolments, InTraining, Dropped, Graduates, JudgedCompetent, Certified,
            Placed, PlacedWithin3Months, PlacedWithin6Months, PlacedWithin12Months, PlacedAtMouPartner, Apprenticeships,
            MedianDays,
            new WageFigures(WageCount, WageMedian, WageMin, WageMax),
            new WageFigures(StipendCount, StipendMedian, StipendMin, StipendMax));
    }

    private sealed record CourseRow(long CourseId, string Code, string Title);

    private sealed record CohortRow(long CohortId, long CourseId, string Name, DateOnly StartsOn, DateOnly EndsOn);

    private sealed record Header(long TrainingCentreId, string Name);

    public static async Task<UptakeReport> ComputeAsync(NpgsqlConnection conn, NpgsqlTransaction tx,
        UptakeScope scope, ReportStamp stamp, CancellationToken ct)
    {
        await using var multi = await conn.QueryMultipleAsync(new CommandDefinition(Figures,
            new { scope.Level, scope.Id }, tx, cancellationToken: ct));
        var figures = (await multi.ReadAsync<FigureRow>()).AsList();
        var employers = (await multi.ReadAsync<UptakeEmployer>()).AsList();
        var units = (await multi.ReadAsync<UptakeUnit>()).AsList();
        var courses = (await multi.ReadAsync<CourseRow>()).AsList();
        var cohorts = (await multi.ReadAsync<CohortRow>()).AsList();
        var header = await multi.ReadSingleOrDefaultAsync<Header>()
            ?? throw new LinkMatch.Jobs.PermanentJobFailureException($"The {scope.Level} {scope.Id} no longer exists.");

        // Grouping sets: 3 = the total, 1 = per course, 2 = per cohort.
        var total = figures.FirstOrDefault(f => f.GroupingSet == 3)?.ToFigures() ?? UptakeFigures.Zero;
        var byCourse = figures.Where(f => f.GroupingSet == 1).ToDictionary(f => f.CourseId!.Value, f => f.ToFigures());
        var byCohort = figures.Where(f => f.GroupingSet == 2).ToDictionary(f => f.CohortId!.Value, f => f.ToFigures());
        return new UptakeReport(scope.Level, scope.Id, header.Name, header.TrainingCentreId, stamp.ComputedAt,
            stamp.JobId, stamp.Today, total,
            courses.Select(c => new UptakeCourse(c.CourseId, c.Code, c.Title,
                byCourse.GetValueOrDefault(c.CourseId, UptakeFigures.Zero))).ToList(),
            cohorts.Select(c => new UptakeCohort(c.CohortId, c.CourseId, c.Name, c.StartsOn, c.EndsOn,
                byCohort.GetValueOrDefault(c.CohortId, UptakeFigures.Zero))).ToList(),
            employers, units);
    }
}
