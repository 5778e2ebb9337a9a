using System.Diagnostics;

namespace LinkMatch.Ranking;

/// <summary>
/// Trains a <see cref="RankingModel"/>: gradient-boosted regression trees fitted to LambdaMART gradients.
/// The same data, options and seed give the same model, bit for bit, whatever <see cref="TrainingOptions.Threads"/> is.
/// </summary>
public sealed class LambdaMartTrainer(TrainingOptions options)
{
    public TrainingOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>Seconds the last <see cref="Train"/> call took, binning included.</summary>
    public double LastTrainingSeconds { get; private set; }

    /// <summary>Where the time of the last <see cref="Train"/> call went.</summary>
    public TrainingTimings? LastTimings { get; private set; }

    public RankingModel Train(RankingDataset train, RankingDataset? validation = null, IProgress<TrainingProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        Options.Validate();
        if (train.RowCount == 0)
        {
            throw new ArgumentException("the training data has no rows", nameof(train));
        }

        if (validation is not null && validation.FeatureCount != train.FeatureCount)
        {
            throw new ArgumentException(
                $"validation data has {validation.FeatureCount} features, training data {train.FeatureCount}", nameof(validation));
        }

        var clock = Stopwatch.StartNew();
        var session = new BoostingSession(train, validation, Options);
        var model = session.Run(progress);
        LastTrainingSeconds = clock.Elapsed.TotalSeconds;
        LastTimings = session.Clock.ToTimings(LastTrainingSeconds);
        return model;
    }
}
