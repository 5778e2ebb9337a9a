// ml-models/README.md quotes the code between the markers word for word (ReadmeSnippetTests checks it), and
// ReadmeSnippetTests runs it on the shipped baseline.
// snippet:start
using Microsoft.ML;
using Microsoft.ML.Data;

namespace LinkMatch.Examples;

public sealed class Candidate
{
    /// <summary>The 20 features in the order of the table in ml-models/README.md; NaN where unknown.</summary>
    [VectorType(20)]
    public float[] Features { get; set; } = new float[20];
}

public sealed class CandidateScore
{
    /// <summary>Higher ranks first; only the order within one vacancy's candidates means anything.</summary>
    public float Score { get; set; }
}

public static class BaselineScoring
{
    /// <summary>Many rows at once: Transform, which is thread-safe.</summary>
    public static float[] ScoreAll(string modelPath, IEnumerable<Candidate> candidates)
    {
        var ml = new MLContext();
        ITransformer model = ml.Model.Load(modelPath, out DataViewSchema _);
        IDataView scored = model.Transform(ml.Data.LoadFromEnumerable(candidates));
        return scored.GetColumn<float>("Score").ToArray();
    }

    /// <summary>One row: a PredictionEngine, which is not thread-safe (one per thread).</summary>
    public static float ScoreOne(string modelPath, Candidate candidate)
    {
        var ml = new MLContext();
        ITransformer model = ml.Model.Load(modelPath, out DataViewSchema _);
        using var engine = ml.Model.CreatePredictionEngine<Candidate, CandidateScore>(model);
        return engine.Predict(candidate).Score;
    }
}
// snippet:end
