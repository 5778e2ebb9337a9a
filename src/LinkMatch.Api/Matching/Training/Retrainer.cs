using System.Diagnostics;
using LinkMatch.Api.Matching.Features;
using LinkMatch.Ranking;

namespace LinkMatch.Api.Matching.Training;

/// <summary>Parameters an admin may set for one retraining; unset ones come from <c>Matching:Training</c>.</summary>
public sealed record RetrainParameters(int? Trees = null, int? Leaves = null, double? LearningRate = null,
    int? MinExamplesPerLeaf = null, int? EarlyStoppingRounds = null)
{
    public TrainingOptions Apply(TrainingOptions defaults) => defaults with
    {
        Trees = Trees ?? defaults.Trees,
        Leaves = Leaves ?? defaults.Leaves,
        LearningRate = LearningRate ?? defaults.LearningRate,
        MinExamplesPerLeaf = MinExamplesPerLeaf ?? defaults.MinExamplesPerLeaf,
        EarlyStoppingRounds = EarlyStoppingRounds ?? defaults.EarlyStoppingRounds,
    };
}

/// <summary>NDCG at 10 and 5 on the held-out vacancies.</summary>
public sealed record HoldoutScore(double Ndcg10, double Ndcg5, int Queries);

/// <summary>Trains a candidate model and evaluates models on the held-out later slice.</summary>
public static class Retrainer
{
    public static (RankingModel Model, double Seconds) Train(TrainingData data, TrainingOptions options,
        CancellationToken ct)
    {
        if (data.Train.RowCount == 0 || data.Holdout.RowCount == 0)
        {
            throw new InvalidOperationException(
                $"Not enough outcomes to train on: {data.Window.TrainQueries} training and {data.Window.HoldoutQueries} " +
                "held-out vacancies with a hire in the window.");
        }

        var clock = Stopwatch.StartNew();
        var model = new LambdaMartTrainer(options).Train(data.Train, data.Validation, ct);
        return (model, clock.Elapsed.TotalSeconds);
    }

    /// <summary>The model's NDCG on the held-out slice (built in the extractor's feature order, mapped to the
    /// model's by name).</summary>
    public static HoldoutScore Evaluate(RankingModel model, RankingDataset holdout)
    {
        var data = InModelOrder(model, holdout);
        var scores = model.ScoreBatch(data);
        return new HoldoutScore(RankingMetrics.MeanNdcg(data, scores, 10), RankingMetrics.MeanNdcg(data, scores, 5),
            data.QueryCount);
    }

    /// <summary>The model's score of each held-out row, in the rows' order.</summary>
    public static double[] Scores(RankingModel model, RankingDataset holdout) =>
        model.ScoreBatch(InModelOrder(model, holdout));

    /// <summary>The model's fairness on the held-out slice, beside the serving model's when there is one
    /// (<see cref="HoldoutFairness"/>).</summary>
    public static ModelFairness EvaluateFairness(RankingModel model, RankingDataset holdout,
        IReadOnlyList<CandidateGroup> groups, int? servingVersion = null, RankingModel? serving = null) =>
        HoldoutFairness.Evaluate(holdout.QueryOffsets.ToArray(), Scores(model, holdout), servingVersion,
            serving is null ? null : Scores(serving, holdout), groups);

    /// <summary>NDCG of ranking by the pre-score alone (mandatory and optional coverage and occupation match):
    /// the bar a learnt model should clear, reported in model cards.</summary>
    public static HoldoutScore EvaluateRule(RankingDataset holdout)
    {
        var mandatory = holdout.Column(FeatureNames.IndexOf(FeatureNames.MandatoryCoverage));
        var optional = holdout.Column(FeatureNames.IndexOf(FeatureNames.OptionalCoverage));
        var occupation = holdout.Column(FeatureNames.IndexOf(FeatureNames.OccupationMatch));
        var scores = new double[holdout.RowCount];
        for (var r = 0; r < scores.Length; r++)
        {
            scores[r] = (3.0 * mandatory[r]) + (0.8 * optional[r]) + (1.2 * occupation[r]);
        }

        return new HoldoutScore(RankingMetrics.MeanNdcg(holdout, scores, 10), RankingMetrics.MeanNdcg(holdout, scores, 5),
            holdout.QueryCount);
    }

    private static RankingDataset InModelOrder(RankingModel model, RankingDataset data)
    {
        var layout = new FeatureLayout(model.FeatureNames);
        if (layout.IsIdentity)
        {
            return data;
        }

        var columns = new float[model.FeatureCount][];
        for (var m = 0; m < columns.Length; m++)
        {
            var source = FeatureNames.IndexOf(model.FeatureNames[m]);
            columns[m] = source >= 0 ? data.Column(source).ToArray() : Enumerable.Repeat(float.NaN, data.RowCount).ToArray();
        }

        var offsets = data.QueryOffsets;
        var sizes = new int[data.QueryCount];
        for (var q = 0; q < sizes.Length; q++)
        {
            sizes[q] = offsets[q + 1] - offsets[q];
        }

        return RankingDataset.FromColumns(columns, data.Labels.ToArray(), sizes, model.FeatureNames);
    }
}
