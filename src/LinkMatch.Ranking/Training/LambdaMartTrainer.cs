using System.Diagnostics;
using Microsoft.ML;

namespace LinkMatch.Ranking;

/// <summary>
/// Trains a <see cref="RankingModel"/> with LightGBM's LambdaRank objective through ML.NET
/// (<c>MLContext.Ranking.Trainers.LightGbm</c>), then copies its trees into LinkMatch's scorer and explainer. The
/// same data, options, seed and thread count give the same model, byte for byte.
/// </summary>
public sealed class LambdaMartTrainer(TrainingOptions options)
{
    public TrainingOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>Seconds the last <see cref="Train"/> call took: LightGBM's training and making the model from it.</summary>
    public double LastTrainingSeconds { get; private set; }

    /// <summary>Trains on <paramref name="train"/>; <paramref name="validation"/> (optional) holds the queries early
    /// stopping watches. <paramref name="cancellationToken"/> is checked before and after LightGBM trains: ML.NET's
    /// public API cannot stop a training run half-way.</summary>
    public RankingModel Train(RankingDataset train, RankingDataset? validation = null, CancellationToken cancellationToken = default)
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

        cancellationToken.ThrowIfCancellationRequested();
        var clock = Stopwatch.StartNew();
        var ml = new MLContext(seed: Options.Seed);
        var trainer = ml.Ranking.Trainers.LightGbm(LightGbmSettings.From(Options, validation is not null));
        var trainView = DataViews.Training(ml, train, Options.Seed);
        var fitted = validation is null
            ? trainer.Fit(trainView)
            : trainer.Fit(trainView, DataViews.Training(ml, validation, Options.Seed));
        cancellationToken.ThrowIfCancellationRequested();
        var model = TrainedModel.Create(ml, fitted, train, validation, Options);
        LastTrainingSeconds = clock.Elapsed.TotalSeconds;
        return model;
    }
}
