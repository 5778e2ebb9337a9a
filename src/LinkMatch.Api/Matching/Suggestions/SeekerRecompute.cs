using System.Data;
using Dapper;
using LinkMatch.Api.Database;
using LinkMatch.Api.Matching.Candidates;
using LinkMatch.Api.Matching.Features;
using LinkMatch.Api.Matching.Models;
using Microsoft.Extensions.Options;
using Npgsql;

namespace LinkMatch.Api.Matching.Suggestions;

/// <summary>Recomputes one seeker's suggestions after their profile, competencies, consent, training or placement
/// changed: the open vacancies sharing a unit or an occupation group with them are scored, and under the write lock
/// their proposed suggestions are replaced within the vacancies' current exposure (a full vacancy may give up its
/// weakest suggestion to a better pair). A seeker who can no longer be matched (placed, inactive, erased, consent
/// withdrawn) loses their proposed suggestions. Apprenticeships come only to recent graduates: eligibility says so.</summary>
public sealed class SeekerRecompute([FromKeyedServices(DataSources.Background)] NpgsqlDataSource db, ServingModels models, IOptions<MatchingOptions> options,
    TimeProvider time)
{
    public async Task<RecomputeStats> RunAsync(long seekerId,
        Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task>? completeWithin, CancellationToken ct)
    {
        var settings = options.Value;
        var rules = settings.Rules;
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var model = await models.GetAsync(ct);

        SeekerProfile? seeker;
        List<VacancyProfile> vacancies = [];
        double[] scores = [];
        var sharing = 0;
        ReferenceNames? names = null;
        string seenIn;
        await using (var conn = await db.OpenConnectionAsync(ct))
        await using (var tx = await conn.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct))
        {
            await conn.ExecuteAsync(new CommandDefinition("set local jit = off", transaction: tx, cancellationToken: ct));
            seenIn = await SuggestionStore.SnapshotAsync(conn, tx, ct);
            var courses = await CourseCatalog.LoadAsync(conn, tx, ct);
            seeker = (await SeekerLoader.LoadByIdsAsync(conn, tx, [seekerId], courses, ct)).SingleOrDefault();
            if (seeker is not null)
            {
                var open = await VacancyLoader.LoadSharingAsync(conn, tx, seeker, today, rules, ct);
                sharing = open.Count;
                vacancies = open.Where(v => Eligibility.Shares(v, seeker)
                    && Eligibility.Check(v, seeker, today, rules) == Ineligibility.None).ToList();
                scores = new PairScorer(model, new FeatureExtractor(rules)).Score(vacancies, seeker, today).ToArray();
                names = await ReferenceNames.LoadAsync(conn, tx, ct);
            }

            await tx.CommitAsync(ct);
        }

        await using (var conn = await db.OpenConnectionAsync(ct))
        await using (var tx = await conn.BeginTransactionAsync(ct))
        {
            await SuggestionStore.LockForJobAsync(conn, tx, vacancies.Select(v => v.Id), [seekerId], ct);
            var previous = await SuggestionStore.DeleteProposedAsync(conn, tx, null, seekerId, ct, seenIn);
            if (seeker is null)
            {
                await SuggestionStore.RenumberAsync(conn, tx, [.. previous.Select(p => p.VacancyId)], [seekerId], ct);
                await Complete(conn, tx);
                return new RecomputeStats(0, 0, 0, 0, false);
            }

            var acted = await SuggestionStore.ActedPairsAsync(conn, tx, null, seekerId, ct);
            var ranked = FullRefresh.TopIndexes(scores, scores.Length)
                .Where(k => !acted.Contains((vacancies[k].Id, seekerId)))
                .Select(k => (Candidate: k, Counterpart: vacancies[k].Id, Score: scores[k])).ToList();
            var exposure = await SuggestionStore.ExposureAsync(conn, tx, [.. ranked.Select(r => r.Counterpart)],
                bySeeker: false, ct);
            var caps = vacancies.ToDictionary(v => v.Id, v => settings.VacancyCap(v.Openings));
            var (taken, displaced) = ExposureCaps.Incremental(ranked, settings.MaxSuggestionsPerSeeker,
                v => caps[v], exposure);
            var explainer = new Explainer(model, new FeatureExtractor(rules));
            var drafts = taken.Select(k => explainer.Explain(vacancies[k], seeker, today, names!)).ToList();
            var displacedRows = exposure.Values.Where(e => displaced.Contains(e.WeakestId)).ToList();
            await SuggestionStore.DeleteAsync(conn, tx, [.. displaced], ct);
            var stored = await SuggestionStore.InsertAsync(conn, tx, drafts, today, ct);
            await SuggestionStore.RenumberAsync(conn, tx,
                [.. previous.Select(p => p.VacancyId), .. drafts.Select(d => d.VacancyId)],
                [seekerId, .. displacedRows.Select(d => d.WeakestSeekerId)], ct);
            await Complete(conn, tx);
            return new RecomputeStats(sharing, vacancies.Count, stored, displaced.Count, true);
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
