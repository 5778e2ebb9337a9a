using Dapper;
using LinkMatch.Api.Mous;
using Npgsql;

namespace LinkMatch.Api.Reports.MouScorecard;

internal sealed record MouRow(long Id, string Number, long OfficeId, string OfficeName, string PartnerKind,
    string PartyName, DateOnly SignedOn, DateOnly ValidUntil, DateOnly? TerminatedOn);

internal sealed record CommitmentRow(long Id, long MouId, string Kind, int? Target, DateOnly StartsOn, DateOnly EndsOn,
    string OwedBy, string Description, string Source, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    int ActivityQuantity, DateOnly? LastActivityOn);

/// <summary>Registry events of one kind counted under an MoU on one day.</summary>
internal sealed record EventRow(long MouId, string Kind, DateOnly OnDate, int Events);

/// <summary>Reads the MoUs of a scope, their commitments with their activities, and the registry events each MoU
/// realised; <see cref="MouScorecardRules"/> turns them into the scorecard.</summary>
internal static class MouScorecardQuery
{
    /// <summary>The MoUs of the scope: one MoU (@MouId) or those of some offices (@OfficeIds; null: every office).</summary>
    private const string Mous = $"""
        select m.id, m.number, m.office_id, o.name as office_name, {MousApi.PartnerKindSql} as partner_kind,
               coalesce(e.name, tc.name, m.partner_name) as party_name, m.signed_on, m.valid_until, m.terminated_on
        from mous m
        join offices o on o.id = m.office_id
        left join employers e on e.id = m.employer_id
        left join training_centres tc on tc.id = m.training_centre_id
        where (@MouId::bigint is null or m.id = @MouId)
          and (@OfficeIds::bigint[] is null or m.office_id = any(@OfficeIds))
        order by m.id
        """;

    private const string Commitments = $"""
        select {CommitmentsApi.Columns},
               coalesce((select sum(a.quantity) from mou_activities a
                         where a.commitment_id = c.id and a.occurred_on between c.starts_on and c.ends_on
                           and a.occurred_on <= @Today), 0)::int as activity_quantity,
               (select max(a.occurred_on) from mou_activities a
                where a.commitment_id = c.id and a.occurred_on <= @Today) as last_activity_on
        {CommitmentsApi.From}
        where c.mou_id = any(@MouIds)
        order by c.mou_id, c.starts_on, c.id
        """;

    /// <summary>Every registry event of the office's job seekers with a partner of an MoU in scope, up to today, and
    /// the one MoU it counts under: the MoU of that office with that partner in force on the event's day (signed on
    /// or before it, valid until it or later, not terminated on or before it); when several are, the most recently
    /// signed, then the lowest id. Placements (by type) count by start date, with the employer and, for a BLK, of
    /// people who completed one of its courses on or before that date; enrolments in the BLK's cohorts count by the
    /// cohort's start; certificates by their issue date.</summary>
    private const string Events = """
        with scope as (select id, office_id, employer_id, training_centre_id from mous where id = any(@MouIds)),
        events as (
            select case p.type when 'job' then 'placements' else 'apprenticeships' end as kind, p.start_date as on_date,
                   s.office_id, p.employer_id, null::bigint as training_centre_id
            from placements p join seekers s on s.id = p.seeker_id
            where p.start_date <= @Today and p.employer_id in (select employer_id from scope)
            union all
            select case p.type when 'job' then 'placements' else 'apprenticeships' end, p.start_date,
                   s.office_id, null, g.training_centre_id
            from placements p
            join seekers s on s.id = p.seeker_id
            join lateral (select distinct co.training_centre_id
                          from enrolments en join cohorts ch on ch.id = en.cohort_id
                          join courses co on co.id = ch.course_id
                          where en.seeker_id = p.seeker_id and en.status = 'completed'
                            and en.completed_on <= p.start_date
                            and co.training_centre_id in (select training_centre_id from scope)) g on true
            where p.start_date <= @Today
            union all
            select 'training_seats', ch.starts_on, s.office_id, null, co.training_centre_id
            from enrolments en join cohorts ch on ch.id = en.cohort_id join courses co on co.id = ch.course_id
            join seekers s on s.id = en.seeker_id
            where ch.starts_on <= @Today and co.training_centre_id in (select training_centre_id from scope)
            union all
            select 'certifications', en.certificate_issued_on, s.office_id, null, co.training_centre_id
            from enrolments en join cohorts ch on ch.id = en.cohort_id join courses co on co.id = ch.course_id
            join seekers s on s.id = en.seeker_id
            where en.certificate_issued_on <= @Today and co.training_centre_id in (select training_centre_id from scope)
        ),
        attributed as (
            select ev.kind, ev.on_date,
                   (select m.id from mous m
                    where m.office_id = ev.office_id
                      and (m.employer_id = ev.employer_id or m.training_centre_id = ev.training_centre_id)
                      and m.signed_on <= ev.on_date and ev.on_date <= m.valid_until
                      and (m.terminated_on is null or ev.on_date < m.terminated_on)
                    order by m.signed_on desc, m.id
                    limit 1) as mou_id
            from events ev
        )
        select mou_id, kind, on_date, count(*)::int as events
        from attributed
        where mou_id = any(@MouIds)
        group by mou_id, kind, on_date
        """;

    public static async Task<MouScorecardReport> ComputeAsync(NpgsqlConnection conn, NpgsqlTransaction tx,
        MouScorecardScope scope, ReportStamp stamp, CancellationToken ct)
    {
        long[]? offices = scope.OfficeId is { } office ? [office]
            : scope.ProvinceCode is { } province ? (await conn.QueryAsync<long>(new CommandDefinition("""
                select o.id from offices o join regions r on r.code = o.region_code
                where r.code = @province or r.province_code = @province
                """, new { province }, tx, cancellationToken: ct))).ToArray()
            : null;
        var mous = await ScoreAsync(conn, tx, null, offices, stamp.Today, ct);
        return new MouScorecardReport(scope.OfficeId, scope.ProvinceCode, stamp.ComputedAt, stamp.JobId, stamp.Today,
            MouScorecardRules.Ranked(mous), MouScorecardRules.Forum(mous, stamp.Today));
    }

    /// <summary>The scorecards of one MoU or of the MoUs of some offices (null: all), unranked.</summary>
    public static async Task<IReadOnlyList<MouScore>> ScoreAsync(NpgsqlConnection conn, NpgsqlTransaction? tx,
        long? mouId, long[]? officeIds, DateOnly today, CancellationToken ct)
    {
        var mous = (await conn.QueryAsync<MouRow>(new CommandDefinition(Mous,
            new { MouId = mouId, OfficeIds = officeIds }, tx, cancellationToken: ct))).AsList();
        var ids = mous.Select(m => m.Id).ToArray();
        var commitments = (await conn.QueryAsync<CommitmentRow>(new CommandDefinition(Commitments,
            new { MouIds = ids, Today = today }, tx, cancellationToken: ct))).ToLookup(c => c.MouId);
        var events = (await conn.QueryAsync<EventRow>(new CommandDefinition(Events,
            new { MouIds = ids, Today = today }, tx, cancellationToken: ct))).ToLookup(e => e.MouId);
        return [.. mous.Select(m => MouScorecardRules.Score(m, [.. commitments[m.Id]], [.. events[m.Id]], today))];
    }
}
