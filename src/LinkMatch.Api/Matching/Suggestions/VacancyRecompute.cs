using LinkMatch.Api.Database;
using LinkMatch.Api.Matching.Candidates;
using LinkMatch.Api.Matching.Features;
using LinkMatch.Api.Matching.Models;
using Microsoft.Extensions.Options;
using Npgsql;

namespace LinkMatch.Api.Matching.Suggestions;

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
        var today = Http.Wita.Today(time);
        var model = await models.GetAsync(ct);

        VacancyProfile? vacancy = null;
        List<SeekerProfile> best = [];
        double[] scores = [];
        var sharing = 0;
        ReferenceNames? names = null;
        var seenIn = await Recompute.ReadAsync(db, async (conn, tx) =>
        {
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
        }, ct);

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await SuggestionStore.LockForJobAsync(conn, tx, [vacancyId], best.Select(s => s.Id), ct);
        if (vacancy is null)
        {
            await SuggestionStore.ExpireEndedAsync(conn, tx, today, [vacancyId], ct);
            var gone = await SuggestionStore.DeleteProposedAsync(conn, tx, [vacancyId], null, ct);
            await SuggestionStore.RenumberAsync(conn, tx, [vacancyId], [.. gone.Select(g => g.SeekerId)], ct);
            await Recompute.CompleteAsync(conn, tx, completeWithin, ct);
            return new RecomputeStats(0, 0, 0, 0, false);
        }

        var previous = await SuggestionStore.DeleteProposedAsync(conn, tx, [vacancyId], null, ct, seenIn);
        var explainer = new Explainer(model, new FeatureExtractor(rules));
        var side = new RecomputeSide(vacancyId, null, [.. best.Select(s => s.Id)], scores,
            settings.VacancyCap(vacancy.Openings), _ => settings.MaxSuggestionsPerSeeker,
            k => explainer.Explain(vacancy, best[k], today, names!));
        var (stored, displaced) = await Recompute.ReplaceAsync(conn, tx, side, previous, today, ct);
        await Recompute.CompleteAsync(conn, tx, completeWithin, ct);
        return new RecomputeStats(sharing, best.Count, stored, displaced, true);
    }
}
