// Measures the job queue on the database given by BENCH_CONNECTION (the runtime role, a migrated database of
// its own): (a) throughput draining no-op jobs, (b) enqueue-to-start latency at a fixed open-loop rate, each next
// to a minimal raw-SQL SKIP LOCKED loop doing the same fetch and complete work. scripts/bench-jobs sets it up.
using System.Globalization;
using LinkMatch.Jobs.Bench;
using Npgsql;

var connectionString = Environment.GetEnvironmentVariable("BENCH_CONNECTION")
    ?? throw new InvalidOperationException("BENCH_CONNECTION is not set; run scripts/bench-jobs.");
int Setting(string name, int fallback) =>
    int.TryParse(Environment.GetEnvironmentVariable(name), CultureInfo.InvariantCulture, out var value) ? value : fallback;

var settings = new BenchSettings(
    Jobs: Setting("BENCH_JOBS", 20_000),
    Workers: Setting("BENCH_WORKERS", 64),
    BatchSize: Setting("BENCH_BATCH", 16),
    Rate: Setting("BENCH_RATE", 200),
    Seconds: Setting("BENCH_SECONDS", 10),
    Rounds: Setting("BENCH_ROUNDS", 2));

var ownerConnectionString = Environment.GetEnvironmentVariable("BENCH_OWNER_CONNECTION")
    ?? throw new InvalidOperationException("BENCH_OWNER_CONNECTION is not set; run scripts/bench-jobs.");
await using var dataSource = NpgsqlDataSource.Create(connectionString);
await using var owner = NpgsqlDataSource.Create(ownerConnectionString);
var bench = new Bench(dataSource, owner, settings);
Console.WriteLine($"settings: {settings}; {Environment.ProcessorCount} cores");

var throughput = new List<(double Queue, double Raw)>();
for (var round = 1; round <= settings.Rounds; round++)
{
    var queue = await bench.QueueThroughputAsync();
    var raw = await bench.RawThroughputAsync();
    throughput.Add((queue, raw));
    Console.WriteLine($"throughput round {round}: queue {queue:0} jobs/s, raw loop {raw:0} jobs/s, ratio {queue / raw:0.00}");
}

if (Environment.GetEnvironmentVariable("BENCH_ONLY") == "throughput")
{
    return;
}

// The library's defaults (10 workers, batches of 10), for reference.
var defaults = new Bench(dataSource, owner, settings with { Workers = 10, BatchSize = 10 });
var defaultQueue = await defaults.QueueThroughputAsync();
var defaultRaw = await defaults.RawThroughputAsync();
Console.WriteLine($"throughput with default settings: queue {defaultQueue:0} jobs/s, raw loop {defaultRaw:0} jobs/s");

var latency = await bench.QueueLatencyAsync();
var rawLatency = await bench.RawLatencyAsync();
Console.WriteLine();
Console.WriteLine("| measure | LinkMatch.Jobs | raw SKIP LOCKED loop | ratio |");
Console.WriteLine("|---|---|---|---|");
var bestQueue = throughput.Max(t => t.Queue);
var bestRaw = throughput.Max(t => t.Raw);
Console.WriteLine($"| throughput, {settings.Jobs} no-op jobs, {settings.Workers} workers, batches of {settings.BatchSize} (best of {settings.Rounds}) | {bestQueue:0} jobs/s | {bestRaw:0} jobs/s | {bestQueue / bestRaw:0.00} |");
Console.WriteLine($"| throughput, {settings.Jobs} no-op jobs, default 10 workers, batches of 10 | {defaultQueue:0} jobs/s | {defaultRaw:0} jobs/s | {defaultQueue / defaultRaw:0.00} |");
foreach (var (name, q, r) in new[]
{
    ("median", latency.Median, rawLatency.Median),
    ("p95", latency.P95, rawLatency.P95),
    ("p99", latency.P99, rawLatency.P99),
})
{
    Console.WriteLine($"| enqueue-to-start {name} at {settings.Rate}/s for {settings.Seconds} s | {q:0.0} ms | {r:0.0} ms | {q / r:0.00} |");
}
Console.WriteLine($"latency samples: queue {latency.Count}, raw {rawLatency.Count}");
