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
            Sigmoid = cli.Double("--sigmoid", defaults.Sigmoid),
            RowSubsample = cli.Double("--subsample", defaults.RowSubsample),
            FeatureSubsample = cli.Double("--feature-fraction", defaults.FeatureSubsample),
            EarlyStoppingRounds = cli.Int("--early-stopping", defaults.EarlyStoppingRounds),
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

        var trainer = new LambdaMartTrainer(options);
        var model = trainer.Train(train, valid);
        model.Save(outPath);
        output.WriteLine(Invariant(
            $"trained {model.TreeCount} trees, train_seconds={trainer.LastTrainingSeconds:F3} load_seconds={loadSeconds:F3} threads={options.EffectiveThreadCount()}"));
        foreach (var (name, value) in model.Metrics)
        {
            output.WriteLine(Invariant($"{name}\t{value:0.####}"));
        }

        output.WriteLine($"model written to {outPath}");
        return 0;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static int EffectiveThreadCount(this TrainingOptions options) =>
        options.Threads > 0 ? options.Threads : Environment.ProcessorCount;
}
