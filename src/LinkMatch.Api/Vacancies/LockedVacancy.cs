using Dapper;
using LinkMatch.Api.Auth;
using Npgsql;

namespace LinkMatch.Api.Vacancies;

/// <summary>A vacancy locked for a change (amending, filling, closing): what those check about it.</summary>
internal sealed record LockedVacancy(string Type, string Status, int Openings, int Filled)
{
    /// <summary>Locks one of the caller's vacancies against concurrent changes and placements; null when the caller
    /// has no such vacancy.</summary>
    public static Task<LockedVacancy?> LockAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long id, Caller caller,
        CancellationToken ct)
    {
        var (scopeOffice, scopeEmployer) = VacancyRules.ScopeOf(caller);
        return conn.QuerySingleOrDefaultAsync<LockedVacancy?>(new CommandDefinition($"""
            select v.type, v.status, v.openings, v.filled from vacancies v
            where v.id = @id and {VacancyRules.Scope}
            for update
            """, new { id, ScopeOfficeId = scopeOffice, ScopeEmployerId = scopeEmployer }, tx, cancellationToken: ct));
    }
}
