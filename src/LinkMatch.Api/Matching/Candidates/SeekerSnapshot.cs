using Dapper;
using LinkMatch.Api.Matching.Features;
using Npgsql;

namespace LinkMatch.Api.Matching.Candidates;

/// <summary>The matchable seekers' profiles and their candidate index, kept in memory by each process that runs
/// matching jobs, so that recomputing one vacancy does not reload everyone who shares something with it. At each use
/// it reloads the seekers changed since it last read: every change matching reads about a seeker stamps the seeker
/// row with the changing transaction (<c>seekers.matching_xid</c>, set by triggers), and the snapshot remembers the
/// oldest transaction still running when it read (<c>pg_snapshot_xmin</c>), so a change committed later is never
/// missed. A full refresh replaces it wholesale (which also picks up changes to courses, which carry no stamp).</summary>
public sealed class SeekerSnapshot
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private State? _state;

    /// <summary>Profiles by id, the index over them, and the xmin of the snapshot they were read in: swapped whole.</summary>
    private sealed record State(Dictionary<long, SeekerProfile> Profiles, CandidateIndex Index, string Xmin);

    /// <summary>The index as of the caller's transaction (repeatable read), refreshed with what changed.</summary>
    public async Task<CandidateIndex> CurrentAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CourseCatalog courses,
        CancellationToken ct)
    {
        await _lock.WaitAsync(ct);
        try
        {
            var xmin = await XminAsync(conn, tx, ct);
            if (_state is not { } state)
            {
                var all = await SeekerLoader.LoadAllAsync(conn, tx, courses, ct);
                _state = new State(all.ToDictionary(s => s.Id), CandidateIndex.Build(all), xmin);
                return _state.Index;
            }

            var changed = (await conn.QueryAsync<long>(new CommandDefinition(
                "select id from seekers where matching_xid >= @xmin::xid8", new { xmin = state.Xmin }, tx,
                cancellationToken: ct))).ToArray();
            if (changed.Length == 0)
            {
                _state = state with { Xmin = xmin };
                return state.Index;
            }

            var profiles = new Dictionary<long, SeekerProfile>(state.Profiles);
            foreach (var id in changed)
            {
                profiles.Remove(id);
            }

            foreach (var seeker in await SeekerLoader.LoadByIdsAsync(conn, tx, changed, courses, ct))
            {
                profiles[seeker.Id] = seeker;
            }

            _state = new State(profiles, CandidateIndex.Build([.. profiles.Values.OrderBy(p => p.Id)]), xmin);
            return _state.Index;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Takes a complete load by a full refresh: its seekers, the index it built over them, and the xmin of
    /// the repeatable-read transaction it read them in.</summary>
    public void Replace(IReadOnlyList<SeekerProfile> seekers, CandidateIndex index, string xmin) =>
        _state = new State(seekers.ToDictionary(s => s.Id), index, xmin);

    /// <summary>The oldest transaction still running as seen by the caller's snapshot, as text (xid8).</summary>
    public static async Task<string> XminAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct) =>
        await conn.ExecuteScalarAsync<string>(new CommandDefinition(
            "select pg_snapshot_xmin(pg_current_snapshot())::text", transaction: tx, cancellationToken: ct)) ?? "0";
}
