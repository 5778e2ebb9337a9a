using LinkMatch.Api.Audit;
using LinkMatch.Api.Auth;
using LinkMatch.Api.Database;
using LinkMatch.Api.Matching.Jobs;
using Npgsql;

namespace LinkMatch.Api.Vacancies;

/// <summary>What every change to a vacancy (amending, filling, closing) shares: it opens a transaction and locks one
/// of the caller's vacancies (<see cref="LockedVacancy.LockAsync"/>; <see cref="Vacancy"/> is null when the caller
/// has no such vacancy, which the handler answers with 404), and it ends the same way
/// (<see cref="FinishAsync"/>):
/// <code>
/// await using var change = await VacancyChange.BeginAsync(db, caller, id, ct);
/// if (change.Vacancy is not { } current)
/// {
///     return TypedResults.NotFound();
/// }
/// </code></summary>
internal sealed class VacancyChange(NpgsqlConnection conn, NpgsqlTransaction tx, Caller caller, long id)
    : HandlerTransaction(conn, tx)
{
    public Caller Caller { get; } = caller;
    public long Id { get; } = id;

    /// <summary>The locked vacancy; null when the caller has no vacancy with this id.</summary>
    public LockedVacancy? Vacancy { get; private set; }

    public static async Task<VacancyChange> BeginAsync(NpgsqlDataSource db, Caller caller, long id,
        CancellationToken ct)
    {
        var conn = await db.OpenConnectionAsync(ct);
        var change = new VacancyChange(conn, await conn.BeginTransactionAsync(ct), caller, id);
        change.Vacancy = await LockedVacancy.LockAsync(conn, change.Tx, id, caller, ct);
        return change;
    }

    /// <summary>Audits the change as <paramref name="action"/>, tells matching the vacancy changed, commits, and
    /// returns the vacancy as the caller now sees it.</summary>
    public async Task<Vacancy> FinishAsync(MatchingTriggers matching, string action, object? details,
        CancellationToken ct)
    {
        var vacancy = (await VacancyQueries.FindAsync(Conn, Tx, Id, Caller, ct))!;
        await AuditLog.WriteAsync(Conn, Tx, Caller, new AuditEntry(action, "vacancy", Id, Details: details), ct);
        await matching.VacancyChangedAsync(Conn, Tx, Id, ct);
        await Tx.CommitAsync(ct);
        return vacancy;
    }
}
