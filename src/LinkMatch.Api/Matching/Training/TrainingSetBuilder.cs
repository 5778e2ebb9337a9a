using System.Data;
using Dapper;
using LinkMatch.Api.Matching.Candidates;
using LinkMatch.Api.Matching.Features;
using LinkMatch.Ranking;
using Npgsql;

namespace LinkMatch.Api.Matching.Training;

/// <summary>The slices of the training data: earlier vacancies to train on (the latest of them to stop boosting),
/// the latest vacancies held out to evaluate, and what they cover. <c>HoldoutCandidates</c> names the vacancy and
/// seeker of each held-out row, in the rows' order, for the fairness evaluation (never a feature).</summary>
public sealed record TrainingData(RankingDataset Train, RankingDataset? Validation, RankingDataset Holdout,
    TrainingWindow Window, IReadOnlyList<HoldoutCandidate> HoldoutCandidates);

/// <summary>Who one held-out row is: the seeker, and the vacancy (its office and opening day) it was a candidate for.</summary>
public sealed record HoldoutCandidate(long VacancyId, long OfficeId, DateOnly Day, long SeekerId);

public sealed record TrainingWindow(DateOnly? TrainFrom, DateOnly? TrainTo, DateOnly? HoldoutFrom, DateOnly? HoldoutTo,
    int Vacancies, int TrainQueries, int TrainRows, int ValidationQueries, int HoldoutQueries, int HoldoutRows,
    int Positives);

/// <summary>Builds training data from outcomes, one query per ended vacancy (filled or closed) that opened within
/// the window and has at least one positive outcome. Each vacancy is seen as of its opening day: the seekers are
/// rebuilt as they were then (<see cref="SeekerHistory"/>), only those registered by then and not already placed
/// elsewhere are candidates (or count as outcomes), and candidates come from the same sharing rule, eligibility and pre-score cut as
/// live suggestions. Rows: every seeker with an outcome (labels from <see cref="TrainingLabels"/>), plus a seeded
/// sample of the other candidates as label 0. The queries are split by time: the latest are held out.</summary>
public static class TrainingSetBuilder
{
    public static async Task<TrainingData> BuildAsync(NpgsqlDataSource db, MatchingOptions options, DateOnly today,
        CancellationToken ct)
    {
        var settings = options.Training;
        var rules = options.Rules;
        List<SeekerHistory> histories;
        List<VacancyProfile> vacancies;
        ILookup<long, (long SeekerId, float Label)> outcomes;
        await using (var conn = await db.OpenConnectionAsync(ct))
        await using (var tx = await conn.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct))
        {
            var courses = await CourseCatalog.LoadAsync(conn, tx, ct);
            histories = await TrainingHistoryLoader.LoadAsync(conn, tx, courses, ct);
            vacancies = await VacancyLoader.LoadEndedAsync(conn, tx, today.AddDays(-settings.WindowDays), today, rules, ct);
            outcomes = (await conn.QueryAsync<(long VacancyId, long SeekerId, bool Hired, string? Status)>(
                new CommandDefinition("""
                    select coalesce(p.vacancy_id, g.vacancy_id), coalesce(p.seeker_id, g.seeker_id),
                           p.id is not null, g.status
                    from placements p
                    full join suggestions g on g.vacancy_id = p.vacancy_id and g.seeker_id = p.seeker_id
                    """, transaction: tx, cancellationToken: ct)))
                .ToLookup(o => o.VacancyId, o => (o.SeekerId, TrainingLabels.Of(o.Hired, o.Status)));
            await tx.CommitAsync(ct);
        }

