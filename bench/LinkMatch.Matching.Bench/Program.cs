using System.Diagnostics;
using System.Globalization;
using Dapper;
using LinkMatch.Api.Matching;
using LinkMatch.Api.Matching.Models;
using LinkMatch.Api.Matching.Suggestions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

// Matching benchmark, run by scripts/bench-matching against a database the script prepared:
//   full-refresh            one full refresh of every suggestion; prints where the time went and the pairs scored
//   recompute [count]       posts `count` new vacancies (copies of random open ones) one at a time and times the
//                           recompute of each (after one untimed warm-up); prints p50, p95 and max
//   generate [depth...]     candidate generation alone for every open vacancy, on one thread, for each depth given
//                           (1000 when none): the generator before shared walks and the stopping search
//                           (legacy), the current one in vacancy order (bucketed) and in walk-group order as the full
//                           refresh runs it (bucketed-walk-order), taking turns over BENCH_ROUNDS (3) rounds, each
//                           checked to give the same lists as the first; BENCH_VARIANTS picks some of them,
//                           BENCH_SAMPLE=n takes every n-th open vacancy, BENCH_SHARING=0 skips counting sharing pairs
// Environment: BENCH_CONNECTION (the service's role), MATCHING_THREADS (0 = every core), MATCHING_BATCH_ROWS (the
// full refresh's write batches, 20000).
LinkMatch.Api.Database.DapperTypeHandlers.Register();
var command = args.Length > 0 ? args[0] : "full-refresh";
var connection = Environment.GetEnvironmentVariable("BENCH_CONNECTION")
    ?? throw new InvalidOperationException("BENCH_CONNECTION is not set");
await using var db = NpgsqlDataSource.Create(connection);
var options = Options.Create(new MatchingOptions
{
    Threads = int.TryParse(Environment.GetEnvironmentVariable("MATCHING_THREADS"), out var threads) ? threads : 0,
    RefreshBatchRows = int.TryParse(Environment.GetEnvironmentVariable("MATCHING_BATCH_ROWS"), out var rows) ? rows : 20_000,
});
var models = new ServingModels(db, options, NullLogger<ServingModels>.Instance);
var snapshot = new LinkMatch.Api.Matching.Candidates.SeekerSnapshot();
var model = await models.GetAsync(CancellationToken.None);
Console.WriteLine(Invariant($"model {model.Version}: {model.Model.TreeCount} trees, {model.Model.FeatureCount} features"));

