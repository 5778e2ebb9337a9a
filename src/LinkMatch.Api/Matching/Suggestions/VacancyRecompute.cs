using System.Data;
using Dapper;
using LinkMatch.Api.Database;
using LinkMatch.Api.Matching.Candidates;
using LinkMatch.Api.Matching.Features;
using LinkMatch.Api.Matching.Models;
using Microsoft.Extensions.Options;
using Npgsql;

namespace LinkMatch.Api.Matching.Suggestions;

/// <summary>What recomputing one vacancy or one seeker did.</summary>
public sealed record RecomputeStats(int Sharing, int Scored, int Stored, int Displaced, bool Matchable);

/// <summary>Recomputes one vacancy's suggestions after it was posted or changed: its candidates come from the same
/// in-memory index as the full refresh's (<see cref="SeekerSnapshot"/>, brought up to date with the seekers changed
/// since), the best by pre-score are scored; then, under the write lock, its proposed suggestions are replaced
/// within the seekers' current exposure. A vacancy that is no longer open has its proposed
/// suggestions expired.</summary>
public sealed class VacancyRecompute([FromKeyedServices(DataSources.Background)] NpgsqlDataSource db, ServingModels models, SeekerSnapshot snapshot,
    IOptions<MatchingOptions> options, TimeProvider time)
{
    public async Task<RecomputeStats> RunAsync(long vacancyId,
        Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task>? completeWithin, CancellationToken ct)
    {
        var settings = options.Value;
        var rules = settings.Rules;
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var model = await models.GetAsync(ct);

        VacancyProfile? vacancy;
        List<SeekerProfile> best = [];
        double[] scores = [];
        var sharing = 0;
        ReferenceNames? names = null;
        string seenIn;
        await using (var conn = await db.OpenConnectionAsync(ct))
        await using (var tx = await conn.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct))
        {
            // Short queries: compiling them (JIT) would cost more than running them.
            await conn.ExecuteAsync(new CommandDefinition("set local jit = off", transaction: tx, cancellationToken: ct));
            seenIn = await SuggestionStore.SnapshotAsync(conn, tx, ct);
            vacancy = await VacancyLoader.LoadOpenAsync(conn, tx, vacancyId, today, rules, ct);
            if (vacancy is not null)
            {
                var courses = await CourseCatalog.LoadAsync(conn, tx, ct);
                var index = await snapshot.CurrentAsync(conn, tx, courses, ct);
                var candidates = new CandidateGenerator(index, rules).Generate(vacancy, today, settings.CandidatesPerVacancy);
                sharing = candidates.Sharing;
                best = candidates.Seekers.Select(i => index.Seekers[i]).ToList();
                scores = new PairScorer(model, new FeatureExtractor(rules)).Score(vacancy, best, today).ToArray();
                names = await ReferenceNames.LoadAsync(conn, tx, ct);
            }

            await tx.CommitAsync(ct);
        }

        await using (var conn = await db.OpenConnectionAsync(ct))
        await using (var tx = await conn.BeginTransactionAsync(ct))
        {
            await SuggestionStore.LockForJobAsync(conn, tx, [vacancyId], best.Select(s => s.Id), ct);
            if (vacancy is null)
            {
                await SuggestionStore.ExpireEndedAsync(conn, tx, today, vacancyId, ct);
                var gone = await SuggestionStore.DeleteProposedAsync(conn, tx, vacancyId, null, ct);
                await SuggestionStore.RenumberAsync(conn, tx, [vacancyId], [.. gone.Select(g => g.SeekerId)], ct);
                await Complete(conn, tx);
                return new RecomputeStats(0, 0, 0, 0, false);
            }

            var previous = await SuggestionStore.DeleteProposedAsync(conn, tx, vacancyId, null, ct, seenIn);
            var acted = await SuggestionStore.ActedPairsAsync(conn, tx, vacancyId, null, ct);
            var ranked = FullRefresh.TopIndexes(scores, scores.Length)
                .Where(k => !acted.Contains((vacancyId, best[k].Id)))
                .Select(k => (Candidate: k, Counterpart: best[k].Id, Score: scores[k])).ToList();
            var exposure = await SuggestionStore.ExposureAsync(conn, tx, [.. ranked.Select(r => r.Counterpart)],
                bySeeker: true, ct);
            var (taken, displaced) = ExposureCaps.Incremental(ranked, settings.VacancyCap(vacancy.Openings),
                _ => settings.MaxSuggestionsPerSeeker, exposure);
            var explainer = new Explainer(model, new FeatureExtractor(rules));
            var drafts = taken.Select(k => explainer.Explain(vacancy, best[k], today, names!)).ToList();
            var displacedRows = exposure.Values.Where(e => displaced.Contains(e.WeakestId)).ToList();
            await SuggestionStore.DeleteAsync(conn, tx, [.. displaced], ct);
            var stored = await SuggestionStore.InsertAsync(conn, tx, drafts, today, ct);
            await SuggestionStore.RenumberAsync(conn, tx,
                [vacancyId, .. displacedRows.Select(d => d.WeakestVacancyId)],
                [.. previous.Select(p => p.SeekerId), .. drafts.Select(d => d.SeekerId)], ct);
            await Complete(conn, tx);
            return new RecomputeStats(sharing, best.Count, stored, displaced.Count, true);
        }

        async Task Complete(NpgsqlConnection conn, NpgsqlTransaction tx)
        {
            if (completeWithin is not null)
            {
                await completeWithin(conn, tx, ct);
            }

            await tx.CommitAsync(ct);
        }
    }
}