        var index = CandidateIndex.Build(histories.Select(h => h.Ever()).ToList());
        var position = histories.Select((h, i) => (h.Current.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var extractor = new FeatureExtractor(rules);
        var queries = new List<Query>();
        foreach (var vacancy in vacancies)
        {
            if (Build(vacancy, histories, index, position, outcomes[vacancy.Id], extractor, options) is { } query)
            {
                queries.Add(query);
            }
        }

        return Split(queries, settings, vacancies.Count);
    }

    private sealed record Query(VacancyProfile Vacancy, List<float[]> Rows, List<float> Labels, List<long> Seekers)
    {
        public DateOnly Day => Vacancy.OpensOn;
    }

    private static Query? Build(VacancyProfile vacancy, List<SeekerHistory> histories, CandidateIndex index,
        Dictionary<long, int> position, IEnumerable<(long SeekerId, float Label)> outcomes, FeatureExtractor extractor,
        MatchingOptions options)
    {
        var day = vacancy.OpensOn;
        var labelled = new Dictionary<int, float>();
        foreach (var (seekerId, label) in outcomes)
        {
            // Only people registered by the opening day could have been suggested then, hired or not.
            if (position.TryGetValue(seekerId, out var i) && histories[i].Current.RegisteredOn <= day)
            {
                labelled[i] = Math.Max(label, labelled.GetValueOrDefault(i));
            }
        }

        if (!labelled.Values.Any(l => l > 0))
        {
            return null;
        }

        var touched = new HashSet<int>();
        foreach (var requirement in vacancy.Requirements)
        {
            foreach (var posting in index.Holders(requirement.CompetencyId))
            {
                touched.Add(posting.Seeker);
            }
        }

        foreach (var i in index.InGroup(Kbji.MinorGroup(vacancy.OccupationCode)))
        {
            touched.Add(i);
        }

        var candidates = new List<(int Index, float PreScore)>();
        foreach (var i in touched)
        {
            var history = histories[i];
            if (labelled.ContainsKey(i) || history.Current.RegisteredOn > day || history.PlacedBefore(day, vacancy.Id))
            {
                continue;
            }

            var profile = history.AsOf(day);
            if (Eligibility.Shares(vacancy, profile)
                && Eligibility.Check(vacancy, profile, day, extractor.Rules) == Ineligibility.None)
            {
                candidates.Add((i, PreScore.Of(vacancy, profile)));
            }
        }

        var pool = candidates.OrderByDescending(c => c.PreScore).ThenBy(c => histories[c.Index].Current.Id)
            .Take(options.CandidatesPerVacancy).Select(c => c.Index).ToList();
        // A seed of its own per vacancy (HashCode.Combine would differ from process to process).
        var random = new Random(unchecked((int)((vacancy.Id * 2654435761L) ^ options.Training.Seed)));
        var negatives = pool.OrderBy(_ => random.Next()).Take(options.Training.NegativesPerVacancy);
        var rows = new List<float[]>();
        var labels = new List<float>();
        var seekers = new List<long>();
        foreach (var (i, label) in labelled.OrderBy(l => l.Key).Select(l => (l.Key, l.Value))
                     .Concat(negatives.Select(i => (i, TrainingLabels.NotSuggested))))
        {
            rows.Add(extractor.Extract(vacancy, histories[i].AsOf(day), day));
            labels.Add(label);
            seekers.Add(histories[i].Current.Id);
        }

        return new Query(vacancy, rows, labels, seekers);
    }

    private static TrainingData Split(List<Query> queries, TrainingSettings settings, int vacancies)
    {
        var holdoutCount = queries.Count == 0 ? 0 : Math.Max(1, (int)Math.Round(queries.Count * settings.HoldoutShare));
        var earlier = queries.Count - holdoutCount;
        var validationCount = earlier < 10 ? 0 : (int)Math.Round(earlier * settings.ValidationShare);
        var train = queries.Take(earlier - validationCount).ToList();
        var validation = queries.Skip(earlier - validationCount).Take(validationCount).ToList();
        var holdout = queries.Skip(earlier).ToList();
        var window = new TrainingWindow(
            train.FirstOrDefault()?.Day, validation.LastOrDefault()?.Day ?? train.LastOrDefault()?.Day,
            holdout.FirstOrDefault()?.Day, holdout.LastOrDefault()?.Day, vacancies, train.Count,
            train.Sum(q => q.Rows.Count), validation.Count, holdout.Count, holdout.Sum(q => q.Rows.Count),
            queries.Sum(q => q.Labels.Count(l => l > 0)));
        return new TrainingData(Dataset(train), validation.Count == 0 ? null : Dataset(validation), Dataset(holdout),
            window, [.. holdout.SelectMany(q => q.Seekers.Select(seeker =>
                new HoldoutCandidate(q.Vacancy.Id, q.Vacancy.OfficeId, q.Day, seeker)))]);
    }

    private static RankingDataset Dataset(List<Query> queries) => RankingDataset.FromRows(
        queries.SelectMany(q => q.Rows).ToList(), queries.SelectMany(q => q.Labels).ToArray(),
        queries.Select(q => q.Rows.Count).ToArray(), FeatureNames.All);
}
