using System.Security.Cryptography;
using System.Text;
using LinkMatch.Api.Matching.Features;
using LinkMatch.Ranking;

namespace LinkMatch.Api.Matching.Models;

/// <summary>A loaded model with its version and the mapping from the extractor's features to its own.</summary>
public sealed class ServingModel
{
    public ServingModel(int version, RankingModel model)
    {
        Version = version;
        Model = model;
        Layout = new FeatureLayout(model.FeatureNames);
    }

    public int Version { get; }

    public RankingModel Model { get; }

    public FeatureLayout Layout { get; }

    public static RankingModel Parse(string json)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        return RankingModel.Load(stream);
    }

    public static string Serialize(RankingModel model)
    {
        using var stream = new MemoryStream();
        model.Save(stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static string Sha256(string json) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
}

/// <summary>The baseline model that ships inside the binary (ml-models/NAME.json, embedded), with the metrics file
/// <c>train-model</c> wrote beside it (NAME.metrics.json). It serves when no model does (a new database).</summary>
public static class BaselineModel
{
    public static (string Json, string? MetricsJson) Read(string name)
    {
        var assembly = typeof(BaselineModel).Assembly;
        using var model = assembly.GetManifestResourceStream($"ml-models/{name}.json")
            ?? throw new InvalidOperationException(
                $"The baseline model ml-models/{name}.json is not embedded in the binary (Matching:BaselineModel).");
        using var reader = new StreamReader(model, Encoding.UTF8);
        var json = reader.ReadToEnd();
        using var metrics = assembly.GetManifestResourceStream($"ml-models/{name}.metrics.json");
        if (metrics is null)
        {
            return (json, null);
        }

        using var metricsReader = new StreamReader(metrics, Encoding.UTF8);
        return (json, metricsReader.ReadToEnd());
    }
}
