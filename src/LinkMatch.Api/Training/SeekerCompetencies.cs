using Dapper;
using LinkMatch.Api.Audit;
using LinkMatch.Api.Auth;
using Npgsql;

namespace LinkMatch.Api.Training;

/// <summary>Carries an enrolment's competent units into the seeker's competency profile, the evidence matching
/// uses: 'assessed' after uji kompetensi, 'certified' once an LSP certificate covers the enrolment.</summary>
internal static class SeekerCompetencies
{
    /// <summary>BLK courses train to KKNI level II (operator).</summary>
    public const short TrainedLevel = 2;

    /// <summary>Upserts every unit the enrolment was judged competent in. Evidence the seeker already holds is never
    /// weakened, and a level already held is never lowered. Erased seekers are left alone. Audits the change.</summary>
    public static async Task UpsertFromEnrolmentAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Caller caller,
        long enrolmentId, string evidence, CancellationToken ct)
    {
        const string sql = """
            insert into seeker_competencies as sc (seeker_id, competency_id, level, evidence, source)
            select e.seeker_id, a.competency_id, @TrainedLevel, @evidence,
                   'BLK course ' || cr.code || ' (' || cr.title || '), cohort ' || c.name || ', enrolment ' || e.id
            from enrolment_assessments a
            join enrolments e on e.id = a.enrolment_id
            join seekers s on s.id = e.seeker_id and s.status <> 'erased'
            join cohorts c on c.id = e.cohort_id
            join courses cr on cr.id = c.course_id
            where a.enrolment_id = @enrolmentId and a.outcome = 'competent'
            on conflict (seeker_id, competency_id) do update set
                evidence = excluded.evidence,
                level = greatest(sc.level, excluded.level),
                source = excluded.source
            where array_position(array['self_declared', 'experience', 'trained', 'assessed', 'certified'], excluded.evidence)
                  > array_position(array['self_declared', 'experience', 'trained', 'assessed', 'certified'], sc.evidence)
               or (excluded.evidence = sc.evidence and excluded.level > sc.level)
            returning seeker_id, competency_id
            """;
        var changed = (await conn.QueryAsync<(long SeekerId, long CompetencyId)>(new CommandDefinition(sql,
            new { enrolmentId, evidence, TrainedLevel }, tx, cancellationToken: ct))).AsList();
        if (changed.Count > 0)
        {
            await AuditLog.WriteAsync(conn, tx, caller, new AuditEntry("seeker.competency.upsert", "enrolment",
                enrolmentId, changed[0].SeekerId, new
                {
                    Evidence = evidence,
                    CompetencyIds = changed.Select(c => c.CompetencyId).ToArray(),
                }), ct);
        }
    }
}
