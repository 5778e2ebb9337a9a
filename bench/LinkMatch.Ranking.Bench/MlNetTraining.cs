using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;

namespace LinkMatch.Ranking.Bench;

/// <summary>
/// Trains ML.NET's LightGBM LambdaRank on a libsvm file with the benchmark's parameters, times <c>Fit</c> alone
/// (reading the IDataView into LightGBM's dataset, binning and boosting; parsing the file is not included), on
/// exactly the options and data view the library trains with, saves
/// the model as the service stores it (an ML.NET zip that plain ML.NET loads, with LinkMatch's forest inside) and,
/// given a test file, writes its scores one a line for the shared evaluator.
/// </summary>
internal static class MlNetTraining
{
    public static int Run(string[] args)
    {
        var train = LibSvmReader.Load(BenchArguments.Get(args, "--data"));
        var testPath = BenchArguments.Get(args, "--test", "");
        var threads = BenchArguments.Int(args, "--threads", Environment.ProcessorCount);
        var settings = new TrainingOptions
        {
            Trees = BenchArguments.Int(args, "--trees", 100),
            Leaves = BenchArguments.Int(args, "--leaves", 31),
            LearningRate = BenchArguments.Double(args, "--learning-rate", 0.1),
            MaxBins = BenchArguments.Int(args, "--bins", 255),
            MinExamplesPerLeaf = BenchArguments.Int(args, "--min-leaf", 20),
            MinHessianPerLeaf = BenchArguments.Double(args, "--min-hessian", 0.1),
            L2 = BenchArguments.Double(args, "--lambda", 1),
            Sigmoid = BenchArguments.Double(args, "--sigmoid", 1),
            Threads = threads,
            Seed = BenchArguments.Int(args, "--seed", 0),
            EarlyStoppingRounds = 0,
        };

        // Exactly what LambdaMartTrainer gives LightGBM: its options (gains 2^label − 1, threading, histograms,
        // missing values, no metric without a validation set) and its data view (each query's rows in a seeded
        // shuffle, the query a plain UInt32). Only the timing differs: Fit alone, without making LinkMatch's model.
        var options = LightGbmSettings.From(settings, hasValidation: false);
        var ml = new MLContext(seed: settings.Seed);
        var view = DataViews.Training(ml, train, settings.Seed);
        var trainer = ml.Ranking.Trainers.LightGbm(options);
        var clock = Stopwatch.StartNew();
        var model = trainer.Fit(view);
        var seconds = clock.Elapsed.TotalSeconds;
        // --warm: a second Fit in the same process, as a long-running worker's later retrainings run, with the code
        // the first one compiled. Printed beside the first, which stays the figure compared.
        var warm = args.Contains("--warm") ? Invariant($" warm_train_seconds={WarmSeconds(trainer, view):F3}") : "";
        // The model file the service would store (ML.NET's zip with LinkMatch's forest, covers and NaN directions),
        // made by the library's own code, so that the scoring benchmark measures exactly what serves.
        var served = TrainedModel.Create(ml, model, train, null, settings);
        served.Save(BenchArguments.Get(args, "--out"));

        var line = Invariant($"mlnet_lightgbm trees={model.Model.TrainedTreeEnsemble.Trees.Count} rows={train.RowCount} features={train.FeatureCount} train_seconds={seconds:F3}{warm} threads={threads} omp_wait_policy={OpenMpWaitPolicy.Current() ?? "unset"}");
        if (testPath.Length > 0)
        {
            var test = LibSvmReader.Load(testPath, train.FeatureCount);
            var scored = model.Transform(MlNetRows.View(ml, MlNetRows.From(test), test.FeatureCount));
            var scores = scored.GetColumn<float>("Score").ToArray();
            File.WriteAllLines(BenchArguments.Get(args, "--scores"), scores.Select(s => s.ToString("R", CultureInfo.InvariantCulture)));
            var ndcg = string.Join(' ', new[] { 1, 3, 5, 10 }.Select(k =>
                Invariant($"ndcg@{k}={RankingMetrics.MeanNdcg(test, scores.Select(s => (double)s).ToArray(), k):F4}")));
            line += " " + ndcg;
        }

        Console.WriteLine(line);
        return 0;
    }

    private static double WarmSeconds(LightGbmRankingTrainer trainer, IDataView view)
    {
        var clock = Stopwatch.StartNew();
        _ = trainer.Fit(view);
        return clock.Elapsed.TotalSeconds;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
