using System.Collections.Concurrent;
using System.Data;
using System.Diagnostics;
using LinkMatch.Api.Matching.Candidates;
using LinkMatch.Api.Matching.Features;
using LinkMatch.Api.Matching.Models;
using Microsoft.Extensions.Options;
using Npgsql;

namespace LinkMatch.Api.Matching.Suggestions;

/// <summary>What a full refresh did and where its time went. <see cref="AllPairs"/> is every seeker × vacancy;
/// <see cref="SharingPairs"/> those sharing a unit or an occupation group; <see cref="ScoredPairs"/> those the model
/// scored after eligibility and the pre-score cut.</summary>
public sealed record RefreshStats(int ModelVersion, int Vacancies, int Seekers, long AllPairs, long SharingPairs,
    long EligiblePairs, long ScoredPairs, int Stored, double LoadSeconds, double ScoreSeconds, double ExplainSeconds,
    double WriteSeconds)
{
    public double TotalSeconds => LoadSeconds + ScoreSeconds + ExplainSeconds + WriteSeconds;
}

/// <summary>Recomputes every suggestion: loads the matchable seekers and open vacancies in one snapshot, builds the
/// candidate index, scores each vacancy's best candidates in parallel, assigns under the exposure caps greedily by
/// score, explains what is kept, and replaces every proposed suggestion in one transaction (the caller's
/// completion inside it). Vacancies that ended meanwhile have their proposed suggestions expired.</summary>
public sealed class FullRefresh(NpgsqlDataSource db, ServingModels models, IOptions<MatchingOptions> options,
    TimeProvider time, ILogger<FullRefresh> logger)
{
    public async Task<RefreshStats> RunAsync(
        Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task>? completeWithin, CancellationToken ct)
    {
        var settings = options.Value;
        var rules = settings.Rules;
        var model = await models.GetAsync(ct);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var clock = Stopwatch.StartNew();

        List<SeekerProfile> seekers;
        List<VacancyProfile> vacancies;
        ReferenceNames names;
        HashSet<(long, long)> acted;
        await using (var conn = await db.OpenConnectionAsync(ct))
        await using (var tx = await conn.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct))
        {
            var courses = await CourseCatalog.LoadAsync(conn, tx, ct);
            seekers = await SeekerLoader.LoadAllAsync(conn, tx, courses, ct);
            vacancies = await VacancyLoader.LoadOpenAsync(conn, tx, today, rules, ct);
            names = await ReferenceNames.LoadAsync(conn, tx, ct);
            acted = await SuggestionStore.ActedPairsAsync(conn, tx, null, null, ct);
            await tx.CommitAsync(ct);
        }

        var load = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var index = CandidateIndex.Build(seekers);
        var extractor = new FeatureExtractor(rules);
        long sharing = 0, eligible = 0, scored = 0;
        var pairs = new ConcurrentBag<List<ScoredPair>>();
        var parallel = new ParallelOptions
        {
            CancellationToken = ct,
            MaxDegreeOfParallelism = settings.Threads > 0 ? settings.Threads : Environment.ProcessorCount,
        };
        Parallel.For(0, vacancies.Count, parallel,
            () => (Generator: new CandidateGenerator(index, rules), Scorer: new PairScorer(model, extractor),
                Pairs: new List<ScoredPair>(), Sharing: 0L, Eligible: 0L, Scored: 0L),
            (v, _, local) =>
            {
                var vacancy = vacancies[v];
                var candidates = local.Generator.Generate(vacancy, today, settings.CandidatesPerVacancy);
                var profiles = candidates.Seekers.Select(i => seekers[i]).ToList();
                var scores = local.Scorer.Score(vacancy, profiles, today);
                var keep = Math.Min(profiles.Count, 4 * settings.VacancyCap(vacancy.Openings));
                foreach (var k in TopIndexes(scores, keep))
                {
                    if (!acted.Contains((vacancy.Id, profiles[k].Id)))
                    {
                        local.Pairs.Add(new ScoredPair(v, candidates.Seekers[k], scores[k]));
                    }
                }

                return local with
                {
                    Sharing = local.Sharing + candidates.Sharing,
                    Eligible = local.Eligible + candidates.Eligible,
                    Scored = local.Scored + profiles.Count,
                };
            },
            local =>
            {
                pairs.Add(local.Pairs);
                Interlocked.Add(ref sharing, local.Sharing);
                Interlocked.Add(ref eligible, local.Eligible);
                Interlocked.Add(ref scored, local.Scored);
            });
        var kept = ExposureCaps.Greedy(pairs.SelectMany(p => p).ToList(),
            v => settings.VacancyCap(vacancies[v].Openings), settings.MaxSuggestionsPerSeeker, vacancies.Count,
            seekers.Count);
        var score = clock.Elapsed.TotalSeconds;
        clock.Restart();

        var drafts = new SuggestionDraft[kept.Count];
        Parallel.For(0, kept.Count, parallel, () => new Explainer(model, extractor), (k, _, explainer) =>
        {
            drafts[k] = explainer.Explain(vacancies[kept[k].Vacancy], seekers[kept[k].Seeker], today, names);
            return explainer;
        }, static _ => { });
        var explain = clock.Elapsed.TotalSeconds;
        clock.Restart();

        int stored;
        await using (var conn = await db.OpenConnectionAsync(ct))
        await using (var tx = await conn.BeginTransactionAsync(ct))
        {
            await SuggestionStore.LockForJobAsync(conn, tx, drafts.Select(d => d.VacancyId), drafts.Select(d => d.SeekerId),
                ct);
            await SuggestionStore.ExpireEndedAsync(conn, tx, today, null, ct);
            await SuggestionStore.DeleteProposedAsync(conn, tx, null, null, ct);
            stored = await SuggestionStore.InsertAsync(conn, tx, drafts, today, ct);
            await SuggestionStore.RenumberAsync(conn, tx, null, null, ct);
            if (completeWithin is not null)
            {
                await completeWithin(conn, tx, ct);
            }

            await tx.CommitAsync(ct);
        }

        var stats = new RefreshStats(model.Version, vacancies.Count, seekers.Count, (long)vacancies.Count * seekers.Count,
            sharing, eligible, scored, stored, load, score, explain, clock.Elapsed.TotalSeconds);
        logger.LogInformation(
            "Full refresh with model {Version}: {Vacancies} vacancies × {Seekers} seekers = {All} pairs, {Sharing} sharing, {Eligible} eligible, {Scored} scored, {Stored} stored; load {Load:0.00} s, score {Score:0.00} s, explain {Explain:0.00} s, write {Write:0.00} s",
            stats.ModelVersion, stats.Vacancies, stats.Seekers, stats.AllPairs, stats.SharingPairs, stats.EligiblePairs,
            stats.ScoredPairs, stats.Stored, stats.LoadSeconds, stats.ScoreSeconds, stats.ExplainSeconds,
            stats.WriteSeconds);
        return stats;
    }

    /// <summary>The positions of the <paramref name="count"/> highest scores, best first.</summary>
    public static int[] TopIndexes(ReadOnlySpan<double> scores, int count)
    {
        var keys = scores.ToArray();
        var order = new int[keys.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) => keys[b] != keys[a] ? keys[b].CompareTo(keys[a]) : a.CompareTo(b));
        return order.Length > count ? order[..count] : order;
    }
}
