using System.Data;
using System.Diagnostics;
using LinkMatch.Api.Database;
using LinkMatch.Api.Matching.Candidates;
using LinkMatch.Api.Matching.Features;
using LinkMatch.Api.Matching.Models;
using Microsoft.Extensions.Options;
using Npgsql;

namespace LinkMatch.Api.Matching.Suggestions;

/// <summary>What a full refresh did and where its time went. <see cref="AllPairs"/> is every seeker × vacancy;
/// <see cref="SharingPairs"/> those sharing a unit or an occupation group; <see cref="CheckedPairs"/> those whose
/// units could reach the pre-score cut and were checked for eligibility; <see cref="ScoredPairs"/> those the model
/// scored. <see cref="GenerateSeconds"/> and <see cref="ScoreSeconds"/> are thread time within the assignment;
/// <see cref="Write"/> is what the write stored and where its time went.</summary>
public sealed record RefreshStats(int ModelVersion, int Vacancies, int Seekers, long AllPairs, long SharingPairs,
    long CheckedPairs, long ScoredPairs, int Rounds, double LoadSeconds, double AssignSeconds,
    double GenerateSeconds, double ScoreSeconds, RefreshWrite Write)
{
    public int Stored => Write.Stored;

    public int Batches => Write.Batches;

    public double ExplainSeconds => Write.ExplainSeconds;

    public double WriteSeconds => Write.WriteSeconds;

    public double TotalSeconds => LoadSeconds + AssignSeconds + ExplainSeconds + WriteSeconds;
}

/// <summary>Recomputes every suggestion: loads the matchable seekers and open vacancies in one snapshot, builds the
/// candidate index, assigns under the exposure caps in rounds of candidate generation, scoring and greedy choice by
/// score (<see cref="CappedAssignment"/>), then explains and writes what is kept in batches of whole vacancy lists
/// (<see cref="RefreshWriter"/>, the caller's completion in the last). Vacancies that ended meanwhile have their
/// proposed suggestions expired.</summary>
public sealed class FullRefresh([FromKeyedServices(DataSources.Background)] NpgsqlDataSource db, ServingModels models, SeekerSnapshot snapshot,
    IOptions<MatchingOptions> options, TimeProvider time, ILogger<FullRefresh> logger)
{
    public async Task<RefreshStats> RunAsync(
        Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task>? completeWithin, CancellationToken ct)
    {
        var settings = options.Value;
        var rules = settings.Rules;
        var model = await models.GetAsync(ct);
        var today = Http.Wita.Today(time);
        var clock = Stopwatch.StartNew();

        List<SeekerProfile> seekers;
        List<VacancyProfile> vacancies;
        ReferenceNames names;
        HashSet<(long, long)> acted;
        long[] proposed;
        string xmin;
        string seenIn;
        await using (var conn = await db.OpenConnectionAsync(ct))
        await using (var tx = await conn.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct))
        {
            seenIn = await SuggestionStore.SnapshotAsync(conn, tx, ct);
            var courses = await CourseCatalog.LoadAsync(conn, tx, ct);
            xmin = await SeekerSnapshot.XminAsync(conn, tx, ct);
            seekers = await SeekerLoader.LoadAllAsync(conn, tx, courses, ct);
            vacancies = await VacancyLoader.LoadOpenAsync(conn, tx, today, rules, ct);
            names = await ReferenceNames.LoadAsync(conn, tx, ct);
            acted = await SuggestionStore.ActedPairsAsync(conn, tx, null, null, ct);
            proposed = await SuggestionStore.ProposedVacanciesAsync(conn, tx, ct);
            await tx.CommitAsync(ct);
        }

        var load = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var index = CandidateIndex.Build(seekers);
        snapshot.Replace(seekers, index, xmin);
        var extractor = new FeatureExtractor(rules);
        var parallel = settings.Parallel(ct);
        var assignment = new CappedAssignment(index, vacancies, model, extractor, settings, acted, today);
        assignment.Run(parallel);
        var kept = assignment.Kept;
        var score = clock.Elapsed.TotalSeconds;
        clock.Restart();

        var writer = new RefreshWriter(db, model, extractor, parallel, settings.RefreshBatchRows);
        var write = await writer.WriteAsync(kept, vacancies, seekers, names, proposed, seenIn, today, completeWithin, ct);
        var stats = new RefreshStats(model.Version, vacancies.Count, seekers.Count, (long)vacancies.Count * seekers.Count,
            assignment.Sharing, assignment.Checked, assignment.Scored, assignment.Rounds, load, score,
            assignment.GenerateSeconds, assignment.ScoreSeconds, write);
        logger.LogInformation(
            "Full refresh with model {Version}: {Vacancies} vacancies × {Seekers} seekers = {All} pairs, {Sharing} sharing, {Checked} checked, {Scored} scored in {Rounds} rounds, {Stored} stored in {Batches} batches; load {Load:0.00} s, assign {Score:0.00} s, explain {Explain:0.00} s, write {Write:0.00} s",
            stats.ModelVersion, stats.Vacancies, stats.Seekers, stats.AllPairs, stats.SharingPairs, stats.CheckedPairs,
            stats.ScoredPairs, stats.Rounds, stats.Stored, stats.Batches, stats.LoadSeconds, stats.AssignSeconds, stats.ExplainSeconds,
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
