using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Dapper;
using LinkMatch.Api.Commands;
using LinkMatch.Api.Database;
using LinkMatch.Api.Matching.Models;
using Microsoft.Extensions.Options;
using Npgsql;

namespace LinkMatch.Api.Matching.Training;

/// <summary><c>train-model --out ml-models/NAME.zip</c>: trains a model from the connected database with the same
/// data builder as the retraining job and writes the model (an ML.NET model zip), its metrics (NAME.metrics.json,
/// read when the service registers the file as its baseline, with the fairness on the held-out vacancies) and its
/// model card (NAME.md, which also shows the held-out NDCG and fairness of the model the files replace). Options:
/// <c>--trees</c>, <c>--leaves</c>, <c>--learning-rate</c>, <c>--max-depth</c>, <c>--threads</c> (default: every core), <c>--dump DIR</c> (the training, validation and
/// held-out data in LibSVM format, for other tools).</summary>
public static class TrainModelCommand
{
    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        if (CommandLine.Option(args, "out") is not { } output || !output.EndsWith(".zip", StringComparison.Ordinal))
        {
            await Console.Error.WriteLineAsync("usage: train-model --out ml-models/NAME.zip [--trees N] [--leaves N] " +
                "[--learning-rate X] [--max-depth N] [--threads N] [--dump DIR]");
            return 2;
        }

