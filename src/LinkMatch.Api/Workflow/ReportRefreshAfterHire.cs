using Dapper;
using LinkMatch.Api.Reports;
using LinkMatch.Jobs;
using Npgsql;

namespace LinkMatch.Api.Workflow;

/// <summary>After a hire, the stored report snapshots it changes are recomputed: IPK and training gaps of the
/// vacancy's and the seeker's offices (and of all offices, and of regions containing the work place or the
/// seeker's home), and graduate uptake of the BLKs, courses and cohorts the seeker completed. Scopes nobody has
/// asked for have no snapshot and are computed fresh on their first request anyway. Enqueued in the hire's
/// transaction, a little ahead, under each scope's unique key, so a burst of hires gives one job per scope.</summary>
internal static class ReportRefreshAfterHire
{
    public static async Task<int> EnqueueAsync(NpgsqlConnection conn, NpgsqlTransaction tx, IJobQueue jobs,
        long vacancyId, long seekerId, TimeSpan delay, CancellationToken ct)
    {
        var scopes = await conn.QueryAsync<StoredScope>(new CommandDefinition("""
            with facts as (
                select array[v.office_id, s.office_id] as offices,
                       array[v.work_region_code, s.region_code] as regions
                from vacancies v, seekers s where v.id = @vacancyId and s.id = @seekerId
            ), uptake as (
                select unnest(array['training_centre:' || co.training_centre_id, 'course:' || co.id,
                                    'cohort:' || c.id]) as scope_key
                from enrolments e join cohorts c on c.id = e.cohort_id join courses co on co.id = c.course_id
                where e.seeker_id = @seekerId and e.status = 'completed'
            )
            select r.kind, r.scope_key, r.parameters::text as parameters
            from report_snapshots r, facts f
            where (r.kind in ('ipk', 'training-gaps')
                   and (r.scope_key like 'all;%'
                        or split_part(r.scope_key, ';', 1) in (select 'office:' || o from unnest(f.offices) o)
                        or (r.scope_key like 'region:%'
                            and exists (select 1 from unnest(f.regions) g
                                        where g || '.' like split_part(split_part(r.scope_key, ';', 1), ':', 2) || '.%'))))
               or (r.kind = 'uptake' and r.scope_key in (select scope_key from uptake))
            order by r.kind, r.scope_key
            """, new { vacancyId, seekerId }, tx, cancellationToken: ct));
        var count = 0;
        foreach (var scope in scopes)
        {
            await jobs.EnqueueAsync(conn, tx,
                ComputeReportArgs.Request(scope) with
                {
                    Delay = delay,
                }, ct);
            count++;
        }

        return count;
    }
}
