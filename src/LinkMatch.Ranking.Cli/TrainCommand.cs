using System.Diagnostics;
using System.Globalization;

namespace LinkMatch.Ranking.Cli;

internal static class TrainCommand
{
    public static int Run(CliOptions cli, TextWriter output, TextWriter error)
    {
        var dataPath = cli.Required("--data");
        var validPath = cli.Optional("--valid");
        var outPath = cli.Required("--out");
        var quiet = cli.Flag("--quiet");
        var defaults = new TrainingOptions();
        var options = new TrainingOptions
        {
            Trees = cli.Int("--trees", defaults.Trees),
            Leaves = cli.Int("--leaves", defaults.Leaves),
            LearningRate = cli.Double("--learning-rate", defaults.LearningRate),
            MinExamplesPerLeaf = cli.Int("--min-leaf", defaults.MinExamplesPerLeaf),
            MinHessianPerLeaf = cli.Double("--min-hessian", defaults.MinHessianPerLeaf),
            L2 = cli.Double("--lambda", defaults.L2),
            MaxBins = cli.Int("--bins", defaults.MaxBins),
            MaxDepth = cli.Int("--max-depth", defaults.MaxDepth),
            MinSplitGain = cli.Double("--min-gain", defaults.MinSplitGain),
            TruncationLevel = cli.Int("--truncation", defaults.TruncationLevel),
            Sigmoid = cli.Double("--sigmoid", defaults.Sigmoid),
            NormalizeLambdas = cli.Bool("--normalize", defaults.NormalizeLambdas),
            RowSubsample = cli.Double("--subsample", defaults.RowSubsample),
            FeatureSubsample = cli.Double("--feature-fraction", defaults.FeatureSubsample),
            EarlyStoppingRounds = cli.Int("--early-stopping", defaults.EarlyStoppingRounds),
            EarlyStoppingAt = cli.Int("--eval-at", defaults.EarlyStoppingAt),
            Threads = cli.Int("--threads", defaults.Threads),
            Seed = cli.Int("--seed", defaults.Seed),
        };
        cli.RejectUnread();
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }

        var clock = Stopwatch.StartNew();
        var train = LibSvmReader.Load(dataPath);
        var valid = validPath is null ? null : LibSvmReader.Load(validPath, train.FeatureCount);
        var loadSeconds = clock.Elapsed.TotalSeconds;
        if (!quiet)
        {
            error.WriteLine(Invariant(
                $"read {train.RowCount} rows, {train.FeatureCount} features, {train.QueryCount} queries in {loadSeconds:F2} s"));
        }

        var progress = quiet ? null : new SynchronousProgress(p =>
        {
            if (p.Round % 10 == 0 || p.Round == 1)
            {
                var ndcg = p.ValidationNdcg is { } v ? Invariant($" valid ndcg@{options.EarlyStoppingAt}={v:F4} best={p.BestRound}") : "";
                error.WriteLine(Invariant($"round {p.Round}: {p.Leaves} leaves{ndcg}"));
            }
        });
        var trainer = new LambdaMartTrainer(options);
        var model = trainer.Train(train, valid, progress);
        model.Save(outPath);
        output.WriteLine(Invariant(
            $"trained {model.TreeCount} trees, train_seconds={trainer.LastTrainingSeconds:F3} load_seconds={loadSeconds:F3} threads={options.EffectiveThreadCount()}"));
        foreach (var (name, value) in model.Metrics)
        {
            output.WriteLine(Invariant($"{name}\t{value:0.####}"));
        }

        output.WriteLine($"stages: {trainer.LastTimings}");
        output.WriteLine($"model written to {outPath}");
        return 0;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static int EffectiveThreadCount(this TrainingOptions options) =>
        options.Threads > 0 ? options.Threads : Environment.ProcessorCount;

    /// <summary>Reports on the training thread, in order (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class SynchronousProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
