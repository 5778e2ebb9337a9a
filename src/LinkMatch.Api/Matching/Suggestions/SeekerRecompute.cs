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
        var today = Http.Wita.Today(time);
        var model = await models.GetAsync(ct);

        SeekerProfile? seeker = null;
        List<VacancyProfile> vacancies = [];
        double[] scores = [];
        var sharing = 0;
        ReferenceNames? names = null;
        var seenIn = await Recompute.ReadAsync(db, async (conn, tx) =>
        {
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
        }, ct);

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await SuggestionStore.LockForJobAsync(conn, tx, vacancies.Select(v => v.Id), [seekerId], ct);
        var previous = await SuggestionStore.DeleteProposedAsync(conn, tx, null, seekerId, ct, seenIn);
        if (seeker is null)
        {
            await SuggestionStore.RenumberAsync(conn, tx, [.. previous.Select(p => p.VacancyId)], [seekerId], ct);
            await Recompute.CompleteAsync(conn, tx, completeWithin, ct);
            return new RecomputeStats(0, 0, 0, 0, false);
        }

        var explainer = new Explainer(model, new FeatureExtractor(rules));
        var caps = vacancies.ToDictionary(v => v.Id, v => settings.VacancyCap(v.Openings));
        var side = new RecomputeSide(null, seekerId, [.. vacancies.Select(v => v.Id)], scores,
            settings.MaxSuggestionsPerSeeker, v => caps[v],
            k => explainer.Explain(vacancies[k], seeker, today, names!));
        var (stored, displaced) = await Recompute.ReplaceAsync(conn, tx, side, previous, today, ct);
        await Recompute.CompleteAsync(conn, tx, completeWithin, ct);
        return new RecomputeStats(sharing, vacancies.Count, stored, displaced, true);
    }
}
