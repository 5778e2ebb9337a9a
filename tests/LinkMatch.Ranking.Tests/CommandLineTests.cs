namespace LinkMatch.Ranking.Tests;

public class CommandLineTests
{
    [Fact]
    public void Train_predict_eval_and_explain_work_end_to_end()
    {
        using var folder = new TempFolder();
        var data = WriteLibSvm(folder, "train.txt", TestData.Synthetic(40, 12, features: 5, seed: 3));
        var model = folder.File("model.zip");
        var (code, output, _) = Run("train", "--data", data, "--valid", data, "--out", model, "--trees", "20", "--leaves", "8",
            "--min-leaf", "5", "--threads", "2", "--seed", "1", "--quiet");
        Assert.Equal(0, code);
        Assert.Contains("train_seconds=", output, StringComparison.Ordinal);

        (code, output, _) = Run("predict", "--model", model, "--data", data);
        Assert.Equal(0, code);
        var scores = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(File.ReadAllLines(data).Length, scores.Length);
        var loaded = RankingModel.Load(model);
        Assert.Equal(loaded.ScoreBatch(LibSvmReader.Load(data, loaded.FeatureCount))[5], double.Parse(scores[5], System.Globalization.CultureInfo.InvariantCulture));

        (code, output, _) = Run("eval", "--model", model, "--data", data);
        Assert.Equal(0, code);
        Assert.Matches(@"ndcg@1\t[01]\.\d{4}\nndcg@3\t.*\nndcg@5\t.*\nndcg@10\t", output.Replace("\r", "", StringComparison.Ordinal));

        (code, output, _) = Run("explain", "--model", model, "--data", data, "--row", "3");
        Assert.Equal(0, code);
        Assert.Contains("row 3: score", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("fly")]
    [InlineData("train --out m.zip")]
    [InlineData("train --data x --out m.zip --trees many")]
    [InlineData("train --data x --out m.zip --leaves 1")]
    [InlineData("train --data x --out m.zip --colour red")]
    [InlineData("train --data x --out m.zip --eval-at 10")]
    [InlineData("predict --model")]
    [InlineData("explain --model m.zip --data x")]
    public void Usage_errors_print_usage_and_exit_2(string commandLine)
    {
        var (code, _, error) = Run(commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(2, code);
        Assert.Contains("usage:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_data_exits_1_naming_file_and_line()
    {
        using var folder = new TempFolder();
        var path = folder.File("bad.txt", "1 1:0.5\n0 1:oops\n");
        folder.File("bad.txt.query", "2\n");
        var (code, _, error) = Run("train", "--data", path, "--out", folder.File("m.zip"));
        Assert.Equal(1, code);
        Assert.Contains("bad.txt:2: value 'oops'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Query_sizes_that_do_not_add_up_exit_1_naming_the_query_file()
    {
        using var folder = new TempFolder();
        var path = folder.File("short.txt", "1 1:0.5\n0 1:0.25\n2 1:0.75\n");
        folder.File("short.txt.query", "2\n2\n");
        var model = folder.File("m.zip");
        var (code, _, error) = Run("train", "--data", path, "--out", model);
        Assert.Equal(1, code);
        Assert.Contains("short.txt.query: query sizes sum to 4 but", error, StringComparison.Ordinal);
        Assert.False(File.Exists(model));
    }

    [Fact]
    public void A_model_that_is_not_a_model_zip_exits_1()
    {
        using var folder = new TempFolder();
        var data = WriteLibSvm(folder, "d.txt", TestData.Synthetic(2, 4, features: 4));
        var (code, _, error) = Run("predict", "--model", folder.File("m.json", "{\"format\":\"linkmatch-ranking-model\",\"version\":1}"), "--data", data);
        Assert.Equal(1, code);
        Assert.Contains("m.json: ", error, StringComparison.Ordinal);
        Assert.Contains("former trainer (format version 1)", error, StringComparison.Ordinal);

        (code, _, error) = Run("predict", "--model", folder.File("m.zip", "not a zip"), "--data", data);
        Assert.Equal(1, code);
        Assert.Contains("m.zip: not a ranking model: the file is not a zip", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_trained_file_is_an_ml_net_model_that_scores_as_predict_prints()
    {
        using var folder = new TempFolder();
        var set = TestData.Synthetic(30, 10, features: 5, seed: 9, missing: 0.1);
        var data = WriteLibSvm(folder, "train.txt", set);
        var model = folder.File("model.zip");
        Assert.Equal(0, Run("train", "--data", data, "--out", model, "--trees", "10", "--leaves", "6", "--learning-rate", "0.2",
            "--bins", "63", "--min-hessian", "0.01", "--lambda", "2", "--threads", "1", "--seed", "4", "--quiet").Code);
        var (code, output, _) = Run("predict", "--model", model, "--data", data);
        Assert.Equal(0, code);
        var printed = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => double.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var loaded = RankingModel.Load(model);
        Assert.Equal(new TrainingOptions { Trees = 10, Leaves = 6, LearningRate = 0.2, MaxBins = 63, MinHessianPerLeaf = 0.01, L2 = 2, Threads = 1, Seed = 4 }, loaded.Options);
        // libsvm indexes from 1: the file's rows have an empty column 0.
        var read = LibSvmReader.Load(data, loaded.FeatureCount);
        var rows = Enumerable.Range(0, read.RowCount).Select(r => TestData.Row(read, r)).ToList();
        var mlNet = MlNetParity.TransformScores(loaded, rows);
        Assert.True(printed.Zip(mlNet).All(p => Math.Abs(p.First - p.Second) <= 1e-5));
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = Cli.RankCommandLine.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private static string WriteLibSvm(TempFolder folder, string name, RankingDataset data)
    {
        var lines = new List<string>();
        for (var r = 0; r < data.RowCount; r++)
        {
            var row = TestData.Row(data, r);
            lines.Add(string.Join(' ', [data.Labels[r].ToString(System.Globalization.CultureInfo.InvariantCulture),
                .. row.Select((v, f) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{f + 1}:{v:R}"))]));
        }

        var path = folder.File(name);
        File.WriteAllLines(path, lines);
        var sizes = new List<string>();
        for (var q = 0; q < data.QueryCount; q++)
        {
            sizes.Add((data.QueryOffsets[q + 1] - data.QueryOffsets[q]).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        File.WriteAllLines(path + ".query", sizes);
        return path;
    }
}
