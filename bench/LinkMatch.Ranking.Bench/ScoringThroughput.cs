using System.Diagnostics;

namespace LinkMatch.Ranking.Bench;

/// <summary>Batch scoring on one thread over rows already in memory (row-major), the way a service scores.</summary>
internal static class ScoringThroughput
{
    public static int Run(string[] args)
    {
        var model = RankingModel.Load(BenchArguments.Get(args, "--model"));
        var data = LibSvmReader.Load(BenchArguments.Get(args, "--data"), model.FeatureCount, requireQueries: false);
        var seconds = BenchArguments.Double(args, "--seconds", 3);
        var rows = new float[data.RowCount * data.FeatureCount];
        var row = new float[data.FeatureCount];
        for (var r = 0; r < data.RowCount; r++)
        {
            data.CopyRow(r, row);
            row.CopyTo(rows, r * data.FeatureCount);
        }

        var scores = new double[data.RowCount];
        model.ScoreBatch(rows, scores);
        var reference = model.ScoreBatch(data);
        for (var r = 0; r < scores.Length; r++)
        {
            if (scores[r] != reference[r] || scores[r] != model.Score(rows.AsSpan(r * data.FeatureCount, data.FeatureCount)))
            {
                throw new InvalidOperationException($"row {r}: batch and single-row scores differ");
            }
        }

        // CPU time of this process (one scoring thread) as well as wall time: on a shared machine the first is
        // the per-core rate, the second includes time the thread waited for a core.
        long scored = 0;
        var process = Process.GetCurrentProcess();
        var cpuStart = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            model.ScoreBatch(rows, scores);
            scored += scores.Length;
        }

        var wall = clock.Elapsed.TotalSeconds;
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuStart).TotalSeconds;
        Console.WriteLine(
            $"scoring_rows_per_second_per_core={scored / cpu:F0} wall_rows_per_second={scored / wall:F0} " +
            $"trees={model.TreeCount} rows={data.RowCount} features={model.FeatureCount}");
        return 0;
    }
}