        await app.Services.GetRequiredService<Migrator>().MigrateAsync(CancellationToken.None);
        var options = app.Services.GetRequiredService<IOptions<MatchingOptions>>().Value;
        var db = app.Services.GetRequiredService<NpgsqlDataSource>();
        var now = DateTimeOffset.UtcNow;
        var data = await TrainingSetBuilder.BuildAsync(db, options, Http.Wita.Today(TimeProvider.System),
            CancellationToken.None);
        var rate = CommandLine.Option(args, "learning-rate") is { } r ? double.Parse(r, CultureInfo.InvariantCulture) : (double?)null;
        var parameters = new RetrainParameters(Int(args, "trees"), Int(args, "leaves"), rate);
        var defaults = options.Training.ToOptions();
        var trainingOptions = parameters.Apply(defaults with
        {
            Threads = Int(args, "threads") ?? 0,
            MaxDepth = Int(args, "max-depth") ?? defaults.MaxDepth,
        });
        var w = data.Window;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"training on {w.TrainRows} rows in {w.TrainQueries} vacancies ({w.ValidationQueries} for early stopping), {w.HoldoutQueries} held out"));
        if (CommandLine.Option(args, "dump") is { } dump)
        {
            Directory.CreateDirectory(dump);
            await File.WriteAllTextAsync(Path.Combine(dump, "train.svm"), LibSvm(data.Train));
            if (data.Validation is { } validation)
            {
                await File.WriteAllTextAsync(Path.Combine(dump, "valid.svm"), LibSvm(validation));
            }

            await File.WriteAllTextAsync(Path.Combine(dump, "holdout.svm"), LibSvm(data.Holdout));
        }

        var (model, seconds) = Retrainer.Train(data, trainingOptions, CancellationToken.None);
        var score = Retrainer.Evaluate(model, data.Holdout);
        var rule = Retrainer.EvaluateRule(data.Holdout);

        var name = Path.GetFileNameWithoutExtension(output);
        var folder = Path.GetDirectoryName(Path.GetFullPath(output))!;
        Directory.CreateDirectory(folder);
        var replaced = await ReadReplacedAsync(Path.Combine(folder, $"{name}.metrics.json"));
        var previous = LoadReplaced(output);
        if (replaced is not null && previous is not null)
        {
            replaced = replaced with { OnThisSlice = Retrainer.Evaluate(previous, data.Holdout) };
        }

        var groups = await HoldoutFairness.LoadGroupsAsync(db, data.HoldoutCandidates, CancellationToken.None);
        var fairness = Retrainer.EvaluateFairness(model, data.Holdout, groups, null, previous);

        await File.WriteAllBytesAsync(output, ServingModel.Serialize(model));
        var metrics = new
        {
            metrics = Jobs.RetrainJob.Metrics(model, score, null, null, seconds)
                .Append(new("rule.holdout.ndcg@10", rule.Ndcg10)).Append(new("rule.holdout.ndcg@5", rule.Ndcg5))
                .ToDictionary(),
            trainingWindow = data.Window,
            trainedAt = now,
            trainer = Trainer,
            dataSource = await DescribeSourceAsync(db),
            fairness,
        };
        await File.WriteAllTextAsync(Path.Combine(folder, $"{name}.metrics.json"),
            JsonSerializer.Serialize(metrics, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }) + "\n");
        await File.WriteAllTextAsync(Path.Combine(folder, $"{name}.md"),
            ModelCard.Write(name, model, data, score, rule, replaced, metrics.dataSource, seconds, now, fairness));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{model.TreeCount} trees in {seconds:0.0} s; held-out NDCG@10 {score.Ndcg10:0.0000} (rule {rule.Ndcg10:0.0000}), NDCG@5 {score.Ndcg5:0.0000} (rule {rule.Ndcg5:0.0000})"));
        Console.WriteLine($"wrote {output}, {name}.metrics.json and {name}.md");
        return 0;
    }

    /// <summary>The data in LibSVM ranking format (label qid:n index:value, 1-based indexes), for other tools.</summary>
    private static string LibSvm(Ranking.RankingDataset data)
    {
        var text = new System.Text.StringBuilder();
        var offsets = data.QueryOffsets;
        for (var q = 0; q < data.QueryCount; q++)
        {
            for (var r = offsets[q]; r < offsets[q + 1]; r++)
            {
                text.Append(CultureInfo.InvariantCulture, $"{data.Labels[r]} qid:{q + 1}");
                for (var f = 0; f < data.FeatureCount; f++)
                {
                    var value = data[r, f];
                    if (!float.IsNaN(value))
                    {
                        text.Append(CultureInfo.InvariantCulture, $" {f + 1}:{value:R}");
                    }
                }

                text.Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>Which trainer made the model, as the metrics file records it.</summary>
    private static readonly string Trainer = "LightGBM LambdaRank through ML.NET " + (typeof(Microsoft.ML.MLContext).Assembly
        .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "");

    /// <summary>The held-out figures of the model file about to be replaced, from its metrics file (older files
    /// name no trainer: they came from LinkMatch's own LambdaMART trainer).</summary>
    private static async Task<ReplacedModel?> ReadReplacedAsync(string metricsPath)
    {
        if (!File.Exists(metricsPath))
        {
            return null;
        }

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(metricsPath));
        var root = json.RootElement;
        if (!root.TryGetProperty("metrics", out var m) || !m.TryGetProperty("holdout.ndcg@10", out var ndcg10)
            || !m.TryGetProperty("holdout.ndcg@5", out var ndcg5))
        {
            return null;
        }

        var trainer = root.TryGetProperty("trainer", out var t) ? t.GetString()! : "LinkMatch's own LambdaMART trainer";
        var trainedAt = root.TryGetProperty("trainedAt", out var at) && at.TryGetDateTimeOffset(out var when) ? when : DateTimeOffset.UnixEpoch;
        var queries = m.TryGetProperty("holdout.queries", out var q) ? q.GetInt32() : 0;
        return new ReplacedModel(trainer, trainedAt, ndcg10.GetDouble(), ndcg5.GetDouble(), queries);
    }

    /// <summary>The model file about to be replaced, to score on the new held-out slice: its figures "as measured
    /// then" may come from other data (another demo world). Null when there is no file or it cannot be read.</summary>
    private static Ranking.RankingModel? LoadReplaced(string modelPath)
    {
        try
        {
            return File.Exists(modelPath) ? Ranking.RankingModel.Load(modelPath) : null;
        }
        catch (Ranking.ModelFormatException)
        {
            return null;
        }
    }

    private static int? Int(string[] args, string name) =>
        CommandLine.Option(args, name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : null;

    private static async Task<string> DescribeSourceAsync(NpgsqlDataSource db)
    {
        await using var conn = await db.OpenConnectionAsync();
        var demo = await conn.QueryFirstOrDefaultAsync<DemoLoad>("select seed, anchor from demo_loads order by id limit 1");
        return demo is { } d
            ? string.Create(CultureInfo.InvariantCulture,
                $"the demo world (`Demo:Seed` {d.Seed}, anchor {d.Anchor:yyyy-MM-dd}; src/LinkMatch.Api/Demo/README.md), whose hiring history follows a documented hidden fit")
            : "the connected LinkMatch database";
    }

    private sealed class DemoLoad
    {
        public int Seed { get; init; }
        public DateOnly Anchor { get; init; }
    }
}
