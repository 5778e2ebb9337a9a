using Dapper;
using LinkMatch.Api.Http;
using LinkMatch.Jobs;
using Microsoft.Extensions.Options;
using Npgsql;

namespace LinkMatch.Api.Reports;

/// <summary>What a change calls, inside its own transaction, so that every stored report it moves is recomputed once
/// it commits: one <c>reports.compute</c> job per stored scope that the change touches, <see
/// cref="ReportOptions.RefreshDelay"/> ahead and under the scope's unique key, so a burst of changes gives one job per
/// scope (a job already running no longer holds the key: a change made while it runs gets a job of its own). Only
/// scopes with a snapshot are refreshed; the others are computed fresh on their first request anyway. While such a
/// job is pending or running, the report says so (<c>refreshPending</c>).</summary>
public sealed class ReportTriggers(IJobQueue jobs, IOptions<ReportOptions> options, TimeProvider time)
{
    /// <summary>The reports that count vacancies: open demand (training gaps), vacancies registered (IPK), and MoU
    /// realisation.</summary>
    private static readonly string[] VacancyKinds = [ReportKinds.TrainingGaps, ReportKinds.Ipk, ReportKinds.MouScorecard];

    /// <summary>The reports that count job seekers, their competencies, training and placements.</summary>
    private static readonly string[] SeekerKinds =
        [ReportKinds.TrainingGaps, ReportKinds.Ipk, ReportKinds.EqualOpportunity, ReportKinds.Uptake, ReportKinds.MouScorecard];

    /// <summary>The reports that count cohorts and courses.</summary>
    private static readonly string[] CohortKinds = [ReportKinds.TrainingGaps, ReportKinds.Uptake, ReportKinds.MouScorecard];

