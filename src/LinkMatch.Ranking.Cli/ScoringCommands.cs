using System.Globalization;

namespace LinkMatch.Ranking.Cli;

internal static class ScoringCommands
{
    private static readonly int[] Cutoffs = [1, 3, 5, 10];

    public static int Predict(CliOptions cli, TextWriter output)
    {
        var (model, data) = Load(cli, requireQueries: false);
        cli.RejectUnread();
        var scores = model.ScoreBatch(data);
        foreach (var score in scores)
        {
            output.WriteLine(score.ToString("R", CultureInfo.InvariantCulture));
        }

        return 0;
    }

    public static int Evaluate(CliOptions cli, TextWriter output)
    {
        var (model, data) = Load(cli, requireQueries: true);
        cli.RejectUnread();
        var scores = model.ScoreBatch(data);
        foreach (var k in Cutoffs)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ndcg@{k}\t{RankingMetrics.MeanNdcg(data, scores, k):F4}"));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"map\t{RankingMetrics.MeanAveragePrecision(data, scores):F4}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"queries\t{data.QueryCount}"));
        return 0;
    }

    public static int Explain(CliOptions cli, TextWriter output)
    {
        var row = cli.Int("--row", -1);
        var top = cli.Int("--top", 10);
        if (cli.Optional("--row") is null)
        {
            throw new UsageException("--row is required");
        }

        var (model, data) = Load(cli, requireQueries: false);
        cli.RejectUnread();
        if (row < 0 || row >= data.RowCount)
        {
            throw new UsageException($"--row must be in 0..{data.RowCount - 1}");
        }

        var features = new float[data.FeatureCount];
        data.CopyRow(row, features);
        var explanation = model.Explain(features);
        var culture = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(culture, $"row {row}: score {explanation.Score:R} = base {explanation.BaseValue:R} + contributions"));
        output.WriteLine("feature\tvalue\tcontribution");
        foreach (var factor in explanation.TopFactors(Math.Max(0, top)))
        {
            output.WriteLine(string.Create(culture, $"{factor.Feature}\t{factor.Value:R}\t{factor.Contribution:+0.000000;-0.000000}"));
        }

        return 0;
    }

    private static (RankingModel Model, RankingDataset Data) Load(CliOptions cli, bool requireQueries)
    {
        var modelPath = cli.Required("--model");
        var dataPath = cli.Required("--data");
        cli.RejectUnread();
        var model = RankingModel.Load(modelPath);
        return (model, LibSvmReader.Load(dataPath, model.FeatureCount, requireQueries));
    }
}
