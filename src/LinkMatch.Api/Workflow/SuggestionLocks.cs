using Dapper;
using LinkMatch.Api.Auth;
using LinkMatch.Api.Matching.Suggestions;
using Npgsql;

namespace LinkMatch.Api.Workflow;

/// <summary>A suggestion locked for a transition, with what the transitions check about its vacancy, its seeker
/// and its placement.</summary>
internal sealed class LockedSuggestion
{
    public long Id { get; init; }
    public string Kind { get; init; } = "";
    public string Status { get; init; } = "";
    public long VacancyId { get; init; }
    public long SeekerId { get; init; }
    public string VacancyStatus { get; init; } = "";
    public int Openings { get; init; }
    public int Filled { get; init; }
    public DateOnly ClosesOn { get; init; }
    public int? ApprenticeshipMonths { get; init; }
    public long? Stipend { get; init; }
    public string SeekerStatus { get; init; } = "";
    public bool ConsentOpen { get; init; }
    public long? PlacementId { get; init; }
    public int? DurationMonths { get; init; }
    public DateTimeOffset? RatifiedAt { get; init; }
}

/// <summary>Which suggestions a caller may act on, and the locking every transition does. Scope, in SQL over
/// <c>suggestions g, seekers s, vacancies v</c>: admins all; staff those whose seeker belongs to their office;
/// employers those referred to their own vacancies (approved or later). Anything else is not found.
/// Lock order (the one <see cref="SuggestionStore"/> documents): the vacancy row, then the seeker row (both FOR
/// UPDATE, as a placement locks them), then the suggestions' advisory lock, and only then the suggestion row
/// (FOR UPDATE), whose status is checked in the same transaction. Two people acting on one suggestion queue on
/// the vacancy row and the second sees the first one's status; a recompute, which holds the advisory lock while it
/// deletes proposed rows, never waits for a suggestion row held by someone waiting for that lock.</summary>
internal static class SuggestionLocks
{
    public const string Scope = $"""
        (@ScopeOfficeId::bigint is null or s.office_id = @ScopeOfficeId)
        and (@ScopeEmployerId::bigint is null
             or (v.employer_id = @ScopeEmployerId and g.status = any(@Referred)))
        """;

    /// <summary>The SQL parameters of <see cref="Scope"/> for a caller, with the query's own
    /// (<paramref name="more"/>, an anonymous object).</summary>
    public static DynamicParameters ScopeOf(Caller caller, object more)
    {
        (long? Office, long? Employer) scope = caller.Role switch
        {
            Roles.Admin => (null, null),
            Roles.Staff => (caller.OfficeId ?? -1, null),
            Roles.Employer => (null, caller.EmployerId ?? -1),
            _ => (-1, -1),
        };
        var parameters = new DynamicParameters(more);
        parameters.AddDynamicParams(new
        {
            ScopeOfficeId = scope.Office,
            ScopeEmployerId = scope.Employer,
            SuggestionStatuses.Referred,
        });
        return parameters;
    }

    private sealed record Keys(long VacancyId, long SeekerId);

    /// <summary>Locks the suggestion (and its vacancy and seeker) if the caller may act on it; null when it is not
    /// the caller's, or no longer exists.</summary>
    public static async Task<LockedSuggestion?> LockAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Caller caller,
        long id, CancellationToken ct)
    {
        var parameters = ScopeOf(caller, new { id });
        var keys = await conn.QuerySingleOrDefaultAsync<Keys>(new CommandDefinition($"""
            select g.vacancy_id, g.seeker_id
            from suggestions g join seekers s on s.id = g.seeker_id join vacancies v on v.id = g.vacancy_id
            where g.id = @id and {Scope}
            """, parameters, tx, cancellationToken: ct));
        if (keys is null)
        {
            return null;
        }

        await conn.ExecuteAsync(new CommandDefinition("""
            select 1 from vacancies where id = @VacancyId for update;
            select 1 from seekers where id = @SeekerId for update;
            """, keys, tx, cancellationToken: ct));
        await SuggestionStore.LockAsync(conn, tx, ct);
        // Read again under the locks: the status (and the scope, for employers) may have changed meanwhile.
        return await conn.QuerySingleOrDefaultAsync<LockedSuggestion>(new CommandDefinition($"""
            select g.id, g.kind, g.status, g.vacancy_id, g.seeker_id, v.status as vacancy_status, v.openings, v.filled,
                   v.closes_on, v.apprenticeship_months, v.stipend, s.status as seeker_status,
                   exists (select 1 from seeker_consents sc where sc.seeker_id = s.id and sc.purpose = 'matching'
                                                             and sc.withdrawn_at is null) as consent_open,
                   g.placement_id, p.duration_months, p.ratified_at
            from suggestions g join seekers s on s.id = g.seeker_id join vacancies v on v.id = g.vacancy_id
            left join placements p on p.id = g.placement_id
            where g.id = @id and {Scope}
            for update of g
            """, parameters, tx, cancellationToken: ct));
    }
}
