using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace LinkMatch.Ranking.Bench;

/// <summary>
/// Scoring throughput on one thread over rows already in memory. With a model file (.zip, as the service stores it)
/// the same trees are scored by our forest as the library loads it (<see cref="RankingModel.ScoreBatch(ReadOnlySpan{float}, Span{double})"/>, and
/// <see cref="RankingModel.Score"/> a row at a time) and by ML.NET (<c>Transform</c> over a cached IDataView, and a
/// <c>PredictionEngine</c> a row at a time), the sides taking turns over rounds; with one of our models (.json)
/// only our side runs. Rates are rows per second of this process's CPU time (the per-core rate on a shared
/// machine); wall-clock rates are printed beside them.
/// </summary>
internal static class ScoringThroughput
{
    private delegate long Pass(long budgetRows);

    public static int Run(string[] args)
    {
        var modelPath = BenchArguments.Get(args, "--model");
        var dataPath = BenchArguments.Get(args, "--data");
        var seconds = BenchArguments.Double(args, "--seconds", 1);
        var rounds = BenchArguments.Int(args, "--rounds", 5);
        var sides = new List<(string Name, Pass Pass)>();

        RankingModel model;
        RankingDataset data;
        if (modelPath.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            var ml = new MLContext(seed: 0);
            var mlModel = ml.Model.Load(modelPath, out var schema);
            var width = ((VectorDataViewType)schema["Features"].Type).Size;
            data = LibSvmReader.Load(dataPath, width, requireQueries: false);
            model = RankingModel.Load(modelPath);
            var mlRows = MlNetRows.From(data);
            var input = ml.Data.Cache(MlNetRows.View(ml, mlRows, width));
            var scored = mlModel.Transform(input);
            var mlScores = scored.GetColumn<float>("Score").ToArray();
            var ours = model.ScoreBatch(data, threads: 1);
            var maxDiff = ours.Zip(mlScores, (a, b) => Math.Abs(a - b)).Max();
            Console.WriteLine(Invariant(
                $"same_model trees={model.TreeCount} rows={data.RowCount} features={width} max_abs_difference_vs_mlnet_transform={maxDiff:G3}"));
            if (maxDiff > 1e-4)
            {
                throw new InvalidOperationException($"our forest and ML.NET disagree by {maxDiff} on the same trees");
            }

            sides.Add(("mlnet_transform", budget => TransformPass(scored)));
            var engine = ml.Model.CreatePredictionEngine<MlNetRow, MlNetScore>(
                mlModel, inputSchemaDefinition: MlNetRows.Schema(width));
            var prediction = new MlNetScore();
            var next = 0;
            sides.Add(("mlnet_prediction_engine", budget =>
            {
                for (var i = 0; i < budget; i++)
                {
                    engine.Predict(mlRows[next], ref prediction);
                    next = next + 1 == mlRows.Length ? 0 : next + 1;
                }

                return budget;
            }
            ));
        }
        else
        {
            model = RankingModel.Load(modelPath);
            data = LibSvmReader.Load(dataPath, model.FeatureCount, requireQueries: false);
        }

        var rows = new float[data.RowCount * data.FeatureCount];
        for (var r = 0; r < data.RowCount; r++)
        {
            data.CopyRow(r, rows.AsSpan(r * data.FeatureCount, data.FeatureCount));
        }

        var scores = new double[data.RowCount];
        model.ScoreBatch(rows, scores);
        var single = 0;
        double sink = 0;
        sides.Insert(0, ("ours_batch", budget =>
        {
            model.ScoreBatch(rows, scores);
            return scores.Length;
        }
        ));
        sides.Insert(1, ("ours_single_row", budget =>
        {
            for (var i = 0; i < budget; i++)
            {
                sink += model.Score(rows.AsSpan(single * data.FeatureCount, data.FeatureCount));
                single = single + 1 == data.RowCount ? 0 : single + 1;
            }

            return budget;
        }
        ));

        // Warm every side once (JIT, caches), then alternate: round i starts with side i mod n.
        foreach (var side in sides)
        {
            Measure(side.Pass, Math.Min(seconds, 0.3));
        }

        var rates = sides.ToDictionary(s => s.Name, _ => new List<(double Cpu, double Wall)>());
        for (var round = 0; round < rounds; round++)
        {
            for (var i = 0; i < sides.Count; i++)
            {
                var side = sides[(round + i) % sides.Count];
                rates[side.Name].Add(Measure(side.Pass, seconds));
            }
        }

        Console.WriteLine(Invariant($"scoring trees={model.TreeCount} rows={data.RowCount} features={model.FeatureCount} rounds={rounds} seconds_per_side={seconds} (sink {sink:G2})"));
        foreach (var (name, list) in rates)
        {
            var cpu = list.Select(r => r.Cpu).ToArray();
            Console.WriteLine(Invariant(
                $"rate {name} rows_per_core_second={Spread(cpu, "F0")} wall_rows_per_second={Median(list.Select(r => r.Wall).ToArray()):F0}"));
        }

        foreach (var peer in rates.Keys.Where(k => k.StartsWith("mlnet", StringComparison.Ordinal)))
        {
            var ratios = rates["ours_batch"].Zip(rates[peer], (a, b) => a.Cpu / b.Cpu).ToArray();
            Console.WriteLine(Invariant($"ratio ours_batch/{peer}={Spread(ratios, "F2", "×")}"));
        }

        if (rates.TryGetValue("mlnet_prediction_engine", out var engineRates))
        {
            var ratios = rates["ours_single_row"].Zip(engineRates, (a, b) => a.Cpu / b.Cpu).ToArray();
            Console.WriteLine(Invariant($"ratio ours_single_row/mlnet_prediction_engine={Spread(ratios, "F2", "×")}"));
        }

        return 0;
    }

    private static long TransformPass(IDataView scored)
    {
        var column = scored.Schema["Score"];
        using var cursor = scored.GetRowCursor([column]);
        var getter = cursor.GetGetter<float>(column);
        float score = 0;
        long count = 0;
        while (cursor.MoveNext())
        {
            getter(ref score);
            count++;
        }

        return count;
    }

    private static (double Cpu, double Wall) Measure(Pass pass, double seconds)
    {
        var process = Process.GetCurrentProcess();
        var cpuStart = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        long rows = 0;
        long budget = 256;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            var before = clock.Elapsed.TotalSeconds;
            rows += pass(budget);
            // Row-at-a-time sides get a budget of about 50 ms of work a call.
            var took = clock.Elapsed.TotalSeconds - before;
            budget = Math.Clamp((long)(budget * 0.05 / Math.Max(took, 1e-6)), 256, 1 << 22);
        }

        var wall = clock.Elapsed.TotalSeconds;
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuStart).TotalSeconds;
        return (rows / cpu, rows / wall);
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>"median (min–max)", the unit after the median.</summary>
    private static string Spread(double[] values, string format, string unit = "") =>
        string.Create(CultureInfo.InvariantCulture,
            $"{Median(values).ToString(format, CultureInfo.InvariantCulture)}{unit} ({values.Min().ToString(format, CultureInfo.InvariantCulture)}–{values.Max().ToString(format, CultureInfo.InvariantCulture)})");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
