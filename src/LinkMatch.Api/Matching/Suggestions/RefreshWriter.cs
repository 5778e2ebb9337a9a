using LinkMatch.Api.Matching.Candidates;
using LinkMatch.Api.Matching.Features;
using LinkMatch.Api.Matching.Models;
using Npgsql;

namespace LinkMatch.Api.Matching.Suggestions;

/// <summary>What the streamed write of a full refresh did, and where its write time went: replacing the lists
/// (locks, expiry, deleting the old rows), inserting the new ones, numbering ranks.</summary>
public sealed record RefreshWrite(int Stored, int Batches, double ExplainSeconds, double WriteSeconds,
    double ReplaceSeconds, double InsertSeconds, double RenumberSeconds);

/// <summary>Writes a full refresh's assignment in batches of whole vacancy lists, each batch explained just before
/// it is written and replaced in a transaction of its own: no statement or transaction grows with the world, and at
/// most one batch of explanations is held at once. A vacancy's proposed list is replaced whole within one
/// transaction, so a reader sees either its previous list or its new one. A seeker's list spans vacancies of several
/// batches: while a refresh writes, it may show some suggestions already replaced and some not yet (each row whole;
/// the per-seeker cap can be exceeded by the rows still to be replaced for those seconds). Every vacancy that had a
/// proposed suggestion when the refresh read is in some batch, so lists the refresh no longer proposes are emptied.
/// The caller's completion runs in the last batch's transaction: a crash before it leaves the job to be run again,
/// and the rerun rewrites every batch (a pair proposed again keeps its id).</summary>
public sealed class RefreshWriter(NpgsqlDataSource db, ServingModel model, FeatureExtractor extractor,
    ParallelOptions parallel, int batchRows)
{
    /// <summary>Suggestions stored by this writer so far, over every call (the last batch's count included by the
    /// time its completion runs).</summary>
    public int Stored { get; private set; }

    public async Task<RefreshWrite> WriteAsync(IReadOnlyList<ScoredPair> kept, IReadOnlyList<VacancyProfile> vacancies,
        IReadOnlyList<SeekerProfile> seekers, ReferenceNames names, IEnumerable<long> previouslyProposed,
        string seenIn, DateOnly today, Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task>? completeWithin,
        CancellationToken ct)
    {
        var pairsOf = kept.GroupBy(p => vacancies[p.Vacancy].Id).ToDictionary(g => g.Key, g => g.ToArray());
        var lists = pairsOf.Keys.Concat(previouslyProposed).Distinct().Order().ToList();
        var batches = Batches(lists, id => pairsOf.TryGetValue(id, out var pairs) ? pairs.Length : 0).ToList();
        double explainSeconds = 0, writeSeconds = 0, replaceSeconds = 0, insertSeconds = 0, renumberSeconds = 0;
        var stored = 0;
        for (var b = 0; b < batches.Count; b++)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var ids = batches[b];
            var pairs = ids.SelectMany(id => pairsOf.TryGetValue(id, out var p) ? p : []).ToArray();
            var drafts = new SuggestionDraft[pairs.Length];
            Parallel.For(0, pairs.Length, parallel, () => new Explainer(model, extractor), (k, _, explainer) =>
            {
                drafts[k] = explainer.Explain(vacancies[pairs[k].Vacancy], seekers[pairs[k].Seeker], today, names);
                return explainer;
            }, static _ => { });
            explainSeconds += clock.Elapsed.TotalSeconds;
            clock.Restart();

            await using (var conn = await db.OpenConnectionAsync(ct))
            await using (var tx = await conn.BeginTransactionAsync(ct))
            {
                var step = System.Diagnostics.Stopwatch.StartNew();
                await SuggestionStore.LockForJobAsync(conn, tx, ids, drafts.Select(d => d.SeekerId), ct);
                await SuggestionStore.ExpireEndedAsync(conn, tx, today, ids, ct);
                var previous = await SuggestionStore.DeleteProposedAsync(conn, tx, ids, null, ct, seenIn);
                replaceSeconds += step.Elapsed.TotalSeconds;
                step.Restart();
                var inserted = await SuggestionStore.InsertAsync(conn, tx, drafts, today, ct);
                stored += inserted;
                Stored += inserted;
                insertSeconds += step.Elapsed.TotalSeconds;
                step.Restart();
                await SuggestionStore.RenumberAsync(conn, tx, ids,
                    [.. drafts.Select(d => d.SeekerId).Concat(previous.Select(p => p.SeekerId)).Distinct()], ct);
                renumberSeconds += step.Elapsed.TotalSeconds;
                if (b == batches.Count - 1 && completeWithin is not null)
                {
                    await completeWithin(conn, tx, ct);
                }

                await tx.CommitAsync(ct);
            }

            writeSeconds += clock.Elapsed.TotalSeconds;
        }

        if (batches.Count == 0 && completeWithin is not null)
        {
            await using var conn = await db.OpenConnectionAsync(ct);
            await using var tx = await conn.BeginTransactionAsync(ct);
            await completeWithin(conn, tx, ct);
            await tx.CommitAsync(ct);
        }

        return new RefreshWrite(stored, batches.Count, explainSeconds, writeSeconds, replaceSeconds, insertSeconds,
            renumberSeconds);
    }

    /// <summary>Consecutive runs of whole vacancy lists of at most <c>batchRows</c> suggestions (a list
    /// longer than that is a batch of its own).</summary>
    private IEnumerable<long[]> Batches(List<long> lists, Func<long, int> rows)
    {
        var batch = new List<long>();
        var size = 0;
        foreach (var id in lists)
        {
            var n = Math.Max(1, rows(id));
            if (batch.Count > 0 && size + n > batchRows)
            {
                yield return [.. batch];
                (batch, size) = ([], 0);
            }

            batch.Add(id);
            size += n;
        }

        if (batch.Count > 0)
        {
            yield return [.. batch];
        }
    }
}
