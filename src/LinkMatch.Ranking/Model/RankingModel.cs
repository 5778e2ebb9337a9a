namespace LinkMatch.Ranking;

/// <summary>
/// A trained ranking model: scores feature vectors (higher ranks first), explains scores, and saves to or loads
/// from its file, an ML.NET model zip (see <see cref="Save(Stream)"/>). Scoring and explaining walk LinkMatch's own
/// copy of the trees, which scores exactly as ML.NET does. Thread-safe for scoring and explaining.
/// </summary>
public sealed class RankingModel
{
    private readonly string[] _featureNames;
    private readonly RegressionTree[] _trees;
    private readonly FlatForest _forest;
    private readonly BitvectorForest? _bitvectors;
    private readonly byte[] _package;

    internal RankingModel(
        string[] featureNames, RegressionTree[] trees, TrainingOptions options, IReadOnlyDictionary<string, double> metrics,
        string dataFingerprint, byte[] package)
    {
        _featureNames = featureNames;
        _trees = trees;
        _package = package;
        Options = options;
        Metrics = metrics;
        DataFingerprint = dataFingerprint;
        _forest = new FlatForest(trees, featureNames.Length);
        _bitvectors = BitvectorForest.TryCreate(trees, featureNames.Length);
        double expected = 0;
        foreach (var tree in trees)
        {
            expected += TreeShap.ExpectedValue(tree);
        }

        BaseValue = expected;
    }

    public IReadOnlyList<string> FeatureNames => _featureNames;

    public int FeatureCount => _featureNames.Length;

    public int TreeCount => _trees.Length;

    /// <summary>The options the model was trained with.</summary>
    public TrainingOptions Options { get; }

    /// <summary>Quality measured at the end of training: "train.ndcg@10", "valid.ndcg@10", "train.map", "best_round" ...</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; }

    /// <summary>SHA-256 of the training data ("sha256:hex"), to tell which data a model came from.</summary>
    public string DataFingerprint { get; }

    /// <summary>The mean score over the training rows, from which explanations start.</summary>
    public double BaseValue { get; }

    internal IReadOnlyList<RegressionTree> Trees => _trees;

    internal bool UsesBitvectors => _bitvectors is not null;

    /// <summary>Scores one row: <paramref name="features"/> in the order of <see cref="FeatureNames"/>, NaN for missing.</summary>
    public double Score(ReadOnlySpan<float> features)
    {
        CheckWidth(features.Length);
        return _forest.Score(features);
    }

    /// <summary>Scores rows stored one after another (<see cref="FeatureCount"/> values each) into <paramref name="scores"/>.</summary>
    public void ScoreBatch(ReadOnlySpan<float> rows, Span<double> scores)
    {
        if (rows.Length != scores.Length * FeatureCount)
        {
            throw new ArgumentException(
                $"{rows.Length} values do not make {scores.Length} rows of {FeatureCount} features", nameof(rows));
        }

        ScoreRows(rows, scores);
    }

    /// <summary>One score a row of the dataset, in row order.</summary>
    public double[] ScoreBatch(RankingDataset data, int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckWidth(data.FeatureCount);
        var scores = new double[data.RowCount];
        const int Block = 1024;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount };
        Parallel.For(0, (data.RowCount + Block - 1) / Block, parallel, () => new float[Block * FeatureCount], (block, _, rows) =>
        {
            var start = block * Block;
            var count = Math.Min(Block, data.RowCount - start);
            for (var f = 0; f < FeatureCount; f++)
            {
                var column = data.Column(f).Slice(start, count);
                for (var r = 0; r < count; r++)
                {
                    rows[(r * FeatureCount) + f] = column[r];
                }
            }

            ScoreRows(rows.AsSpan(0, count * FeatureCount), scores.AsSpan(start, count));
            return rows;
        }, static _ => { });
        return scores;
    }

    /// <summary>Exact TreeSHAP contributions of every feature to this row's score.</summary>
    public ScoreExplanation Explain(ReadOnlySpan<float> features)
    {
        CheckWidth(features.Length);
        var phi = new double[FeatureCount];
        var shap = new TreeShap();
        foreach (var tree in _trees)
        {
            shap.Add(tree, features, phi);
        }

        var contributions = new FeatureContribution[FeatureCount];
        for (var f = 0; f < FeatureCount; f++)
        {
            contributions[f] = new FeatureContribution(_featureNames[f], features[f], phi[f]);
        }

        return new ScoreExplanation(BaseValue, Score(features), contributions);
    }

    /// <summary>Total split gain per feature, most important first; features never split on are left out.</summary>
    public IReadOnlyList<FeatureImportance> GainImportance()
    {
        var gains = new double[FeatureCount];
        var splits = new int[FeatureCount];
        double total = 0;
        foreach (var tree in _trees)
        {
            for (var n = 0; n < tree.NodeCount; n++)
            {
                gains[tree.Feature[n]] += tree.Gain[n];
                splits[tree.Feature[n]]++;
                total += tree.Gain[n];
            }
        }

        var result = new List<FeatureImportance>();
        for (var f = 0; f < FeatureCount; f++)
        {
            if (splits[f] > 0)
            {
                result.Add(new FeatureImportance(_featureNames[f], gains[f], total > 0 ? gains[f] / total : 0, splits[f]));
            }
        }

        result.Sort(static (a, b) => b.Gain.CompareTo(a.Gain));
        return result;
    }

    /// <summary>
    /// Writes the model file: the zip <c>mlContext.Model.Save</c> wrote at training (input: a <c>Features</c> vector
    /// of <see cref="FeatureCount"/> floats in <see cref="FeatureNames"/> order, NaN for unknown; output:
    /// <c>Score</c>), with LinkMatch's covers and metadata as one more entry. The same model gives the same bytes.
    /// </summary>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Write(_package);
    }

    public void Save(string path)
    {
        using var stream = File.Create(path);
        Save(stream);
    }

    /// <summary>The model file's bytes, as <see cref="Save(Stream)"/> writes them.</summary>
    public ReadOnlyMemory<byte> ToBytes() => _package;

    /// <summary>Reads a model saved by <see cref="Save(Stream)"/>; throws <see cref="ModelFormatException"/> for anything else.</summary>
    public static RankingModel Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return ModelPackage.Read(copy.ToArray());
    }

    public static RankingModel Load(string path)
    {
        using var stream = File.OpenRead(path);
        try
        {
            return Load(stream);
        }
        catch (ModelFormatException e)
        {
            throw new ModelFormatException($"{path}: {e.Message}", e);
        }
    }

    private void ScoreRows(ReadOnlySpan<float> rows, Span<double> scores)
    {
        if (_bitvectors is not null)
        {
            _bitvectors.ScoreRows(rows, FeatureCount, scores);
        }
        else
        {
            _forest.ScoreRows(rows, scores);
        }
    }

    private void CheckWidth(int width)
    {
        if (width != FeatureCount)
        {
            throw new ArgumentException($"{width} features given, the model has {FeatureCount}");
        }
    }
}
