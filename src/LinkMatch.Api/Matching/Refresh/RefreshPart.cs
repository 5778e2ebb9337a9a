using System.Data;
using System.Diagnostics;
using LinkMatch.Api.Database;
using LinkMatch.Api.Matching.Candidates;
using LinkMatch.Api.Matching.Features;
using LinkMatch.Api.Matching.Models;
using LinkMatch.Api.Matching.Suggestions;
using LinkMatch.Jobs;
using Microsoft.Extensions.Options;
using Npgsql;

namespace LinkMatch.Api.Matching.Refresh;

/// <summary>One part of a refresh: in one snapshot, its open vacancies and the seekers of this process's
/// <see cref="SeekerSnapshot"/> (brought up to date), then the capped assignment of its vacancies as if it were
/// alone, which scores each vacancy's candidates as deep as its part needs; every pair it scored is staged with the
/// part's completion and the job's, in one transaction. A part run again (its worker died) computes the same pairs from the same world and
/// replaces what it staged; a part of a refresh no longer running does nothing.</summary>
public sealed class RefreshPart([FromKeyedServices(DataSources.Background)] NpgsqlDataSource db, ServingModels models,
    SeekerSnapshot snapshot, IJobQueue jobs, IOptions<MatchingOptions> options, TimeProvider time,
    ILogger<RefreshPart> logger)
{
    public async Task RunAsync(long refreshId, int part, Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task> completeWithin,
        CancellationToken ct)
    {
        var settings = options.Value;
        var today = Http.Wita.Today(time);
        var model = await models.GetAsync(ct);
        var clock = Stopwatch.StartNew();
        RefreshRun? run;
        string seenIn;
        CandidateIndex index;
        List<VacancyProfile> vacancies;
        HashSet<(long, long)> acted;
        await using (var conn = await db.OpenConnectionAsync(ct))
        await using (var tx = await conn.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct))
        {
            run = await RefreshStore.RunAsync(conn, tx, refreshId, forUpdate: false, ct);
            var ids = (await RefreshStore.PartAsync(conn, tx, refreshId, part, ct))?.VacancyIds;
            seenIn = await SuggestionStore.SnapshotAsync(conn, tx, ct);
            if (run?.State != "scoring" || ids is null)
            {
                await tx.CommitAsync(ct);
                await ClearAsync(refreshId, part, completeWithin, ct);
                return;
            }

            var courses = await CourseCatalog.LoadAsync(conn, tx, ct);
            index = await snapshot.CurrentAsync(conn, tx, courses, ct);
            vacancies = await VacancyLoader.LoadOpenAsync(conn, tx, ids, today, settings.Rules, ct);
            acted = await SuggestionStore.ActedPairsAsync(conn, tx, ids, ct);
            await tx.CommitAsync(ct);
        }

        var parallel = settings.Parallel(ct);
        // A seeker's places are shared by every part: assigned alone, a part lets each seeker take only their share,
        // so that its rounds score as deep as the contention over the whole world makes a vacancy need.
        var share = Math.Max(1, settings.MaxSuggestionsPerSeeker / Math.Max(1, run.Parts));
        var assignment = new CappedAssignment(index, vacancies, model, new FeatureExtractor(settings.Rules), settings,
            acted, today, share);
        assignment.Run(parallel);
        var staged = assignment.AllScored()
            .Select(p => new StagedRow(vacancies[p.Vacancy].Id, index.Seekers[p.Seeker].Id, p.Score))
            .ToList();

        await using (var conn = await db.OpenConnectionAsync(ct))
        await using (var tx = await conn.BeginTransactionAsync(ct))
        {
            // The refresh row, locked, orders the parts' completions: exactly one of them sees that it is the last.
            run = await RefreshStore.RunAsync(conn, tx, refreshId, forUpdate: true, ct);
            var last = false;
            if (run?.State == "scoring")
            {
                last = await RefreshStore.CompletePartAsync(conn, tx, jobs, refreshId, part, seenIn,
                    clock.Elapsed.TotalSeconds, staged, ct);
            }

            await completeWithin(conn, tx, ct);
            await tx.CommitAsync(ct);
            logger.LogInformation(
                "Refresh {Refresh} part {Part}: {Vacancies} vacancies, {Scored} pairs scored in {Rounds} rounds and staged ({Kept} kept as if alone) in {Seconds:0.00} s{Last}",
                refreshId, part, vacancies.Count, staged.Count, assignment.Rounds, assignment.Kept.Count,
                clock.Elapsed.TotalSeconds, last ? "; the last part: joining queued" : "");
        }
    }

    private async Task ClearAsync(long refreshId, int part,
        Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task> completeWithin, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await RefreshStore.ClearPartAsync(conn, tx, refreshId, part, ct);
        await completeWithin(conn, tx, ct);
        await tx.CommitAsync(ct);
        logger.LogInformation("Refresh {Refresh} is no longer running: part {Part} has nothing to do", refreshId, part);
    }
}
