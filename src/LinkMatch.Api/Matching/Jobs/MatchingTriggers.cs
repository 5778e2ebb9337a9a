using Dapper;
using LinkMatch.Api.Matching.Suggestions;
using LinkMatch.Api.Reports;
using LinkMatch.Api.Workflow;
using LinkMatch.Jobs;
using Npgsql;

namespace LinkMatch.Api.Matching.Jobs;

/// <summary>What the registry calls, inside the transaction of a change, so that matching follows the change
/// exactly when it commits: a recompute of the vacancy or the seeker (one pending job per vacancy or seeker, by
/// unique key), and for a seeker who may no longer be matched, the removal of their proposed suggestions at once.
/// The stored reports the change moves are recomputed too (<see cref="ReportTriggers"/>).</summary>
public sealed class MatchingTriggers(IJobQueue jobs, ReportTriggers reports)
{
    public const string VacancyJob = "matching.vacancy";
    public const string SeekerJob = "matching.seeker";
    public const string RefreshJob = "matching.refresh";
    public const string RetrainJob = "matching.retrain";

    /// <summary>A vacancy was posted, amended, filled, closed or had a placement.</summary>
    public async Task VacancyChangedAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long vacancyId,
        CancellationToken ct = default)
    {
        await jobs.EnqueueAsync(conn, tx, new JobRequest(VacancyJob)
        {
            Args = new VacancyArgs(vacancyId),
            UniqueKey = $"vacancy:{vacancyId}",
        }, ct);
        await reports.VacancyChangedAsync(conn, tx, vacancyId, ct);
    }

    /// <summary>A seeker was registered or corrected, or their competencies, consent, training or placement changed.</summary>
    public async Task SeekerChangedAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long seekerId,
        CancellationToken ct = default)
    {
        await jobs.EnqueueAsync(conn, tx, new JobRequest(SeekerJob)
        {
            Args = new SeekerArgs(seekerId),
            UniqueKey = $"seeker:{seekerId}",
        }, ct);
        await reports.SeekerChangedAsync(conn, tx, seekerId, ct);
    }

    /// <summary>The seeker may no longer be matched (consent withdrawn, placed, made inactive): their proposed
    /// suggestions go now, in the same transaction (after the caller's row locks, under the suggestions' write lock:
    /// see <see cref="SuggestionStore"/>); the vacancies they leave are recomputed (their next best seeker
    /// moves up).</summary>
    public async Task SeekerLeftAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long seekerId,
        CancellationToken ct = default)
    {
        await SuggestionStore.LockAsync(conn, tx, ct);
        var gone = await SuggestionStore.DeleteProposedAsync(conn, tx, null, seekerId, ct);
        await SeekerChangedAsync(conn, tx, seekerId, ct);
        foreach (var vacancyId in gone.Select(g => g.VacancyId).Distinct())
        {
            await VacancyChangedAsync(conn, tx, vacancyId, ct);
        }
    }

    /// <summary>Erasure: every suggestion of the seeker goes, whatever its status, so that only the tombstone refers
    /// to the person; the vacancies they were proposed for are recomputed.</summary>
    public async Task SeekerErasedAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long seekerId,
        CancellationToken ct = default)
    {
        await SuggestionStore.LockAsync(conn, tx, ct);
        var proposed = await conn.QueryAsync<long?>(new CommandDefinition(
            "delete from suggestions where seeker_id = @seekerId returning case when status = @Proposed then vacancy_id end",
            new { seekerId, SuggestionStatuses.Proposed }, tx, cancellationToken: ct));
        foreach (var vacancyId in proposed.OfType<long>().Distinct())
        {
            await VacancyChangedAsync(conn, tx, vacancyId, ct);
        }

        await reports.SeekerChangedAsync(conn, tx, seekerId, ct);
    }

    /// <summary>Many seekers changed at once (a CSV import): one full refresh instead of a job each.</summary>
    public async Task RefreshAllAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct = default)
    {
        await jobs.EnqueueAsync(conn, tx, new JobRequest(RefreshJob) { UniqueKey = "matching:refresh" }, ct);
        await reports.ManySeekersChangedAsync(conn, tx, ct);
    }

    public sealed record VacancyArgs(long VacancyId);

    public sealed record SeekerArgs(long SeekerId);
}