switch (command)
{
    case "full-refresh":
        {
            var clock = Stopwatch.StartNew();
            var refresh = new FullRefresh(db, models, snapshot, options, TimeProvider.System,
                NullLogger<FullRefresh>.Instance);
            var s = await refresh.RunAsync(null, CancellationToken.None);
            var wall = clock.Elapsed.TotalSeconds;
            Console.WriteLine(Invariant($"vacancies={s.Vacancies} seekers={s.Seekers} all_pairs={s.AllPairs} sharing_pairs={s.SharingPairs} checked_pairs={s.CheckedPairs} scored_pairs={s.ScoredPairs} rounds={s.Rounds} stored={s.Stored}"));
            Console.WriteLine(Invariant($"scored_share={100.0 * s.ScoredPairs / Math.Max(1, s.AllPairs):0.000}% sharing_share={100.0 * s.SharingPairs / Math.Max(1, s.AllPairs):0.00}%"));
            Console.WriteLine(Invariant($"load_seconds={s.LoadSeconds:0.00} assign_seconds={s.AssignSeconds:0.00} (thread time: generate {s.GenerateSeconds:0.00}, score {s.ScoreSeconds:0.00}) explain_seconds={s.ExplainSeconds:0.00} write_seconds={s.WriteSeconds:0.00} total_seconds={wall:0.00}"));
            Console.WriteLine(Invariant($"write: batches={s.Batches} replace_seconds={s.Write.ReplaceSeconds:0.00} insert_seconds={s.Write.InsertSeconds:0.00} renumber_seconds={s.Write.RenumberSeconds:0.00}"));

            var (vacancyCounts, seekerCounts) = await CountsAsync(db);
            Console.WriteLine(Invariant($"vacancies_with_suggestions={vacancyCounts} seekers_with_suggestions={seekerCounts}"));
            break;
        }

    case "recompute":
        {
            var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50;
            var recompute = new VacancyRecompute(db, models, snapshot, options, TimeProvider.System);
            var times = new List<double>();
            var random = new Random(42);
            await using var conn = await db.OpenConnectionAsync();
            var open = (await conn.QueryAsync<long>(
                "select id from vacancies where status = 'open' and closes_on >= current_date order by id")).AsList();
            // The first recompute in a process loads every matchable seeker into memory (later ones reload only the
            // seekers changed since): timed apart, on an existing vacancy.
            var warm = Stopwatch.StartNew();
            await recompute.RunAsync(open[0], null, CancellationToken.None);
            Console.WriteLine(Invariant($"first_recompute_in_process_ms={warm.Elapsed.TotalMilliseconds:0}"));
            long scored = 0, stored = 0, sharing = 0;
            for (var i = 0; i < count; i++)
            {
                var id = await NewVacancyAsync(conn, open[random.Next(open.Count)]);
                var clock = Stopwatch.StartNew();
                var result = await recompute.RunAsync(id, null, CancellationToken.None);
                times.Add(clock.Elapsed.TotalMilliseconds);
                (scored, stored, sharing) = (scored + result.Scored, stored + result.Stored, sharing + result.Sharing);
            }

            times.Sort();
            double At(double q) => times[Math.Min(times.Count - 1, (int)Math.Ceiling(q * times.Count) - 1)];
            Console.WriteLine(Invariant($"recomputes={count} p50_ms={At(0.5):0.0} p95_ms={At(0.95):0.0} max_ms={times[^1]:0.0} min_ms={times[0]:0.0}"));
            Console.WriteLine(Invariant($"mean_sharing={sharing / (double)count:0} mean_scored={scored / (double)count:0} mean_stored={stored / (double)count:0.0}"));
            break;
        }

    case "generate":
        {
            // Candidate generation alone, on one thread: where a full refresh's assignment spends its time.
            await using var conn = await db.OpenConnectionAsync();
            await using var tx = await conn.BeginTransactionAsync();
            var courses = await LinkMatch.Api.Matching.Candidates.CourseCatalog.LoadAsync(conn, tx, default);
            var seekers = await LinkMatch.Api.Matching.Candidates.SeekerLoader.LoadAllAsync(conn, tx, courses, default);
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var vacancies = await LinkMatch.Api.Matching.Candidates.VacancyLoader.LoadOpenAsync(conn, tx, today,
                options.Value.Rules, default);
            var every = int.TryParse(Environment.GetEnvironmentVariable("BENCH_SAMPLE"), out var n) && n > 1 ? n : 1;
            vacancies = [.. vacancies.Where((_, i) => i % every == 0)];
            Console.WriteLine(Invariant($"seekers={seekers.Count} vacancies={vacancies.Count} (every {every})"));
            var clock = Stopwatch.StartNew();
            var index = LinkMatch.Api.Matching.Candidates.CandidateIndex.Build(seekers);
            Console.WriteLine(Invariant($"index_seconds={clock.Elapsed.TotalSeconds:0.00}"));
            var generator = new LinkMatch.Api.Matching.Candidates.CandidateGenerator(index, options.Value.Rules);
            clock.Restart();
            long touched = 0;
            // Counting with a hash set is slow past a million seekers: BENCH_SHARING=0 skips it.
            foreach (var vacancy in Environment.GetEnvironmentVariable("BENCH_SHARING") == "0" ? [] : vacancies)
            {
                touched += index.SharingCount(vacancy);
            }

            Console.WriteLine(Invariant($"sharing_count_seconds={clock.Elapsed.TotalSeconds:0.00} touched={touched}"));
            var order = LinkMatch.Api.Matching.Candidates.CandidateGenerator.WalkOrder(vacancies);
            var distinct = 1 + order.Skip(1).Select((v, k) => (v, prev: order[k]))
                .Count(p => !vacancies[p.v].Requirements.AsSpan().SequenceEqual(vacancies[p.prev].Requirements)
                    || LinkMatch.Api.Matching.Features.Kbji.MinorGroup(vacancies[p.v].OccupationCode)
                        != LinkMatch.Api.Matching.Features.Kbji.MinorGroup(vacancies[p.prev].OccupationCode));
            Console.WriteLine(Invariant($"walks_in_walk_order={distinct}"));
            var depths = args.Length > 1 ? args[1..].Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [1000];
            var rounds = int.TryParse(Environment.GetEnvironmentVariable("BENCH_ROUNDS"), out var r) ? r : 3;
            string[] variants = Environment.GetEnvironmentVariable("BENCH_VARIANTS")?.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                ?? ["legacy", "bucketed", "bucketed-walk-order"];
            var reference = new Dictionary<int, int[][]>();
            for (var round = 0; round < rounds; round++)
            {
                foreach (var depth in depths)
                {
                    foreach (var variant in round % 2 == 0 ? variants : variants.Reverse())
                    {
                        var results = new int[vacancies.Count][];
                        var legacy = new LinkMatch.Matching.Bench.LegacyCandidateGenerator(index, options.Value.Rules);
                        var current = new LinkMatch.Api.Matching.Candidates.CandidateGenerator(index, options.Value.Rules);
                        IEnumerable<int> sequence = variant == "bucketed-walk-order" ? order : Enumerable.Range(0, vacancies.Count);
                        clock.Restart();
                        long checkedPairs = 0;
                        foreach (var v in sequence)
                        {
                            var set = variant == "legacy" ? legacy.Generate(vacancies[v], today, depth)
                                : current.Generate(vacancies[v], today, depth);
                            checkedPairs += set.Eligible;
                            results[v] = set.Seekers;
                        }

                        var seconds = clock.Elapsed.TotalSeconds;
                        if (!reference.TryGetValue(depth, out var expected))
                        {
                            reference[depth] = expected = results;
                        }

                        var same = results.Zip(expected).All(p => p.First.AsSpan().SequenceEqual(p.Second));
                        Console.WriteLine(Invariant($"depth={depth} round={round} variant={variant} generate_seconds={seconds:0.00} checked={checkedPairs} same_as_first={same}"));
                    }
                }
            }

            break;
        }

    default:
        Console.Error.WriteLine("usage: LinkMatch.Matching.Bench full-refresh | recompute [count]");
        return 2;
}

