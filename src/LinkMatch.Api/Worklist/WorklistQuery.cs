using Dapper;
using LinkMatch.Api.Auth;
using LinkMatch.Api.Http;
using LinkMatch.Api.Workflow;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace LinkMatch.Api.Worklist;

/// <summary>The staff worklist: four small scoped queries in one round trip. Staff see their office's (suggestions
/// of their office's seekers, their office's MoUs and registrations); admins every office's unless they name
/// one.</summary>
public static class WorklistQuery
{
    public const int ExpiringWithinDays = 60;
    public const int StaleAfterDays = 14;
    private const int Shown = 8;

    public static async Task<Ok<Worklist>> Get([AsParameters] WorklistFilter filter, Caller caller,
        NpgsqlDataSource db, TimeProvider time, CancellationToken ct)
    {
        var office = caller.IsAdmin ? filter.OfficeId : caller.OfficeId ?? -1;
        var today = Wita.Today(time);
        const string sql = $"""
            select count(distinct g.vacancy_id)
            from suggestions g join seekers s on s.id = g.seeker_id join vacancies v on v.id = g.vacancy_id
            where g.status = @Proposed and v.status = 'open' and (@Office::bigint is null or s.office_id = @Office);

            select v.id as vacancy_id, v.title, v.type, e.name as employer_name, v.openings - v.filled as openings_left,
                   v.closes_on, count(*)::int as proposed, min(g.computed_at) as oldest_proposed_at
            from suggestions g join seekers s on s.id = g.seeker_id join vacancies v on v.id = g.vacancy_id
                 join employers e on e.id = v.employer_id
            where g.status = @Proposed and v.status = 'open' and (@Office::bigint is null or s.office_id = @Office)
            group by v.id, e.name
            order by v.closes_on, v.id
            limit @Shown;

            select count(*)::int as total,
                   count(*) filter (where g.status = @Approved)::int as approved,
                   count(*) filter (where g.status = @Interviewing)::int as interviewing,
                   count(*) filter (where g.referred_at < now() - make_interval(days => @StaleAfterDays))::int as stale
            from suggestions g join seekers s on s.id = g.seeker_id
            where g.status in (@Approved, @Interviewing) and (@Office::bigint is null or s.office_id = @Office);

            select g.id as suggestion_id, g.status, v.id as vacancy_id, v.title as vacancy_title,
                   e.name as employer_name, g.referred_at, g.interview_at
            from suggestions g join seekers s on s.id = g.seeker_id join vacancies v on v.id = g.vacancy_id
                 join employers e on e.id = v.employer_id
            where g.status in (@Approved, @Interviewing) and (@Office::bigint is null or s.office_id = @Office)
            order by g.referred_at, g.id
            limit @Shown;

            select m.id as mou_id, m.number, coalesce(e.name, tc.name, m.partner_name) as party_name, m.valid_until,
                   (m.valid_until - @Today)::int as days_left
            from mous m
                 left join employers e on e.id = m.employer_id
                 left join training_centres tc on tc.id = m.training_centre_id
            where m.terminated_on is null and m.valid_until between @Today and @Today + @ExpiringWithinDays
              and (@Office::bigint is null or m.office_id = @Office)
            order by m.valid_until, m.id;

            select count(*) filter (where s.registered_on = @Today)::int as today,
                   count(*) filter (where s.registered_on > @Today - 7)::int as last7_days,
                   count(*)::int as last30_days
            from seekers s
            where s.registered_on > @Today - 30 and s.registered_on <= @Today and s.status <> 'erased'
              and (@Office::bigint is null or s.office_id = @Office);
            """;
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var multi = await conn.QueryMultipleAsync(new CommandDefinition(sql, new
        {
            Office = office,
            Today = today,
            Shown,
            StaleAfterDays,
            ExpiringWithinDays,
            Proposed = SuggestionStatuses.Proposed,
            Approved = SuggestionStatuses.Approved,
            Interviewing = SuggestionStatuses.InterviewScheduled,
        }, cancellationToken: ct));
        var vacancyCount = await multi.ReadSingleAsync<int>();
        var vacancies = (await multi.ReadAsync<VacancyToReview>()).AsList();
        var counts = await multi.ReadSingleAsync<(int Total, int Approved, int Interviewing, int Stale)>();
        var oldest = (await multi.ReadAsync<AwaitingReferral>()).AsList();
        var mous = (await multi.ReadAsync<ExpiringMou>()).AsList();
        var registrations = await multi.ReadSingleAsync<Registrations>();
        return TypedResults.Ok(new Worklist(today, vacancyCount, vacancies,
            new ReferralsAwaiting(counts.Total, counts.Approved, counts.Interviewing, counts.Stale, oldest), mous,
            registrations));
    }
}
