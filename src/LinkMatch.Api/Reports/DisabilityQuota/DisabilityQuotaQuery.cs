using Dapper;
using Npgsql;

namespace LinkMatch.Api.Reports.DisabilityQuota;

/// <summary>The counts behind the quota view, in one statement: only counts per employer leave the database.</summary>
internal static class DisabilityQuotaQuery
{
    // The employers: one by id (@EmployerId), or those with an MoU of the office (or any office) active on the day.
    // The workers: people with a recorded disability (not erased) whose job placement started by the day and was
    // not followed, by the day, by a placement of theirs with another employer. Apprentices are not counted: under
    // an apprenticeship agreement they are not the company's employees (Permenaker 6/2020).
    private const string Sql = """
        with partners as (
            select e.id, e.name, e.ownership, e.workforce, e.workforce_as_of
            from employers e
            where case when @EmployerId::bigint is not null then e.id = @EmployerId
                       else exists (select from mous m
                                    where m.employer_id = e.id
                                      and (@OfficeId::bigint is null or m.office_id = @OfficeId)
                                      and m.signed_on <= @AsOf and m.valid_until >= @AsOf
                                      and (m.terminated_on is null or m.terminated_on > @AsOf)) end
        ),
        workers as (
            select p.employer_id, count(distinct p.seeker_id)::int as placed
            from placements p
            join partners pt on pt.id = p.employer_id
            join seekers s on s.id = p.seeker_id
            where p.type = 'job' and p.start_date <= @AsOf
              and s.disability is not null and s.status <> 'erased'
              and not exists (select from placements later
                              where later.seeker_id = p.seeker_id and later.employer_id <> p.employer_id
                                and later.start_date > p.start_date and later.start_date <= @AsOf)
            group by p.employer_id
        )
        select pt.id as employer_id, pt.name, pt.ownership, pt.workforce, pt.workforce_as_of,
               coalesce(w.placed, 0) as placed
        from partners pt left join workers w on w.employer_id = pt.id
        order by pt.name, pt.id
        """;

    public static async Task<List<EmployerQuota>> ComputeAsync(NpgsqlDataSource db, long? officeId, long? employerId,
        DateOnly asOf, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        var rows = await conn.QueryAsync<QuotaCounts>(new CommandDefinition(Sql,
            new { OfficeId = officeId, EmployerId = employerId, AsOf = asOf }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return [.. rows.Select(QuotaAssessment.Assess)];
    }
}
