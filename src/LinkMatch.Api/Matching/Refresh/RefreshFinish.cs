using System.Data;
using System.Diagnostics;
using LinkMatch.Api.Database;
using LinkMatch.Api.Matching.Candidates;
using LinkMatch.Api.Matching.Features;
using LinkMatch.Api.Matching.Models;
using LinkMatch.Api.Matching.Suggestions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace LinkMatch.Api.Matching.Refresh;

/// <summary>Joins a refresh whose parts have all run: reads what they staged, makes the per-seeker cap global
/// (<see cref="Reconcile"/>), and writes part by part with <see cref="RefreshWriter"/>, each part's lists replaced
/// only where that part's reading saw them (a recompute committed after a part read is kept). Each part's staged
/// pairs go with its last batch; the refresh is done, the ended vacancies' proposed suggestions expired and the
/// job completed with the last one.</summary>
public sealed class RefreshFinish([FromKeyedServices(DataSources.Background)] NpgsqlDataSource db, ServingModels models,
    SeekerSnapshot snapshot, IOptions<MatchingOptions> options, TimeProvider time, ILogger<RefreshFinish> logger)
{
    public async Task RunAsync(long refreshId, Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task> completeWithin,
        CancellationToken ct)
    {
        var settings = options.Value;
        var today = Http.Wita.Today(time);
        var model = await models.GetAsync(ct);
        var clock = Stopwatch.StartNew();
        RefreshRun? run;
        List<RefreshPartRow> parts;
        List<StagedRow> staged;
        CandidateIndex index;
        List<VacancyProfile> vacancies;
        ReferenceNames names;
        await using (var conn = await db.OpenConnectionAsync(ct))
        await using (var tx = await conn.BeginTransactionAsync(ct))
        {
            run = await RefreshStore.RunAsync(conn, tx, refreshId, forUpdate: false, ct);
            parts = await RefreshStore.PartsAsync(conn, tx, refreshId, ct);
            if (run?.State != "writing")
            {
                // Superseded: what its parts staged goes, and nothing is loaded or written.
                foreach (var part in parts)
                {
                    await RefreshStore.ClearPartAsync(conn, tx, refreshId, part.Part, ct);
                }

                await completeWithin(conn, tx, ct);
                await tx.CommitAsync(ct);
                return;
            }

            await tx.CommitAsync(ct);
        }

        await using (var conn = await db.OpenConnectionAsync(ct))
        await using (var tx = await conn.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct))
        {
            staged = await RefreshStore.PairsAsync(conn, tx, refreshId, ct);
            var courses = await CourseCatalog.LoadAsync(conn, tx, ct);
            index = await snapshot.CurrentAsync(conn, tx, courses, ct);
            vacancies = await VacancyLoader.LoadOpenAsync(conn, tx, [.. parts.SelectMany(p => p.VacancyIds)], today,
                settings.Rules, ct);
            names = await ReferenceNames.LoadAsync(conn, tx, ct);
            await tx.CommitAsync(ct);
        }

        var load = clock.Elapsed.TotalSeconds;
        var vacancyAt = vacancies.Select((v, i) => (v.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var seekerAt = index.Seekers.Select((s, i) => (s.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var pairs = staged
            .Where(p => vacancyAt.ContainsKey(p.VacancyId) && seekerAt.ContainsKey(p.SeekerId))
            .Select(p => new ScoredPair(vacancyAt[p.VacancyId], seekerAt[p.SeekerId], p.Score)).ToList();
        var joined = Reconcile.Run(pairs, v => settings.VacancyCap(vacancies[v].Openings),
            settings.MaxSuggestionsPerSeeker, vacancies.Count, index.Seekers.Count);
        var partOf = parts.SelectMany(p => p.VacancyIds.Select(id => (id, p.Part))).ToDictionary(x => x.id, x => x.Part);
        var byPart = joined.ToLookup(p => partOf[vacancies[p.Vacancy].Id]);

        var parallel = settings.Parallel(ct);
        var writer = new RefreshWriter(db, model, new FeatureExtractor(settings.Rules), parallel, settings.RefreshBatchRows);
        var (explain, write) = (0.0, 0.0);
        for (var k = 0; k < parts.Count; k++)
        {
            var part = parts[k];
            var last = k == parts.Count - 1;
            var result = await writer.WriteAsync([.. byPart[part.Part]], vacancies, index.Seekers, names, part.VacancyIds,
                part.SeenIn!, today, async (conn, tx, token) =>
                {
                    await RefreshStore.ClearPartAsync(conn, tx, refreshId, part.Part, token);
                    if (last)
                    {
                        await SuggestionStore.ExpireEndedAsync(conn, tx, today, null, token);
                        await RefreshStore.FinishAsync(conn, tx, refreshId, writer.Stored, token);
                        await completeWithin(conn, tx, token);
                    }
                }, ct);
            (explain, write) = (explain + result.ExplainSeconds, write + result.WriteSeconds);
        }

        logger.LogInformation(
            "Refresh {Refresh} joined from {Parts} parts with model {Version}: {Staged} staged pairs, {Joined} after the global cap, {Stored} stored; load {Load:0.00} s, explain {Explain:0.00} s, write {Write:0.00} s",
            refreshId, parts.Count, model.Version, staged.Count, joined.Count, writer.Stored, load, explain, write);
    }
}