    /// <summary>A vacancy was posted, amended, filled, closed or had a placement: the scopes of its office (the
    /// MoU's), of every region containing its work place, and of all offices.</summary>
    public Task<int> VacancyChangedAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long vacancyId,
        CancellationToken ct = default) =>
        EnqueueAsync(conn, tx, VacancyKinds, """
            select array[office_id] as offices, array[work_region_code] as regions, array[]::text[] as uptake
            from vacancies where id = @id
            """, vacancyId, ct);

    /// <summary>A seeker was registered, corrected, erased, enrolled, assessed, certified, referred, placed, or their
    /// consent changed: the scopes of their office and region, of the BLKs where they trained (office, region, and
    /// the training centre, course and cohort of each enrolment), and of all offices.</summary>
    public Task<int> SeekerChangedAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long seekerId,
        CancellationToken ct = default) =>
        EnqueueAsync(conn, tx, SeekerKinds, """
            select array_remove(array[s.office_id] || array_agg(tc.office_id), null) as offices,
                   array_remove(array[s.region_code] || array_agg(tc.region_code), null) as regions,
                   array_remove(array_agg('training_centre:' || tc.id) || array_agg('course:' || co.id)
                                || array_agg('cohort:' || c.id), null) as uptake
            from seekers s
            left join enrolments e on e.seeker_id = s.id
            left join cohorts c on c.id = e.cohort_id
            left join courses co on co.id = c.course_id
            left join training_centres tc on tc.id = co.training_centre_id
            where s.id = @id
            group by s.id
            """, seekerId, ct);

    /// <summary>A cohort was planned or changed (dates, capacity): uptake of the cohort, its course and BLK, and the
    /// training-gap scopes of the BLK's office and region (running cohorts are expected graduates).</summary>
    public Task<int> CohortChangedAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long cohortId,
        CancellationToken ct = default) =>
        EnqueueAsync(conn, tx, CohortKinds, """
            select array[tc.office_id] as offices, array[tc.region_code] as regions,
                   array['training_centre:' || tc.id, 'course:' || co.id, 'cohort:' || c.id] as uptake
            from cohorts c join courses co on co.id = c.course_id join training_centres tc on tc.id = co.training_centre_id
            where c.id = @id
            """, cohortId, ct);

    /// <summary>A course's units of competency changed: training gaps list the courses that teach a unit.</summary>
    public Task<int> CourseChangedAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long courseId,
        CancellationToken ct = default) =>
        EnqueueAsync(conn, tx, CohortKinds, """
            select array[tc.office_id] as offices, array[tc.region_code] as regions,
                   array['training_centre:' || tc.id, 'course:' || co.id] as uptake
            from courses co join training_centres tc on tc.id = co.training_centre_id
            where co.id = @id
            """, courseId, ct);

    /// <summary>Many seekers changed at once (a CSV import): every stored scope of the reports that count them.</summary>
    public Task<int> ManySeekersChangedAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct = default) =>
        EnqueueScopesAsync(conn, tx, """
            select kind, scope_key, parameters::text as parameters from report_snapshots
            where kind = any(@Kinds) order by kind, scope_key
            """, new { Kinds = SeekerKinds }, ct);

    /// <summary>Suggestions were stored (a recompute or a full refresh): the people suggested today count as
    /// suggested in every equal-opportunity scope whose months include today's.</summary>
    public Task<int> SuggestionsStoredAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct = default)
    {
        var month = Wita.Today(time).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        return EnqueueScopesAsync(conn, tx, """
            select kind, scope_key, parameters::text as parameters from report_snapshots
            where kind = @Kind and parameters->>'from' <= @month and parameters->>'to' >= @month
            order by scope_key
            """, new { Kind = ReportKinds.EqualOpportunity, month }, ct);
    }

    /// <summary>What a change touches (a class: Dapper fills arrays through properties, not constructors).</summary>
    private sealed class Touched
    {
        public long[] Offices { get; init; } = [];

        public string[] Regions { get; init; } = [];

        public string[] Uptake { get; init; } = [];
    }

    private async Task<int> EnqueueAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string[] kinds, string facts,
        long id, CancellationToken ct)
    {
        var touched = await conn.QuerySingleOrDefaultAsync<Touched>(new CommandDefinition(facts, new { id }, tx,
            cancellationToken: ct));
        if (touched is null)
        {
            return 0;
        }

        // A scope's key starts with what it covers: 'all', 'office:N', 'region:64.71', 'province:64' (the places in
        // it and the offices it holds), or an uptake key ('training_centre:N', 'course:N', 'cohort:N'); a region
        // covers the codes under it.
        return await EnqueueScopesAsync(conn, tx, """
            select r.kind, r.scope_key, r.parameters::text as parameters
            from report_snapshots r
            cross join lateral (select split_part(r.scope_key, ';', 1) as target) t
            where r.kind = any(@Kinds)
              and (t.target = 'all'
                   or t.target = any(select 'office:' || o from unnest(@Offices::bigint[]) o where o is not null)
                   or (t.target like 'region:%' and exists (
                         select 1 from unnest(@Regions::text[]) g
                         where g || '.' like split_part(t.target, ':', 2) || '.%'))
                   or (t.target like 'province:%' and (
                         exists (select 1 from unnest(@Regions::text[]) g
                                 where split_part(g, '.', 1) = split_part(t.target, ':', 2))
                         or exists (select 1 from offices o
                                    where o.id = any(@Offices::bigint[])
                                      and split_part(o.region_code, '.', 1) = split_part(t.target, ':', 2))))
                   or (r.kind = 'uptake' and r.scope_key = any(@Uptake::text[])))
            order by r.kind, r.scope_key
            """, new { Kinds = kinds, touched.Offices, touched.Regions, touched.Uptake }, ct);
    }

    private async Task<int> EnqueueScopesAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, object args,
        CancellationToken ct)
    {
        var scopes = await conn.QueryAsync<StoredScope>(new CommandDefinition(sql, args, tx, cancellationToken: ct));
        var count = 0;
        foreach (var scope in scopes)
        {
            await jobs.EnqueueAsync(conn, tx, ComputeReportArgs.Request(scope) with { Delay = options.Value.RefreshDelay },
                ct);
            count++;
        }

        return count;
    }
}
