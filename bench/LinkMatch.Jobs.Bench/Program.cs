// Measures LinkMatch.Jobs against Hangfire 1.8 + Hangfire.PostgreSql 1.21 on one database (BENCH_CONNECTION: the
// runtime role on a migrated database of its own; Hangfire, which owns its schema, connects as the owner):
// (a) throughput draining pre-enqueued no-op jobs, (b) enqueue-to-start latency at a fixed open-loop rate, and a
// minimal raw-SQL SKIP LOCKED loop doing LinkMatch's fetch and complete work as a floor. The sides take turns in
// every round (who goes first alternates); ratios are taken within a round and reported as median (min–max).
// Then the functional gaps, shown on both sides. scripts/bench-jobs sets it up.
using System.Globalization;
using LinkMatch.Jobs.Bench;
using Npgsql;

var connectionString = Environment.GetEnvironmentVariable("BENCH_CONNECTION")
    ?? throw new InvalidOperationException("BENCH_CONNECTION is not set; run scripts/bench-jobs.");
var ownerConnectionString = Environment.GetEnvironmentVariable("BENCH_OWNER_CONNECTION")
    ?? throw new InvalidOperationException("BENCH_OWNER_CONNECTION is not set; run scripts/bench-jobs.");
int Setting(string name, int fallback) =>
    int.TryParse(Environment.GetEnvironmentVariable(name), CultureInfo.InvariantCulture, out var value) ? value : fallback;

var settings = new BenchSettings(
    Jobs: Setting("BENCH_JOBS", 2_000),
    Workers: Setting("BENCH_WORKERS", 10),
    BatchSize: Setting("BENCH_BATCH", 10),
    Rate: Setting("BENCH_RATE", 50),
    Seconds: Setting("BENCH_SECONDS", 10),
    Rounds: Setting("BENCH_ROUNDS", 5));
var only = Environment.GetEnvironmentVariable("BENCH_ONLY") ?? "";

await using var dataSource = NpgsqlDataSource.Create(connectionString);
await using var owner = NpgsqlDataSource.Create(ownerConnectionString);
var linkMatch = new Bench(dataSource, owner, settings);
var hangfire = new HangfireSide(owner, ownerConnectionString, settings);
Console.WriteLine($"settings: {settings}; {Environment.ProcessorCount} cores; load average {Load()}");

var rounds = new List<Round>();
for (var round = 1; round <= settings.Rounds && only is "" or "throughput" or "latency"; round++)
{
    var hangfireFirst = round % 2 == 0;
    double lmRate = 0, hfRate = 0, rawRate = 0;
    Percentiles lmLatency = default!, hfLatency = default!, rawLatency = default!;
    if (only != "latency")
    {
        if (hangfireFirst)
        {
            hfRate = await hangfire.ThroughputAsync();
        }
        lmRate = await linkMatch.QueueThroughputAsync();
        rawRate = await linkMatch.RawThroughputAsync();
        if (!hangfireFirst)
        {
            hfRate = await hangfire.ThroughputAsync();
        }
    }
    if (only != "throughput")
    {
        if (hangfireFirst)
        {
            hfLatency = await hangfire.LatencyAsync();
        }
        lmLatency = await linkMatch.QueueLatencyAsync();
        rawLatency = await linkMatch.RawLatencyAsync();
        if (!hangfireFirst)
        {
            hfLatency = await hangfire.LatencyAsync();
        }
    }
    var r = new Round(lmRate, hfRate, rawRate, lmLatency, hfLatency, rawLatency);
    rounds.Add(r);
    Console.WriteLine(Invariant($"round {round} ({(hangfireFirst ? "Hangfire" : "LinkMatch.Jobs")} first), load {Load()}: throughput LinkMatch.Jobs {lmRate:0}, Hangfire {hfRate:0}, raw {rawRate:0} jobs/s; latency p50/p95 ms LinkMatch.Jobs {lmLatency?.Median:0.0}/{lmLatency?.P95:0.0}, Hangfire {hfLatency?.Median:0.0}/{hfLatency?.P95:0.0}, raw {rawLatency?.Median:0.0}/{rawLatency?.P95:0.0}"));
}

if (rounds.Count > 0)
{
    Console.WriteLine();
    Console.WriteLine($"| measure ({settings.Rounds} rounds, median (min–max)) | LinkMatch.Jobs | Hangfire.PostgreSql | LinkMatch.Jobs ÷ Hangfire | raw SKIP LOCKED loop |");
    Console.WriteLine("|---|---|---|---|---|");
    if (only != "latency")
    {
        Console.WriteLine(Invariant(
            $"| throughput, {settings.Jobs} no-op jobs, {settings.Workers} workers (jobs/s) | {Stats.Spread(rounds.Select(r => r.LinkMatchRate), "0")} | {Stats.Spread(rounds.Select(r => r.HangfireRate), "0")} | {Stats.Spread(rounds.Select(r => r.LinkMatchRate / r.HangfireRate), "0.00")}× | {Stats.Spread(rounds.Select(r => r.RawRate), "0")} |"));
    }
    if (only != "throughput")
    {
        foreach (var (name, pick) in new (string, Func<Percentiles, double>)[] { ("p50", p => p.Median), ("p95", p => p.P95) })
        {
            Console.WriteLine(Invariant(
                $"| enqueue-to-start {name}, {settings.Rate}/s for {settings.Seconds} s, 10 workers (ms) | {Stats.Spread(rounds.Select(r => pick(r.LinkMatchLatency)), "0.0")} | {Stats.Spread(rounds.Select(r => pick(r.HangfireLatency)), "0.0")} | {Stats.Spread(rounds.Select(r => pick(r.LinkMatchLatency) / pick(r.HangfireLatency)), "0.00")}× | {Stats.Spread(rounds.Select(r => pick(r.RawLatency)), "0.0")} |"));
        }
    }
    Console.WriteLine($"load average at the end: {Load()}");
}

if (only is "" or "gaps")
{
    Console.WriteLine();
    await new FunctionalGaps(dataSource, owner, hangfire).RunAsync();
}

if (only is "" or "longpolling")
{
    Console.WriteLine();
    Console.WriteLine("Hangfire with EnableLongPolling (LISTEN/NOTIFY instead of polling), the same throughput run, 60 s limit:");
    try
    {
        var rate = await hangfire.ThroughputAsync(longPolling: true, deadline: TimeSpan.FromSeconds(60));
        Console.WriteLine(Invariant($"  {rate:0} jobs/s"));
    }
    catch (TimeoutException e)
    {
        Console.WriteLine($"  stopped: {e.Message}");
    }
}

static string Load() => File.ReadAllText("/proc/loadavg").Split(' ')[..3] is var l ? string.Join(' ', l) : "";

static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

internal sealed record Round(
    double LinkMatchRate, double HangfireRate, double RawRate,
    Percentiles LinkMatchLatency, Percentiles HangfireLatency, Percentiles RawLatency);

internal static class Stats
{
    public static string Spread(IEnumerable<double> values, string format)
    {
        var sorted = values.Order().ToArray();
        var median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        return string.Create(CultureInfo.InvariantCulture,
            $"{median.ToString(format, CultureInfo.InvariantCulture)} ({sorted[0].ToString(format, CultureInfo.InvariantCulture)}–{sorted[^1].ToString(format, CultureInfo.InvariantCulture)})");
    }
}
