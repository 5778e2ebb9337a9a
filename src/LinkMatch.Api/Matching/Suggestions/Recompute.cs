using System.Data;
using Dapper;
using Npgsql;

namespace LinkMatch.Api.Matching.Suggestions;

/// <summary>What recomputing one vacancy or one seeker did.</summary>
public sealed record RecomputeStats(int Sharing, int Scored, int Stored, int Displaced, bool Matchable);

/// <summary>One vacancy's (or one seeker's) recompute seen from its own side: the counterparts it scored (seekers
/// for a vacancy, vacancies for a seeker), their scores, how many suggestions it may keep, how many each
/// counterpart may, and how a taken pair is explained.</summary>
internal sealed record RecomputeSide(long? VacancyId, long? SeekerId, long[] Counterparts, double[] Scores,
    int Cap, Func<long, int> CounterpartCap, Func<int, SuggestionDraft> Explain)
{
    /// <summary>The (vacancy, seeker) pair of counterpart <paramref name="k"/>.</summary>
    public (long VacancyId, long SeekerId) Pair(int k) =>
        (VacancyId ?? Counterparts[k], SeekerId ?? Counterparts[k]);
}

/// <summary>What <see cref="VacancyRecompute"/> and <see cref="SeekerRecompute"/> share: reading in one snapshot,
/// replacing proposed suggestions within the counterparts' current exposure under the write lock, and
/// committing with the caller's own completion.</summary>
internal static class Recompute
{
    /// <summary>Runs <paramref name="read"/> in one repeatable-read snapshot and returns that snapshot (as
    /// <see cref="SuggestionStore.SnapshotAsync"/> gives it, the <c>seenIn</c> of the write).</summary>
    public static async Task<string> ReadAsync(NpgsqlDataSource db,
        Func<NpgsqlConnection, NpgsqlTransaction, Task> read, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        // Short queries: compiling them (JIT) would cost more than running them.
        await conn.ExecuteAsync(new CommandDefinition("set local jit = off", transaction: tx, cancellationToken: ct));
        var seenIn = await SuggestionStore.SnapshotAsync(conn, tx, ct);
        await read(conn, tx);
        await tx.CommitAsync(ct);
        return seenIn;
    }

    /// <summary>After the side's proposed suggestions (<paramref name="previous"/>) were deleted: proposes the best
    /// pairs no person acted on, within the side's cap and the counterparts' exposure (a counterpart at its cap
    /// gives up its weakest suggestion to a better pair), and renumbers every list that changed.</summary>
    public static async Task<(int Stored, int Displaced)> ReplaceAsync(NpgsqlConnection conn, NpgsqlTransaction tx,
        RecomputeSide side, List<(long VacancyId, long SeekerId)> previous, DateOnly today, CancellationToken ct)
    {
        var acted = await SuggestionStore.ActedPairsAsync(conn, tx, side.VacancyId, side.SeekerId, ct);
        var ranked = FullRefresh.TopIndexes(side.Scores, side.Scores.Length)
            .Where(k => !acted.Contains(side.Pair(k)))
            .Select(k => (Candidate: k, Counterpart: side.Counterparts[k], Score: side.Scores[k])).ToList();
        var exposure = await SuggestionStore.ExposureAsync(conn, tx, [.. ranked.Select(r => r.Counterpart)],
            bySeeker: side.VacancyId is not null, ct);
        var (taken, displaced) = ExposureCaps.Incremental(ranked, side.Cap, side.CounterpartCap, exposure);
        var drafts = taken.Select(side.Explain).ToList();
        var displacedRows = exposure.Values.Where(e => displaced.Contains(e.WeakestId)).ToList();
        await SuggestionStore.DeleteAsync(conn, tx, [.. displaced], ct);
        var stored = await SuggestionStore.InsertAsync(conn, tx, drafts, today, ct);
        await SuggestionStore.RenumberAsync(conn, tx,
            [.. Own(side.VacancyId), .. previous.Select(p => p.VacancyId), .. drafts.Select(d => d.VacancyId),
                .. displacedRows.Select(d => d.WeakestVacancyId)],
            [.. Own(side.SeekerId), .. previous.Select(p => p.SeekerId), .. drafts.Select(d => d.SeekerId),
                .. displacedRows.Select(d => d.WeakestSeekerId)], ct);
        return (stored, displaced.Count);
    }

    /// <summary>Runs the caller's completion (a job's bookkeeping) in the write transaction and commits.</summary>
    public static async Task CompleteAsync(NpgsqlConnection conn, NpgsqlTransaction tx,
        Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task>? completeWithin, CancellationToken ct)
    {
        if (completeWithin is not null)
        {
            await completeWithin(conn, tx, ct);
        }

        await tx.CommitAsync(ct);
    }

    private static long[] Own(long? id) => id is { } one ? [one] : [];
}