return 0;

static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

static async Task<(long Vacancies, long Seekers)> CountsAsync(NpgsqlDataSource db)
{
    await using var conn = await db.OpenConnectionAsync();
    return await conn.QuerySingleAsync<(long, long)>(
        "select count(distinct vacancy_id), count(distinct seeker_id) from suggestions where status = 'proposed'");
}

// A new vacancy like an existing open one, as an employer would post it: same terms and requirements.
static async Task<long> NewVacancyAsync(NpgsqlConnection conn, long like)
{
    await using var tx = await conn.BeginTransactionAsync();
    var id = await conn.ExecuteScalarAsync<long>("""
        insert into vacancies (employer_id, mou_id, office_id, type, title, occupation_code, description, min_education,
            min_experience_years, age_min, age_max, sex, work_region_code, openings, wage_min, wage_max, contract_type,
            apprenticeship_months, stipend, opens_on, closes_on)
        select employer_id, mou_id, office_id, type, 'Bench ' || title, occupation_code, description, min_education,
            min_experience_years, age_min, age_max, sex, work_region_code, openings, wage_min, wage_max, contract_type,
            apprenticeship_months, stipend, current_date, current_date + 30
        from vacancies where id = @like
        returning id
        """, new { like }, tx);
    await conn.ExecuteAsync("""
        insert into vacancy_competencies (vacancy_id, competency_id, mandatory, min_level)
        select @id, competency_id, mandatory, min_level from vacancy_competencies where vacancy_id = @like
        """, new { id, like }, tx);
    await tx.CommitAsync();
    return id;
}
