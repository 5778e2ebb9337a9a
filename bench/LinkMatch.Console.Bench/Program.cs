// The console's pages against the JSON API requests that give the same data, under the same load: N staff working
// at once (each opens a screen, reads it for a moment, opens the next). Phases alternate between the two sides so
// that a noisy machine hits both alike; the report gives each side's percentiles per phase, the ratio of the p95s
// per round, their median and spread, and the console's p95 per page. scripts/bench-console runs it on the demo world.
using System.Globalization;
using LinkMatch.Console.Bench;

var address = new Uri(Environment.GetEnvironmentVariable("BENCH_URL") ?? "http://127.0.0.1:5080");
int Setting(string name, int fallback) =>
    int.TryParse(Environment.GetEnvironmentVariable(name), CultureInfo.InvariantCulture, out var v) ? v : fallback;
var users = Setting("BENCH_USERS", 20);
var seconds = Setting("BENCH_SECONDS", 20);
var rounds = Setting("BENCH_ROUNDS", 5);
var thinkMs = Setting("BENCH_THINK_MS", 1000);
var user = Environment.GetEnvironmentVariable("BENCH_USER") ?? "petugas.balikpapan";
var password = Environment.GetEnvironmentVariable("BENCH_PASSWORD") ?? "LinkMatch-demo-2026";

var sessions = new List<Session>();
for (var i = 0; i < users; i++)
{
    sessions.Add(await Session.SignInAsync(address, user, password));
}

var views = await Views.DiscoverAsync(sessions[0].Api);
System.Console.WriteLine($"{users} staff sessions, think time {thinkMs} ms, {rounds} rounds of {seconds} s per side, " +
    $"{Environment.ProcessorCount} cores, load average {LoadAverage()}");

// Warm both sides (JIT, caches, report snapshots) before measuring.
foreach (var view in views)
{
    await Measure.OnceAsync(sessions[0].Console, [view.Page]);
    await Measure.OnceAsync(sessions[0].Api, view.Api);
}

var ratios = new List<double>();
var consoleAll = new List<Sample>();
var apiAll = new List<Sample>();
for (var round = 1; round <= rounds; round++)
{
    // Alternate which side goes first.
    var order = round % 2 == 1 ? new[] { true, false } : [false, true];
    var results = new Dictionary<bool, List<Sample>>();
    foreach (var console in order)
    {
        results[console] = await Measure.PhaseAsync(sessions, views, console, TimeSpan.FromSeconds(seconds),
            TimeSpan.FromMilliseconds(thinkMs));
    }

    var c = Stats.Of(results[true]);
    var a = Stats.Of(results[false]);
    ratios.Add(c.P95 / a.P95);
    consoleAll.AddRange(results[true]);
    apiAll.AddRange(results[false]);
    System.Console.WriteLine($"round {round}: console {c} | API {a} | p95 ratio {c.P95 / a.P95:0.00} | load {LoadAverage()}");
}

ratios.Sort();
var overallConsole = Stats.Of(consoleAll);
var overallApi = Stats.Of(apiAll);
System.Console.WriteLine();
System.Console.WriteLine($"p95 ratio console/API: median {ratios[ratios.Count / 2]:0.00} (spread {ratios[0]:0.00}–{ratios[^1]:0.00}) over {rounds} rounds");
System.Console.WriteLine($"all rounds: console {overallConsole}; API {overallApi}");
System.Console.WriteLine();
System.Console.WriteLine("| screen | console p50 | console p95 | API p50 | API p95 | requests (console/API) | errors |");
System.Console.WriteLine("|---|---|---|---|---|---|---|");
foreach (var view in views)
{
    var cs = Stats.Of(consoleAll.Where(s => s.View == view.Name).ToList());
    var aps = Stats.Of(apiAll.Where(s => s.View == view.Name).ToList());
    System.Console.WriteLine($"| {view.Name} | {cs.P50:0} ms | {cs.P95:0} ms | {aps.P50:0} ms | {aps.P95:0} ms | " +
        $"1/{view.Api.Count} | {cs.Errors + aps.Errors} |");
}

var slow = views.Where(v => Stats.Of(consoleAll.Where(s => s.View == v.Name).ToList()).P95 >= 200).ToList();
System.Console.WriteLine(slow.Count == 0
    ? "every page under 200 ms at p95"
    : $"pages at or over 200 ms at p95: {string.Join(", ", slow.Select(v => v.Name))}");
foreach (var s in sessions)
{
    s.Dispose();
}

return consoleAll.Any(s => s.Failed) || apiAll.Any(s => s.Failed) ? 1 : 0;

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
